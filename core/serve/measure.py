"""How big, fast and good a run's model is in each format, measured on this machine.

`measure_format(run_dir, predictor, fmt)` scores the format on the run's test split (the
validation split when there is none): size on disk, sentences per second (the split in
batches), p50 latency of one sentence (the median of `SINGLE_CALLS` calls), and the headline
score with its change in points against torch (torch is measured first when it has not been).
The figures are saved in the run folder (`formats_file`, no token or secret) and read back by
`measurements(run_dir)`; `card_lines` are the model card's sentences on them.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from core.config import RunConfig
from core.data.splits import make_splits
from core.errors import UserError
from core.predict.inference import Predictor, dataset_logits
from core.predict.record import saved_record
from core.serve.onnx_export import onnx_size_mb
from core.text import t
from core.workspace import runs
from core.workspace.folder import RunFolder, write_json_atomic

TORCH = "torch"
SINGLE_CALLS = 20
FLAG_POINTS = 1.0  # a score change of more than this many points is flagged
FIELDS = ("size_mb", "sentences_per_s", "p50_ms", "score", "score_name",
          "score_change_points", "flagged", "measured_at")


def formats_file(run_dir: Path) -> Path:
    """The run folder's measurements of its formats."""
    return Path(run_dir) / "formats.json"


def measurements(run_dir: Path) -> dict[str, dict]:
    """{format: {FIELDS...}} saved so far for this run ({} when none measured)."""
    saved = RunFolder(run_dir).read_json(formats_file(run_dir)) or {}
    return {fmt: values for fmt, values in saved.items() if isinstance(values, dict)}


def _split_frame(run_dir: Path) -> tuple[Any, str] | None:
    """The run's test split frame (validation when there is none), re-made from its files;
    None when they cannot be read any more."""
    try:
        splits = make_splits(RunConfig.from_dict(saved_record(run_dir).config))
    except (UserError, OSError, ValueError, KeyError):
        return None
    if splits.test is not None and len(splits.test.frame):
        return splits.test.frame, "test"
    return splits.validation.frame, "validation"


def size_mb(run_dir: Path, predictor: Any) -> float:
    """The model's size on disk in MB: the ONNX file, or the torch weights."""
    path = getattr(predictor.runner, "path", None)
    if path is not None:
        return onnx_size_mb(path)
    model = RunFolder(run_dir).model
    return sum(p.stat().st_size for p in model.glob("*.safetensors")) / 1e6


