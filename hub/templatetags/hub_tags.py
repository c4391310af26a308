"""Template helpers shared by every page: language attributes, switcher, navigation."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

HTML_LANG = {"fr": "fr-CA", "en": "en"}


@register.filter
def html_lang(code):
    """`lang` attribute value for a language code: fr -> fr-CA."""
    return HTML_LANG.get((code or "fr").split("-")[0], code)


def _page_translations(page):
    translations = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        translations[translated.locale.language_code] = translated.get_url()
    return translations


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where the switcher and hreflang links point.

    For a Wagtail page the translation's own URL is used; when it has none, the link leads to a
    polite "not translated yet" page in the other language. Other views keep their path.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = translation.get_language() or "fr"
    translations = _page_translations(page) if page is not None and hasattr(page, "get_translations") else None
    links = []
    from django.conf import settings

    for code, name in settings.LANGUAGES:
        if translations is not None:
            url = translations.get(code)
            available = url is not None
            if not available:
                with translation.override(code):
                    url = reverse("translation_missing") + "?" + urlencode({"from": request.path})
        else:
            url = translate_url(request.get_full_path(), code)
            available = True
        links.append(
            {
                "code": code,
                "name": name,
                "html_lang": html_lang(code),
                "url": url,
                "available": available,
                "current": code == current.split("-")[0],
            }
        )
    return links


@register.simple_tag
def nav_links():
    """The main navigation, in the active language."""
    prefix = "/" if (translation.get_language() or "fr").startswith("fr") else "/en/"
    return [
        {"label": _("Guides"), "url": prefix + "guides/", "key": "guides"},
        {"label": _("Composantes réutilisables"), "url": prefix + "composantes/", "key": "composantes"},
        {"label": _("Idées"), "url": prefix + "idees/", "key": "idees"},
        {"label": _("Recherche"), "url": prefix + "recherche/", "key": "recherche"},
    ]


@register.simple_tag
def localized_path(path):
    """A site path (`politique-de-confidentialite/`) with the active language's prefix."""
    prefix = "/" if (translation.get_language() or "fr").startswith("fr") else "/en/"
    return prefix + path.lstrip("/")


@register.filter
def organisation_link(organisation, request=None):
    """`organisation|organisation_link:request`: its name as a link to its public page
    (hub/views_organisations.py) when it has one, its name alone otherwise; "" for none.
    Pass the request: the organisations with a page are then read once for the whole page."""
    if organisation is None:
        return ""
    from hub.organisations import public_page_url

    url = public_page_url(organisation, request)
    if not url:
        return organisation.display_name
    return format_html('<a href="{}">{}</a>', url, organisation.display_name)


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template (a report's month column); "" when absent."""
    return (mapping or {}).get(key, "")


@register.filter
def month_label(value):
    """ "2026-11" → « novembre 2026 » / "November 2026" in the active language."""
    import datetime

    from django.utils.dateformat import format as date_format

    try:
        year, month = (int(part) for part in str(value).split("-"))
        return date_format(datetime.date(year, month, 1), "F Y")
    except ValueError:
        return value
