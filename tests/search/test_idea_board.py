"""The idea board finds ideas through the search package: `/idees/?q=` and the merge picker."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ideas import services
from ideas.models import Idea
from tests.factories import OrganisationFactory, UserFactory
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(engine, django_capture_on_commit_callbacks):
    """Ideas proposed through the service, each sent to the real engine (refreshed on write)."""
    author = UserFactory(username="auteur-recherche@gouv.qc.ca")
    organisation = OrganisationFactory(slug="org-recherche")

    def propose(title, problem="Les équipes refont chacune leur propre outil."):
        with django_capture_on_commit_callbacks(execute=True):
            return services.propose_idea(
                author,
                title=title,
                problem=problem,
                solution="Un outil commun.",
                benefits="Moins de coûts.",
                organisation=organisation,
            )

    return propose


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderateur-fusion@cqen.gouv.qc.ca")
    user.user_permissions.add(Permission.objects.get(codename="moderate_idea", content_type__app_label="ideas"))
    return type(user).objects.get(pk=user.pk)


def test_board_search_finds_ideas_by_their_words_without_accents(client, proposed):
    wanted = proposed("Covoiturage des fonctionnaires en région")
    proposed("Signature électronique des contrats")
    response = client.get(reverse("ideas:list"), {"q": "covoiturage region"})
    text = page_text(response)
    assert response.status_code == 200
    assert wanted.title in text and "Signature électronique" not in text
    assert "1 idée pour « covoiturage region »" in text
    assert response.context["sort"] == "pertinence"
    accents = page_text(client.get(reverse("ideas:list"), {"q": "electronique"}))
    assert "Signature électronique des contrats" in accents and wanted.title not in accents


def test_board_search_combines_with_filters_and_the_one_sort_control(client, proposed):
    open_one = proposed("Tableau de bord des délais de traitement")
    done = proposed("Tableau de bord des plaintes")
    Idea.objects.filter(pk=done.pk).update(status=Idea.Status.DONE, vote_count=9)
    text = page_text(client.get(reverse("ideas:list"), {"q": "tableau de bord", "statut": "realisee"}))
    assert done.title in text and open_one.title not in text
    by_votes = page_text(client.get(reverse("ideas:list"), {"q": "tableau de bord", "tri": "votes"}))
    assert by_votes.index(done.title) < by_votes.index(open_one.title)
    html = client.get(reverse("ideas:list")).content.decode()
    assert html.count('name="tri"') == 1 and "idea-sorts" not in html  # one sort control


def test_merge_picker_suggests_duplicates_and_searches_titles_without_javascript(client, proposed, moderator):
    source = proposed("Guichet unique des permis de pêche", "Chaque permis de pêche demande un formulaire.")
    duplicate = proposed("Un guichet unique pour les permis de pêche et de chasse", "Les permis de pêche sont épars.")
    other = proposed("Archivage numérique des dossiers papier", "Des boîtes d'archives partout.")
    sign_in_with_second_factor(client, moderator)
    url = reverse("ideas:merge", args=[source.pk])

    picker = client.get(url)
    assert picker.status_code == 200
    suggested = page_text(picker).split("Doublons suggérés", 1)[1]
    assert duplicate.title in suggested and source.title not in suggested

    results = client.get(url, {"q": "archivage"})
    found = page_text(results).split("Résultats pour", 1)[1].split("Doublons suggérés", 1)[0]
    assert other.title in found and duplicate.title not in found
    assert f'value="{other.pk}"' in results.content.decode()
    assert client.get(url, {"q": "archivage", "partiel": "1"}).content.decode().count('name="target"') >= 1

    refused = client.post(url, {"picker": "1", "target": other.pk, "response": ""})
    assert refused.status_code == 400 and "exige une réponse publique" in page_text(refused)
    response = client.post(url, {"picker": "1", "target": other.pk, "response": "Même besoin, une seule idée."})
    assert response.status_code == 302 and response.url == other.get_absolute_url()
    source.refresh_from_db()
    assert source.status == Idea.Status.MERGED and source.merged_into == other


def test_merge_picker_is_for_moderators_only(client, proposed):
    source = proposed("Idée à ne pas fusionner")
    client.force_login(UserFactory(username="simple-membre@gouv.qc.ca"))
    assert client.get(reverse("ideas:merge", args=[source.pk])).status_code == 403
