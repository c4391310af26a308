"""Ideas ↔ components and guides in search (issue 17): the idea's words find the component that
realises it, editing the idea re-indexes that page, and the propose form shows the components and
guides that may already answer the need. On the real node and on the database engine."""

import pytest
from django.urls import reverse

from ideas import services
from ideas.models import IdeaLink
from search import services as search_services
from search.queries import SearchParams
from tests.factories import OrganisationFactory, UserFactory
from tests.hub.factories import make_component, make_guide
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    from django.contrib.auth.models import Permission

    organisation = OrganisationFactory(slug="org-liens")
    author = UserFactory(username="auteur-liens@gouv.qc.ca")
    author.profile.organisation = organisation
    author.profile.save()
    moderator = UserFactory(username="moderateur-liens@cqen.gouv.qc.ca")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_idea", content_type__app_label="ideas"))
    return organisation, author, type(moderator).objects.get(pk=moderator.pk)


@pytest.fixture
def catalogue(home_page, any_engine, django_capture_on_commit_callbacks):
    """A component and a guide, published (so indexed through the outbox) in the active engine."""
    from hub.site_tree import index_pages

    indexes = index_pages()
    with django_capture_on_commit_callbacks(execute=True):
        component = make_component(
            indexes["composantes"]["fr"],
            title="Service de signature électronique partagé",
            summary="Un service commun pour apposer une signature électronique sur des documents officiels.",
        )
        guide = make_guide(
            indexes["guides"]["fr"],
            title="Choisir une solution de signature électronique",
            summary="Les niveaux de signature électronique et les critères de choix d'une solution.",
        )
    return component, guide


def _kinds_and_titles(q):
    answer = search_services.search(SearchParams(q=q, page_size=20))
    return {(hit.kind, hit.title) for hit in answer.results}


def _propose(author, organisation, title, problem, capture):
    with capture(execute=True):
        return services.propose_idea(
            author,
            title=title,
            problem=problem,
            solution="Un outil commun.",
            benefits="Moins de papier.",
            organisation=organisation,
        )


def test_the_ideas_words_find_the_component_that_realises_it(catalogue, people, django_capture_on_commit_callbacks):
    component, _guide = catalogue
    organisation, author, moderator = people
    idea = _propose(
        author,
        organisation,
        "Parapheur numérique interministériel",
        "Les contrats circulent par courrier entre les ministères.",
        django_capture_on_commit_callbacks,
    )
    assert ("component", component.title) not in _kinds_and_titles("parapheur")

    with django_capture_on_commit_callbacks(execute=True):
        services.link_page(moderator, idea, component, IdeaLink.Relation.REALISED_BY)
    assert ("component", component.title) in _kinds_and_titles("parapheur")

    # Editing the idea re-indexes its page: the new words find it, the old ones no longer do.
    with django_capture_on_commit_callbacks(execute=True):
        services.update_idea(
            author,
            idea,
            title="Registre des mandats de signature",
            problem="Les contrats circulent par courrier entre les ministères.",
            solution="Un outil commun.",
            benefits="Moins de papier.",
            organisation=organisation,
        )
    assert ("component", component.title) in _kinds_and_titles("mandats")
    assert ("component", component.title) not in _kinds_and_titles("parapheur")

    # Unlinked: the component no longer carries the idea's words.
    link = IdeaLink.objects.get(idea=idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.unlink_page(moderator, idea, link.pk)
    assert ("component", component.title) not in _kinds_and_titles("mandats")


def test_similar_items_of_three_kinds_while_proposing(client, catalogue, people, django_capture_on_commit_callbacks):
    component, guide = catalogue
    organisation, author, _moderator = people
    idea = _propose(
        author,
        organisation,
        "Signature électronique des contrats",
        "Imprimer et signer les contrats à la main.",
        django_capture_on_commit_callbacks,
    )
    data = client.get(reverse("search:api_similar_ideas"), {"q": "signature électronique", "locale": "fr"}).json()
    assert [item["title"] for item in data["results"]] == [idea.title]
    assert {(item["kind"], item["title"]) for item in data["answers"]} == {
        ("component", component.title),
        ("guide", guide.title),
    }

    # The preview step keeps them under the title, without JavaScript.
    client.force_login(author)
    response = client.post(
        reverse("ideas:propose"),
        {
            "title": "Signature électronique des formulaires",
            "problem": "Les formulaires papier.",
            "solution": "Signer en ligne.",
            "benefits": "Des démarches en ligne.",
            "organisation": organisation.pk,
            "locale": "fr",
            "action": "preview",
        },
    )
    text = page_text(response)
    assert response.status_code == 200 and "Aperçu avant publication" in text
    assert "Une composante répond peut-être déjà à ce besoin" in text
    assert component.title in text and guide.title in text and idea.title in text
