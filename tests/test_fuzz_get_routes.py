"""Every GET route, fed hostile values in each declared query parameter and in its path: never a 500.

The routes come from the URL resolver; their parameters from `hub.query_parameters` (a route
missing there fails `test_every_route_declares_its_query_parameters`). One small data set is
built once, so that routes taking a slug, a primary key or a token reach their real code.
"""

import time
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from hub import query_parameters
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Already percent-encoded: they go into the query string as they are. Each declared parameter
# gets every value of the first list alone; the second list goes to all of a route's parameters
# at once (one request per value), to keep the test well under a minute.
EACH_PARAMETER = [
    "a%00b",  # NUL: PostgreSQL refuses it in text
    "%22NEAR(a%20b)%20*%20%5E2%20title%3Aa%20((((",  # quotes, search syntax, unbalanced parentheses
    "x" * 3000,
    "%FF%FE%C3%28",  # invalid UTF-8
    "99999999999999999999999999",  # beyond any integer column
]
ALL_PARAMETERS_AT_ONCE = ["%00", "%27%3B--", "a))))", "%ED%A0%80", "-1", "1e309", "%0D%0ABcc%3A%20x"]
# Raw: they replace a value taken from the path (a primary key, a slug, a token).
HOSTILE_PATH_VALUES = ["0", "99999999999999999999999999", "\x00", "'\"(", "x" * 3000]
# Appended to a route's path.
HOSTILE_SUFFIXES = ["%00/", "%FF%FE/", "x" * 3000 + "/"]


@pytest.fixture
def data_set(home_page):
    from hub.site_tree import index_pages as ensure_index_pages
    from ideas import services
    from ideas.models import Comment

    index_pages = ensure_index_pages()
    from tests.hub.factories import make_component, make_guide

    guide = make_guide(index_pages["guides"]["fr"], title="Guide à tester")
    component = make_component(index_pages["composantes"]["fr"], title="Composante à tester")
    organisation = OrganisationFactory(name="Ministère fuzz", slug="mcn-fuzz")
    member = UserFactory(username="fuzz@gouv.qc.ca")
    idea = services.propose_idea(
        member,
        title="Une idée pour le fuzz",
        problem="Un problème.",
        solution="Une solution.",
        benefits="Des bénéfices.",
        organisation=organisation,
    )
    services.add_comment(member, idea, "Un commentaire")
    from accounts.models import Invitation
    from ideas.notifications import unsubscribe_token

    invitation = Invitation.objects.create(email="invitee@exemple.org")
    image = Image.objects.create(title="Image", file=get_test_image_file())
    document = Document.objects.create(title="Doc", file=ContentFile(b"%PDF-1.4", name="doc.pdf"))
    pages = [home_page, index_pages["guides"]["fr"], guide, index_pages["composantes"]["fr"], component]
    return {
        "pages": [page.specific for page in pages],
        "member": member,
        "args": {
            "wagtaildocs_serve": [document.pk, "doc.pdf"],
            "wagtaildocs_authenticate_with_password": {"restriction_id": 1},
            "wagtailapi:pages:detail": {"pk": guide.pk},
            "wagtailapi:images:detail": {"pk": image.pk},
            "wagtailapi:documents:detail": {"pk": document.pk},
            "ideas:unsubscribe": {"token": unsubscribe_token(member, idea)},
            "ideas:detail": {"pk": idea.pk, "slug": idea.slug},
            "organisation_detail": {"slug": organisation.slug},
            "ideas:unlink_page": {"pk": idea.pk, "link_id": 1},
            "accounts:accept_invitation": {"token": invitation.token},
            "account_confirm_email": {"key": "cle-inconnue"},
            "account_reset_password_from_key": {"uidb36": "1", "key": "set-password"},
            "openid_connect_login": {"provider_id": "gouvernement"},
            "openid_connect_callback": {"provider_id": "gouvernement"},
            "wagtailcore_authenticate_with_password": {"page_view_restriction_id": 1, "page_id": guide.pk},
        },
        "idea_pk": idea.pk,
        "comment_pk": Comment.objects.get(idea=idea).pk,
    }


