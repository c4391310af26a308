"""What an operator gets: `migrate` alone, production settings, an empty PostgreSQL database.

Every command runs in a subprocess with `hub.settings.production` (no demo app installed, the
database search engine, the database task queue worked by `db_worker --batch` as the compose
worker would). The checks run inside `manage.py shell` with Django's test client; only the
static files storage is swapped for the plain one (production serves a manifest built by
`collectstatic` at image build time, which this test does not run).
"""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.server import PostgresDatabase

pytestmark = pytest.mark.postgres(reason="Le test d'installation en production exige PostgreSQL (DATABASE_URL).")

BASE_DIR = Path(__file__).resolve().parents[1]

CHECKS = r"""
import json
from django.test import Client, override_settings
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage
from hub.models import ComponentIndexPage, GuideIndexPage, HomePage
from search.models import Synonym

plain_static = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=plain_static):
    client = Client()
    statuses = {url: client.get(url, secure=True).status_code for url in URLS}
    search = client.get("/api/v1/search/", {"q": "ITQ"}, secure=True).json()
indexes = [*GuideIndexPage.objects.all(), *ComponentIndexPage.objects.all()]
unapproved = [
    wp.page.url_path
    for wp in WorkflowPage.objects.filter(workflow__active=True).select_related("page", "workflow")
    if any(not task.specific.groups.exists() for task in wp.workflow.tasks.filter(active=True))
]
print(json.dumps({
    "statuses": statuses,
    "index_workflows": sorted(
        (i.locale.language_code, type(i).__name__, WorkflowPage.objects.get(page=i).workflow.name) for i in indexes
    ),
    "workflows": sorted((w.name, w.active) for w in Workflow.objects.all()),
    "unapproved": unapproved,
    "synonyms": sorted(Synonym.objects.values_list("term", flat=True)),
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "home_title": HomePage.objects.get(locale__language_code="fr").title,
    "itq_results": sorted(r["slug"] for r in search["results"]),
}))
"""

EDITOR_CHANGES = r"""
from wagtail.models import Workflow
from hub.models import HomePage
from search.models import Synonym
from hub.workflows import WORKFLOW_NAME

workflow = Workflow.objects.get(name=WORKFLOW_NAME)
workflow.name = "Circuit des guides (renommé)"
workflow.save()
Synonym.objects.filter(term="IA").delete()
home = HomePage.objects.get(locale__language_code="fr")
home.title = "Accueil modifié par un éditeur"
home.save_revision().publish()
"""

IMPORT = [
    {
        "kind": "guide",
        "slug": "guide-hebergement",
        "title": "Héberger un service dans le nuage gouvernemental",
        "summary": "Les étapes d'un hébergement partagé.",
        "body": "Un guide du fournisseur d'infrastructures de l'État.",
        "organisation": "Infrastructures technologiques Québec",
    },
    {
        "kind": "component",
        "slug": "courriel-gouvernemental",
        "title": "Service de courriel gouvernemental",
        "summary": "Une messagerie partagée.",
        "body": "Un service partagé.",
        "organisation": "Infrastructures technologiques Québec",
        "licence": "LiLiQ-P-1.1",
        "component_type": "service-partage",
    },
    {
        "kind": "idea",
        "slug": "reseau-partage",
        "title": "Un réseau partagé entre les organismes",
        "problem": "Chaque organisme paie son propre lien.",
        "solution": "Mutualiser le réseau.",
        "benefits": "Des économies.",
        "organisation": "Infrastructures technologiques Québec",
    },
]

URLS = ["/guides/", "/composantes/", "/en/guides/", "/en/composantes/"]


