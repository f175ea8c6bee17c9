"""Label: label texts here, with suggestions, the most useful texts first, export and training.

A label project lives in the workspace (core.label.labeling) and every click is written to disk at
once. Suggestions come from the quick model refitted as labels arrive, or from the project's
latest fine-tuned run once it beats the quick model (core.label.prelabel); the order and the "label
these next" list come from core.label.active_learning.

This file lays out the page; each tab is a module beside it: _label_labeling (Label),
_label_labeled, _label_next, _label_export, _label_smart, with _label_project (create and
choose), _label_model (suggestions and ranking), _label_state (keys, cached reads, callbacks),
_label_spans (tagging entities) and _label_qa (questions about a paragraph; a question-answering
project has no suggestions, smart order or training from the page, and its tabs say so).
"""

from __future__ import annotations

import streamlit as st

from core.label import labeling
from core.text import t
from pages import _entry, _errors, _format
from pages._label_export import export_view
from pages._label_labeled import labeled_view
from pages._label_labeling import header, label_view
from pages._label_model import model_view
from pages._label_next import next_view
from pages._label_project import choose_project
from pages._label_smart import smart_order_view
from pages._label_state import MESSAGE, TAB, _texts, tab_names

_entry.run_through_app()


def show_message() -> None:
    kind, text = st.session_state.pop(MESSAGE, (None, None))
    if text:  # the messages name projects, files, columns and labels: shown literally
        show = {"error": st.error, "warning": st.warning, "success": st.success}.get(kind, st.info)
        show(_format.md(text))


def render() -> None:
    st.title(t("label.page.title"))
    show_message()
    project = choose_project()
    if project is None:
        return
    texts = _texts(project.project_id)
    state = labeling.label_state(project)
    header(project, state, len(texts))
    view = model_view(project, state, texts)
    tabs = st.tabs(tab_names(), key=TAB, on_change="rerun")
    views = (lambda: label_view(project, state, texts, view),
             lambda: labeled_view(project, state, texts),
             lambda: next_view(project, state, texts, view),
             lambda: export_view(project, state, texts),
             lambda: smart_order_view(project, state, texts))
    for tab, draw in zip(tabs, views, strict=True):
        if tab.open is not False:
            with tab, _errors.guarded("label.error.tab"):
                draw()


_errors.page(render, "label.error.page")
