"""Step 3, Train: the live view of one run, drawn from its folder on disk.

The run trains in its own process; this page only reads the run's status and the new lines of
its training events (core.workspace.runs). A reload or a second tab finds the run again from
the URL (?run=<id>) or, failing that, picks the run that is training now.

This file lays the page out; its parts are beside it: _train_pick.py (which run),
_train_controls.py (stop, resume, retry, on to Test), _train_live.py (state, progress, log)
and _train_curves.py (the charts).
"""

from __future__ import annotations

import streamlit as st

from core.jobs import queue as jobs
from core.text import t
from pages import _entry, _errors, _format, _session
from pages._train_controls import RESUMABLE_FAILURES, continue_to_test, controls
from pages._train_live import live_view
from pages._train_pick import caption, other_runs, pick_run

__all__ = ["POLL_SECONDS", "RESUMABLE_FAILURES", "render"]

POLL_SECONDS = 2.0

_entry.run_through_app()


def no_run_yet() -> None:
    st.header(t("train.empty.header"))
    st.info(t("train.empty.info"))
    if st.button(t("train.empty.to_model"), icon=":material/arrow_back:",
                 help=t("train.empty.to_model_help")):
        st.switch_page("pages/model.py")


def render() -> None:
    _session.show_flash()
    all_runs = jobs.current_runs()
    run = pick_run(all_runs)
    if run is None:
        no_run_yet()
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
    other_runs(run, all_runs)
    caption(run)
    if run.state in ("completed", "stopped"):  # the states the Test page offers
        continue_to_test(run)
    interval = POLL_SECONDS if run.is_active else None
    st.fragment(live_view, run_every=interval)(str(run.path), run.state)


_errors.page(render, "train.error.page")
