"""The Data, Model and Label pages, the Train page's live part, the Runs table, the label
budget, and core/train and core/label, ask the task (core.tasks) and the run folder
(core.workspace.folder): none of them compares a task name or a task variant ("ner",
"multi_label"), reads `is_ner`, or spells the name of a run's file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core.tasks import TASK_CLASSES, TASK_NAMES
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "app.py", ROOT / "pages" / "data.py", ROOT / "pages" / "model.py",
                ROOT / "pages" / "label.py", ROOT / "pages" / "_session.py",
                ROOT / "pages" / "_errors.py", ROOT / "pages" / "_lang.py",
                *(ROOT / "pages").glob("_data_*.py"), *(ROOT / "pages").glob("_model_*.py"),
                *(ROOT / "pages").glob("_label_*.py"),
                ROOT / "pages" / "_train_live.py", ROOT / "pages" / "_runs_list.py",
                ROOT / "pages" / "_learning_curve.py",
                *(ROOT / "core" / "train").glob("*.py"), *(ROOT / "core" / "label").glob("*.py")])

# What a page never compares: the task names, their key parts and the variants of kind_of.
VARIANTS = {"single_label", "multi_label", "ner"}
NAMES = set(TASK_NAMES) | {kind.key for kind in TASK_CLASSES.values()} | VARIANTS
# Names that stand for a task name (core.tasks and core.label constants).
NAME_CONSTANTS = {"TEXT_CLASSIFICATION", "TOKEN_CLASSIFICATION", "CLASSIFICATION", "NER"}


def run_file_names() -> set[str]:
    """Every file of a run folder, as RunFolder names it ("config.json", "eval.json", ...)."""
    folder = RunFolder(Path("run"))
    paths = [getattr(folder, name) for name in dir(RunFolder)
             if isinstance(getattr(RunFolder, name), property)]
    paths += [folder.metrics_attempt(1), folder.predictions("test")]
    names = {p.name for p in paths if isinstance(p, Path) and "." in p.name}
    return names | {"_predictions.jsonl"}


RUN_FILES = run_file_names()


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    return []


def _names_a_task(node: ast.AST) -> bool:
    """A task name, a variant, or a constant standing for one (also inside a tuple or set)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_names_a_task(e) for e in node.elts)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value in NAMES
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
    return name in NAME_CONSTANTS


def findings(source: str) -> list[str]:
    """Where `source` compares a task name or variant, reads `is_ner`, spells a task name, or
    spells a run file's name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
                _names_a_task(side) for side in (node.left, *node.comparators)):
            found.append(f"{node.lineno}: compares a task name or variant")
        if isinstance(node, ast.Attribute) and node.attr == "is_ner":
            found.append(f"{node.lineno}: reads is_ner")
        for text in _strings(node):
            if text in TASK_NAMES:
                found.append(f"{node.lineno}: spells the task name {text!r}")
            for name in RUN_FILES:
                if text.endswith(name):
                    found.append(f"{node.lineno}: spells the run file {name!r} in {text!r}")
    return found


def test_run_files_are_known_to_the_scan():
    assert {"config.json", "status.json", "eval.json", "metrics.jsonl", "health.json",
            "train.log", "curve.json", "test_predictions.jsonl"} <= RUN_FILES


@pytest.mark.parametrize("source", [
    'if task == "token-classification":\n    pass',
    'x = "a" if config.task != "text-classification" else "b"',
    'ok = kind in ("ner", "multi_label")',
    'if project.is_ner or project.multi_label:\n    pass',
    'if task == labeling.NER:\n    pass',
    'KEYS = {"text-classification": "data.task.text_classification"}',
    'path = run_dir / "config.json"',
    'raw = json.loads((Path(run) / "eval.json").read_text())',
    'name = f"{split}_predictions.jsonl"',
])
def test_the_scan_finds_what_a_page_must_not_do(source):
    assert findings(source), source


@pytest.mark.parametrize("source", [
    'key = f"data.task.{task_kind(task).key}"',
    'if task_kind(project.task).shows_entities or project.multi_label:\n    pass',
    'reader = _READERS[task_kind(task).reader]',
    'BENCHMARK = Path("bench") / "results" / "active_learning.json"',
    'fields = {"multi_label": picked["multi"]}',
    'status = RunFolder(path).status',
])
def test_the_scan_leaves_asking_the_task_alone(source):
    assert not findings(source), source


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_ask_the_task_and_the_run_folder(path):
    found = findings(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: {found}"


def test_every_task_reader_and_check_group_has_its_page_part():
    """The Data page reads a file by its task's reader and draws a chart per health-check
    group: a task with a reader or a group the page does not know fails here, not on screen."""
    from pages import _data_charts, _data_files

    kinds = TASK_CLASSES.values()
    assert {kind.reader for kind in kinds} <= set(_data_files._READERS)
    assert {kind.reader for kind in kinds} <= set(_data_files._UNUSABLE)
    assert {group for kind in kinds for group in kind.health_checks} <= set(_data_charts.CHARTS)
