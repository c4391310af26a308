from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Idea, StatusChange


class NewIdeasFeed(Feed):
    title = _("Hub du CQEN — nouvelles idées")
    description = _("Les dernières idées proposées au tableau des idées.")

    def link(self):
        return reverse("ideas:list")

    def items(self):
        return Idea.objects.visible().select_related("organisation")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.problem

    def item_pubdate(self, item):
        return item.created_at


class StatusChangesFeed(Feed):
    title = _("Hub du CQEN — changements de statut des idées")
    description = _("Les idées qui avancent : analyse, réalisation, réponses du CQEN.")

    def link(self):
        return reverse("ideas:list")

    def items(self):
        return (
            StatusChange.objects.exclude(from_status="")
            .filter(idea__is_hidden=False)
            .select_related("idea", "official_response")
            .order_by("-created_at", "-pk")[:30]
        )

    def item_title(self, item):
        return f"{item.idea.title} : {item.get_to_status_display()}"

    def item_description(self, item):
        """The public answer given with the change, never the moderators' internal note."""
        response = getattr(item, "official_response", None)
        return response.text if response is not None else item.get_to_status_display()

    def item_link(self, item):
        return item.idea.get_absolute_url() + f"#etape-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at
