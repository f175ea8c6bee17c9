"""Scores for each task, from scikit-learn and seqeval.

`*_report` functions give the full report saved in eval.json (per-class tables, confusion
matrix); `*_scalars` give the few numbers logged at each evaluation during training.
Every metric here is one where higher is better; which one picks a run's best checkpoint is
the task's choice (core.tasks: `primary_metric`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from seqeval.metrics import classification_report as seqeval_report
from seqeval.metrics import f1_score as seqeval_f1
from seqeval.metrics import precision_score as seqeval_precision
from seqeval.metrics import recall_score as seqeval_recall
from seqeval.scheme import IOB2
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from core.text import has, t

METRIC_KEYS = ("accuracy", "macro_f1", "micro_f1", "weighted_f1", "subset_accuracy", "f1",
               "precision", "recall", "token_accuracy", "exact_match")


def metric_name(key: str, language: str | None = None, task_key: str | None = None) -> str:
    """'macro_f1' -> 'macro-F1' / '宏平均 F1', in the current language, looked up when called;
    a metric without a name is shown by its key. With the task's key, the task's own name of
    the metric where it has one ("f1" of answer spans is answer F1, not entity F1)."""
    if task_key and has(f"scores.metric.{key}_{task_key}"):
        return t(f"scores.metric.{key}_{task_key}", language=language)
    return t(f"scores.metric.{key}", language=language) if key in METRIC_KEYS else key


class _MetricNames(Mapping[str, str]):
    """METRIC_NAMES[key] and .get(key, key): the display name, written when it is read."""

    def __getitem__(self, key: str) -> str:
        if key not in METRIC_KEYS:
            raise KeyError(key)
        return metric_name(key)

    def __iter__(self) -> Iterator[str]:
        return iter(METRIC_KEYS)

    def __len__(self) -> int:
        return len(METRIC_KEYS)


METRIC_NAMES: Mapping[str, str] = _MetricNames()


def single_label_scalars(y_true: Sequence[int], y_pred: Sequence[int]) -> dict[str, float]:
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "weighted_f1": float(f1_score(y_true, y_pred, average="weighted", zero_division=0)),
    }


def single_label_report(y_true: Sequence[int], y_pred: Sequence[int],
                        labels: list[str]) -> dict[str, Any]:
    ids = list(range(len(labels)))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=ids, zero_division=0)
    return {
        **single_label_scalars(y_true, y_pred),
        "n": len(y_true),
        "correct": int(np.sum(np.asarray(y_true) == np.asarray(y_pred))),
        "per_class": {labels[i]: {"precision": float(precision[i]), "recall": float(recall[i]),
                                  "f1": float(f1[i]), "support": int(support[i])} for i in ids},
        "confusion_matrix": {"labels": labels,
                             "counts": confusion_matrix(y_true, y_pred, labels=ids).tolist()},
    }


def multi_label_scalars(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    return {
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
        "subset_accuracy": float(accuracy_score(y_true, y_pred)),
    }


def multi_label_report(y_true: np.ndarray, y_pred: np.ndarray, labels: list[str]) -> dict[str, Any]:
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, average=None, zero_division=0)
    return {
        **multi_label_scalars(y_true, y_pred),
        "n": int(len(y_true)),
        "correct": int(np.sum(np.all(y_true == y_pred, axis=1))),
        "per_class": {labels[i]: {"precision": float(precision[i]), "recall": float(recall[i]),
                                  "f1": float(f1[i]), "support": int(support[i])}
                      for i in range(len(labels))},
    }


def ner_scalars(true_tags: list[list[str]], pred_tags: list[list[str]]) -> dict[str, float]:
    flat_true = [t for sent in true_tags for t in sent]
    flat_pred = [t for sent in pred_tags for t in sent]
    kwargs = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {
        "f1": float(seqeval_f1(true_tags, pred_tags, **kwargs)),
        "precision": float(seqeval_precision(true_tags, pred_tags, **kwargs)),
        "recall": float(seqeval_recall(true_tags, pred_tags, **kwargs)),
        "token_accuracy": float(accuracy_score(flat_true, flat_pred)) if flat_true else 0.0,
    }


def ner_report(true_tags: list[list[str]], pred_tags: list[list[str]]) -> dict[str, Any]:
    raw = seqeval_report(true_tags, pred_tags, mode="strict", scheme=IOB2, output_dict=True,
                         zero_division=0)
    per_type = {name: {"precision": float(v["precision"]), "recall": float(v["recall"]),
                       "f1": float(v["f1-score"]), "support": int(v["support"])}
                for name, v in raw.items() if not name.endswith(" avg")}
    return {**ner_scalars(true_tags, pred_tags), "n": len(true_tags),
            "correct": sum(t == p for t, p in zip(true_tags, pred_tags)), "per_class": per_type}


def cross_entropy(probabilities: np.ndarray, gold: np.ndarray) -> float:
    """Mean negative log-probability of the gold class; rows with gold -1 are left out."""
    keep = gold >= 0
    if not keep.any():
        return 0.0
    chosen = probabilities[keep][np.arange(int(keep.sum())), gold[keep]]
    return float(-np.mean(np.log(np.clip(chosen, 1e-12, 1.0))))