def _public_routes():
    return [
        (key, name, pattern)
        for key, name, pattern in query_parameters.iter_routes()
        if not key.startswith(tuple(query_parameters.ADMIN_PREFIXES))
    ]


def _kwargs_for(name, pattern, data):
    if name in data["args"]:
        return data["args"][name]
    converters = getattr(pattern.pattern, "converters", {})
    if "pk" in converters:
        return {"pk": data["comment_pk"] if name.startswith("ideas:comment_") else data["idea_pk"]}
    return {}


def _paths(key, name, pattern, data):
    """The route's real path, then hostile variants of its path values."""
    if name == "wagtail_serve":
        return [page.url for page in data["pages"]], []
    if name is None:
        return ["/" + key], []
    kwargs = _kwargs_for(name, pattern, data)
    try:
        path = reverse(name, args=kwargs) if isinstance(kwargs, list) else reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        pytest.fail(f"no sample path for route {key!r} ({name}): add its arguments to the data set")
    hostile = []
    items = enumerate(kwargs) if isinstance(kwargs, list) else kwargs.items()
    for slot, _value in list(items):
        for value in HOSTILE_PATH_VALUES:
            changed = list(kwargs) if isinstance(kwargs, list) else dict(kwargs)
            changed[slot] = value
            try:
                hostile.append(
                    reverse(name, args=changed) if isinstance(changed, list) else reverse(name, kwargs=changed)
                )
            except NoReverseMatch:
                continue  # the route's converter refuses the value before any code runs
    return [path], hostile


def _suffix_reaches_the_route(name, pattern):
    """A suffix after a route's path reaches that route's own code only for pages (Wagtail's
    catch-all, routable pages) and routes ending in a catch-all value; after any other route it is
    one more page that does not exist, already walked once per page."""
    if name == "wagtail_serve":
        return True
    described = str(pattern.pattern)
    return described.endswith(("(.*)$", "(.+)$", ".+)/$")) or "<path:" in described


def _page_parameters(page):
    return query_parameters.PAGE_TYPES[f"{page._meta.app_label}.{page.__class__.__name__}"]


def test_every_route_declares_its_query_parameters():
    missing = []
    for key, _name, _pattern in query_parameters.iter_routes():
        try:
            query_parameters.parameters_of(key)
        except KeyError:
            missing.append(key)
    assert missing == [], f"routes without a declaration in hub/query_parameters.py: {missing}"


def test_every_page_type_declares_its_query_parameters():
    from wagtail.models import get_page_models

    ours = [model for model in get_page_models() if model._meta.app_label == "hub"]
    undeclared = [model.__name__ for model in ours if f"hub.{model.__name__}" not in query_parameters.PAGE_TYPES]
    assert undeclared == []


class Walk:
    """The GET requests of one walk: each in its own savepoint, counted and timed per route; a 5xx is noted."""

    def __init__(self):
        self.failures, self.requests, self.durations = [], 0, {}
        self.started = time.perf_counter()

    def get(self, client, url):
        self.requests += 1
        # One savepoint per request: a request is its own transaction in production, and a
        # query error must not poison the next requests of this test's transaction.
        savepoint = transaction.savepoint()
        response = client.get(url)
        transaction.savepoint_rollback(savepoint)
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} GET {url[:160]}")

    @contextmanager
    def route(self, key):
        """Count the time of the requests made in this block as route `key`'s."""
        started = time.perf_counter()
        yield
        self.durations[key] = time.perf_counter() - started

    def assert_no_failure(self, what):
        """Print the count and the slowest routes; fail on any 5xx, or on a walk too short to prove anything."""
        print(f"{self.requests} {what} in {time.perf_counter() - self.started:.1f} s")
        for key, seconds in sorted(self.durations.items(), key=lambda item: -item[1])[:12]:
            print(f"{seconds:6.2f} s  {key}")
        assert self.requests > 500
        assert self.failures == [], "\n".join(self.failures)


