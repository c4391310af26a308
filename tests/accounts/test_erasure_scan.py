"""Loi 25 acceptance: after a member who used every feature deletes their account, their address
and name are found nowhere in the database (every text and JSON column of every table, decoded
sessions, the cache table, Wagtail's admin history, task results). PostgreSQL only."""

import base64
import pickle
import re
import secrets

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from hub.site_tree import index_pages
from ideas.models import Comment, Idea
from tests.accounts.conftest import PASSWORD
from tests.hub.factories import make_component
from tests.sessions import sign_in_with_second_factor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres(reason="Le test d'effacement parcourt les colonnes de PostgreSQL (DATABASE_URL)."),
]

TEXT_TYPES = ("character varying", "text", "json", "jsonb", "character")


@pytest.fixture
def database_cache(settings):
    """The database cache of every real deployment, so that its table is scanned too."""
    from hub.settings import base

    settings.CACHES = base.CACHES
    call_command("createcachetable", verbosity=0)
    yield
    cache.clear()


def places_holding(token):
    """Every "table.column" (or decoded store) where `token` appears, case-insensitively."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = ANY(%s)",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        assert len(columns) > 100, "every table of every app is scanned"
        for table, column in columns:
            query = f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s'  # noqa: S608 - names from the catalogue
            cursor.execute(query, [f"%{token}%"])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
        cursor.execute("SELECT cache_key, value FROM hub_cache")
        for key, value in cursor.fetchall():
            if token.lower() in (key + repr(pickle.loads(base64.b64decode(value.encode())))).lower():  # noqa: S301
                found.append(f"hub_cache[{key}]")
    for session in Session.objects.all():
        if token.lower() in repr(session.get_decoded()).lower():
            found.append(f"session[{session.session_key}]")
    return found


def post(client, url, data=None, expect=302):
    response = client.post(url, data or {})
    assert response.status_code == expect, (url, response.status_code, response.content[:500])
    return response


def test_a_deleted_member_leaves_no_trace_in_any_table(
    client, database_cache, make_member, organisations, home_page, django_capture_on_commit_callbacks
):
    token = f"zq{secrets.token_hex(5)}"
    address = f"sentinelle.{token}@mcn.gouv.qc.ca"
    name = f"Zéphirine {token.upper()}"
    mcn = organisations.get(slug="mcn")

    admin = make_member("admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    other = make_member("collegue@mcn.gouv.qc.ca")
    other_idea = Idea.objects.create(
        title="Une idée d'une collègue", problem="P.", solution="S.", benefits="B.", organisation=mcn, author=other
    )
    other_comment = Comment.objects.create(idea=other_idea, author=other, body="Un commentaire de la collègue.")
    component = make_component(index_pages()["composantes"]["fr"])
    admin_client = Client()
    sign_in_with_second_factor(admin_client, admin)

    with django_capture_on_commit_callbacks(execute=True):
        # Invitation by an administrator, with a note naming the person.
        post(admin_client, "/admin/snippets/accounts/invitation/add/", {"email": address, "note": f"Pour {name}"})
        invitation = Invitation.objects.get(email=address)
        post(
            admin_client,
            f"/admin/snippets/accounts/invitation/edit/{invitation.pk}/",
            {"email": address, "note": f"Pour {name}, projet IA"},
        )

        # Sign-up through the invitation link, then the profile.
        client.get(f"/compte/invitation/{invitation.token}/")
        post(client, "/comptes/signup/", {"email": address, "password1": PASSWORD, "password2": PASSWORD})
        if "_auth_user_id" not in client.session:
            link = re.search(r"http://testserver(/\S*confirm-email/\S+/)", mail.outbox[-1].body)
            post(client, link.group(1))
            post(client, "/comptes/login/", {"login": address, "password": PASSWORD})
        member = get_user_model().objects.get(email=address)
        post(
            client,
            "/compte/profil/",
            {
                "display_name": name,
                "organisation": mcn.pk,
                "role_title": f"Analyste {token}",
                "notification_preference": "immediate",
                "preferred_language": "fr",
            },
        )
        second_session = Client()
        post(second_session, "/comptes/login/", {"login": address, "password": PASSWORD})
        post(Client(), "/comptes/login/", {"login": address, "password": "mauvais-mot-de-passe"}, expect=200)

        # The idea board: propose, vote, follow, comment, reply, report, get notified.
        post(
            client,
            reverse("ideas:propose"),
            {
                "title": "Un annuaire commun des services numériques",
                "problem": "Personne ne sait qui offre quoi.",
                "solution": "Un annuaire commun.",
                "benefits": "Moins de doublons.",
                "organisation": mcn.pk,
                "locale": "fr",
                "action": "publish",
            },
        )
        mine = Idea.objects.get(author=member)
        post(client, reverse("ideas:vote", args=[other_idea.pk]))
        post(client, reverse("ideas:comment", args=[other_idea.pk]), {"body": "Bonne idée, j'appuie."})
        post(
            client, reverse("ideas:comment", args=[other_idea.pk]), {"body": "Une réponse.", "parent": other_comment.pk}
        )
        post(client, reverse("ideas:comment_report", args=[other_comment.pk]), {"reason": "hors_sujet", "note": "Hors"})
        other_client = Client()
        other_client.force_login(other)
        post(other_client, reverse("ideas:comment", args=[mine.pk]), {"body": "Merci pour cette idée."})
        post(
            admin_client,
            reverse("ideas:status", args=[mine.pk]),
            {"status": "retenue", "note": "Vu avec l'équipe", "response": "Retenue pour 2027."},
        )
        client.get(reverse("ideas:notifications"))

        # The catalogue and the guides: adoption and feedback.
        post(client, component.url + "adoption/", {"use_case": "Notre portail"})
        post(client, component.url + "avis/", {"useful": "oui", "reason": "", "website": ""})

        # An administrator edits the member's account in the Wagtail admin.
        response = admin_client.get(f"/admin/users/edit/{member.pk}/")
        assert response.status_code == 200
        post(
            admin_client,
            f"/admin/users/edit/{member.pk}/",
            {
                "username": member.username,
                "email": address,
                "first_name": "Zéphirine",
                "last_name": token.upper(),
                "is_active": "on",
                "groups": list(member.groups.values_list("pk", flat=True)),
            },
        )
        client.get("/compte/mes-donnees/telecharger/")
    assert any(address in m.to for m in mail.outbox)  # notifications were emailed
    before = places_holding(token)
    for place in ("auth_user.email", "accounts_invitation.note", "wagtailcore_modellogentry.label"):
        assert place in before, "the scan finds the sentinel before the deletion"

    with django_capture_on_commit_callbacks(execute=True):
        post(client, "/compte/supprimer/", {"password": PASSWORD})

    assert places_holding(token) == []
    assert Idea.objects.filter(pk=mine.pk, author=member).exists()  # what was published stays, anonymised
