"""Label page, the "Label these next" tab: the most useful texts to label, as a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.label import labeling
from core.text import t
from core.workspace import csv_safe
from pages._label_labeled import _table_columns
from pages._label_state import REFRESH


def next_view(project: labeling.Project, state: labeling.LabelState, texts: list[str],
              view: dict) -> None:
    if not project.has_smart_features:
        st.info(t("label.qa.no_smart"))
        return
    ranking = [r for r in view["ranking"]
               if r.item not in state.labels and r.item not in state.skipped]
    if not ranking:
        st.info(t("label.next.none"))
        return
    st.caption(t("label.next.typical" if view["suggestions"] is None else "label.next.unsure"))
    table = pd.DataFrame({
        "text": [texts[r.item] for r in ranking],
        "suggestion": [r.suggestion for r in ranking],
        "confidence": [r.confidence for r in ranking],
        "why": [r.reason for r in ranking]}, index=[r.item + 1 for r in ranking])
    st.dataframe(table, width="stretch", column_config={
        **_table_columns(),
        "suggestion": st.column_config.TextColumn(t("label.table.suggestion")),
        "why": st.column_config.TextColumn(t("label.table.why")),
        "confidence": st.column_config.ProgressColumn(
            t("label.table.confidence"), min_value=0.0, max_value=1.0, format="percent",
            help=t("label.table.confidence_help"))})
    with st.container(horizontal=True):
        st.download_button(t("label.next.download"),
                           data=csv_safe.frame_bytes(table.rename_axis("row"), index=True),
                           file_name="label-these-next.csv", mime="text/csv",
                           key="label_next_download", on_click="ignore",
                           icon=":material/download:", help=t("label.next.download_help"))
        if st.button(t("label.next.refresh"), key="label_refresh_list", icon=":material/refresh:",
                     help=t("label.next.refresh_help")):
            st.session_state[REFRESH] = True
            st.rerun()
