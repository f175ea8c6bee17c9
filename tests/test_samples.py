import csv
from collections import Counter

import pytest

from core import data
from core.config import DataConfig
from core.errors import UserError
from core.samples import get_sample, list_samples


def test_samples_exist_with_a_task_each():
    samples = list_samples()
    assert {s.task for s in samples} == {"text-classification", "token-classification"}
    for sample in samples:
        assert sample.path.is_file() and sample.title and sample.description
        assert get_sample(sample.key) == sample
    with pytest.raises(UserError):
        get_sample("nope")


def test_sentiment_sample_is_balanced_and_varied():
    sample = get_sample("reviews")
    with open(sample.path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert 150 <= len(rows) <= 300
    assert Counter(r["label"] for r in rows) == {"positive": 100, "negative": 100}
    assert len({r["text"] for r in rows}) == len(rows)  # no duplicates


def test_entity_sample_is_valid_bio():
    sample = get_sample("news-entities")
    sentences, current = [], []
    for line in sample.path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            sentences.append(current)
            current = []
            continue
        word, tag = line.split(" ")
        current.append((word, tag))
    assert 80 <= len(sentences) <= 150
    for sentence in sentences:
        previous = "O"
        for _, tag in sentence:
            assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in ("PER", "ORG", "LOC")
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], sentence  # I- continues the same entity
            previous = tag


@pytest.mark.parametrize("key", ["reviews", "news-entities"])
def test_samples_load_through_core_data(key):
    sample = get_sample(key)
    assert data.detect_task(sample.path) == sample.task
    examples = data.load_examples(sample.path, DataConfig(train=str(sample.path)), sample.task)
    assert len(examples.frame) >= 100
