"""Every GET route, fed hostile values in each declared query parameter and in its path: never a 500.

The routes come from the URL resolver; their parameters from `hub.query_parameters` (a route
missing there fails `test_every_route_declares_its_query_parameters`). One small data set is
built once, so that routes taking a slug, a primary key or a token reach their real code.
"""

import time

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
    from tests.guides.factories import make_component, make_guide

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


def test_no_get_route_answers_500_to_hostile_input(data_set):
    anonymous = Client(raise_request_exception=False)
    member = Client(raise_request_exception=False)
    member.force_login(data_set["member"])
    failures, requests, durations = [], 0, {}
    started = time.perf_counter()

    def get(client, url):
        nonlocal requests
        requests += 1
        # One savepoint per request: a request is its own transaction in production, and a
        # query error must not poison the next requests of this test's transaction.
        savepoint = transaction.savepoint()
        response = client.get(url)
        transaction.savepoint_rollback(savepoint)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} GET {url[:160]}")

    for key, name, pattern in _public_routes():
        paths, hostile_paths = _paths(key, name, pattern, data_set)
        # Member routes are walked signed in too: most of their code is behind the sign-in.
        clients = [anonymous, member] if key.startswith(("idees/", "compte/")) else [anonymous]
        route_started = time.perf_counter()
        for client in clients:
            for path in paths:
                parameters = query_parameters.parameters_of(key)
                if name == "wagtail_serve":
                    page = next(page for page in data_set["pages"] if page.url == path)
                    parameters = _page_parameters(page)
                    for subroute in query_parameters.PAGE_SUBROUTES.get(
                        f"{page._meta.app_label}.{page.__class__.__name__}", ()
                    ):
                        get(client, path + subroute)
                get(client, path)
                for parameter in parameters:
                    for value in EACH_PARAMETER:
                        get(client, f"{path}?{parameter}={value}")
                if parameters:
                    for value in ALL_PARAMETERS_AT_ONCE:
                        get(client, path + "?" + "&".join(f"{parameter}={value}" for parameter in parameters))
                for suffix in HOSTILE_SUFFIXES:
                    get(client, path + suffix)
            for path in hostile_paths:
                get(client, path)
        durations[key] = time.perf_counter() - route_started

    elapsed = time.perf_counter() - started
    print(f"{requests} requests in {elapsed:.1f} s")
    for key, seconds in sorted(durations.items(), key=lambda item: -item[1])[:12]:
        print(f"{seconds:6.2f} s  {key}")
    assert requests > 500
    assert failures == [], "\n".join(failures)
