from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, post_page_move


def setup_editorial_core(report):
    """The hub's bootstrap: locales, home and legal pages, both catalogue indexes, review workflow."""
    from hub.site_tree import ensure_site_structure
    from hub.workflows import ensure_review_workflow

    ensure_site_structure(report)
    ensure_review_workflow(report)


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub du CQEN")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import PageViewRestriction

        from hub import admin_display, privacy
        from hub.bootstrap import after_migrate, register_setup_step
        from hub.home_cards import latest_guide_cards, most_adopted_component_cards
        from hub.importer import register_builtin_kinds
        from hub.models import ComponentUsage
        from hub.notification_centre import register_source
        from hub.page_sections import forget_cached_sections, forget_cached_sections_once_committed, register_section
        from hub.proposals import connect_workflow_receivers, notification_source

        register_setup_step(self.label, setup_editorial_core, after=["accounts"])
        post_migrate.connect(after_migrate, dispatch_uid="hub_bootstrap_after_migrate")
        register_section("home", "latest_guides", latest_guide_cards)
        register_section("home", "top_components", most_adopted_component_cards)
        register_builtin_kinds()
        privacy.register()
        admin_display.register()
        connect_workflow_receivers()
        register_source(notification_source())
        # A deleted live page is unpublished first (Wagtail sends page_unpublished).
        page_published.connect(forget_cached_sections, dispatch_uid="hub_sections_forgotten_on_publish")
        page_unpublished.connect(forget_cached_sections, dispatch_uid="hub_sections_forgotten_on_unpublish")
        post_page_move.connect(forget_cached_sections, dispatch_uid="hub_sections_forgotten_on_move")
        # An adoption declared or withdrawn, a page made private or public again: which organisations
        # take part (and have a linked page) changes.
        for sender in (ComponentUsage, PageViewRestriction):
            forget = forget_cached_sections_once_committed
            post_save.connect(forget, sender=sender, dispatch_uid=f"hub_participation_{sender.__name__}")
            post_delete.connect(forget, sender=sender, dispatch_uid=f"hub_participation_gone_{sender.__name__}")
