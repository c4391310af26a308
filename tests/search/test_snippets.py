"""Snippets (issue 16): the best-matching passage of the body, never a copy of the summary, and
never the words of a block's options or link labels. Content made here, on both engines."""

import pytest
from django.urls import reverse

from hub.models import ComponentPage
from hub.site_tree import index_pages

pytestmark = [pytest.mark.django_db, pytest.mark.search]

SUMMARY = "Un service commun de signature électronique des documents administratifs."
BODY = [
    ("paragraph", f"<p>{SUMMARY}</p>"),
    ("heading", {"text": "Utiliser la composante", "level": "h2"}),
    (
        "steps",
        {
            "steps": [
                {"title": "Lire la documentation", "text": "Le guide d'intégration décrit chaque appel."},
                {"title": "Demander un accès", "text": "Écrivez à l'équipe responsable."},
            ]
        },
    ),
    ("paragraph", "<p>Les ministères y déposent leurs gabarits depuis 2024.</p>"),
    (
        "paragraph",
        "<p>Chaque signature est horodatée et la preuve de signature est conservée dix ans "
        "dans un coffre gouvernemental.</p>",
    ),
    ("related_components", {"title": "Voir aussi ces composantes", "components": []}),
]


@pytest.fixture
def component(any_engine, home_page, django_capture_on_commit_callbacks):
    page = ComponentPage(
        title="Service de signature", slug="service-signature", summary=SUMMARY, licence="MIT", body=BODY
    )
    with django_capture_on_commit_callbacks(execute=True):
        index_pages()["composantes"]["fr"].add_child(instance=page)
        page.save_revision().publish()
    return page


def highlights(client, q):
    results = client.get(reverse("search:api_search"), {"q": q}).json()["results"]
    assert [hit["slug"] for hit in results] == ["service-signature"]
    return results[0]["highlights"]


def plain(fragment):
    return fragment.replace("<mark>", "").replace("</mark>", "")


def test_the_snippet_is_the_best_passage_not_the_summary(client, component):
    snippets = highlights(client, "signature preuve")
    assert snippets, "a passage of the body matches both words"
    assert "preuve" in plain(snippets[0]) and "horodatée" in plain(snippets[0])
    for snippet in snippets:
        assert SUMMARY not in plain(snippet)
        assert "Utiliser la composante Lire la documentation" not in plain(snippet)


def test_link_labels_of_blocks_are_not_searchable_text(client, component):
    assert client.get(reverse("search:api_search"), {"q": "voir aussi ces composantes"}).json()["total"] == 0
    assert highlights(client, "gabarits")  # the prose around them still is
