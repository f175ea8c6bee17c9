"""From a label project to training runs: stable splits, data files, runs started in the background.

Each labeled item gets its split (train, validation or test) the first time it is sent to
training and keeps it (`splits.json`), so a later run never tests on a text an earlier run of
the project learned from. Within each label, the 8th of every 10 examples goes to validation and
the 9th to test, in the order they were labeled; the rest train. A run continues from the model
of the project's latest finished run ("retraining continues from the last model").

A run's own score is shown only once its test split is large enough to mean something
(core.label.prelabel.MIN_HELD_OUT texts); before that, 21 labels would give one test text and a
"correct on 1 of 1" that says nothing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from core.config import DataConfig, RunConfig, TrainingConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.label.labeling import (
    LabelState,
    Project,
    export_bytes,
    labeled_rows,
    save_project,
)
from core.label.prelabel import MIN_HELD_OUT
from core.models.loading import recommended_learning_rate
from core.text import Text, number, t
from core.workspace import runs
from core.workspace.folder import RunFolder

SPLIT_CYCLE = 10
VALIDATION_SLOT = 7
TEST_SLOT = 8
MIN_LABELS_TO_TRAIN = 10
MIN_PER_LABEL_TO_TRAIN = 2
AUTO_TRAIN_FIRST = 50   # labels before the first background run
AUTO_TRAIN_EVERY = 100  # new labels before the next one
PRESET = "balanced"


def training_readiness(project: Project, state: LabelState) -> str | None:
    """None when the labels can train a model, else one sentence saying what is missing."""
    n = len(state.labels)
    if n < MIN_LABELS_TO_TRAIN:
        return t("label.ready.train_count", needed=MIN_LABELS_TO_TRAIN, count=n)
    counts = state.counts()
    if project.kind.shows_entities:
        return None if counts else t("label.ready.train_entity")
    usable = [label for label in project.labels if counts[label] >= MIN_PER_LABEL_TO_TRAIN]
    if len(usable) < (1 if project.multi_label else 2):
        return t("label.ready.train_per_label", count=MIN_PER_LABEL_TO_TRAIN)
    return None


def assign_splits(project: Project, state: LabelState) -> dict[int, str]:
    """The split of every labeled item; new items are assigned and saved, old ones keep theirs."""
    saved = runs.read_json(project.path / "splits.json") or {}
    assigned = {int(k): v for k, v in (saved.get("items") or {}).items()
                if v in ("train", "validation", "test")}
    per_group: dict[str, int] = {}
    for item in assigned:
        if item in state.labels:
            key = _group(project, state.labels[item])
            per_group[key] = per_group.get(key, 0) + 1
    changed = False
    for item in state.order:
        if item in assigned:
            continue
        key = _group(project, state.labels[item])
        slot = per_group.get(key, 0) % SPLIT_CYCLE
        per_group[key] = per_group.get(key, 0) + 1
        assigned[item] = ("validation" if slot == VALIDATION_SLOT
                          else "test" if slot == TEST_SLOT else "train")
        changed = True
    if changed:
        runs.write_json_atomic(project.path / "splits.json",
                               {"items": {str(k): v for k, v in sorted(assigned.items())}})
    return {item: part for item, part in assigned.items() if item in state.labels}


def _group(project: Project, value: list) -> str:
    return str(value[0]) if project.kind.stratify(project.multi_label) else ""


def write_training_files(project: Project, state: LabelState, texts: Sequence[str],
                         folder: Path) -> DataConfig:
    """The labeled items as train / validation / test files in `folder`, and how to read them."""
    problem = training_readiness(project, state)
    if problem:
        raise UserError(Text("labeling.not_enough_labels.message"), problem)
    folder.mkdir(parents=True, exist_ok=True)
    splits = assign_splits(project, state)
    fmt = project.kind.export_format
    paths: dict[str, str | None] = {}
    for part in ("train", "validation", "test"):
        items = [i for i, p in splits.items() if p == part]
        if not items:
            paths[part] = None
            continue
        path = folder / f"{part}.{fmt}"
        path.write_bytes(export_bytes(project, labeled_rows(project, state, texts, items), fmt))
        paths[part] = str(path)
    if paths["train"] is None:
        raise UserError(Text("labeling.nothing_left.message"), Text("labeling.nothing_left.fix"))
    data = DataConfig(train=paths["train"], validation=paths["validation"], test=paths["test"],
                      test_fraction=0.1 if paths["test"] else 0.0)
    if not project.kind.shows_entities:
        data.text_column = "text"
        data.label_column = "labels" if project.multi_label else "label"
        data.text_pair_column = ""
        data.split_column = ""
        data.multi_label = project.multi_label
        data.label_separator = "|" if project.multi_label else None
    return data


def project_runs(project: Project) -> list[runs.RunInfo]:
    """The project's runs that still exist, newest first."""
    found = []
    for entry in project.runs:
        try:
            path = runs.run_path(str(entry.get("run_id")))
        except UserError:
            continue
        if path.is_dir():
            found.append(runs.load_run(path))
    return sorted(found, key=lambda r: (r.created or 0.0, r.run_id), reverse=True)


