"""Tags whatever their case or accents: « signature electronique » is the theme « Signature électronique ».

Taggit compares names without case (`TAGGIT_CASE_INSENSITIVE`) but keeps accents apart. The tag
managers of guides, components and ideas first resolve each typed name to the existing tag with the
same folded key (`tag_key`), so that a new spelling never creates a second tag; the first spelling
stays the tag's name. Migrations `hub.0008` and `ideas.0007` merged the duplicates made before.
"""

import unicodedata

from modelcluster.contrib.taggit import ClusterTaggableManager, _ClusterTaggableManager
from taggit.managers import _TaggableManager


def tag_key(name):
    """What two spellings of one tag share: lower case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def existing_tag(tag_model, name):
    """The tag spelled `name` whatever its case or accents, or None. Case first (one indexed query);
    accents by comparing keys over the vocabulary, which stays small (themes, technologies)."""
    found = tag_model._default_manager.filter(name__iexact=name.strip()).order_by("pk").first()
    if found is not None:
        return found
    key = tag_key(name)
    for pk, other in tag_model._default_manager.order_by("pk").values_list("pk", "name"):
        if tag_key(other) == key:
            return tag_model._default_manager.get(pk=pk)
    return None


class FoldedTagsMixin:
    """Resolve typed names to existing tags by their folded key before taggit creates any."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        tag_model = self.through.tag_model()
        resolved, seen = [], set()
        for tag in tags:
            if isinstance(tag, str):
                key = tag_key(tag)
                if not key or key in seen:
                    continue  # two spellings of one new tag in the same list: the first one wins
                seen.add(key)
                tag = existing_tag(tag_model, tag) or tag.strip()
            resolved.append(tag)
        return super()._to_tag_model_instances(resolved, tag_kwargs)


class FoldedTagManager(FoldedTagsMixin, _TaggableManager):
    """The tag manager of a plain model (ideas)."""


class _FoldedClusterTagManager(FoldedTagsMixin, _ClusterTaggableManager):
    pass


class FoldedClusterTaggableManager(ClusterTaggableManager):
    """The tag field of pages (kept in revisions by modelcluster), with folded names."""

    def __get__(self, instance, model):
        return _FoldedClusterTagManager(
            through=self.through, model=model, instance=instance, prefetch_cache_name=self.name
        )


def merge_duplicate_tags(tag_model, tagged_item_model):
    """Merge the tags whose names differ only by case or accents (a data migration's step, with the
    migration's historical models). The spelling used by the most items is kept (the oldest tag on a
    tie); every item keeps its tag, once. Returns {merged tag pk: kept tag pk}."""
    groups = {}
    for tag in tag_model.objects.order_by("pk"):
        groups.setdefault(tag_key(tag.name), []).append(tag)
    merged = {}
    for tags in groups.values():
        if len(tags) < 2:
            continue
        uses = {tag.pk: tagged_item_model.objects.filter(tag=tag).count() for tag in tags}
        kept = max(tags, key=lambda tag: (uses[tag.pk], -tag.pk))
        tagged = set(tagged_item_model.objects.filter(tag=kept).values_list("content_object_id", flat=True))
        for tag in tags:
            if tag.pk == kept.pk:
                continue
            for item in tagged_item_model.objects.filter(tag=tag):
                if item.content_object_id in tagged:
                    item.delete()  # the item already has the kept tag
                else:
                    tagged_item_model.objects.filter(pk=item.pk).update(tag=kept)
                    tagged.add(item.content_object_id)
            merged[tag.pk] = kept.pk
            tag.delete()
    return merged
