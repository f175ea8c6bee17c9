"""Outside core/tasks, code asks the task (core.tasks) and the run folder (RunFolder) instead of
spelling them: no core module and no page compares a task name ("token-classification") or a
variant ("ner", "single_label", "multi_label"), nor keeps a table keyed by them; no page and
no module of core/train or core/label reads `is_ner`, spells a task name or the name of a
run's file; no page picks a catalogue key by if/else on the task's answers where a key built
from the task would do. The scan is tests/support/task_scan.py; what each part of the tree is
scanned for is its SCOPES. The texts of the catalogue are keys, not comparisons, and are not
scanned.

First the scan is shown to catch the old patterns and to leave good code alone, then every
core module and every page file (pages/*.py and app.py) is scanned.
"""

from __future__ import annotations

import pytest

from tests.support import task_scan
from tests.support.task_scan import FIELDS, RUN_FILES, VARIANTS, scan, task_findings

COMPARES = "compares a task name or variant"


def test_the_run_files_named_are_the_run_folders_own():
    assert {"config.json", "eval.json", "metrics.jsonl", "_predictions.jsonl",
            "model/config.json", "curve.json", "status.json", "health.json", "train.log",
            "test_predictions.jsonl"} <= RUN_FILES
    assert VARIANTS == {"single_label", "multi_label", "ner", "qa"}


def test_the_core_scan_says_where_and_what():
    assert task_findings('if task.kind == "ner":\n    pass', FIELDS) == [(1, COMPARES)]


# what every scope catches
CAUGHT_EVERYWHERE = [
    'if task.kind == "ner":\n    pass',
    'x = task != "token-classification"',
    'x = kind in ("multi_label", "single_label")',
    "x = project.task == NER",
    'match kind:\n    case "ner":\n        pass',
    'TABLE = {"ner": 1, "multi_label": 2}',
    'TABLE = {"text-classification": 1}',
    'if task == "token-classification":\n    pass',
    'x = "a" if config.task != "text-classification" else "b"',
    'ok = kind in ("ner", "multi_label")',
    'if task == labeling.NER:\n    pass',
    'KEYS = {"text-classification": "data.task.text_classification"}',
    'unit = "sentence" if kind == "ner" else "text"',
    'adjusted = kind if kind in ("multi_label", "ner") else "single_label"',
    'same = "token-classification" == (evaluation.get("task") or run.task)',
    'CAPTIONS = {"text-classification": "train.caption.text_classification"}',
]
# what core/train, core/label and the pages catch besides
CAUGHT_IN_RUN_AND_PAGES = [
    'if project.is_ner or project.multi_label:\n    pass',
    'x = "multi_label" in saved',
    'path = run_dir / "config.json"',
    'raw = json.loads((Path(run) / "eval.json").read_text())',
    'name = f"{split}_predictions.jsonl"',
    'if not (run.path / "model" / "config.json").is_file():\n    pass',
    'path = run.path / f"{split}_predictions.jsonl"',
    'metrics = run_dir / "metrics.jsonl"',
    'config_file = run.path / "config.json"',
    'path = folder / "test_predictions.jsonl"',
    'name = f"token-classification{suffix}"',
]
# what only the pages catch: a run file named in a sentence, a key picked by the task's answers
CAUGHT_IN_PAGES = [
    '"""Drawn from its curve.json as it grows."""',
    'say("saved in eval.json.")',
    'if task.shows_entities:\n    say(t("test.report.headline_ner"))\n'
    'elif task.multi_label:\n    say(t("test.report.headline_multi"))\n'
    'else:\n    say(t("test.report.headline_single"))',
    'what = t("test.chart.reliability_y_label" if task.multi_label\n'
    '         else "test.chart.reliability_y_right")',
    'if task.shows_entities and key == "majority":\n'
    '    return t("test.baseline.majority_ner")',
    'return t(f"test.calibration.too_few_texts")',
]
# a comparison planted in a page's own source
PLANTED = 'if task == "token-classification":\n    pass\n'

