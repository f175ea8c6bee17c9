"""Step 3, Train: the live view of one run, drawn from its folder on disk.

The run trains in its own process; this page only reads status.json and new lines of
metrics.jsonl. A reload or a second tab finds the run again from the URL (?run=<id>) or,
failing that, picks the run that is training now.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import streamlit as st

from core.errors import UserError
from core.jobs import queue as jobs
from core.models import loading as models
from core.workspace import runs
from core.workspace.processes import process_alive
from pages import _charts, _entry, _errors, _format, _session

POLL_SECONDS = 2.0
RESUMABLE_FAILURES = ("disk_full", "unwritable", "unexpected")  # not bad input, not memory
METRICS = "train_metrics"  # {"run_id", "offset", "events"}: what this session has read so far
CURVES = "train_curves"    # ((run_id, number of events), figures): the last figures drawn

_entry.run_through_app()


def pick_run(all_runs: list[runs.RunInfo]) -> runs.RunInfo | None:
    """The run to show: this session's choice, the URL's, the training one, or the newest."""
    usable = [r for r in all_runs if not r.damaged]
    by_id = {r.run_id: r for r in usable}
    linked = url_run_id()
    for wanted in (st.session_state.get(_session.RUN_ID), linked):
        if wanted in by_id:
            return by_id[wanted]
    if linked:
        st.warning(f"The link names run {_format.md(linked)}, which is not in this workspace "
                   "(or cannot be read); showing another run.", icon=":material/link_off:")
    for state in ("running", "queued"):
        for run in usable:
            if run.state == state:
                return run
    return usable[0] if usable else None


def url_run_id() -> str | None:
    """The run id in the URL (?run=...), when it is a well-formed id; anything else is ignored
    and said so, never used to build a path."""
    wanted = st.query_params.get("run")
    if not wanted:
        return None
    try:
        return runs.check_run_id(wanted)
    except UserError:
        st.warning("The link holds a run id that is not valid; showing another run.",
                   icon=":material/link_off:")
        return None


def _select(run_id_key: str) -> None:
    st.session_state[_session.RUN_ID] = st.session_state[run_id_key]


def new_events(run_id: str, run_dir: Path) -> list[dict[str, Any]]:
    """All events of the run, reading only the lines added since the last call."""
    metrics = run_dir / "metrics.jsonl"
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


def show_state(info: runs.RunInfo) -> None:
    if info.state == "queued":
        st.info("Waiting for the training in progress (another run or a learning curve) to "
                "finish; this one starts by itself.",
                icon=":material/schedule:")
    elif info.state == "completed":
        best = ""
        if info.best_metric is not None:
            best = (f" Best validation {_format.metric_name(info.best_metric_name)}: "
                    f"{_format.metric_value(info.best_metric)}.")
        st.success(f"Training finished in {_format.duration(info.duration_s)}.{best}",
                   icon=":material/check_circle:")
    elif info.state == "failed":
        st.error(_format.md(f"Training failed. {info.error} {info.fix}".strip()),
                 icon=":material/error:")
    elif info.state == "interrupted":
        st.warning(_format.md(f"Training was interrupted. {info.error} {info.fix}".strip()),
                   icon=":material/pause_circle:")
    elif info.state == "stopped" and info.error:  # a resume that failed kept the model
        st.warning(_format.md(f"{info.error} {info.fix}".strip()), icon=":material/stop_circle:")
    elif info.state == "stopped":
        st.info(stopped_sentence(runs.read_status(info.path) or {}),
                icon=":material/stop_circle:")


def stopped_sentence(status: dict[str, Any]) -> str:
    """What a stopped run kept, as the worker recorded it when it stopped."""
    step = status.get("kept_checkpoint_step")
    if isinstance(step, int):
        return (f"You stopped this run. Its model and a checkpoint at step {step:,} are kept: "
                "Resume continues from there.")
    if status.get("kept_model"):
        return ("You stopped this run. Its model is kept, but no checkpoint was saved, so "
                "Resume starts again from the beginning.")
    if "kept_model" in status or not status.get("train_started"):
        return "Nothing was kept: the run stopped before its first checkpoint."
    return "You stopped this run."


def progress_line(info: runs.RunInfo, status: dict[str, Any]) -> tuple[float, str]:
    """The bar's share and its sentence; a run ended by early stopping is done, not 60% done."""
    early = status.get("early_stopped_at")
    if info.state == "completed" and status.get("early_stopped") and isinstance(early, int):
        return 1.0, f"Stopped early at step {early:,}: no longer improving."
    if not info.total_steps:
        return 0.0, "Preparing the data and the model..."
    share = min(1.0, max(0.0, info.step / info.total_steps))
    return share, f"Step {info.step:,} of {info.total_steps:,}"


