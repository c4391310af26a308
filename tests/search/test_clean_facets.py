"""Clean facets (issue 16): one entry per theme whatever its case or accents, and a label on every
facet entry, in the interface's language. Real pages and ideas, on both engines."""

import re

import pytest
from django.urls import reverse

from hub.models import ComponentPage, GuidePage
from hub.site_tree import index_pages
from ideas import services
from tests.factories import OrganisationFactory, UserFactory
from tests.ideas.helpers import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.sqlite]


@pytest.fixture
def published(django_capture_on_commit_callbacks, home_page):
    """Publish a page (through Wagtail, as an editor would) and let search index it."""
    indexes = index_pages()

    def publish(page, index_name, tags=()):
        index = indexes[index_name]["fr"]
        manager = page.themes if isinstance(page, GuidePage) else page.technologies
        manager.set(list(tags))
        with django_capture_on_commit_callbacks(execute=True):
            index.add_child(instance=page)
            page.save_revision().publish()
        return page

    return publish


@pytest.fixture
def proposed(django_capture_on_commit_callbacks):
    author = UserFactory(username="auteure-facettes@gouv.qc.ca")
    organisation = OrganisationFactory(slug="org-facettes")

    def propose(title, themes=()):
        with django_capture_on_commit_callbacks(execute=True):
            return services.propose_idea(
                author,
                title=title,
                problem="Chaque équipe signe ses documents à sa façon.",
                solution="Un service commun.",
                benefits="Moins de papier.",
                organisation=organisation,
                themes=themes,
            )

    return propose


def facet_text(response):
    """The page's text without tags: « Soumise (1) »."""
    return re.sub(r"<[^>]+>", "", page_text(response))


def api(client, **params):
    return client.get(reverse("search:api_search"), params).json()


def test_a_theme_written_with_another_case_or_accents_is_one_facet_entry(client, any_engine, published, proposed):
    published(
        GuidePage(title="Signer un contrat", slug="signer", summary="Signer en ligne."),
        "guides",
        ["Signature électronique"],
    )
    published(
        GuidePage(title="Signer un formulaire", slug="formulaire", summary="Signer."),
        "guides",
        ["signature électronique"],
    )
    proposed("Signer les ententes en ligne", themes=["signature electronique"])
    assert api(client, q="signer")["facets"]["tag"] == [{"value": "Signature électronique", "count": 3}]
    for variant in ("signature electronique", "SIGNATURE ÉLECTRONIQUE"):
        filtered = api(client, q="signer", tag=variant)
        assert filtered["total"] == 3, variant


def test_every_facet_entry_has_a_label_in_the_interface_language(client, any_engine, published, proposed):
    published(
        ComponentPage(
            title="Signature partagée", slug="signature-partagee", summary="Signer.", licence="MIT", maturity="stable"
        ),
        "composantes",
    )
    published(GuidePage(title="Signer un contrat", slug="signer", summary="Signer en ligne."), "guides")
    proposed("Signer les ententes en ligne")
    facets = api(client, q="signer")["facets"]
    assert facets["maturity"] == [{"value": "stable", "count": 1}]
    assert facets["status"] == [{"value": "soumise", "count": 1}]
    french_page = client.get(reverse("search:page"), {"q": "signer"})
    french = facet_text(french_page)
    assert "Soumise (1)" in french and "Stable (1)" in french
    assert '"> <span class="facet-count">' not in page_text(french_page)  # no entry whose label is empty
    english_page = client.get("/en" + reverse("search:page"), {"q": "signer"})
    english = facet_text(english_page)
    assert "Submitted (1)" in english and "Idea status" in english and "Component maturity" in english
    assert '"> <span class="facet-count">' not in page_text(english_page)
