"""The architecture, checked from the source: imports flow one way, no cycles, Gradio only in
the web package, no private names taken across modules, small modules, one vocabulary.

Read with `ast` (nothing is imported), so the test describes the tree as written: imports
inside functions count, as they are dependencies too.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("segmentation", "assistant", "prompts")
MAX_LINES = 400
MAX_RAW_COLUMN_MODULES = 8

# Layers, lowest first: a module may import only from its own layer or lower ones (the
# longest matching prefix gives a module's layer). Data flows io -> features -> model ->
# profile -> naming -> jobs -> personas / tools -> understanding -> chat -> web app -> CLI.
LAYERS = (
    ("segmentation.errors", 0),
    ("segmentation.schema", 0),
    ("segmentation.formats", 0),
    ("segmentation.io", 1),
    ("segmentation.catalog", 2),
    ("segmentation.demo", 2),
    ("segmentation.demo_shop", 2),
    ("segmentation.features", 3),
    ("segmentation.algorithms", 3),
    ("segmentation.evaluate", 3),
    ("segmentation.choose", 3),
    ("segmentation.model", 4),
    ("segmentation.profile", 5),
    ("segmentation.naming", 6),
    ("segmentation.bundle", 7),
    ("segmentation.pipeline", 8),
    ("segmentation.assign", 8),
    ("segmentation.display", 8),
    ("segmentation.lab", 9),
    ("segmentation.cli", 10),
    ("segmentation", 10),
    ("prompts", 11),
    ("assistant.errors", 11),
    ("assistant.text", 11),
    ("assistant.llm", 12),
    ("assistant.prompts", 12),
    ("assistant.personas", 13),
    ("assistant.report", 14),
    ("assistant.tools", 14),
    ("assistant.query", 14),
    ("assistant.answers", 14),
    ("assistant.understanding", 15),
    ("assistant.chat", 16),
    ("assistant.webapp", 17),
    ("assistant.cli", 18),
    ("assistant", 18),
    ("app", 19),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _sources() -> dict[str, Path]:
    """Every project module (the three packages and app.py) by dotted name."""
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


@cache
def _tree(name: str) -> ast.Module:
    return ast.parse(_sources()[name].read_text(), filename=str(_sources()[name]))


def _resolve(module: str) -> str | None:
    """The project module an import names (a package resolves to its __init__), or None."""
    while module and module not in _sources():
        module = module.rpartition(".")[0]
    return module or None


def _imports(name: str) -> list[tuple[str, str, int]]:
    """(imported project module, the name taken from it or "", line) of every import."""
    out = []
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name)
                if target:
                    out.append((target, "", node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(name, node.module or "", node.level)
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                if submodule in _sources():
                    out.append((submodule, "", node.lineno))
                elif (target := _resolve(module)) is not None:
                    out.append((target, alias.name, node.lineno))
    return out


def _absolute(name: str, module: str, level: int) -> str:
    """The absolute module of ``from <level dots><module> import ...`` inside ``name``."""
    if level == 0:
        return module
    package = name if _sources()[name].name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{module}" if module else package


def _graph() -> dict[str, set[str]]:
    return {name: {t for t, _, _ in _imports(name) if t != name} for name in _sources()}


def _layer(name: str) -> int:
    for prefix, layer in sorted(LAYERS, key=lambda p: -len(p[0])):
        if name == prefix or name.startswith(prefix + "."):
            return layer
    raise AssertionError(f"{name} has no layer in LAYERS: add it where it belongs")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
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
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_has_no_cycle():
    assert _cycles(_graph()) == []


def test_imports_flow_one_way_through_the_layers():
    upward = [
        f"{name} imports {target} (line {line})"
        for name in _sources()
        for target, _, line in _imports(name)
        if _layer(target) > _layer(name)
    ]
    assert upward == []


def test_the_engine_imports_nothing_from_the_assistant_or_the_app():
    found = [
        f"{name} imports {target}"
        for name in _sources()
        if name.startswith("segmentation")
        for target, _, _ in _imports(name)
        if not target.startswith("segmentation")
    ]
    assert found == []


def test_only_the_web_package_imports_gradio():
    found = []
    for name in _sources():
        for node in ast.walk(_tree(name)):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(m.split(".")[0] in ("gradio", "gradio_client") for m in modules):
                found.append(name)
    assert found and all(n.startswith("assistant.webapp") for n in found), found


def test_only_the_app_entry_point_and_the_cli_import_the_web_package():
    importers = {
        name
        for name in _sources()
        if not name.startswith("assistant.webapp")
        for target, _, _ in _imports(name)
        if target.startswith("assistant.webapp")
    }
    assert importers <= {"app", "assistant.cli"}


def test_no_module_takes_a_private_name_from_another():
    found = [
        f"{name} takes {taken} from {target} (line {line})"
        for name in _sources()
        for target, taken, line in _imports(name)
        if taken.startswith("_") and target != name
    ]
    assert found == []


def test_every_package_exports_its_api_with_all():
    missing = []
    for name, path in _sources().items():
        if path.name != "__init__.py":
            continue
        declares = any(
            isinstance(node, ast.Assign | ast.AnnAssign)
            and any(
                isinstance(t, ast.Name) and t.id == "__all__"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            )
            for node in _tree(name).body
        )
        if not declares:
            missing.append(name)
    assert missing == []


def test_no_module_is_over_400_lines():
    tracked = [*(ROOT / p for p in ("app.py",))]
    for folder in (*PACKAGES, "tests", "benchmarks"):
        tracked += sorted((ROOT / folder).rglob("*.py"))
    long = {
        str(p.relative_to(ROOT)): n
        for p in tracked
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_raw_reference_columns_are_spelled_in_few_modules():
    """The reference file's column names (MntWines, Kidhome, Dt_Customer ...) are written out
    only where data is defined, read or generated; everything else speaks the catalog's keys."""
    from segmentation.schema import REFERENCE_COLUMNS

    raw = set(REFERENCE_COLUMNS)
    spelled = sorted(
        name
        for name in _sources()
        if any(
            isinstance(node, ast.Constant) and node.value in raw for node in ast.walk(_tree(name))
        )
    )
    assert len(spelled) <= MAX_RAW_COLUMN_MODULES, spelled
