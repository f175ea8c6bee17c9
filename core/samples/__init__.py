"""Small built-in datasets, written for this project, so a first try needs no file of one's own.

`reviews_sentiment.csv`: 200 short English product, place and film reviews labelled positive or
negative (100 each). `news_entities.conll`: 120 English news-style sentences tagged with people
(PER), organisations (ORG) and places (LOC) in BIO format, one "word TAG" per line.
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
    Sample("reviews", "Product reviews (sentiment)",
           "200 short English reviews, each labelled positive or negative.",
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