def test_no_get_route_answers_500_to_hostile_input(data_set):
    anonymous = Client(raise_request_exception=False)
    member = Client(raise_request_exception=False)
    member.force_login(data_set["member"])
    walk = Walk()
    for key, name, pattern in _public_routes():
        paths, hostile_paths = _paths(key, name, pattern, data_set)
        # Member routes are walked signed in too: most of their code is behind the sign-in.
        clients = [anonymous, member] if key.startswith(("idees/", "compte/")) else [anonymous]
        with walk.route(key):
            for client in clients:
                for path in paths:
                    parameters = query_parameters.parameters_of(key)
                    if name == "wagtail_serve":
                        page = next(page for page in data_set["pages"] if page.url == path)
                        parameters = _page_parameters(page)
                        for subroute in query_parameters.PAGE_SUBROUTES.get(
                            f"{page._meta.app_label}.{page.__class__.__name__}", ()
                        ):
                            walk.get(client, path + subroute)
                    walk.get(client, path)
                    for parameter in parameters:
                        for value in EACH_PARAMETER:
                            walk.get(client, f"{path}?{parameter}={value}")
                    if parameters:
                        for value in ALL_PARAMETERS_AT_ONCE:
                            walk.get(client, path + "?" + "&".join(f"{parameter}={value}" for parameter in parameters))
                    if _suffix_reaches_the_route(name, pattern):
                        for suffix in HOSTILE_SUFFIXES:
                            walk.get(client, path + suffix)
                for path in hostile_paths:
                    walk.get(client, path)
    walk.assert_no_failure("requests")


# The admins: every route of the Wagtail admin and of Django's admin, requested signed in (two
# factors) by a superuser and by a moderator-editor. Their parameters are declared per prefix, so
# each request gives every parameter a different hostile value, turning the values round from one
# request to the next: each parameter meets each value once in len(ADMIN_VALUES) requests.
ADMIN_VALUES = ["%00", "99999999999999999999999999", "%22%27(NEAR%20*%20title%3A", "-1", "%FF%FE", "x" * 3000]
# Raw: they replace a primary key, an id or a slug taken from the path ("-1" and long values are
# refused by the routes' converters or behave as the quotes do).
ADMIN_PATH_VALUES = ["0", "99999999999999999999999999", "'\"("]
# The hub's own admin code: its views, and Wagtail's generic views over the hub's models.
OUR_MODULES = ("hub.", "ideas.", "accounts.", "search.")
OUR_ROUTE_NAMES = ("hub_", "ideas_", "idees:", "themes_idees:", "wagtailsnippets_", "wagtailsnippetchoosers_")


@pytest.fixture
def admin_data(data_set, organisations):
    from django.contrib.auth.models import Group
    from taggit.models import Tag

    from accounts.roles import EDITOR, MODERATOR, ensure_roles
    from hub.models import MembershipRequest, Organisation
    from ideas import services
    from ideas.models import Idea, Report, Theme
    from search.models import Synonym

    ensure_roles()
    idea = Idea.objects.get(pk=data_set["idea_pk"])
    services.report(data_set["member"], reason=Report.Reason.choices[0][0], idea=idea)
    membership = MembershipRequest.objects.create(user=data_set["member"], organisation=Organisation.objects.first())
    theme = Theme.objects.create(name="Thème fuzz", slug="theme-fuzz")
    synonym = Synonym.objects.create(term="courriel", equivalents="e-mail")
    superuser = UserFactory(username="admin-fuzz@cqen.gouv.qc.ca", is_staff=True, is_superuser=True)
    staff = UserFactory(username="moderatrice-fuzz@cqen.gouv.qc.ca", is_staff=True)
    staff.groups.add(*Group.objects.filter(name__in=[MODERATOR, EDITOR]))
    guide = next(page for page in data_set["pages"] if page.title == "Guide à tester")
    image_pk = Image.objects.first().pk
    document_pk = Document.objects.first().pk
    # A real object for every kind of id the admins' paths take: the view reaches its real code.
    by_argument = {
        "page_id": guide.pk,
        "parent_page_id": guide.get_parent().pk,
        "image_id": image_pk,
        "document_id": document_pk,
        "user_id": data_set["member"].pk,
        "group_id": Group.objects.get(name=MODERATOR).pk,
        "tag_id": Tag.objects.create(name="fuzz").pk,
    }
    by_route = {
        "hub_membership_decide": membership.pk,
        "ideas_moderation_decide": idea.pk,
        "idees:": idea.pk,
        "themes_idees:": theme.pk,
        "wagtailsnippets_hub_organisation": Organisation.objects.first().pk,
        "wagtailsnippets_hubsearch_synonym": synonym.pk,
        "wagtailimages": image_pk,
        "wagtaildocs": document_pk,
        "wagtailusers": data_set["member"].pk,
        "admin:accounts_profile": data_set["member"].profile.pk,
    }
    return {**data_set, "superuser": superuser, "staff": staff, "by_argument": by_argument, "by_route": by_route}


