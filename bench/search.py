"""python -m bench search: the best of 8 searched trials against the Balanced preset.

On SST-2 (a 2,000-text training sample, its validation set, the full test set) and banking77
(a 2,000-text training sample, its held-out validation share, the full test set), the app trains
one Balanced run and one search of 8 trials (`python -m core search`, TPE with median pruning)
on the same rows, each in its own process and its own workspace. The search's best trial is
chosen on the validation score; its test score, and the wall time of each, are compared.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.datasets import SEPARATOR, prepare
from bench.processes import run_measured
from bench.quality import app_command

DATASETS = ("sst2", "banking77")
TRAIN_ROWS = 2000
TRIALS = 8
QUICK_LIMITS = {"train": 300, "validation": 100, "test": 200}
QUICK_TRIALS = 3


def search_command(prepared, model: str, trials: int, study: str) -> list[str]:
    command = ["-m", "core", "search", "--data", str(prepared.app_paths["train"]),
               "--validation", str(prepared.app_paths["validation"]),
               "--test", str(prepared.app_paths["test"]), "--model", model,
               "--preset", "balanced", "--trials", str(trials), "--study", study, "--json"]
    if prepared.task == "multi-label":
        command += ["--multi-label", "--label-separator", SEPARATOR]
    return command


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _test_score(run_dir: Path, metric: str) -> float | None:
    value = ((_read(run_dir / "eval.json").get("test")) or {}).get(metric)
    return round(float(value), 4) if isinstance(value, (int, float)) else None


def run_dataset(name: str, data_dir: Path, model: str, quick: bool, folder: Path,
                trials: int | None = None) -> dict:
    """Balanced against the best searched trial on one dataset, in `folder`."""
    limits = dict(QUICK_LIMITS) if quick else {"train": TRAIN_ROWS}
    trials = trials or (QUICK_TRIALS if quick else TRIALS)
    prepared = prepare(name, data_dir, folder / "data", limits)
    workspace = folder / "workspace"
    env = {"FINETUNE_STUDIO_WORKSPACE": str(workspace)}
    balanced = run_measured(app_command(prepared, workspace / "runs", model, "balanced"), env)
    searched = run_measured(search_command(prepared, model, trials, f"bench-{name}"), env)
    best = searched.get("best") or {}
    best_dir = workspace / "runs" / str(best.get("run_id"))
    balanced_score = _test_score(Path(balanced["run_dir"]), prepared.metric)
    best_score = _test_score(best_dir, prepared.metric) if best else None
    return {
        "dataset": name, "metric": prepared.metric, "rows": prepared.counts, "trials": trials,
        "balanced": {"test": balanced_score, "seconds": balanced["wall_seconds"],
                     "settings": _settings(Path(balanced["run_dir"]))},
        "search": {"test": best_score, "validation_score": best.get("score"),
                   "seconds": searched["wall_seconds"], "best_trial": best.get("number"),
                   "settings": best.get("params") or {}, "states": searched.get("states") or {}},
        "difference_points": (round(100 * (best_score - balanced_score), 2)
                              if best_score is not None and balanced_score is not None else None),
    }


def _settings(run_dir: Path) -> dict:
    resolved = _read(run_dir / "config.json").get("resolved_training") or {}
    return {k: resolved.get(k) for k in ("learning_rate", "epochs", "batch_size",
                                         "warmup_ratio", "weight_decay", "max_length")}


def run(data_dir: Path, quick: bool, model: str, on_result=None, work: Path | None = None
        ) -> dict:
    """Every dataset that is present; `on_result(results)` after each one."""
    results: dict = {}
    for name in DATASETS:
        marker = {"sst2": "sst2/train.tsv", "banking77": "banking77/train.csv"}[name]
        if not (data_dir / marker).is_file():
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-search-{name}-", dir=work) as tmp:
            results[name] = run_dataset(name, data_dir, model, quick, Path(tmp))
        if on_result:
            on_result(results)
    return results


def _minutes(seconds: float | None) -> str:
    return f"{seconds / 60:.1f}" if isinstance(seconds, (int, float)) else "-"


def _points(score: float | None) -> str:
    return f"{100 * score:.2f}" if isinstance(score, (int, float)) else "-"


def section(results: dict) -> list[str]:
    """The RESULTS.md section from a saved search.json."""
    lines = ["## Searching for the best settings (Optuna)", ""]
    if not results:
        return lines + ["Not measured yet: `python -m bench search` measures it (about "
                        "nine trainings per dataset).", ""]
    lines += [
        "The best of the searched trials (TPE sampling, median pruning; chosen on the "
        "validation score) against one Balanced run, on the same rows, default model. Test "
        "scores in points; times are wall-clock minutes of the whole process.", "",
        "| dataset | metric | training rows | Balanced | best trial | difference | Balanced "
        "min | search min | trials (pruned) | best settings |",
        "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        search, balanced = r.get("search") or {}, r.get("balanced") or {}
        states = search.get("states") or {}
        settings = ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}"
                             for k, v in (search.get("settings") or {}).items())
        difference = r.get("difference_points")
        rows = (r.get("rows") or {}).get("train")
        lines.append(
            f"| {name} | {r.get('metric')} | {f'{rows:,}' if rows else '-'} | "
            f"{_points(balanced.get('test'))} | {_points(search.get('test'))} | "
            f"{'-' if difference is None else f'{difference:+.2f}'} | "
            f"{_minutes(balanced.get('seconds'))} | {_minutes(search.get('seconds'))} | "
            f"{r.get('trials')} ({states.get('pruned', 0)}) | {settings or '-'} |")
    return lines + [""]
