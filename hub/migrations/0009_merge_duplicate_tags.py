"""Merge the guide themes and component technologies written twice with another case or accents
(« Signature électronique » and « signature électronique »): every page keeps its tags.

Page revisions name their tags by id (modelcluster's `tagged_themes`/`tagged_technologies`): they are
pointed at the kept tag too, so that publishing or comparing an old revision never brings back, nor
fails on, a merged tag.

Not reversible in data: which page had which spelling is not recorded, so going back leaves the
merged tags as they are (the schema needs nothing undone)."""

from django.db import migrations

from hub.tags import merge_duplicate_tags

TAG_RELATIONS = {"tagged_themes": ("Theme", "GuidePageTheme"), "tagged_technologies": ("Technology", "ComponentTechnology")}


def repoint_revisions(Revision, relation, merged):
    """Point the revisions' tagged items at the kept tags, once per tag."""
    if not merged:
        return
    for revision in Revision.objects.filter(content__has_key=relation).iterator():
        items, seen, changed = [], set(), False
        for item in revision.content.get(relation) or []:
            tag = merged.get(item.get("tag"), item.get("tag"))
            changed |= tag != item.get("tag")
            if tag in seen:
                changed = True
                continue
            seen.add(tag)
            items.append({**item, "tag": tag})
        if changed:
            revision.content[relation] = items
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)


def merge(apps, schema_editor):
    Revision = apps.get_model("wagtailcore", "Revision")
    for relation, (tag_name, through_name) in TAG_RELATIONS.items():
        merged = merge_duplicate_tags(apps.get_model("hub", tag_name), apps.get_model("hub", through_name))
        repoint_revisions(Revision, relation, merged)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0008_tag_fields_fold_case_and_accents"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
