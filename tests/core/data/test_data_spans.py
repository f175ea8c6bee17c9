"""Span exports (doccano, Label Studio) become words with BIO tags and character offsets."""

from __future__ import annotations

import json

import pytest
from support.fixtures_data import jsonl, write

from core.data import read_tagged
from core.data.spans import tokenize
from core.errors import UserError


def test_tokenize_words_punctuation_and_cjk():
    tokens, offsets = tokenize("Hi, John's 北京 café!")
    assert tokens == ["Hi", ",", "John", "'", "s", "北", "京", "café", "!"]
    assert offsets[5] == (11, 12) and offsets[7] == (14, 18)


def test_doccano_label_lists(tmp_path):
    path = jsonl(tmp_path, "d.jsonl", [
        {"text": "John Smith lives in New York.", "label": [[0, 10, "PER"], [20, 28, "LOC"]]},
        {"text": "Nothing here", "label": []}])
    frame = read_tagged(path)
    assert frame["tokens"].iloc[0] == ["John", "Smith", "lives", "in", "New", "York", "."]
    assert frame["tags"].iloc[0] == ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "O"]
    assert frame["offsets"].iloc[0][4] == (20, 23)
    assert frame["text"].iloc[1] == "Nothing here" and frame["tags"].iloc[1] == ["O", "O"]


def test_doccano_entities_and_spans_variants(tmp_path):
    path = jsonl(tmp_path, "d.jsonl", [
        {"text": "Ask Peter", "entities": [{"start_offset": 4, "end_offset": 9, "label": "PER"}]},
        {"text": "Ask Anna", "spans": [{"start": 4, "end": 8, "label": "PER"}]}])
    assert read_tagged(path)["tags"].tolist() == [["O", "B-PER"], ["O", "B-PER"]]


def test_cjk_text_is_tagged_per_character(tmp_path):
    path = jsonl(tmp_path, "c.jsonl",
                 [{"text": "张三去了上海", "label": [[0, 2, "PER"], [4, 6, "LOC"]]}])
    frame = read_tagged(path)
    assert frame["tokens"].iloc[0] == list("张三去了上海")
    assert frame["tags"].iloc[0] == ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]


def test_span_inside_a_word_tags_the_word_and_is_counted(tmp_path):
    frame = read_tagged(jsonl(tmp_path, "m.jsonl", [{"text": "in NewYork now",
                                                      "label": [[3, 6, "LOC"]]}]))
    assert frame["tags"].iloc[0] == ["O", "B-LOC", "O"]
    assert frame.attrs["spans"]["misaligned"] == 1
    assert "cuts a word" in frame.attrs["spans"]["examples"][0]


def test_label_studio_export(tmp_path):
    tasks = [
        {"id": 1, "data": {"text": "John lives in Paris"}, "annotations": [{"result": [
            {"type": "labels", "value": {"start": 0, "end": 4, "labels": ["PER"]}},
            {"type": "labels", "value": {"start": 14, "end": 19, "labels": ["LOC"]}},
            {"type": "choices", "value": {"choices": ["ok"]}}]}]},
        {"id": 2, "data": {"text": "Skipped"}, "annotations": [{"was_cancelled": True,
                                                                 "result": []}]},
        {"id": 3, "data": {"text": "No entity"}, "annotations": [{"result": []}]},
    ]
    frame = read_tagged(write(tmp_path, "ls.json", json.dumps(tasks)))
    assert frame["tags"].tolist() == [["B-PER", "O", "O", "B-LOC"], ["O", "O"]]
    assert frame["line"].tolist() == [1, 3]
    assert frame.attrs["spans"]["unannotated"] == 1


@pytest.mark.parametrize("label,phrase", [
    ([[0, 40, "PER"]], "out of range"), ([[5, 2, "PER"]], "reversed"),
    ([[2, 2, "PER"]], "reversed or empty"), ([[0, 5, "PER"], [3, 8, "LOC"]], "overlapping"),
    ([[0, 4, ""]], "without an entity type"), ([["a", 4, "PER"]], "non-numeric"),
])
def test_bad_spans_name_the_record_and_span(tmp_path, label, phrase):
    path = jsonl(tmp_path, "bad.jsonl", [{"text": "ok", "label": []},
                                         {"text": "John and Mary", "label": label}])
    with pytest.raises(UserError) as caught:
        read_tagged(path)
    assert phrase in caught.value.message and "bad.jsonl line 2" in caught.value.message


def test_label_studio_without_any_annotation(tmp_path):
    tasks = [{"data": {"text": "a"}, "annotations": []}, {"data": {"text": "b"}}]
    with pytest.raises(UserError, match="none of its 2 tasks"):
        read_tagged(write(tmp_path, "ls.json", json.dumps(tasks)))
