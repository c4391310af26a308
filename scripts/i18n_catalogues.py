"""Keep the gettext catalogues complete: our msgids are French, English needs a translation.

    python scripts/i18n_catalogues.py fill-fr             # fr msgstr = msgid (msgid_plural for msgstr[1])
    python scripts/i18n_catalogues.py missing-en          # en entries empty or fuzzy, as JSON lines
    python scripts/i18n_catalogues.py apply-en FILE.json  # {msgid: msgstr} or {msgid: [s0, s1]} into en

A JSON key may carry a context as "msgctxt\\u0004msgid". Only the standard library is used: the
.po files are read block by block, and only msgstr lines, flags and `#|` lines are rewritten.
"""

import json
import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"
WIDTH = 79
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
HEADER_DEFAULTS = {
    language: {
        "PACKAGE VERSION": "hub-cqen",
        "YEAR-MO-DA HO:MI+ZONE": "2026-11-28 12:00-0500",
        "FULL NAME <EMAIL@ADDRESS>": "Équipe du Hub du CQEN",
        "LANGUAGE <LL@li.org>": team,
    }
    for language, team in (("fr", "Français"), ("en", "English"))
}
PLACEHOLDER = re.compile(r"%%|%(?:\(\w+\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]|\{\w*\}|<[^>]+>")


def catalogue_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def unescape(text):
    return re.sub(r"\\(.)", lambda match: UNESCAPES.get(match.group(1), match.group(1)), text)


def escape(text):
    return "".join(ESCAPES.get(char, char) for char in text)


def wrap(escaped, width):
    """Cut an escaped string after spaces so that each quoted line stays within width."""
    lines, line = [], ""
    for token in re.findall(r"[^ ]+ *| +", escaped):
        if line and len(line) + len(token) > width:
            lines.append(line)
            line = ""
        line += token
    return [*lines, line] if line or not lines else lines


def field_lines(keyword, text):
    """Lines of one field, wrapped as msgmerge does (one line when it fits, else "" then pieces)."""
    if len(keyword) + len(escape(text)) + 3 <= WIDTH and "\n" not in text[:-1]:
        return [f'{keyword} "{escape(text)}"']
    lines = [f'{keyword} ""']
    for piece in re.findall(r"[^\n]*\n|[^\n]+", text):
        lines.extend(f'"{chunk}"' for chunk in wrap(escape(piece), WIDTH - 2))
    return lines


class Entry:
    """One block of a .po file: comments, flags and fields (msgctxt, msgid, msgid_plural, msgstr...)."""

    def __init__(self, lines):
        self.raw = lines
        self.obsolete = all(line.startswith("#~") for line in lines)
        self.comments, self.previous, self.flags, self.fields = [], [], [], {}
        self.field_raw = {}
        field = None
        for line in [] if self.obsolete else lines:
            if line.startswith("#,"):
                self.flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
            elif line.startswith("#|"):
                self.previous.append(line)
            elif line.startswith("#"):
                self.comments.append(line)
            elif line.startswith('"'):
                self.fields[field] += unescape(line[1:-1])
                self.field_raw[field].append(line)
            else:
                field, _, rest = line.partition(" ")
                self.fields[field] = unescape(rest.strip()[1:-1])
                self.field_raw[field] = [line]

    msgctxt = property(lambda self: self.fields.get("msgctxt"))
    msgid = property(lambda self: self.fields.get("msgid", ""))
    msgid_plural = property(lambda self: self.fields.get("msgid_plural"))
    fuzzy = property(lambda self: "fuzzy" in self.flags)

    @property
    def key(self):
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def msgstrs(self):
        return [value for name, value in self.fields.items() if name.startswith("msgstr")]

    def set_msgstr(self, values):
        names = [name for name in self.fields if name.startswith("msgstr")]
        if len(values) != len(names):
            raise ValueError(f"{self.msgid!r} attend {len(names)} forme(s), reçu {len(values)}")
        for name, value in zip(names, values, strict=True):
            self.fields[name] = value
            self.field_raw[name] = field_lines(name, value)
        self.flags = [flag for flag in self.flags if flag != "fuzzy"]
        self.previous = []

    def lines(self):
        if self.obsolete:
            return self.raw
        flags = [f"#, {', '.join(self.flags)}"] if self.flags else []
        body = [line for name in self.fields for line in self.field_raw[name]]
        return self.comments + flags + self.previous + body


