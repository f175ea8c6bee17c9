"""The pages build their catalogue keys from the run's task and read its task as before.

The scan that no page spells a task name, a variant or a run file's name, nor picks a key by
if/else on the task's answers, is tests/project/test_asks_the_task.py; here: the keys the pages
build exist for every task, the Test page reads the run's task, and the Data page has a part
for every task reader and health-check group.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from core.scoring import calibration
from core.tasks import (
    QUESTION_ANSWERING,
    TASK_CLASSES,
    TASK_NAMES,
    TEXT_CLASSIFICATION,
    TOKEN_CLASSIFICATION,
)
from core.text import percent, t, use_language
from core.text.catalogue import CATALOGUE

# -- the keys the pages build, for every task --------------------------------------------------

def _test_page_keys(kind) -> list[str]:
    """The keys the Test page builds from a task: calibration sentences and the reliability
    axis only for a task whose confidences are calibrated (else one sentence says they are
    not), a "majority" baseline only for a task with labels to be the most common of."""
    keys = []
    for multi in (False, True):
        variant = kind.kind_of(multi)
        keys += [f"test.report.headline_{variant}", f"test.report.summary_{variant}",
                 f"test.metric.headline_{variant}"]
        if kind.calibrated:
            keys += [f"test.calibration.adjusted_{variant}", f"test.chart.reliability_y_{variant}"]
    if kind.calibrated:
        for split in ("test", "validation"):
            keys += [f"test.calibration.not_better_{split}_{kind.unit}",
                     f"test.calibration.explained_{split}_{kind.unit}"]
        keys += [f"test.calibration.{reason}_{kind.unit}"
                 for reason in ("too_few", "no_mistakes", "no_output_layer", "no_validation")]
    else:
        keys.append("test.calibration.not_calibrated")
    baselines = [kind.baseline_name] + (["majority"] if kind.label_list({"a", "b"}) else [])
    keys += [f"test.baseline.{name}_{kind.key}" for name in baselines]
    for split in ("test", "validation"):  # the verdict counts the task's units of a split
        keys += [f"scores.count.{split}_{kind.unit}", f"scores.many.{split}_{kind.unit}"]
    return keys


@pytest.mark.parametrize("name", TASK_NAMES)
def test_every_task_has_the_keys_the_pages_build_from_it(name):
    kind = TASK_CLASSES[name]
    keys = [f"train.caption.{kind.key}", f"runs.task.{kind.key}", *_test_page_keys(kind)]
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
    (QUESTION_ANSWERING, {"task": QUESTION_ANSWERING, "labels": []},
     False, False, "question", "qa"),
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
    assert task_name(QUESTION_ANSWERING) == "question answering"


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


def test_a_task_that_is_not_calibrated_says_so_in_one_sentence():
    from pages import _calibration
    from pages._test_common import answers_from_context, task_of

    qa = task_of(_run(QUESTION_ANSWERING), {"task": QUESTION_ANSWERING})
    saved = {"applied": False, "temperature": 1.0, "reason": "not_calibrated"}
    with use_language("en"):
        said = _calibration.sentence(saved, qa)
    assert said == t("test.calibration.not_calibrated", language="en")
    assert said.startswith("Answer scores are not calibrated")
    assert answers_from_context(qa)
    assert not answers_from_context(task_of(_run(TOKEN_CLASSIFICATION), {}))
    assert not answers_from_context(task_of(_run(TEXT_CLASSIFICATION), {}))


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


def test_every_task_reader_and_check_group_has_its_page_part():
    """The Data page reads a file by its task's reader and draws a chart per health-check
    group: a task with a reader or a group the page does not know fails here, not on screen."""
    from pages import _data_charts, _data_files

    kinds = TASK_CLASSES.values()
    assert {kind.reader for kind in kinds} <= set(_data_files._READERS)
    assert {kind.reader for kind in kinds} <= set(_data_files._UNUSABLE)
    assert {group for kind in kinds for group in kind.health_checks} <= set(_data_charts.CHARTS)
