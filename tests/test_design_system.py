"""Québec's design system toolkit: pinned in package.json, vendored unchanged (but for the root font size)."""

import re

import pytest
from django.core.management import CommandError, call_command

from hub import design_system

pytestmark = pytest.mark.sqlite


def test_toolkit_is_pinned_to_one_exact_version():
    pinned = design_system.pinned_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"Version non épinglée dans package.json : {pinned}"
    assert design_system.locked_version() == pinned


def test_vendored_copy_is_the_pinned_toolkit_unchanged():
    """static/vendor/ holds exactly what refresh_design_system builds from the pinned package."""
    installed = design_system.installed_version()
    assert installed == design_system.pinned_version(), (
        f"node_modules/{design_system.PACKAGE} : {installed} ; lancez `bash scripts/browser-deps.sh` (npm ci)."
    )
    vendored = design_system.vendored_files()
    assert vendored["VERSION"].decode().strip() == design_system.pinned_version()
    assert design_system.LICENCE in vendored["NOTICE.txt"].decode()
    assert design_system.differences() == [], "Lancez `manage.py refresh_design_system`."
    call_command("refresh_design_system", "--check")


def test_a_hand_edited_vendored_file_is_caught(tmp_path, settings):
    """The check compares bytes: a vendored stylesheet edited by hand no longer passes."""
    target = tmp_path / "static" / "vendor" / design_system.PACKAGE
    for name in ("package.json", "package-lock.json"):
        (tmp_path / name).write_bytes((design_system.base_dir() / name).read_bytes())
    (tmp_path / "node_modules").symlink_to(design_system.base_dir() / "node_modules")
    settings.BASE_DIR = tmp_path
    call_command("refresh_design_system")
    call_command("refresh_design_system", "--check")
    stylesheet = target / design_system.STYLESHEET
    stylesheet.write_text(stylesheet.read_text() + "body{color:red}")
    with pytest.raises(CommandError, match=re.escape(design_system.STYLESHEET)):
        call_command("refresh_design_system", "--check")


def test_toolkit_stylesheet_is_converted_to_the_browsers_root_font_size():
    css = (design_system.target_dir() / design_system.STYLESHEET).read_text()
    assert "62.5%" not in css
    # The toolkit's h1 is 4.8rem at 62.5 % (48 px): 3rem at 100 %; a spacing of 1.6rem (16 px) becomes 1rem.
    assert "--qc-font-size-h1:3rem" in css
    assert "--qc-spacer-sm:1rem" in css
    assert design_system.to_root_font_size_100("a{margin:-1.6rem .8rem}.x-1rem{}") == "a{margin:-1rem .5rem}.x-1rem{}"


def test_every_file_the_stylesheet_references_is_vendored():
    """ManifestStaticFilesStorage (production) refuses a stylesheet that points at a missing file."""
    css = (design_system.target_dir() / design_system.STYLESHEET).read_text()
    references = [ref for ref in re.findall(r"""url\(["']?([^"')]+)""", css) if not ref.startswith("data:")]
    assert references
    for reference in references:
        assert (design_system.target_dir() / "css" / reference).resolve().is_file(), reference
