"""Sessions as the hub's sign-in leaves them, for tests that start past the sign-in pages."""

from django.test import RequestFactory


def sign_in_with_second_factor(client, user):
    """`user` signed in as after typing their password and their authenticator's code.

    The session carries allauth's authentication records (a password step, then an `mfa` step),
    which is what the admins and the moderation actions check; the sign-in pages themselves are
    attacked through HTTP in tests/accounts/test_attacks.py.
    """
    from allauth.account.internal.flows.login import record_authentication

    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()
