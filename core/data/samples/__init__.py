"""Small built-in datasets, written for this project, so a first try needs no file of one's own.

`reviews_sentiment.csv`: 740 short English reviews of products, restaurants, hotels, films, apps
and services, labelled positive or negative (370 each), with a `split` column (462 train,
72 validation, 206 test, each half positive). The sentiment words are spread over both labels
(negation, contrast, sarcasm, expectations turned around, rare wording, outcomes told without
sentiment words), so counting words is not enough and a fine-tuned model has something to show.

`news_entities.conll`: 120 English news-style sentences tagged with people (PER), organisations
(ORG) and places (LOC) in BIO format, one "word TAG" per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import UserError

SAMPLES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sample:
    key: str
    title: str
    description: str
    path: Path
    task: str


_SAMPLES = (
    Sample("reviews", "Reviews (sentiment)",
           "740 short English reviews (products, restaurants, hotels, films, apps, services), "
           "each labelled positive or negative, already split 462 / 72 / 206 for training, "
           "validation and test. Many say the opposite of their words (negation, contrast, "
           "sarcasm), so a word-counting baseline struggles.",
           SAMPLES_DIR / "reviews_sentiment.csv", "text-classification"),
    Sample("news-entities", "News sentences (names, organisations, places)",
           "120 English sentences with people, organisations and places marked word by word.",
           SAMPLES_DIR / "news_entities.conll", "token-classification"),
)


def list_samples() -> list[Sample]:
    """The built-in datasets, sentiment first."""
    return list(_SAMPLES)


def get_sample(key: str) -> Sample:
    for sample in _SAMPLES:
        if sample.key == key:
            return sample
    raise UserError(f"There is no built-in sample called {key!r}.",
                    f"Pick one of: {', '.join(s.key for s in _SAMPLES)}.")
