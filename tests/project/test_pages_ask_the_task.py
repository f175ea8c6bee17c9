"""The Test, Train and Runs pages ask the task and the run folder instead of spelling them.

(a) No page compares a task name ("token-classification") or a variant name ("ner",
"multi_label", "single_label"), nor keys a table by one: it asks the run's task from core/tasks
(`shows_entities`, `multi_label`, `unit`, `kind`, `key`), and builds catalogue keys from
`kind.key`, `kind.unit` and `kind.kind_of(multi_label)`.
(c) No Test-page part picks a catalogue key with if/else on the task's answers
(`shows_entities`, `multi_label`) or spells a key ending in a variant or unit
("test.report.headline_ner", "..._texts") where a key built from the task would do
(f"test.report.headline_{task.kind}", f"..._{task.unit}").
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
from core.text import percent, t, use_language
from core.text.catalogue import CATALOGUE
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[2]
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


TEST_PAGE_FILES = [path for path in PAGE_FILES
                   if path.name == "test.py" or path.name.startswith(("_test_", "_calibration"))]
ASKED = {"shows_entities", "multi_label"}  # the task's answers a key is built from instead
UNITS = {kind.unit for kind in TASK_CLASSES.values()}
# the last parts of a key that a key built from the task spells: kind, unit, task key
KEY_PARTS = (VARIANTS | {"multi", "single"} | UNITS | {f"{u}s" for u in UNITS}
             | {kind.key for kind in TASK_CLASSES.values()})
KEY = re.compile(r"[a-z]+(\.[a-z0-9_]+)+")

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


def _keys(nodes: list[ast.AST]) -> set[str]:
    """The catalogue keys spelled in `nodes` (string constants shaped like a key)."""
    return {node.value for top in nodes for node in ast.walk(top)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and KEY.fullmatch(node.value)}


def _asks_the_task(test: ast.AST) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr in ASKED for node in ast.walk(test))


def _branches(node: ast.AST) -> list[list[ast.AST]]:
    """The branches of an if/elif/else chain or a conditional expression that asks the task
    (empty when it does not)."""
    if not isinstance(node, (ast.If, ast.IfExp)) or not _asks_the_task(node.test):
        return []
    if isinstance(node, ast.IfExp):
        return [[node.body], *(_branches(node.orelse) or [[node.orelse]])]
    rest = node.orelse
    if len(rest) == 1 and _branches(rest[0]):
        return [node.body, *_branches(rest[0])]
    return [node.body, rest]


def _stem(key: str) -> str:
    return key.rsplit("_", 1)[0] if "_" in key.rsplit(".", 1)[-1] else key


def key_choices(source: str) -> list[str]:
    """'line N: ...' for each key picked by if/else on the task's answers where the branches'
    keys differ only in their last part, and each key spelled with a variant or unit ending."""
    found = []
    for node in ast.walk(ast.parse(source)):
        stems = [{_stem(key) for key in _keys(branch)} for branch in _branches(node)]
        shared = {stem for i, one in enumerate(stems) for other in stems[i + 1:]
                  for stem in one & other}
        found += [f"line {node.lineno}: picks {stem}_... by the task's answers; build it"
                  for stem in sorted(shared)]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and KEY.fullmatch(node.value) and _has_siblings(node.value):
            found.append(f"line {node.lineno}: spells {node.value!r}; build it from the task")
    return found


def _has_siblings(key: str) -> bool:
    """Whether `key` ends in a kind, unit or task key part and the catalogue has the same key
    with another such part: then a key built from the task would do."""
    return any(f"{key[:-len(part) - 1]}_{other}" in CATALOGUE
               for part in KEY_PARTS if key.endswith(f"_{part}")
               for other in KEY_PARTS - {part})


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
    'key = f"test.calibration.too_few_{task.unit}"',
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


@pytest.mark.parametrize("source", [
    'if task.shows_entities:\n    say(t("test.report.headline_ner"))\n'
    'elif task.multi_label:\n    say(t("test.report.headline_multi"))\n'
    'else:\n    say(t("test.report.headline_single"))',
    'what = t("test.chart.reliability_y_label" if task.multi_label\n'
    '         else "test.chart.reliability_y_right")',
    'if task.shows_entities and key == "majority":\n'
    '    return t("test.baseline.majority_ner")',
    'return t(f"test.calibration.too_few_texts")',
])
def test_the_key_scan_finds_a_key_picked_by_the_tasks_answers(source):
    assert key_choices(source)


@pytest.mark.parametrize("source", [
    'say(t(f"test.report.headline_{task.kind}"))',
    'return t(f"test.calibration.{reason}_{task.unit}")',
    'if task.shows_entities:\n    say(t("test.mistakes.ner_title"))\n'
    'else:\n    say(t("test.mistakes.title"))',  # a different table, not a different word
    'if task.multi_label:\n    say(t("test.report.threshold"))',
    'what = t("test.table.entity_type" if entities else "test.table.label")',
])
def test_the_key_scan_leaves_built_keys_and_different_layouts_alone(source):
    assert not key_choices(source)


@pytest.mark.parametrize("path", TEST_PAGE_FILES, ids=lambda p: p.name)
def test_the_test_page_builds_its_keys_from_the_task(path):
    assert key_choices(path.read_text(encoding="utf-8")) == [], path.name


# -- the keys the pages build, for every task --------------------------------------------------

@pytest.mark.parametrize("name", TASK_NAMES)
def test_every_task_has_the_keys_the_pages_build_from_it(name):
    kind = TASK_CLASSES[name]
    keys = [f"train.caption.{kind.key}", f"runs.task.{kind.key}"]
    for multi in (False, True):
        keys.append(f"test.calibration.adjusted_{kind.kind_of(multi)}")
        variant = kind.kind_of(multi)
        keys += [f"test.report.headline_{variant}", f"test.report.summary_{variant}",
                 f"test.metric.headline_{variant}", f"test.chart.reliability_y_{variant}"]
    for split in ("test", "validation"):
        keys += [f"test.calibration.not_better_{split}_{kind.unit}",
                 f"test.calibration.explained_{split}_{kind.unit}"]
    keys += [f"test.calibration.{reason}_{kind.unit}"
             for reason in ("too_few", "no_mistakes", "no_output_layer", "no_validation")]
    keys += [f"test.baseline.{name}_{kind.key}" for name in (kind.baseline_name, "majority")]
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
    least = {"least": calibration.MIN_EXAMPLES}
    assert _calibration.sentence(too_few, ner) == t("test.calibration.too_few_sentence", **least)
    assert _calibration.sentence(too_few, multi) == t("test.calibration.too_few_text", **least)
    assert "sentences" in _calibration.sentence(too_few, ner)
    assert "texts" in _calibration.sentence(too_few, single)


def test_a_baselines_name_is_the_tasks_own():
    from pages._test_common import task_of
    from pages._test_report import baseline_name

    ner = task_of(_run(TOKEN_CLASSIFICATION), {})
    single = task_of(_run(TEXT_CLASSIFICATION), {})
    with use_language("en"):
        assert baseline_name("majority", ner) == "Marking no entities at all"
        assert baseline_name("majority", single) == "Always the most common answer"
        assert baseline_name("word_memory", ner).startswith("Word memory")
        assert baseline_name("tfidf_logreg", single).startswith("Quick keyword model")
        assert baseline_name("a_new_baseline", single) == "a_new_baseline"  # shown as saved
