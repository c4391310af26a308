"""Loi 25 and integrity: what account deletion must also erase, and what deleting users must keep true."""

import io
import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.models import ModelLogEntry

from accounts.models import Invitation
from tests.accounts.conftest import PASSWORD, login
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

Idea = apps.get_model("ideas", "Idea")


@pytest.fixture
def admin(make_member):
    """A superuser who has set up two-factor authentication, signed in to the admins."""
    user = make_member("admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


def test_deletion_erases_the_invitation_and_the_address_in_the_admin_log(
    client, admin, make_member, django_capture_on_commit_callbacks
):
    address = "invitee.unique7341@universite.ca"
    sign_in_with_second_factor(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/snippets/accounts/invitation/add/", {"email": address, "note": "Chercheuse, projet IA"}
        )
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(label__icontains="invitee.unique7341").exists()
    member = make_member(address)
    client.logout()
    login(client, address)

    export = client.get("/compte/mes-donnees/telecharger/").json()
    assert [i["adresse_courriel"] for i in export["invitations"]] == [address]
    assert export["invitations"][0]["note"] == "Chercheuse, projet IA"

    assert client.post("/compte/supprimer/", {"password": PASSWORD}).status_code == 302
    assert not Invitation.objects.filter(email__icontains="invitee.unique7341").exists()
    assert not Invitation.objects.filter(note__icontains="Chercheuse").exists()
    for entry in ModelLogEntry.objects.all():
        assert "invitee.unique7341" not in entry.label
        assert "invitee.unique7341" not in json.dumps(entry.data)
    assert not get_user_model().objects.filter(pk=member.pk, email__icontains="invitee").exists()


def test_rate_limit_cache_keys_never_hold_a_raw_ip(client, settings, member):
    from hub.settings import base

    settings.CACHES = base.CACHES  # the database cache of every real deployment
    call_command("createcachetable", verbosity=0)
    for _attempt in range(3):
        login_response = client.post(
            "/comptes/login/", {"login": member.email, "password": "mauvais"}, REMOTE_ADDR="198.51.100.237"
        )
        assert login_response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM hub_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys, "the failed logins are counted in the cache"
    assert not [k for k in keys if "198.51.100" in k or member.email in k]
    cache.clear()


def vote_and_follow(user, idea):
    from ideas import services

    services.cast_vote(user, idea)
    services.follow_idea(user, idea)


def delete_in_wagtail_admin(client, user):
    return client.post(f"/admin/users/delete/{user.pk}/")


def delete_in_wagtail_bulk(client, user):
    return client.post(f"/admin/bulk/{user._meta.app_label}/{user._meta.model_name}/delete/?id={user.pk}")


def delete_in_django_admin(client, user):
    return client.post(
        f"/django-admin/{user._meta.app_label}/{user._meta.model_name}/{user.pk}/delete/", {"post": "yes"}
    )


@pytest.mark.parametrize("delete", [delete_in_wagtail_admin, delete_in_wagtail_bulk, delete_in_django_admin])
def test_deleting_a_user_in_an_admin_keeps_counters_equal_to_their_rows(client, admin, make_member, delete):
    from ideas import services

    author = make_member("autrice@mcn.gouv.qc.ca")
    voter = make_member("votant@mcn.gouv.qc.ca")
    idea = services.propose_idea(
        author,
        title="Un guichet unique pour les permis",
        problem="Trop de formulaires.",
        solution="Un seul guichet.",
        benefits="Du temps gagné.",
        organisation=author.profile.organisation,
    )
    vote_and_follow(voter, idea)
    idea.refresh_from_db()
    assert (idea.vote_count, idea.follower_count) == (1, 2)
    sign_in_with_second_factor(client, admin)
    response = delete(client, voter)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=voter.pk).exists()
    idea.refresh_from_db()
    assert idea.vote_count == idea.votes.count() == 0
    assert idea.follower_count == idea.follows.count() == 1


def test_an_imported_author_signs_up_and_finds_their_ideas(client, tmp_path, organisations):
    address = "auteur.importe@mcn.gouv.qc.ca"
    record = {
        "kind": "idea",
        "slug": "registre-unique",
        "title": "Un registre unique des adresses",
        "problem": "Chaque organisme tient le sien.",
        "solution": "Un registre commun.",
        "benefits": "Des données justes.",
        "organisation": organisations.get(slug="mcn").name,
        "author_email": address,
    }
    path = tmp_path / "idees.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    call_command("import_content", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    response = client.post(
        "/comptes/password/reset/", {"email": address}
    )  # a reset link is not the way in: nothing to reset
    assert response.status_code == 302
    response = client.post(
        "/comptes/signup/", {"email": address, "password1": "Un-mot-de-passe-1234", "password2": "Un-mot-de-passe-1234"}
    )
    assert response.status_code == 302, "the address is free to sign up"
    link = re.search(r"http://testserver(/\S*confirm-email/\S+/)", mail.outbox[-1].body)
    assert client.post(link.group(1)).status_code == 302
    member = get_user_model().objects.get(email=address, is_active=True)
    assert get_user_model().objects.filter(email__iexact=address).count() == 1
    assert Idea.objects.get(slug="registre-unique").author == member
    assert login(client, address, "Un-mot-de-passe-1234").status_code == 302


def test_bulk_deleting_two_voters_of_one_idea_takes_both_off_the_counters(client, admin, make_member):
    from ideas import services

    author = make_member("autrice@mcn.gouv.qc.ca")
    idea = services.propose_idea(
        author,
        title="Un calendrier commun des consultations",
        problem="Les consultations se chevauchent.",
        solution="Un calendrier commun.",
        benefits="Plus de participation.",
        organisation=author.profile.organisation,
    )
    voters = [make_member(f"votant{n}@mcn.gouv.qc.ca") for n in range(2)]
    for voter in voters:
        vote_and_follow(voter, idea)
    sign_in_with_second_factor(client, admin)
    ids = "&".join(f"id={v.pk}" for v in voters)
    response = client.post(f"/admin/bulk/{author._meta.app_label}/{author._meta.model_name}/delete/?{ids}")
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.vote_count, idea.follower_count) == (0, 1)