class ProductionInstance:
    """An empty database of its own and `manage.py` with the production settings."""

    def __init__(self, tmp_path):
        self.database = PostgresDatabase(os.environ["DATABASE_URL"])
        self.database.name = f"hub_bootstrap_{os.getpid()}"
        parts = urllib.parse.urlsplit(self.database.admin_url)
        self.database.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.database.name))
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("OPENSEARCH_URL", "ELASTICSEARCH_URL", "TASKS_BACKEND", "SEARCH_INDEX_PREFIX")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="hub.settings.production",
            SECRET_KEY="bootstrap-test-" + "k" * 50,
            DATABASE_URL=self.database.url,
            ALLOWED_HOSTS="testserver",
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.tmp_path = tmp_path

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {args[0]} : code {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code).stdout

    def state(self):
        output = self.shell(f"URLS = {URLS!r}\n" + CHECKS)
        state = json.loads(output.strip().splitlines()[-1])
        for name in ("index_workflows", "workflows"):
            state[name] = [tuple(row) for row in state[name]]
        return state


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    production = ProductionInstance(tmp_path_factory.mktemp("production"))
    production.database.create()
    production.migrate_output = production.manage("migrate", "--no-input").stdout
    yield production
    production.database.drop()


@pytest.fixture(scope="module")
def after_migrate(instance):
    return instance.state()


def test_migrate_alone_serves_both_catalogue_indexes_in_both_languages(after_migrate):
    assert after_migrate["statuses"] == dict.fromkeys(URLS, 200)


def test_both_indexes_carry_the_review_workflow_and_no_page_waits_for_nobody(after_migrate):
    review = "Révision par les pairs → Approbation CQEN"
    assert after_migrate["index_workflows"] == [
        ("en", "ComponentIndexPage", review),
        ("en", "GuideIndexPage", review),
        ("fr", "ComponentIndexPage", review),
        ("fr", "GuideIndexPage", review),
    ]
    assert after_migrate["unapproved"] == []
    assert (review, True) in after_migrate["workflows"]
    assert ("Moderators approval", False) in after_migrate["workflows"]  # Wagtail's default, switched off


def test_only_the_french_roles_exist(after_migrate):
    assert after_migrate["groups"] == sorted(["Administrateur", "Membre", "Modérateur", "Réviseur CQEN", "Éditeur"])


def test_migrate_says_what_it_set_up(instance, after_migrate):
    assert "Créé : circuit de révision « Révision par les pairs → Approbation CQEN »" in instance.migrate_output
    assert "Créé : 12 synonymes" in instance.migrate_output
    assert {"ITQ", "IA", "MCN"} <= set(after_migrate["synonyms"])


def test_load_demo_is_not_available_in_production(instance, after_migrate):
    result = instance.manage("load_demo", "--force-demo", check=False)
    assert result.returncode != 0
    assert instance.state()["groups"] == after_migrate["groups"]  # no demo account, nothing else written


def test_imported_content_of_itq_is_found_by_its_acronym(instance, after_migrate):
    path = instance.tmp_path / "import.jsonl"
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in IMPORT), encoding="utf-8")
    assert "3 créé(s)" in instance.manage("import_content", str(path)).stdout
    instance.manage("db_worker", "--batch", "--no-startup-delay")  # the compose worker's job: the index outbox
    assert instance.state()["itq_results"] == ["courriel-gouvernemental", "guide-hebergement", "reseau-partage"]


def test_migrate_again_keeps_what_editors_changed(instance, after_migrate):
    instance.shell(EDITOR_CHANGES)
    instance.manage("migrate", "--no-input")
    instance.manage("setup_hub")
    state = instance.state()
    assert state["home_title"] == "Accueil modifié par un éditeur"
    assert "IA" not in state["synonyms"] and "ITQ" in state["synonyms"]
    assert ("Circuit des guides (renommé)", True) in state["workflows"]
    assert not any(name == "Révision par les pairs → Approbation CQEN" for name, _active in state["workflows"])
    assert {workflow for *_index, workflow in state["index_workflows"]} == {"Circuit des guides (renommé)"}
    assert state["statuses"] == after_migrate["statuses"]
