"""The package's architecture, checked: its import graph has no circles, no module
takes a private name of another, nothing is imported through ``importlib``, and no
module is longer than about 1,000 lines unless its docstring says why it is one idea.

Imports are read from the source (every ``import`` statement, at module level or
inside functions, since a lazy import still ties two modules together), except

- imports under ``if TYPE_CHECKING:``, which never run;
- imports inside a module-level ``__getattr__``, the deprecation path of a name
  that moved: only outside code that still uses the old path takes it;
- deprecation shims (modules whose docstring starts with "Deprecated alias"),
  which the package itself must never import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gametheory_alliances"
ROOT = "gametheory_alliances"
MAX_LINES = 1000
LONG_MODULE_MARK = "one idea"
SHIM_MARK = "Deprecated alias"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "models" not in p.parts}


MODULES = _modules()


def _is_shim(path: Path) -> bool:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.startswith(SHIM_MARK)


SHIMS = {name for name, path in MODULES.items() if _is_shim(path)}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, in source order."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub, top)
                continue
            if top and isinstance(child, ast.FunctionDef) and child.name == "__getattr__":
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child, False)

    visit(tree, True)
    return found


def _base(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _edges(module: str) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for each import of the package."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    edges: list[tuple[str, str | None]] = []
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            edges += [(a.name, None) for a in node.names if a.name.split(".")[0] == ROOT]
            continue
        base = _base(module, node)
        if base.split(".")[0] != ROOT:
            continue
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            edges.append((sub, None) if sub in MODULES else (base, alias.name))
    return edges


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        if module in SHIMS:
            continue
        targets = {target for target, _ in _edges(module) if target in MODULES}
        graph[module] = targets - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return found


def _parents(module: str) -> set[str]:
    """A module and the packages it sits in (importing it runs their __init__)."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def test_the_import_graph_has_no_circles() -> None:
    graph = _graph()
    # Importing a submodule runs its packages' __init__ first, so an import of
    # X.Y also ties the importer to X, unless the importer lives inside X.
    full = {
        module: {
            parent
            for target in targets
            for parent in _parents(target)
            if parent != ROOT and not module.startswith(parent + ".") and parent != module
        }
        for module, targets in graph.items()
    }
    assert _cycles(full) == []


def test_the_checker_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_a_private_name_of_another() -> None:
    offenders = [
        f"{module} imports {name} from {target}"
        for module in MODULES
        for target, name in _edges(module)
        if name is not None and name.startswith("_") and not name.startswith("__")
    ]
    offenders += [
        f"{module} imports the private module {target}"
        for module in MODULES
        for target, _ in _edges(module)
        if target.rpartition(".")[2].startswith("_")
        and not target.endswith("__init__")
        and target.rpartition(".")[2] != "__main__"
    ]
    assert offenders == []


def test_the_package_never_imports_a_deprecation_shim() -> None:
    users = [
        f"{module} imports {target}"
        for module in MODULES
        if module not in SHIMS
        for target, _ in _edges(module)
        if target in SHIMS
    ]
    assert users == []


def test_no_importlib_loads() -> None:
    users = [
        module
        for module, path in MODULES.items()
        if "importlib" in {t for t, _ in _edges(module)}
        or "import importlib" in path.read_text(encoding="utf-8")
    ]
    assert users == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_long_modules_say_why_they_are_one_idea(module: str) -> None:
    path = MODULES[module]
    lines = path.read_text(encoding="utf-8").count("\n")
    if lines <= MAX_LINES:
        return
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert LONG_MODULE_MARK in doc.lower(), (
        f"{module} has {lines} lines; split it along its sections or say in its "
        f"docstring why it is {LONG_MODULE_MARK}"
    )


def test_every_module_says_its_job() -> None:
    missing = [m for m, p in MODULES.items() if not ast.get_docstring(ast.parse(p.read_text()))]
    assert missing == []
