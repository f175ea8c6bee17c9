"""Label-budget advice: how the score grows with the number of labeled examples.

A run's training data is cut into growing nested subsets (each subset holds the smaller ones,
every label represented from the start). The quick TF-IDF baseline is trained on each in
seconds; optionally the run's model is trained on each with the Quick preset, in a background
process (`python -m core curve RUN_DIR --model`, core/jobs/curve.py). Both are scored on the
run's own
test examples (validation when it kept none). A curve `score = a + b * ln(labels)` fitted to
the points says what doubling the labels would likely add.

Results live in `RUN_DIR/learning_curve/curve.json`, rewritten after every point.
"""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.config import DataConfig, RunConfig, TrainingConfig
from core.data import make_splits, squad
from core.data.examples import Examples
from core.errors import UserError
from core.evaluate.baseline import run_baselines
from core.scoring.metrics import metric_name
from core.scoring.significance import wilson
from core.tasks import task_kind
from core.text import Text, t
from core.train.training import train
from core.workspace import csv_safe, runs
from core.workspace.folder import RunFolder, RunRecord
from core.workspace.processes import own_process

MIN_POINTS = 3
MAX_POINTS = 6
LEARNERS = {"model": "model", "baseline": "baseline", "quick baseline": "baseline"}


@dataclass(frozen=True)
class LogFit:
    """score = intercept + slope * ln(labels)"""

    intercept: float
    slope: float

    def predict(self, n_labels: float) -> float:
        return self.intercept + self.slope * math.log(max(n_labels, 1.0))