def latest_model_run(project: Project) -> runs.RunInfo | None:
    """The newest finished run of the project whose model folder can be loaded."""
    for info in project_runs(project):
        if info.state in ("completed", "stopped") \
                and RunFolder(info.path).has_model():
            return info
    return None


def next_run_config(project: Project, data: DataConfig, n_labels: int) -> RunConfig:
    previous = latest_model_run(project)
    training = TrainingConfig()
    model = project.model
    if previous is not None:
        model = str(RunFolder(previous.path).model)
        # the base model's rate, not the lower one used for unknown folders
        training.learning_rate = recommended_learning_rate(project.model)
    return RunConfig(task=project.task, data=data, model=model, preset=PRESET, training=training,
                     name=t("labeling.run_name", project=project.name, count=str(n_labels))[:100])


def send_to_training(project: Project, state: LabelState, texts: Sequence[str]) -> runs.RunInfo:
    """Write the labels to files and start (or queue) a run on them; the project records it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = project.path / "training_data" / f"{stamp}-{len(state.labels)}"
    data = write_training_files(project, state, texts, folder)
    config = next_run_config(project, data, len(state.labels))
    info = jobs.start_run(config)
    project.runs.append({"run_id": info.run_id, "n_labels": len(state.labels),
                         "created": time.time(), "model": config.model})
    save_project(project)
    return info


def auto_train_due(project: Project, state: LabelState) -> bool:
    """Whether a background run should start now: enough new labels and none of ours active."""
    if not project.auto_train or training_readiness(project, state) is not None:
        return False
    if any(r.is_active for r in project_runs(project)):
        return False
    last = max((int(r.get("n_labels") or 0) for r in project.runs), default=None)
    needed = AUTO_TRAIN_FIRST if last is None else last + AUTO_TRAIN_EVERY
    return len(state.labels) >= needed


def maybe_auto_train(project: Project, state: LabelState,
                     texts: Sequence[str]) -> runs.RunInfo | None:
    return send_to_training(project, state, texts) if auto_train_due(project, state) else None


def run_score(info: runs.RunInfo) -> str:
    """The run's test score for the project's run list, or why it cannot be measured yet."""
    from core.scoring.metrics import METRIC_NAMES  # lazy: loads sklearn

    evaluation = runs.read_eval(info.path) or {}
    split = "test" if evaluation.get("test") else "validation"
    report = evaluation.get(split) or {}
    metric = str(evaluation.get("best_metric") or "")
    n = int(report.get("n") or 0)
    if not report or metric not in report:
        return "-"
    if n < MIN_HELD_OUT:
        return t("label.score.unmeasured", texts=t(
            "label.held_out.validation" if split == "validation" else "label.held_out.test",
            count=n))
    return t("label.score.value", metric=METRIC_NAMES.get(metric, metric),
             value=number(float(report[metric]), 3), texts=t(
                 "label.held_out.validation" if split == "validation" else "label.held_out.test",
                 count=n))
