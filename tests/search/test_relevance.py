"""Relevance and analysis against the real engine node (OpenSearch here, Elasticsearch in production)."""

import pytest
from django.urls import reverse

from search import services
from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def slugs(client, **params):
    return [r["slug"] for r in client.get(reverse("search:api_search"), params).json()["results"]]


def test_one_letter_typo_still_finds_the_guide(client, engine, put_documents):
    put_documents([make_document("guide", 1, "Accessibilité des formulaires"), make_document("guide", 2, "Budget")])
    assert slugs(client, q="acessibilité") == ["guide-1"]
    assert slugs(client, q="formulaire") == ["guide-1"]


def test_acronyms_find_their_expansion_and_back(client, engine, put_documents):
    # The seeded synonyms (MCN, IA, RAMQ, infonuagique...) are the bootstrap's, there since `migrate`.
    put_documents(
        [
            make_document("guide", 1, "Encadrer l'intelligence artificielle générative"),
            make_document("guide", 2, "Migrer vers l'infonuagique"),
            make_document("idea", 3, "Un portail pour la RAMQ"),
            make_document("guide", 4, "Les orientations du ministère de la Cybersécurité et du Numérique"),
            make_document("guide", 5, "Gestion des technologies de l'information"),
        ]
    )
    assert "guide-1" in slugs(client, q="IA")
    assert "guide-2" in slugs(client, q="cloud")
    assert "guide-2" in slugs(client, q="nuage")
    assert "idea-3" in slugs(client, q="régie de l'assurance maladie du Québec")
    assert "guide-4" in slugs(client, q="MCN")
    assert "guide-5" in slugs(client, q="TI")


def test_title_outranks_summary_which_outranks_body(client, engine, put_documents):
    put_documents(
        [
            make_document("guide", 1, "Budget annuel", body="Parle aussi de gouvernance des données."),
            make_document("guide", 2, "Plan annuel", summary="La gouvernance des données expliquée."),
            make_document("guide", 3, "Gouvernance", summary="Un guide."),
        ]
    )
    assert slugs(client, q="gouvernance") == ["guide-3", "guide-2", "guide-1"]


def test_exact_phrase_ranks_above_scattered_words(client, engine, put_documents):
    put_documents(
        [
            make_document("guide", 1, "Guide", body="Service en ligne pour la signature de documents numériques."),
            make_document("guide", 2, "Guide", body="La signature numérique des documents en ligne."),
        ]
    )
    assert slugs(client, q="signature numérique")[0] == "guide-2"


def test_votes_and_adoptions_give_a_gentle_boost(client, engine, put_documents):
    put_documents(
        [
            make_document("idea", 1, "Clavardage citoyen", votes=0),
            make_document("idea", 2, "Clavardage citoyen", votes=50),
            make_document("component", 3, "Clavardage", adoptions=10),
            make_document("component", 4, "Clavardage", adoptions=0),
        ]
    )
    order = slugs(client, q="clavardage")
    assert order.index("idea-2") < order.index("idea-1")
    assert order.index("component-3") < order.index("component-4")


def test_a_typo_under_the_rule_finds_without_a_suggestion(client, engine, put_documents):
    put_documents(
        [
            make_document("guide", 1, "Interopérabilité des systèmes", body="Interopérabilité et échanges de données."),
            make_document("guide", 2, "Sécurité des systèmes", body="Sécurité des systèmes d'information."),
        ]
    )
    data = client.get(reverse("search:api_search"), {"q": "interoperrabilite systmes"}).json()
    assert [r["slug"] for r in data["results"]] == ["guide-1"]
    assert (data["did_you_mean"], data["corrected_query"]) == (None, None)
    assert client.get(reverse("search:api_search"), {"q": "sécurité"}).json()["did_you_mean"] is None


def test_search_page_shows_the_corrected_results(client, engine, put_documents):
    put_documents([make_document("guide", 1, "Paiement en ligne", body="Échanges de données.")])
    html = client.get(reverse("search:page"), {"q": "paimant"}).content.decode()
    assert "Résultats pour <strong>paiement</strong>" in html
    assert 'href="/guide/1/"' in html


def test_autocomplete_folds_accents(client, engine, put_documents):
    put_documents([make_document("guide", 1, "Économie numérique"), make_document("guide", 2, "Budget")])
    titles = [s["title"] for s in client.get(reverse("search:api_suggest"), {"q": "econ"}).json()["suggestions"]]
    assert titles == ["Économie numérique"]
    titles = [
        s["title"] for s in client.get(reverse("search:api_suggest"), {"q": "économie num"}).json()["suggestions"]
    ]
    assert titles == ["Économie numérique"]


def test_similar_ideas_find_a_likely_duplicate(client, engine, put_documents):
    put_documents(
        [
            make_document(
                "idea",
                1,
                "Numériser les formulaires de demande de permis",
                summary="Les formulaires papier ralentissent les demandes de permis.",
                status="submitted",
                votes=3,
            ),
            make_document("idea", 2, "Un calendrier partagé des ministères", summary="Planifier ensemble."),
            make_document("guide", 3, "Numériser les formulaires de demande de permis"),
            make_document("idea", 4, "Numériser les formulaires", locale="en"),
        ]
    )
    results = services.similar_ideas("formulaires de permis en ligne", "fr")
    assert [r.title for r in results] == ["Numériser les formulaires de demande de permis"]
    data = client.get(reverse("search:api_similar_ideas"), {"q": "demande de permis numérique", "locale": "fr"}).json()
    assert data["results"][0] == {
        "title": "Numériser les formulaires de demande de permis",
        "url": "/idea/1/",
        "status": "submitted",
        "votes": 3,
        "kind": "idea",
    }


def test_similar_ideas_on_the_database_engine_too(client, database_engine, put_documents):
    put_documents([make_document("idea", 1, "Numériser les formulaires de demande de permis", status="submitted")])
    data = client.get(reverse("search:api_similar_ideas"), {"q": "formulaires de permis", "locale": "fr"}).json()
    assert [r["title"] for r in data["results"]] == ["Numériser les formulaires de demande de permis"]
