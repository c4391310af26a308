"""Recommended results: a guide or an idea an editor pinned for a query comes first, on both engines,
marked as recommended, never twice, and never when the reader may not see it."""

import pytest
from django.urls import reverse

import search
from hub.site_tree import index_pages
from search.models import RecommendedResult
from tests.hub.factories import make_guide
from tests.ideas.factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def api(client, q, **params):
    response = client.get(reverse("search:api_search"), {"q": q, **params})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def content(any_engine, home_page, django_capture_on_commit_callbacks):
    """Three guides about signatures, ideas about car sharing, everything indexed in the active engine."""
    guides = index_pages()["guides"]["fr"]
    with django_capture_on_commit_callbacks(execute=True):
        strong = make_guide(
            guides,
            title="Signature électronique des formulaires",
            summary="La signature électronique, étape par étape : signature électronique partout.",
        )
        weak = make_guide(
            guides, title="Gestion des documents", summary="Archiver, classer, et la signature électronique."
        )
        other = make_guide(guides, title="Rédiger en langage clair", summary="Écrire simplement pour les citoyens.")
        rideshare = IdeaFactory(title="Covoiturage des fonctionnaires", problem="Trop d'autos solo vers les bureaux.")
        transit = IdeaFactory(title="Navettes partagées entre ministères", problem="Des bureaux mal desservis.")
        for idea in (rideshare, transit):
            search.announce(idea)
    return {"strong": strong, "weak": weak, "other": other, "rideshare": rideshare, "transit": transit}


def pin(query, page=None, idea=None, order=0):
    return RecommendedResult.objects.create(
        query=query, page=page, idea_number=idea.pk if idea else None, sort_order=order
    )


def test_a_pinned_guide_and_a_pinned_idea_come_first_for_their_query(client, content):
    natural = api(client, "signature électronique")
    assert [r["slug"] for r in natural["results"]][0] == content["strong"].slug
    pin("Signature Électronique", page=content["weak"])  # matched folded: case and accents do not matter
    pin("covoiturage", idea=content["transit"])  # an idea whose words do not even match the query

    data = api(client, "signature electronique")
    slugs = [r["slug"] for r in data["results"]]
    assert slugs[0] == content["weak"].slug and data["results"][0]["recommended"] is True
    assert slugs.count(content["weak"].slug) == 1  # not repeated further down
    assert content["strong"].slug in slugs[1:] and not any(r["recommended"] for r in data["results"][1:])
    assert data["total"] == natural["total"]

    ideas = api(client, "Covoiturage")
    assert ideas["results"][0]["url"] == content["transit"].get_absolute_url()
    assert ideas["results"][0]["kind"] == "idea" and ideas["results"][0]["recommended"] is True
    assert ideas["results"][1]["url"] == content["rideshare"].get_absolute_url()
    assert ideas["total"] == 2 and ideas["did_you_mean"] is None


def test_the_search_page_marks_the_recommended_result(client, content):
    pin("langage", page=content["other"])
    pin("langage", idea=content["transit"], order=1)
    html = client.get(reverse("search:page"), {"q": "langage"}).content.decode()
    first = html.index("Rédiger en langage clair")
    assert html.index("Recommandé") < first < html.index("Navettes partagées entre ministères")
    assert html.count("result-recommended") == 2


def test_recommended_results_are_paged_with_the_rest_never_repeated_and_filtered(client, content):
    pin("signature électronique", page=content["weak"])
    pin("signature électronique", idea=content["transit"], order=1)
    pages = [api(client, "signature électronique", page=n, page_size=1) for n in (1, 2, 3, 4)]
    assert [r["slug"] for page in pages for r in page["results"]] == [
        content["weak"].slug,
        str(content["transit"].slug or content["transit"].pk),
        content["strong"].slug,
    ]
    assert [r["recommended"] for page in pages for r in page["results"]] == [True, True, False]
    assert {page["total"] for page in pages} == {3}
    # The search's filters apply to the recommended results too.
    guides_only = api(client, "signature électronique", kind="guide")["results"]
    assert [(r["slug"], r["recommended"]) for r in guides_only] == [
        (content["weak"].slug, True),
        (content["strong"].slug, False),
    ]
    assert [r["recommended"] for r in api(client, "signature électronique", kind="idea")["results"]] == [True]


def test_a_pinned_result_the_reader_may_not_see_is_never_shown(client, content, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    from ideas.models import Idea

    draft = make_guide(index_pages()["guides"]["fr"], title="Brouillon secret", publish=False)
    pin("secret", page=draft)
    pin("secret", page=content["other"], order=1)
    pin("secret", idea=content["rideshare"], order=2)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=content["other"], restriction_type=PageViewRestriction.LOGIN)
        Idea.objects.filter(pk=content["rideshare"].pk).update(is_hidden=True)
        search.announce(content["rideshare"], removed=True)
    data = api(client, "secret")
    assert data["results"] == [] and data["total"] == 0
    assert "Recommandé" not in client.get(reverse("search:page"), {"q": "secret"}).content.decode()


@pytest.fixture
def editor(home_page):
    from accounts.roles import EDITOR
    from tests.factories import staff_member

    return staff_member(EDITOR, "editeur-recherche@cqen.gouv.qc.ca")


@pytest.mark.sqlite
def test_editors_pin_a_guide_or_an_idea_and_are_told_what_is_wrong(client, editor, home_page):
    from tests.sessions import sign_in_with_second_factor

    guides = index_pages()["guides"]["fr"]
    guide = make_guide(guides, title="Signature électronique des formulaires")
    idea = IdeaFactory(title="Covoiturage des fonctionnaires")
    sign_in_with_second_factor(client, editor)
    add = reverse("wagtailsnippets_hubsearch_recommendedresult:add")
    assert client.get(add).status_code == 200

    def post(**data):
        return client.post(add, {"query": "Signature", "page": "", "idea_number": "", "sort_order": 0, **data})

    both = post(page=guide.pk, idea_number=idea.pk)
    neither = post()
    assert both.status_code == neither.status_code == 200  # the form again, with the reason
    assert "pas les deux" in both.content.decode() and "pas les deux" in neither.content.decode()
    assert "Aucune idée ne porte ce numéro." in post(idea_number=999999).content.decode()
    assert "Seuls un guide ou une composante" in post(page=home_page.pk).content.decode()
    assert not RecommendedResult.objects.exists()

    assert post(query="  Signature   ÉLECTRONIQUE ", page=guide.pk).status_code == 302
    assert post(query="covoiturage", idea_number=idea.pk).status_code == 302
    assert list(RecommendedResult.objects.values_list("query", "query_folded", "page_id", "idea_number")) == [
        ("covoiturage", "covoiturage", None, idea.pk),
        ("Signature ÉLECTRONIQUE", "signature electronique", guide.pk, None),
    ]
