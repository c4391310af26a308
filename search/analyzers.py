"""French-first text analysis, built with the elasticsearch DSL.

- `hub_fr` (index) / `hub_fr_search` (search): elision (l', d', qu'...), lower case, French
  stop words, accent folding, light French stemming; the search side adds the editors'
  synonyms (`Synonym` snippet) through a `synonym_graph` filter, so multi-word equivalents
  ("IA" / "intelligence artificielle") match as phrases.
- `hub_en` / `hub_en_search`: the same for English documents (possessives, English stop
  words, light English stemming).
- `hub_folded`: elision, lower case and accent folding only, for the search-as-you-type title field
  (so « infon » completes « Migrer vers l'infonuagique »).
- `hub_typo`: elision, lower case and accent folding, no stop words and no stemming: the
  `.folded` subfield of titles, summaries and bodies that typo tolerance (fuzziness) reads, so an
  edit is counted on the word as written, not on a stem.
- `hub_spell`: lower case only (accents kept), the vocabulary the "Vouliez-vous dire" suggester
  proposes from.
- `hub_tag` (a normalizer): lower case and accent folding of the `tags.folded` keyword, so that the
  filter « signature electronique » finds « Signature électronique » (`hub.tags`).

Synonyms live in the index settings: changing them builds a new index and swaps the alias
(`search.indexing.rebuild`), which OpenSearch and Elasticsearch both support without outage.
"""

from elasticsearch.dsl import analyzer, normalizer, token_filter

FRENCH_ELISION = token_filter(
    "hub_fr_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
FRENCH_STOP = token_filter("hub_fr_stop", type="stop", stopwords="_french_")
FRENCH_STEMMER = token_filter("hub_fr_stemmer", type="stemmer", language="light_french")
ENGLISH_POSSESSIVE = token_filter("hub_en_possessive", type="stemmer", language="possessive_english")
ENGLISH_STOP = token_filter("hub_en_stop", type="stop", stopwords="_english_")
ENGLISH_STEMMER = token_filter("hub_en_stemmer", type="stemmer", language="light_english")


def synonym_filter(rules):
    """A search-time synonym graph; `lenient` skips a rule the chain cannot parse instead of failing."""
    return token_filter("hub_synonyms", type="synonym_graph", synonyms=list(rules) or ["cqen, cqen"], lenient=True)


def analyzers(rules):
    synonyms = synonym_filter(rules)
    return [
        analyzer(
            "hub_fr",
            tokenizer="standard",
            filter=[FRENCH_ELISION, "lowercase", FRENCH_STOP, "asciifolding", FRENCH_STEMMER],
        ),
        analyzer(
            "hub_fr_search",
            tokenizer="standard",
            filter=[FRENCH_ELISION, "lowercase", FRENCH_STOP, "asciifolding", synonyms, FRENCH_STEMMER],
        ),
        analyzer(
            "hub_en",
            tokenizer="standard",
            filter=[ENGLISH_POSSESSIVE, "lowercase", ENGLISH_STOP, "asciifolding", ENGLISH_STEMMER],
        ),
        analyzer(
            "hub_en_search",
            tokenizer="standard",
            filter=[ENGLISH_POSSESSIVE, "lowercase", ENGLISH_STOP, "asciifolding", synonyms, ENGLISH_STEMMER],
        ),
        analyzer("hub_folded", tokenizer="standard", filter=[FRENCH_ELISION, "lowercase", "asciifolding"]),
        analyzer("hub_typo", tokenizer="standard", filter=[FRENCH_ELISION, "lowercase", "asciifolding"]),
        analyzer("hub_spell", tokenizer="standard", filter=["lowercase"]),
    ]


TAG_NORMALIZER = normalizer("hub_tag", filter=["lowercase", "asciifolding"])


def analysis_settings(rules):
    """The `analysis` block of the index settings for the given synonym rules."""
    merged = {}
    for item in [*analyzers(rules), TAG_NORMALIZER]:
        for section, definitions in item.get_analysis_definition().items():
            merged.setdefault(section, {}).update(definitions)
    return merged


def current_synonym_rules():
    from search.models import Synonym

    return [rule for rule in (s.as_rule() for s in Synonym.objects.all()) if rule]
