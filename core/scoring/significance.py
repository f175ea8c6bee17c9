"""How sure a comparison of two scores is: paired bootstrap over the same examples, Wilson
intervals.

A score measured on n test texts moves by 100/n points with every text, so two models a text
apart cannot be told apart. Here every score is rebuilt from per-example counts (true
positives, false positives, false negatives over some units), which makes one bootstrap serve
accuracy, macro-F1, micro-F1 and entity F1: each resample draws the same examples for both
models, sums their counts with one matrix product and recomputes the metric. The resamples are
seeded, so a page shows the same range on every rerun.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from seqeval.scheme import IOB2, Entities

from core.text import has, t

RESAMPLES = 1000
LEVEL = 0.95
SEED = 0
CHUNK_CELLS = 2_000_000  # resampled (example, draw) cells held in memory at once


@dataclass(frozen=True)
class Counts:
    """Per-example counts of `units` units: columns tp (units), fp (units), fn (units).

    `average`: "micro" (one unit), "macro_seen" (mean F1 over units seen in the gold or the
    answers, as scikit-learn averages single-label classes) or "macro_all" (mean over all
    units, an unseen one scoring 0, as scikit-learn averages multi-label columns).
    """

    matrix: sparse.csr_matrix
    units: int
    average: str

    @property
    def n(self) -> int:
        return int(self.matrix.shape[0])


def _counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, average: str) -> Counts:
    columns = [np.asarray(x, dtype=np.float64).reshape(len(x), -1) for x in (tp, fp, fn)]
    return Counts(sparse.csr_matrix(np.hstack(columns)), columns[0].shape[1], average)


def correct_counts(correct: Sequence[bool]) -> Counts:
    """Accuracy (or exact match) as counts: F1 of right against wrong answers equals accuracy."""
    right = np.asarray(correct, dtype=np.float64)
    return _counts(right, 1.0 - right, 1.0 - right, "micro")


def single_label_counts(gold: Sequence[int], predicted: Sequence[int], n_labels: int,
                        metric: str) -> Counts:
    """Counts for "accuracy" (or micro-F1) or "macro_f1" of one label per text."""
    gold, predicted = np.asarray(gold, dtype=int), np.asarray(predicted, dtype=int)
    if metric in ("accuracy", "micro_f1"):
        return correct_counts(gold == predicted)
    if metric != "macro_f1":
        raise ValueError(f"no per-example counts for {metric}")
    eye = np.eye(n_labels)
    gold_hot, predicted_hot = eye[gold], eye[predicted]
    tp = gold_hot * predicted_hot
    return _counts(tp, predicted_hot - tp, gold_hot - tp, "macro_seen")


def multi_label_counts(gold: np.ndarray, predicted: np.ndarray, metric: str) -> Counts:
    """Counts for "subset_accuracy", "micro_f1" or "macro_f1" of label sets (0/1 matrices)."""
    gold, predicted = np.asarray(gold, dtype=np.float64), np.asarray(predicted, dtype=np.float64)
    if metric == "subset_accuracy":
        return correct_counts(np.all(gold == predicted, axis=1))
    tp = gold * predicted
    fp, fn = predicted - tp, gold - tp
    if metric == "micro_f1":
        return _counts(tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1), "micro")
    if metric != "macro_f1":
        raise ValueError(f"no per-example counts for {metric}")
    return _counts(tp, fp, fn, "macro_all")


def entity_counts(tp: Sequence[int], fp: Sequence[int], fn: Sequence[int]) -> Counts:
    """Entity F1 (seqeval's micro average) from each sentence's entity counts."""
    return _counts(np.asarray(tp), np.asarray(fp), np.asarray(fn), "micro")


def sentence_entity_counts(gold: list[list[str]],
                           predicted: list[list[str]]) -> np.ndarray:
    """(n, 3) right, extra and missed entities per sentence, by seqeval's strict IOB2 rules."""
    true_sets = Entities(gold, IOB2).entities
    found_sets = Entities(predicted, IOB2).entities
    rows = []
    for true, found in zip(true_sets, found_sets):
        right = len(set(true) & set(found))
        rows.append((right, len(found) - right, len(true) - right))
    return np.asarray(rows, dtype=int).reshape(len(rows), 3)


def _f1(sums: np.ndarray, units: int, average: str) -> np.ndarray:
    """The metric of each row of summed counts (rows: resamples)."""
    tp, fp, fn = sums[:, :units], sums[:, units:2 * units], sums[:, 2 * units:]
    denominator = 2 * tp + fp + fn
    seen = denominator > 0
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=seen)
    if average == "micro":
        return f1[:, 0]
    if average == "macro_all":
        return f1.mean(axis=1)
    n_seen = seen.sum(axis=1)
    return np.divide(f1.sum(axis=1), n_seen, out=np.zeros(len(f1)), where=n_seen > 0)


def score(counts: Counts) -> float:
    """The metric on all examples (equal to scikit-learn's or seqeval's value)."""
    sums = np.asarray(counts.matrix.sum(axis=0), dtype=np.float64)
    return float(_f1(sums, counts.units, counts.average)[0])


def _resampled_sums(matrix: sparse.csr_matrix, resamples: int, seed: int) -> np.ndarray:
    """(resamples, columns) sums of `matrix`'s rows over bootstrap draws of its rows."""
    rng = np.random.default_rng(seed)
    n = matrix.shape[0]
    out = np.empty((resamples, matrix.shape[1]))
    step = max(1, CHUNK_CELLS // max(n, 1))
    transposed = matrix.T.tocsr()
    for start in range(0, resamples, step):
        size = min(step, resamples - start)
        draws = rng.integers(0, n, size=(size, n)) + (np.arange(size) * n)[:, None]
        weights = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n)
        out[start:start + size] = (transposed @ weights.T.astype(np.float64)).T
    return out


