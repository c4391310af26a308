from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

import search
from hub.admin_display import YesNoColumn, yes_no

from . import admin_views, links, permissions
from .models import Idea, Theme


class IdeaEditView(generic.EditView):
    def save_instance(self):
        """Runs inside the edit view's transaction: search is told in it."""
        idea = super().save_instance()
        search.announce(idea, removed=idea.is_hidden)
        links.announce_linked_pages(idea)  # its words are in the documents of the pages it is linked to
        return idea


class IdeaIndexView(generic.IndexView):
    custom_field_preprocess = {"is_hidden": {"csv": yes_no, "xlsx": yes_no}}


class IdeaDeleteView(generic.DeleteView):
    def delete_action(self):
        """Search is told in the delete's own transaction (before the object loses its id)."""
        with transaction.atomic():
            search.announce(self.object, removed=True)
            return super().delete_action()


class IdeaViewSet(ModelViewSet):
    """Ideas in the admin: filtered list and CSV/XLSX export with votes and statuses.

    Status changes go through the moderation forms (logged and notified), not this edit form.
    """

    model = Idea
    index_view_class = IdeaIndexView
    edit_view_class = IdeaEditView
    delete_view_class = IdeaDeleteView
    icon = "help"
    menu_label = _("Idées")
    list_display = [
        "title",
        "status",
        "vote_count",
        "comment_count",
        "organisation",
        "created_at",
        YesNoColumn("is_hidden", label=_("Masquée"), sort_key="is_hidden"),
    ]
    list_filter = ["status", "organisation", "is_hidden", "locale"]
    list_export = [
        "id",
        "title",
        "get_status_display",
        "vote_count",
        "comment_count",
        "follower_count",
        "organisation",
        "locale",
        "created_at",
        "is_hidden",
    ]
    export_headings = {"get_status_display": _("Statut")}
    export_filename = "idees"
    form_fields = ["title", "problem", "solution", "benefits", "organisation"]
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["title", "problem"]


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes des idées")
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    copy_view_enabled = False


class IdeasGroup(ViewSetGroup):
    menu_label = _("Tableau des idées")
    menu_icon = "help"
    menu_order = 300
    items = (IdeaViewSet("idees"), ThemeViewSet("themes_idees"))


@hooks.register("register_admin_viewset")
def register_idea_viewsets():
    return IdeasGroup()


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("idees-moderation/", admin_views.moderation_queue, name="ideas_moderation_queue"),
        path("idees-moderation/<str:kind>/<int:pk>/", admin_views.moderation_decide, name="ideas_moderation_decide"),
        path("idees-statuts/", admin_views.bulk_status, name="ideas_bulk_status"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        _("Modération des idées"), reverse("ideas_moderation_queue"), icon_name="warning", order=310
    )


@hooks.register("register_admin_menu_item")
def register_bulk_status_menu_item():
    return ModeratorMenuItem(_("Statuts des idées"), reverse("ideas_bulk_status"), icon_name="list-ul", order=311)
