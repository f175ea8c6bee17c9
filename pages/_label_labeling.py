"""Label page, the Label tab: the progress header and one text at a time with its buttons."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.label import active_learning, label_training, labeling, qa_labeling
from core.text import number, percent, t
from pages import _format, _session
from pages._label_model import source_note, suggestion_for
from pages._label_qa import qa_view
from pages._label_spans import plain, tag_text
from pages._label_state import (
    CURRENT,
    ORDERS,
    _give_label,
    _give_selected,
    _leave_item,
    _skip,
    _undo,
    order_name,
)


def header(project: labeling.Project, state: labeling.LabelState, n_texts: int) -> None:
    progress = labeling.progress(state, n_texts)
    summary = f"label.header.{project.kind.key}" + ("" if project.source else "_no_source")
    names = _format.md(t("common.list.separator").join(project.labels))
    st.caption(t(summary, count=n_texts, source=_format.md(project.source or ""), labels=names))
    st.progress(progress.share, text=t(
        "label.header.progress_skipped" if progress.skipped else "label.header.progress",
        labeled=number(progress.labeled), total=number(progress.total),
        skipped=number(progress.skipped)))
    if project.asks_questions:
        asked, unanswered = qa_labeling.question_counts(list(state.labels.values()))
        if asked:
            st.caption(t("label.header.questions", count=asked, unanswered=number(unanswered)))
    counts = state.counts()
    if counts:
        st.caption(" · ".join(t("label.header.count", label=_format.md(k), count=number(counts[k]))
                              for k in project.labels if counts[k]))
    active = [r for r in label_training.project_runs(project) if r.is_active]
    if active:
        run = active[0]
        words = _format.state_word(run.state)
        st.caption(t("label.header.training_steps", state=words, step=number(run.step),
                     total=number(run.total_steps)) if run.total_steps
                   else t("label.header.training", state=words))


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
    order = "file"
    if project.has_smart_features:
        order = _session.widget(
            st.segmented_control, t("label.label.order"), "label_order", "smart",
            options=list(ORDERS), format_func=order_name,
            help=t("label.label.order_help")) or "smart"
    item, opened = current_item(project, state, len(texts), view["ranking"], order)
    if item is None:
        st.success(t("label.label.all_done"), icon=":material/task_alt:")
        return
    if project.asks_questions:
        qa_view(project, state, item, texts)
        return
    where = "label.label.where_changing" if item in state.labels else \
        "label.label.where_skipped" if item in state.skipped else "label.label.where"
    st.caption(t(where, item=number(item + 1), total=number(len(texts))))
    suggestion = suggestion_for(project, view, texts, item)
    note = view["suggestions"].source if view["suggestions"] is not None else ""
    if project.kind.shows_entities:
        tag_text(project, state, item, texts[item], suggestion, note, _give_label)
    elif project.multi_label:
        choose_labels(project, state, item, texts[item])
    else:
        choose_label(project, state, item, texts[item], suggestion, note)
    item_buttons(project, item, opened)
    st.caption(plain(source_note(project, state, view)))


def item_buttons(project: labeling.Project, item: int, opened: bool) -> None:
    """Skip, Undo, and Back to the queue when the text was opened on purpose."""
    with st.container(horizontal=True):
        st.button(t("label.label.skip"), key="label_skip", icon=":material/skip_next:",
                  shortcut="S", on_click=_skip, args=(project.project_id, item),
                  help=t("label.label.skip_help"))
        st.button(t("label.label.undo"), key="label_undo", icon=":material/undo:", shortcut="U",
                  on_click=_undo, args=(project.project_id,), help=t("label.label.undo_help"))
        if opened:
            st.button(t("label.label.back"), key="label_back", icon=":material/list:",
                      on_click=_leave_item, help=t("label.label.back_help"))


def choose_label(project: labeling.Project, state: labeling.LabelState, item: int, text: str,
                 suggestion: tuple[str, float] | None, source: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    current = (state.labels.get(item) or [None])[0]
    if suggestion is not None:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(t("label.label.suggestion", label=plain(suggestion[0]),
                        percent=percent(suggestion[1], 0), source=plain(source)))
        right.button(t("label.label.accept"), key="label_accept", icon=":material/done:",
                     shortcut="A", on_click=_give_label,
                     args=(project.project_id, item, [suggestion[0]], "suggestion"),
                     help=t("label.label.accept_help"))
    with st.container(horizontal=True):
        for k, name in enumerate(project.labels):
            marked = name == current or (suggestion is not None and name == suggestion[0])
            st.button(_format.md(name), key=f"label_button_{k}",
                      type="primary" if marked else "secondary",
                      shortcut=str(k + 1) if k < 9 else None, on_click=_give_label,
                      args=(project.project_id, item, [name], "manual"),
                      help=t("label.label.button_help_shortcut", label=_format.md(name),
                             key=k + 1) if k < 9
                      else t("label.label.button_help", label=_format.md(name)))


def choose_labels(project: labeling.Project, state: labeling.LabelState, item: int,
                  text: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    key = f"label_choice_{project.project_id}_{item}"
    if key not in st.session_state:
        st.session_state[key] = list(state.labels.get(item) or [])
    st.pills(t("label.label.labels"), project.labels, selection_mode="multi", key=key,
             format_func=_format.md, help=t("label.label.labels_help"))
    st.button(t("label.label.save"), type="primary", key="label_save_labels",
              icon=":material/check:", shortcut="N", on_click=_give_selected,
              args=(project.project_id, item), help=t("label.label.save_help"))
