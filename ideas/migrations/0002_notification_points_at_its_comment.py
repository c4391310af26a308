import django.db.models.deletion
from django.db import migrations, models


COMMENT_PREFIX = 300  # notify() used to copy the first 300 characters of the comment


def link_comment_notifications(apps, schema_editor):
    """Existing comment notifications point at their comment and drop the copied text."""
    Notification = apps.get_model("ideas", "Notification")
    Comment = apps.get_model("ideas", "Comment")
    pending = Notification.objects.filter(kind="commentaire", comment__isnull=True).exclude(detail="")
    for notification in pending.iterator():
        candidates = Comment.objects.filter(idea_id=notification.idea_id, created_at__lte=notification.created_at)
        for comment in candidates.order_by("-created_at"):
            if comment.body[:COMMENT_PREFIX] == notification.detail:
                Notification.objects.filter(pk=notification.pk).update(comment=comment, detail="")
                break


def copy_comment_text_back(apps, schema_editor):
    Notification = apps.get_model("ideas", "Notification")
    for notification in Notification.objects.filter(comment__isnull=False).select_related("comment").iterator():
        Notification.objects.filter(pk=notification.pk).update(detail=notification.comment.body[:COMMENT_PREFIX])


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="comment",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="notifications",
                to="ideas.comment",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="detail",
            field=models.TextField(
                blank=True, help_text="A public answer or a merge target; never a copy of a comment."
            ),
        ),
        migrations.RunPython(link_comment_notifications, copy_comment_text_back),
    ]
