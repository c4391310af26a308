"""The search answer: one type, built by either engine, serialised once for the API.

Both engines return a `SearchAnswer` of `Hit`s; the search page reads its attributes, the API
sends `as_json()`. A field the API must not carry (`Hit.title_html`, markup for our own page)
says so in its metadata, so that no view has to trim an engine's output.
"""

from dataclasses import dataclass, field, fields

from hub.tags import tag_key


def _page_only():
    """A field for the search page only, left out of the API's JSON."""
    return {"api": False}


def _as_json(instance):
    return {f.name: getattr(instance, f.name) for f in fields(instance) if f.metadata.get("api", True)}


@dataclass
class Hit:
    """One result. `highlights` and `title_html` are safe HTML: escaped text with our own <mark>."""

    kind: str
    title: str
    url: str
    slug: str = ""
    locale: str = ""
    summary: str = ""
    highlights: list[str] = field(default_factory=list)
    score: float | None = None
    status: str = ""
    maturity: str = ""
    votes: int = 0
    adoptions: int = 0
    organisation: str = ""  # its slug (the facet's value)
    organisation_name: str = ""  # in the reader's language, with its public page ("" when it has none):
    organisation_url: str = ""  # set by `search.services.name_organisations`, not by the engines
    recommended: bool = False  # pinned by an editor for this query (« Résultat recommandé »), shown first
    title_html: str = field(default="", metadata=_page_only())

    def as_json(self):
        return _as_json(self)


@dataclass
class FacetValue:
    value: str
    count: int

    def as_json(self):
        return _as_json(self)


def merge_spellings(values):
    """Tag facet values that spell one tag differently (guides' « signature électronique », ideas'
    « Signature electronique »: separate vocabularies) as one value, named by its most counted spelling.
    A document carries one spelling per key (`search.documents`), so the counts add up."""
    merged = {}
    for value in sorted(values, key=lambda v: (-v.count, v.value)):
        key = tag_key(value.value)
        if key in merged:
            merged[key].count += value.count
        else:
            merged[key] = FacetValue(value.value, value.count)
    return sorted(merged.values(), key=lambda v: (-v.count, v.value))


@dataclass
class SearchAnswer:
    """A page of results with the facets over every match.

    `engine` is "elasticsearch" (for OpenSearch too) or "database"; `notice` is set when the
    answer comes from the database fallback; `engine_took_ms` is the engine's own time (None on
    the database).

    Typos: when `query` finds nothing and a correction of it does, the results are the
    correction's and `corrected_query` names it (the reader may still ask for `query` itself with
    `original=1`); `did_you_mean` proposes a correction only when the answer has no result."""

    query: str
    engine: str
    total: int
    page: int
    page_size: int
    results: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    corrected_query: str | None = None
    notice: str | None = None
    engine_took_ms: int | None = None

    def as_json(self):
        data = _as_json(self)
        data["results"] = [hit.as_json() for hit in self.results]
        data["facets"] = {name: [value.as_json() for value in values] for name, values in self.facets.items()}
        return data


@dataclass
class Suggestion:
    """An autocomplete entry: a title that starts like what is typed."""

    kind: str
    title: str
    url: str
    slug: str = ""

    def as_json(self):
        return _as_json(self)


@dataclass
class SimilarIdea:
    """An item close to a draft, shown on the propose form: an idea (a likely duplicate), or a
    component or guide that may already answer the need (`kind`)."""

    title: str
    url: str
    status: str = ""
    votes: int = 0
    kind: str = "idea"

    def as_json(self):
        return _as_json(self)
