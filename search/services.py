"""What the views and other apps call: the configured engine, with the database engine as a
fallback when the search engine cannot be reached (a notice is added, never a 500)."""

import logging

from django.utils.translation import gettext as _

from search.engines.database import DatabaseBackend
from search.engines.elasticsearch import SearchEngineBackend
from search.engines.transport import EngineError, EngineUnavailable, IndexMissing, get_transport

logger = logging.getLogger(__name__)


def engine():
    transport = get_transport()
    return SearchEngineBackend(transport) if transport is not None else DatabaseBackend()


def _with_fallback(method, *args):
    backend = engine()
    try:
        return getattr(backend, method)(*args), None
    except (EngineUnavailable, EngineError) as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        if isinstance(exc, IndexMissing):
            logger.warning("Recherche : index absent, repli sur la base de données (search_index --rebuild).")
            notice = _("L'index de recherche est en cours de préparation : résultats simplifiés.")
        else:
            logger.warning("Recherche : moteur indisponible, repli sur la base de données (%s).", exc)
            notice = _("Le moteur de recherche est momentanément indisponible : résultats simplifiés.")
        return getattr(DatabaseBackend(), method)(*args), notice


def search(params):
    """The API's search answer (a dict), with `notice` when it comes from the fallback."""
    (result, took), notice = _with_fallback("search", params)
    result["notice"] = notice
    result["engine_took_ms"] = took  # the engine's own time for this request (None on the database)
    return result


def suggest(q, language):
    suggestions, _notice = _with_fallback("suggest", q, language)
    return suggestions


def similar_ideas(text, locale="fr", limit=5):
    """Ideas similar to a draft text, for the propose form: [{"title", "url", "status", "votes"}]."""
    if not text or not text.strip():
        return []
    results, _notice = _with_fallback("similar_ideas", text, locale, limit)
    return results
