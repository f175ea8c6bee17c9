"""Label page, the "Labeled so far" tab: the latest labels, editable, and opening one again."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.label import labeling
from pages._label_state import TABLE_ROWS, _apply_table_edits, _open_item


def labeled_view(project: labeling.Project, state: labeling.LabelState,
                 texts: list[str]) -> None:
    if not state.labels:
        st.info("Nothing is labeled yet.")
        return
    items = list(reversed(state.order))[:TABLE_ROWS]
    st.caption(f"The {len(items):,} most recent labels, newest first"
               + (f" (of {len(state.labels):,})." if len(state.labels) > len(items) else "."))
    if project.is_ner or project.multi_label:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [describe(project, texts[i], state.labels[i])
                                        for i in items],
                              "by": [state.sources.get(i, "") for i in items]},
                             index=[i + 1 for i in items])
        st.dataframe(table, width="stretch", column_config=_table_columns())
    else:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [state.labels[i][0] for i in items],
                              "by": [state.sources.get(i, "") for i in items]},
                             index=[i + 1 for i in items])
        key = f"label_table_{state.n_events}"  # a fresh editor after every change
        st.data_editor(table, key=key, width="stretch", disabled=["text", "by"],
                       column_config={**_table_columns(), "label": st.column_config.SelectboxColumn(
                           "label", options=project.labels, required=True,
                           help="Pick another label to change it; it is saved at once.")},
                       on_change=_apply_table_edits, args=(project.project_id, key, items))
    key = "label_open_item"
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    left.selectbox("Open a labeled text", items, key=key,
                   format_func=lambda i: f"{i + 1}: {texts[i][:80]}",
                   help="Show this text in the Label tab to change its label.")
    right.button("Open", key="label_open", icon=":material/edit:", on_click=_open_item,
                 args=(project.project_id, key),
                 help="Show the chosen text in the Label tab.")


def _table_columns() -> dict[str, Any]:
    return {"_index": st.column_config.NumberColumn("#", help="The text's row in your file."),
            "text": st.column_config.TextColumn("text", width="large"),
            "by": st.column_config.TextColumn(
                "by", help="manual: a button; suggestion: an accepted suggestion; table: a "
                           "change in this table.")}


def describe(project: labeling.Project, text: str, value: list[Any]) -> str:
    if not project.is_ner:
        return " | ".join(value)
    tokens = labeling.item_tokens(text)
    return "; ".join(f"{' '.join(tokens[a:b])} ({kind})" for a, b, kind in value) or "(none)"
