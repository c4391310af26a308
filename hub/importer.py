"""Bulk import of content from JSON Lines or a JSON array (`manage.py import_content FILE`).

Every record has a `kind`; each kind registers a validator and a writer:

    register_kind("idea", validate_idea, write_idea)   # in the owning app's AppConfig.ready()

Guides and components are registered by hub/apps.py, ideas by ideas/apps.py.

- validator(record) -> list of (field, reason) problems; record.data is the parsed object and
  record.batch the whole file (to find an original created earlier in the same file).
- writer(record) -> "créé" | "mis à jour" | "inchangé"; runs inside the import's transaction.

The whole file is validated before anything is written; one problem anywhere and nothing is
written. Records are upserted by (kind, slug, locale): importing the same file twice changes
nothing and creates no new revision. Pages are published through Wagtail's own publish.
"""

import html as html_lib
import json
import re
from dataclasses import dataclass, field

import markdown as markdown_lib
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.whitelist import check_url

from hub.plain_text import single_line
from hub.progress import untracked

LOCALES = ("fr", "en")
CREATED, UPDATED, UNCHANGED = "créé", "mis à jour", "inchangé"


@dataclass
class Record:
    line: int
    data: dict
    kind: str = ""
    slug: str = ""
    locale: str = "fr"
    batch: list = field(default_factory=list, repr=False)  # every record of the file, for cross-checks


@dataclass
class KindHandler:
    validate: object
    write: object


_REGISTRY = {}


def register_kind(kind, validator, writer):
    """Make `kind` importable. Registering the same kind again replaces its handler."""
    _REGISTRY[kind] = KindHandler(validator, writer)


def registered_kinds():
    return sorted(_REGISTRY)


class ImportFailed(Exception):
    """The file has problems; `errors` holds the "ligne N : champ X : raison" messages."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def problem(line, field_name, reason):
    return f"ligne {line} : champ {field_name} : {reason}"


# Reading --------------------------------------------------------------------------------------


def parse(text):
    """Records from a JSON array (line = position in the array) or JSON Lines (line = line number)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFailed([problem(exc.lineno, "(fichier)", f"JSON invalide ({exc.msg})")]) from exc
        return [Record(line=position, data=item) for position, item in enumerate(items, start=1)]
    records, errors = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            records.append(Record(line=number, data=json.loads(raw)))
        except json.JSONDecodeError as exc:
            errors.append(problem(number, "(ligne)", f"JSON invalide ({exc.msg})"))
    if errors:
        raise ImportFailed(errors)
    return records


# Validation -----------------------------------------------------------------------------------


def _common_problems(record):
    data = record.data
    if not isinstance(data, dict):
        return [("(objet)", "un objet JSON est attendu")]
    problems = []
    kind = data.get("kind")
    if kind not in _REGISTRY:
        problems.append(("kind", f"type inconnu « {kind} » (attendu : {', '.join(sorted(_REGISTRY))})"))
    slug = data.get("slug")
    if not isinstance(slug, str) or not slug:
        problems.append(("slug", "obligatoire"))
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(("slug", "lettres minuscules, chiffres et traits d'union seulement"))
    locale = data.get("locale", "fr")
    if locale not in LOCALES:
        problems.append(("locale", "« fr » ou « en » attendu"))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(("title", "obligatoire"))
    elif len(title) > 255:
        problems.append(("title", "255 caractères au maximum"))
    elif single_line(title) != title:
        problems.append(("title", "une seule ligne, sans tabulation ni caractère de contrôle"))
    for name in ("summary", "body", "organisation", "translation_of"):
        if name in data and data[name] is not None and not isinstance(data[name], str):
            problems.append((name, "texte attendu"))
    if "tags" in data and not (isinstance(data["tags"], list) and all(isinstance(t, str) for t in data["tags"])):
        problems.append(("tags", "liste de textes attendue"))
    if "published" in data and not isinstance(data["published"], bool):
        problems.append(("published", "true ou false attendu"))
    if data.get("translation_of") and locale == "fr":
        problems.append(("translation_of", "seule une version anglaise peut traduire un original français"))
    record.kind, record.slug, record.locale = kind, slug if isinstance(slug, str) else "", locale
    return problems


def validate(records):
    """Every problem of every record, in file order; an empty list means the file can be written."""
    errors, seen = [], set()
    for record in records:
        record.batch = records
        problems = _common_problems(record)
        if not problems:
            key = (record.kind, record.slug, record.locale)
            if key in seen:
                problems.append(("slug", "en double dans le fichier pour ce type et cette langue"))
            seen.add(key)
            problems.extend(_REGISTRY[record.kind].validate(record))
        errors.extend(problem(record.line, name, reason) for name, reason in problems)
    return errors


def run_import(text, progress=untracked):
    """Validate everything, then write everything in one transaction. Returns {status: count}.
    `progress` (`hub.progress`) follows the writing."""
    records = parse(text)
    errors = validate(records)
    if errors:
        raise ImportFailed(errors)
    summary = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    # French originals first, so that translations find them.
    ordered = sorted(records, key=lambda record: record.locale != "fr")
    with progress("Import", len(ordered), unit="fiche") as tracker, transaction.atomic():
        for record in ordered:
            status = _REGISTRY[record.kind].write(record)
            summary[status] = summary.get(status, 0) + 1
            tracker.advance()
    return summary


