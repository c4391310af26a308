"""The bootstrap: what every instance needs, set up after `migrate` and by `manage.py setup_hub`.

Each app owns what it sets up and registers one step in its AppConfig.ready():

    register_setup_step("accounts", setup_roles)   # setup_roles(report)
    register_setup_step("hub", setup_editorial_core, after=["accounts"])

After `migrate` (once every app has migrated, when content types and permissions exist) the
steps run in registration order (INSTALLED_APPS order), a step waiting for those it comes
`after`; `setup_hub` runs the same steps and prints what they created. The demo (`demo/`,
`load_demo`) only adds content on top.

Idempotent and respectful of editors: a step creates a thing once, under a stable key kept in
`SetupRecord`. Once a key is recorded the thing is left alone, even if an editor renamed,
edited or deleted it: `migrate` never reverts an editor's work.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

logger = logging.getLogger(__name__)

_STEPS = {}


@dataclass
class SetupReport:
    """What the steps created, as French lines for `setup_hub` and `migrate -v2`."""

    lines: list = field(default_factory=list)

    def created(self, what):
        self.lines.append(f"Créé : {what}")

    def changed(self, what):
        self.lines.append(f"Modifié : {what}")

    def note(self, text):
        self.lines.append(text)


def register_setup_step(app_label, step, after=()):
    """Register `step(report)` as the bootstrap of `app_label`, run after the steps of the apps in
    `after` (those that are installed). Registering again replaces it."""
    _STEPS[app_label] = (step, tuple(after))


def ordered_steps():
    """[(app_label, step)] in registration order, each after the steps it depends on."""
    done, ordered, pending = set(), [], dict(_STEPS)
    while pending:
        ready = [label for label, (_step, after) in pending.items() if all(a in done or a not in _STEPS for a in after)]
        if not ready:
            raise RuntimeError(f"Dépendances circulaires entre les étapes d'amorçage : {', '.join(pending)}")
        for label in ready:
            ordered.append((label, pending.pop(label)[0]))
            done.add(label)
    return ordered


def run_setup(report=None):
    """Run every registered step, each in its own transaction; return the report."""
    report = report or SetupReport()
    for _label, step in ordered_steps():
        with transaction.atomic():
            step(report)
    return report


def _last_app_with_models():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def complete_permissions(using="default"):
    """Content types and permissions of every app, as `migrate` creates them app by app.

    The bootstrap runs at the signal of one app, before Django's own receivers have run for
    it: this makes sure every permission the roles need exists by then.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)


def after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver: run the bootstrap once, at the signal of the last app."""
    if using != "default" or sender.label != _last_app_with_models().label:
        return
    complete_permissions(using)
    report = run_setup()
    if verbosity >= 1 and stdout is not None and report.lines:
        for line in report.lines:
            stdout.write(f"  {line}")


def seed_once(key, model, find_or_create):
    """The `model` object created under `key`, creating it with `find_or_create()` the first time only.

    `find_or_create()` returns (object, created): it first looks for an existing object by its
    natural key (an instance set up before the bootstrap existed), then creates one. Returns
    (object or None, created); None when the key was recorded and its object was deleted since:
    a recorded key is never created again.
    """
    from hub.models import SetupRecord

    if SetupRecord.objects.filter(key=key).exists():
        return seeded(key, model), False
    obj, created = find_or_create()
    SetupRecord.objects.create(key=key, object_id=str(obj.pk) if obj is not None and obj.pk else "")
    return obj, created


def seeded(key, model):
    """The object of `model` recorded under `key`, or None (never seeded, or deleted since)."""
    from hub.models import SetupRecord

    record = SetupRecord.objects.filter(key=key).first()
    if record is None or not record.object_id:
        return None
    return model.objects.filter(pk=record.object_id).first()


def is_seeded(key):
    from hub.models import SetupRecord

    return SetupRecord.objects.filter(key=key).exists()


def record_seeded(keys):
    """Record many keys at once (bulk seeding: synonyms)."""
    from hub.models import SetupRecord

    SetupRecord.objects.bulk_create([SetupRecord(key=key) for key in keys], ignore_conflicts=True)
