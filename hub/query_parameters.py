"""The query parameters every route reads, declared in one place.

A route says here which GET parameters it reads, so that the hostile-input test
(`tests/test_fuzz_get_routes.py`) can send each of them NUL bytes, quotes, search syntax,
unbalanced parentheses, very long and invalid UTF-8 values, and huge numbers. A route missing
from this module fails that test: adding a route means declaring what it reads.

Keys are the route's pattern as the URL resolver describes it, without the language prefix
(`iter_routes()` gives them). Pages served by Wagtail's catch-all route declare their
parameters per page type in `PAGE_TYPES`; the two admins per prefix in `ADMIN_PREFIXES`.
"""

from django.urls import URLPattern, URLResolver, get_resolver

NEXT = ("next",)
PAGINATION = ("page",)
SEARCH = ("q", "kind", "organisation", "tag", "status", "maturity", "locale", "page", "page_size", "refine")

# Wagtail's read-only API: the filters and options its viewsets read (wagtail.api.v2.filters).
API_LISTING = ("fields", "order", "limit", "offset", "search", "search_operator", "id", "title", "type", "locale")
API_PAGE_LISTING = (
    *API_LISTING,
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "slug",
    "show_in_menus",
    "has_children",
)
API_MEDIA_LISTING = (*API_LISTING, "tags")
API_DETAIL = ("fields",)

ROUTES = {
    # Wagtail's documents, sitemap and page utilities
    r"documents/^(\d+)/(.*)$": (),
    "documents/authenticate_with_password/<int:restriction_id>/": ("next",),
    "sitemap.xml": ("p",),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": NEXT,
    "_util/login/": NEXT,
    # Wagtail API v2
    "api/v2/^pages/": API_PAGE_LISTING,
    "api/v2/^pages/<int:pk>/": API_DETAIL,
    "api/v2/^pages/find/": ("html_path", "id", "fields"),
    "api/v2/^images/": API_MEDIA_LISTING,
    "api/v2/^images/<int:pk>/": API_DETAIL,
    "api/v2/^images/find/": ("id", "fields"),
    "api/v2/^documents/": API_MEDIA_LISTING,
    "api/v2/^documents/<int:pk>/": API_DETAIL,
    "api/v2/^documents/find/": ("id", "fields"),
    # hub
    "sante/": (),
    "traduction-indisponible/": ("from",),
    "publier-un-guide/": (),
    "organisations/": (),
    "organisations/<slug:slug>/": (),
    "bilan/": (),
    # search
    "api/v1/search/": SEARCH,
    "api/v1/search/suggest/": ("q", "locale"),
    "api/v1/search/similar-ideas/": ("q", "locale"),
    "recherche/": SEARCH,
    # ideas
    "idees/": ("q", "tri", "statut", "theme", "organisation", "appuyee_par", "mes", "page"),
    "idees/proposer/": (),
    "idees/notifications/": PAGINATION,
    "idees/desabonnement/<str:token>/": (),
    "idees/flux/nouvelles-idees/": (),
    "idees/flux/statuts/": (),
    "idees/<int:pk>/": (),
    "idees/<int:pk>-<slug:slug>/": (),
    "idees/<int:pk>/modifier/": (),
    "idees/<int:pk>/voter/": (),
    "idees/<int:pk>/suivre/": (),
    "idees/<int:pk>/commenter/": (),
    "idees/<int:pk>/signaler/": (),
    "idees/<int:pk>/statut/": (),
    "idees/<int:pk>/fusionner/": ("q", "partiel"),
    "idees/<int:pk>/appuyer/": (),
    "idees/<int:pk>/lier/": (),
    "idees/<int:pk>/lier/<int:link_id>/retirer/": (),
    "idees/commentaires/<int:pk>/modifier/": (),
    "idees/commentaires/<int:pk>/retirer/": (),
    "idees/commentaires/<int:pk>/signaler/": (),
    "idees/commentaires/<int:pk>/moderer/": (),
    # accounts
    "compte/profil/": (),
    "compte/mes-donnees/": (),
    "compte/mes-donnees/telecharger/": (),
    "compte/supprimer/": (),
    "compte/supprime/": (),
    "compte/invitation/<str:token>/": (),
    # allauth (sign-in, sign-up, email, password, two-factor, single sign-on)
    "comptes/login/": (*NEXT, "email"),
    "comptes/logout/": NEXT,
    "comptes/inactive/": (),
    "comptes/signup/": (*NEXT, "email"),
    "comptes/reauthenticate/": NEXT,
    "comptes/reauthenticate/code/": NEXT,
    "comptes/reauthenticate/code/confirm/": NEXT,
    "comptes/email/": (),
    "comptes/confirm-email/": (),
    "comptes/password/change/": (),
    "comptes/password/set/": (),
    "comptes/password/reset/": (),
    "comptes/login/code/confirm/": NEXT,
    r"comptes/^confirm-email/(?P<key>[-:\w]+)/$": (),
    "comptes/password/reset/key/done/": (),
    r"comptes/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (),
    "comptes/password/reset/done/": (),
    "comptes/2fa/": (),
    "comptes/2fa/authenticate/": NEXT,
    "comptes/2fa/reauthenticate/": NEXT,
    "comptes/2fa/totp/activate/": (),
    "comptes/2fa/totp/deactivate/": (),
    "comptes/2fa/recovery-codes/": (),
    "comptes/2fa/recovery-codes/generate/": (),
    "comptes/2fa/recovery-codes/download/": (),
    "comptes/3rdparty/login/cancelled/": (),
    "comptes/3rdparty/login/error/": (),
    "comptes/3rdparty/signup/": (),
    "comptes/3rdparty/": (),
    "comptes/social/login/cancelled/": (),
    "comptes/social/login/error/": (),
    "comptes/social/signup/": (),
    "comptes/social/connections/": (),
    "comptes/oidc/^(?P<provider_id>[^/]+)/login/": ("process", *NEXT),
    "comptes/oidc/^(?P<provider_id>[^/]+)/login/callback/": ("code", "state", "error"),
    # Wagtail's catch-all: every page, see PAGE_TYPES
    r"^((?:[\w\-]+/)*)$": (),
}

