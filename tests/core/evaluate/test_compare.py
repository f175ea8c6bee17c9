"""Two runs on the same inputs: answers as strings, agreement, who is right."""

from __future__ import annotations

import pytest
from support.tiny_runs import install_run

from core.errors import UserError
from core.evaluate import compare, error_analysis
from core.predict.inference import Predictor
from core.workspace import runs


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


# ----- whether two runs' scores can be compared at all -------------------------------------

def _run_folder(root, name, labels=("negative", "positive"), train="/d/reviews.csv",
                train_hash="h1", test_texts=("good", "bad"), seed=42, **data):
    """A run folder as training leaves it: config.json, eval.json and test predictions."""
    folder = root / name
    folder.mkdir()
    runs.write_json_atomic(folder / "config.json", {
        "config": {"task": "text-classification", "data": {"train": train, **data},
                   "training": {"seed": seed}},
        "labels": list(labels), "data_hash": {"train": train_hash, "validation": None,
                                              "test": data.get("test_hash")}})
    if test_texts is not None:
        runs.write_json_atomic(folder / "eval.json", {"test": {"n": len(test_texts)},
                                                      "labels": list(labels)})
        lines = [f'{{"text": "{t}", "gold": "positive", "predicted": "positive"}}\n'
                 for t in test_texts]
        (folder / "test_predictions.jsonl").write_text("".join(lines), encoding="utf-8")
    return compare.trained_on(folder, name)


def test_runs_on_the_same_data_and_labels_are_comparable(tmp_path):
    a = _run_folder(tmp_path, "run a")
    b = _run_folder(tmp_path, "run b", train="/uploads/copy-of-reviews.csv")  # same hash
    assert compare.comparability_reasons(a, b) == []
    assert compare.not_comparable_sentence(a, b) is None


def test_different_label_sets_are_not_comparable(tmp_path):
    a = _run_folder(tmp_path, "run a", labels=("negative", "positive"))
    b = _run_folder(tmp_path, "run b", labels=("negative", "neutral", "positive"))
    assert compare.not_comparable_sentence(a, b) == (
        "The scores of run a and run b are not comparable: they learned different labels "
        "(only run b has neutral). A higher score may come from easier data rather than a "
        "better model.")


def test_different_training_files_and_versions_are_not_comparable(tmp_path):
    a = _run_folder(tmp_path, "run a")
    b = _run_folder(tmp_path, "run b", train="/d/news.csv", train_hash="h2",
                    test_texts=("other",))
    assert compare.comparability_reasons(a, b) == [
        "they learned from different files (reviews.csv and news.csv)"]
    c = _run_folder(tmp_path, "run c", train_hash="h3")
    assert compare.comparability_reasons(a, c) == [
        "they learned from different versions of reviews.csv"]


def test_different_test_texts_are_not_comparable(tmp_path):
    a = _run_folder(tmp_path, "run a")
    b = _run_folder(tmp_path, "run b", test_texts=("good", "fine"))
    assert compare.comparability_reasons(a, b) == ["they were scored on different test texts"]


def test_held_out_settings_and_columns_without_saved_predictions(tmp_path):
    a = _run_folder(tmp_path, "run a", test_texts=None, test_fraction=0.1, label_column="y")
    b = _run_folder(tmp_path, "run b", test_texts=None, test_fraction=0.2, seed=7,
                    label_column="stars")
    sentence = compare.not_comparable_sentence(a, b)
    assert sentence == (
        "The scores of run a and run b are not comparable: they read their files differently "
        "(label column y and stars); and their test texts were held out differently (test share "
        "0.1 and 0.2; seed 42 and 7). A higher score may come from easier data rather than a "
        "better model.")
    c = _run_folder(tmp_path, "run c", test_texts=None, test="/d/t1.csv", test_hash="t1")
    d = _run_folder(tmp_path, "run d", test_texts=None, test="/d/t2.csv", test_hash="t2")
    assert compare.comparability_reasons(c, d) == [
        "they were tested on different test files (t1.csv and t2.csv)"]


def test_listing_many_labels_stays_short():
    assert compare._listed(["a"]) == "a"
    assert compare._listed(["a", "b"]) == "a and b"
    assert compare._listed(list("abcde")) == "a, b, c, d and e"
    assert compare._listed(list("abcdefg")) == "a, b, c, d and 3 more"


def test_a_run_saved_by_another_version_is_compared_on_what_this_version_reads(tmp_path):
    a = _run_folder(tmp_path, "run a")
    folder = tmp_path / "run b"
    folder.mkdir()
    runs.write_json_atomic(folder / "config.json", {
        "config": {"task": "text-classification", "data": {"train": "/d/other.csv"},
                   "training": {"seed": 42}},
        "labels": ["negative", "positive"], "data_hash": {"train": "h2"}, "from_later": 1})
    b = compare.trained_on(folder, "run b")
    assert b.labels == ["negative", "positive"] and b.data == {"train": "/d/other.csv"}
    assert b.hashes == {"train": "h2"} and b.seed == 42
    assert compare.comparability_reasons(a, b)  # another training file


def test_a_missing_or_damaged_config_is_an_empty_record(tmp_path):
    from core.predict.record import saved_record
    from core.workspace.folder import RunRecord

    assert saved_record(tmp_path) == RunRecord()
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    assert saved_record(tmp_path) == RunRecord()
    runs.write_json_atomic(tmp_path / "config.json", {"labels": "not a list", "later": 1})
    assert saved_record(tmp_path) == RunRecord()
