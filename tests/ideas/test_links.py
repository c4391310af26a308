"""Ideas ↔ components and guides (issue 17): a moderator links an idea to what realises or answers
it; the idea page and every language of the component or guide page show the link; Réalisée needs
what realised it (or a public answer saying why not)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from ideas import services
from ideas.models import Idea, IdeaLink
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

REALISED = IdeaLink.Relation.REALISED_BY
ANSWER = IdeaLink.Relation.EXISTING_ANSWER


@pytest.fixture
def indexes(home_page):
    from hub.site_tree import index_pages

    return index_pages()


def _translate(page, title, slug):
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = title, slug
    english.save_revision().publish()
    english.refresh_from_db()
    return english


@pytest.fixture
def component(indexes):
    from tests.hub.factories import make_component

    french = make_component(indexes["composantes"]["fr"], title="Service de signature électronique partagé")
    return french, _translate(french, "Shared electronic signature service", "shared-e-signature")


@pytest.fixture
def guide(indexes):
    from tests.hub.factories import make_guide

    french = make_guide(indexes["guides"]["fr"], title="Choisir une solution de signature électronique")
    return french, _translate(french, "Choosing an electronic signature solution", "choosing-e-signature")


def test_moderator_links_an_idea_and_every_language_of_the_page_lists_it(client, idea, moderator, component):
    french, english = component
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:link_page", args=[idea.pk]), {"page": french.pk, "relation": REALISED})
    assert response.status_code == 302
    link = IdeaLink.objects.get(idea=idea)
    assert link.page_translation_key == french.translation_key == english.translation_key

    idea_url = idea.get_absolute_url()
    french_text = page_text(client.get(french.url))
    assert "Idées à l'origine" in french_text and idea.title in french_text
    english_text = page_text(client.get(english.url))
    assert "Ideas behind it" in english_text and idea.title in english_text

    idea_fr = page_text(client.get(idea_url))
    assert "Réalisée par" in idea_fr and french.title in idea_fr
    idea_en = page_text(client.get("/en" + idea_url))
    assert "Realised by" in idea_en and english.title in idea_en and french.title not in idea_en


def test_existing_answer_is_listed_as_related_on_the_guide(client, idea, moderator, guide):
    french, english = guide
    services.link_page(moderator, idea, english, ANSWER)  # linked from the English page: the same guide
    idea_text = page_text(client.get(idea.get_absolute_url()))
    assert "Réponse existante" in idea_text and french.title in idea_text
    guide_text = page_text(client.get(french.url))
    assert "Idées liées" in guide_text and idea.title in guide_text
    assert "Related ideas" in page_text(client.get(english.url))


def test_a_hidden_idea_is_not_listed_on_the_page(client, moderator, component):
    french, _english = component
    hidden = IdeaFactory(title="Idée masquée par la modération", is_hidden=True)
    services.link_page(moderator, hidden, french, REALISED)
    assert "Idée masquée par la modération" not in page_text(client.get(french.url))


def test_members_cannot_link(client, idea, member, component):
    client.force_login(member)
    response = client.post(reverse("ideas:link_page", args=[idea.pk]), {"page": component[0].pk, "relation": REALISED})
    assert response.status_code == 403
    assert not IdeaLink.objects.exists()
    with pytest.raises(services.NotAllowed):
        services.link_page(member, idea, component[0], REALISED)


def test_linking_something_else_than_a_component_or_guide_is_refused(client, idea, moderator, home_page):
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:link_page", args=[idea.pk]), {"page": home_page.pk, "relation": REALISED})
    assert response.status_code == 400
    assert "Choisissez une composante ou un guide publié." in page_text(response)
    response = client.post(reverse("ideas:link_page", args=[idea.pk]), {"page": "abc", "relation": "autre"})
    assert response.status_code == 400
    assert not IdeaLink.objects.exists()


def test_done_requires_what_realised_it_in_the_service(idea, moderator, component):
    with pytest.raises(services.IdeaActionError) as refused:
        services.set_status(moderator, idea, Idea.Status.DONE)
    assert "Réalisée par" in refused.value.message
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED

    services.link_page(moderator, idea, component[0], REALISED)
    services.set_status(moderator, idea, Idea.Status.DONE)
    idea.refresh_from_db()
    assert idea.status == Idea.Status.DONE


def test_an_existing_answer_does_not_make_an_idea_realised(idea, moderator, guide):
    services.link_page(moderator, idea, guide[0], ANSWER)
    with pytest.raises(services.IdeaActionError):
        services.set_status(moderator, idea, Idea.Status.DONE)


def test_done_with_a_public_answer_saying_why_no_link(idea, moderator):
    services.set_status(moderator, idea, Idea.Status.DONE, public_answer="Réalisée par une directive, sans outil.")
    idea.refresh_from_db()
    assert idea.status == Idea.Status.DONE


def test_moderation_form_refuses_done_without_link_in_both_languages(client, idea, moderator):
    sign_in_with_second_factor(client, moderator)
    url = reverse("ideas:status", args=[idea.pk])
    response = client.post(url, {"status": Idea.Status.DONE, "current": idea.status})
    assert response.status_code == 400
    assert "Une idée réalisée doit nommer ce qui la réalise" in page_text(response)
    response = client.post("/en" + url, {"status": Idea.Status.DONE, "current": idea.status})
    assert response.status_code == 400
    assert "An idea marked done must name what realised it" in page_text(response)
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED


def test_admin_bulk_status_refuses_done_without_link(client, idea, moderator):
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    moderator = type(moderator).objects.get(pk=moderator.pk)
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas_bulk_status"), {"status": Idea.Status.DONE, "idea": [idea.pk]}, follow=True)
    assert "Une idée réalisée doit nommer ce qui la réalise" in page_text(response)
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED


def test_the_last_realisation_of_a_done_idea_cannot_be_removed(client, idea, moderator, component):
    link, _created = services.link_page(moderator, idea, component[0], REALISED)
    services.set_status(moderator, idea, Idea.Status.DONE)
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:unlink_page", args=[idea.pk, link.pk]))
    assert response.status_code == 409
    assert IdeaLink.objects.filter(pk=link.pk).exists()
    with pytest.raises(services.Conflict):
        services.link_page(moderator, idea, component[0], ANSWER)  # nor turned into a mere answer


def test_moderator_removes_a_link(client, idea, moderator, guide):
    link, _created = services.link_page(moderator, idea, guide[0], ANSWER)
    sign_in_with_second_factor(client, moderator)
    assert client.post(reverse("ideas:unlink_page", args=[idea.pk, link.pk])).status_code == 302
    assert not IdeaLink.objects.exists()
    assert idea.title not in page_text(client.get(guide[0].url))


def test_linking_and_editing_an_idea_reindex_its_pages_in_every_language(
    idea, member, moderator, component, index_announcements, django_capture_on_commit_callbacks
):
    french, english = component
    services.link_page(moderator, idea, french, REALISED)
    assert {("component", "changed", french.pk), ("component", "changed", english.pk)} <= set(index_announcements)
    index_announcements.clear()
    services.update_idea(
        member,
        idea,
        title="Signature numérique pour les formulaires",
        problem=idea.problem,
        solution=idea.solution,
        benefits=idea.benefits,
        organisation=idea.organisation,
    )
    assert {("component", "changed", french.pk), ("component", "changed", english.pk)} <= set(index_announcements)


def _link_many(moderator, page, count):
    for number in range(count):
        services.link_page(moderator, IdeaFactory(title=f"Idée liée numéro {number}"), page, REALISED)


def _link_idea_to_many(moderator, idea, indexes, start, stop):
    from tests.hub.factories import make_component

    for number in range(start, stop):
        page = make_component(indexes["composantes"]["fr"], title=f"Composante liée {number}")
        services.link_page(moderator, idea, page, ANSWER if number % 2 else REALISED)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("which", ["component", "guide"])
def test_page_queries_stay_flat_from_5_to_50_linked_ideas(client, moderator, component, guide, which):
    page = component[0] if which == "component" else guide[0]
    _link_many(moderator, page, 5)
    _queries(client, page.url)  # warm the caches (site root paths, content types)
    few = _queries(client, page.url)
    assert page_text(client.get(page.url)).count("Idée liée numéro") == 5
    _link_many(moderator, page, 45)
    many = _queries(client, page.url)
    assert page_text(client.get(page.url)).count("Idée liée numéro") == 50
    assert many == few


def test_idea_page_queries_stay_flat_from_5_to_50_linked_pages(client, idea, moderator, indexes):
    _link_idea_to_many(moderator, idea, indexes, 0, 5)
    _queries(client, idea.get_absolute_url())
    few = _queries(client, idea.get_absolute_url())
    _link_idea_to_many(moderator, idea, indexes, 5, 50)
    _queries(client, idea.get_absolute_url())  # the same state: what publishing made the cache forget, read again
    many = _queries(client, idea.get_absolute_url())
    assert page_text(client.get(idea.get_absolute_url())).count("Composante liée") == 50
    assert many == few


def test_wagtail_api_lists_the_linked_ideas(client, idea, moderator, component):
    french, english = component
    services.link_page(moderator, idea, french, REALISED)
    data = client.get(f"/api/v2/pages/{english.pk}/").json()
    assert [entry["title"] for entry in data["linked_ideas"]["origin"]] == [idea.title]
    assert data["linked_ideas"]["origin"][0]["status"] == idea.status
    assert data["linked_ideas"]["related"] == []


def test_merging_a_duplicate_moves_its_links_to_the_idea_kept(client, moderator, component, guide):
    source, target = IdeaFactory(title="Doublon de la signature"), IdeaFactory(title="Signature conservée")
    services.link_page(moderator, source, component[0], REALISED)
    services.link_page(moderator, source, guide[0], ANSWER)
    services.link_page(moderator, target, guide[0], REALISED)
    services.merge_ideas(moderator, source, target, response="Même besoin.")
    assert not IdeaLink.objects.filter(idea=source).exists()
    assert set(IdeaLink.objects.filter(idea=target).values_list("page_translation_key", "relation")) == {
        (component[0].translation_key, REALISED),
        (guide[0].translation_key, REALISED),
    }
    text = page_text(client.get(component[0].url))
    assert "Signature conservée" in text and "Doublon de la signature" not in text
