"""Smoke test of a fresh production instance: what an operator gets from `migrate` alone works.

hub.settings.production on an empty database, gunicorn and the django-tasks-db worker as
docker-compose.yml starts them, behind a simulated TLS proxy; then, over HTTP only: the home page,
an invited member who signs up and signs in, an idea proposed and found by the search API, a guide
submitted, approved through the review workflow and found by the search API, indexed by the worker
(not the immediate task backend). One step failing fails the test. The operator's own actions that
have no web page of the hub's (inviting someone, creating staff accounts and an organisation) go
through `manage.py shell`, as an administrator would through the Django admin.
"""

import json
import re
import time
import urllib.parse
import uuid

import pytest

from tests.smoke.instance import ProductionInstance
from tests.smoke.visitor import Visitor, first_link, sign_in_as

pytestmark = [pytest.mark.smoke, pytest.mark.postgres, pytest.mark.search]

PASSWORD = "Un-mot-de-passe-solide-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
RUN = uuid.uuid4().hex[:6]  # keeps this run's people and titles apart from any other's
INVITEE = f"invitee.{RUN}@example.org"  # outside the allowed domains: only the invitation lets them in
IDEA_TITLE = f"Un guichet unique pour les permis de pêche zéphyrins {RUN}"
GUIDE_TITLE = f"Guide de la téléprocédure zéphyrine {RUN}"
GUIDE_SLUG = f"guide-teleprocedure-zephyrine-{RUN}"
AUTHOR, PEER, REVIEWER_EMAIL = (f"{who}.{RUN}@mcn.gouv.qc.ca" for who in ("autrice", "pair", "reviseur"))
SEARCH_PATIENCE = 30  # seconds the worker has to pick a task up (it polls its queue every second)

OPERATOR_SETUP = f"""
import json
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from accounts.invitations import send_invitation
from accounts.models import Invitation
from accounts.roles import EDITOR, REVIEWER, add_to_role
from hub.models import GuideIndexPage, Organisation

organisation, _ = Organisation.objects.get_or_create(
    slug="mcn", defaults={{"name": "Ministère de la Cybersécurité et du Numérique", "acronym": "MCN"}}
)
staff = {{}}
for email, role in [({AUTHOR!r}, EDITOR), ({PEER!r}, EDITOR), ({REVIEWER_EMAIL!r}, REVIEWER)]:
    user = get_user_model().objects.create_user(username=email, email=email, password={PASSWORD!r})
    add_to_role(user, role)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={{"secret": {TOTP_SECRET!r}}})
send_invitation(Invitation.objects.create(email={INVITEE!r}))
print(json.dumps({{
    "organisation": organisation.pk,
    "guide_index": GuideIndexPage.objects.get(locale__language_code="fr").pk,
}}))
"""


@pytest.fixture(scope="module")
def instance():
    import os

    database_url = os.environ.get("DATABASE_URL", "")
    assert database_url.startswith(("postgres://", "postgresql://")), "La fumée exige PostgreSQL (DATABASE_URL)."
    hub = ProductionInstance(database_url)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()


def wait_for_mail(instance, address):
    """The newest message to `address`; sending may be a background task the worker runs."""
    deadline = time.monotonic() + SEARCH_PATIENCE
    while not instance.outbox.to(address):
        assert time.monotonic() < deadline, f"Aucun courriel pour {address}.\n{instance.log('worker')}"
        time.sleep(0.25)  # another process (the worker) writes the file: nothing to wait on but it
    return instance.outbox.text(instance.outbox.to(address)[-1])


def found_by_search_api(visitor, instance, query, title):
    """Ask the search API until it lists `title`: the worker indexes after the write's commit."""
    path = "/api/v1/search/?" + urllib.parse.urlencode({"q": query})
    deadline = time.monotonic() + SEARCH_PATIENCE
    while True:
        answer = visitor.get(path)
        assert answer.status == 200, str(answer)
        titles = [result.get("title", "") for result in json.loads(answer.text)["results"]]
        if title in titles:
            return
        assert time.monotonic() < deadline, (
            f"« {title} » absent de la recherche après {SEARCH_PATIENCE} s : {titles}\n{instance.log('worker')}"
        )
        time.sleep(0.25)  # the worker polls its queue: nothing to wait on but its next turn


def sign_in(visitor, email):
    sign_in_as(visitor, email, PASSWORD, totp_secret=TOTP_SECRET)


