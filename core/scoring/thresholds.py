"""Multi-label scores at another decision threshold, recomputed from saved probabilities.

A multi-label model says yes to every label whose probability reaches the threshold. Training
saves each example's probabilities (those of 0.05 and above) in `<split>_predictions.jsonl`, so
any threshold from 0.05 up can be scored exactly, without the model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from core.errors import UserError
from core.scoring import metrics
from core.text import Text

LOWEST = 0.05  # probabilities below this are not saved


def scores_at_threshold(records: list[dict[str, Any]], labels: list[str], threshold: float
                        ) -> dict[str, Any]:
    """The multi-label report (micro/macro F1, exact match, per label) at `threshold`."""
    if not LOWEST <= threshold < 1.0:
        raise UserError(Text("scores.threshold.out_of_range.message",
                             {"threshold": str(threshold)}),
                        Text("scores.threshold.out_of_range.fix", {"lowest": str(LOWEST)}))
    usable = [r for r in records if isinstance(r.get("scores"), dict)]
    if not usable or not labels:
        raise UserError(Text("scores.threshold.no_scores.message"),
                        Text("scores.threshold.no_scores.fix"))
    index = {label: i for i, label in enumerate(labels)}
    gold = np.zeros((len(usable), len(labels)), dtype=int)
    predicted = np.zeros_like(gold)
    for row, record in enumerate(usable):
        for label in record.get("gold") or []:
            if label in index:
                gold[row, index[label]] = 1
        for label, probability in record["scores"].items():
            if label in index and float(probability) >= threshold:
                predicted[row, index[label]] = 1
    return metrics.multi_label_report(gold, predicted, labels)
