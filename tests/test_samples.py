import csv
import re
from collections import Counter

import pytest

from core import data
from core.config import DataConfig, RunConfig
from core.data.samples import get_sample, list_samples
from core.errors import UserError
from core.evaluate.baseline import run_baselines


def test_samples_exist_with_a_task_each():
    samples = list_samples()
    assert {s.task for s in samples} == {"text-classification", "token-classification"}
    for sample in samples:
        assert sample.path.is_file() and sample.title and sample.description
        assert get_sample(sample.key) == sample
    with pytest.raises(UserError):
        get_sample("nope")


def _sentiment_rows():
    with open(get_sample("reviews").path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sentiment_sample_is_balanced_and_varied():
    sample = get_sample("reviews")
    rows = _sentiment_rows()
    assert sample.path.stat().st_size < 150_000
    assert 700 <= len(rows) <= 1000
    assert Counter(r["label"] for r in rows) == {"positive": 370, "negative": 370}
    by_split = Counter((r["split"], r["label"]) for r in rows)
    assert {part for part, _ in by_split} == {"train", "validation", "test"}
    for part in ("train", "validation", "test"):
        assert by_split[part, "positive"] == by_split[part, "negative"]
    # Fewer than 500 training texts keeps the Quick preset at batch 16 and about a minute
    # on two cores; 200+ test texts make a comparison with the baseline mean something.
    assert by_split["train", "positive"] * 2 < 500
    assert by_split["test", "positive"] * 2 >= 200
    assert len({r["text"] for r in rows}) == len(rows)  # no duplicates
    # nor near duplicates: the same words up to case and punctuation
    assert len({" ".join(re.sub(r"[^a-z ]", " ", r["text"].lower()).split())
                for r in rows}) == len(rows)
    words = [(set(re.findall(r"[a-z']+", r["text"].lower())), r["label"]) for r in rows]
    for i, (first, label) in enumerate(words):
        for second, other in words[i + 1:]:
            if label == other:  # pairs of opposite labels that differ in a word are wanted
                assert len(first & second) / len(first | second) < 0.7, rows[i]["text"]


def test_sentiment_words_are_spread_over_both_labels():
    """Common sentiment words appear about as often in positive as in negative reviews
    (negation, contrast, sarcasm), so a model cannot get far by counting them."""
    rows = _sentiment_rows()

    def count(words):
        pattern = re.compile(r"\b(" + "|".join(words) + r")\b")
        found = Counter(r["label"] for r in rows if pattern.search(r["text"].lower()))
        return found["positive"], found["negative"]

    praise = ["great", "good", "excellent", "amazing", "wonderful", "perfect", "brilliant"]
    blame = ["terrible", "bad", "awful", "disappointing", "poor", "horrible"]
    for words in (praise, blame, ["not", "never", "but"]):
        positive, negative = count(words)
        assert positive >= 20 and negative >= 20, words
        assert 0.6 <= positive / negative <= 1.6, (words, positive, negative)
    for word in praise + blame:
        assert min(count([word])) >= 2, word  # each one in both labels


def test_bag_of_words_baseline_stays_low_on_the_sample_test_split():
    """The TF-IDF + logistic regression baseline that every report shows stays near chance on
    the sample's own test split (a Quick fine-tuning run reaches about 0.80 there), and the health
    report finds no duplicates or overlap between the splits."""
    sample = get_sample("reviews")
    config = RunConfig(task=sample.task, data=DataConfig(train=str(sample.path)))
    splits = data.make_splits(config)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (462, 72, 206)
    scores = run_baselines(splits)
    assert scores["split"] == "test"
    assert scores["tfidf_logreg"]["accuracy"] <= 0.65
    report = data.build_health_report(splits)
    codes = {f.code for f in report.findings}
    assert not codes & {"duplicates", "mostly_duplicates", "split_overlap", "conflicting_labels"}
    assert not report.has_errors


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
