"""Confidences that mean what they say: temperature scaling fitted on the validation set.

A fine-tuned classifier's probabilities are often too sure or too timid: it may say 98% on
texts it gets right only 85% of the time. Temperature scaling (Guo et al., 2017) divides every
logit by one number T, chosen to minimise the negative log-likelihood of the validation labels.
T > 1 softens over-confident answers, T < 1 sharpens timid ones; the ranking of the labels, so
every decision, stays the same. One T serves softmax (single-label, pairs, token tags) and
sigmoid (multi-label) outputs alike.

Dividing the logits by T equals dividing the weights and bias of the model's last linear layer
by T, so the saved model carries the calibration itself: the Predictor, the export and
`transformers.pipeline` all give calibrated scores without knowing about T.

The calibration error (ECE) is the gap between confidence and accuracy averaged over
equal-width confidence bins, weighted by how many predictions fall in each.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax

BINS = 10
MIN_EXAMPLES = 20          # validation texts (or sentences) below which T is not fitted
LOG_T_BOUNDS = (math.log(1e-3), math.log(1e3))  # wide: an untrained head's logits are tiny
METHOD = "temperature scaling"
# Why a run kept T = 1; the page turns each into a sentence.
TOO_FEW, NO_MISTAKES, NO_OUTPUT_LAYER, NO_VALIDATION, NOT_CALIBRATED = (
    "too_few", "no_mistakes", "no_output_layer", "no_validation", "not_calibrated")


# ----- negative log-likelihood and the fit --------------------------------------------------

def nll(logits: np.ndarray, gold: np.ndarray, multi_label: bool, temperature: float = 1.0
        ) -> float:
    """Mean negative log-likelihood of `gold` under logits / temperature.

    Single-label: `gold` holds class ids (rows below 0 are left out). Multi-label: `gold` is a
    0/1 matrix and the mean is over every (example, label) decision.
    """
    z = np.asarray(logits, dtype=np.float64) / temperature
    if multi_label:
        y = np.asarray(gold, dtype=np.float64)
        return float(np.mean(np.logaddexp(0.0, z) - y * z))
    gold = np.asarray(gold)
    keep = gold >= 0
    if not keep.any():
        return 0.0
    chosen = log_softmax(z[keep], axis=-1)[np.arange(int(keep.sum())), gold[keep]]
    return float(-np.mean(chosen))


def fit_temperature(logits: np.ndarray, gold: np.ndarray, multi_label: bool) -> float:
    """The T that minimises the validation NLL, searched on log T (T stays positive and the
    search is as fine for 0.5 as for 2)."""
    result = minimize_scalar(lambda log_t: nll(logits, gold, multi_label, math.exp(log_t)),
                             bounds=LOG_T_BOUNDS, method="bounded",
                             options={"xatol": 1e-5})
    return float(math.exp(result.x))


def all_right(logits: np.ndarray, gold: np.ndarray, multi_label: bool) -> bool:
    """Whether every validation decision was right. Then the NLL keeps falling as confidences
    sharpen, so the fit would run to its smallest T: there is nothing to fit on."""
    z = np.asarray(logits)
    if multi_label:
        return bool(np.all((z >= 0) == (np.asarray(gold) >= 0.5)))
    gold = np.asarray(gold)
    keep = gold >= 0
    return bool(np.all(z[keep].argmax(axis=-1) == gold[keep]))


# ----- calibration error ---------------------------------------------------------------------

def confidences(logits: np.ndarray, gold: np.ndarray, multi_label: bool, temperature: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, outcome) pairs whose agreement the calibration error measures.

    Single-label: the probability of the predicted label and whether it was right.
    Multi-label: each label's probability and whether the text has that label, so a label
    given 80% should be present 80% of the time, whatever the threshold.
    """
    z = np.asarray(logits, dtype=np.float64) / temperature
    if multi_label:
        return (1.0 / (1.0 + np.exp(-z))).ravel(), np.asarray(gold, dtype=np.float64).ravel()
    gold = np.asarray(gold)
    keep = gold >= 0
    probs = softmax(z[keep], axis=-1)
    return probs.max(axis=-1), (probs.argmax(axis=-1) == gold[keep]).astype(np.float64)


def reliability(confidence: np.ndarray, outcome: np.ndarray, bins: int = BINS
                ) -> list[dict[str, float]]:
    """Per equal-width confidence bin: its range, count, mean confidence and how often right."""
    confidence, outcome = np.asarray(confidence, dtype=np.float64), np.asarray(outcome)
    # bin i holds (i/bins, (i+1)/bins]; a confidence of exactly 0 joins the first bin
    index = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    rows = []
    for i in range(bins):
        inside = index == i
        count = int(inside.sum())
        rows.append({"low": i / bins, "high": (i + 1) / bins, "count": count,
                     "confidence": float(confidence[inside].mean()) if count else None,
                     "accuracy": float(outcome[inside].mean()) if count else None})
    return rows


