"""The import rules of docs/architecture.md, checked on the source (AST, no import is executed)."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite

BASE_DIR = Path(__file__).resolve().parents[1]
APPS = ["hub", "accounts", "ideas", "search", "dashboard", "demo"]

# Which apps each app may import (docs/architecture.md, "Allowed imports between apps").
ALLOWED = {
    "hub": {"accounts", "search"},
    "accounts": {"hub", "search"},
    "ideas": {"hub", "accounts", "search"},
    "search": {"hub", "accounts"},
    "dashboard": {"hub", "accounts", "ideas", "search"},
    "demo": {"hub", "accounts", "ideas", "search", "dashboard"},
}


def imported_modules(tree):
    """Every absolute module an AST imports, with its line (imports inside functions included)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:  # `from search import engines`
                yield node.lineno, f"{node.module}.{alias.name}"


def source_files(app):
    for path in sorted((BASE_DIR / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def is_model_module(path):
    return path.name == "models.py" or path.parent.name == "models"


def import_violations(path, app):
    """(line, module, rule) for each import of `path` the rules forbid."""
    found = []
    for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
        top = module.split(".")[0]
        if top in APPS and top != app and top not in ALLOWED[app]:
            found.append((line, module, f"{app} n'importe pas {top}"))
        if is_model_module(path) and (module == "search.engines" or module.startswith("search.engines.")):
            found.append((line, module, "un modèle n'importe pas search.engines"))
    return found


def optional_imports(path):
    """Lines of `except ImportError` / `except ModuleNotFoundError` handlers."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(isinstance(name, ast.Name) and name.id in ("ImportError", "ModuleNotFoundError") for name in names):
                found.append(node.lineno)
    return found


def test_apps_import_only_what_the_architecture_allows():
    violations = [
        f"{path.relative_to(BASE_DIR)}:{line} {module} ({rule})"
        for app in APPS
        for path in source_files(app)
        for line, module, rule in import_violations(path, app)
    ]
    assert violations == []


def test_no_app_imports_another_optionally():
    found = [
        f"{path.relative_to(BASE_DIR)}:{line}"
        for app in APPS
        for path in source_files(app)
        for line in optional_imports(path)
    ]
    assert found == []


def test_the_check_catches_the_core_importing_the_idea_board(tmp_path):
    """The rule itself can fail: hub importing ideas, a model importing search.engines."""
    hub_home = tmp_path / "hub" / "home.py"
    model = tmp_path / "hub" / "models" / "example.py"
    model.parent.mkdir(parents=True)
    hub_home.write_text("def cards():\n    from ideas.home import trending_cards\n", encoding="utf-8")
    model.write_text("from search import engines\n", encoding="utf-8")
    assert [rule for *_rest, rule in import_violations(hub_home, "hub")] == ["hub n'importe pas ideas"] * 2
    assert [rule for *_rest, rule in import_violations(model, "hub")] == ["un modèle n'importe pas search.engines"]


def test_nothing_imports_the_demo():
    assert all("demo" not in allowed for app, allowed in ALLOWED.items() if app != "demo")
    importers = [
        f"{path.relative_to(BASE_DIR)}:{line}"
        for app in APPS
        if app != "demo"
        for path in source_files(app)
        for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] == "demo"
    ]
    assert importers == []
