"""Promises about the code itself that a reviewer would otherwise check by hand."""

import ast
from pathlib import Path

import raovat

ROOT = Path(raovat.__file__).parent
SERVICE = ROOT / "cases" / "services" / "transitions.py"


def _state_writes(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "state":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in {"update", "create", "bulk_update", "update_or_create"}:
            names = {kw.arg for kw in node.keywords}
            if "state" in names:
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


def _kind_words_in_logic(path: Path) -> list[str]:
    """String constants naming a unit kind used in a comparison or a query."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in {"filter", "exclude", "get", "startswith", "endswith"}:
            parts = [*node.args, *(kw.value for kw in node.keywords)]
        else:
            continue
        for part in parts:
            for const in ast.walk(part):
                if isinstance(const, ast.Constant) and isinstance(const.value, str) and \
                        any(w in const.value for w in ("Quận", "Phường", "Sở TTTT")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_logic_depends_on_unit_kind_words():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "migrations" not in path.parts:
            offenders += _kind_words_in_logic(path)
    assert offenders == []
