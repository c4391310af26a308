"""Build the demo content in code. Idempotent: running it twice changes nothing."""

import importlib

from django.core.management.base import BaseCommand

# Each feature contributes one step, in dependency order. A step is "module:function(stdout)".
DEMO_STEPS = [
    "hub.demo:load",
    "accounts.demo:load",
    "hub.demo_content:load",
    "ideas.demo:load",
    "search.demo:load",
]


def _resolve(step):
    module_name, _, func_name = step.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None  # that feature has no demo content yet
        raise
    return getattr(module, func_name)


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent)."

    def handle(self, *args, **options):
        for step in DEMO_STEPS:
            func = _resolve(step)
            if func is not None:
                func(self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
