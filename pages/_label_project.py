"""Label page: creating a label project from an uploaded file, and choosing the open one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from core.label import labeling, qa_labeling
from core.tasks import task_kind
from core.text import t
from core.workspace import uploads
from pages import _format
from pages._label_state import NEW, OPEN_NEXT, PROJECT, TASKS, _columns, _say, task_name


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
    st.subheader(t("label.create.title"))
    file = st.file_uploader(
        t("label.create.file"), type=[s.lstrip(".") for s in labeling.TEXT_SUFFIXES],
        key="label_upload", help=t("label.create.file_help", mb=uploads.max_upload_mb()))
    if file is None:
        st.info(t("label.create.intro"))
        return
    saved = st.session_state.get("label_upload_saved") or {}
    if saved.get("file_id") != file.file_id:
        saved = _keep_upload(file)
        st.session_state["label_upload_saved"] = saved
    column, task, names, multi, name = _new_project_fields(saved)
    if st.button(t("label.create.button"), type="primary", icon=":material/add:",
                 key="label_create", help=t("label.create.button_help")):
        texts, notes = labeling.read_texts(Path(saved["path"]), column,
                                           qa_labeling.asks_questions(task_kind(task)))
        project = labeling.create_project(name, task, labeling.split_names(names), texts,
                                          source=saved["name"], multi_label=multi)
        st.session_state[PROJECT] = project.project_id
        st.session_state[OPEN_NEXT] = project.project_id
        _say("success", " ".join([t("label.create.created", count=len(texts)), *notes]))
        st.rerun()


def _new_project_fields(saved: dict[str, str]) -> tuple[str, str, str, bool, str]:
    """The column, task, label names, multi-label choice and name of the project to create."""
    columns, guess = _columns(saved["path"])
    column = columns[0]
    if len(columns) > 1:
        column = st.selectbox(t("label.create.column"), columns, index=columns.index(guess),
                              key="label_new_column", help=t("label.create.column_help"))
    task = st.radio(t("label.create.task"), list(TASKS), format_func=task_name,
                    key="label_new_task", horizontal=True, help=t("label.create.task_help"))
    if qa_labeling.asks_questions(task_kind(task)):
        st.caption(t("label.create.paragraphs"))
        return column, task, "", False, _name_field(saved)
    ner = task_kind(task).shows_entities
    names = st.text_input(
        t("label.create.entity_types" if ner else "label.create.labels"),
        key="label_new_labels", help=t("label.create.names_help"),
        placeholder=t("label.create.entity_types_placeholder" if ner
                      else "label.create.labels_placeholder"))
    multi = False
    if not ner:
        multi = st.checkbox(t("label.create.multi"), key="label_new_multi",
                            help=t("label.create.multi_help"))
    return column, task, names, multi, _name_field(saved)


def _name_field(saved: dict[str, str]) -> str:
    return st.text_input(t("label.create.name"), value=Path(saved["name"]).stem, max_chars=100,
                         key="label_new_name", help=t("label.create.name_help"))


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
        t("label.project.choose"), options, key="label_pick",
        format_func=lambda k: t("label.project.new") if k == NEW else
        t("label.project.option", name=projects[k].name, created=_format.when(projects[k].created)),
        help=t("label.project.choose_help"))
    st.session_state[PROJECT] = chosen
    if chosen == NEW:
        create_form()
        return None
    return projects[chosen]
