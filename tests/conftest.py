"""Shared fixtures: an isolated workspace and a tiny randomly initialised BERT in a local folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

POSITIVE = ["great", "lovely", "excellent", "wonderful", "good", "fantastic", "enjoyable"]
NEGATIVE = ["terrible", "awful", "bad", "boring", "horrible", "dreadful", "poor"]
NOUNS = ["film", "movie", "story", "plot", "acting", "ending", "soundtrack", "cast"]


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "workspace"
    monkeypatch.setenv("FINETUNE_STUDIO_WORKSPACE", str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT with random weights and the default model's tokenizer (seconds on CPU)."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    from core.models.loading import default_model_path

    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=128)
    BertModel(config).save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return folder


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
    import csv

    path = folder / "sentiment.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(sentiment_rows(80))
    return path


@pytest.fixture
def sentiment_csv(tmp_path: Path) -> Path:
    return write_sentiment_csv(tmp_path)


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


@pytest.fixture
def ner_conll(tmp_path: Path) -> Path:
    return write_ner_conll(tmp_path)


SHARED_DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def shared_dataset(*parts: str) -> Path:
    path = SHARED_DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-data test: {path} is absent (only present beside the team checkout)")
    return path
