"""Train page, the live part: the run's state, its progress bar and figures, the curves and
the log, redrawn every few seconds while the run is active (reading only new metrics lines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from core.jobs import queue as jobs
from core.text import duration, number, t
from core.workspace import runs
from core.workspace.folder import RunFolder
from core.workspace.processes import process_alive
from pages import _errors, _format, _train_curves
from pages._runs_list import problem

METRICS = "train_metrics"  # {"run_id", "offset", "events"}: what this session has read so far


def new_events(run_id: str, run_dir: Path) -> list[dict[str, Any]]:
    """All events of the run, reading only the lines added since the last call."""
    metrics = RunFolder(run_dir).metrics
    try:
        seen = metrics.stat()
        file_id = (seen.st_ino, seen.st_dev)
    except OSError:
        seen, file_id = None, None
    cache = st.session_state.get(METRICS)
    # a resume that starts again or cuts the curve replaces the file: read it from the start
    if not cache or cache["run_id"] != run_id or cache.get("file") != file_id \
            or (seen is not None and seen.st_size < cache["offset"]):
        cache = {"run_id": run_id, "offset": 0, "events": [], "file": file_id}
    events, cache["offset"] = runs.read_metrics(run_dir, cache["offset"])
    cache["events"].extend(events)
    st.session_state[METRICS] = cache
    return cache["events"]


def _finished_sentence(info: runs.RunInfo) -> str:
    took = duration(info.duration_s)
    if info.best_metric is None:
        return t("train.state.completed", duration=took)
    return t("train.state.completed_best", duration=took,
             metric=_format.metric_name(info.best_metric_name),
             value=_format.metric_value(info.best_metric))


def show_state(info: runs.RunInfo) -> None:
    error, fix = problem(info)
    said = {"error": error, "fix": fix}
    if info.state == "queued":
        st.info(t("train.state.queued"), icon=":material/schedule:")
    elif info.state == "completed":
        st.success(_finished_sentence(info), icon=":material/check_circle:")
    elif info.state == "failed":
        st.error(_format.md(t("train.state.failed", **said).strip()), icon=":material/error:")
    elif info.state == "interrupted":
        st.warning(_format.md(t("train.state.interrupted", **said).strip()),
                   icon=":material/pause_circle:")
    elif info.state == "stopped" and error:  # a resume that failed kept the model
        st.warning(_format.md(f"{error} {fix}".strip()), icon=":material/stop_circle:")
    elif info.state == "stopped":
        st.info(stopped_sentence(runs.read_status(info.path) or {}),
                icon=":material/stop_circle:")


def stopped_sentence(status: dict[str, Any]) -> str:
    """What a stopped run kept, as the worker recorded it when it stopped."""
    step = status.get("kept_checkpoint_step")
    if isinstance(step, int):
        return t("train.stopped.checkpoint", step=number(step))
    if status.get("kept_model"):
        return t("train.stopped.model_only")
    if "kept_model" in status or not status.get("train_started"):
        return t("train.stopped.nothing")
    return t("train.stopped.plain")


def progress_line(info: runs.RunInfo, status: dict[str, Any]) -> tuple[float, str]:
    """The bar's share and its sentence; a run ended by early stopping is done, not 60% done."""
    early = status.get("early_stopped_at")
    if info.state == "completed" and status.get("early_stopped") and isinstance(early, int):
        return 1.0, t("train.progress.early", step=number(early))
    if not info.total_steps:
        return 0.0, t("train.progress.preparing")
    share = min(1.0, max(0.0, info.step / info.total_steps))
    return share, t("train.progress.step", step=number(info.step),
                    total=number(info.total_steps))


def _epoch_value(info: runs.RunInfo) -> str:
    epochs = (info.config.get("training") or {}).get("epochs")
    if isinstance(epochs, (int, float)):
        return t("train.progress.epoch_of", epoch=number(info.epoch, 2), epochs=number(epochs))
    return number(info.epoch, 2)


def show_progress(info: runs.RunInfo, events: list[dict[str, Any]]) -> None:
    share, line = progress_line(info, runs.read_status(info.path) or {})
    st.progress(share, text=line)
    cols = st.columns(4)
    cols[0].metric(t("train.progress.epoch"), _epoch_value(info),
                   help=t("train.progress.epoch_help"))
    cols[1].metric(t("train.progress.elapsed"), duration(info.duration_s),
                   help=t("train.progress.elapsed_help"))
    cols[2].metric(t("train.progress.left"), duration(info.eta_s) if info.is_active else "-",
                   help=t("train.progress.left_help"))
    best = (t("train.progress.best", metric=_format.metric_name(info.best_metric_name))
            if info.best_metric_name else t("train.progress.best_score"))
    cols[3].metric(best, _format.metric_value(info.best_metric),
                   help=t("train.progress.best_help"))


def _alive(info: runs.RunInfo) -> bool:
    status = runs.read_status(info.path) or {}
    return process_alive(info.pid, status.get("pid_started"))


def live_view(run_dir: str, shown_state: str) -> None:
    """Redrawn every few seconds while the run is active, without rerunning the whole page."""
    path = Path(run_dir)
    info = runs.load_run(path)
    if info.state == "queued" or (info.state == "running" and not _alive(info)):
        jobs.reconcile()  # marks a vanished process interrupted, starts queued runs
        info = runs.load_run(path)
    if info.state != shown_state:
        st.rerun()  # buttons and polling depend on the state: redraw the whole page
    try:
        events = new_events(info.run_id, path)
        show_state(info)
        show_progress(info, events)
        _train_curves.show_curves(info, events)
        with st.expander(t("train.log.title"), icon=":material/article:"):
            st.code(runs.log_tail(path) or t("train.log.empty"), language=None)
    except Exception as exc:  # noqa: BLE001 - keep polling even if one redraw fails
        _errors.show_error(exc, "train.error.progress")