def show_progress(info: runs.RunInfo, events: list[dict[str, Any]]) -> None:
    epochs = (info.config.get("training") or {}).get("epochs")
    of_epochs = f" of {epochs:g}" if isinstance(epochs, (int, float)) else ""
    share, line = progress_line(info, runs.read_status(info.path) or {})
    st.progress(share, text=line)
    cols = st.columns(4)
    cols[0].metric("Epoch", f"{info.epoch:.2f}{of_epochs}",
                   help="How many times the model has read all training examples.")
    cols[1].metric("Elapsed", _format.duration(info.duration_s),
                   help="Time since training started.")
    cols[2].metric("Time left", _format.duration(info.eta_s) if info.is_active else "-",
                   help="Estimated from this run's pace so far, evaluations included.")
    cols[3].metric(f"Best {_format.metric_name(info.best_metric_name or 'score')}",
                   _format.metric_value(info.best_metric),
                   help="The best validation score so far; that checkpoint is the one kept.")


def build_curves(events: list[dict[str, Any]], active: bool) -> dict[str, Any]:
    """Figures, hint and counts for the events (rebuilt only when new events arrived)."""
    train = _charts.events_frame(events, "train")
    evals = _charts.events_frame(events, "eval")
    system = _charts.events_frame(events, "system")
    curves: dict[str, Any] = {"n_train": len(train), "n_eval": len(evals), "figures": {}}
    if train.empty and evals.empty:
        return curves
    curves["hint"] = _charts.overfitting_hint(train, evals, active)
    figures = curves["figures"]
    figures["curve_loss"] = _charts.loss_chart(train, evals)
    if not evals.empty:
        figures["curve_metric"] = _charts.metric_chart(evals)
    figures["curve_lr"] = _charts.single_chart(train, "learning_rate", "Learning rate",
                                               "learning rate", "#7C3AED")
    speed = train["examples_per_s"].dropna() if "examples_per_s" in train else []
    title = f"Speed: {speed.iloc[-1]:.0f} examples/s" if len(speed) else "Speed"
    figures["curve_speed"] = _charts.single_chart(train, "examples_per_s", title,
                                                  "examples per second", "#059669")
    if not system.empty:
        figures["curve_gpu_mem"] = _charts.single_chart(system, "gpu_memory_mb", "GPU memory",
                                                        "MB", "#DC2626")
        figures["curve_gpu_util"] = _charts.single_chart(system, "gpu_util", "GPU use",
                                                         "share busy", "#EA580C")
    return curves


def show_curves(info: runs.RunInfo, events: list[dict[str, Any]]) -> None:
    # Building plotly figures is the costly part of a redraw: reuse them until new events come.
    cached = st.session_state.get(CURVES)
    version = (info.run_id, len(events), info.is_active)
    if not cached or cached[0] != version:
        cached = (version, build_curves(events, info.is_active))
        st.session_state[CURVES] = cached
    curves = cached[1]
    figures = curves["figures"]
    if not figures:
        st.caption("The curves appear after the first training steps.")
        return
    if curves.get("hint"):
        st.warning(curves["hint"], icon=":material/trending_up:")
    left, right = st.columns(2)
    left.plotly_chart(figures["curve_loss"], key="curve_loss")
    if "curve_metric" in figures:
        right.plotly_chart(figures["curve_metric"], key="curve_metric")
    else:
        right.caption("The validation score appears after the first evaluation.")
    with st.expander("More charts: learning rate and speed", icon=":material/monitoring:"):
        left, right = st.columns(2)
        left.plotly_chart(figures["curve_lr"], key="curve_lr")
        right.plotly_chart(figures["curve_speed"], key="curve_speed")
        if "curve_gpu_mem" in figures:
            left, right = st.columns(2)
            left.plotly_chart(figures["curve_gpu_mem"], key="curve_gpu_mem")
            right.plotly_chart(figures["curve_gpu_util"], key="curve_gpu_util")
    st.caption(f"{curves['n_train']} training points and {curves['n_eval']} evaluations so far "
               f"· updated {time.strftime('%H:%M:%S')}")


def _alive(info: runs.RunInfo) -> bool:
    status = runs.read_status(info.path) or {}
    return process_alive(info.pid, status.get("pid_started"))


