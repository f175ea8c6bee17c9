"""Scoring a finished run on a new labeled file (`python -m core evaluate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core import runs
from core.config import RunConfig
from core.errors import UserError


def evaluate_file(run_dir: Path, path: str) -> dict[str, Any]:
    import torch

    from core.data import load_examples
    from core.inference import Predictor
    from core.tasks import get_task

    run_dir = Path(run_dir)
    saved = runs.read_json(run_dir / "config.json") or {}
    config = RunConfig.from_dict(saved.get("config", {}))
    predictor = Predictor(run_dir)
    data = config.data
    data.train, data.split_column = path, None
    examples = load_examples(path, data, config.task)
    if len(examples.frame) == 0:
        raise UserError(f"{Path(path).name} has no labeled examples to score.",
                        "Give a file with texts and labels.")
    task = get_task(config.task, predictor.labels, predictor.multi_label)
    dataset = task.encode(examples.frame, predictor.tokenizer, predictor.max_length)
    collate = task.collator(predictor.tokenizer)
    order = np.argsort(dataset["length"], kind="stable")
    rows = dataset.remove_columns(["length"])
    width = int(max(dataset["length"]))
    logits = None
    gold = None
    for start in range(0, len(order), predictor.batch_size):
        index = [int(i) for i in order[start:start + predictor.batch_size]]
        batch = collate([rows[i] for i in index])
        labels = batch.pop("labels")
        with torch.inference_mode():
            out = predictor.model(**{k: v.to(predictor.device) for k, v in batch.items()})
        part = out.logits.float().cpu().numpy()
        if task.kind == "ner":  # pad every batch to one width so rows line up
            pad = width - part.shape[1]
            part = np.pad(part, ((0, 0), (0, pad), (0, 0)))
            labels = np.pad(labels.numpy(), ((0, 0), (0, pad)), constant_values=-100)
        else:
            labels = labels.numpy()
        if logits is None:
            logits = np.zeros((len(order),) + part.shape[1:], dtype=np.float32)
            gold = np.zeros((len(order),) + labels.shape[1:], dtype=labels.dtype)
        logits[index], gold[index] = part, labels
    if task.kind == "ner":
        report, _ = task.report(examples.frame, logits, gold)
    else:
        report, _ = task.report(examples.frame, logits)
    return {"file": Path(path).name, "task": config.task, **report}
