"""Outside core/tasks/, core asks the task (core.tasks) what it is: no module compares a task
name ("token-classification") or a task variant ("ner", "single_label", "multi_label"), nor
keeps a table keyed by them. The texts of the catalogue are keys, not comparisons, and are
not scanned.

ALLOWED lists the sites still being converted, as (file, the line's text); it stays empty
for core/evaluate, core/predict, core/serve, core/scoring and core/cli.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

from core.tasks import TASK_CLASSES, TASK_NAMES

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
SKIPPED = (CORE / "tasks", CORE / "text" / "catalogue")

VARIANTS = {"single_label", "multi_label", "ner"}
NAMES = set(TASK_NAMES) | {kind.key for kind in TASK_CLASSES.values()} | VARIANTS
# Names that stand for a task name (core.tasks and core.label constants).
NAME_CONSTANTS = {"TEXT_CLASSIFICATION", "TOKEN_CLASSIFICATION", "CLASSIFICATION", "NER"}
# "multi_label" is also the name of a setting and of a saved field: `"multi_label" in saved`
# asks whether a file has that field, and a dict may hold it among others.
FIELDS = {"multi_label"}

# (file, the line's text) of sites still being converted in core/train, core/label,
# core/workspace, core/jobs and core/data; none is left
ALLOWED: set[tuple[str, str]] = set()
OWN = ("core/evaluate/", "core/predict/", "core/serve/", "core/scoring/", "core/cli.py")


def _names_a_task(node: ast.AST) -> bool:
    """A task name, a variant, or a constant standing for one (also inside a tuple or set)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_names_a_task(e) for e in node.elts)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value in NAMES
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
    return name in NAME_CONSTANTS


def _is_field_test(node: ast.Compare) -> bool:
    """`"multi_label" in saved`: whether a dict or a file has that field."""
    return (isinstance(node.left, ast.Constant) and node.left.value in FIELDS
            and all(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops))


def _compares(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        return not _is_field_test(node) and any(
            _names_a_task(side) for side in (node.left, *node.comparators))
    if isinstance(node, ast.match_case):
        return any(isinstance(p, ast.MatchValue) and _names_a_task(p.value)
                   for p in ast.walk(node.pattern))
    return False


def _keyed_by_tasks(node: ast.AST) -> bool:
    """A dict keyed by a task name or a variant ("multi_label" alone is a field)."""
    if not isinstance(node, ast.Dict):
        return False
    keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
    named = keys & NAMES
    return bool(named - FIELDS) or bool(keys & {"single_label"} and named)


def findings(source: str) -> list[tuple[int, str]]:
    """(line number, what) for each comparison with a task name or variant, and each table
    keyed by them, in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if _compares(node):
            found.append((node.lineno if hasattr(node, "lineno") else node.pattern.lineno,
                          "compares a task name or variant"))
        if _keyed_by_tasks(node):
            found.append((node.lineno, "a table keyed by task names or variants"))
    return found


def modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py")
                  if not any(p.is_relative_to(skipped) for skipped in SKIPPED))


def test_the_scan_finds_what_it_looks_for():
    assert findings('if task.kind == "ner":\n    pass') == [(1, "compares a task name or variant")]
    assert findings('x = task != "token-classification"')
    assert findings('x = kind in ("multi_label", "single_label")')
    assert findings("x = project.task == NER")
    assert findings('match kind:\n    case "ner":\n        pass')
    assert findings('TABLE = {"ner": 1, "multi_label": 2}')
    assert findings('TABLE = {"text-classification": 1}')
    # what is not a comparison with a task: a field, a setting, a catalogue key part
    assert findings('x = "multi_label" in saved') == []
    assert findings('x = {"task": name, "multi_label": True}') == []
    assert findings('x = t(f"test.calibration.adjusted_{task.kind}")') == []
    assert findings('x = task.shows_entities') == []


def test_the_allowlist_is_empty_for_evaluate_predict_serve_scoring_and_the_cli():
    assert [site for site in ALLOWED if site[0].startswith(OWN)] == []


def test_core_asks_the_task():
    found = []
    for path in modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        name = path.relative_to(ROOT).as_posix()
        for number, what in findings(source):
            site = (name, lines[number - 1].strip())
            if site not in ALLOWED:
                found.append(f"{name}:{number}: {what}: {site[1]}")
    assert found == []
