"""Every task implements the whole protocol of core/tasks/protocol.py, and the registry
describes a task from its name alone."""

import inspect

import numpy as np
import pandas as pd
import pytest

from core.errors import UserError
from core.scoring import significance
from core.tasks import (
    KIND_MEMBERS,
    PROTOCOL_MEMBERS,
    TASK_MEMBERS,
    TASK_NAMES,
    Task,
    TaskKind,
    get_task,
    is_task,
    saved_task,
    saved_task_kind,
    task_kind,
    task_title,
)

LABELS = {"text-classification": ["neg", "pos"], "token-classification": ["O", "B-PER", "I-PER"],
          "question-answering": []}


@pytest.mark.parametrize("name", TASK_NAMES)
def test_every_kind_member_is_on_the_class(name):
    kind = task_kind(name)
    missing = [m for m in KIND_MEMBERS if not hasattr(kind, m)]
    assert missing == []
    assert isinstance(kind.name, str) and kind.name == name
    assert kind.key == name.replace("-", "_")
    methods = [m for m in KIND_MEMBERS if isinstance(vars(TaskKind).get(m), classmethod)]
    assert "stratify" in methods
    for member in methods:  # answerable without labels
        assert isinstance(inspect.getattr_static(kind, member), classmethod), member


@pytest.mark.parametrize("name", TASK_NAMES)
@pytest.mark.parametrize("multi_label", [False, True])
def test_every_member_is_on_the_instance(name, multi_label):
    task = get_task(name, LABELS[name], multi_label)
    assert [m for m in PROTOCOL_MEMBERS if not hasattr(task, m)] == []
    assert isinstance(task, Task)
    assert task.kind == task.kind_of(task.multi_label)
    assert task.best_metric == task.primary_metric(task.multi_label)
    assert set(TASK_MEMBERS) >= {"report", "record_counts", "calibration_outputs",
                                 "distillation_loss"}


def test_the_kinds_answer_what_the_upper_layers_ask():
    text, tags = task_kind("text-classification"), task_kind("token-classification")
    assert (text.unit, tags.unit) == ("text", "sentence")
    assert (text.reader, tags.reader) == ("table", "tagged")
    assert (text.answers, tags.answers) == ("labels", "tags")
    assert (text.pipeline_task, tags.pipeline_task) == ("text-classification",
                                                        "token-classification")
    assert (text.pipeline_kwargs, tags.pipeline_kwargs) == ({}, {"aggregation_strategy": "first"})
    assert (text.peft_task_type, tags.peft_task_type) == ("SEQ_CLS", "TOKEN_CLS")
    assert (text.baseline_name, tags.baseline_name) == ("tfidf_logreg", "word_memory")
    assert (text.export_suffix, tags.export_suffix) == (".csv", ".jsonl")
    assert (text.export_format, tags.export_format) == ("csv", "jsonl")
    assert tags.output_columns == ("entities", "entities_json")
    assert text.output_columns == ("predicted_label", "confidence")
    assert (text.shows_entities, tags.shows_entities) == (False, True)
    assert (text.supports_cleaning, tags.supports_cleaning) == (True, False)
    assert (text.health_checks, tags.health_checks) == (("labels",), ("entities",))
    assert [text.kind_of(False), text.kind_of(True), tags.kind_of(False)] == [
        "single_label", "multi_label", "ner"]
    assert [text.primary_metric(False), text.primary_metric(True), tags.primary_metric(False)
            ] == ["macro_f1", "macro_f1", "f1"]
    assert [text.stratify(False), text.stratify(True), tags.stratify(False)] == [
        True, False, False]
    assert [text.supports_few_shot(False), text.supports_few_shot(True),
            tags.supports_few_shot(False)] == [True, False, False]
    assert text.title() == task_title("text-classification")


def test_unknown_names():
    assert not is_task("summarization") and is_task("question-answering")
    with pytest.raises(UserError):
        task_kind("summarization")
    with pytest.raises(UserError):
        get_task("summarization", [])
    assert task_title("summarization") == "summarization"


