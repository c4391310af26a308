"""Concurrent votes on PostgreSQL: the counter always equals the rows, never a duplicate."""

import threading

import pytest
from django.db import connections

from ideas import services
from ideas.models import Idea, Vote
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.postgres(reason="Les tests de concurrence exigent PostgreSQL (DATABASE_URL)."),
    pytest.mark.django_db(transaction=True),
]


def _run_at_once(count, action):
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            action(index)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def open_idea():
    author = UserFactory(username="auteur-concurrence@gouv.qc.ca")
    return services.propose_idea(
        author,
        title="Votes simultanés",
        problem="p",
        solution="s",
        benefits="b",
        organisation=OrganisationFactory(slug="org-concurrence"),
    )


def test_fifty_members_voting_at_once_are_all_counted(open_idea):
    voters = [UserFactory(username=f"votant{i}@gouv.qc.ca") for i in range(50)]
    errors = _run_at_once(50, lambda i: services.cast_vote(voters[i], open_idea))
    assert errors == []
    open_idea.refresh_from_db()
    assert Vote.objects.filter(idea=open_idea).count() == 50
    assert open_idea.vote_count == 50


def test_same_member_voting_ten_times_at_once_counts_once(open_idea):
    voter = UserFactory(username="impatient@gouv.qc.ca")
    errors = _run_at_once(10, lambda i: services.cast_vote(voter, open_idea))
    assert errors == []
    open_idea.refresh_from_db()
    assert Vote.objects.filter(idea=open_idea, user=voter).count() == 1
    assert open_idea.vote_count == 1


def test_votes_and_withdrawals_at_once_keep_the_counter_equal_to_rows(open_idea):
    voters = [UserFactory(username=f"va-et-vient{i}@gouv.qc.ca") for i in range(25)]
    for voter in voters[:12]:
        services.cast_vote(voter, open_idea)

    def action(i):
        voter = voters[i % 25]
        if i < 25:
            services.cast_vote(voter, open_idea)
        else:
            services.withdraw_vote(voter, open_idea)

    errors = _run_at_once(50, action)
    assert errors == []
    rows = Vote.objects.filter(idea=open_idea).count()
    assert Idea.objects.get(pk=open_idea.pk).vote_count == rows


def _verified_members(count, prefix, shared_organisation=None):
    """Members with verified addresses; each in their own organisation unless one is shared."""

    from hub.models import OrganisationDomain

    users = []
    for i in range(count):
        organisation = shared_organisation or OrganisationFactory(slug=f"{prefix}-org-{i}")
        domain = f"{organisation.slug}.gouv.qc.ca"
        OrganisationDomain.objects.get_or_create(organisation=organisation, domain=domain)
        user = UserFactory(username=f"{prefix}{i}@{domain}")
        user.profile.organisation = organisation
        user.profile.save()
        users.append(user)
    return users


def test_fifty_organisations_endorsing_at_once_are_all_counted(open_idea):
    from ideas.models import Endorsement

    members = _verified_members(50, "appui")
    errors = _run_at_once(50, lambda i: services.endorse(members[i], open_idea))
    assert errors == []
    assert Endorsement.objects.filter(idea=open_idea).count() == 50
    assert Idea.objects.get(pk=open_idea.pk).endorsement_count == 50


def test_one_organisation_endorsing_from_ten_members_at_once_counts_once(open_idea):
    from ideas.models import Endorsement

    members = _verified_members(10, "meme-org", shared_organisation=OrganisationFactory(slug="org-unique"))
    errors = _run_at_once(10, lambda i: services.endorse(members[i], open_idea))
    assert errors == []
    assert Endorsement.objects.filter(idea=open_idea).count() == 1
    assert Idea.objects.get(pk=open_idea.pk).endorsement_count == 1
