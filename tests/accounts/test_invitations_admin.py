import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from accounts.models import Invitation
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_administrator_invites_someone_from_another_domain_in_the_wagtail_admin(
    client, make_member, django_capture_on_commit_callbacks
):
    admin = make_member("admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    sign_in_with_second_factor(client, admin)
    assert client.get("/admin/snippets/accounts/invitation/add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/snippets/accounts/invitation/add/", {"email": "Partenaire@Universite.ca", "note": "Projet commun"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "partenaire@universite.ca"
    assert invitation.invited_by == admin
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partenaire@universite.ca"]
    assert f"/compte/invitation/{invitation.token}/" in mail.outbox[0].body


def test_an_invitation_the_mail_server_refused_never_fails_the_request_and_leaves_later(
    client, make_member, settings, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django.utils import timezone

    from tests.mail_servers import flaky_mail_server

    flaky_mail_server(settings, failures=1)
    admin = make_member("admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    sign_in_with_second_factor(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/snippets/accounts/invitation/add/", {"email": "partenaire@universite.ca"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.emailed_at is None and invitation.email_attempts == 1 and mail.outbox == []
    listing = client.get("/admin/snippets/accounts/invitation/").content.decode()
    assert "partenaire@universite.ca" in listing

    Invitation.objects.filter(pk=invitation.pk).update(email_retry_at=timezone.now())  # the delay has passed
    call_command("retry_emails")

    invitation.refresh_from_db()
    assert invitation.emailed_at is not None and invitation.email_retry_at is None
    assert [message.to for message in mail.outbox] == [["partenaire@universite.ca"]]
    assert f"/compte/invitation/{invitation.token}/" in mail.outbox[0].body
