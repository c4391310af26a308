"""The component's referent in the Wagtail admin: only a verified member of the owner organisation.

Through the admin's edit page as an editor uses it: what the chooser offers, and what a forged
post of another account gets (the rule named in French, in English in the English admin).
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from hub.models import ComponentPage, OrganisationDomain
from tests.factories import person
from tests.form_fields import FormFields
from tests.hub.factories import make_component

pytestmark = pytest.mark.django_db

RULE_FR = "Le référent doit être un membre vérifié de l&#x27;organisation responsable de la composante."
RULE_EN = "The referent must be a verified member of the component&#x27;s owner organisation."


@pytest.fixture
def people(organisations):
    ramq = organisations.get(slug="ramq")
    OrganisationDomain.objects.get_or_create(organisation=ramq, domain="ramq.gouv.qc.ca")
    return {
        "ramq": ramq,
        "member": person("josee.referente@ramq.gouv.qc.ca", ramq),
        "other_member": person("luc.tremblay@ramq.gouv.qc.ca", ramq),
        # says they work at the RAMQ, but no verified address there and no approved request
        "declared": person("quelquun@mcn.gouv.qc.ca", ramq),
        "outsider": person("alex.gagnon@mcn.gouv.qc.ca"),
    }


@pytest.fixture
def component(component_index, people):
    return make_component(component_index, owner_organisation=people["ramq"], referent=people["member"])


@pytest.fixture
def editor(admin_client_with_mfa, django_user_model):
    return django_user_model.objects.get(username="admin-test@cqen.gouv.qc.ca")


def _edit_form(client, page):
    """The edit page's form (its HTML) and what the browser would post from it."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    fields = FormFields("page-edit-form")
    fields.feed(html)
    data = {**fields.data}
    data.setdefault("body-count", "0")  # the empty body, which the admin's script would post
    return BeautifulSoup(html, "html.parser").find("form", id="page-edit-form"), data


def _offered(form):
    return {option.get("value") for option in form.find("select", attrs={"name": "referent"}).find_all("option")}


def test_the_referent_chooser_offers_only_verified_members_of_the_owner_organisation(client, editor, component, people):
    form, _data = _edit_form(client, component)
    offered = _offered(form)
    assert {str(people["member"].pk), str(people["other_member"].pk)} <= offered
    assert str(people["declared"].pk) not in offered
    assert str(people["outsider"].pk) not in offered
    assert str(editor.pk) not in offered  # the hub's accounts are not a list to browse


def test_a_posted_outsider_is_refused_with_the_rule_in_french_and_nothing_is_saved(client, editor, component, people):
    _form, data = _edit_form(client, component)
    revisions = component.revisions.count()
    for who in ("outsider", "declared"):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[component.pk]), {**data, "referent": people[who].pk}
        )
        assert response.status_code == 200  # the form again, with the error
        assert RULE_FR in response.content.decode()
    assert component.revisions.count() == revisions
    assert ComponentPage.objects.get(pk=component.pk).referent == people["member"]


def test_another_verified_member_of_the_organisation_is_accepted(client, editor, component, people):
    _form, data = _edit_form(client, component)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[component.pk]),
        {**data, "referent": people["other_member"].pk, "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    assert ComponentPage.objects.get(pk=component.pk).referent == people["other_member"]


def test_the_english_admin_states_the_rule_in_english(client, editor, component, people):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    _form, data = _edit_form(client, component)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[component.pk]), {**data, "referent": people["outsider"].pk}
    )
    assert response.status_code == 200
    assert RULE_EN in response.content.decode()
