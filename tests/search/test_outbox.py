"""The outbox survives a crash right after commit: every write path records its pending index
operation in its own transaction, and `search_index --retry-pending` applies it later.

The on_commit callbacks (the sync task) are captured and thrown away, as if the process died
between the commit and the task. The database engine applies the rows here (it is a real
engine: its table is what the search page reads when the node is down); the search engine node
gets the same rows through the same code (test_indexing, test_ordering)."""

import json
from functools import cached_property

import pytest
from django.core.management import call_command
from django.urls import reverse

from hub.models import StandardPage
from ideas import services
from search import indexing
from search.models import PendingIndexOperation
from tests.factories import OrganisationFactory, UserFactory
from tests.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.search]

WRITE_PATHS = {}


def write_path(name, needs=(), changes_document=True):
    """Register a write path: `action(world, client)` does the write and returns the doc_id it
    touches; `needs`: the world's content it acts on, built and indexed before the write;
    `changes_document`: the write changes what the document holds (else only a re-read)."""

    def register(action):
        WRITE_PATHS[name] = (action, needs, changes_document)
        return action

    return register


class World:
    """Content the write paths act on, built on first use (each path builds only what it needs)."""

    def __init__(self, home_page):
        self.home_page = home_page
        self.organisation = OrganisationFactory(name="Ministère de la Cybersécurité et du Numérique", slug="mcn")
        self.member = self.user("membre@gouv.qc.ca")
        self.other = self.user("autre@gouv.qc.ca")

    @cached_property
    def moderator(self):
        from django.contrib.auth.models import Permission

        moderator = UserFactory(username="moderateur@cqen.gouv.qc.ca")
        moderator.user_permissions.add(
            Permission.objects.get(codename="moderate_idea", content_type__app_label="ideas")
        )
        return type(moderator).objects.get(pk=moderator.pk)  # no stale permission cache

    @cached_property
    def idea(self):
        return self.propose("Signature électronique pour tous les formulaires")

    @cached_property
    def duplicate(self):
        return self.propose("Une signature électronique commune")

    @cached_property
    def comment(self):
        return services.add_comment(self.other, self.idea, "Bonne idée, mais le coût ?")

    @cached_property
    def component(self):
        from hub.site_tree import index_pages
        from tests.hub.factories import make_component

        return make_component(index_pages()["composantes"]["fr"])

    @cached_property
    def page(self):
        return self.add_page("Page publiée", "publiee", publish=True)

    @cached_property
    def draft(self):
        return self.add_page("Page à publier", "a-publier", publish=False)

    @cached_property
    def section(self):
        return self.add_page("Rubrique", "rubrique", publish=True)

    def user(self, email):
        user = UserFactory(username=email)
        user.profile.organisation = self.organisation
        user.profile.save()
        return user

    def propose(self, title):
        return services.propose_idea(
            self.member,
            title=title,
            problem="Il faut imprimer, signer et numériser les formulaires.",
            solution="Offrir une signature électronique gouvernementale commune.",
            benefits="Des démarches entièrement en ligne.",
            organisation=self.organisation,
        )

    def add_page(self, title, slug, publish):
        page = StandardPage(title=title, slug=slug, body=f"<p>{title}</p>", live=False)
        self.home_page.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return StandardPage.objects.get(pk=page.pk)

    def admin_client(self, client):
        from allauth.mfa.models import Authenticator

        admin = UserFactory(username="admin@cqen.gouv.qc.ca", is_staff=True, is_superuser=True)
        Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
        sign_in_with_second_factor(client, admin)
        return client


@write_path("propose")
def propose(world, client):
    return f"idea-{world.propose('Un guichet unique pour les permis').pk}"


@write_path("vote", needs=("idea",))
def vote(world, client):
    services.cast_vote(world.other, world.idea)
    return f"idea-{world.idea.pk}"


@write_path("status", needs=("idea", "moderator"))
def status(world, client):
    services.set_status(world.moderator, world.idea, "en_analyse")
    return f"idea-{world.idea.pk}"


