"""detect_task tells labeled texts from tagged tokens."""

from __future__ import annotations

import json

import pytest
from support.fixtures_data import NER_SENTENCES, conll, csv_text, jsonl, sentiment_rows, write

from core.data import detect_task

TOKEN, TEXT = "token-classification", "text-classification"


@pytest.mark.parametrize("name,content,expected", [
    ("a.csv", csv_text(sentiment_rows(2)), TEXT),
    ("a.tsv", csv_text([("1", "a fine film")], header=("label", "sentence"), sep="\t"), TEXT),
    ("a.txt", "just some text\nanother line\n", TEXT),
    ("a.txt", "John\tB-PER\nruns\tO\n\nMary\tB-PER\n", TOKEN),
    ("a.tsv", "John\tB-PER\nruns\tO\n", TOKEN),
    ("a.iob", "anything\n", TOKEN),
    ("a.jsonl", '{"text": "hi", "label": "pos"}\n', TEXT),
    ("a.jsonl", '{"text": "hi", "label": ["pos", "neg"]}\n', TEXT),
    ("a.jsonl", '{"tokens": ["hi"], "tags": ["O"]}\n', TOKEN),
    ("a.jsonl", '{"text": "hi Bob", "label": [[3, 6, "PER"]]}\n', TOKEN),
    ("a.json", json.dumps([{"data": {"text": "x"}, "annotations": []}]), TOKEN),
    ("a.json", json.dumps({"data": [{"tokens": ["x"], "tags": ["O"]}]}), TOKEN),
    ("a.json", json.dumps([{"text": "x", "label": "y"}]), TEXT),
    ("a.jsonl", "", TEXT),
])
def test_detect(tmp_path, name, content, expected):
    assert detect_task(write(tmp_path, name, content)) == expected


def test_detect_real_shaped_files(tmp_path):
    assert detect_task(conll(tmp_path, "weibo.txt", NER_SENTENCES)) == TOKEN
    assert detect_task(jsonl(tmp_path, "d.jsonl", [{"text": "a", "entities": [
        {"start_offset": 0, "end_offset": 1, "label": "X"}]}])) == TOKEN
