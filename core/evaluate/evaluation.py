"""Scoring a finished run on a new labeled file (`python -m core evaluate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.data import load_examples
from core.errors import UserError
from core.predict.inference import Predictor, dataset_logits
from core.predict.record import saved_record
from core.text import Text


def evaluate_file(run_dir: Path, path: str) -> dict[str, Any]:
    run_dir = Path(run_dir)
    record = saved_record(run_dir)
    config = RunConfig.from_dict(record.config)
    predictor = Predictor(run_dir)
    data = config.data
    data.train, data.split_column = path, None
    examples = load_examples(path, data, config.task)
    if len(examples.frame) == 0:
        raise UserError(Text("evaluation.nothing_to_score.message", {"file": Path(path).name}),
                        Text("evaluation.nothing_to_score.fix"))
    task = predictor.run_task  # the run's labels and settings (answer spans: windows)
    dataset = task.encode(examples.frame, predictor.tokenizer, predictor.max_length)
    logits, gold = dataset_logits(predictor.model, dataset, task.collator(predictor.tokenizer),
                                  predictor.batch_size)
    report, _ = task.report(examples.frame, logits, gold, features=dataset)
    return {"file": Path(path).name, "task": config.task, **report}
