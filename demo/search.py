"""Demo step of the search: index everything the demo loaded (the synonyms are the bootstrap's)."""


def load(stdout):
    from search.engines.transport import get_transport
    from search.indexing import rebuild

    count = rebuild()
    engine = "moteur de recherche" if get_transport() is not None else "base de données"
    stdout.write(f"Recherche : {count} documents indexés ({engine}).")
