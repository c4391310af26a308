from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Tableau des idées")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The idea board contributes to the hub through its registries: import kind, sections (home, the
        ideas linked to components and guides, organisation pages), report, search documents, privacy,
        the member's notification centre."""
        from hub.importer import register_kind
        from hub.mail import register_retry
        from hub.notification_centre import register_source
        from hub.organisations import register_figure, register_participation
        from hub.page_sections import register_section
        from ideas import organisations, privacy, receivers
        from ideas.home import trending_section
        from ideas.importer import validate_idea, write_idea
        from ideas.links import linked_ideas_section, page_search_text
        from ideas.notifications import notification_source, retry_due_notifications
        from search.documents import register_page_text

        receivers.connect()

        register_kind("idea", validate_idea, write_idea)
        register_section("home", "trending_ideas", trending_section)
        register_section("organisation", "ideas_proposed", organisations.ideas_proposed)
        register_section("organisation", "ideas_endorsed", organisations.ideas_endorsed)
        register_participation("ideas", organisations.organisations_with_ideas)
        register_figure("ideas_proposed", organisations.proposed_figure)
        register_figure("ideas_realised", organisations.realised_figure)
        register_section("component", "linked_ideas", linked_ideas_section)
        register_section("guide", "linked_ideas", linked_ideas_section)
        register_page_text(page_search_text)
        privacy.register()
        register_retry(retry_due_notifications)
        register_source(notification_source())
