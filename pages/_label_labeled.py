"""Label page, the "Labeled so far" tab: the latest labels, editable, and opening one again."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.label import labeling
from core.text import has, number, t
from pages._label_qa import answer_words
from pages._label_state import TABLE_ROWS, _apply_table_edits, _open_item


def labeled_view(project: labeling.Project, state: labeling.LabelState,
                 texts: list[str]) -> None:
    if not state.labels:
        st.info(t("label.labeled.none"))
        return
    items = list(reversed(state.order))[:TABLE_ROWS]
    st.caption(t("label.labeled.recent_of", count=len(items), total=number(len(state.labels)))
               if len(state.labels) > len(items) else t("label.labeled.recent", count=len(items)))
    by = [source_word(state.sources.get(i, "")) for i in items]
    if project.kind.shows_entities or project.multi_label or project.asks_questions:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [describe(project, texts[i], state.labels[i])
                                        for i in items],
                              "by": by}, index=[i + 1 for i in items])
        st.dataframe(table, width="stretch", column_config={
            **_table_columns(), "label": st.column_config.TextColumn(t("label.table.label"))})
    else:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [state.labels[i][0] for i in items],
                              "by": by}, index=[i + 1 for i in items])
        key = f"label_table_{state.n_events}"  # a fresh editor after every change
        st.data_editor(table, key=key, width="stretch", disabled=["text", "by"],
                       column_config={**_table_columns(), "label": st.column_config.SelectboxColumn(
                           t("label.table.label"), options=project.labels, required=True,
                           help=t("label.labeled.label_help"))},
                       on_change=_apply_table_edits, args=(project.project_id, key, items))
    key = "label_open_item"
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    left.selectbox(t("label.labeled.open_choice"), items, key=key,
                   format_func=lambda i: t("label.labeled.option", row=i + 1, text=texts[i][:80]),
                   help=t("label.labeled.open_choice_help"))
    right.button(t("label.labeled.open"), key="label_open", icon=":material/edit:",
                 on_click=_open_item, args=(project.project_id, key),
                 help=t("label.labeled.open_help"))


def source_word(source: str) -> str:
    """How a label was given (manual, suggestion, table), in the reader's language."""
    return t(f"label.by.{source}") if source and has(f"label.by.{source}") else source


def _table_columns() -> dict[str, Any]:
    return {"_index": st.column_config.NumberColumn("#", help=t("label.table.row_help")),
            "text": st.column_config.TextColumn(t("label.table.text"), width="large"),
            "by": st.column_config.TextColumn(t("label.table.by"), help=t("label.table.by_help"))}


def describe(project: labeling.Project, text: str, value: list[Any]) -> str:
    if project.asks_questions:
        return "; ".join(t("label.labeled.question", question=q["question"],
                           answer=answer_words(q)) for q in value)
    if not project.kind.shows_entities:
        return " | ".join(value)
    tokens = labeling.item_tokens(text)
    return "; ".join(t("label.labeled.entity", words=" ".join(tokens[a:b]), type=kind)
                     for a, b, kind in value) or t("label.labeled.no_entities")
