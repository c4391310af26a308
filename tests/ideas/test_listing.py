import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas import services
from ideas.models import Idea, Theme
from tests.factories import OrganisationFactory, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db


def _listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_query_count_does_not_grow_with_the_number_of_ideas(client, member):
    theme = Theme.objects.create(name="Infonuagique", slug="infonuagique")
    client.force_login(member)
    for _ in range(10):
        IdeaFactory().themes.add(theme)
    client.get(reverse("ideas:list"))  # warm up: the first request of a session saves it
    ten = _listing_queries(client, reverse("ideas:list"))
    for _ in range(90):
        IdeaFactory().themes.add(theme)
    hundred = _listing_queries(client, reverse("ideas:list"))
    assert ten == hundred


def test_sorts_by_votes_recency_and_comments(client):
    popular, recent, discussed = (
        IdeaFactory(title="Populaire"),
        IdeaFactory(title="Récente"),
        IdeaFactory(title="Discutée"),
    )
    for _ in range(3):
        services.cast_vote(UserFactory(), popular)
    for _ in range(2):
        services.add_comment(UserFactory(), discussed, "Oui")

    def first(sort):
        return client.get(reverse("ideas:list"), {"tri": sort}).context["ideas"][0].title

    assert first("votes") == "Populaire"
    assert first("commentees") == "Discutée"
    assert first("recentes") == "Discutée"  # created last
    assert first("tendances") == "Populaire"
    assert recent


def test_filters_by_status_theme_organisation(client):
    theme = Theme.objects.create(name="Accessibilité", slug="accessibilite")
    ramq = OrganisationFactory(slug="ramq", name="Régie de l'assurance maladie du Québec")
    accessible = IdeaFactory(title="Formulaires accessibles", organisation=ramq)
    accessible.themes.add(theme)
    IdeaFactory(title="Autre chose", status=Idea.Status.ACCEPTED)

    def titles(**params):
        return [i.title for i in client.get(reverse("ideas:list"), params).context["ideas"]]

    assert titles(theme="accessibilite") == ["Formulaires accessibles"]
    assert titles(organisation="ramq") == ["Formulaires accessibles"]
    assert titles(statut="retenue") == ["Autre chose"]


def test_my_ideas_my_votes_and_followed_filters(client, member, idea):
    voted = IdeaFactory(title="J'ai voté")
    services.cast_vote(member, voted)
    followed = IdeaFactory(title="Je suis")
    services.follow_idea(member, followed)
    IdeaFactory(title="Rien à voir")
    client.force_login(member)

    def titles(mes):
        return {i.title for i in client.get(reverse("ideas:list"), {"mes": mes}).context["ideas"]}

    assert titles("idees") == {idea.title}
    assert titles("votes") == {"J'ai voté"}
    assert titles("suivies") == {idea.title, "J'ai voté", "Je suis"}


def test_listing_paginates_and_counts(client):
    for _ in range(25):
        IdeaFactory()
    first = client.get(reverse("ideas:list"))
    assert len(first.context["ideas"]) == 20
    assert "25 idées" in page_text(first)
    assert len(client.get(reverse("ideas:list"), {"page": 2}).context["ideas"]) == 5


def test_bad_filter_values_do_not_break_the_listing(client):
    IdeaFactory()
    response = client.get(reverse("ideas:list"), {"tri": "n'importe", "statut": "x", "page": "abc"})
    assert response.status_code == 200


def test_rss_feeds_list_new_ideas_and_status_changes(client, idea, moderator):
    services.set_status(moderator, idea, "en_analyse")
    new = client.get(reverse("ideas:feed_new"))
    assert new["Content-Type"].startswith("application/rss+xml")
    assert idea.title in new.content.decode()
    changes = client.get(reverse("ideas:feed_status")).content.decode()
    assert "En analyse" in changes


def test_home_page_shows_trending_open_ideas(client, home_page, idea):
    """The idea board's section of the home page, contributed through hub.page_sections."""
    closed = IdeaFactory(status=Idea.Status.REJECTED)
    response = client.get("/")
    assert response.status_code == 200
    titles = [card["title"] for card in response.context["trending_ideas"]]
    assert idea.title in titles and closed.title not in titles


def test_english_listing_lives_under_en(client, idea):
    response = client.get("/en/idees/")
    assert response.status_code == 200
    assert idea.title in page_text(response)


def test_status_filter_shows_how_many_ideas_each_status_holds(client):
    IdeaFactory()
    IdeaFactory()
    IdeaFactory(status=Idea.Status.DONE)
    text = page_text(client.get(reverse("ideas:list")))
    assert "Soumise (2)" in text and "Réalisée (1)" in text and "Retenue (0)" in text