def test_answer_names():
    frame = pd.DataFrame({"labels": [["a"], ["b", "a"]]})
    assert task_kind("text-classification").answer_names(frame) == {"a", "b"}
    tagged = pd.DataFrame({"tags": [["B-PER", "I-PER", "O"], ["B-LOC"]]})
    assert task_kind("token-classification").answer_names(tagged) == {"PER", "LOC"}
    assert task_kind("token-classification").label_list({"PER", "LOC"}) == [
        "O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
    assert task_kind("text-classification").label_list({"b", "a"}) == ["a", "b"]


def test_calibration_outputs_keep_only_scored_tokens():
    logits = np.zeros((1, 3, 3))
    ids = np.array([[-100, 1, -100]])
    z, gold = get_task("token-classification", LABELS["token-classification"]
                       ).calibration_outputs(logits, ids)
    assert z.shape == (1, 3) and gold.tolist() == [1]
    z, gold = get_task("text-classification", ["a", "b"]).calibration_outputs(
        np.zeros((2, 2)), np.array([0, 1]))
    assert z.shape == (2, 2) and gold.tolist() == [0, 1]


def test_record_counts_are_the_task_s_own():
    records = [{"gold": "a", "predicted": "a"}, {"gold": "b", "predicted": "a"}]
    task = get_task("text-classification", ["a", "b"])
    by_task = significance.records_counts(records, ["a", "b"], task, "accuracy")
    direct = significance.single_label_record_counts(records, ["a", "b"], "accuracy")
    assert significance.score(by_task) == significance.score(direct) == 0.5
    sets = [{"gold": ["a"], "predicted": ["a", "b"]}]
    multi = get_task("text-classification", ["a", "b"], multi_label=True)
    assert significance.score(multi.record_counts(sets, "micro_f1")) == pytest.approx(2 / 3)
    tagged = [{"gold": ["B-PER", "O"], "predicted": ["B-PER", "O"]}]
    ner = get_task("token-classification", LABELS["token-classification"])
    assert significance.score(ner.record_counts(tagged, "f1")) == 1.0
    assert significance.score(significance.records_counts(tagged, [], ner, "f1")) == 1.0


def test_the_variant_table_of_significance_is_gone():
    """Counts are asked of the task: significance keeps no table of variant names."""
    assert not hasattr(significance, "_BY_VARIANT")
    with pytest.raises(AttributeError):
        significance.records_counts([], ["a"], "single_label", "accuracy")


@pytest.mark.parametrize(("name", "multi_label", "metric"), [
    ("text-classification", False, "accuracy"),
    ("text-classification", True, "subset_accuracy"),
    ("token-classification", False, "f1"),
    ("token-classification", True, "f1"),
])
def test_headline_metric_is_the_score_a_report_leads_with(name, multi_label, metric):
    assert "headline_metric" in KIND_MEMBERS
    assert task_kind(name).headline_metric(multi_label) == metric
    task = get_task(name, LABELS[name], multi_label)
    assert task.headline_metric(task.multi_label) == (
        metric if name == "token-classification" or multi_label else "accuracy")


def test_a_saved_task_name_is_read_as_text_classification_when_unknown():
    assert saved_task_kind("token-classification") is task_kind("token-classification")
    for name in (None, "", "other-task", 3):
        assert saved_task_kind(name) is task_kind("text-classification")
    task = saved_task({"task": "text-classification", "labels": ["a", 1],
                       "multi_label": True})
    assert task.labels == ["a", "1"] and task.multi_label
    tagger = saved_task({"task": "token-classification", "labels": ["O", "B-X", "I-X"]})
    assert tagger.shows_entities and tagger.labels == ["O", "B-X", "I-X"]
    assert saved_task(None).name == "text-classification" and saved_task({}).labels == []


def test_split_report_tunes_the_threshold_on_validation_only():
    frame = pd.DataFrame({"text": ["x", "y"], "labels": [["a"], ["b"]]})
    task = get_task("text-classification", ["a", "b"], multi_label=True)
    logits = np.array([[-1.0, -3.0], [-3.0, -1.0]])  # every probability below 0.5
    task.split_report(frame, logits, np.zeros((2, 2)), "test")
    assert task.threshold == 0.5
    report, _ = task.split_report(frame, logits, np.zeros((2, 2)), "validation")
    assert task.threshold < 0.5 and report["micro_f1"] == 1.0
    single = get_task("text-classification", ["a", "b"])
    report, records = single.split_report(frame, np.array([[2.0, 0.0], [0.0, 2.0]]),
                                          np.array([0, 1]), "test")
    assert "loss" in report and len(records) == 2


def test_naming_a_task_loads_no_scoring_libraries():
    import subprocess
    import sys

    code = ("import sys, core.tasks as t; t.task_kind('token-classification').unit; "
            "print(sorted(m for m in ('sklearn', 'seqeval', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_core_data_reads_a_task_by_what_the_task_names(monkeypatch):
    from core.config import DataConfig
    from core.data.examples import load_examples
    from core.data.samples import SAMPLES_DIR
    from core.tasks import TASK_CLASSES
    from core.tasks.text_classification import TextClassification

    class Other(TextClassification):
        name = "other-task"
        key = "other_task"

    monkeypatch.setitem(TASK_CLASSES, Other.name, Other)
    examples = load_examples(SAMPLES_DIR / "reviews_sentiment.csv", DataConfig(), "other-task")
    assert examples.task == "other-task" and examples.kind is Other and len(examples) > 0
    with pytest.raises(UserError, match="Unknown task 'summarization'"):
        load_examples(SAMPLES_DIR / "reviews_sentiment.csv", DataConfig(), "summarization")


def test_the_config_lists_the_same_tasks():
    from core.config import TASKS

    assert tuple(TASKS) == TASK_NAMES  # core.config sits below core.tasks and keeps a copy
