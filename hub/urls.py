import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub import views, views_organisations
from hub.api import api_router
from hub.sitemaps import SITEMAPS

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"

urlpatterns = [
    # Both admins sign in through allauth (rate limits, email verification, two-factor authentication).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v2/", api_router.urls),  # read-only Wagtail API (pages, images, documents)
    path("sante/", views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("traduction-indisponible/", views.translation_missing, name="translation_missing"),
    path("publier-un-guide/", views.publish_guide, name="publish_guide"),
    path("organisations/", views_organisations.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views_organisations.organisation_detail, name="organisation_detail"),
    path("bilan/", views_organisations.public_report, name="public_report"),
    path("", include("search.urls")),
    path("idees/", include("ideas.urls")),
    path("compte/", include("accounts.urls")),
    path("comptes/", include("allauth.urls")),
    # Wagtail's front-end sign-in form takes a password alone: one sign-in path, allauth's.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Feature apps add their routes above, before Wagtail's catch-all.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Wagtail's image folders: originals, renditions, admin avatars. Documents are not among them: they are
# served only by Wagtail's document view (/documents/<id>/<file>), which checks the collection's privacy.
PUBLIC_MEDIA_FOLDERS = ("original_images", "images", "avatar_images")

if settings.DEBUG or settings.SERVE_MEDIA:
    # Django's static() helper only works with DEBUG: declare the route directly (SERVE_MEDIA).
    folders = "|".join(PUBLIC_MEDIA_FOLDERS)
    urlpatterns = [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>(?:{folders})/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
