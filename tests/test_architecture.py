"""Promises about the code itself that a reviewer would otherwise check by hand."""

import ast
from pathlib import Path

import raovat

ROOT = Path(raovat.__file__).parent
SERVICE = ROOT / "cases" / "services" / "transitions.py"


def _state_writes(path: Path, field: str = "state") -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == field:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "create", "bulk_update", "update_or_create"}
        ):
            names = {kw.arg for kw in node.keywords}
            if field in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_code_outside_the_workflow_service_writes_a_case_state():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path == SERVICE or "migrations" in path.parts:
            continue
        offenders += _state_writes(path)
    assert offenders == []


def test_the_workflow_service_does_write_states():
    # Guards the test above against silently matching nothing.
    assert _state_writes(SERVICE)


CLOCKS = ROOT / "cases" / "clocks.py"


def test_due_dates_are_written_by_the_workflow_and_the_clocks_only():
    # A record's save moves a case's due date too, through clocks.due_dates_restate.
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path in (SERVICE, CLOCKS) or "migrations" in path.parts:
            continue
        offenders += _state_writes(path, "due_on")
    assert offenders == []
    assert _state_writes(SERVICE, "due_on") and _state_writes(CLOCKS, "due_on")


def _kind_words_in_logic(path: Path) -> list[str]:
    """String constants naming a unit kind used in a comparison or a query."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"filter", "exclude", "get", "startswith", "endswith"}
        ):
            parts = [*node.args, *(kw.value for kw in node.keywords)]
        else:
            continue
        for part in parts:
            for const in ast.walk(part):
                if (
                    isinstance(const, ast.Constant)
                    and isinstance(const.value, str)
                    and any(w in const.value for w in ("Quận", "Phường", "Sở TTTT"))
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_logic_depends_on_unit_kind_words():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "migrations" not in path.parts:
            offenders += _kind_words_in_logic(path)
    assert offenders == []


# --- layers and import cycles ------------------------------------------------------------

# Lowest first. A module may import from its own layer and from the layers below it.
# The job queue is plumbing: it knows no app, and each app registers its own job handlers.
LAYERS = (
    (
        "raovat.env",
        "raovat.formats",
        "raovat.params",
        "raovat.storage",
        "raovat.xlsx",
        "raovat.jobs",
        "raovat.readonly_admin",
    ),
    ("raovat.units", "raovat.accounts"),
    ("raovat.cases", "raovat.audit"),
    ("raovat.documents", "raovat.messaging", "raovat.notifications"),
    ("raovat.web", "raovat.api"),
    ("raovat.demo", "raovat.settings", "raovat.urls", "raovat.wsgi"),
)


def _module_name(path: Path) -> str:
    parts = ["raovat", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in ROOT.rglob("*.py") if "migrations" not in p.parts}


def _imports(name: str, path: Path, known) -> set[str]:
    """The raovat modules `name` imports, at module level or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            wanted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [
                        *package.split(".")[: len(package.split(".")) - node.level + 1],
                        *([base] if base else []),
                    ]
                )
            # `from package import module` imports the module itself.
            wanted = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in wanted:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(name: str) -> int | None:
    for index, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return index
    return None if name != "raovat" else 0


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _upward(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{a} -> {b}" for a, targets in graph.items() for b in targets if _layer(b) > _layer(a)
    )


def test_every_module_belongs_to_a_layer():
    assert [name for name in _graph() if _layer(name) is None] == []


def test_no_import_cycle_between_modules():
    assert _cycles(_graph()) == []


def test_no_module_imports_from_a_higher_layer():
    assert _upward(_graph()) == []


def test_the_layer_checks_do_see_imports():
    # Guards the tests above against silently matching nothing: the graph holds the
    # imports the code is known to make, function-level ones included, and the checks
    # catch a cycle and an upward import when there is one.
    graph = _graph()
    assert "raovat.cases.models" in graph["raovat.cases.services.transitions"]
    assert "raovat.messaging.backends.console" in graph["raovat.messaging.backends"]
    assert sum(len(targets) for targets in graph.values()) > 500
    assert "raovat.params" in graph["raovat.web.access"]  # imported inside a function
    made_up = {
        **graph,
        "raovat.units.models": graph["raovat.units.models"] | {"raovat.web.views.cases"},
        "raovat.web.views.cases": {"raovat.units.models"},
    }
    assert ["raovat.units.models", "raovat.web.views.cases"] in _cycles(made_up)
    assert "raovat.units.models -> raovat.web.views.cases" in _upward(made_up)


def _demo_data_importers() -> list[str]:
    found = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(m == "demo_data" or m.startswith("demo_data.") for m in modules):
                found.append(name)
    return sorted(set(found))


def test_only_the_demo_reaches_the_demo_data_outside_the_package():
    # The photo generator is not installed with the product; only the demo command uses it.
    importers = _demo_data_importers()
    assert importers  # the demo does load its photos from there
    assert [name for name in importers if not name.startswith("raovat.demo.")] == []
