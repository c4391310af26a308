"""Messages read as the toolkit's notices (« avis »), in both languages, with the role that fits."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db

NOTICE = re.compile(
    r'<div class="qc-component qc-notice qc-(\w+)[^"]*" data-notice="\w+"([^>]*)>(.*?<div class="content-container">.*?)</div></div></div>',
    re.S,
)


def notices(html):
    return [(kind, attributes, body) for kind, attributes, body in NOTICE.findall(html)]


def test_a_form_in_error_opens_with_an_error_notice_that_is_announced(client, member, organisation):
    client.force_login(member)
    response = client.post(
        reverse("ideas:propose"), {"title": "", "organisation": organisation.pk, "action": "publish"}
    )
    assert response.status_code == 400
    ((kind, attributes, body),) = notices(page_text(response))
    assert kind == "error"
    assert 'id="erreurs"' in attributes and 'tabindex="-1"' in attributes
    assert 'aria-label="Avis d\'erreur"' in body
    assert '<div class="content" role="alert">' in body
    assert "Le formulaire contient des erreurs" in body


def test_the_english_ui_names_the_notice_in_english(client, member, organisation):
    client.force_login(member)
    response = client.post(
        "/en" + reverse("ideas:propose"), {"title": "", "organisation": organisation.pk, "action": "publish"}
    )
    ((kind, _attributes, body),) = notices(page_text(response))
    assert kind == "error" and 'aria-label="Error notice"' in body


def test_a_flash_message_after_a_redirect_is_a_success_notice(client, member):
    client.force_login(member)
    response = client.post(reverse("account_logout"), follow=True)
    found = notices(page_text(response))
    (body,) = [body for kind, _a, body in found if kind == "success"]
    assert 'aria-label="Avis de réussite"' in body and "déconnecté" in body


@pytest.mark.parametrize(
    ("tags", "kind"),
    [
        ("error", "error"),
        ("info", "information"),
        ("success extra", "success"),
        ("debug", "information"),
        ("bogus", "information"),
    ],
)
def test_django_message_levels_map_onto_the_toolkit_kinds(tags, kind):
    html = Template("{% load notices %}{% notice tags %}<p>x</p>{% endnotice %}").render(Context({"tags": tags}))
    assert f"qc-notice qc-{kind}" in html


def test_a_notice_refuses_attributes_it_does_not_know():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load notices %}{% notice "error" onclick="x" %}{% endnotice %}')


def test_no_template_draws_a_message_of_its_own_any_more():
    """Every message goes through the notice tag: the old hand-made `.message` boxes are gone."""
    offenders = [
        str(path)
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if re.search(r'class="message[ "]', path.read_text())
    ]
    assert offenders == []
