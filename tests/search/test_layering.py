"""The search package has no import circle, deferred imports inside functions included (the
outbox's task and the indexing used to import each other that way)."""

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "search"


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path, modules):
    """The search modules `path` imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name.startswith("search"):
                found.add(name)
    return found


def test_search_modules_import_each_other_without_a_circle():
    paths = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    modules = {module_name(p): p for p in paths}
    graph = {name: imports_of(path, modules) - {name} for name, path in modules.items()}
    # `from search.engines.database import x` also names the packages above it: not an edge.
    graph = {name: {d for d in deps if not name.startswith(d + ".")} for name, deps in graph.items()}
    visiting, done, cycles = set(), set(), []

    def visit(name, trail):
        if name in done:
            return
        if name in visiting:
            cycles.append(" -> ".join([*trail[trail.index(name) :], name]))
            return
        visiting.add(name)
        for dependency in sorted(graph.get(name, ())):
            visit(dependency, [*trail, name])
        visiting.discard(name)
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert len(modules) > 15
    assert cycles == []