def approve(instance, email, title):
    """A reviewer opens the page from the admin's dashboard and approves its current task."""
    reviewer = Visitor(instance.host)
    sign_in(reviewer, email)
    dashboard = reviewer.follow(reviewer.get("/admin/"))
    assert dashboard.status == 200, str(dashboard)
    links = re.findall(r'href="/admin/pages/(\d+)/edit/"[^>]*>(.*?)</a>', dashboard.text, re.S)
    awaiting = [page_id for page_id, text in links if title in text]
    assert awaiting, f"« {title} » n'attend pas la révision de {email} :\n{dashboard}"
    page_id = awaiting[0]
    # The edit view's « Approuver » button: the edit form, posted with the workflow action.
    edit_path = f"/admin/pages/{page_id}/edit/"
    _, fields = reviewer.form(edit_path, "page-edit-form")
    assert "Approuver" in reviewer.get(edit_path).text, f"Aucune action « Approuver » pour {email}"
    fields.setdefault("body-count", "0")
    for counter, value in (("TOTAL", "0"), ("INITIAL", "0"), ("MIN_NUM", "0"), ("MAX_NUM", "1000")):
        fields.setdefault(f"comments-{counter}_FORMS", value)
    answer = reviewer.post(edit_path, {**fields, "action-workflow-action": "true", "workflow-action-name": "approve"})
    assert answer.status in (200, 302), str(answer)  # what it did shows in the next step


def test_fresh_production_instance_serves_members_ideas_and_reviewed_guides(instance):
    setup = json.loads(instance.shell(OPERATOR_SETUP))

    # The proxy: plain HTTP is sent to HTTPS, the forwarded scheme is trusted.
    visitor = Visitor(instance.host)
    assert visitor.get("/", proxy=False).status == 301
    home = visitor.get("/")
    assert home.status == 200 and "Hub du CQEN" in home.text, str(home)
    assert "max-age" in home.headers.get("Strict-Transport-Security", "")

    # An invited member: the emailed link, sign-up, the confirmation link if asked, then sign-in.
    link = first_link(r"https?://\S+/invitation/\S+/", wait_for_mail(instance, INVITEE))
    newcomer = Visitor(instance.host)
    signup = newcomer.follow(newcomer.get(link))
    assert signup.status == 200 and "signup" in signup.path, str(signup)
    answer = newcomer.post(signup.path, {"email": INVITEE, "password1": PASSWORD, "password2": PASSWORD})
    assert answer.status == 302, f"Inscription refusée :\n{answer}"
    if "confirm-email" in answer.location:
        confirmation = first_link(r"https?://\S+/confirm-email/\S+/", wait_for_mail(instance, INVITEE))
        newcomer.form(confirmation)
        assert newcomer.post(confirmation, {}).status == 302
    member = Visitor(instance.host)
    sign_in(member, INVITEE)
    profile = member.get("/compte/profil/")
    assert profile.status == 200, f"Le membre n'est pas connecté :\n{profile}"

    # An idea proposed, then found by the search API once the worker indexed it.
    member.form("/idees/proposer/")
    idea = member.post(
        "/idees/proposer/",
        {
            "title": IDEA_TITLE,
            "problem": "Chaque région délivre ses permis dans un système différent.",
            "solution": "Un guichet unique, partagé par toutes les régions.",
            "benefits": "Moins de délais pour la population.",
            "organisation": setup["organisation"],
            "locale": "fr",
            "action": "publish",
        },
    )
    assert idea.status == 302 and "/idees/" in idea.location, f"Idée refusée :\n{idea}"
    assert member.get(idea.location).status == 200
    found_by_search_api(visitor, instance, "guichet permis pêche", IDEA_TITLE)

    # A guide: its author submits it from the creation form; peer review, then the CQEN's approval.
    author = Visitor(instance.host)
    sign_in(author, AUTHOR)
    create = f"/admin/pages/add/hub/guidepage/{setup['guide_index']}/"
    form, fields = author.form(create, "page-edit-form")
    assert form.path == create and "creation_token" in fields, f"Pas de formulaire de création :\n{form}"
    fields.update(
        {
            "title": GUIDE_TITLE,
            "slug": GUIDE_SLUG,
            "summary": "Offrir une démarche en ligne de bout en bout.",
            "body-count": "0",  # written by the StreamField editor's JavaScript
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "action-submit": "1",
        }
    )
    submitted = author.post(create, fields)
    assert submitted.status == 302, f"Soumission refusée :\n{submitted}"
    after = author.follow(submitted)
    assert after.status == 200 and "soumise" in after.text, f"{submitted.location}\n{after}"

    approve(instance, PEER, GUIDE_TITLE)
    approve(instance, REVIEWER_EMAIL, GUIDE_TITLE)
    found_by_search_api(visitor, instance, "téléprocédure", GUIDE_TITLE)
    guide = visitor.get(f"/guides/{GUIDE_SLUG}/")
    assert guide.status == 200 and GUIDE_TITLE in guide.text, str(guide)
