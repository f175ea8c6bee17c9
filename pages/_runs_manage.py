"""The Runs page's rename, open and delete of one run."""

from __future__ import annotations

import streamlit as st

from core.text import t
from core.workspace import runs
from pages import _format, _session
from pages._runs_list import unique_labels

PICKER = "runs_manage"
CONFIRM_DELETE = "runs_confirm_delete"


def _rename_and_open(run: runs.RunInfo) -> None:
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    with left:
        new_name = st.text_input(t("runs.manage.new_name"), value=run.name,
                                 key=f"runs_name_{run.run_id}", max_chars=100,
                                 disabled=run.damaged, help=t("runs.manage.new_name_help"))
    with mid:
        if st.button(t("runs.manage.rename"), key="runs_rename", disabled=run.damaged,
                     help=t("runs.manage.rename_help"), icon=":material/edit:"):
            runs.rename_run(run.path, new_name)
            _session.flash("success", t("runs.manage.renamed", name=new_name.strip()))
            st.rerun()
    with right:
        if st.button(t("runs.manage.open"), key="runs_open", disabled=run.damaged,
                     icon=":material/monitoring:", help=t("runs.manage.open_help")):
            st.session_state[_session.RUN_ID] = run.run_id
            st.switch_page("pages/train.py", query_params={"run": run.run_id})


def manage(all_runs: list[runs.RunInfo]) -> None:
    st.subheader(t("runs.manage.heading"))
    by_id = {r.run_id: r for r in all_runs}
    labels = unique_labels(all_runs, _format.run_label)
    _session.resend_if_renamed(PICKER, labels)
    run_id = st.selectbox(t("runs.manage.run"), list(by_id), key=PICKER,
                          format_func=labels.__getitem__, help=t("runs.manage.run_help"))
    run = by_id[run_id]
    _rename_and_open(run)
    if st.button(t("runs.manage.delete"), key="runs_delete", icon=":material/delete:",
                 disabled=run.is_active, help=t("runs.manage.delete_help")):
        st.session_state[CONFIRM_DELETE] = run_id
    if run.is_active:
        st.caption(t("runs.manage.stop_first"))
    if st.session_state.get(CONFIRM_DELETE) == run_id and not run.is_active:
        confirm_delete(run)


def _keep_the_run() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


def _confirm_delete(run: runs.RunInfo) -> None:
    st.warning(t("runs.delete.question", name=_format.md(run.name or run.run_id)),
               icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(t("runs.delete.yes"), type="primary", key="runs_delete_yes",
                  help=t("runs.delete.yes_help")):
        _keep_the_run()
        runs.delete_run(run.path)
        if st.session_state.get(_session.RUN_ID) == run.run_id:
            st.session_state.pop(_session.RUN_ID, None)
        _session.flash("success", t("runs.delete.done", name=run.name or run.run_id))
        st.rerun()
    if no.button(t("runs.delete.cancel"), key="runs_delete_no",
                 help=t("runs.delete.cancel_help")):
        _keep_the_run()
        st.rerun()


def confirm_delete(run: runs.RunInfo) -> None:
    """Ask before deleting, in a dialog: it sits in the middle of the window wherever the Delete
    button was, so its buttons are never below the fold (a confirmation under the button was,
    at 1280x800). Made here rather than by a decorator, so that its title is written in the
    reader's language."""
    st.dialog(t("runs.delete.title"), on_dismiss=_keep_the_run)(_confirm_delete)(run)
