"""The synonyms every instance starts with: Québec public administration acronyms and jargon.

Seeded by the search step of the bootstrap (search/apps.py, hub/bootstrap.py) after `migrate`.
Each seeded term is remembered (`SetupRecord`): a synonym an editor deleted stays deleted and one
an editor changed keeps their equivalents. The missing ones are created in bulk, then the index
is rebuilt once (the engine's synonym filter lives in the index settings); the database engine
reads synonyms at search time and needs nothing more.
"""

import logging

from django.db import transaction
from wagtail.search.index import insert_or_update_object

from hub.bootstrap import is_seeded, record_seeded
from search.models import Synonym

logger = logging.getLogger(__name__)

SEEDED_SYNONYMS = [
    ("MCN", "ministère de la cybersécurité et du numérique"),
    ("ITQ", "infrastructures technologiques québec"),
    ("CAG", "centre d'acquisitions gouvernementales"),
    ("SCT", "secrétariat du conseil du trésor, conseil du trésor"),
    ("CQEN", "centre québécois d'excellence numérique"),
    ("RAMQ", "régie de l'assurance maladie du québec, régie de l'assurance maladie"),
    ("SAAQ", "société de l'assurance automobile du québec, société de l'assurance automobile"),
    ("MSSS", "ministère de la santé et des services sociaux"),
    ("MEQ", "ministère de l'éducation"),
    ("IA", "intelligence artificielle, artificial intelligence, ai"),
    ("TI", "technologies de l'information, technologie de l'information, information technology, it"),
    ("infonuagique", "nuage, cloud, infonuage"),
]


def _key(term):
    return f"hubsearch.synonym:{term.lower()}"


def apply_synonyms_to_index():
    """Rebuild the engine's index once so its synonym filter holds the current synonyms.

    Only when an index exists: a missing index is created with the current synonyms when it is
    first built. An unreachable engine is logged, never fatal (`search_index --rebuild` later).
    """
    from search.documents import alias_name
    from search.engines.transport import EngineError, EngineUnavailable, get_transport
    from search.tasks import rebuild_index

    transport = get_transport()
    if transport is None:
        return
    try:
        if transport.indices_for_alias(alias_name()):
            rebuild_index.enqueue()
    except (EngineUnavailable, EngineError) as exc:
        logger.warning("Synonymes semés, index non reconstruit (%s) : lancez search_index --rebuild.", exc)


@transaction.atomic
def seed_synonyms(report=None):
    """Create the seeded synonyms never seeded before and missing; one index rebuild for all."""
    unseen = [(term, equivalents) for term, equivalents in SEEDED_SYNONYMS if not is_seeded(_key(term))]
    existing = {term.lower() for term in Synonym.objects.values_list("term", flat=True)}
    new = [Synonym(term=term, equivalents=equivalents) for term, equivalents in unseen if term.lower() not in existing]
    created = Synonym.objects.bulk_create(new)
    record_seeded([_key(term) for term, _equivalents in unseen])
    for synonym in Synonym.objects.filter(term__in=[s.term for s in created]):
        insert_or_update_object(synonym)  # the admin's snippet search (bulk_create sends no signal)
    if created:
        transaction.on_commit(apply_synonyms_to_index)
        if report is not None:
            report.created(f"{len(created)} synonymes ({', '.join(s.term for s in created)})")
    return len(created)
