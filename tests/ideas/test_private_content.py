"""What stays private on the idea board: moderators' internal notes, hidden or withdrawn comments."""

import pytest
from django.core import mail
from django.urls import reverse

from ideas import services
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

INTERNAL_NOTE = "Note confidentielle : budget refusé par le sous-ministre"
PUBLIC_ANSWER = "Le CQEN retient cette idée pour 2027."


def test_internal_note_stays_with_moderators_and_the_public_answer_is_public(
    client, idea, member, other_member, moderator, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    sign_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:status", args=[idea.pk]),
            {"status": "retenue", "note": INTERNAL_NOTE, "response": PUBLIC_ANSWER},
        )
    assert response.status_code == 302
    assert INTERNAL_NOTE in page_text(client.get(idea.get_absolute_url()))  # the moderators' journal

    emails = [m.body for m in mail.outbox]
    assert len(emails) == 2 and all(PUBLIC_ANSWER in body for body in emails)
    assert not any(INTERNAL_NOTE in body for body in emails)

    client.logout()
    page = page_text(client.get(idea.get_absolute_url()))
    assert PUBLIC_ANSWER in page and INTERNAL_NOTE not in page
    for viewer in (other_member, member):  # a follower and the author
        client.force_login(viewer)
        assert INTERNAL_NOTE not in page_text(client.get(idea.get_absolute_url()))
        assert INTERNAL_NOTE not in page_text(client.get(reverse("ideas:notifications")))
    client.logout()
    feed = client.get(reverse("ideas:feed_status")).content.decode()
    assert "Retenue" in feed
    assert "budget refusé" not in feed


def test_a_status_change_with_only_an_internal_note_tells_followers_nothing_of_it(
    client, idea, other_member, moderator, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(moderator, idea, "en_analyse", note=INTERNAL_NOTE)
    assert mail.outbox and not any(INTERNAL_NOTE in m.body for m in mail.outbox)
    client.force_login(other_member)
    assert INTERNAL_NOTE not in page_text(client.get(reverse("ideas:notifications")))
    merged_into = services.propose_idea(
        other_member,
        title="Une idée semblable à conserver",
        problem="Même problème.",
        solution="Même solution.",
        benefits="Mêmes bénéfices.",
        organisation=idea.organisation,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.merge_ideas(
            moderator,
            idea,
            merged_into,
            note="Doublon signalé par la DG, ne pas ébruiter",
            response="Les deux idées décrivent le même besoin.",
        )
    client.logout()
    assert "ne pas ébruiter" not in page_text(client.get(idea.get_absolute_url()))
    assert "ne pas ébruiter" not in client.get(reverse("ideas:feed_status")).content.decode()


@pytest.mark.parametrize("how", ["hidden", "withdrawn"])
def test_a_hidden_or_withdrawn_comment_leaves_other_members_notifications(
    client, idea, member, other_member, moderator, how
):
    text = "Propos injurieux envers une collègue nommée"
    comment = services.add_comment(other_member, idea, text)
    client.force_login(member)
    assert text in page_text(client.get(reverse("ideas:notifications")))  # visible while it is visible
    if how == "hidden":
        services.moderate(moderator, decision="hide", comment=comment)
    else:
        services.remove_comment(other_member, comment)
    page = page_text(client.get(reverse("ideas:notifications")))
    assert "Nouveau commentaire" in page and idea.title in page
    assert text not in page
    export = client.get(reverse("accounts:download_my_data")).content.decode()
    assert text not in export
    if how == "hidden":
        services.moderate(moderator, decision="restore", comment=comment)
        assert text in page_text(client.get(reverse("ideas:notifications")))
