"""Reading search parameters from a request: one place, shared by the page and the API."""

from django.utils.translation import gettext as _

from search.documents import KINDS
from search.queries import SearchParams

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
MAX_FILTER_LENGTH = 100
LOCALES = ("fr", "en")


class InvalidSearch(ValueError):
    """A parameter the search cannot accept; the message is shown to the user (French first)."""


def _int(data, name, default):
    raw = data.get(name, "")
    if raw in ("", None):
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidSearch(_("Le paramètre « %(name)s » doit être un nombre entier.") % {"name": name}) from None


def parse(data, language="fr", default_page_size=10):
    """`data`: a QueryDict. Returns SearchParams or raises InvalidSearch."""
    q = data.get("q", "") or ""
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidSearch(
            _("La recherche est trop longue : %(max)s caractères au maximum.") % {"max": MAX_QUERY_LENGTH}
        )
    filters = {}
    for name in ("kind", "organisation", "tag", "status", "maturity", "locale"):
        value = (data.get(name, "") or "").strip()
        if len(value) > MAX_FILTER_LENGTH:
            raise InvalidSearch(_("Le filtre « %(name)s » est trop long.") % {"name": name})
        if value:
            filters[name] = value
    if "kind" in filters and filters["kind"] not in KINDS:
        raise InvalidSearch(
            _("Type de contenu inconnu : « %(kind)s ». Valeurs possibles : %(values)s.")
            % {"kind": filters["kind"], "values": ", ".join(KINDS)}
        )
    if "locale" in filters and filters["locale"] not in LOCALES:
        raise InvalidSearch(_("Langue inconnue : utilisez « fr » ou « en »."))
    page = _int(data, "page", 1)
    if page < 1:
        raise InvalidSearch(_("Le numéro de page commence à 1."))
    page_size = _int(data, "page_size", default_page_size)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidSearch(_("Le nombre de résultats par page doit être entre 1 et %(max)s.") % {"max": MAX_PAGE_SIZE})
    if page * page_size > 10000:
        raise InvalidSearch(_("Cette page de résultats est trop loin : affinez la recherche."))
    return SearchParams(
        q=" ".join(q.split()),
        filters=filters,
        page=page,
        page_size=page_size,
        language=language,
        keep_original=data.get("original", "") == "1",
    )


def parse_locale(data, default):
    locale = data.get("locale") or default
    if locale not in LOCALES:
        raise InvalidSearch(_("Langue inconnue : utilisez « fr » ou « en »."))
    return locale
