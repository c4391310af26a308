"""Creating a page in the admin lands on one page, whatever order the creation form's saves arrive in.

Wagtail 8's autosave creates a new page with a background request, then points the form at the
edit view. Until that answer is back, a Ctrl+S (or a late autosave, or a second click on
« Soumettre ») still posts the same form to the creation address: Wagtail would create the page
again, or show the form again with « ce slug est déjà utilisé ». Each creation form therefore
carries a token; the first save that arrives with it creates the page, every later one is handed
to that page's edit view, as if the form had already been pointed there. Once the form itself was
submitted (the browser left it), an autosave arriving with its token was sent before, with older
content: it is answered as saved and writes nothing (`hub.page_editing.STALE_AUTOSAVE`).

The admin's page viewset (`HubPageViewSet`) also answers « not found » to a revert to revision 0
and edits pages with `hub.page_editing.EditPage` (workflow decisions only when asked for).
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
from wagtail.models import Page

from hub.models import PageCreation
from hub.page_editing import STALE_AUTOSAVE, EditPage

TOKEN_FIELD = "creation_token"  # noqa: S105 - the name of a form field, not a secret
KEPT_FOR = datetime.timedelta(days=1)  # far longer than an autosave or a double click takes


def form_token(request):
    """The creation form's token from a POST, or None when absent or malformed."""
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


class CreatePageOnce(CreateView):
    """Wagtail's page creation; the saves of one creation form after the first edit that page."""

    template_name = "hub/admin/page_create.html"

    def post(self, request):
        token = form_token(request)
        if token is None:
            return super().post(request)
        with transaction.atomic():
            # The row lock makes a concurrent save of the same form wait until this one is done.
            creation, _ = PageCreation.objects.select_for_update().get_or_create(
                token=token, defaults={"user": request.user}
            )
            if creation.user_id != request.user.pk:
                raise PermissionDenied
            autosave = not request.accepts("text/html")
            if creation.page_id is not None:
                if autosave and creation.submitted:
                    setattr(request, STALE_AUTOSAVE, True)
                response = self.save_on_created_page(creation.page_id)
            else:
                response = super().post(request)
                if self.page.pk is not None:
                    creation.page_id = self.page.pk
                    creation.save(update_fields=["page"])
                    PageCreation.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
            if not autosave and creation.page_id is not None and response.status_code in (301, 302, 303):
                creation.submitted = True  # the browser follows the redirect: it leaves this form
                creation.save(update_fields=["submitted"])
            return response

    def save_on_created_page(self, page_id):
        """Hand the request to the edit view of the page this form already created."""
        edit_view = page_viewset_registry.get_by_page_id(page_id).get_view_by_name("edit")
        return edit_view(self.request, page_id=page_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["creation_token"] = form_token(self.request) or uuid.uuid4()
        return context


class RevertToAnExistingRevision(RevisionsRevertView):
    """Wagtail's revert view reads revision 0 as « not reverting » and then fails (a 500): not found."""

    def dispatch(self, request, *args, **kwargs):
        if not kwargs.get("revision_id"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class HubPageViewSet(PageViewSet):
    """The admin's views of every page type, with the creation view above, the edit view of
    hub.page_editing and a revert view that refuses revision 0."""

    model = Page
    add_view_class = CreatePageOnce
    edit_view_class = EditPage
    revisions_revert_view_class = RevertToAnExistingRevision