@write_path("merge", needs=("idea", "duplicate", "moderator"))
def merge(world, client):
    services.merge_ideas(world.moderator, world.duplicate, world.idea, response="Même besoin, une seule idée.")
    return f"idea-{world.duplicate.pk}"


@write_path("comment hide", needs=("comment", "moderator"), changes_document=False)
def comment_hide(world, client):
    services.moderate(world.moderator, decision="hide", comment=world.comment)
    return f"idea-{world.idea.pk}"


@write_path("adoption", needs=("component",))
def adoption(world, client):
    from hub.services import declare_usage

    declare_usage(world.component, world.organisation, world.member, "Connexion des citoyens")
    return f"component-{world.component.pk}"


@write_path("page publish", needs=("draft",))
def page_publish(world, client):
    world.draft.save_revision().publish()
    return f"page-{world.draft.pk}"


@write_path("page unpublish", needs=("page",))
def page_unpublish(world, client):
    world.page.unpublish()
    return f"page-{world.page.pk}"


@write_path("page move", needs=("page", "section"))
def page_move(world, client):
    world.page.move(world.section, pos="last-child")
    return f"page-{world.page.pk}"


@write_path("page delete", needs=("page",))
def page_delete(world, client):
    doc_id = f"page-{world.page.pk}"
    world.page.delete()
    return doc_id


@write_path("admin idea edit", needs=("idea",))
def admin_idea_edit(world, client):
    idea = world.idea
    data = {
        "title": "Signature électronique corrigée",
        "problem": idea.problem,
        "solution": idea.solution,
        "benefits": idea.benefits,
        "organisation": idea.organisation_id,
    }
    assert world.admin_client(client).post(reverse("idees:edit", args=[idea.pk]), data).status_code == 302
    return f"idea-{idea.pk}"


@write_path("admin idea delete", needs=("idea",))
def admin_idea_delete(world, client):
    response = world.admin_client(client).post(reverse("idees:delete", args=[world.idea.pk]))
    assert response.status_code == 302
    return f"idea-{world.idea.pk}"


@write_path("import")
def import_idea(world, client):
    from hub.importer import run_import
    from ideas.models import Idea

    record = {
        "kind": "idea",
        "slug": "signature-importee",
        "title": "Une signature électronique importée",
        "problem": "Chaque organisme a son propre outil.",
        "solution": "Un service commun.",
        "benefits": "Moins de coûts.",
        "organisation": world.organisation.name,
        "status": "en_analyse",
        "author_email": "nouvelle.personne@gouv.qc.ca",
    }
    run_import(json.dumps(record, ensure_ascii=False))
    return f"idea-{Idea.objects.get(slug='signature-importee').pk}"


@write_path("account erasure", needs=("idea",), changes_document=False)
def account_erasure(world, client):
    from accounts.privacy import delete_account

    delete_account(world.member)
    return f"idea-{world.idea.pk}"


def drift_of(doc_id):
    """The database engine's drift for one document: [] when its row matches the content."""
    report = indexing.check()["database"]
    return [problem for problem, ids in report.items() if doc_id in ids]


@pytest.mark.parametrize("name", list(WRITE_PATHS))
def test_a_crash_right_after_commit_loses_no_index_write(
    name, client, database_engine, home_page, standard_page_kind, django_capture_on_commit_callbacks
):
    action, needs, changes_document = WRITE_PATHS[name]
    world = World(home_page)
    for attribute in needs:
        getattr(world, attribute)
    indexing.process_pending(force=True)  # the world is indexed before the write
    assert not PendingIndexOperation.objects.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # the process dies after commit
        doc_id = action(world, client)
    assert callbacks, "the sync task is enqueued on commit"
    pending = {f"{op.kind}-{op.object_id}" for op in PendingIndexOperation.objects.all()}
    assert doc_id in pending
    if changes_document:
        assert drift_of(doc_id), "the index is behind until the pending operation is applied"

    call_command("search_index", "--retry-pending")
    assert not PendingIndexOperation.objects.exists()
    assert drift_of(doc_id) == []
