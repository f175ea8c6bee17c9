"""The Test page's Mistakes tab: the examples the model gets wrong, the right answers it was least
sure of, each as a CSV to relabel."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.evaluate import error_analysis
from core.workspace import runs
from pages._test_common import TABLE_ROWS, download_table, kind_of, records_for


def mistakes_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    records = records_for(run, split) if split else []
    if not records:
        st.info("This run saved no per-example predictions, so there are no mistakes to list.")
        return
    relabel_help = ("A CSV to open in a spreadsheet: fix the labels in the empty "
                    "'corrected_label' column, then train again with the corrected file.")
    if kind_of(run, evaluation) == "ner":
        table = error_analysis.ner_mistakes(records)
        st.markdown(f"**{len(table)} of {len(records)} {split} sentences have a mistake**")
        st.dataframe(table.head(TABLE_ROWS), hide_index=True, key="test_ner_mistakes")
        download_table(table, "Download these sentences (CSV)", f"{run.run_id}-mistakes.csv",
                       "test_download_mistakes", relabel_help)
        return
    wrong = error_analysis.mistakes(records)
    confidence = {"confidence": st.column_config.ProgressColumn(
        "confidence", min_value=0.0, max_value=1.0, format="percent",
        help="How sure the model was of its answer.")}
    st.markdown(f"**Wrong on {len(wrong)} of {len(records)} {split} texts**, the most "
                "confident mistakes first: those are often examples with a wrong label.")
    if wrong.empty:
        st.success("The model gets every example right.")
    else:
        st.dataframe(wrong.head(TABLE_ROWS), hide_index=True, column_config=confidence,
                     key="test_mistakes")
    download_table(wrong, "Download the mistakes to relabel (CSV)", f"{run.run_id}-mistakes.csv",
                   "test_download_mistakes", relabel_help)
    unsure = error_analysis.least_confident_correct(records)
    st.markdown("**Right, but barely**: the correct answers the model was least sure of.")
    st.dataframe(unsure, hide_index=True, column_config=confidence, key="test_unsure")
    download_table(unsure, "Download these (CSV)", f"{run.run_id}-least-confident.csv",
                   "test_download_unsure", relabel_help)
