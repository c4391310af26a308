"""Bilingual completeness: every French UI string has its English translation, and pages show it.

Our msgids are French. These tests read locale/{fr,en}/LC_MESSAGES/django.po directly, compile
them into a temporary folder (so no stale .mo file can hide a gap), and render English and French
pages to check that no UI string leaks from one language into the other.
"""

import ast
import html
import re
import struct
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE = BASE_DIR / "locale"
SOURCE_DIRS = ["hub", "accounts", "ideas", "search", "templates"]
MIN_LEAK_LENGTH = 13  # shorter strings ("Guides", "Notifications") are often the same in both languages


def is_ui_phrase(text):
    """Long enough, several words and no placeholder: a phrase that belongs to one language only."""
    return len(text) >= MIN_LEAK_LENGTH and " " in text.strip() and "%" not in text and "{" not in text


# A small .po reader and .mo writer --------------------------------------------------------------


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = ""
        self.msgid_plural = None
        self.msgstr = {}
        self.fuzzy = False
        self.obsolete = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def translations(self):
        return [self.msgstr[index] for index in sorted(self.msgstr)]

    def __repr__(self):
        return f"{self.msgid!r} -> {self.translations!r}{' (fuzzy)' if self.fuzzy else ''}"


def read_po(path):
    """Entries of a gettext catalogue (obsolete `#~` entries are dropped), the header first."""
    entries = []
    current = Entry()
    field = None

    def flush():
        nonlocal current
        if current.msgid or current.msgstr:
            entries.append(current)
        current = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            field = None
            continue
        if line.startswith("#"):
            if current.msgstr:
                flush()
                field = None
            if line.startswith("#~"):
                current.obsolete = True
            elif line.startswith("#,"):
                current.fuzzy = current.fuzzy or "fuzzy" in line
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            if keyword in ("msgctxt", "msgid") and current.msgstr:
                flush()
            field = keyword
            value = ast.literal_eval(rest)
            if field.startswith("msgstr"):
                index = int(field[7:-1]) if field.startswith("msgstr[") else 0
                current.msgstr[index] = ""
        if field == "msgctxt":
            current.msgctxt = (current.msgctxt or "") + value
        elif field == "msgid":
            current.msgid += value
        elif field == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        elif field and field.startswith("msgstr"):
            index = int(field[7:-1]) if field.startswith("msgstr[") else 0
            current.msgstr[index] += value
    flush()
    return [entry for entry in entries if not entry.obsolete]


def write_mo(entries, path):
    """Compile entries as msgfmt does: fuzzy and untranslated entries are left out."""
    pairs = {}
    for entry in entries:
        if entry.fuzzy and entry.msgid:
            continue
        if entry.msgid and not all(entry.translations):
            continue
        key = entry.msgid if entry.msgid_plural is None else entry.msgid + "\0" + entry.msgid_plural
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        pairs[key.encode()] = "\0".join(entry.translations).encode()
    keys = sorted(pairs)
    offsets = []
    ids = strs = b""
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(pairs[key])))
        ids += key + b"\0"
        strs += pairs[key] + b"\0"
    header_size = 7 * 4
    key_start = header_size + 16 * len(keys)
    value_start = key_start + len(ids)
    key_table = b"".join(struct.pack("<2I", length, key_start + offset) for offset, length, _, _ in offsets)
    value_table = b"".join(struct.pack("<2I", length, value_start + offset) for _, _, offset, length in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + 8 * len(keys), 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + key_table + value_table + ids + strs)


def catalogue(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"Catalogue absent : {path}"
    return [entry for entry in read_po(path) if entry.msgid]


# Strings the code marks for translation ----------------------------------------------------------

PYTHON_CALL = re.compile(
    r"""\b(?:_|gettext|gettext_lazy|pgettext_lazy|pgettext)\(\s*(?:"([^"\\\n]+)"|'([^'\\\n]+)')\s*\)"""
)
TEMPLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"([^"]+)"|'([^']+)')(?:\s+as\s+\w+)?\s*%}""")


def marked_strings():
    """Simple literal msgids found in our Python code and templates (what makemessages extracts)."""
    found = {}
    for folder in SOURCE_DIRS:
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                pattern = PYTHON_CALL
            elif path.suffix in (".html", ".txt"):
                pattern = TEMPLATE_TAG
            else:
                continue
            for match in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
                msgid = match.group(1) or match.group(2)
                found.setdefault(msgid, str(path.relative_to(BASE_DIR)))
    return found


