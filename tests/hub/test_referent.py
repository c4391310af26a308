"""A named referent per component: members write to them through the hub, which relays without showing the address."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from hub.models import OrganisationDomain
from hub.referents import CONTACT_LIMIT
from tests.factories import person
from tests.hub.factories import make_component

pytestmark = pytest.mark.django_db

REFERENT_EMAIL = "josee.referente@ramq.gouv.qc.ca"


@pytest.fixture
def ramq(organisations):
    ramq = organisations.get(slug="ramq")
    OrganisationDomain.objects.get_or_create(organisation=ramq, domain="ramq.gouv.qc.ca")
    return ramq


@pytest.fixture
def component(component_index, ramq):
    referent = person(REFERENT_EMAIL, ramq)
    return make_component(component_index, owner_organisation=ramq, referent=referent)


def _write(client, component, message="Bonjour, pouvons-nous réutiliser la composante au MCN ?"):
    return client.post(component.url + "referent/", {"message": message})


def test_the_page_names_the_referent_without_their_address(client, component):
    client.force_login(person("lecteur@mcn.gouv.qc.ca"))
    html = client.get(component.url).content.decode()
    assert "Josee Referente" in html
    assert "Écrire au référent" in html
    assert REFERENT_EMAIL not in html


def test_a_member_writes_to_the_referent_who_gets_a_french_email_and_the_sender_never_sees_the_address(
    client, component
):
    sender = person("alex.gagnon@mcn.gouv.qc.ca")
    client.force_login(sender)
    response = _write(client, component)
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Votre message a été transmis au référent" in followed
    for seen in (response.content.decode(), followed, str(response.headers)):
        assert REFERENT_EMAIL not in seen
    [email] = mail.outbox
    assert email.to == [REFERENT_EMAIL]
    assert email.reply_to == ["alex.gagnon@mcn.gouv.qc.ca"]
    assert email.subject == f"[Hub du CQEN] Message au sujet de la composante « {component.title} »"
    assert "Bonjour Josee Referente," in email.body
    assert "pouvons-nous réutiliser la composante au MCN ?" in email.body
    assert "Alex Gagnon vous écrit par le Hub du CQEN" in email.body


def test_an_english_speaking_referent_gets_the_email_in_english(client, component_index, ramq):
    referent = person("sam.referent@ramq.gouv.qc.ca", ramq, language="en")
    component = make_component(component_index, "Service de paiement", owner_organisation=ramq, referent=referent)
    client.force_login(person("alex.gagnon@mcn.gouv.qc.ca"))
    _write(client, component)
    [email] = mail.outbox
    assert email.subject.startswith("[Hub du CQEN] Message about the component")
    assert "Hello Sam Referent," in email.body


def test_visitors_are_asked_to_sign_in_and_nothing_is_sent(client, component):
    html = client.get(component.url).content.decode()
    assert "pour écrire au référent de cette composante" in html
    response = _write(client, component)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert mail.outbox == []


def test_an_unconfirmed_address_cannot_write(client, component):
    client.force_login(person("nouveau@mcn.gouv.qc.ca", verified_address=False))
    response = _write(client, component)
    assert response.status_code in (302, 403)
    assert mail.outbox == []


def test_an_empty_message_is_refused_in_french(client, component):
    client.force_login(person("alex.gagnon@mcn.gouv.qc.ca"))
    response = _write(client, component, message="   ")
    assert response.status_code == 400
    assert "Écrivez votre message." in response.content.decode()
    assert mail.outbox == []


def test_messages_to_referents_are_rate_limited_perperson(client, component):
    client.force_login(person("alex.gagnon@mcn.gouv.qc.ca"))
    for _ in range(CONTACT_LIMIT):
        assert _write(client, component).status_code == 302
    response = _write(client, component)
    assert response.status_code == 429
    assert "Réessayez demain" in response.content.decode()
    assert len(mail.outbox) == CONTACT_LIMIT


def test_a_component_without_referent_has_no_form_and_its_address_answers_404(client, component_index):
    page = make_component(component_index, "Sans référent")
    client.force_login(person("alex.gagnon@mcn.gouv.qc.ca"))
    assert "Écrire au référent" not in client.get(page.url).content.decode()
    assert _write(client, page).status_code == 404
    assert client.get(page.url + "referent/").status_code == 405


def test_a_failing_mail_server_gives_a_french_message_not_a_500(client, component, settings):
    settings.EMAIL_BACKEND = "tests.hub.test_referent.RefusingBackend"
    client.force_login(person("alex.gagnon@mcn.gouv.qc.ca"))
    response = _write(client, component)
    assert response.status_code == 503
    assert "n&#x27;a pas pu être envoyé" in response.content.decode()


def test_the_referent_must_be_a_verified_member_of_the_owner_organisation(component, organisations):
    outsider = person("quelquun@mcn.gouv.qc.ca", organisations.get(slug="ramq"))  # declared, not verified
    component.referent = outsider
    with pytest.raises(ValidationError) as caught:
        component.full_clean()
    assert "membre vérifié" in caught.value.message_dict["referent"][0]


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_the_organisation_page_names_its_referents_without_their_address(client, component, ramq):
    html = client.get(ramq.get_absolute_url()).content.decode()
    section = html.split('id="org-referents"')[1].split("</section>")[0]
    assert "Josee Referente" in section
    assert f'href="{component.url}#contacter-referent"' in section
    assert REFERENT_EMAIL not in html
    component.referent.is_active = False
    component.referent.save()
    assert 'id="org-referents"' not in client.get(ramq.get_absolute_url()).content.decode()