# Markdown -------------------------------------------------------------------------------------

FENCE = re.compile(r"^```\s*([\w#+-]*)\s*$")
CODE_LANGUAGES = {"text", "bash", "python", "javascript", "json", "yaml", "html", "css", "sql", "java", "csharp"}
LANGUAGE_ALIASES = {"sh": "bash", "shell": "bash", "js": "javascript", "yml": "yaml", "py": "python", "c#": "csharp"}


def _link_allowed(href):
    """Wagtail's rich-text rule (`wagtail.whitelist.check_url`), also on the entity-decoded address."""
    return check_url(href) is not None and check_url(html_lib.unescape(href)) is not None


def safe_rich_text(html):
    """Rich text from Markdown, held to the rules of Wagtail's own rich text.

    Links keep only the schemes Wagtail allows (http, https, ftp, mailto, tel, relative): a
    `javascript:` or `data:` link loses its address and stays as plain text. Images become their
    alternative text: the guide's rich text has no raw images (editors use the image block).
    """
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a"):
        if link.has_attr("href") and not _link_allowed(link["href"]):
            del link["href"]
    for image in soup.find_all("img"):
        image.replace_with(image.get("alt", ""))
    return str(soup)


def markdown_to_blocks(source):
    """Guide body blocks (raw StreamField data) from Markdown.

    `#`/`##` become h2 headings and `###` h3 headings (the page title is the only h1), fenced code
    becomes code blocks with their language, `>` quotes become quote blocks, and the rest becomes
    rich text. Raw HTML in the source is escaped, never trusted; links follow Wagtail's rich-text
    scheme rules (see `safe_rich_text`).
    """
    blocks, text_lines, lines = [], [], (source or "").splitlines()

    def flush_text():
        chunk = "\n".join(text_lines).strip()
        text_lines.clear()
        if chunk:
            html = markdown_lib.markdown(chunk.replace("&", "&amp;").replace("<", "&lt;"))
            blocks.append({"type": "paragraph", "value": safe_rich_text(html)})

    position = 0
    while position < len(lines):
        line = lines[position]
        fence = FENCE.match(line.strip())
        heading = re.match(r"^(#{1,3})\s+(.+?)\s*#*\s*$", line)
        if fence:
            flush_text()
            language = LANGUAGE_ALIASES.get(fence.group(1).lower(), fence.group(1).lower()) or "text"
            code, position = [], position + 1
            while position < len(lines) and not FENCE.match(lines[position].strip()):
                code.append(lines[position])
                position += 1
            blocks.append(
                {
                    "type": "code",
                    "value": {"language": language if language in CODE_LANGUAGES else "text", "code": "\n".join(code)},
                }
            )
        elif heading:
            flush_text()
            level = "h3" if len(heading.group(1)) == 3 else "h2"
            blocks.append({"type": "heading", "value": {"text": heading.group(2)[:200], "level": level}})
        elif line.startswith(">"):
            flush_text()
            quote = []
            while position < len(lines) and lines[position].startswith(">"):
                quote.append(lines[position].lstrip(">").strip())
                position += 1
            source_line = quote.pop() if len(quote) > 1 and quote[-1].startswith(("—", "--")) else ""
            blocks.append(
                {
                    "type": "quote",
                    "value": {"text": "\n".join(quote).strip(), "source": source_line.lstrip("—- ").strip()},
                }
            )
            continue
        else:
            text_lines.append(line)
        position += 1
    flush_text()
    return blocks


# Guides and components --------------------------------------------------------------------------


def _index_for(model, locale_code):
    return model.objects.filter(locale__language_code=locale_code).first()


def _existing(page_model, record):
    return page_model.objects.filter(locale__language_code=record.locale, slug=record.slug).first()


def _original_in_file(record):
    target = record.data.get("translation_of")
    return any(
        other.kind == record.kind and other.locale == "fr" and other.slug == target
        for other in record.batch
        if other is not record
    )


def _other_translation(record, page_model, original):
    """The slug of another English version of the same original (in the site or earlier in the file)."""
    target = record.data.get("translation_of")
    if original is not None:
        existing = (
            Page.objects.filter(translation_key=original.translation_key, locale__language_code=record.locale)
            .exclude(pk=original.pk)
            .first()
        )
        if existing is not None and not (isinstance(existing.specific, page_model) and existing.slug == record.slug):
            return existing.slug
    for other in record.batch:
        if other is record:
            break
        if (
            isinstance(other.data, dict)
            and other.kind == record.kind
            and other.locale == record.locale
            and other.slug != record.slug
            and other.data.get("translation_of") == target
        ):
            return other.slug
    return None