def live_view(run_dir: str, shown_state: str) -> None:
    """Redrawn every POLL_SECONDS while the run is active, without rerunning the whole page."""
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
        show_curves(info, events)
        with st.expander("Training log (last lines)", icon=":material/article:"):
            st.code(runs.log_tail(path) or "(empty)", language=None)
    except Exception as exc:  # noqa: BLE001 - keep polling even if one redraw fails
        _errors.show_error(exc, "drawing the training progress")


def controls(info: runs.RunInfo) -> None:
    if info.is_active:
        asked = runs.stop_requested(info.path)
        if st.button("Stopping..." if asked else "Stop", icon=":material/stop:",
                     disabled=asked, key="train_stop",
                     help="Stops after the current step and saves a checkpoint there, so "
                          "Resume can continue from it."):
            jobs.stop_run(info.path)
            st.rerun()
    elif info.state == "failed" and jobs.half_batch(info.path):
        retry_button(info)
    elif info.state in ("interrupted", "stopped") or (
            info.state == "failed" and failure(info) in RESUMABLE_FAILURES):
        if st.button("Resume", icon=":material/play_arrow:", type="primary", key="train_resume",
                     help="Continue training from the last saved checkpoint."):
            resumed = jobs.resume_run(info.path)
            if resumed.state == "queued":
                _session.flash("warning", "Another run is training; this one continues when "
                                          "that one ends.")
            st.rerun()


def failure(info: runs.RunInfo) -> str:
    return str((runs.read_status(info.path) or {}).get("failure") or "")


def retry_button(info: runs.RunInfo) -> None:
    """After running out of memory: a new run with half the batch, the same examples per update."""
    batch, accumulation = jobs.half_batch(info.path)
    if st.button("Retry with half the batch size", icon=":material/replay:", type="primary",
                 key="train_retry_half_batch",
                 help=f"Starts a new run with batch size {batch} and gradient accumulation "
                      f"{accumulation}: each update still sees as many examples, in about half "
                      f"the memory."):
        retried = jobs.retry_with_half_batch(info.path)
        st.session_state[_session.RUN_ID] = retried.run_id
        st.query_params["run"] = retried.run_id
        if retried.state == "queued":
            _session.flash("warning", "Another run is training; the retry starts when that "
                                      "one ends.")
        else:
            _session.flash("success", f"Started again with batch size {batch} and gradient "
                                      f"accumulation {accumulation}.")
        st.rerun()


def continue_to_test(info: runs.RunInfo) -> None:
    """Opens the Test page on this run (not on the run viewed there before)."""
    if st.button("Continue to Test", icon=":material/arrow_forward:", key="train_to_test",
                 type="primary" if info.state == "completed" else "secondary",
                 help="See how this run's model does on texts it never saw, try it and "
                      "export it."):
        st.switch_page("pages/test.py", query_params={"run": info.run_id})


def render() -> None:
    _session.show_flash()
    all_runs = jobs.current_runs()
    run = pick_run(all_runs)
    if run is None:
        st.header("Training")
        st.info("No training run yet. Choose data and a model, then press Start training.")
        if st.button("Go to the Model step", icon=":material/arrow_back:",
                     help="Pick a model and start a run."):
            st.switch_page("pages/model.py")
        return
    st.session_state[_session.RUN_ID] = run.run_id
    st.query_params["run"] = run.run_id  # a reload finds the same run again

    head, state, action = st.columns([6, 2, 2], vertical_alignment="center")
    with head:
        st.header(_format.md(run.name or run.run_id))
    with state:
        st.markdown(f"**{_format.STATE_LABELS.get(run.state, run.state)}**")
    with action:
        controls(run)
    others = {r.run_id: r for r in all_runs if not r.damaged}
    if len(others) > 1:
        st.session_state["train_run"] = run.run_id
        st.selectbox("Show another run", list(others), key="train_run",
                     format_func=lambda k: _format.run_label(others[k], with_date=True),
                     on_change=_select, args=("train_run",),
                     help="Every run is kept; pick one to see its curves.")
    model_name = _format.md(models.display_name(run.model))
    st.caption(f"{run.task.replace('-', ' ')} · model {model_name} · data "
               f"{_format.md(run.dataset)}")
    if run.state in ("completed", "stopped"):  # the states the Test page offers
        continue_to_test(run)
    interval = POLL_SECONDS if run.is_active else None
    st.fragment(live_view, run_every=interval)(str(run.path), run.state)


try:
    render()
except UserError as exc:
    _errors.show_error(exc)
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "showing the training run")
