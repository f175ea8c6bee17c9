"""Label: label texts here, with suggestions, the most useful texts first, export and training.

A label project lives in the workspace (core.label.labeling) and every click is written to disk at
once. Suggestions come from the quick model refitted as labels arrive, or from the project's
latest fine-tuned run once it beats the quick model (core.label.prelabel); the order and the "label
these next" list come from core.label.active_learning.
"""

from __future__ import annotations

import streamlit as st

from core.errors import UserError
from core.label import labeling
from pages import _entry, _errors, _format
from pages._label_export import export_view
from pages._label_labeled import labeled_view
from pages._label_labeling import header, label_view
from pages._label_model import model_view
from pages._label_next import next_view
from pages._label_project import choose_project
from pages._label_smart import smart_order_view
from pages._label_state import MESSAGE, TAB, TABS, _texts

_entry.run_through_app()


def show_message() -> None:
    kind, text = st.session_state.pop(MESSAGE, (None, None))
    if text:  # the messages name projects, files, columns and labels: shown literally
        show = {"error": st.error, "warning": st.warning, "success": st.success}.get(kind, st.info)
        show(_format.md(text))


def render() -> None:
    st.title("Label")
    show_message()
    project = choose_project()
    if project is None:
        return
    texts = _texts(project.project_id)
    state = labeling.label_state(project)
    header(project, state, len(texts))
    view = model_view(project, state, texts)
    tabs = st.tabs(TABS, key=TAB, on_change="rerun")
    views = (lambda: label_view(project, state, texts, view),
             lambda: labeled_view(project, state, texts),
             lambda: next_view(project, state, texts, view),
             lambda: export_view(project, state, texts),
             lambda: smart_order_view(project, state, texts))
    for tab, draw in zip(tabs, views, strict=True):
        if tab.open is not False:
            with tab, _errors.guarded("showing this part of the project"):
                draw()


try:
    render()
except UserError as exc:
    _errors.show_error(exc)
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "showing the label project")
