"""A new staff member's first visit to the admin, with the keyboard alone: sign in, enrol TOTP,
keep the recovery codes, land on the dashboard — no dead end, no second password prompt.
"""

import json
import uuid

import pytest

from .actions import DEMO_PASSWORD
from .helpers import follow, press, snap, totp, type_into

pytestmark = pytest.mark.browser

NEW_STAFF = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from accounts.roles import MEMBER, MODERATOR
user = get_user_model().objects.create_user({email!r}, {email!r}, {password!r}, first_name="Nouvelle", last_name="Modératrice")
EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)
user.groups.add(*Group.objects.filter(name__in=[MEMBER, MODERATOR]))
print(json.dumps({{"pk": user.pk}}))
"""


def test_new_staff_member_enrols_totp_and_reaches_the_dashboard_with_the_keyboard(contexts, hub_server):
    email = f"moderatrice-{uuid.uuid4().hex[:6]}@cqen.gouv.qc.ca"
    json.loads(hub_server.shell(NEW_STAFF.format(email=email, password=DEMO_PASSWORD)).strip().splitlines()[-1])
    page = contexts.new_page()
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)

    page.goto("/admin/")  # a bookmark: the admin sends the visitor to the one sign-in form
    assert "/comptes/login/" in page.url, page.url
    type_into(page, "#id_login", email)
    type_into(page, "#id_password", DEMO_PASSWORD)
    press(page)

    # Staff roles enrol an authenticator first: seconds after signing in, no password is asked again.
    assert "/comptes/2fa/totp/activate/" in page.url, page.url
    secret = page.locator("#authenticator_secret").input_value()  # what the authenticator app scans
    type_into(page, "#id_code", totp(secret))
    press(page)

    assert "/comptes/2fa/recovery-codes/" in page.url, page.url
    codes = page.locator("#recovery_codes").input_value().split()  # saved, as the page asks
    assert len(codes) == 10 and all(codes), codes
    snap(page, "clavier-codes-de-recuperation")
    follow(page, "#continuer")

    assert page.url.endswith("/admin/"), page.url
    assert "Tableau de bord" in page.title(), page.title()
    assert not [url for url in visited if "reauthenticate" in url], visited
