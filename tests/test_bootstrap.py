"""The bootstrap run after `migrate` and by `setup_hub`: once, by stable keys, respectful of editors.

The from-scratch run with production settings is tests/test_bootstrap_production.py; these tests
work on the test database, which `migrate` set up exactly as it sets up a new instance.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Workflow, WorkflowPage

from accounts.roles import ALL_ROLES, EDITOR, REVIEWER, retire_wagtail_default_groups
from hub.bootstrap import ordered_steps, run_setup
from hub.models import ComponentIndexPage, GuideIndexPage, HomePage, SetupRecord, StandardPage
from hub.workflows import WORKFLOW_NAME
from search.models import Synonym
from search.synonyms import SEEDED_SYNONYMS, seed_synonyms
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def setup_hub():
    out = io.StringIO()
    call_command("setup_hub", stdout=out)
    return out.getvalue()


def test_the_test_database_was_set_up_by_migrate_like_a_new_instance():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ALL_ROLES)
    assert {page.locale.language_code for page in HomePage.objects.all()} == {"fr", "en"}
    assert StandardPage.objects.filter(slug="politique-de-confidentialite").count() == 2
    for model in (GuideIndexPage, ComponentIndexPage):
        for index in model.objects.all():
            assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW_NAME
    assert Synonym.objects.count() == len(SEEDED_SYNONYMS)


def test_setup_hub_on_a_ready_instance_creates_nothing_and_says_so():
    pages, records = HomePage.objects.count(), SetupRecord.objects.count()
    output = setup_hub()
    assert "Rien à créer : l'instance était déjà prête." in output
    assert "Amorçage terminé (accounts, hubsearch, hub)." in output
    assert (HomePage.objects.count(), SetupRecord.objects.count()) == (pages, records)


def test_roles_come_before_the_workflow_that_their_groups_approve():
    labels = [label for label, _step in ordered_steps()]
    assert labels.index("accounts") < labels.index("hub")


def test_what_an_editor_deleted_or_renamed_stays_so():
    Synonym.objects.filter(term="IA").delete()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.name = "Circuit renommé"
    workflow.save()
    privacy_en = StandardPage.objects.get(slug="politique-de-confidentialite", locale__language_code="en")
    privacy_en.delete()
    run_setup()
    assert not Synonym.objects.filter(term="IA").exists()
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == ["Circuit renommé"]
    assert not StandardPage.objects.filter(slug="politique-de-confidentialite", locale__language_code="en").exists()


def test_synonyms_are_seeded_in_bulk_with_a_single_index_update(django_capture_on_commit_callbacks):
    Synonym.objects.all().delete()
    SetupRecord.objects.filter(key__startswith="hubsearch.synonym:").delete()
    Synonym.objects.create(term="itq", equivalents="équivalents d'un éditeur")  # already there: kept as is
    with django_capture_on_commit_callbacks() as callbacks:
        created = seed_synonyms()
    assert created == len(SEEDED_SYNONYMS) - 1
    assert len(callbacks) == 1  # one index update for all, not one per synonym
    assert Synonym.objects.get(term="itq").equivalents == "équivalents d'un éditeur"
    assert seed_synonyms() == 0


def test_members_of_wagtail_english_groups_move_into_the_french_roles():
    SetupRecord.objects.filter(key="accounts.wagtail-default-groups-retired").delete()
    editor, moderator = UserFactory(), UserFactory()
    Group.objects.create(name="Editors").user_set.add(editor)
    Group.objects.create(name="Moderators").user_set.add(moderator)
    retire_wagtail_default_groups()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert editor.groups.filter(name=EDITOR).exists() and moderator.groups.filter(name=REVIEWER).exists()
    Group.objects.create(name="Editors")  # an administrator's own group, later: left alone
    retire_wagtail_default_groups()
    assert Group.objects.filter(name="Editors").exists()