CAUGHT = ([(scope, source) for source in CAUGHT_EVERYWHERE for scope in task_scan.SCOPES]
          + [(scope, source) for source in CAUGHT_IN_RUN_AND_PAGES for scope in ("run", "page")]
          + [("page", source) for source in CAUGHT_IN_PAGES]
          + [("page", (task_scan.PAGES / name).read_text(encoding="utf-8") + PLANTED)
             for name in ("test.py", "data.py")])


@pytest.mark.parametrize(("scope", "source"), CAUGHT)
def test_the_scan_finds_what_it_looks_for(scope, source):
    assert scan(source, scope), source


LEFT_ALONE = [
    ("core", 'x = "multi_label" in saved'),
    ("core", 'x = {"task": name, "multi_label": True}'),
    ("core", 'x = t(f"test.calibration.adjusted_{task.kind}")'),
    ("core", "x = task.shows_entities"),
    ("run", 'x = {"task": name, "multi_label": True}'),
    ("run", '"""Writes its status.json as it goes."""'),
    ("page", 'if task.shows_entities:\n    pass'),
    ("page", 'key = f"test.calibration.adjusted_{task.kind}"'),
    ("page", 'key = f"test.calibration.too_few_{task.unit}"'),
    ("page", 'folder = RunFolder(run.path).predictions(split)'),
    ("page", 'if run.state == "stopped":\n    pass'),
    ("page", 'HEADLINE = {"win": "normal"}'),
    ("page", 'name = "text"'),
    ("page", 'title = t("train.log.title")'),
    ("page", 'log = runs.log_tail(path)'),
    ("page", 'key = f"data.task.{task_kind(task).key}"'),
    ("page", 'if task_kind(project.task).shows_entities or project.multi_label:\n    pass'),
    ("page", 'reader = _READERS[task_kind(task).reader]'),
    ("page", 'BENCHMARK = Path("bench") / "results" / "active_learning.json"'),
    ("page", 'fields = {"multi_label": picked["multi"]}'),
    ("page", 'status = RunFolder(path).status'),
    ("page", 'say(t(f"test.report.headline_{task.kind}"))'),
    ("page", 'return t(f"test.calibration.{reason}_{task.unit}")'),
    ("page", 'if task.shows_entities:\n    say(t("test.mistakes.ner_title"))\n'
             'else:\n    say(t("test.mistakes.title"))'),  # a different table, not a word
    ("page", 'if task.multi_label:\n    say(t("test.report.threshold"))'),
    ("page", 'what = t("test.table.entity_type" if entities else "test.table.label")'),
    ("page", 'if task.multi_label:\n    show(t("label.table.label"), 2)\n'
             'else:\n    show(t("label.table.label"), 1)'),  # one key in both: no choice
]


@pytest.mark.parametrize(("scope", "source"), LEFT_ALONE)
def test_the_scan_leaves_asking_the_task_and_the_folder_alone(scope, source):
    assert scan(source, scope) == [], source


def test_every_page_file_and_core_module_is_scanned():
    names = {task_scan.where(path) for path in task_scan.scanned_files()}
    assert "app.py" in names and "pages/test.py" in names and "pages/data.py" in names
    assert {task_scan.where(p) for p in task_scan.PAGES.glob("*.py")} <= names
    assert "core/cli.py" in names and "core/train/training.py" in names
    assert not any(name.startswith(("core/tasks/", "core/text/catalogue/")) for name in names)
    assert task_scan.scope_of(task_scan.CORE / "label" / "labeling.py") == "run"


@pytest.mark.parametrize("path", task_scan.scanned_files(), ids=task_scan.where)
def test_the_file_asks_the_task_and_the_run_folder(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = [f"{task_scan.where(path)}:{number}: {what}: {lines[number - 1].strip()}"
             for number, what in scan(source, task_scan.scope_of(path))]
    assert found == []
