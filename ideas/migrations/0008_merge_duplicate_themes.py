"""Merge the idea themes written twice with another case or accents (« Signature électronique » and
« signature électronique »): every idea keeps its themes.

Not reversible in data: which idea had which spelling is not recorded, so going back leaves the
merged themes as they are."""

from django.db import migrations

from hub.tags import merge_duplicate_tags


def merge(apps, schema_editor):
    merge_duplicate_tags(apps.get_model("ideas", "Theme"), apps.get_model("ideas", "TaggedIdea"))


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0007_notification_email_retries"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
