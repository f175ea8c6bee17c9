"""infer_columns proposes text, label, pair and split columns, with reasons."""

from __future__ import annotations

import pandas as pd

from core.data import ColumnGuess, infer_columns
from core.data.columns import detect_multi_label, split_labels

TEXTS = [f"This is review number {i} with some words" for i in range(40)]


def test_named_columns_win():
    frame = pd.DataFrame({"id": [str(i) for i in range(40)], "review": TEXTS,
                          "sentiment": ["pos", "neg"] * 20})
    guess = infer_columns(frame)
    assert isinstance(guess, ColumnGuess)
    assert (guess.text, guess.label, guess.text_pair, guess.split) == ("review", "sentiment",
                                                                        None, None)
    assert not guess.multi_label
    assert len(guess.reasons) == 2 and all(r.endswith(".") for r in guess.reasons)


def test_content_guess_without_names():
    frame = pd.DataFrame({"column_1": TEXTS, "column_2": ["a", "b", "c", "d"] * 10,
                          "column_3": [f"id{i:05d}" for i in range(40)]})
    guess = infer_columns(frame)
    assert (guess.text, guess.label) == ("column_1", "column_2")


def test_pair_and_split_columns():
    frame = pd.DataFrame({"premise": TEXTS, "hypothesis": [t + " again" for t in TEXTS],
                          "gold_label": ["entailment", "neutral"] * 20,
                          "part": ["train"] * 30 + ["dev"] * 5 + ["test"] * 5})
    guess = infer_columns(frame)
    assert (guess.text, guess.text_pair, guess.label, guess.split) == (
        "premise", "hypothesis", "gold_label", "part")


def test_multi_label_by_separator():
    labels = ["joy", "anger", "joy|surprise", "fear", "joy|anger", "surprise"] * 5
    frame = pd.DataFrame({"text": TEXTS[:30], "labels": labels})
    guess = infer_columns(frame)
    assert guess.multi_label and guess.label_separator == "|"


def test_goemotions_like_ids_with_commas():
    labels = ["27", "2", "2,6", "27", "14", "6", "3,27", "0"] * 5
    multi, separator, _ = detect_multi_label(pd.Series(labels))
    assert multi and separator == ","


def test_json_list_labels():
    multi, separator, why = detect_multi_label(pd.Series(['["a", "b"]', '["c"]', "[]"] * 3))
    assert multi and separator is None and "lists" in str(why)


def test_single_labels_with_commas_in_prose_are_not_multi_label():
    labels = ["Books, Music and more", "Sports", "Home, Garden and tools", "Toys"] * 10
    assert detect_multi_label(pd.Series(labels))[0] is False


def test_split_labels():
    assert split_labels(" a | b |a| ", "|") == ["a", "b"]
    assert split_labels('["x", "y"]', ",") == ["x", "y"]
    assert split_labels("", "|") == []


def test_single_column_has_no_label():
    guess = infer_columns(pd.DataFrame({"text": TEXTS}))
    assert guess.text == "text" and guess.label is None
