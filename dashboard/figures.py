"""The dashboard's figures, read from the database: one function per table, each returning plain rows.

Every function takes the same `Filters` (a period and an organisation) and returns a list of
tuples, in the order of the table's columns (see dashboard/tables.py). Nothing here renders,
translates headings or knows about HTTP: the view, the CSV and the charts all read these rows,
so a chart never shows a figure its table does not carry.

Months are calendar months in America/Toronto, written "AAAA-MM".
"""

import datetime
import statistics
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from wagtail.models import Page

from hub.admin_views import stale_guides
from hub.models import ComponentUsage, GuidePage, Organisation, PageFeedback
from ideas.models import Endorsement, Idea, IdeaLink, StatusChange, TaggedIdea
from search import services as search_services

TORONTO = ZoneInfo("America/Toronto")

# The moves that count as a decision on a submitted idea.
DECISIONS = (Idea.Status.ACCEPTED, Idea.Status.REJECTED, Idea.Status.MERGED)

# How many rows the « most » tables keep.
TOP = 10

# The search insight looks back a number of days; without a period, this many.
DEFAULT_SEARCH_DAYS = 30


@dataclass(frozen=True)
class Filters:
    """A period [start, end) as aware datetimes (either may be None) and an organisation (or None)."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    organisation: Organisation | None = None

    @classmethod
    def from_dates(cls, start=None, end=None, organisation=None):
        """From local dates, both included: the period runs from `start` 00:00 to the day after `end`, in Toronto."""
        return cls(
            start=_local_midnight(start) if start else None,
            end=_local_midnight(end + datetime.timedelta(days=1)) if end else None,
            organisation=organisation,
        )

    def in_period(self, field):
        """A Q() keeping the rows whose `field` falls in the period."""
        condition = Q()
        if self.start is not None:
            condition &= Q(**{f"{field}__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{field}__lt": self.end})
        return condition


def _local_midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TORONTO)


def _month(value):
    """ "AAAA-MM" of an aware datetime (or a date) in Toronto."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(TORONTO)
    return f"{value.year:04d}-{value.month:02d}"


def _ideas(filters):
    """The ideas the dashboard counts: created in the period, of the organisation, not hidden by moderation."""
    ideas = Idea.objects.filter(is_hidden=False).filter(filters.in_period("created_at"))
    if filters.organisation is not None:
        ideas = ideas.filter(organisation=filters.organisation)
    return ideas


def _usages(filters):
    usages = ComponentUsage.objects.filter(filters.in_period("created_at"))
    if filters.organisation is not None:
        usages = usages.filter(organisation=filters.organisation)
    return usages


def status_columns():
    """The statuses, in the board's order: the columns of `ideas_by_status_per_month`."""
    return list(Idea.Status)


def ideas_by_status_per_month(filters):
    """[(month, count per status in `status_columns()` order..., total)]: ideas by month proposed and current status."""
    counts = (
        _ideas(filters)
        .annotate(month=TruncMonth("created_at", tzinfo=TORONTO))
        .values("month", "status")
        .annotate(n=Count("id"))
    )
    months = {}
    for row in counts:
        months.setdefault(_month(row["month"]), {})[row["status"]] = row["n"]
    rows = []
    for month in sorted(months):
        per_status = [months[month].get(status.value, 0) for status in status_columns()]
        rows.append((month, *per_status, sum(per_status)))
    return rows


