"""The Test, Train and Runs pages ask the task and the run folder instead of spelling them.

(a) No page compares a task name ("token-classification") or a variant name ("ner",
"multi_label", "single_label"), nor keys a table by one: it asks the run's task from core/tasks
(`shows_entities`, `multi_label`, `unit`, `kind`, `key`), and builds catalogue keys from
`kind.key`, `kind.unit` and `kind.kind_of(multi_label)`.
(b) No page spells the name of a run's file (config.json, eval.json, metrics.jsonl,
<split>_predictions.jsonl, model/config.json, curve.json, ...): it asks a RunFolder.

The scan below reads the page files with ast; the tests after it check that the keys the pages
build exist for every task and that the panels read the run's task as before.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.scoring import calibration
from core.tasks import TASK_CLASSES, TASK_NAMES, TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION
from core.text import percent, t
from core.text.catalogue import CATALOGUE
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "pages"
PAGE_FILES = sorted(path for pattern in ("test.py", "_test_*.py", "_calibration.py", "train.py",
                                         "_train_*.py", "_learning_curve.py", "runs.py",
                                         "_runs_*.py", "_format.py")
                    for path in PAGES.glob(pattern))

VARIANTS = {kind.kind_of(multi) for kind in TASK_CLASSES.values() for multi in (False, True)}
TASK_WORDS = set(TASK_NAMES) | VARIANTS


def run_file_names() -> set[str]:
    """Every file name a run folder has, as RunFolder names them (a name with a dot in it;
    folders such as model/ and words such as STOP are too plain to look for)."""
    folder = RunFolder(Path("RUN"))
    paths = [folder.config, folder.status, folder.metrics, folder.metrics_partial,
             folder.evaluation, folder.health, folder.log, folder.space_reserve,
             folder.model_config, folder.curve, folder.curve_log]
    names = {str(p.relative_to(folder.path)) for p in paths}
    names |= {p.name for p in paths}
    names.add(folder.predictions("split").name.removeprefix("split"))  # _predictions.jsonl
    return {n for n in names if "." in n.strip(".")}


RUN_FILES = run_file_names()
# a run file's name where it stands as a name: not inside a longer word or a catalogue key
# ("train.log.title"); "_predictions.jsonl" follows its split's name
SPELLED = re.compile("|".join(("" if name.startswith("_") else r"(?<![\w.])")
                              + re.escape(name) + r"(?!\.?\w)" for name in sorted(RUN_FILES)))


def _strings(node: ast.AST) -> list[str]:
    """The string constants a comparison side holds: itself, or the items of a tuple, list or
    set it is."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for item in node.elts for s in _strings(item)]
    return []


def _task_words(node: ast.AST) -> list[str]:
    """The task and variant names a comparison compares with, or a table is keyed by."""
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
    elif isinstance(node, ast.Dict):
        sides = [key for key in node.keys if key is not None]
    else:
        return []
    return [word for side in sides for word in _strings(side) if word in TASK_WORDS]


def findings(source: str) -> list[str]:
    """'line N: ...' for each comparison with a task or variant name, table keyed by one, and
    run file name spelled in `source`."""
    nodes = list(ast.walk(ast.parse(source)))
    found = [f"line {node.lineno}: compares with, or is keyed by, {word!r}"
             for node in nodes for word in _task_words(node)]
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            spelled = SPELLED.search(node.value)
            if spelled:
                found.append(f"line {node.lineno}: spells the run file {spelled.group()!r}")
    return found


# -- the scan --------------------------------------------------------------------------------

def test_the_run_files_named_are_the_run_folders_own():
    assert {"config.json", "eval.json", "metrics.jsonl", "_predictions.jsonl",
            "model/config.json", "curve.json", "status.json"} <= RUN_FILES
    assert VARIANTS == {"single_label", "multi_label", "ner"}


@pytest.mark.parametrize("source", [
    'if kind == "ner":\n    pass',
    'unit = "sentence" if kind == "ner" else "text"',
    'adjusted = kind if kind in ("multi_label", "ner") else "single_label"',
    'same = "token-classification" == (evaluation.get("task") or run.task)',
    'CAPTIONS = {"text-classification": "train.caption.text_classification"}',
    'if not (run.path / "model" / "config.json").is_file():\n    pass',
    'path = run.path / f"{split}_predictions.jsonl"',
    'metrics = run_dir / "metrics.jsonl"',
    'config_file = run.path / "config.json"',
    '"""Drawn from its curve.json as it grows."""',
    'path = folder / "test_predictions.jsonl"',
    'say("saved in eval.json.")',
])
def test_the_scan_finds_names_spelled_in_a_page(source):
    assert findings(source)


