"""Readers' feedback on guides and components, and what editors see of it in the admin."""

import pytest
from django.urls import reverse

from accounts.roles import EDITOR
from hub.models import PageFeedback
from hub.services import FEEDBACK_LIMIT
from hub.workflows import ensure_review_workflow
from tests.factories import staff_member
from tests.hub.factories import long_ago, make_component, make_guide
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index)


def _usefulness(client, page, **data):
    return client.post(page.url + "avis/", {"useful": "oui", "reason": "", "website": "", **data})


def test_reader_says_a_guide_was_useful_without_an_account(client, guide):
    response = _usefulness(client, guide)
    assert response.status_code == 302
    assert response.url == guide.url + "#retroaction"
    assert PageFeedback.objects.get().kind == PageFeedback.Kind.USEFUL
    assert "Merci pour votre réponse" in client.get(guide.url).content.decode()


def test_not_useful_needs_a_reason(client, guide):
    response = _usefulness(client, guide, useful="non")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dites-nous pourquoi la page n&#x27;était pas utile." in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_utile_reason-aide id_utile_reason-erreurs"' in html
    assert not PageFeedback.objects.exists()
    assert _usefulness(client, guide, useful="non", reason="Trop technique").status_code == 302
    assert PageFeedback.objects.get().message == "Trop technique"


def test_reader_reports_a_problem_on_a_component(client, component_index):
    component = make_component(component_index)
    response = client.post(component.url + "signaler/", {"description": "Le lien du dépôt est brisé.", "website": ""})
    assert response.status_code == 302
    feedback = PageFeedback.objects.get()
    assert feedback.kind == PageFeedback.Kind.PROBLEM and feedback.page_id == component.pk


def test_bots_filling_the_honeypot_are_turned_away(client, guide):
    response = _usefulness(client, guide, website="http://spam.example")
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_feedback_is_rate_limited_per_address(client, guide):
    for _ in range(FEEDBACK_LIMIT):
        assert _usefulness(client, guide).status_code == 302
    response = _usefulness(client, guide)
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert PageFeedback.objects.count() == FEEDBACK_LIMIT
    other = client.post(guide.url + "avis/", {"useful": "oui", "website": ""}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_feedback_routes_only_accept_post(client, guide):
    assert client.get(guide.url + "avis/").status_code == 405


@pytest.fixture
def editor(guide_index):
    ensure_review_workflow()
    return staff_member(EDITOR, "editeur-test@cqen.gouv.qc.ca")


def test_editors_see_the_satisfaction_rate_and_export_feedback_as_csv(client, guide, editor):
    for kind in ("utile", "utile", "utile", "pas-utile"):
        PageFeedback.objects.create(page=guide, kind=kind, message="Trop long" if kind == "pas-utile" else "")
    sign_in_with_second_factor(client, editor)
    report = client.get(reverse("hub_satisfaction"))
    assert report.status_code == 200
    assert "75 %" in report.content.decode()

    export = client.get(reverse("retroactions:index") + "?export=csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    content = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Trop long" in content
    assert content.count("\n") >= 5

    satisfaction_csv = client.get(reverse("hub_satisfaction") + "?export=csv")
    content = b"".join(satisfaction_csv.streaming_content).decode()
    assert "75 %" in content


def test_stale_guides_show_a_banner_and_are_listed_for_editors(client, guide_index, editor):
    stale = make_guide(guide_index, title="Guide ancien", last_reviewed=long_ago())
    fresh = make_guide(guide_index, title="Guide récent", last_reviewed=long_ago(30))
    assert "À réviser" in client.get(stale.url).content.decode()
    assert "À réviser" not in client.get(fresh.url).content.decode()
    sign_in_with_second_factor(client, editor)
    report = client.get(reverse("hub_stale_guides")).content.decode()
    assert "Guide ancien" in report and "Guide récent" not in report
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guides à réviser" in dashboard and "Guide ancien" in dashboard


def _usefulness_from(client, page, forwarded_for):
    return client.post(
        page.url + "avis/", {"useful": "oui", "reason": "", "website": ""}, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_behind_the_proxy_one_reader_over_the_limit_does_not_silence_another(client, guide, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.defaults["REMOTE_ADDR"] = "10.0.0.2"  # the reverse proxy: every request comes from it
    for _ in range(FEEDBACK_LIMIT):
        assert _usefulness_from(client, guide, "203.0.113.7").status_code == 302
    assert _usefulness_from(client, guide, "203.0.113.7").status_code == 429
    assert _usefulness_from(client, guide, "198.51.100.4").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_limit(client, guide):
    for attempt in range(FEEDBACK_LIMIT):
        assert _usefulness_from(client, guide, f"198.51.100.{attempt + 1}").status_code == 302
    assert _usefulness_from(client, guide, "198.51.100.200").status_code == 429