def expected_calibration_error(table: list[dict[str, float]]) -> float:
    total = sum(row["count"] for row in table)
    if not total:
        return 0.0
    return float(sum(row["count"] * abs(row["confidence"] - row["accuracy"])
                     for row in table if row["count"]) / total)


def measure(logits: np.ndarray, gold: np.ndarray, multi_label: bool, temperature: float
            ) -> dict[str, Any]:
    """ECE, NLL and the reliability table of one split at one temperature."""
    table = reliability(*confidences(logits, gold, multi_label, temperature))
    return {"ece": round(expected_calibration_error(table), 5),
            "nll": round(nll(logits, gold, multi_label, temperature), 5),
            "reliability": table}


def before_after(logits: np.ndarray, gold: np.ndarray, multi_label: bool, temperature: float
                 ) -> dict[str, Any]:
    return {"n": int(len(logits)), "before": measure(logits, gold, multi_label, 1.0),
            "after": measure(logits, gold, multi_label, temperature)}


def scored_positions(logits: np.ndarray, label_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token classification: the logits and gold tags of the scored tokens only (each word's
    first sub-token; the rest are labelled -100)."""
    keep = np.asarray(label_ids) != -100
    return np.asarray(logits)[keep], np.asarray(label_ids)[keep]


# ----- one run's calibration ----------------------------------------------------------------

def task_outputs(task: Any, logits: np.ndarray, label_ids: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The logits and gold answers a task is calibrated on: one row per text, or per scored
    token for token classification (the task's `calibration_outputs` decides)."""
    return task.calibration_outputs(logits, label_ids)


def choose_temperature(logits: np.ndarray, gold: np.ndarray, multi_label: bool,
                       n_examples: int, foldable: bool) -> dict[str, Any]:
    """The run's calibration: T fitted on validation, or T = 1 with the reason why not."""
    kept = {"method": METHOD, "applied": False, "temperature": 1.0, "bins": BINS,
            "fitted_on": "validation", "n_fitted": int(n_examples)}
    if not foldable:
        return {**kept, "reason": NO_OUTPUT_LAYER}
    if n_examples < MIN_EXAMPLES:
        return {**kept, "reason": TOO_FEW}
    if all_right(logits, gold, multi_label):
        return {**kept, "reason": NO_MISTAKES}
    temperature = fit_temperature(logits, gold, multi_label)
    return {**kept, "applied": True, "temperature": temperature, "reason": ""}


def not_calibrated() -> dict[str, Any]:
    """The calibration of a task whose confidences are not temperature-scaled (answer spans:
    start and end scores over tokens are not classes)."""
    return {"method": METHOD, "applied": False, "temperature": 1.0, "bins": BINS,
            "fitted_on": "validation", "n_fitted": 0, "reason": NOT_CALIBRATED}


def not_fitted() -> dict[str, Any]:
    """The calibration of a run that has no validation texts to fit on."""
    return {"method": METHOD, "applied": False, "temperature": 1.0, "bins": BINS,
            "fitted_on": "validation", "n_fitted": 0, "reason": NO_VALIDATION}


# ----- the saved model -----------------------------------------------------------------------

def output_layer(model: Any) -> Any:
    """The model's last linear layer when it makes one logit per label, else None."""
    import torch  # lazy: loads torch

    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    num_labels = getattr(getattr(model, "config", None), "num_labels", None)
    if not linears or linears[-1].out_features != num_labels:
        return None
    return linears[-1]


@contextlib.contextmanager
def folded(model: Any, calibration: dict[str, Any] | None) -> Iterator[Any]:
    """The model with 1/T folded into its output layer and the calibration noted in its
    config, both undone afterwards.

    Only the saved copy is calibrated: the model in memory (whose checkpoints a stopped run
    resumes from) keeps its trained weights bit for bit.
    """
    temperature = float((calibration or {}).get("temperature", 1.0))
    layer = output_layer(model) if (calibration or {}).get("applied") else None
    if layer is None or temperature == 1.0:
        yield model
        return
    import torch  # lazy: loads torch

    model.config.calibration = config_note(calibration)

    weight = layer.weight.detach().clone()
    bias = layer.bias.detach().clone() if layer.bias is not None else None
    with torch.no_grad():
        layer.weight.div_(temperature)
        if bias is not None:
            layer.bias.div_(temperature)
    try:
        yield model
    finally:
        with torch.no_grad():
            layer.weight.copy_(weight)
            if bias is not None:
                layer.bias.copy_(bias)
        del model.config.calibration


def config_note(calibration: dict[str, Any]) -> dict[str, Any]:
    """What model/config.json records, so a model taken away says how it was calibrated."""
    return {"method": METHOD, "temperature": calibration.get("temperature", 1.0),
            "folded_into_weights": bool(calibration.get("applied")),
            "fitted_on": "validation"}
