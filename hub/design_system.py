"""Québec's design system toolkit (qc-trousse-sdg), vendored into our static files.

The toolkit is pinned in package.json; `manage.py refresh_design_system` copies the few built files
the hub uses (stylesheet without grid, fonts it references, the government signature) from
node_modules/ into static/vendor/qc-trousse-sdg/, so that `make run` needs no npm and pages load
nothing from another origin. The toolkit is written for a 62.5 % root font size; the hub keeps the
browser's 100 %, so every `rem` of the toolkit's stylesheet is multiplied by 0.625 on the way in
(media queries are in px and stay as they are).
"""

import json
import re
from pathlib import Path

from django.conf import settings

PACKAGE = "qc-trousse-sdg"
LICENCE = "ISC"
SOURCE_STYLESHEET = "dist/css/qc-sdg-no-grid.min.css"
STYLESHEET = "css/qc-sdg-no-grid.rfz100.min.css"
SIGNATURES = ("dist/img/QUEBEC_blanc.svg", "dist/img/QUEBEC_couleur.svg")
ROOT_FONT_RATIO = 0.625  # 62.5 % of the toolkit -> 100 % of the hub

_REM = re.compile(r"(?<![\w.#/+=-])(-?\d*\.?\d+)rem\b")  # not inside identifiers or base64
_ROOT_PERCENT = re.compile(r"--qc-font-size-root-percent:\s*62\.5%")
_FONT_URL = re.compile(r"""url\(["']?\.\./fonts/([^"')]+)["']?\)""")


def base_dir():
    return Path(settings.BASE_DIR)


def source_dir():
    return base_dir() / "node_modules" / PACKAGE


def target_dir():
    return base_dir() / "static" / "vendor" / PACKAGE


def pinned_version():
    """The version package.json pins (exactly: no range)."""
    package = json.loads((base_dir() / "package.json").read_text())
    return package["devDependencies"][PACKAGE]


def locked_version():
    lock = json.loads((base_dir() / "package-lock.json").read_text())
    return lock["packages"][f"node_modules/{PACKAGE}"]["version"]


def installed_version():
    manifest = source_dir() / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else None


def _rem(match):
    value = round(float(match.group(1)) * ROOT_FONT_RATIO, 4)
    text = f"{abs(value):.4f}".rstrip("0").rstrip(".").removeprefix("0")
    return f"{'-' if value < 0 else ''}{text or '0'}rem"


def to_root_font_size_100(css):
    """The toolkit's stylesheet for a 100 % root font size: rems scaled, the 62.5 % root rule neutralised."""
    css = _ROOT_PERCENT.sub("--qc-font-size-root-percent:100%", css)
    return _REM.sub(_rem, css)


def notice(version):
    return (
        f"{PACKAGE} {version} — Trousse de développement du Système de design gouvernemental du Québec\n"
        f"Licence : {LICENCE} (champ « license » du paquet npm). Source : https://www.npmjs.com/package/{PACKAGE}\n"
        "Fichiers copiés de node_modules/ par `manage.py refresh_design_system` ; ne pas les modifier à la main.\n"
        f"{STYLESHEET} : dist/css/qc-sdg-no-grid.min.css, rem multipliés par 0,625 (racine à 100 %, et non 62,5 %).\n"
    )


def expected_files():
    """{relative path under static/vendor/qc-trousse-sdg: bytes} built from the installed package."""
    source = source_dir()
    version = installed_version()
    css = (source / SOURCE_STYLESHEET).read_text(encoding="utf-8")
    files = {STYLESHEET: to_root_font_size_100(css).encode("utf-8")}
    for font in sorted(set(_FONT_URL.findall(css))):
        files[f"fonts/{font}"] = (source / "dist" / "fonts" / font).read_bytes()
    for image in SIGNATURES:
        files[f"img/{Path(image).name}"] = (source / image).read_bytes()
    files["VERSION"] = f"{version}\n".encode()
    files["NOTICE.txt"] = notice(version).encode("utf-8")
    return files


def vendored_files():
    target = target_dir()
    if not target.exists():
        return {}
    return {str(path.relative_to(target)): path.read_bytes() for path in sorted(target.rglob("*")) if path.is_file()}


def differences():
    """Paths whose vendored copy differs from (or is missing in, or is extra to) the installed package."""
    expected = expected_files()
    vendored = vendored_files()
    return sorted(path for path in expected.keys() | vendored.keys() if expected.get(path) != vendored.get(path))


def refresh():
    """Rewrite static/vendor/qc-trousse-sdg/ from node_modules/; return the paths written."""
    target = target_dir()
    expected = expected_files()
    for path in vendored_files().keys() - expected.keys():
        (target / path).unlink()
    for path, content in expected.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    return sorted(expected)
