"""`import_content` kind "idea": validate and upsert ideas by (slug, locale).

Fields: title, problem (or summary), solution (or body), benefits, organisation (name),
tags (themes), status (a lifecycle value such as "en_analyse"), author_email (the member with
that address; when nobody has signed up with it yet, the idea waits for them in
`Idea.imported_author_email` and is attached when they sign up: no account is created for them,
which would lock them out of sign-up and password reset). Imported ideas keep their counters;
a new status is logged.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify

import search

from .models import Idea, StatusChange, Theme

TEXT_FIELDS = {"problem": ("problem", "summary"), "solution": ("solution", "body"), "benefits": ("benefits",)}


def _text(data, names):
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def validate_idea(record):
    data = record.data
    problems = []
    if len(data.get("title") or "") > 160:
        problems.append(("title", "160 caractères au maximum pour une idée"))
    for field, names in TEXT_FIELDS.items():
        if not _text(data, names):
            problems.append((field, "obligatoire"))
    if not data.get("organisation"):
        problems.append(("organisation", "obligatoire"))
    status = data.get("status", Idea.Status.SUBMITTED)
    if status not in Idea.Status.values or status == Idea.Status.MERGED:
        allowed = ", ".join(v for v in Idea.Status.values if v != Idea.Status.MERGED)
        problems.append(("status", f"statut inconnu (attendu : {allowed})"))
    email = data.get("author_email")
    if email is not None:
        try:
            validate_email(email)
        except (ValidationError, TypeError):
            problems.append(("author_email", "adresse courriel invalide"))
    return problems


def _author(email):
    """The active member with this address, or None (the idea then waits for them to sign up)."""
    if not email:
        return None
    User = get_user_model()
    return User.objects.filter(is_active=True, email__iexact=email).first()


def write_idea(record):
    from hub.importer import CREATED, UNCHANGED, UPDATED, _organisation

    data = record.data
    values = {
        "title": data["title"].strip(),
        "problem": _text(data, TEXT_FIELDS["problem"]),
        "solution": _text(data, TEXT_FIELDS["solution"]),
        "benefits": _text(data, TEXT_FIELDS["benefits"]),
        "organisation": _organisation(data["organisation"]),
    }
    status = data.get("status", Idea.Status.SUBMITTED)
    themes = []
    for name in data.get("tags") or []:
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is None:
            theme, _created = Theme.objects.get_or_create(slug=slugify(name)[:100] or "theme", defaults={"name": name})
        themes.append(theme)

    idea = Idea.objects.filter(slug=record.slug, locale=record.locale).first()
    if idea is None:
        email = (data.get("author_email") or "").strip().lower()
        author = _author(email)
        idea = Idea(
            slug=record.slug,
            locale=record.locale,
            status=status,
            author=author,
            imported_author_email=email if author is None else "",
        )
        for name, value in values.items():
            setattr(idea, name, value)
        idea.save()
        idea.themes.set(themes)
        StatusChange.objects.create(idea=idea, from_status="", to_status=status, note="Importée")
        result = CREATED
    else:
        changed = [name for name, value in values.items() if getattr(idea, name) != value]
        same_themes = {t.pk for t in idea.themes.all()} == {t.pk for t in themes}
        if not changed and same_themes and idea.status == status:
            return UNCHANGED
        for name in changed:
            setattr(idea, name, values[name])
        if idea.status != status and idea.status != Idea.Status.MERGED:
            StatusChange.objects.create(idea=idea, from_status=idea.status, to_status=status, note="Importée")
            idea.status = status
        idea.save()
        if not same_themes:
            idea.themes.set(themes)
        result = UPDATED
    search.announce(idea, removed=idea.is_hidden)
    return result
