"""load_examples applies the column mapping, cleans labels and records dropped rows."""

from __future__ import annotations

import pytest
from support.fixtures_data import NER_SENTENCES, conll, csv_text, sentiment_rows, write

from core.config import DataConfig
from core.data import Examples, load_examples
from core.errors import UserError

ROWS = sentiment_rows(5)


def _load(path, **data):
    return load_examples(path, DataConfig(train=str(path), **data))


def test_classification_frame(tmp_path):
    examples = _load(write(tmp_path, "r.csv", csv_text(ROWS)))
    assert isinstance(examples, Examples)
    assert examples.task == "text-classification" and examples.source == "r.csv"
    frame = examples.frame
    assert list(frame.columns) == ["text", "labels", "row"]
    assert frame["labels"].iloc[0] == ["pos"] and frame["row"].iloc[0] == 1
    assert frame.attrs["dropped"]["count"] == 0
    assert frame.attrs["columns"]["label"] == "label"


def test_override_columns_and_missing_column_lists_columns(tmp_path):
    rows = [(t, lab, "x") for t, lab in ROWS]
    path = write(tmp_path, "r.csv", csv_text(rows, header=("body", "target", "extra")))
    examples = _load(path, text_column="body", label_column="target")
    assert examples.frame["text"].iloc[0] == ROWS[0][0]
    with pytest.raises(UserError) as caught:
        _load(path, label_column="category")
    message = caught.value.message
    assert "'category'" in message and "body, target, extra" in message and "r.csv" in message


def test_labels_are_stripped_and_numeric_floats_normalised(tmp_path):
    rows = [("a", " 1 "), ("b", "1.0"), ("c", "01"), ("d", "2.50"), ("e", "0.00")]
    frame = _load(write(tmp_path, "n.csv", csv_text(rows))).frame
    assert frame["labels"].tolist() == [["1"], ["1"], ["01"], ["2.50"], ["0"]]


def test_blank_rows_are_dropped_and_recorded(tmp_path):
    rows = [("a", "x"), ("", "y"), ("c", ""), ("d", "nan"), ("e", "z")]
    frame = _load(write(tmp_path, "b.csv", csv_text(rows))).frame
    assert frame["text"].tolist() == ["a", "e"]
    assert frame["row"].tolist() == [1, 5]
    dropped = frame.attrs["dropped"]
    assert dropped["count"] == 3
    assert dropped["by_reason"] == {"empty text": 1, "empty label": 2}
    assert dropped["examples"] == [(2, "empty text"), (3, "empty label"), (4, "empty label")]


def test_multi_label_rows_keep_empty_label_lists(tmp_path):
    rows = [("a", "x|y"), ("b", "y"), ("c", ""), ("d", "x|x|z"), ("e", "z")]
    examples = _load(write(tmp_path, "m.csv", csv_text(rows)), multi_label=True,
                     label_separator="|")
    assert examples.multi_label
    assert examples.frame["labels"].tolist() == [["x", "y"], ["y"], [], ["x", "z"], ["z"]]


def test_multi_label_guessed_from_json_lists(tmp_path):
    rows = [("a", '["x", "y"]'), ("b", '["y"]'), ("c", "[]")]
    examples = _load(write(tmp_path, "j.csv", csv_text(rows)))
    assert examples.multi_label and examples.frame["labels"].tolist() == [["x", "y"], ["y"], []]


def test_text_pair_and_split_columns(tmp_path):
    rows = [(f"q{i}", f"a{i}", "yes" if i % 2 else "no", "TRAIN " if i < 6 else "test")
            for i in range(8)]
    frame = _load(write(tmp_path, "p.csv", csv_text(rows, header=("question", "answer",
                                                                  "label", "split")))).frame
    assert frame["text_pair"].iloc[0] == "a0"
    assert frame["split"].tolist()[:1] == ["train"]


def test_token_classification(tmp_path):
    examples = load_examples(conll(tmp_path, "n.conll", NER_SENTENCES), DataConfig(train="x"))
    assert examples.task == "token-classification" and not examples.multi_label
    assert {"tokens", "tags", "line"} <= set(examples.frame.columns)


def test_same_column_for_text_and_label(tmp_path):
    with pytest.raises(UserError, match="both the text and the label"):
        _load(write(tmp_path, "r.csv", csv_text(ROWS)), text_column="text", label_column="text")