# Catalogue tests --------------------------------------------------------------------------------


def test_english_catalogue_translates_every_french_string():
    missing = [entry for entry in catalogue("en") if not all(entry.translations)]
    fuzzy = [entry for entry in catalogue("en") if entry.fuzzy]
    assert not missing, f"{len(missing)} chaîne(s) sans traduction anglaise, par exemple : {missing[:15]}"
    assert not fuzzy, f"{len(fuzzy)} traduction(s) anglaise(s) à revoir (fuzzy) : {fuzzy[:15]}"


def test_french_catalogue_has_every_string_of_the_english_one():
    french = {entry.key for entry in catalogue("fr")}
    english = {entry.key for entry in catalogue("en")}
    assert english - french == set(), f"Absentes du catalogue français : {sorted(english - french, key=str)[:15]}"
    assert french - english == set(), f"Absentes du catalogue anglais : {sorted(french - english, key=str)[:15]}"
    fuzzy = [entry for entry in catalogue("fr") if entry.fuzzy]
    assert not fuzzy, f"Entrées françaises marquées fuzzy : {fuzzy[:15]}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_string_marked_in_the_code_is_in_the_catalogue(language):
    known = {entry.msgid for entry in catalogue(language)}
    missing = {msgid: where for msgid, where in marked_strings().items() if msgid not in known}
    listing = "\n".join(f"  {where}: {msgid!r}" for msgid, where in list(missing.items())[:25])
    assert not missing, f"{len(missing)} chaîne(s) du code absentes de locale/{language} :\n{listing}"


# Rendered pages ---------------------------------------------------------------------------------

ENGLISH_PAGES = [
    "/en/",
    "/en/politique-de-confidentialite/",
    "/en/accessibilite/",
    "/en/page-qui-nexiste-pas/",
    "/en/traduction-indisponible/?from=/",
]
FRENCH_PAGES = [
    "/",
    "/politique-de-confidentialite/",
    "/accessibilite/",
    "/page-qui-nexiste-pas/",
    "/traduction-indisponible/?from=/en/",
]
# Feature pages, checked once their routes exist.
FEATURE_ROUTES = ["search:page", "ideas:list", "ideas:propose", "account_login", "account_signup"]


def visible_text(markup):
    """The text a visitor reads or hears: content, and labels carried by attributes."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    attributes = re.findall(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"', markup)
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(text + " " + " ".join(attributes)))


def feature_paths(prefix):
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    paths = []
    for name in FEATURE_ROUTES:
        try:
            with translation.override("en" if prefix else "fr"):
                paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


@pytest.fixture
def compiled_catalogues(tmp_path):
    """The current .po files compiled into a temporary LOCALE_PATHS entry."""
    for language in ("fr", "en"):
        write_mo(
            read_po(LOCALE / language / "LC_MESSAGES" / "django.po"), tmp_path / language / "LC_MESSAGES" / "django.mo"
        )
    with override_settings(LOCALE_PATHS=[tmp_path]):
        yield


def leaks(pages, client, strings):
    found = {}
    for path in pages:
        response = client.get(path, follow=True)
        assert response.status_code in (200, 404), f"{path} : {response.status_code}"
        text = visible_text(response.content.decode())
        hits = sorted(string for string in strings if string in text)
        if hits:
            found[path] = hits
    return found


@pytest.mark.django_db
def test_english_pages_show_no_french_ui_string(client, home_page, compiled_catalogues):
    french_only = {
        entry.msgid for entry in catalogue("en") if is_ui_phrase(entry.msgid) and entry.translations != [entry.msgid]
    }
    pages = ENGLISH_PAGES + feature_paths("en")
    found = leaks(pages, client, french_only)
    assert not found, f"Chaînes françaises sur des pages anglaises : {found}"


@pytest.mark.django_db
def test_french_pages_show_no_english_ui_string(client, home_page, compiled_catalogues):
    english = {
        translation
        for entry in catalogue("en")
        for translation in entry.translations
        if is_ui_phrase(translation) and translation != entry.msgid
    }
    pages = FRENCH_PAGES + feature_paths("")
    found = leaks(pages, client, english)
    assert not found, f"Chaînes anglaises sur des pages françaises : {found}"
