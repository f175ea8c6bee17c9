"""Train page, which run to show: this session's choice, the URL's, the training one, or the
newest; the picker for another run and the caption naming its task, model and data."""

from __future__ import annotations

import streamlit as st

from core.errors import UserError
from core.models import loading as models
from core.tasks import is_task, task_kind
from core.text import t
from core.workspace import runs
from pages import _format, _session

PICKER = "train_run"  # the selectbox's key


def pick_run(all_runs: list[runs.RunInfo]) -> runs.RunInfo | None:
    """The run to show: this session's choice, the URL's, the training one, or the newest."""
    usable = [r for r in all_runs if not r.damaged]
    by_id = {r.run_id: r for r in usable}
    linked = url_run_id()
    for wanted in (st.session_state.get(_session.RUN_ID), linked):
        if wanted in by_id:
            return by_id[wanted]
    if linked:
        st.warning(t("train.pick.link_missing", run=_format.md(linked)),
                   icon=":material/link_off:")
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
        st.warning(t("train.pick.link_invalid"), icon=":material/link_off:")
        return None


def _select(run_id_key: str) -> None:
    st.session_state[_session.RUN_ID] = st.session_state[run_id_key]


def other_runs(run: runs.RunInfo, all_runs: list[runs.RunInfo]) -> None:
    """A picker for another run, when there is more than one."""
    others = {r.run_id: r for r in all_runs if not r.damaged}
    if len(others) > 1:
        st.session_state[PICKER] = run.run_id
        st.selectbox(t("train.pick.other"), list(others), key=PICKER,
                     format_func=lambda k: _format.run_label(others[k], with_date=True),
                     on_change=_select, args=(PICKER,), help=t("train.pick.other_help"))


def caption(run: runs.RunInfo) -> None:
    """'text classification · model ... · data ...' under the header."""
    names = {"model": _format.md(models.display_name(run.model)),
             "dataset": _format.md(run.dataset)}
    if is_task(run.task):
        st.caption(t(f"train.caption.{task_kind(run.task).key}", **names))
    else:
        st.caption(t("train.caption.other_task", task=_format.md(run.task), **names))
