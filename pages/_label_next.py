"""Label page, the "Label these next" tab: the most useful texts to label, as a table."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.label import labeling
from core.workspace import csv_safe
from pages._label_labeled import _table_columns
from pages._label_state import REFRESH


def next_view(project: labeling.Project, state: labeling.LabelState, texts: list[str],
              view: dict[str, Any]) -> None:
    ranking = [r for r in view["ranking"]
               if r.item not in state.labels and r.item not in state.skipped]
    if not ranking:
        st.info("No unlabeled text is left to rank.")
        return
    if view["suggestions"] is None:
        st.caption("Until the model can suggest labels, these are typical texts of different "
                   "kinds, so the first labels cover the data.")
    else:
        st.caption("The texts the model is least sure about, picked so that they differ from "
                   "each other: labeling these teaches it most.")
    table = pd.DataFrame({
        "text": [texts[r.item] for r in ranking],
        "suggestion": [r.suggestion for r in ranking],
        "confidence": [r.confidence for r in ranking],
        "why": [r.reason for r in ranking]}, index=[r.item + 1 for r in ranking])
    st.dataframe(table, width="stretch", column_config={
        **_table_columns(),
        "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0,
                                                      format="percent",
                                                      help="How sure the model is of its "
                                                           "suggestion.")})
    with st.container(horizontal=True):
        st.download_button("Download this list (CSV)",
                           data=csv_safe.frame_bytes(table.rename_axis("row"), index=True),
                           file_name="label-these-next.csv", mime="text/csv",
                           key="label_next_download", on_click="ignore",
                           icon=":material/download:",
                           help="The texts to label next, with the suggestions, as a table.")
        if st.button("Refresh the list", key="label_refresh_list", icon=":material/refresh:",
                     help="Refit the quick model on every label so far and rank again."):
            st.session_state[REFRESH] = True
            st.rerun()
