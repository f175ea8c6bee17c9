"""`infer_columns`: a proposal of which column is the text, the label, a second text, the split.

Names decide first (a column called "review" is the text), content second: the text is long and
mostly unique, the label short and repetitive. Every guess carries a one-sentence reason so the
UI can show why, and the user can override any of them. The reasons are kept as `Text`
(`reason_texts`) and written in the reader's language when `reasons` is read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pandas as pd

from core.text import Text

_TEXT_NAMES = ("text", "sentence", "sentence1", "review", "utterance", "content", "comment",
               "document", "body", "message", "question", "premise", "query", "tweet", "title",
               "description", "text_a", "sentence_a")
_PAIR_NAMES = ("text_b", "text_pair", "sentence2", "sentence_b", "hypothesis", "answer",
               "question2", "context", "passage", "response", "text2")
_LABEL_NAMES = ("label", "labels", "category", "categories", "intent", "class", "sentiment",
                "target", "emotion", "emotions", "topic", "y", "tag", "tags", "polarity", "gold",
                "gold_label", "rating", "stance")
_SPLIT_NAMES = ("split", "subset", "fold", "set", "partition")


def has_label_name(columns) -> bool:
    """Whether one of the columns is named as labels usually are (label, category, ...)."""
    return any(" ".join(str(c).split()).casefold() in _LABEL_NAMES for c in columns)
SPLIT_VALUES = {"train": "train", "training": "train", "validation": "validation",
                "valid": "validation", "val": "validation", "dev": "validation",
                "development": "validation", "eval": "validation", "test": "test",
                "testing": "test"}
SEPARATORS = ("|", ",", ";")
_SAMPLE = 5000
# Rows x columns profiled at most: a wide table is guessed from fewer rows, in bounded time.
_PROFILE_CELLS = 500_000


@dataclass
class ColumnGuess:
    text: str | None = None
    text_pair: str | None = None
    label: str | None = None
    split: str | None = None
    multi_label: bool = False
    label_separator: str | None = None
    # Another column that holds text (a title beside its description): worth joining.
    also_text: str | None = None
    reason_texts: list[Text] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """Why each column was proposed, one sentence each, in the current language."""
        return [text.render() for text in self.reason_texts]


@dataclass
class _Profile:
    name: str
    mean_length: float
    unique_share: float
    n_unique: int
    filled_share: float


def infer_columns(df: pd.DataFrame) -> ColumnGuess:
    guess = ColumnGuess()
    sample = df.head(max(100, min(_SAMPLE, _PROFILE_CELLS // max(len(df.columns), 1))))
    values = {str(c): [str(v) for v in sample[c].tolist()] for c in sample.columns}
    profiles = {name: _profile(name, column) for name, column in values.items()}
    taken: set[str] = set()

    guess.split = _split_column(values)
    if guess.split:
        taken.add(guess.split)
        guess.reason_texts.append(_reason("split", column=guess.split))
    guess.text, why = _text_column(profiles, taken)
    if guess.text:
        taken.add(guess.text)
        guess.reason_texts.append(why)
    guess.text_pair = _named(profiles, _PAIR_NAMES, taken)
    if guess.text_pair:
        taken.add(guess.text_pair)
        guess.reason_texts.append(_reason("pair", column=guess.text_pair))
    guess.label, why = _label_column(profiles, taken, len(sample))
    if guess.label:
        taken.add(guess.label)
        guess.reason_texts.append(why)
        multi, separator, why = detect_multi_label(sample[guess.label])
        guess.multi_label, guess.label_separator = multi, separator
        if why:
            guess.reason_texts.append(why)
    if guess.text and not guess.text_pair:
        guess.also_text = _second_text(profiles, taken)
        if guess.also_text:
            guess.reason_texts.append(_reason("also_text", column=guess.also_text,
                                              text=guess.text))
    return guess


def _reason(what: str, **params) -> Text:
    return Text(f"reading.reason.{what}", params)


def _profile(name: str, values: list[str]) -> _Profile:
    # Plain Python on lists: pandas' per-call overhead made this seconds for 1,000 columns.
    filled = [v for v in values if v.strip()]
    n = max(len(filled), 1)
    n_unique = len(set(filled))
    mean_length = sum(map(len, filled)) / len(filled) if filled else 0.0
    return _Profile(name, float(mean_length), n_unique / n, n_unique,
                    len(filled) / max(len(values), 1))


def _named(profiles: dict[str, _Profile], names: tuple[str, ...], taken: set[str]) -> str | None:
    lowered = {p.lower().strip(): p for p in profiles if p not in taken}
    for name in names:
        if name in lowered:  # even when empty: a clear name beats a content guess
            return lowered[name]
    return None


def _split_column(columns: dict[str, list[str]]) -> str | None:
    for name, values in columns.items():
        found = {v.strip().lower() for v in set(values)} - {""}
        if len(found) >= 2 and found <= SPLIT_VALUES.keys():
            return name
    return None


def _text_named(profiles: dict[str, _Profile], taken: set[str]) -> list[_Profile]:
    """Columns named like a text that hold some, most text first (title and description:
    the description, which says more)."""
    found = [p for p in profiles.values() if p.name not in taken and p.filled_share > 0
             and p.name.lower().strip() in _TEXT_NAMES]
    return sorted(found, key=lambda p: p.mean_length, reverse=True)


def _text_column(profiles: dict[str, _Profile],
                 taken: set[str]) -> tuple[str | None, Text | None]:
    named = _text_named(profiles, taken)
    if len(named) > 1:
        return named[0].name, _reason("most_text", column=named[0].name,
                                      length=f"{named[0].mean_length:.0f}")
    if named:
        return named[0].name, _reason("text_named", column=named[0].name)
    empty_named = _named(profiles, _TEXT_NAMES, taken)
    if empty_named:  # even when empty: a clear name beats a content guess
        return empty_named, _reason("text_named", column=empty_named)
    candidates = [p for p in profiles.values() if p.name not in taken and p.filled_share > 0]
    if not candidates:
        return None, None
    varied = [p for p in candidates if p.unique_share >= 0.5] or candidates
    best = max(varied, key=lambda p: p.mean_length)
    return best.name, _reason("longest", column=best.name, length=f"{best.mean_length:.0f}")


def _second_text(profiles: dict[str, _Profile], taken: set[str]) -> str | None:
    """A further column named like a text, with mostly different values."""
    varied = [p for p in _text_named(profiles, taken) if p.unique_share >= 0.5]
    return varied[0].name if varied else None


def _label_column(profiles: dict[str, _Profile], taken: set[str],
                  n_rows: int) -> tuple[str | None, Text | None]:
    named = _named(profiles, _LABEL_NAMES, taken)
    if named:
        return named, _reason("label_named", column=named)
    candidates = [p for p in profiles.values()
                  if p.name not in taken and p.filled_share > 0.5 and p.n_unique >= 2]
    # An id column is unique on every row; a label repeats.
    repeating = [p for p in candidates if p.unique_share < 0.5 or p.n_unique <= max(2, n_rows // 5)]
    if not repeating:
        return None, None
    best = min(repeating, key=lambda p: (p.unique_share, p.mean_length))
    return best.name, _reason("few_values", column=best.name, distinct=str(best.n_unique))


def detect_multi_label(values: pd.Series) -> tuple[bool, str | None, Text | None]:
    """(multi_label, separator or None for JSON lists, reason or None)."""
    values = values.astype(str).str.strip()
    values = values[values != ""]
    if values.empty:
        return False, None, None
    if values.str.startswith("[").mean() > 0.9 and _json_lists(values.head(200)):
        return True, None, _reason("json_lists")
    for separator in SEPARATORS:
        with_sep = values[values.str.contains(separator, regex=False)]
        if len(with_sep) < max(2, 0.01 * len(values)):
            continue
        parts = {p.strip() for v in values.head(2000) for p in v.split(separator)} - {""}
        whole = set(values.head(2000))
        short = all(len(p) <= 40 and len(p.split()) <= 4 for p in parts)
        # Parts that also occur as whole values mean the separator joins labels, not words.
        shared = len(parts & whole) >= 0.5 * len(parts)
        if short and shared:
            return True, separator, _reason("separator", count=len(with_sep),
                                            separator=separator)
    return False, None, None


def _json_lists(values: pd.Series) -> bool:
    try:
        return all(isinstance(json.loads(v), list) for v in values)
    except (json.JSONDecodeError, TypeError):
        return False


def split_labels(value: str, separator: str | None) -> list[str]:
    """Labels of one multi-label cell; JSON list strings are recognised whatever the separator."""
    value = value.strip()
    if value.startswith("["):
        try:
            parsed = json.loads(value)
            if isinstance(parsed, list):
                return _unique([str(v).strip() for v in parsed])
        except json.JSONDecodeError:
            pass
    if separator is None:
        return _unique([value])
    return _unique([p.strip() for p in re.split(re.escape(separator), value)])


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)
