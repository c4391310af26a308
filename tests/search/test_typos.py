"""Typo tolerance on both engines: the rule (one typo from 5 letters, two from 9, none on the first
letter), exact matches above corrected ones, corrected results, and no suggestion when the query
finds something. The database engine's tests run on SQLite too."""

import pytest
from django.urls import reverse

from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.sqlite]

DOCUMENTS = [
    make_document("guide", 1, "Infonuagique gouvernementale", summary="Héberger les services publics."),
    make_document("guide", 2, "Carte des services", summary="Un répertoire pour les citoyens."),
    make_document("guide", 3, "Plan de relève", summary="Préparer la suite."),
    make_document("guide", 4, "Accessibilité des formulaires", body="Des contrastes suffisants."),
    make_document("guide", 5, "Marche à suivre", summary="Les étapes d'un projet."),
    make_document("guide", 6, "Manche à air", summary="Un instrument simple."),
    make_document("guide", 7, "Paiement en ligne", summary="Payer une facture."),
]


def search(client, q, **extra):
    return client.get(reverse("search:api_search"), {"q": q, **extra}).json()


def slugs(answer):
    return [hit["slug"] for hit in answer["results"]]


@pytest.fixture
def documents(any_engine, put_documents):
    put_documents(DOCUMENTS)
    return any_engine


def test_one_typo_in_a_word_of_five_letters_or_more_still_finds_it(client, documents):
    assert slugs(search(client, "carpe"))[:1] == ["guide-2"]  # 5 letters
    assert slugs(search(client, "acessibilité"))[:1] == ["guide-4"]  # a letter left out
    assert slugs(search(client, "infonuagiqe"))[:1] == ["guide-1"]


def test_two_typos_are_forgiven_from_nine_letters(client, documents):
    assert slugs(search(client, "acesibilite"))[:1] == ["guide-4"]


def test_a_typo_in_a_word_of_four_letters_finds_nothing(client, documents):
    answer = search(client, "plon")
    assert answer["total"] == 0
    assert answer["corrected_query"] is None
    assert search(client, "plan")["total"] == 1  # the word itself is found


def test_a_typo_on_the_first_letter_finds_nothing(client, documents):
    answer = search(client, "varte")
    assert answer["total"] == 0
    assert answer["corrected_query"] is None


def test_exact_match_ranks_above_a_corrected_one(client, documents):
    order = slugs(search(client, "marche"))
    assert order[0] == "guide-5"
    if documents is not None:  # the engine finds the corrected one too, below
        assert order == ["guide-5", "guide-6"]


def test_no_suggestion_nor_correction_when_the_query_finds_something(client, documents):
    answer = search(client, "infonuagique")
    assert slugs(answer) == ["guide-1"]
    assert answer["did_you_mean"] is None
    assert answer["corrected_query"] is None
    assert answer["query"] == "infonuagique"


def test_engine_shows_the_corrected_results_when_the_query_finds_nothing(client, engine, put_documents):
    put_documents(DOCUMENTS)
    answer = search(client, "paimant")  # two typos in 7 letters: beyond the rule, the suggester corrects
    assert answer["corrected_query"] == "paiement"
    assert answer["query"] == "paimant"
    assert slugs(answer) == ["guide-7"]
    assert answer["did_you_mean"] is None
    forced = search(client, "paimant", original="1")
    assert (forced["total"], forced["corrected_query"], forced["did_you_mean"]) == (0, None, "paiement")


def test_database_rewrites_an_unknown_word_and_says_so(client, database_engine, put_documents):
    put_documents(DOCUMENTS)
    answer = search(client, "carpe des services")
    assert answer["corrected_query"] == "carte des services"
    assert slugs(answer) == ["guide-2"]
    forced = search(client, "carpe des services", original="1")
    assert (forced["total"], forced["corrected_query"], forced["did_you_mean"]) == (0, None, "carte des services")


def test_search_page_shows_the_corrected_results_with_a_link_to_the_original(client, database_engine, put_documents):
    put_documents(DOCUMENTS)
    html = client.get(reverse("search:page"), {"q": "infonuagiqe"}).content.decode()
    assert "Résultats pour <strong>infonuagique</strong>" in html
    assert 'href="?q=infonuagiqe&amp;original=1"' in html
    assert "Aucun résultat" not in html
    forced = client.get(reverse("search:page"), {"q": "infonuagiqe", "original": "1"}).content.decode()
    assert "Aucun résultat" in forced
    assert "Vouliez-vous dire" in forced
