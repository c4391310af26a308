"""The migrations that merge tags written twice with another case or accents (issue 16), run as an
operator runs them (`manage.py migrate`) over duplicates made the way they were made before."""

import pytest
from django.core.management import call_command

from hub.models import GuidePage, GuidePageTheme, Theme
from hub.site_tree import index_pages
from hub.tags import tag_key
from ideas.models import TaggedIdea
from ideas.models import Theme as IdeaTheme
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def guide(index, title, slug, *themes):
    page = GuidePage(title=title, slug=slug, summary="Résumé.")
    index.add_child(instance=page)
    for theme in themes:
        GuidePageTheme.objects.create(tag=theme, content_object=page)  # as before: no folding
    page.save_revision().publish()
    return GuidePage.objects.get(pk=page.pk)


def theme_names(page):
    return sorted(tag.name for tag in page.themes.all())


@pytest.fixture
def duplicates(home_page):
    """Two guides on « Signature électronique », one on « signature électronique », one with both;
    ideas on « Signature électronique » and « signature electronique »."""
    index = index_pages()["guides"]["fr"]
    upper = Theme.objects.create(name="Signature électronique", slug="signature-electronique")
    lower = Theme.objects.create(name="signature électronique", slug="signature-electronique_1")
    other = Theme.objects.create(name="Accessibilité", slug="accessibilite")
    pages = {
        "upper": guide(index, "Signer un contrat", "signer-contrat", upper, other),
        "upper2": guide(index, "Signer un bail", "signer-bail", upper),
        "lower": guide(index, "Signer en ligne", "signer-en-ligne", lower),
        "both": guide(index, "Signer deux fois", "signer-deux-fois", upper, lower),
    }
    idea_upper = IdeaTheme.objects.create(name="Signature électronique", slug="signature-electronique")
    idea_folded = IdeaTheme.objects.create(name="signature electronique", slug="signature-electronique-1")
    ideas = [IdeaFactory(), IdeaFactory()]
    TaggedIdea.objects.create(tag=idea_upper, content_object=ideas[0])
    TaggedIdea.objects.create(tag=idea_folded, content_object=ideas[1])
    return pages, ideas, lower


def migrate_again():
    call_command("migrate", "hub", "0008", verbosity=0)
    call_command("migrate", "ideas", "0007", verbosity=0)
    call_command("migrate", verbosity=0)


def test_merging_keeps_every_tag_and_an_old_revision_does_not_bring_a_duplicate_back(duplicates):
    """One `migrate` for both checks: each run of the migrations costs seconds."""
    pages, ideas, lower = duplicates
    old = pages["lower"].latest_revision
    assert old.content["tagged_themes"][0]["tag"] == lower.pk
    migrate_again()

    assert sorted(Theme.objects.values_list("name", flat=True)) == ["Accessibilité", "Signature électronique"]
    for name in ("upper2", "lower", "both"):
        assert theme_names(pages[name]) == ["Signature électronique"], name
    assert theme_names(pages["upper"]) == ["Accessibilité", "Signature électronique"]
    assert list(IdeaTheme.objects.values_list("name", flat=True)) == ["Signature électronique"]
    for idea in ideas:
        assert [tag.name for tag in idea.themes.all()] == ["Signature électronique"]

    old.refresh_from_db()
    old.publish()
    assert theme_names(GuidePage.objects.get(pk=pages["lower"].pk)) == ["Signature électronique"]
    both = pages["both"].latest_revision
    both.refresh_from_db()
    assert len(both.content["tagged_themes"]) == 1
    both.publish()
    assert theme_names(GuidePage.objects.get(pk=pages["both"].pk)) == ["Signature électronique"]
    keys = [tag_key(name) for name in Theme.objects.values_list("name", flat=True)]
    assert len(keys) == len(set(keys))


def test_a_new_spelling_of_a_tag_is_the_existing_tag(home_page):
    index = index_pages()["guides"]["fr"]
    first = GuidePage(title="Premier", slug="premier", summary="Résumé.")
    first.themes.set(["Signature électronique"])
    index.add_child(instance=first)
    second = GuidePage(title="Second", slug="second", summary="Résumé.")
    second.themes.set(["SIGNATURE ELECTRONIQUE", "signature  électronique"])
    index.add_child(instance=second)
    assert list(Theme.objects.values_list("name", flat=True)) == ["Signature électronique"]
    assert theme_names(second) == ["Signature électronique"]
    idea = IdeaFactory()
    idea.themes.set(["Infonuagique"])
    IdeaFactory().themes.add("infonuagique", "INFONUAGIQUE")
    assert list(IdeaTheme.objects.values_list("name", flat=True)) == ["Infonuagique"]
