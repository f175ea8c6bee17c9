"""`python -m bench quality`: the app's default preset against the reference Trainer script.

For each shared dataset the app trains the default model with the default preset and no
per-dataset settings, exactly as `python -m core train` does for a user. The reference script
then trains the same model on the same rows with the hyperparameters the preset chose (epochs,
learning rate, batch size, max length), evaluating at the end. The quick baseline (TF-IDF +
logistic regression, or word memory for entities) comes from the app's own report.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.datasets import SEPARATOR, available, prepare
from bench.processes import run_measured

QUICK_LIMITS = {"train": 1500, "validation": 300, "test": 600}
BASELINE_KEYS = {"classification": "tfidf_logreg", "multi-label": "tfidf_logreg",
                 "ner": "word_memory"}


def app_command(prepared, runs_dir: Path, model: str, preset: str) -> list[str]:
    command = ["-m", "core", "train", "--data", str(prepared.app_paths["train"]),
               "--validation", str(prepared.app_paths["validation"]),
               "--test", str(prepared.app_paths["test"]), "--model", model, "--preset", preset,
               "--runs-dir", str(runs_dir), "--name", prepared.name, "--json"]
    if prepared.task == "multi-label":
        command += ["--multi-label", "--label-separator", SEPARATOR]
    return command


def reference_command(prepared, settings: dict, model: str, output: Path) -> list[str]:
    return ["bench/references/trainer_script.py", "--task", prepared.task,
            "--train", str(prepared.paths["train"]), "--test", str(prepared.paths["test"]),
            "--model", model, "--output", str(output),
            "--epochs", str(settings["epochs"]), "--batch-size", str(settings["batch_size"]),
            "--max-length", str(settings["max_length"]),
            "--learning-rate", str(settings["learning_rate"]),
            "--warmup-ratio", str(settings["warmup_ratio"]),
            "--weight-decay", str(settings["weight_decay"])]


def _test_score(report: dict, metric: str) -> float | None:
    value = report.get(metric)
    return round(float(value), 4) if isinstance(value, (int, float)) else None


def run_dataset(name: str, data_dir: Path, model: str, quick: bool, folder: Path,
                train_limit: int | None = None) -> dict:
    limits = dict(QUICK_LIMITS) if quick else {}
    if train_limit:
        limits["train"] = min(train_limit, limits.get("train", train_limit))
    prepared = prepare(name, data_dir, folder / "data", limits or None)
    preset = "quick" if quick else "balanced"
    app = run_measured(app_command(prepared, folder / "runs", model, preset))
    run_dir = Path(app["run_dir"])
    saved = json.loads((run_dir / "config.json").read_text(encoding="utf-8"))
    settings = saved["resolved_training"]
    report = json.loads((run_dir / "eval.json").read_text(encoding="utf-8"))
    status = json.loads((run_dir / "status.json").read_text(encoding="utf-8"))
    reference = run_measured(reference_command(prepared, settings, model, folder / "reference"))
    baselines = report.get("baselines") or {}
    baseline = baselines.get(BASELINE_KEYS[prepared.task]) or {}
    app_score = _test_score(report["test"], prepared.metric)
    reference_score = _test_score(reference["test"], prepared.metric)
    return {
        "dataset": name, "task": prepared.task, "metric": prepared.metric, "preset": preset,
        "rows": prepared.counts,
        "train_limit": train_limit if train_limit and prepared.counts["train"] >= train_limit
        else None,  # set only when the training split was cut down
        "settings": {k: settings[k] for k in ("epochs", "learning_rate", "batch_size",
                                               "max_length")},
        "app": app_score, "reference": reference_score,
        "baseline": _test_score(baseline, prepared.metric),
        "difference_points": (round(100 * (app_score - reference_score), 2)
                              if app_score is not None and reference_score is not None else None),
        "app_test": {k: v for k, v in report["test"].items() if isinstance(v, (int, float))},
        "reference_test": reference["test"],
        "app_threshold": report.get("threshold"),
        "app_train_seconds": round(float(status.get("train_runtime") or 0.0), 1),
        "reference_train_seconds": round(float(reference["train_seconds"]), 1),
        "app_wall_seconds": app["wall_seconds"],
        "reference_wall_seconds": reference["wall_seconds"],
        "app_best_step": status.get("best_step"), "app_total_steps": status.get("total_steps"),
    }


def run(data_dir: Path, quick: bool, model: str, names: list[str] | None = None,
        on_result=None, train_limit: int | None = None) -> dict:
    """Per-dataset results; `on_result(result)` is called as each dataset finishes.
    `train_limit` samples every dataset's training split down to that many rows (the same rows
    for the app and the script); the result records it."""
    names = [n for n in (names or available(data_dir)) if n in available(data_dir)]
    results = {}
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"bench-quality-{name}-") as tmp:
            results[name] = run_dataset(name, data_dir, model, quick, Path(tmp), train_limit)
        if on_result:
            on_result(results[name])
    return results
