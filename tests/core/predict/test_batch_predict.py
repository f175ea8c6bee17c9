"""Batch prediction of files: chunked, in input order, safe CSV cells, clear errors."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from support.tiny_runs import install_run

from core.errors import UserError
from core.predict import batch_predict
from core.predict.inference import Predictor


@pytest.fixture
def predictor(tiny_model_dir, tmp_path_factory):
    return Predictor(install_run("classification", tiny_model_dir, tmp_path_factory))


def test_ten_thousand_rows_in_input_order(predictor, tmp_path):
    source = tmp_path / "big.csv"
    words = ["great", "awful", "boring", "lovely", "poor"]
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "review"])
        for i in range(10_000):
            # lengths vary so that batches sorted by length differ from the input order
            writer.writerow([i, f"{i} " + " ".join(words[: 1 + i % 5])])
    frame = batch_predict.read_batch_file(source)
    assert batch_predict.guess_text_column(frame) == "review"
    calls = []
    result = batch_predict.predict_file(predictor, frame, "review", tmp_path / "out.csv",
                                        chunk_rows=2000, progress=lambda d, t: calls.append(d))
    assert calls == [0, 2000, 4000, 6000, 8000, 10_000]
    output = pd.read_csv(result.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(output) == 10_000 and result.rows == 10_000
    assert list(output.columns) == ["id", "review", "predicted_label", "confidence"]
    assert output["id"].tolist() == [str(i) for i in range(10_000)]
    assert set(output["predicted_label"]) <= {"positive", "negative"}
    assert len(result.preview) == batch_predict.PREVIEW_ROWS
    # spot-check that each row's answer is the model's answer for that row's text
    sample = [0, 1, 4_321, 9_999]
    expected = predictor.predict([frame["review"][i] for i in sample])
    assert [output["predicted_label"][i] for i in sample] == [e["label"] for e in expected]


def test_formula_cells_are_neutralised_and_empty_texts_left_blank(predictor, tmp_path):
    frame = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "",
                                   "a fine film"], "note": ["=1+1", "", "", "", "", "ok"]})
    result = batch_predict.predict_file(predictor, frame, "text", tmp_path / "out.csv")
    with open(result.path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:2] == ["'=HYPERLINK(\"http://x\")", "'=1+1"]
    assert [r[0] for r in rows[2:5]] == ["'+1", "'-2", "'@SUM(A1)"]
    assert rows[5][2:] == ["", ""]  # an empty text gets no prediction
    assert rows[6][2] in ("positive", "negative")


def test_ner_output_has_readable_and_exact_entities(tiny_model_dir, tmp_path_factory, tmp_path):
    import json

    predictor = Predictor(install_run("ner", tiny_model_dir, tmp_path_factory))
    source = tmp_path / "texts.txt"
    source.write_text("Alice Smith went to Paris .\nBob went to Lima .\n", encoding="utf-8")
    frame = batch_predict.read_batch_file(source)
    result = batch_predict.predict_file(predictor, frame, "text", tmp_path / "out.csv")
    output = pd.read_csv(result.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(output.columns) == ["text", "entities", "entities_json"]
    for text, exact in zip(output["text"], output["entities_json"]):
        for entity in json.loads(exact):
            assert text[entity["start"]:entity["end"]] == entity["text"]


def test_an_input_column_named_like_an_output_column_is_kept(predictor, tmp_path):
    frame = pd.DataFrame({"text": ["good film"], "predicted_label": ["mine"]})
    result = batch_predict.predict_file(predictor, frame, "text", tmp_path / "out.csv")
    assert result.columns == ["text", "predicted_label", "model_predicted_label", "confidence"]


@pytest.mark.parametrize("name,content,message", [
    ("empty.csv", b"", "is empty"),
    ("header.csv", b"text,label\n", "no data rows"),
    ("blank.txt", b"\n\n", "is empty"),
    ("data.pdf", b"%PDF", "not a file type"),
])
def test_unusable_files_are_refused_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        batch_predict.read_batch_file(path)
    assert message in caught.value.message


def test_missing_text_column_names_the_columns(predictor, tmp_path):
    frame = pd.DataFrame({"review": ["good"], "id": ["1"]})
    with pytest.raises(UserError) as caught:
        batch_predict.predict_file(predictor, frame, "text", tmp_path / "out.csv")
    assert "no column named 'text'" in caught.value.message and "'review'" in caught.value.fix
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob(".*partial"))


def test_a_stopped_prediction_leaves_no_file(predictor, tmp_path):
    frame = pd.DataFrame({"text": ["good film"] * 10})

    def stop(done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch_predict.predict_file(predictor, frame, "text", tmp_path / "out" / "out.csv",
                                   chunk_rows=5, progress=stop)
    assert not list((tmp_path / "out").iterdir())


def test_a_model_trained_on_joined_columns_gets_them_joined(predictor, tmp_path):
    """A run trained on title + description reads both in batch prediction, joined as in
    training (title first, a line break, then the description)."""
    frame = pd.DataFrame({"title": ["Loved it", "Broken", ""],
                          "description": ["a lovely warm film", "stopped after a day",
                                          "only this"]})
    result = batch_predict.predict_file(predictor, frame, "title", tmp_path / "out.csv",
                                        join_column="description")
    output = pd.read_csv(result.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    joined = ["Loved it\na lovely warm film", "Broken\nstopped after a day", "only this"]
    expected = predictor.predict(joined)
    assert output["confidence"].tolist() == [str(round(e["score"], 4)) for e in expected]
    assert output["predicted_label"][2] != ""  # an empty title still has its description
    assert output["description"].tolist() == frame["description"].tolist()  # input kept as is


def test_the_added_columns_come_from_the_task():
    from core.tasks import task_kind

    tags = task_kind("token-classification")
    assert batch_predict.output_columns(["text"], tags) == (
        ["text", "entities", "entities_json"], ["entities", "entities_json"])
    assert batch_predict.output_columns(["confidence"], "text-classification") == (
        ["confidence", "predicted_label", "model_confidence"],
        ["predicted_label", "model_confidence"])
