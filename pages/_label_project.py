"""Label page: creating a label project from an uploaded file, and choosing the open one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from core.label import labeling
from core.workspace import uploads
from pages import _format
from pages._label_state import NEW, OPEN_NEXT, PROJECT, TASK_NAMES, _columns, _say


def _keep_upload(file: Any) -> dict[str, str]:
    """Store the upload once it reads; a file that cannot be read is not kept, or the Data
    page would offer it as the newest earlier upload."""
    kept = uploads.save_upload(file.name, file.getvalue())
    try:
        _columns(str(kept.path))
    except Exception:
        uploads.discard_upload(kept)
        raise
    return {"file_id": file.file_id, "path": str(kept.path), "name": kept.name}


def create_form() -> None:
    st.subheader("New label project")
    file = st.file_uploader(
        "Texts to label", type=[s.lstrip(".") for s in labeling.TEXT_SUFFIXES],
        key="label_upload",
        help=f"CSV, TSV, Excel, JSONL or TXT with one text a line, up to "
             f"{uploads.max_upload_mb()} MB; labels are not needed.")
    if file is None:
        st.info("Upload the texts you want to label. You choose the labels below; the app "
                "suggests labels once you have given a few, and can train a model on them.")
        return
    saved = st.session_state.get("label_upload_saved") or {}
    if saved.get("file_id") != file.file_id:
        saved = _keep_upload(file)
        st.session_state["label_upload_saved"] = saved
    columns, guess = _columns(saved["path"])
    column = columns[0]
    if len(columns) > 1:
        column = st.selectbox("Column with the texts", columns, index=columns.index(guess),
                              key="label_new_column",
                              help="The column whose texts you will label; other columns are "
                                   "ignored.")
    task = st.radio("What to label", list(TASK_NAMES), format_func=TASK_NAMES.get,
                    key="label_new_task", horizontal=True,
                    help="A label for each whole text, or entities marked inside the texts.")
    ner = task == labeling.NER
    names = st.text_input("Entity types" if ner else "Labels", key="label_new_labels",
                          placeholder="PER, ORG, LOC" if ner else "positive, negative",
                          help="The names to choose from, separated by commas.")
    multi = False
    if not ner:
        multi = st.checkbox("A text can have several labels", key="label_new_multi",
                            help="Tick when one text may carry more than one label at once.")
    name = st.text_input("Project name", value=Path(saved["name"]).stem, max_chars=100,
                         key="label_new_name", help="A name to find the project again.")
    if st.button("Create the project", type="primary", icon=":material/add:",
                 key="label_create", help="Read the texts and start labeling."):
        texts, notes = labeling.read_texts(Path(saved["path"]), column)
        project = labeling.create_project(name, task, names.split(","), texts,
                                          source=saved["name"], multi_label=multi)
        st.session_state[PROJECT] = project.project_id
        st.session_state[OPEN_NEXT] = project.project_id
        _say("success", " ".join([f"Project created with {len(texts):,} texts.", *notes]))
        st.rerun()


def choose_project() -> labeling.Project | None:
    projects = {p.project_id: p for p in labeling.list_projects()}
    if not projects:
        create_form()
        return None
    options = [*projects, NEW]
    created = st.session_state.pop(OPEN_NEXT, None)
    if created in options:
        st.session_state["label_pick"] = created
    elif st.session_state.get("label_pick") not in options:  # first visit, or back on the page
        wanted = st.session_state.get(PROJECT)
        st.session_state["label_pick"] = wanted if wanted in options else next(iter(projects))
    chosen = st.selectbox(
        "Label project", options, key="label_pick",
        format_func=lambda k: "New project..." if k == NEW else
        f"{projects[k].name} ({_format.when(projects[k].created)})",
        help="Projects are kept in the workspace; pick one to go on labeling.")
    st.session_state[PROJECT] = chosen
    if chosen == NEW:
        create_form()
        return None
    return projects[chosen]
