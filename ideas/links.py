"""Ideas ↔ components and guides: what answers or realises an idea, read from both sides.

A link names the page by its `translation_key` (`IdeaLink`), so it holds in every language: the
idea page shows the page in the reader's language (or the one that exists), and every translation
of the page lists the idea. The hub's pages receive their list through `hub.page_sections`
(registered in `ideas/apps.py`) and the search documents of those pages carry the ideas' words
through `search.documents.register_page_text`: the hub never imports the idea board.

Reads here cost a fixed number of queries whatever the number of links (one for the links, one
for the pages in every language).
"""

from django.utils.translation import get_language
from wagtail.models import Page

import search
from hub.models import ComponentPage, GuidePage

from .models import Idea, IdeaLink

PAGE_KINDS = {ComponentPage: IdeaLink.PageKind.COMPONENT, GuidePage: IdeaLink.PageKind.GUIDE}


def page_kind(page):
    """The link kind of a page: "component", "guide", or None for any other page."""
    specific_class = page.specific_class if isinstance(page, Page) else None
    for model, kind in PAGE_KINDS.items():
        if specific_class is not None and issubclass(specific_class, model):
            return kind
    return None


def linkable_pages(language=None):
    """Live, public components and guides a moderator may link, in `language` (the interface's)."""
    language = (language or get_language() or "fr")[:2]
    return (
        Page.objects.live()
        .public()
        .type(ComponentPage, GuidePage)
        .filter(locale__language_code=language)
        .order_by("title")
    )


def _pages_by_key(keys, language):
    """{translation_key: page} of live public pages, in `language` when translated, else French, else any."""
    found = {}
    rank = {language: 0, "fr": 1}
    pages = Page.objects.live().public().filter(translation_key__in=list(keys)).select_related("locale")
    for page in pages:
        current = found.get(page.translation_key)
        if current is None or rank.get(page.locale.language_code, 2) < rank.get(current.locale.language_code, 2):
            found[page.translation_key] = page
    return found


def links_of_idea(idea, request=None):
    """{"realised_by": [...], "existing_answers": [...]}: the idea's pages as {title, url, kind, kind_label}
    in the reader's language; a link to an unpublished page is left out."""
    language = (get_language() or "fr")[:2]
    links = list(IdeaLink.objects.filter(idea=idea))
    pages = _pages_by_key({link.page_translation_key for link in links}, language)
    shown = {"realised_by": [], "existing_answers": []}
    for link in links:
        page = pages.get(link.page_translation_key)
        if page is None:
            continue
        group = "realised_by" if link.relation == IdeaLink.Relation.REALISED_BY else "existing_answers"
        shown[group].append(
            {
                "link_id": link.pk,
                "title": page.title,
                "url": page.get_url(request) or page.url_path,
                "kind": link.page_kind,
                "kind_label": str(link.get_page_kind_display()),
            }
        )
    return shown


def ideas_of_page(page):
    """{"origin": [...], "related": [...]}: the visible ideas this page realises (origin) or answers
    (related), whatever the page's language, as JSON-ready dicts."""
    links = (
        IdeaLink.objects.filter(page_translation_key=page.translation_key, idea__is_hidden=False)
        .select_related("idea")
        .order_by("-idea__vote_count", "idea__pk")
    )
    listed = {"origin": [], "related": []}
    for link in links:
        idea = link.idea
        group = "origin" if link.relation == IdeaLink.Relation.REALISED_BY else "related"
        listed[group].append(
            {
                "title": idea.title,
                "url": idea.get_absolute_url(),
                "status": idea.status,
                "status_label": str(idea.get_status_display()),
                "votes": idea.vote_count,
                "relation": link.relation,
            }
        )
    return listed


def linked_ideas_section(page, request):
    """The « Idées à l'origine / liées » section of component and guide pages (hub.page_sections)."""
    return ideas_of_page(page)


def has_realisation(idea):
    return IdeaLink.objects.filter(idea=idea, relation=IdeaLink.Relation.REALISED_BY).exists()


def page_search_text(page):
    """The words of the visible ideas linked to a page: its search document finds it by them."""
    ideas = Idea.objects.visible().filter(page_links__page_translation_key=page.translation_key).distinct()
    return " ".join(f"{idea.title} {idea.problem}" for idea in ideas.only("title", "problem"))


def announce_linked_pages(idea, extra_keys=()):
    """Tell search, in the caller's transaction, that the idea's pages (every language) changed."""
    keys = set(IdeaLink.objects.filter(idea=idea).values_list("page_translation_key", flat=True)) | set(extra_keys)
    if not keys:
        return
    for page in Page.objects.live().filter(translation_key__in=keys):
        search.announce(page)
