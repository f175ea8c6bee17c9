"""The Runs page's table of every run, and the names its pickers and tables give a run."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from core.models import loading as models
from core.tasks import is_task, task_kind
from core.text import t
from core.workspace import runs
from pages import _format

NOTE_STATES = ("failed", "interrupted", "stopped")  # a run whose error and fix are its note


def unique_labels(choices: list[runs.RunInfo],
                  label: Callable[[runs.RunInfo], str]) -> dict[str, str]:
    """`label(run)` per run id, with the id added where two labels would be equal (a picker
    reports the chosen label, so two equal labels would make the choice jump)."""
    labels = {r.run_id: label(r) for r in choices}
    seen: dict[str, int] = {}
    for text in labels.values():
        seen[text] = seen.get(text, 0) + 1
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in labels.items()}


def column_names(selected: list[runs.RunInfo]) -> dict[str, str]:
    """A name per run id for tables and charts: the run's name, with its id where two chosen
    runs share a name (a table keyed by name would silently show one of them)."""
    names = {r.run_id: r.name or r.run_id for r in selected}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {k: t("runs.picker.with_id", name=v, run_id=k) if counts[v] > 1 else v
            for k, v in names.items()}


def score(metric: str | None, value: float | None) -> str:
    """'accuracy 0.800', or '-' without a score."""
    if value is None:
        return "-"
    return t("runs.table.score", metric=_format.metric_name(metric or ""),
             value=_format.metric_value(value))


def task_name(task: str | None) -> str:
    """The task's name in the runs table; a task this version does not know stays as saved."""
    if not task:
        return "-"
    return t(f"runs.task.{task_kind(task).key}") if is_task(task) else task


def problem(r: runs.RunInfo) -> tuple[str, str]:
    """The run's error and fix in the reader's language (the saved status keeps them as
    catalogue keys; a run saved before keeps its sentences as they were)."""
    return r.problem()


def note(r: runs.RunInfo) -> str:
    if r.damaged:
        return r.error
    return " ".join(problem(r)).strip() if r.state in NOTE_STATES else ""


def runs_table(all_runs: list[runs.RunInfo]) -> pd.DataFrame:
    rows = []
    for r in all_runs:
        rows.append({
            t("runs.table.name"): r.name or r.run_id,
            t("runs.table.state"): _format.state_word("damaged" if r.damaged else r.state),
            t("runs.table.task"): task_name(r.task),
            t("runs.table.model"): "-" if r.damaged else models.display_name(r.model),
            t("runs.table.data"): r.dataset or "-",
            t("runs.table.best"): score(r.best_metric_name, r.best_metric),
            t("runs.table.duration"): _format.duration(r.duration_s),
            t("runs.table.created"): _format.when(r.created),
            t("runs.table.note"): note(r),
        })
    return pd.DataFrame(rows)
