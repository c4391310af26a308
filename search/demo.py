"""Demo and seed data of the search: Québec public administration synonyms, then the index."""

from search.models import Synonym

SYNONYMS = [
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


def ensure_synonyms():
    """Create the seeded synonyms that are missing; never overwrite an editor's changes."""
    created = 0
    for term, equivalents in SYNONYMS:
        _, was_created = Synonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})
        created += was_created
    return created


def load(stdout):
    from search.engines.transport import get_transport
    from search.indexing import rebuild

    created = ensure_synonyms()
    count = rebuild()
    engine = "moteur de recherche" if get_transport() is not None else "base de données"
    stdout.write(f"Recherche : {created} synonymes ajoutés, {count} documents indexés ({engine}).")