def _page_problems(record, page_model, index_model, index_label):
    problems = []
    if _index_for(index_model, record.locale) is None:
        problems.append(("locale", f"aucune page « {index_label} » dans cette langue : créez-la d'abord"))
    target = record.data.get("translation_of")
    if target:
        original = page_model.objects.filter(locale__language_code="fr", slug=target).first()
        if original is None and not _original_in_file(record):
            problems.append(("translation_of", f"aucun original français « {target} »"))
        other = _other_translation(record, page_model, original)
        if other:
            problems.append(("translation_of", f"l'original « {target} » a déjà une version anglaise « {other} »"))
    summary = record.data.get("summary") or ""
    if isinstance(summary, str) and len(summary) > 500:
        problems.append(("summary", "500 caractères au maximum"))
    return problems


def _validate_guide(record):
    from hub.models import Audience, GuideIndexPage, GuidePage

    problems = _page_problems(record, GuidePage, GuideIndexPage, "index des guides")
    audience = record.data.get("audience")
    if audience is not None and audience not in Audience.values:
        problems.append(("audience", f"valeur inconnue (attendu : {', '.join(Audience.values)})"))
    return problems


def _validate_component(record):
    from hub.licences import SPDX_LICENCES
    from hub.models import ComponentIndexPage, ComponentPage, ComponentType, Maturity

    data = record.data
    problems = _page_problems(record, ComponentPage, ComponentIndexPage, "catalogue des composantes")
    if data.get("component_type", ComponentType.LIBRARY) not in ComponentType.values:
        problems.append(("component_type", f"valeur inconnue (attendu : {', '.join(ComponentType.values)})"))
    if data.get("licence") not in SPDX_LICENCES:
        problems.append(("licence", f"« {data.get('licence')} » n'est pas un identifiant SPDX reconnu"))
    if data.get("maturity", Maturity.BETA) not in Maturity.values:
        problems.append(("maturity", f"valeur inconnue (attendu : {', '.join(Maturity.values)})"))
    for name in ("repository_url", "documentation_url"):
        if data.get(name):
            try:
                URLValidator(schemes=["http", "https"])(data[name])
            except (ValidationError, TypeError):
                problems.append((name, "adresse Web invalide"))
    if "version" in data and not isinstance(data["version"], str | type(None)):
        problems.append(("version", "texte attendu"))
    return problems


def _organisation(name):
    from hub.models import Organisation

    if not name:
        return None
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        base = slugify(name)[:90] or "organisation"
        slug, suffix = base, 2
        while Organisation.objects.filter(slug=slug).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        organisation = Organisation.objects.create(name=name, slug=slug)
    return organisation


def _stream_without_ids(raw):
    return [(block["type"], block["value"]) for block in raw or []]


def _write_page(record, page_model, index_model, fields, tags_attr):
    data = record.data
    locale = Locale.objects.get(language_code=record.locale)
    index = _index_for(index_model, record.locale)
    publish = data.get("published", True)
    body = markdown_to_blocks(data.get("body", ""))
    fields = {
        "title": data["title"].strip(),
        "summary": (data.get("summary") or "").strip(),
        "owner_organisation": _organisation(data.get("organisation")),
        **fields,
    }
    tags = sorted(set(data.get("tags") or []))
    page = _existing(page_model, record)
    if page is None:
        page = page_model(slug=record.slug, locale=locale, live=False, body=body, **fields)
        if data.get("translation_of"):
            original = page_model.objects.get(locale__language_code="fr", slug=data["translation_of"])
            page.translation_key = original.translation_key
        index.add_child(instance=page)
        getattr(page, tags_attr).set(tags)
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
        return CREATED

    draft = page.get_latest_revision_as_object()
    changed = [name for name, value in fields.items() if getattr(draft, name) != value]
    if _stream_without_ids(draft.body.raw_data) != _stream_without_ids(body):
        changed.append("body")
    if sorted(tag.name for tag in getattr(draft, tags_attr).all()) != tags:
        changed.append("tags")
    status = UNCHANGED
    if changed:
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.body = body
        getattr(draft, tags_attr).set(tags)
        revision = draft.save_revision(log_action=True)
        status = UPDATED
    else:
        revision = page.latest_revision
    if publish and (changed or not page.live or page.has_unpublished_changes):
        revision.publish()
        status = UPDATED
    elif not publish and page.live:
        page.unpublish()
        status = UPDATED
    return status


def _write_guide(record):
    from hub.models import Audience, GuideIndexPage, GuidePage

    return _write_page(
        record,
        GuidePage,
        GuideIndexPage,
        {"audience": record.data.get("audience", Audience.ALL)},
        "themes",
    )


def _write_component(record):
    from hub.models import ComponentIndexPage, ComponentPage, ComponentType, Maturity

    data = record.data
    return _write_page(
        record,
        ComponentPage,
        ComponentIndexPage,
        {
            "component_type": data.get("component_type", ComponentType.LIBRARY),
            "licence": data["licence"],
            "maturity": data.get("maturity", Maturity.BETA),
            "repository_url": data.get("repository_url") or "",
            "documentation_url": data.get("documentation_url") or "",
            "version": data.get("version") or "",
        },
        "technologies",
    )


def register_builtin_kinds():
    """The editorial core's own kinds (called from hub/apps.py)."""
    register_kind("guide", _validate_guide, _write_guide)
    register_kind("component", _validate_component, _write_component)
