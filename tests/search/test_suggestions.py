"""Autocomplete (issue 16): a word after an elision (l', d', qu', j', n', s') completes, and the
interface language's titles come first. On both engines (the database one on SQLite too)."""

import pytest
from django.urls import reverse

from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.sqlite]

DOCUMENTS = [
    make_document("guide", 1, "Migrer vers l'infonuagique"),
    make_document("guide", 2, "Plan d'accessibilité numérique"),
    make_document("guide", 3, "Ce qu'exige la Loi 25"),
    make_document("guide", 4, "Pourquoi j'adopte un logiciel libre"),
    make_document("guide", 5, "Ce qu'on n'automatise pas"),
    make_document("guide", 6, "Ce qui s'intègre au portail"),
    make_document("guide", 7, "Cloud migration guide", locale="en"),
    make_document("guide", 8, "Cloud costs explained", locale="en"),
    make_document("guide", 9, "Cloud souverain pour l'État et les municipalités du Québec"),
    make_document("guide", 10, "Cloud", locale="en"),
]


@pytest.fixture
def indexed(any_engine, put_documents):
    put_documents(DOCUMENTS)


def titles(client, q, prefix=""):
    response = client.get(prefix + reverse("search:api_suggest"), {"q": q})
    assert response.status_code == 200
    return [s["title"] for s in response.json()["suggestions"]]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("infon", "Migrer vers l'infonuagique"),
        ("accessib", "Plan d'accessibilité numérique"),
        ("exig", "Ce qu'exige la Loi 25"),
        ("adopt", "Pourquoi j'adopte un logiciel libre"),
        ("automat", "Ce qu'on n'automatise pas"),
        ("intègr", "Ce qui s'intègre au portail"),
    ],
)
def test_a_word_after_an_elision_completes(client, indexed, typed, title):
    assert titles(client, typed) == [title]


def test_the_interface_language_comes_first(client, indexed):
    french = titles(client, "cloud")
    assert french[0] == "Cloud souverain pour l'État et les municipalités du Québec"
    assert sorted(french[1:]) == ["Cloud", "Cloud costs explained", "Cloud migration guide"]
    english = titles(client, "cloud", prefix="/en")
    assert english[-1] == "Cloud souverain pour l'État et les municipalités du Québec"