def read(language):
    text = catalogue_path(language).read_text(encoding="utf-8")
    blocks = [block.splitlines() for block in re.split(r"\n\s*\n", text.strip("\n"))]
    return [Entry(block) for block in blocks if block]


def write(language, entries):
    path = catalogue_path(language)
    temporary = path.with_suffix(".po.tmp")
    temporary.write_text("\n\n".join("\n".join(entry.lines()) for entry in entries) + "\n", encoding="utf-8")
    temporary.replace(path)


def fix_header(entries, language):
    header = entries[0]
    if header.msgid == "" and header.msgctxt is None:
        value = re.sub(r"^Language: .*$", f"Language: {language}", header.msgstrs[0], flags=re.M)
        for default, replacement in HEADER_DEFAULTS[language].items():
            value = value.replace(default, replacement)
        header.set_msgstr([value])


def translatable(entries):
    return [entry for entry in entries if not entry.obsolete and entry.msgid]


def fill_fr():
    entries = read("fr")
    fix_header(entries, "fr")
    changed = 0
    for entry in translatable(entries):
        wanted = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        wanted += [wanted[-1]] * (len(entry.msgstrs) - len(wanted))
        if entry.msgstrs != wanted or entry.fuzzy:
            entry.set_msgstr(wanted)
            changed += 1
    write("fr", entries)
    print(f"fr : {changed} entrée(s) remplie(s)", file=sys.stderr)


def missing_en():
    for entry in translatable(read("en")):
        if entry.fuzzy or not all(entry.msgstrs):
            row = {"msgid": entry.msgid}
            if entry.msgid_plural is not None:
                row["msgid_plural"] = entry.msgid_plural
            if entry.msgctxt is not None:
                row["msgctxt"] = entry.msgctxt
            if entry.fuzzy:
                row["fuzzy"] = entry.msgstrs
                row["previous"] = [line[3:] for line in entry.previous]
            row["flags"] = entry.flags
            row["refs"] = [ref for line in entry.comments if line.startswith("#:") for ref in line[2:].split()]
            comments = [line[2:].strip() for line in entry.comments if line.startswith(("#.", "# "))]
            if comments:
                row["comments"] = comments
            print(json.dumps(row, ensure_ascii=False))


def problems(source, translation):
    """Placeholders, tags and surrounding whitespace that the translation must keep."""
    found = []
    expected, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(translation))
    if expected != got:
        found.append(f"placeholders {expected} != {got}")
    if re.match(r"\s*", source).group() != re.match(r"\s*", translation).group():
        found.append("leading whitespace")
    if re.search(r"\s*$", source).group() != re.search(r"\s*$", translation).group():
        found.append("trailing whitespace")
    if not translation.strip():
        found.append("empty")
    return found


def apply_en(json_path):
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    entries = read("en")
    fix_header(entries, "en")
    index = {entry.key: entry for entry in translatable(entries)}
    applied, failed = 0, 0
    for key, value in translations.items():
        entry = index.get(key)
        if entry is None:
            print(f"absent du catalogue : {key!r}", file=sys.stderr)
            failed += 1
            continue
        values = [value] if isinstance(value, str) else list(value)
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        sources += [sources[-1]] * (len(entry.msgstrs) - len(sources))
        issues = [] if len(values) == len(sources) else [f"{len(sources)} forme(s) attendue(s)"]
        issues += [issue for source, text in zip(sources, values, strict=False) for issue in problems(source, text)]
        if issues:
            print(f"refusé {key!r} -> {value!r} : {'; '.join(issues)}", file=sys.stderr)
            failed += 1
            continue
        entry.set_msgstr(values)
        applied += 1
    write("en", entries)
    print(f"en : {applied} traduction(s) appliquée(s), {failed} refusée(s)", file=sys.stderr)
    return 1 if failed else 0


def main(argv):
    if argv[:1] == ["fill-fr"] and len(argv) == 1:
        return fill_fr()
    if argv[:1] == ["missing-en"] and len(argv) == 1:
        return missing_en()
    if argv[:1] == ["apply-en"] and len(argv) == 2:
        return apply_en(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
