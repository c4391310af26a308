"""The idea board's part of Loi 25: what it exports for a member, what it erases on deletion.

Registered with accounts.privacy by ideas/apps.py; the account itself is anonymised there.
"""

import search
from accounts.privacy import owned_rows, register_eraser, register_exporter
from ideas.models import Comment, Follow, Idea, IdeaMerge, Notification, OfficialResponse, Report, StatusChange, Vote


def erase_notifications(user):
    Notification.objects.filter(recipient=user).delete()


def reindex_authored_ideas(user):
    """The index holds the author's name: the member's ideas are re-read once the deletion commits."""
    for idea in Idea.objects.filter(author=user):
        search.announce(idea)


def register():
    register_exporter("idees", owned_rows(Idea, "author"))
    register_exporter("commentaires", owned_rows(Comment, "author"))
    register_exporter("votes", owned_rows(Vote, "user"))
    register_exporter("abonnements", owned_rows(Follow, "user"))
    register_exporter("signalements", owned_rows(Report, "reporter"))
    register_exporter("notifications", owned_rows(Notification, "recipient"))
    register_exporter("reponses_officielles", owned_rows(OfficialResponse, "author"))
    register_exporter("changements_de_statut", owned_rows(StatusChange, "changed_by"))
    register_exporter("fusions", owned_rows(IdeaMerge, "merged_by"))
    register_eraser(erase_notifications)
    register_eraser(reindex_authored_ideas)
