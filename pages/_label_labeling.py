"""Label page, the Label tab: the progress header and one text at a time with its buttons."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.label import active_learning, label_training, labeling
from pages import _format, _session
from pages._label_model import source_note, suggestion_for
from pages._label_spans import plain, tag_text
from pages._label_state import (
    CURRENT,
    ORDERS,
    TASK_NAMES,
    _give_label,
    _give_selected,
    _leave_item,
    _skip,
    _undo,
)


def header(project: labeling.Project, state: labeling.LabelState, n_texts: int) -> None:
    progress = labeling.progress(state, n_texts)
    what = "entity types" if project.is_ner else "labels"
    st.caption(f"{TASK_NAMES[project.task].split(':')[0]} · {n_texts:,} texts from "
               f"{_format.md(project.source or 'a file')} · {what}: "
               f"{_format.md(', '.join(project.labels))}")
    st.progress(progress.share, text=f"{progress.labeled:,} of {progress.total:,} labeled"
                + (f" · {progress.skipped:,} skipped" if progress.skipped else ""))
    counts = state.counts()
    if counts:
        st.caption(" · ".join(f"{_format.md(k)}: {counts[k]:,}" for k in project.labels
                              if counts[k]))
    active = [r for r in label_training.project_runs(project) if r.is_active]
    if active:
        run = active[0]
        steps = f", step {run.step:,} of {run.total_steps:,}" if run.total_steps else ""
        st.caption(f":material/model_training: A model is "
                   f"{_format.STATE_WORDS.get(run.state, run.state)} in the background{steps}.")


def current_item(project: labeling.Project, state: labeling.LabelState, n_texts: int,
                 ranking: list[active_learning.RankedItem], order: str) -> tuple[int | None, bool]:
    """The item to show and whether it was opened on purpose (an edit or an undo)."""
    chosen = st.session_state.get(CURRENT)
    if chosen and chosen[0] == project.project_id and 0 <= chosen[1] < n_texts:
        return chosen[1], True
    queue = [r.item for r in ranking] if order == "smart" else None
    return labeling.next_item(state, n_texts, queue), False


def label_view(project: labeling.Project, state: labeling.LabelState, texts: list[str],
               view: dict[str, Any]) -> None:
    order = _session.widget(
        st.segmented_control, "Order", "label_order", "smart", options=list(ORDERS),
        format_func=ORDERS.get,
        help="Most useful first: the texts the model is least sure about, varied; "
             "file order: as in your file.") or "smart"
    item, opened = current_item(project, state, len(texts), view["ranking"], order)
    if item is None:
        st.success("Every text is labeled. Export the labels or train a model on them.",
                   icon=":material/task_alt:")
        return
    where = f"Text {item + 1:,} of {len(texts):,}"
    if item in state.labels:
        where += " · changing an earlier label"
    elif item in state.skipped:
        where += " · skipped before"
    st.caption(where)
    suggestion = suggestion_for(project, view, texts, item)
    note = view["suggestions"].source if view["suggestions"] is not None else ""
    if project.is_ner:
        tag_text(project, state, item, texts[item], suggestion, note, _give_label)
    elif project.multi_label:
        choose_labels(project, state, item, texts[item])
    else:
        choose_label(project, state, item, texts[item], suggestion, note)
    with st.container(horizontal=True):
        st.button("Skip", key="label_skip", icon=":material/skip_next:", shortcut="S",
                  on_click=_skip, args=(project.project_id, item),
                  help="Leave this text for later; it comes back when the others are done. "
                       "Shortcut: S.")
        st.button("Undo", key="label_undo", icon=":material/undo:", shortcut="U",
                  on_click=_undo, args=(project.project_id,),
                  help="Take back the last label or skip and show that text again. Shortcut: U.")
        if opened:
            st.button("Back to the queue", key="label_back", icon=":material/list:",
                      on_click=_leave_item,
                      help="Leave this text as it is and go on with the next one.")
    st.caption(plain(source_note(project, state, view)))


def choose_label(project: labeling.Project, state: labeling.LabelState, item: int, text: str,
                 suggestion: tuple[str, float] | None, source: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    current = (state.labels.get(item) or [None])[0]
    if suggestion is not None:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(f"Suggestion: **{plain(suggestion[0])}** ({suggestion[1]:.0%} sure, "
                      f"{plain(source)})")
        right.button("Accept", key="label_accept", icon=":material/done:", shortcut="A",
                     on_click=_give_label,
                     args=(project.project_id, item, [suggestion[0]], "suggestion"),
                     help="Give the text the suggested label. Shortcut: A.")
    with st.container(horizontal=True):
        for k, name in enumerate(project.labels):
            marked = name == current or (suggestion is not None and name == suggestion[0])
            st.button(_format.md(name), key=f"label_button_{k}",
                      type="primary" if marked else "secondary",
                      shortcut=str(k + 1) if k < 9 else None, on_click=_give_label,
                      args=(project.project_id, item, [name], "manual"),
                      help=f"Label this text {_format.md(name)}"
                           + (f" (shortcut: {k + 1})." if k < 9 else "."))


def choose_labels(project: labeling.Project, state: labeling.LabelState, item: int,
                  text: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    key = f"label_choice_{project.project_id}_{item}"
    if key not in st.session_state:
        st.session_state[key] = list(state.labels.get(item) or [])
    st.pills("Labels", project.labels, selection_mode="multi", key=key,
             format_func=_format.md, help="Every label that applies to this text.")
    st.button("Save and next", type="primary", key="label_save_labels", icon=":material/check:",
              shortcut="N", on_click=_give_selected, args=(project.project_id, item),
              help="Store the chosen labels and show the next text. Shortcut: N.")
