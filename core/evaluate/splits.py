"""The validation and test reports of a freshly trained model, its prediction files and its
calibration: shared by fine-tuning (core/train/training.py) and few-shot mode (few_shot.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from core.predict.inference import dataset_logits
from core.scoring import calibration as calib
from core.workspace.folder import RunFolder


def run_summary(splits: Any, task: Any, started: float, **fields: Any) -> dict[str, Any]:
    """What eval.json says about the run besides its scores: task, labels, sizes, the seconds
    spent, and the fields a training mode adds (multi-label, threshold, mode)."""
    return {"task": splits.task, "labels": splits.labels, "best_metric": task.best_metric,
            **fields, "train_seconds": round(time.time() - started, 1),
            "n_train": len(splits.train.frame), "n_validation": len(splits.validation.frame),
            "n_test": len(splits.test.frame) if splits.test is not None else 0}


def evaluate_splits(model: Any, task: Any, splits: Any, tokenizer: Any, max_length: int,
                    run_dir: Path, batch_size: int = 64) -> dict[str, Any]:
    """Validation and test reports (in dataset order), their prediction files and the
    calibration.

    The temperature is fitted on the validation logits first; every report, prediction file
    and the multi-label threshold (tuned on validation) then use logits / T, which is what the
    saved model, with T folded in, gives. `calibration` holds T and the calibration error and
    NLL of each split before and after.
    """
    result: dict[str, Any] = {}
    chosen = calib.not_fitted() if task.calibrated else calib.not_calibrated()
    foldable = calib.output_layer(model) is not None
    for name in ("validation", "test"):
        examples = getattr(splits, name)
        if examples is None or len(examples.frame) == 0:
            continue
        dataset = task.encode(examples.frame, tokenizer, max_length)
        logits, label_ids = dataset_logits(model, dataset, task.collator(tokenizer), batch_size)
        if task.calibrated:
            outputs, gold = calib.task_outputs(task, logits, label_ids)
            if name == "validation":
                chosen = calib.choose_temperature(outputs, gold, task.multi_label,
                                                  len(examples.frame), foldable)
            chosen[name] = calib.before_after(outputs, gold, task.multi_label,
                                              chosen["temperature"])
        result[name] = _split_report(task, examples.frame, logits / chosen["temperature"],
                                     label_ids, name, run_dir, dataset)
    result["calibration"] = chosen
    return result


def _split_report(task: Any, frame: Any, logits: np.ndarray, label_ids: np.ndarray,
                  name: str, run_dir: Path, features: Any = None) -> dict[str, Any]:
    """One split's report from its (calibrated) logits; its records go to a predictions file."""
    report, records = task.split_report(frame, logits, label_ids, name, features=features)
    with open(RunFolder(run_dir).predictions(name), "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return report
