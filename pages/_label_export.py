"""Label page, the "Export and train" tab: download the labels, train runs, delete the project."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.label import label_training, labeling
from core.text import t
from pages import _format, _session
from pages._label_state import MODEL, PROJECT, _save_settings, _say

MIMES = {"csv": "text/csv", "json": "application/json"}


def export_view(project: labeling.Project, state: labeling.LabelState,
                texts: list[str]) -> None:
    st.markdown(t("label.export.title"))
    rows = labeling.labeled_rows(project, state, texts)
    with st.container(horizontal=True):
        for fmt in labeling.export_formats(project):
            st.download_button(
                t("label.export.download", format=fmt.upper()),
                data=labeling.export_bytes(project, rows, fmt) if rows else b"",
                file_name=labeling.export_filename(project, fmt), key=f"label_export_{fmt}",
                mime=MIMES.get(fmt, "text/plain"), on_click="ignore",
                icon=":material/download:", disabled=not rows,
                help=t("label.export.download_help"))
    if project.has_smart_features:
        train_section(project, state, texts)
    else:
        st.caption(t("label.qa.train_elsewhere"))
    runs_table(project)
    delete_section(project)


def train_section(project: labeling.Project, state: labeling.LabelState,
                  texts: list[str]) -> None:
    st.markdown(t("label.train.title"))
    problem = label_training.training_readiness(project, state)
    previous = label_training.latest_model_run(project)
    st.caption(t("label.train.caption_continue" if previous else "label.train.caption_new"))
    if st.button(t("label.train.button"), type="primary", key="label_train",
                 icon=":material/model_training:", disabled=problem is not None,
                 help=_format.md(problem) if problem else t("label.train.button_help")):
        info = label_training.send_to_training(project, state, texts)
        st.session_state[_session.RUN_ID] = info.run_id
        _say("success", t("label.train.queued" if info.state == "queued"
                          else "label.train.started", count=len(state.labels)))
        st.rerun()
    if problem:
        st.caption(_format.md(problem))
    st.toggle(t("label.train.auto"), value=project.auto_train,
              key="label_auto_train", on_change=_save_settings, args=(project.project_id,),
              help=t("label.train.auto_help", first=label_training.AUTO_TRAIN_FIRST,
                     every=label_training.AUTO_TRAIN_EVERY))


def runs_table(project: labeling.Project) -> None:
    project_runs = label_training.project_runs(project)
    if not project_runs:
        return
    st.dataframe(pd.DataFrame({
        "run": [r.name for r in project_runs],
        "state": [_format.state_word(r.state) for r in project_runs],
        "score": [label_training.run_score(r) for r in project_runs],
        "started": [_format.when(r.created) for r in project_runs]}), hide_index=True,
        width="stretch", column_config={
            "run": st.column_config.TextColumn(t("label.train.run")),
            "state": st.column_config.TextColumn(t("label.train.state")),
            "score": st.column_config.TextColumn(t("label.train.score")),
            "started": st.column_config.TextColumn(t("label.train.started_at"))})
    if st.button(t("label.train.open"), key="label_to_train", icon=":material/monitoring:",
                 help=t("label.train.open_help")):
        st.session_state[_session.RUN_ID] = project_runs[0].run_id
        st.switch_page("pages/train.py", query_params={"run": project_runs[0].run_id})


def delete_section(project: labeling.Project) -> None:
    with st.expander(t("label.delete.title"), icon=":material/delete:"):
        sure = st.checkbox(t("label.delete.sure"), key="label_delete_sure",
                           help=t("label.delete.sure_help"))
        if st.button(t("label.delete.button"), key="label_delete", disabled=not sure,
                     help=t("label.delete.button_help")):
            labeling.delete_project(project.project_id)
            st.session_state.pop(PROJECT, None)
            st.session_state.pop(MODEL, None)
            _say("success", t("label.delete.done", name=project.name))
            st.rerun()
