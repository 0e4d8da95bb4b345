"""Folders are layers: each package imports only from the layers below it.

Read from the source with ``ast``, every import counts: module level or
inside a function, in migrations too. A package may import itself, lower
layers and third-party code; the two content apps never import each other;
nothing imports ``portal`` (settings, root URL configurations and WSGI).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LAYERS = {
    "languages": 1,  # the language registry, negotiation, CLDR formatting; no models, no sites
    "tenants": 2,  # sites, domains, host routing, provisioning, per-site context
    "web": 3,  # public-form protection, mail, permissions, absolute-URL use, CSP, feeds
    "translations": 4,  # translation records, fallback, status and exchange, admin mixins
    "search": 5,  # search documents, registry, queries
    "coordination": 6,  # the hub's index of every site's events, clashes, hub pages
    "hub": 6,  # the hub's index of every site's news, listings and events; its pages
    "alerts": 6,  # alerts, digests, the weekly bulletin, the jobs that send them
    "cooperation": 7,  # content app
    "events": 7,  # content app
    "portal": 8,  # settings, root URLs, WSGI: nothing imports it
}


def project_packages(root: Path = ROOT) -> set[str]:
    """Top-level packages of the project (the test suite is not one)."""
    return {
        path.parent.name
        for path in root.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }


def imported_names(source: str, module: str, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """``(line, dotted name)`` of every import in ``source``, relative ones resolved."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                base = parts if is_package else parts[:-1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """What in ``module`` (``package.sub.module``) breaks the layer rules."""
    package = module.split(".")[0]
    layer = LAYERS[package]
    found = []
    for line, name in imported_names(source, module, is_package):
        target = name.split(".")[0]
        if target == package or target not in LAYERS:
            continue
        if target == "portal":
            found.append(f"{module}:{line} imports {name}: nothing imports portal")
        elif LAYERS[target] == layer:
            found.append(f"{module}:{line} imports {name}: {package} and {target} are side by side")
        elif LAYERS[target] > layer:
            found.append(
                f"{module}:{line} imports {name}: {target} (layer {LAYERS[target]}) is above "
                f"{package} (layer {layer})"
            )
    return found


def modules(root: Path = ROOT) -> Iterator[tuple[str, Path]]:
    for package in sorted(project_packages(root)):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def package_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Which project packages each package imports."""
    packages = project_packages(root)
    graph: dict[str, set[str]] = {package: set() for package in packages}
    for module, path in modules(root):
        package = module.split(".")[0]
        for _line, name in imported_names(path.read_text(), module, path.name == "__init__.py"):
            target = name.split(".")[0]
            if target in packages and target != package:
                graph[package].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between packages (each found once, from its first package)."""
    found, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycle = path[path.index(node) :]
            if not any(set(cycle) == set(other) for other in found):
                found.append([*cycle, node])
            return
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


# --- The project ---------------------------------------------------------------


def test_every_package_has_a_layer():
    assert project_packages() - set(LAYERS) == set()


def test_no_package_imports_from_above_or_beside_it():
    found = [
        problem
        for module, path in modules()
        for problem in violations(module, path.read_text(), path.name == "__init__.py")
    ]
    assert found == []


def test_no_import_cycle_between_packages():
    assert cycles(package_graph()) == []


# --- The checker itself ----------------------------------------------------------


def test_checker_finds_an_upward_import_even_inside_a_function():
    source = (
        "from django.db import models\n"
        "from languages.registry import SUPPORTED_CODES\n"
        "def url_for(site):\n"
        "    from web.mail import send\n"
        "    return send\n"
    )

    assert violations("tenants.services.example", source) == [
        "tenants.services.example:4 imports web.mail: web (layer 3) is above tenants (layer 2)"
    ]


def test_checker_finds_content_apps_importing_each_other_and_portal():
    assert violations("events.forms", "import cooperation.forms\n") == [
        "events.forms:1 imports cooperation.forms: events and cooperation are side by side"
    ]
    assert violations("web.mail", "from portal import settings\n") == [
        "web.mail:1 imports portal: nothing imports portal"
    ]


def test_checker_resolves_relative_imports():
    assert violations("languages.formatting", "from .registry import babel_locale\n") == []
    assert violations("search.management.commands.x", "from ....events import models\n") == [
        "search.management.commands.x:1 imports events: events (layer 7) is above search (layer 5)"
    ]


def test_checker_allows_lower_layers_itself_and_third_parties():
    source = "import babel\nfrom tenants.models import Site\nfrom search import registry\n"

    assert violations("search.views", source) == []


def test_cycle_finder():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
