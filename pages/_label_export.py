"""Label page, the "Export and train" tab: download the labels, train runs, delete the project."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.label import label_training, labeling
from pages import _format, _session
from pages._label_state import MODEL, PROJECT, _save_settings, _say


def export_view(project: labeling.Project, state: labeling.LabelState,
                texts: list[str]) -> None:
    st.markdown("**Download the labels**")
    rows = labeling.labeled_rows(project, state, texts)
    with st.container(horizontal=True):
        for fmt in labeling.EXPORT_FORMATS[project.task]:
            st.download_button(
                f"Labels as {fmt.upper()}",
                data=labeling.export_bytes(project, rows, fmt) if rows else b"",
                file_name=labeling.export_filename(project, fmt), key=f"label_export_{fmt}",
                mime="text/csv" if fmt == "csv" else "text/plain", on_click="ignore",
                icon=":material/download:", disabled=not rows,
                help="Every labeled text in a format the Data page reads back.")
    st.markdown("**Train a model**")
    problem = label_training.training_readiness(project, state)
    previous = label_training.latest_model_run(project)
    st.caption("A run trains in the background on every label so far and goes on from the "
               "project's last model" if previous else
               "A run trains in the background on every label so far, from the built-in model")
    if st.button("Train a model on these labels", type="primary", key="label_train",
                 icon=":material/model_training:", disabled=problem is not None,
                 help=_format.md(problem) if problem else "Starts a run you can watch on the "
                      "Train page; this page keeps working meanwhile."):
        info = label_training.send_to_training(project, state, texts)
        st.session_state[_session.RUN_ID] = info.run_id
        _say("success", f"Training started on {len(state.labels):,} labels"
             + (" (it waits for the run training now)." if info.state == "queued" else "."))
        st.rerun()
    if problem:
        st.caption(_format.md(problem))
    st.toggle("Train in the background as I label", value=project.auto_train,
              key="label_auto_train", on_change=_save_settings, args=(project.project_id,),
              help=f"Starts a run after {label_training.AUTO_TRAIN_FIRST} labels and again "
                   f"after every {label_training.AUTO_TRAIN_EVERY} new ones.")
    project_runs = label_training.project_runs(project)
    if project_runs:
        st.dataframe(pd.DataFrame({
            "run": [r.name for r in project_runs],
            "state": [_format.STATE_WORDS.get(r.state, r.state) for r in project_runs],
            "test score": [label_training.run_score(r) for r in project_runs],
            "started": [_format.when(r.created) for r in project_runs]}), hide_index=True,
            width="stretch")
        if st.button("Open the Train page", key="label_to_train", icon=":material/monitoring:",
                     help="Watch the newest run of this project learn."):
            st.session_state[_session.RUN_ID] = project_runs[0].run_id
            st.switch_page("pages/train.py", query_params={"run": project_runs[0].run_id})
    with st.expander("Delete this project", icon=":material/delete:"):
        sure = st.checkbox("Yes, delete the project and its labels", key="label_delete_sure",
                           help="The labels are lost; runs trained from them are kept.")
        if st.button("Delete", key="label_delete", disabled=not sure,
                     help="Remove the project from the workspace."):
            labeling.delete_project(project.project_id)
            st.session_state.pop(PROJECT, None)
            st.session_state.pop(MODEL, None)
            _say("success", f"Project {project.name} was deleted.")
            st.rerun()
