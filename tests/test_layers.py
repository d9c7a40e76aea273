"""The package's modules form layers: no module imports one of a higher layer.

Every ``import`` in ``kg/`` counts: at module level, inside functions (the late
imports that used to hide a cycle) and under ``if TYPE_CHECKING``. A module
may import modules of its own layer or lower ones, and imports among the
modules of one layer must not form a cycle. A new module must be given a
layer in :data:`LAYERS` (``docs/architecture.md`` describes them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

#: Layer name -> modules of ``kg`` (``__init__`` is the package itself), bottom first.
LAYERS: dict[str, tuple[str, ...]] = {
    # constants, errors, records, writing files (the standard library only); the models folder
    "base": ("model", "errors", "records", "fileio", "models"),
    # reading inputs and word lists, naming what extraction depends on
    "resources": ("lexicon", "meta", "versions", "documents", "holders", "officepass", "roles"),
    # spaCy and the rules: text -> DocExtraction records, and their cache
    # (``pipes`` is the package of spaCy components, counted as one module)
    "extraction": ("pipes", "nlp", "extract", "longtext", "cache"),
    # the graph store and its file format
    "store": ("store",),
    # questions, the HTML page and the exports, over the store
    "views": ("names", "query", "render", "export"),
    # KnowledgeGraph: the store with its query, export and notebook methods
    "api": ("graph",),
    # records -> entity resolution -> KnowledgeGraph; the build as a whole
    "build": ("resolve", "pipeline", "corrections"),
    # what users call: the CLI and the package's own namespace
    "interface": ("cli_common", "cli_query", "cli_render", "cli_offices", "cli", "__init__",
                  "__main__"),
}

LEVEL = {module: level for level, modules in enumerate(LAYERS.values()) for module in modules}
NAMES = {module: name for name, modules in LAYERS.items() for module in modules}


def _package_modules() -> list[str]:
    """Modules of ``kg``; a sub-package (a folder with ``__init__.py``) counts as one."""
    subpackages = [p.parent.name for p in PACKAGE.glob("*/__init__.py")]
    return sorted([p.stem for p in PACKAGE.glob("*.py")] + subpackages)


def _sources(module: str) -> list[Path]:
    folder = PACKAGE / module
    return sorted(folder.glob("*.py")) if folder.is_dir() else [PACKAGE / f"{module}.py"]


def _imported(tree: ast.AST) -> list[tuple[str, int]]:
    """``(module of kg, line)`` for every import in ``tree`` (``__init__`` for the package)."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "kg":
                    found.append((parts[1] if len(parts) > 1 else "__init__", node.lineno))
        elif isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".") if node.module else []
            if node.level == 0 and (not parts or parts[0] != "kg"):
                continue
            if node.level == 0:
                parts = parts[1:]
            if parts:  # from kg.x import y / from .x import y
                found.append((parts[0], node.lineno))
            else:  # from kg import x / from . import x: a submodule or a name of __init__
                for alias in node.names:
                    is_module = (PACKAGE / f"{alias.name}.py").exists() \
                        or (PACKAGE / alias.name / "__init__.py").exists()
                    found.append((alias.name if is_module else "__init__", node.lineno))
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name)
                       and node.func.id in {"import_module", "__import__"}))):
            parts = node.args[0].value.split(".")
            if parts[0] == "kg":
                found.append((parts[1] if len(parts) > 1 else "__init__", node.lineno))
    return found


def _imports() -> dict[str, list[tuple[str, int]]]:
    graph = {}
    for module in _package_modules():
        graph[module] = [(m, line) for path in _sources(module)
                         for m, line in _imported(ast.parse(path.read_text(encoding="utf-8")))
                         if m != module]
    return graph


def test_every_module_has_a_layer() -> None:
    missing = [m for m in _package_modules() if m not in LEVEL]
    assert not missing, f"give these modules a layer in tests/test_layers.py: {missing}"
    gone = [m for m in LEVEL if m not in _package_modules()]
    assert not gone, f"modules in LAYERS that no longer exist: {gone}"


def test_no_module_imports_a_higher_layer() -> None:
    upward = [
        f"kg/{module}.py:{line} imports kg.{target} "
        f"({NAMES[module]} -> {NAMES[target]})"
        for module, targets in _imports().items() if module in LEVEL
        for target, line in targets if target in LEVEL and LEVEL[target] > LEVEL[module]
    ]
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    graph = {m: sorted({t for t, _ in targets}) for m, targets in _imports().items()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in graph.get(module, ()):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target):], target]
                pytest.fail("import cycle: " + " -> ".join(f"kg.{m}" for m in cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module)


@pytest.mark.parametrize("source, expected", [
    ("import kg.query", ["query"]),
    ("from kg.graph import KnowledgeGraph", ["graph"]),
    ("from kg import __version__", ["__init__"]),
    ("from kg import render", ["render"]),
    ("from . import render\nfrom .store import GraphStore", ["render", "store"]),
    ("def f():\n    from kg.pipeline import build", ["pipeline"]),
    ("if TYPE_CHECKING:\n    from kg.graph import KnowledgeGraph", ["graph"]),
    ("importlib.import_module('kg.cli')", ["cli"]),
    ("import networkx\nfrom collections import Counter", []),
])
def test_imports_are_found_wherever_they_are(source: str, expected: list[str]) -> None:
    assert [m for m, _ in _imported(ast.parse(source))] == expected


def test_an_upward_import_would_be_caught() -> None:
    """The check is not vacuous: a store that imported the query layer is reported."""
    tree = ast.parse("def lookup(self, name):\n    from kg.query import resolve_name\n")
    targets = [m for m, _ in _imported(tree)]
    assert any(LEVEL[t] > LEVEL["store"] for t in targets)
