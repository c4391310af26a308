"""What the views and other apps call: the configured engine, with the database engine as a
fallback when the search engine cannot be reached (a notice is added, never a 500).

The circuit breaker (`search.breaker`) sends searches straight to the database while the engine
is marked down; the call whose probe finds it answering again also retries the outbox at once.
"""

import logging
from dataclasses import replace

from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from hub import page_cache
from hub.models import Organisation
from hub.organisations import public_page_url
from search import breaker, insight, recommended
from search.engines.database import DatabaseBackend
from search.engines.elasticsearch import SearchEngineBackend
from search.engines.transport import EngineError, EngineUnavailable, IndexMissing, get_transport
from search.outbox import enqueue_sync

logger = logging.getLogger(__name__)


def _unavailable():
    return _("Le moteur de recherche est momentanément indisponible : résultats simplifiés.")


def engine():
    """The search engine's backend, or the database's when none is configured or it is marked down."""
    transport = get_transport()
    if transport is None:
        return DatabaseBackend()
    state = breaker.state(transport)
    if state == breaker.JUST_CLOSED:
        enqueue_sync(force=True)  # recovery does not wait for the outbox's backoff
    return SearchEngineBackend(transport) if state != breaker.OPEN else None


def _with_fallback(method, *args):
    """(what the backend answered, notice for the reader or None)."""
    backend = engine()
    if backend is None:
        return getattr(DatabaseBackend(), method)(*args), _unavailable()
    try:
        return getattr(backend, method)(*args), None
    except (EngineUnavailable, EngineError) as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        if isinstance(exc, IndexMissing):
            logger.warning("Recherche : index absent, repli sur la base de données (search_index --rebuild).")
            notice = _("L'index de recherche est en cours de préparation : résultats simplifiés.")
        else:
            if isinstance(exc, EngineUnavailable):
                breaker.trip(backend.transport, exc)
            logger.warning("Recherche : moteur indisponible, repli sur la base de données (%s).", exc)
            notice = _unavailable()
        return getattr(DatabaseBackend(), method)(*args), notice


def search(params, recommend=False):
    """The `SearchAnswer`, with `notice` set when it comes from the fallback.

    `recommend`: the editors' recommended results for the query come first, marked `recommended`,
    and the engine leaves them out of its own list (the search page and the API ask for them; the
    idea board's listing does not)."""
    pinned = recommended.recommended_for(params) if recommend else []
    if pinned:
        # A query with recommended results has results: the engine is asked for what was typed.
        params = replace(params, pinned=tuple(doc_id for doc_id, _hit in pinned), keep_original=True)
    answer, notice = _with_fallback("search", params)
    answer.notice = notice
    if pinned:
        shown = [hit for _doc_id, hit in pinned][params.offset : params.offset + params.page_size]
        answer.results = shown + answer.results
        answer.total += len(pinned)
        answer.did_you_mean = None
    return answer


def name_organisations(answer, request=None):
    """Name each result's organisation in the active language, with the URL of its public page ("" when
    it has none), for the search page and the API: one query whatever the number of results."""
    slugs = {hit.organisation for hit in answer.results if hit.organisation}
    found = {organisation.slug: organisation for organisation in Organisation.objects.filter(slug__in=slugs)}
    for hit in answer.results:
        organisation = found.get(hit.organisation)
        if organisation is not None:
            hit.organisation_name = organisation.display_name
            hit.organisation_url = public_page_url(organisation, request)
    return answer


def record_search(answer, language):
    """Count a search for the editors' reports (`search.insight`); never fails the search."""
    insight.record_search(answer, language)


def respond(response, answer, language, counted):
    """The search page's or the API's `response` to `answer`, as hub.page_cache may keep it: a search
    `counted` for the editors' reports is counted now and each time the cache serves it again; an
    answer from the fallback (`notice`) is kept by no cache, it must follow the engine's return."""
    if counted:
        record_search(answer, language)
    if answer.notice:
        add_never_cache_headers(response)
    elif counted:
        page_cache.on_hit(response, record_search, answer, language)
    return response


def top_queries_without_results(days=30, limit=10, locale=None):
    """[(folded query, searches that found nothing)] of the last `days` days, most frequent first."""
    return insight.top_queries_without_results(days=days, limit=limit, locale=locale)


def suggest(q, language):
    """[Suggestion]: titles starting like `q`."""
    suggestions, _notice = _with_fallback("suggest", q, language)
    return suggestions


def similar_ideas(text, locale="fr", limit=5):
    """[SimilarIdea]: ideas close to a draft text, for the propose form."""
    if not text or not text.strip():
        return []
    results, _notice = _with_fallback("similar_ideas", text, locale, limit)
    return results


ANSWER_KINDS = ("component", "guide")


def similar_answers(text, locale="fr", limit=3):
    """[SimilarIdea] of kind component or guide: what may already answer a draft idea's need."""
    if not text or not text.strip():
        return []
    results, _notice = _with_fallback("similar_ideas", text, locale, limit, ANSWER_KINDS)
    return results
