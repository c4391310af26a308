from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub.bootstrap import register_setup_step
        from search import receivers
        from search.synonyms import seed_synonyms

        receivers.connect()
        register_setup_step(self.label, seed_synonyms)
