"""Two runs on the same inputs: answers as strings, agreement, who is right."""

from __future__ import annotations

import pytest
from tiny_runs import install_run

from core import compare, error_analysis, runs
from core.errors import UserError
from core.inference import Predictor


def test_answer_text_for_labels_and_entities():
    assert compare.answer_text({"labels": ["b", "a"], "label": "b"}) == "a | b"
    assert compare.answer_text({"labels": []}) == ""
    entities = [{"type": "PER", "start": 0, "end": 5, "text": "Alice", "score": 0.9},
                {"type": "LOC", "start": 15, "end": 20, "text": "Paris", "score": 0.8}]
    assert compare.answer_text({"entities": entities}) == "Alice (PER); Paris (LOC)"
    assert compare.answer_text(labels="a") == "a"


def test_pasted_inputs():
    inputs = compare.pasted_inputs("one\n\n  two  \n")
    assert inputs.texts == ["one", "two"] and inputs.gold is None
    assert compare.pasted_inputs("a\nb\nc", limit=2).truncated
    with pytest.raises(UserError):
        compare.pasted_inputs(" \n ")


def test_split_inputs_for_classification_and_ner():
    records = [{"text": "t1", "gold": "a", "predicted": "b", "confidence": 0.6},
               {"text": "t2", "gold": ["a", "b"], "predicted": ["a"], "scores": {}}]
    inputs = compare.split_inputs(records, "test", "run x")
    assert inputs.texts == ["t1", "t2"] and inputs.gold == ["a", "a | b"]
    assert inputs.source == "the test set of run x (2 texts)"
    ner = [{"tokens": ["Alice", "Smith", "left"], "gold": ["B-PER", "I-PER", "O"],
            "predicted": ["O", "O", "O"]}]
    inputs = compare.split_inputs(ner, "validation", "run y")
    assert inputs.texts == ["Alice Smith left"] and inputs.gold == ["Alice Smith (PER)"]
    with pytest.raises(UserError):
        compare.split_inputs([], "test", "run z")


def test_compare_answers_counts_agreement_and_correct():
    a = [{"labels": ["x"]}, {"labels": ["y"]}, {"labels": ["x"]}]
    b = [{"labels": ["x"]}, {"labels": ["x"]}, {"labels": ["y"]}]
    result = compare.compare_answers(["t1", "t2", "t3"], a, b, ("run", "run"),
                                     gold=["x", "x", "x"])
    assert (result.agree, result.total, result.correct_a, result.correct_b) == (1, 3, 2, 2)
    assert list(result.disagreements.columns) == ["text", "correct answer", "run (A)", "run (B)"]
    assert result.disagreements["text"].tolist() == ["t2", "t3"]
    assert compare.compare_answers(["t"], a[:1], b[:1], ("a", "b")).correct_a is None


def test_check_same_task():
    compare.check_same_task("text-classification", "text-classification")
    with pytest.raises(UserError):
        compare.check_same_task("text-classification", "token-classification")


@pytest.mark.parametrize("kind", ["classification", "ner"])
def test_a_run_against_itself_on_its_test_set_matches_its_report(kind, tiny_model_dir,
                                                                 tmp_path_factory):
    run_dir = install_run(kind, tiny_model_dir, tmp_path_factory)
    split, records = error_analysis.split_inputs(run_dir)
    inputs = compare.split_inputs(records, split, run_dir.name)
    predictor = Predictor(run_dir)
    answers = predictor.predict(inputs.texts)
    result = compare.compare_answers(inputs.texts, answers, answers, ("a", "b"), inputs.gold)
    assert result.agree == result.total == len(records)
    # the app's answers on the test texts score what training reported
    assert result.correct_a == runs.read_eval(run_dir)["test"]["correct"]