LISTING_GUIDES = ("q", "theme", "audience", "organisation", "sort", "page")
LISTING_COMPONENTS = ("q", "type", "maturity", "licence", "technology", "organisation", "sort", "page")

# Pages, by "app_label.ModelName", with the sub-routes of routable pages.
PAGE_TYPES = {
    "hub.HomePage": (),
    "hub.StandardPage": (),
    "hub.GuideIndexPage": LISTING_GUIDES,
    "hub.GuidePage": (),
    "hub.ComponentIndexPage": LISTING_COMPONENTS,
    "hub.ComponentPage": (),
}
PAGE_SUBROUTES = {
    "hub.GuideIndexPage": ("flux/rss/", "flux/atom/"),
    "hub.ComponentIndexPage": ("flux/rss/", "flux/atom/"),
    "hub.GuidePage": ("avis/", "signaler/"),
    "hub.ComponentPage": ("avis/", "signaler/", "adoption/", "adoption/retirer/"),
}

# The Wagtail admin and Django's admin: what their listings, choosers and forms read.
ADMIN_PREFIXES = {
    "admin/": ("q", "p", "ordering", "locale", "next", "collection_id", "tag", "status", "statut"),
    "django-admin/": ("q", "p", "o", "_changelist_filters", "next"),
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        described = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, described, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield described, name, entry


def iter_routes():
    """(key, name, URLPattern) for every route of the project's URL configuration."""
    yield from _walk(get_resolver().url_patterns)


def parameters_of(key):
    """The declared query parameters of a route key; KeyError for a route nobody declared."""
    for prefix, parameters in ADMIN_PREFIXES.items():
        if key.startswith(prefix):
            return parameters
    return ROUTES[key]