@dataclass(frozen=True)
class Difference:
    """score_a - score_b with its 95% range (fractions, not points)."""

    score_a: float
    score_b: float
    low: float
    high: float
    n: int
    paired: bool = True

    @property
    def points(self) -> float:
        return (self.score_a - self.score_b) * 100

    @property
    def winner(self) -> str:
        """"a" or "b" when the whole range lies on one side of zero, else "tie"."""
        if self.low > 0:
            return "a"
        if self.high < 0:
            return "b"
        return "tie"


def paired_difference(a: Counts, b: Counts, resamples: int = RESAMPLES,
                      seed: int = SEED) -> Difference:
    """Bootstrap range of score(a) - score(b), drawing the same examples for both."""
    if a.n != b.n:
        raise ValueError("both models must be scored on the same examples")
    if a.n == 0:
        return Difference(0.0, 0.0, -1.0, 1.0, 0)
    sums = _resampled_sums(sparse.hstack([a.matrix, b.matrix]).tocsr(), resamples, seed)
    width = 3 * a.units
    spread = _f1(sums[:, :width], a.units, a.average) - _f1(sums[:, width:], b.units, b.average)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(spread, [tail, 100 - tail])
    return Difference(score(a), score(b), float(low), float(high), a.n)


def score_range(counts: Counts, resamples: int = RESAMPLES, seed: int = SEED
                ) -> tuple[float, float]:
    """Bootstrap 95% range of one score."""
    if counts.n == 0:
        return 0.0, 1.0
    values = _f1(_resampled_sums(counts.matrix, resamples, seed), counts.units, counts.average)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def wilson(correct: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval of a share `correct` of `n` (fractions)."""
    from scipy.stats import binomtest  # lazy: loads scipy.stats (half a second)

    if n <= 0:
        return 0.0, 1.0
    interval = binomtest(int(correct), int(n)).proportion_ci(LEVEL, method="wilson")
    return float(interval.low), float(interval.high)


def unpaired_difference(score_a: float, score_b: float, n: int) -> Difference:
    """A cautious range when only the two scores are known (no per-example answers): the
    difference of the Wilson bounds, wider than the paired range would be."""
    low_a, high_a = wilson(round(score_a * n), n)
    low_b, high_b = wilson(round(score_b * n), n)
    return Difference(score_a, score_b, low_a - high_b, high_a - low_b, n, paired=False)


def texts(n: int, unit: str = "text") -> str:
    """"1 test text", "150 test texts": a count with its noun in the right number, in the
    current language ("150 条测试集文本")."""
    key = "scores.count." + unit.replace(" ", "_")
    if has(key):
        return t(key, count=n)
    return f"{n:,} {unit}" if n == 1 else f"{n:,} {unit}s"  # a unit the catalogue lacks


def many(unit: str = "text") -> str:
    """"test texts": the noun of `unit` without a count, as in "too few test texts"."""
    key = "scores.many." + unit.replace(" ", "_")
    return t(key) if has(key) else f"{unit}s"  # a unit the catalogue lacks


def entity_record_counts(records: list[dict[str, Any]]) -> Counts:
    """Entity-F1 counts of saved tag-per-word records (gold and predicted tag lists)."""
    rows = sentence_entity_counts([list(r.get("gold") or []) for r in records],
                                  [list(r.get("predicted") or []) for r in records])
    return entity_counts(rows[:, 0], rows[:, 1], rows[:, 2])


def label_set_record_counts(records: list[dict[str, Any]], labels: Sequence[str],
                            metric: str) -> Counts:
    """Counts of saved label-set records (gold and predicted lists of labels) for `metric`."""
    index = {str(label): i for i, label in enumerate(labels)}
    return multi_label_counts(label_matrix([r.get("gold") for r in records], index),
                              label_matrix([r.get("predicted") for r in records], index),
                              metric)


def single_label_record_counts(records: list[dict[str, Any]], labels: Sequence[str],
                               metric: str) -> Counts:
    """Counts of saved one-label records (gold and predicted label names) for `metric`."""
    index = {str(label): i for i, label in enumerate(labels)}
    gold = [index.get(str(r.get("gold")), -1) for r in records]
    predicted = [index.get(str(r.get("predicted")), -1) for r in records]
    if metric == "macro_f1" and (min(gold + predicted, default=0) < 0):
        raise ValueError("a saved answer is not one of the run's labels")
    return single_label_counts(gold, predicted, len(labels), metric)


def records_counts(records: list[dict[str, Any]], labels: Sequence[str], task: Any,
                   metric: str) -> Counts:
    """Counts of a run's saved predictions (test_predictions.jsonl) for `metric`: the run's
    task object (core.tasks) does the work with its own labels; `labels` is unused."""
    return task.record_counts(records, metric)


def label_matrix(values: list[Any], index: dict[str, int]) -> np.ndarray:
    """0/1 matrix of label lists (names or indices) over the labels of `index`."""
    out = np.zeros((len(values), len(index)), dtype=np.float64)
    for row, value in enumerate(values):
        for label in value if isinstance(value, list) else [value]:
            column = label if isinstance(label, int) else index.get(str(label))
            if column is not None:
                out[row, column] = 1.0
    return out