def curve_sizes(n_train: int, n_labels: int) -> list[int]:
    """Up to MAX_POINTS sizes, doubling up to all training examples; the smallest gives every
    label a couple of examples where the data allows."""
    smallest = min(n_train, max(2 * n_labels, 20))
    sizes = [n_train]
    while len(sizes) < MAX_POINTS and sizes[-1] // 2 >= smallest:
        sizes.append(sizes[-1] // 2)
    return sorted(set(sizes))


def nested_order(groups: list[str], seed: int = 0) -> list[int]:
    """Row indices so that every prefix is balanced across groups: shuffled round robin."""
    rng = np.random.default_rng(seed)
    by_group: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        by_group.setdefault(group, []).append(index)
    queues = [list(rng.permutation(rows)) for _, rows in sorted(by_group.items())]
    order: list[int] = []
    depth = 0
    while len(order) < len(groups):
        layer = [int(q[depth]) for q in queues if depth < len(q)]
        order += [layer[i] for i in rng.permutation(len(layer))]
        depth += 1
    return order


def _groups(frame: Any) -> list[str]:
    """The label each row is balanced by: its (first) label, its first entity type, or for
    questions their paragraph (so a subset covers as many paragraphs as it can)."""
    if "context" in frame.columns:
        return [str(context) for context in frame["context"]]
    if "tags" in frame.columns:
        return [next((t[2:] for t in tags if t != "O"), "O") for tags in frame["tags"]]
    return [labels[0] if len(labels) else "" for labels in frame["labels"]]


def subsets(splits: Any, sizes: list[int], seed: int = 0) -> list[Any]:
    """A copy of `splits` per size, its training part cut to the first `size` rows of one
    nested order (validation and test unchanged)."""
    frame = splits.train.frame
    order = nested_order(_groups(frame), seed)
    result = []
    for size in sizes:
        part = frame.iloc[sorted(order[:size])].reset_index(drop=True)
        train = Examples(splits.train.task, part, splits.train.multi_label, splits.train.source)
        result.append(dataclasses.replace(splits, train=train))
    return result


def fit_log(points: list[tuple[int, float]]) -> LogFit | None:
    """Least squares of score on ln(labels); None with fewer than two different sizes."""
    if len({n for n, _ in points}) < 2:
        return None
    x = np.log([float(n) for n, _ in points])
    y = np.array([s for _, s in points], dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    return LogFit(float(intercept), float(slope))


def noise_points(score: float, n_held_out: int) -> float:
    """Half the width of the 95% range of a score measured on `n_held_out` examples, in points
    (Wilson's interval of the share; an F1 varies about as much)."""
    share = min(max(score, 0.0), 1.0)
    low, high = wilson(round(share * n_held_out), n_held_out)
    return (high - low) / 2 * 100


def advice(fit: LogFit | None, n_now: int, metric: str, learner: str,
           n_held_out: int | None = None, held_out: str = "test") -> str:
    """One sentence on whether more labels are likely to help, in the current language (see
    `advice_code`)."""
    return render_advice(advice_code(fit, n_now, metric, learner, n_held_out, held_out))


def advice_code(fit: LogFit | None, n_now: int, metric: str, learner: str,
                n_held_out: int | None = None, held_out: str = "test") -> dict[str, Any]:
    """The advice as a catalogue key and JSON parameters, saved in curve.json and rendered in
    the reader's language by `render_advice`. With the held-out size, a gain smaller than the
    noise of each measured point is said to be within that noise. `learner` is 'model' or
    'baseline' ('quick baseline' too)."""
    if fit is None:
        return {"key": "training.curve.too_few_points", "params": {}}
    # a score cannot pass 100%, so neither can the trend
    gain = (min(1.0, fit.predict(2 * n_now)) - min(1.0, fit.predict(n_now))) * 100
    params: dict[str, Any] = {"n_now": n_now, "n_double": 2 * n_now,
                              "gain": f"{max(gain, 0.0):.1f}", "metric": metric,
                              "learner": LEARNERS.get(learner, learner)}
    if n_held_out:
        noise = noise_points(fit.predict(n_now), n_held_out)
        if gain < noise:
            return {"key": "training.curve.within_noise",
                    "params": {**params, "n_held_out": n_held_out, "held_out": held_out,
                               "noise": f"{noise:.1f}"}}
    key = "worth_it" if gain >= 3 else "a_little" if gain >= 1 else "unlikely"
    return {"key": f"training.curve.{key}", "params": params}


def render_advice(code: dict[str, Any], language: str | None = None) -> str:
    """The advice sentence of `advice_code` in `language` (default: the current one)."""
    params = dict(code.get("params") or {})
    if "metric" in params:
        params["metric"] = metric_name(str(params["metric"]), language)
    if "learner" in params:
        params["learner"] = t(f"training.curve.learner.{params['learner']}", language=language)
    if "n_held_out" in params:
        params["examples"] = t(f"scores.count.{params.pop('held_out')}_example",
                               language=language, count=params.pop("n_held_out"))
    return t(str(code.get("key")), language=language, **params)


def _metric(splits: Any) -> str:
    return task_kind(splits.task).primary_metric(splits.multi_label)


def _held_out(splits: Any) -> str:
    return "test" if splits.test is not None and len(splits.test.frame) else "validation"


def baseline_points(subs: list[Any]) -> list[tuple[int, float]]:
    points = []
    for part in subs:
        scores = run_baselines(part).get(task_kind(part.task).baseline_name) or {}
        metric = _metric(part)
        if metric in scores:
            points.append((len(part.train.frame), float(scores[metric])))
    return points


# ----- the model's points: Quick runs on files written from each subset ----------------------

def _write_tagged(frame: Any, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for tokens, tags in zip(frame["tokens"], frame["tags"]):
            handle.write(json.dumps({"tokens": list(map(str, tokens)),
                                     "tags": list(map(str, tags))}, ensure_ascii=False) + "\n")


def _write_table(frame: Any, path: Path) -> None:
    table = pd.DataFrame({"text": frame["text"],
                          "label": ["|".join(labels) for labels in frame["labels"]]})
    if "text_pair" in frame.columns:
        table.insert(1, "text_pair", frame["text_pair"])
    csv_safe.write_frame(table, path)


def _write_squad(frame: Any, path: Path) -> None:
    path.write_text(json.dumps(squad.squad_json(frame), ensure_ascii=False), encoding="utf-8")


def _write_part(frame: Any, path: Path, kind: Any) -> None:
    """One subset's examples in the task's own file format."""
    {"csv": _write_table, "jsonl": _write_tagged, "json": _write_squad}[kind.export_format](
        frame, path)


def _table_columns(part: Any) -> dict[str, Any]:
    """The DataConfig columns of a subset written as a table by `_write_table`."""
    return {"text_column": "text", "label_column": "label",
            "text_pair_column": "text_pair" if "text_pair" in part.train.frame.columns else "",
            "split_column": "", "multi_label": part.multi_label,
            "label_separator": "|" if part.multi_label else None}


# the DataConfig columns of a subset file, by the task's reader (tagged files need none)
_COLUMNS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "table": _table_columns, "tagged": lambda part: {}, "squad": lambda part: {}}


def quick_config(base: RunConfig, folder: Path, part: Any, size: int) -> RunConfig:
    """A Quick run of the base run's model on one subset, with its validation and test."""
    kind = task_kind(part.task)
    suffix = kind.export_suffix
    paths = {name: folder / f"{name}-{size}{suffix}" if name == "train" else
             folder / f"{name}{suffix}" for name in ("train", "validation", "test")}
    _write_part(part.train.frame, paths["train"], kind)
    for name in ("validation", "test"):
        examples = getattr(part, name)
        if examples is not None and len(examples.frame) and not paths[name].exists():
            _write_part(examples.frame, paths[name], kind)
    data = DataConfig(
        train=str(paths["train"]), validation=str(paths["validation"]),
        test=str(paths["test"]) if paths["test"].exists() else None,
        validation_fraction=0.0, test_fraction=0.0, **_COLUMNS[kind.reader](part))
    training = TrainingConfig(seed=base.training.seed, mode=base.training.mode,
                              extend_vocabulary=base.training.extend_vocabulary)
    return RunConfig(task=part.task, data=data, model=base.model, preset="quick",
                     training=training, name=f"learning curve {size}")


def model_points(base: RunConfig, subs: list[Any], folder: Path,
                 on_point: Callable[[int, float], None]) -> list[tuple[int, float]]:
    points = []
    for part in subs:
        size = len(part.train.frame)
        config = quick_config(base, folder, part, size)
        run_dir = folder / f"run-{size}"
        run_dir.mkdir(parents=True, exist_ok=True)
        train(config, run_dir)
        shutil.rmtree(RunFolder(run_dir).model, ignore_errors=True)  # only its scores are kept
        evaluation = runs.read_eval(run_dir) or {}
        report = evaluation.get("test") or evaluation.get("validation") or {}
        metric = _metric(part)
        if metric in report:
            points.append((size, float(report[metric])))
            on_point(size, float(report[metric]))
    return points


# ----- the curve as a whole ---------------------------------------------------------------------

def run_splits(run_dir: Path) -> tuple[RunConfig, Any]:
    record = RunFolder(run_dir).read_record() or RunRecord()
    config = record.run_config()
    for name in ("train", "validation", "test"):
        path = getattr(config.data, name)
        if path and not Path(path).is_file():
            raise UserError(Text("training.curve.file_gone.message",
                                 {"part": name, "file": Path(path).name}),
                            Text("training.curve.file_gone.fix"))
    return config, make_splits(config)


def summary(points: dict[str, list[tuple[int, float]]], metric: str, n_now: int,
            splits: Any = None) -> dict:
    fits = {learner: fit_log(pts) for learner, pts in points.items()}
    learner = "model" if len(points.get("model") or []) >= MIN_POINTS else "baseline"
    held_out = _held_out(splits) if splits is not None else "test"
    n_held_out = len(getattr(splits, held_out).frame) if splits is not None else None
    code = advice_code(fits.get(learner), n_now, metric, learner, n_held_out, held_out)
    return {"metric": metric, "metric_name": metric_name(metric), "n_now": n_now,
            "points": {k: [list(p) for p in v] for k, v in points.items()},
            "fits": {k: dataclasses.asdict(f) for k, f in fits.items() if f is not None},
            "advice": render_advice(code), "advice_code": code, "advice_from": learner,
            "n_held_out": n_held_out}


def baseline_curve(run_dir: Path) -> dict:
    """The baseline's learning curve for a run, in seconds (no file written)."""
    _, splits = run_splits(run_dir)
    sizes = curve_sizes(len(splits.train.frame), len(splits.labels))
    points = {"baseline": baseline_points(subsets(splits, sizes))}
    return {**summary(points, _metric(splits), len(splits.train.frame), splits),
            "held_out": _held_out(splits)}


def compute(run_dir: Path, with_model: bool) -> dict:
    """Baseline (and optionally model) curve, written to curve.json after every point."""
    run_dir = Path(run_dir)
    folder = RunFolder(run_dir).curve_folder
    folder.mkdir(exist_ok=True)
    config, splits = run_splits(run_dir)
    sizes = curve_sizes(len(splits.train.frame), len(splits.labels))
    subs = subsets(splits, sizes)
    metric, n_now = _metric(splits), len(splits.train.frame)
    points: dict[str, list[tuple[int, float]]] = {"baseline": baseline_points(subs)}
    pid, started = own_process()
    state = {"state": "running" if with_model else "done", "pid": pid, "pid_started": started,
             "sizes": sizes, "held_out": _held_out(splits), "started": time.time()}

    def write() -> None:
        runs.write_json_atomic(RunFolder(run_dir).curve,
                               {**state, **summary(points, metric, n_now, splits)})

    write()
    if with_model:
        points["model"] = []

        def on_point(size: int, score: float) -> None:
            points["model"].append((size, score))
            write()

        model_points(config, subs, folder, on_point)
        state["state"] = "done"
        write()
    return {**state, **summary(points, metric, n_now, splits)}