def _timed(predictor: Any, dataset: Any, collator: Any) -> tuple[Any, Any, float, float]:
    """Logits of the encoded split, the seconds they took, and the median milliseconds of one
    sentence (the middle-length row alone)."""
    started = time.perf_counter()
    logits, gold = dataset_logits(predictor.runner, dataset, collator, predictor.batch_size)
    seconds = max(time.perf_counter() - started, 1e-9)
    lengths = list(dataset["length"])
    middle = sorted(range(len(lengths)), key=lengths.__getitem__)[len(lengths) // 2]
    row = dataset.select_columns([c for c in dataset.column_names
                                  if c in ("input_ids", "attention_mask", "token_type_ids")])
    arrays = {k: np.asarray(v) for k, v in collator([row[middle]]).items() if k != "labels"}
    times = []
    for _ in range(SINGLE_CALLS):
        begun = time.perf_counter()
        predictor.runner.run_batch(arrays)
        times.append((time.perf_counter() - begun) * 1000.0)
    return logits, gold, seconds, statistics.median(times)


def _figures(run_dir: Path, predictor: Any) -> dict[str, Any]:
    split = _split_frame(run_dir)
    figures: dict[str, Any] = {"size_mb": round(size_mb(run_dir, predictor), 2),
                               "sentences_per_s": None, "p50_ms": None, "score": None,
                               "score_name": None, "split": None}
    if split is None or not len(split[0]):
        return figures
    frame, name = split
    task = predictor.run_task
    dataset = task.encode(frame, predictor.tokenizer, predictor.max_length)
    logits, gold, seconds, p50 = _timed(predictor, dataset, task.collator(predictor.tokenizer))
    report, _ = task.report(frame, logits, gold, features=dataset)
    metric = predictor.kind.headline_metric(predictor.multi_label)
    score = report.get(metric)
    figures.update(sentences_per_s=round(len(frame) / seconds, 2), p50_ms=round(p50, 3),
                   score=float(score) if isinstance(score, (int, float)) else None,
                   score_name=metric, split=name)
    return figures


def measure_format(run_dir: Path, predictor: Any, fmt: str) -> dict[str, Any]:
    """The format's figures (see the module docstring), saved with the others in the run
    folder and returned. Torch is measured first when it has not been."""
    run_dir = Path(run_dir)
    saved = measurements(run_dir)
    if fmt != TORCH and TORCH not in saved:
        saved[TORCH] = _with_change(_figures(run_dir, Predictor(run_dir)), None)
    figures = _with_change(_figures(run_dir, predictor), saved.get(TORCH) if fmt != TORCH
                           else None)
    saved[fmt] = figures
    write_json_atomic(formats_file(run_dir), saved)
    return figures


def _with_change(figures: dict[str, Any], torch: dict[str, Any] | None) -> dict[str, Any]:
    change = None
    base = (torch or {}).get("score")
    if torch is None and figures.get("score") is not None:
        change = 0.0
    elif isinstance(base, (int, float)) and isinstance(figures.get("score"), (int, float)):
        change = round((figures["score"] - base) * 100.0, 2)
    return {**figures, "score_change_points": change,
            "flagged": change is not None and abs(change) > FLAG_POINTS,
            "measured_at": runs.utc_now_iso()}


def _name(fmt: str, language: str | None) -> str:
    return t(f"formats.name.{fmt.replace('-', '_')}", language=language)


def card_lines(run_dir: Path, language: str | None = None, task_key: str | None = None
               ) -> list[str]:
    """The model card's sentences on the measured formats: one per format, e.g. "ONNX int8:
    22 MB instead of 87, 2.4x faster, accuracy -0.3 points.", and the warning when a score
    dropped by more than FLAG_POINTS."""
    from core.scoring.metrics import metric_name  # lazy: the metric names only for the card

    saved = measurements(run_dir)
    if not saved:
        return []
    torch = saved.get(TORCH) or {}
    lines = [t("card.formats.title", language=language), "",
             t("card.formats.machine", language=language), ""]
    for fmt in (name for name in (TORCH, "onnx", "onnx-int8") if name in saved):
        values = saved[fmt]
        metric = metric_name(values.get("score_name") or "", language, task_key)
        lines.append("- " + _line(fmt, values, torch, metric, language))
        if values.get("flagged"):
            drop = (values.get("score_change_points") or 0.0) < 0
            key = "card.formats.flagged_drop" if drop else "card.formats.flagged_rise"
            lines.append("  " + t(key, language=language))
    return lines + [""]


def _line(fmt: str, values: dict[str, Any], torch: dict[str, Any], metric: str,
          language: str | None) -> str:
    def number(value: Any, digits: int = 0) -> str:
        return f"{value:.{digits}f}" if isinstance(value, (int, float)) else "?"

    def size(value: Any) -> str:  # a decimal for a small model: "0.6 MB instead of 1.8"
        return number(value, 1 if isinstance(value, (int, float)) and value < 10 else 0)

    speed = values.get("sentences_per_s")
    base_speed = torch.get("sentences_per_s")
    common = {"name": _name(fmt, language), "size": size(values.get("size_mb")),
              "speed": number(speed, 1), "p50": number(values.get("p50_ms"), 1),
              "metric": metric, "score": number(values.get("score"), 3)}
    if fmt == TORCH or not torch:
        return t("card.formats.torch", language=language, **common)
    factor = speed / base_speed if isinstance(speed, (int, float)) and base_speed else None
    change = values.get("score_change_points")
    torch_size = size(torch.get("size_mb"))
    key = "card.formats.same_size" if torch_size == common["size"] else "card.formats.other"
    return t(key, language=language, **common, torch_size=torch_size, factor=number(factor, 1),
             change=f"{change:+.1f}" if isinstance(change, (int, float)) else "?")
