"""A catalogue people can trust: obsolete components and their replacement, the default order, licence names."""

import re

import pytest
from django.core.exceptions import ValidationError

from hub.models import ComponentPage
from tests.hub.factories import make_component

pytestmark = pytest.mark.django_db


def _listed_titles(html):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def catalogue(component_index):
    """Published oldest first: "Récente" is the newest; adoption counts differ."""
    old = make_component(component_index, "Ancienne très adoptée")
    new = make_component(component_index, "Récente peu adoptée")
    replacement = make_component(component_index, "Formulaires accessibles")
    obsolete = make_component(component_index, "Vieux moteur de formulaires", maturity="obsolete")
    counts = {old: 5, new: 1, replacement: 1, obsolete: 9}
    for page, count in counts.items():
        ComponentPage.objects.filter(pk=page.pk).update(adoption_count=count)
    return {"old": old, "new": new, "replacement": replacement, "obsolete": obsolete}


def test_default_order_is_most_adopted_then_most_recent_with_obsolete_last(client, component_index, catalogue):
    html = client.get(component_index.url).content.decode()
    assert _listed_titles(html) == [
        "Ancienne très adoptée",
        "Formulaires accessibles",  # same adoption as "Récente peu adoptée", published later
        "Récente peu adoptée",
        "Vieux moteur de formulaires",  # most adopted of all, but obsolete
    ]


def test_obsolete_components_come_last_among_matches_of_a_query(client, component_index, catalogue):
    html = client.get(component_index.url, {"q": "formulaires"}).content.decode()
    assert _listed_titles(html) == ["Formulaires accessibles", "Vieux moteur de formulaires"]


def test_explicit_sorts_still_apply(client, component_index, catalogue):
    html = client.get(component_index.url, {"sort": "adoption"}).content.decode()
    assert _listed_titles(html)[0] == "Vieux moteur de formulaires"


def test_obsolete_component_shows_a_banner_linking_its_replacement(client, catalogue):
    obsolete, replacement = catalogue["obsolete"], catalogue["replacement"]
    draft = obsolete.get_latest_revision_as_object()
    draft.replaced_by = replacement
    draft.full_clean()
    draft.save_revision().publish()
    html = client.get(obsolete.url).content.decode()
    assert "Composante obsolète" in html
    assert f'Remplacée par : <a href="{replacement.url}">Formulaires accessibles</a>' in html


def test_english_page_links_the_english_replacement(client, index_pages, catalogue):
    english_index = index_pages["composantes"]["en"]
    obsolete, replacement = catalogue["obsolete"], catalogue["replacement"]
    english_replacement = make_component(
        english_index,
        "Accessible forms",
        slug="formulaires-accessibles",
        locale=english_index.locale,
        translation_key=replacement.translation_key,
    )
    english_obsolete = make_component(
        english_index,
        "Old forms engine",
        slug="vieux-moteur",
        maturity="obsolete",
        locale=english_index.locale,
        translation_key=obsolete.translation_key,
        replaced_by=replacement,
    )
    html = client.get(english_obsolete.url).content.decode()
    assert f'<a href="{english_replacement.url}">Accessible forms</a>' in html
    assert "Deprecated component" in html


def test_a_component_that_is_not_obsolete_cannot_name_a_replacement(catalogue):
    page = catalogue["new"]
    page.replaced_by = catalogue["replacement"]
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "replaced_by" in caught.value.message_dict


def test_an_obsolete_component_cannot_replace_itself(catalogue):
    page = catalogue["obsolete"]
    page.replaced_by = page
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "elle-même" in caught.value.message_dict["replaced_by"][0]


def test_licences_show_their_readable_name_with_the_spdx_id_as_secondary_label(client, component_index, index_pages):
    mit = make_component(component_index, "Bibliothèque libre", licence="MIT")
    make_component(component_index, "Outil fermé", licence="LicenseRef-proprietaire")
    page = client.get(mit.url).content.decode()
    assert 'MIT License <code class="secondary-label">MIT</code>' in page
    listing = client.get(component_index.url).content.decode()
    assert 'Licence propriétaire <code class="secondary-label">LicenseRef-proprietaire</code>' in listing
    assert '<option value="MIT">MIT License</option>' in listing
    english_index = index_pages["composantes"]["en"]
    make_component(english_index, "Closed tool", licence="LicenseRef-proprietaire", locale=english_index.locale)
    english = client.get(english_index.url).content.decode()
    assert 'Proprietary licence <code class="secondary-label">LicenseRef-proprietaire</code>' in english


def test_api_gives_the_licence_name(client, component_index):
    page = make_component(component_index, "Bibliothèque libre", licence="Apache-2.0")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["licence"] == "Apache-2.0"
    assert data["licence_name"] == "Apache License 2.0"