def ideas_by_theme(filters):
    """[(theme, ideas)], most ideas first."""
    counts = (
        TaggedIdea.objects.filter(content_object__in=_ideas(filters))
        .values("tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("-n", "tag__name")
    )
    return [(row["tag__name"], row["n"]) for row in counts]


def ideas_by_organisation(filters):
    """[(organisation, ideas)], most ideas first."""
    counts = _ideas(filters).values("organisation__name").annotate(n=Count("id")).order_by("-n", "organisation__name")
    return [(row["organisation__name"], row["n"]) for row in counts]


def endorsements_by_organisation(filters):
    """[(organisation, endorsements given)], « Mon organisation appuie cette idée » given in the period, most first."""
    endorsements = Endorsement.objects.filter(idea__is_hidden=False).filter(filters.in_period("created_at"))
    if filters.organisation is not None:
        endorsements = endorsements.filter(organisation=filters.organisation)
    counts = endorsements.values("organisation__name").annotate(n=Count("id")).order_by("-n", "organisation__name")
    return [(row["organisation__name"], row["n"]) for row in counts]


def ideas_realised(filters):
    """[(idea, organisation, realised on, what realised it)]: visible ideas now « Réalisée » whose first move to
    Réalisée falls in the period, oldest first; what realised them are the « Réalisée par » pages, in French."""
    moves = StatusChange.objects.filter(
        to_status=Idea.Status.DONE, idea__status=Idea.Status.DONE, idea__is_hidden=False
    ).order_by("created_at", "pk")
    if filters.organisation is not None:
        moves = moves.filter(idea__organisation=filters.organisation)
    first = {}
    for idea_id, moment in moves.values_list("idea_id", "created_at"):
        first.setdefault(idea_id, moment)
    in_period = {
        idea_id: moment
        for idea_id, moment in first.items()
        if (filters.start is None or moment >= filters.start) and (filters.end is None or moment < filters.end)
    }
    ideas = Idea.objects.filter(pk__in=in_period).select_related("organisation")
    links = IdeaLink.objects.filter(idea__in=in_period, relation=IdeaLink.Relation.REALISED_BY)
    keys = {link.page_translation_key for link in links}
    titles = {}
    for page in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
        if page.translation_key not in titles or page.locale.language_code == "fr":
            titles[page.translation_key] = page.title
    realised_by = {}
    for link in links:
        if link.page_translation_key in titles:
            realised_by.setdefault(link.idea_id, []).append(titles[link.page_translation_key])
    rows = [
        (
            idea.title,
            idea.organisation.name,
            in_period[idea.pk].astimezone(TORONTO).date(),
            ", ".join(realised_by.get(idea.pk, [])),
        )
        for idea in ideas
    ]
    return sorted(rows, key=lambda row: (row[2], row[0]))


def time_to_decision(filters):
    """[(decision, ideas decided, median days from proposal)]: one row per decision, then all decisions together.

    An idea's decision is its first move to Retenue, Non retenue or Fusionnée (ideas.StatusChange);
    an idea counts in the period when that first decision falls in it. Days are whole days of 24 h,
    the median of a pair is their mean, rounded to one decimal.
    """
    ideas = Idea.objects.filter(is_hidden=False)
    if filters.organisation is not None:
        ideas = ideas.filter(organisation=filters.organisation)
    first_decisions = {}
    moves = (
        StatusChange.objects.filter(idea__in=ideas, to_status__in=DECISIONS)
        .order_by("created_at", "pk")
        .values_list("idea_id", "to_status", "created_at", "idea__created_at")
    )
    for idea_id, status, decided_at, proposed_at in moves:
        first_decisions.setdefault(idea_id, (status, decided_at, proposed_at))
    durations = {status: [] for status in DECISIONS}
    for status, decided_at, proposed_at in first_decisions.values():
        if filters.start is not None and decided_at < filters.start:
            continue
        if filters.end is not None and decided_at >= filters.end:
            continue
        durations[status].append((decided_at - proposed_at).total_seconds() / 86400)
    rows = [(status.label, len(days), _median(days)) for status, days in durations.items() if days]
    every = [day for days in durations.values() for day in days]
    if every:
        rows.append((None, len(every), _median(every)))
    return rows


def _median(days):
    return round(statistics.median(days), 1)


def component_adoption_per_month(filters):
    """[(month, adoption declarations)], oldest month first."""
    counts = (
        _usages(filters)
        .annotate(month=TruncMonth("created_at", tzinfo=TORONTO))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [(_month(row["month"]), row["n"]) for row in counts]


def most_reused_components(filters):
    """[(component, organisations that declared using it)], the `TOP` most reused."""
    counts = (
        _usages(filters)
        .values("component__title")
        .annotate(n=Count("organisation", distinct=True))
        .order_by("-n", "component__title")[:TOP]
    )
    return [(row["component__title"], row["n"]) for row in counts]


def organisations_reusing_most(filters):
    """[(organisation, components it declared using)], the `TOP` that reuse the most."""
    counts = (
        _usages(filters)
        .values("organisation__name")
        .annotate(n=Count("component", distinct=True))
        .order_by("-n", "organisation__name")[:TOP]
    )
    return [(row["organisation__name"], row["n"]) for row in counts]


def guides_helpful_rate(filters):
    """[(guide, language, useful, not useful, helpful rate in %)], answers to « Cette page vous a-t-elle été utile ? ».

    The rate is useful / (useful + not useful), rounded to a whole percent; guides without an answer
    in the period are left out. The organisation filter keeps the guides it is responsible for.
    """
    guides = GuidePage.objects.all()
    if filters.organisation is not None:
        guides = guides.filter(owner_organisation=filters.organisation)
    in_period = filters.in_period("feedback__created_at")
    counts = (
        guides.annotate(
            useful=Count("feedback", filter=in_period & Q(feedback__kind=PageFeedback.Kind.USEFUL)),
            not_useful=Count("feedback", filter=in_period & Q(feedback__kind=PageFeedback.Kind.NOT_USEFUL)),
        )
        .filter(Q(useful__gt=0) | Q(not_useful__gt=0))
        .values_list("title", "locale__language_code", "useful", "not_useful")
        .order_by("title", "locale__language_code")
    )
    return [
        (title, language, useful, not_useful, round(100 * useful / (useful + not_useful)))
        for title, language, useful, not_useful in counts
    ]


def guides_helpful_rate_per_month(filters):
    """[(month, useful, not useful, helpful rate in %)]: every guide's answers together, month by month."""
    answers = PageFeedback.objects.filter(
        page__in=GuidePage.objects.all(),
        kind__in=(PageFeedback.Kind.USEFUL, PageFeedback.Kind.NOT_USEFUL),
    ).filter(filters.in_period("created_at"))
    if filters.organisation is not None:
        answers = answers.filter(page__in=GuidePage.objects.filter(owner_organisation=filters.organisation))
    counts = (
        answers.annotate(month=TruncMonth("created_at", tzinfo=TORONTO))
        .values("month")
        .annotate(
            useful=Count("id", filter=Q(kind=PageFeedback.Kind.USEFUL)),
            not_useful=Count("id", filter=Q(kind=PageFeedback.Kind.NOT_USEFUL)),
        )
        .order_by("month")
    )
    return [
        (
            _month(row["month"]),
            row["useful"],
            row["not_useful"],
            round(100 * row["useful"] / (row["useful"] + row["not_useful"])),
        )
        for row in counts
    ]


def guides_due_for_review(filters):
    """[(guide, language, organisation responsible, last review or None)]: the « Guides à réviser » report's query.

    A guide is due now or not: the period does not apply, the organisation does.
    """
    guides = stale_guides()
    if filters.organisation is not None:
        guides = guides.filter(owner_organisation=filters.organisation)
    return [
        (
            guide.title,
            guide.locale.language_code,
            guide.owner_organisation.name if guide.owner_organisation else "",
            guide.last_reviewed,
        )
        for guide in guides
    ]


def search_days(filters, today=None):
    """How many days back the search insight looks: from the period's start to today, else `DEFAULT_SEARCH_DAYS`."""
    if filters.start is None:
        return DEFAULT_SEARCH_DAYS
    today = today or datetime.datetime.now(TORONTO).date()
    return max(1, (today - filters.start.astimezone(TORONTO).date()).days + 1)


def top_queries_without_results(filters):
    """[(query, searches that found nothing)] from the search insight, most frequent first.

    The insight counts per day from a start to today: a period's end and the organisation do not
    apply (searches are anonymous, Loi 25).
    """
    return [tuple(row) for row in search_services.top_queries_without_results(days=search_days(filters), limit=TOP)]
