"""Error analysis and threshold rescoring from a run's saved per-example predictions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from support.tiny_runs import install_run

from core.errors import UserError
from core.evaluate import error_analysis as ea
from core.scoring import thresholds
from core.workspace import runs

SINGLE = [
    {"text": "sure and wrong", "gold": "a", "predicted": "b", "confidence": 0.95},
    {"text": "unsure and wrong", "gold": "b", "predicted": "a", "confidence": 0.55},
    {"text": "=HYPERLINK(\"http://evil\")", "gold": "a", "predicted": "b", "confidence": 0.7},
    {"text": "sure and right", "gold": "a", "predicted": "a", "confidence": 0.99},
    {"text": "unsure and right", "gold": "b", "predicted": "b", "confidence": 0.51},
]


def test_mistakes_most_confident_first_and_least_confident_correct():
    wrong = ea.mistakes(SINGLE)
    assert wrong["text"].tolist() == ["sure and wrong", "=HYPERLINK(\"http://evil\")",
                                      "unsure and wrong"]
    assert list(wrong.columns) == ["text", "correct label", "model's answer", "confidence"]
    unsure = ea.least_confident_correct(SINGLE, limit=1)
    assert unsure["text"].tolist() == ["unsure and right"]


def test_multi_label_confidence_is_the_least_certain_decision():
    record = {"text": "x", "gold": ["a"], "predicted": ["a", "b"],
              "scores": {"a": 0.9, "b": 0.6, "c": 0.2}}
    assert ea.decision_confidence(record) == pytest.approx(0.6)
    assert not ea.is_correct(record)
    assert ea.is_correct({"gold": ["b", "a"], "predicted": ["a", "b"]})
    table = ea.classification_table([record])
    assert table["correct label"][0] == "a" and table["model's answer"][0] == "a | b"


def test_relabel_csv_neutralises_formula_cells():
    data = ea.relabel_csv(ea.mistakes(SINGLE + [
        {"text": "+1", "gold": "a", "predicted": "b", "confidence": 0.1},
        {"text": "-1", "gold": "@a", "predicted": "b", "confidence": 0.1}]))
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8 correctly
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["text", "correct label", "model's answer", "confidence",
                       "corrected_label"]
    cells = [c for row in rows[1:] for c in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'+1" in cells and "'-1" in cells
    assert "'@a" in cells
    assert not any(c[:1] in ("=", "+", "-", "@") for c in cells)


def test_tag_spans_follow_bio():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "B-LOC", "I-PER"]
    assert ea.tag_spans(tags) == [("PER", 0, 2), ("LOC", 3, 5), ("LOC", 5, 6), ("LOC", 6, 7),
                                  ("PER", 7, 8)]
    assert ea.entity_strings(["Alice", "Smith", "went"], ["B-PER", "I-PER", "O"]) == \
        ["Alice Smith (PER)"]


def test_ner_sentences_and_mistakes():
    records = [
        {"tokens": ["Alice", "went", "to", "Paris"], "gold": ["B-PER", "O", "O", "B-LOC"],
         "predicted": ["B-PER", "O", "O", "B-LOC"]},
        {"tokens": ["Bob", "Smith", "in", "Lima"], "gold": ["B-PER", "I-PER", "O", "B-LOC"],
         "predicted": ["B-PER", "O", "O", "B-PER"]},
    ]
    all_sentences = ea.ner_sentences(records)
    assert [s["mistake"] for s in all_sentences] == [False, True]
    only = ea.ner_sentences(records, only_mistakes=True)
    assert [s["number"] for s in only] == [2]
    assert only[0]["missed"] == [("PER", 0, 2), ("LOC", 3, 4)]
    table = ea.ner_mistakes(records)
    assert table.to_dict("records") == [{
        "sentence": "Bob Smith in Lima", "correct entities": "Bob Smith (PER); Lima (LOC)",
        "model's entities": "Bob (PER); Lima (PER)",
        "missed or wrong": "Bob Smith (PER); Lima (LOC)", "extra": "Bob (PER); Lima (PER)"}]


def test_report_split_and_damaged_lines(tmp_path):
    assert ea.report_split({"test": {"n": 3}, "validation": {"n": 2}}) == "test"
    assert ea.report_split({"validation": {"n": 2}}) == "validation"
    assert ea.report_split({}) is None and ea.report_split(None) is None
    (tmp_path / "test_predictions.jsonl").write_text(
        json.dumps(SINGLE[0]) + "\n{broken\n[1]\n" + json.dumps(SINGLE[1]) + "\n")
    assert ea.load_records(tmp_path, "test") == SINGLE[:2]
    assert ea.load_records(tmp_path, "validation") == []
    assert ea.load_records(tmp_path, "../secrets") == []


def test_threshold_rescoring_matches_the_saved_report(tiny_model_dir, tmp_path_factory):
    run_dir = install_run("multi_label", tiny_model_dir, tmp_path_factory)
    evaluation = runs.read_eval(run_dir)
    records = ea.load_records(run_dir, "test")
    again = thresholds.scores_at_threshold(records, evaluation["labels"],
                                           evaluation["threshold"])
    for key in ("micro_f1", "macro_f1", "subset_accuracy", "correct", "n"):
        assert again[key] == pytest.approx(evaluation["test"][key]), key
    everything = thresholds.scores_at_threshold(records, evaluation["labels"], 0.05)
    nothing = thresholds.scores_at_threshold(records, evaluation["labels"], 0.99)
    assert everything["per_class"] != nothing["per_class"]


def test_threshold_rescoring_refuses_what_it_cannot_score():
    with pytest.raises(UserError):
        thresholds.scores_at_threshold([{"gold": ["a"], "scores": {"a": 0.9}}], ["a"], 0.01)
    with pytest.raises(UserError):
        thresholds.scores_at_threshold([{"text": "x", "gold": "a"}], ["a"], 0.5)
    report = thresholds.scores_at_threshold(
        [{"gold": ["a"], "scores": {"a": 0.9, "b": 0.4}}, {"gold": ["b"], "scores": {"b": 0.6}}],
        ["a", "b"], 0.5)
    assert report["subset_accuracy"] == 1.0
    assert thresholds.scores_at_threshold(
        [{"gold": ["a"], "scores": {"a": 0.9, "b": 0.4}}], ["a", "b"], 0.3)["correct"] == 0
