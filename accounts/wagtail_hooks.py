"""Wagtail admin: administrators invite members from outside the allowed domains."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.invitations import send_invitation
from accounts.models import Invitation


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["email", "note", "created_at", "emailed_at", "email_failed_at", "accepted_at"]
    search_fields = ["email", "note"]
    panels = [FieldPanel("email"), FieldPanel("note")]


register_snippet(InvitationViewSet)


@hooks.register("after_create_snippet")
def send_new_invitation(request, instance):
    if isinstance(instance, Invitation):
        instance.invited_by = request.user
        instance.save(update_fields=["invited_by"])
        send_invitation(instance, request)
