"""Small generated data sets the tests write (reviews, NER sentences, multi-label rows), and
the real data sets beside the team checkout (../shared/datasets, skipped when absent)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

POSITIVE = ["great", "lovely", "excellent", "wonderful", "good", "fantastic", "enjoyable"]
NEGATIVE = ["terrible", "awful", "bad", "boring", "horrible", "dreadful", "poor"]
NOUNS = ["film", "movie", "story", "plot", "acting", "ending", "soundtrack", "cast"]


def sentiment_rows(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = "positive" if i % 2 == 0 else "negative"
        word = rng.choice(POSITIVE if label == "positive" else NEGATIVE)
        rows.append((f"the {rng.choice(NOUNS)} was {word} and {rng.choice(NOUNS)} too", label))
    return rows


def write_sentiment_csv(folder: Path) -> Path:
    """80 short reviews, half positive, half negative."""
    path = folder / "sentiment.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(sentiment_rows(80))
    return path


def write_ner_conll(folder: Path) -> Path:
    """60 sentences "Alice Smith went to Paris ." with PER and LOC tags."""
    rng = random.Random(1)
    people, places = ["Alice", "Bob", "Carol", "Dave"], ["Paris", "Berlin", "Tokyo", "Lima"]
    lines = []
    for _ in range(60):
        person, place = rng.choice(people), rng.choice(places)
        sentence = [(person, "B-PER"), ("Smith", "I-PER"), ("went", "O"), ("to", "O"),
                    (place, "B-LOC"), (".", "O")]
        lines += [f"{token}\t{tag}" for token, tag in sentence] + [""]
    path = folder / "ner.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_multi_label_csv(folder: Path) -> Path:
    """60 reviews labelled food, service or both (labels separated by |)."""
    rows = ["text,labels"]
    for i in range(60):
        tags = ["food"] if i % 3 == 0 else ["service"] if i % 3 == 1 else ["food", "service"]
        rows.append(f"review number {i} about {' and '.join(tags)},{'|'.join(tags)}")
    path = folder / "multi.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


SHARED_DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"


def shared_dataset(*parts: str) -> Path:
    path = SHARED_DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-data test: {path} is absent (only present beside the team checkout)")
    return path