def _admin_kwargs(name, pattern, data):
    """Sample values for a route's path: a real object where the route says which, else the guide."""
    converters = getattr(pattern.pattern, "converters", {})
    names = list(converters) or list(pattern.pattern.regex.groupindex)
    kwargs = {}
    for argument in names:
        if argument in data["by_argument"]:
            kwargs[argument] = data["by_argument"][argument]
        elif argument == "kind":
            kwargs[argument] = "idea"
        elif argument in ("app_label", "model_name"):
            kwargs[argument] = {"app_label": "hub", "model_name": "organisation"}[argument]
        else:
            match = next((pk for prefix, pk in data["by_route"].items() if (name or "").startswith(prefix)), None)
            kwargs[argument] = match if match is not None else data["by_argument"]["page_id"]
    return kwargs


def _admin_paths(key, name, pattern, data):
    if name is None or pattern.pattern.regex.groups > len(pattern.pattern.regex.groupindex):
        return [], []  # unnamed or positional routes: django-admin's catch-alls, reached through their names
    kwargs = _admin_kwargs(name, pattern, data)
    try:
        path = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        path = None
    hostile = []
    for slot in kwargs:
        for value in ADMIN_PATH_VALUES:
            try:
                hostile.append(reverse(name, kwargs={**kwargs, slot: value}))
            except NoReverseMatch:
                continue
    return ([path] if path else []), hostile


def _view_of(pattern):
    view = getattr(pattern.callback, "view_class", None) or pattern.callback
    return f"{view.__module__}.{view.__qualname__}"


def _admin_routes():
    """(key, name, pattern, ours): every admin route of the hub's own code, and each view of
    Wagtail's and Django's admins once (the same view class under another viewset's prefix runs
    the same code: walking it again only adds time)."""
    seen, routes = set(), []
    for key, name, pattern in query_parameters.iter_routes():
        if not key.startswith(tuple(query_parameters.ADMIN_PREFIXES)):
            continue
        if key.endswith(("logout/", "jsi18n/", "failwhale/")):
            continue  # signs the walker out / a static catalogue / Wagtail's deliberate error page
        view = _view_of(pattern)
        ours = view.startswith(OUR_MODULES) or (name or "").startswith(OUR_ROUTE_NAMES)
        if not ours and view in seen:
            continue
        seen.add(view)
        routes.append((key, name, pattern, ours))
    return routes


def test_no_admin_route_answers_500_to_hostile_input_signed_in_as_staff(admin_data):
    from tests.sessions import sign_in_with_second_factor

    superuser = Client(raise_request_exception=False)
    sign_in_with_second_factor(superuser, admin_data["superuser"])
    staff = Client(raise_request_exception=False)
    sign_in_with_second_factor(staff, admin_data["staff"])
    walk = Walk()
    for key, name, pattern, ours in _admin_routes():
        paths, hostile_paths = _admin_paths(key, name, pattern, admin_data)
        parameters = query_parameters.parameters_of(key)
        with walk.route(key):
            # The moderator-editor walks the hub's admin pages; the superuser every hostile variant,
            # three turns of values on the hub's own routes, one on Wagtail's and Django's.
            for path in paths:
                if ours:
                    walk.get(staff, path)
                walk.get(superuser, path)
                for turn in range(3 if ours else 1):
                    query = "&".join(
                        f"{parameter}={ADMIN_VALUES[(index + turn) % len(ADMIN_VALUES)]}"
                        for index, parameter in enumerate(parameters)
                    )
                    walk.get(superuser, f"{path}?{query}")
            for path in hostile_paths:
                walk.get(superuser, path)
    walk.assert_no_failure("admin requests")
