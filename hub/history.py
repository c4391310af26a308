"""The public change history of a guide or a component: its publications and their change notes."""

from wagtail.models import PageLogEntry


def change_history(page, limit=10):
    """Newest publications first, each with the change note the editor wrote for that version.

    A note repeated from the previous version (the editor did not change it) is shown once.
    Reads one query, whatever the length of the page.
    """
    entries = list(
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .select_related("revision")
        .order_by("-timestamp")[:limit]
    )
    history = []
    for position, entry in enumerate(entries):
        note = _note(entry)
        older = entries[position + 1] if position + 1 < len(entries) else None
        if older is not None and _note(older) == note:
            note = ""
        history.append({"date": entry.timestamp, "note": note})
    return history


def _note(entry):
    if entry.revision is None:
        return ""
    return (entry.revision.content or {}).get("change_note", "") or ""


def last_significant_change(page):
    """When the content last changed for its readers: the newest publication that brought a new change
    note (a typo fixed and republished is not one), else the first publication."""
    for entry in change_history(page, limit=50):
        if entry["note"]:
            return entry["date"]
    return page.first_published_at
