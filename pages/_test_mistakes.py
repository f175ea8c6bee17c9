"""The Test page's Mistakes tab: the examples the model gets wrong, the right answers it was least
sure of, each as a CSV to relabel."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.evaluate import error_analysis
from core.text import t
from core.workspace import runs
from pages import _test_qa
from pages._test_common import (
    TABLE_ROWS,
    answers_from_context,
    download_table,
    records_for,
    task_of,
)
from pages._test_report import split_name


def mistakes_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    records = records_for(run, split) if split else []
    if not records:
        st.info(t("test.mistakes.none"))
        return
    task = task_of(run, evaluation)
    if answers_from_context(task):
        _test_qa.qa_mistakes(run, records, split)
        return
    if task.shows_entities:
        table = error_analysis.ner_mistakes(records)
        st.markdown(t("test.mistakes.ner_title", count=len(table), n=len(records),
                      split=split_name(split)))
        st.dataframe(table.head(TABLE_ROWS), hide_index=True, key="test_ner_mistakes")
        download_table(table, t("test.mistakes.download_sentences"),
                       f"{run.run_id}-mistakes.csv", "test_download_mistakes",
                       t("test.mistakes.relabel_help"))
        return
    wrong = error_analysis.mistakes(records)
    # the tables name their columns in the reader's language: keyed by the shown name
    confidence = {error_analysis.column("confidence"): st.column_config.ProgressColumn(
        t("test.mistakes.confidence"), min_value=0.0, max_value=1.0, format="percent",
        help=t("test.mistakes.confidence_help"))}
    st.markdown(t("test.mistakes.title", count=len(wrong), n=len(records),
                  split=split_name(split)))
    if wrong.empty:
        st.success(t("test.mistakes.all_right"))
    else:
        st.dataframe(wrong.head(TABLE_ROWS), hide_index=True, column_config=confidence,
                     key="test_mistakes")
    download_table(wrong, t("test.mistakes.download"), f"{run.run_id}-mistakes.csv",
                   "test_download_mistakes", t("test.mistakes.relabel_help"))
    unsure = error_analysis.least_confident_correct(records)
    st.markdown(t("test.mistakes.unsure_title"))
    st.dataframe(unsure, hide_index=True, column_config=confidence, key="test_unsure")
    download_table(unsure, t("test.mistakes.download_unsure"),
                   f"{run.run_id}-least-confident.csv", "test_download_unsure",
                   t("test.mistakes.relabel_help"))