@pytest.mark.parametrize("source", [
    'if task.shows_entities:\n    pass',
    'key = f"test.calibration.adjusted_{task.kind}"',
    'unit = f"{task.unit}s"',
    'folder = RunFolder(run.path).predictions(split)',
    'if run.state == "stopped":\n    pass',
    'HEADLINE = {"win": "normal"}',
    'name = "text"',
    'title = t("train.log.title")',
    'log = runs.log_tail(path)',
])
def test_the_scan_leaves_asking_the_task_and_the_folder_alone(source):
    assert not findings(source)


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_the_page_asks_the_task_and_the_run_folder(path):
    assert findings(path.read_text(encoding="utf-8")) == [], path.name


# -- the keys the pages build, for every task --------------------------------------------------

@pytest.mark.parametrize("name", TASK_NAMES)
def test_every_task_has_the_keys_the_pages_build_from_it(name):
    kind = TASK_CLASSES[name]
    keys = [f"train.caption.{kind.key}", f"runs.task.{kind.key}"]
    for multi in (False, True):
        keys.append(f"test.calibration.adjusted_{kind.kind_of(multi)}")
    for split in ("test", "validation"):
        keys += [f"test.calibration.not_better_{split}_{kind.unit}s",
                 f"test.calibration.explained_{split}_{kind.unit}s"]
    keys += [f"test.calibration.{reason}_{kind.unit}s"
             for reason in ("too_few", "no_mistakes", "no_output_layer", "no_validation")]
    assert [key for key in keys if key not in CATALOGUE] == []


# -- the panels read the run's task as before ------------------------------------------------

def _run(task: str | None) -> SimpleNamespace:
    return SimpleNamespace(task=task)


@pytest.mark.parametrize(("run_task", "evaluation", "entities", "multi", "unit", "kind"), [
    (TOKEN_CLASSIFICATION, {}, True, False, "sentence", "ner"),
    (TEXT_CLASSIFICATION, {"task": TOKEN_CLASSIFICATION, "multi_label": True},
     True, False, "sentence", "ner"),
    (TEXT_CLASSIFICATION, {"multi_label": True, "labels": ["a", "b"]},
     False, True, "text", "multi_label"),
    (TEXT_CLASSIFICATION, {"labels": ["a", "b"]}, False, False, "text", "single_label"),
    ("summarization", {}, False, False, "text", "single_label"),  # unknown: shown as texts
    (None, {"multi_label": True}, False, True, "text", "multi_label"),
])
def test_the_test_page_reads_the_runs_task(run_task, evaluation, entities, multi, unit, kind):
    from pages._test_common import task_of

    task = task_of(_run(run_task), evaluation)
    assert (task.shows_entities, task.multi_label, task.unit, task.kind) == (
        entities, multi, unit, kind)
    assert task.labels == [str(x) for x in evaluation.get("labels") or []]


def test_a_task_this_version_does_not_know_is_named_as_saved():
    from pages._runs_list import task_name

    assert task_name("summarization") == "summarization"
    assert task_name(None) == "-"
    assert task_name(TOKEN_CLASSIFICATION) == "token classification"
    assert task_name(TEXT_CLASSIFICATION) == "text classification"


def test_the_calibration_sentence_follows_the_task():
    from pages import _calibration
    from pages._test_common import task_of

    adjusted = {"applied": True, "test": {"before": {"ece": 0.2}, "after": {"ece": 0.1}}}
    too_few = {"applied": False, "reason": "too_few"}
    ner = task_of(_run(TOKEN_CLASSIFICATION), {})
    multi = task_of(_run(TEXT_CLASSIFICATION), {"multi_label": True})
    single = task_of(_run(TEXT_CLASSIFICATION), {})
    figures = {"before": percent(0.2), "after": percent(0.1)}
    for task, key in ((ner, "adjusted_ner"), (multi, "adjusted_multi_label"),
                      (single, "adjusted_single_label")):
        assert _calibration.sentence(adjusted, task) == t(f"test.calibration.{key}", **figures)
    assert _calibration.unit(ner) == "sentences" and _calibration.unit(single) == "texts"
    least = {"least": calibration.MIN_EXAMPLES}
    assert _calibration.sentence(too_few, ner) == t("test.calibration.too_few_sentences", **least)
    assert _calibration.sentence(too_few, multi) == t("test.calibration.too_few_texts", **least)
