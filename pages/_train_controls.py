"""Train page, the buttons beside the header: stop, resume, retry with half the batch, and on
to the Test page."""

from __future__ import annotations

import streamlit as st

from core.jobs import queue as jobs
from core.text import t
from core.workspace import runs
from pages import _session

RESUMABLE_FAILURES = ("disk_full", "unwritable", "unexpected")  # not bad input, not memory


def controls(info: runs.RunInfo) -> None:
    if info.is_active:
        asked = runs.stop_requested(info.path)
        if st.button(t("train.controls.stopping" if asked else "train.controls.stop"),
                     icon=":material/stop:", disabled=asked, key="train_stop",
                     help=t("train.controls.stop_help")):
            jobs.stop_run(info.path)
            st.rerun()
    elif info.state == "failed" and jobs.half_batch(info.path):
        retry_button(info)
    elif info.state in ("interrupted", "stopped") or (
            info.state == "failed" and failure(info) in RESUMABLE_FAILURES):
        if st.button(t("train.controls.resume"), icon=":material/play_arrow:", type="primary",
                     key="train_resume", help=t("train.controls.resume_help")):
            resumed = jobs.resume_run(info.path)
            if resumed.state == "queued":
                _session.flash("warning", t("train.controls.resume_queued"))
            st.rerun()


def failure(info: runs.RunInfo) -> str:
    return str((runs.read_status(info.path) or {}).get("failure") or "")


def retry_button(info: runs.RunInfo) -> None:
    """After running out of memory: a new run with half the batch, the same examples per update."""
    batch, accumulation = jobs.half_batch(info.path)
    sizes = {"batch": batch, "accumulation": accumulation}
    if st.button(t("train.controls.retry"), icon=":material/replay:", type="primary",
                 key="train_retry_half_batch", help=t("train.controls.retry_help", **sizes)):
        retried = jobs.retry_with_half_batch(info.path)
        st.session_state[_session.RUN_ID] = retried.run_id
        st.query_params["run"] = retried.run_id
        if retried.state == "queued":
            _session.flash("warning", t("train.controls.retry_queued"))
        else:
            _session.flash("success", t("train.controls.retry_started", **sizes))
        st.rerun()


def continue_to_test(info: runs.RunInfo) -> None:
    """Opens the Test page on this run (not on the run viewed there before)."""
    if st.button(t("train.controls.to_test"), icon=":material/arrow_forward:",
                 key="train_to_test", type="primary" if info.state == "completed" else "secondary",
                 help=t("train.controls.to_test_help")):
        st.switch_page("pages/test.py", query_params={"run": info.run_id})
