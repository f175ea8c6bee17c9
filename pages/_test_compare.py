"""The Test page's Compare tab: two runs answer the same texts; where they disagree, and who is
right when the texts have answers."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.errors import UserError
from core.evaluate import compare, error_analysis, verdict
from core.text import t
from core.workspace import runs
from pages import _format, _session
from pages._test_common import (
    TABLE_ROWS,
    answers_from_context,
    download_table,
    predictor_for,
    run_labels,
    task_of,
)

COMPARE_RESULT = "test_compare_result"


# ----- compare ------------------------------------------------------------------------------

def choose(run: runs.RunInfo, others: dict[str, runs.RunInfo]) -> tuple[str, str, str]:
    """The other run's id, which texts ('test' or 'paste'), and the pasted texts."""
    same_task = [k for k, r in others.items() if r.task == run.task] or list(others)
    labels = run_labels(list(others.values()))
    _session.resend_if_renamed("test_compare_other", labels)
    # sticky options: a choice that is now the tested run itself falls back to the first other
    other_id = _session.widget(st.selectbox, t("test.compare.other"), "test_compare_other",
                               same_task[0], options=same_task,
                               format_func=labels.__getitem__, help=t("test.compare.other_help"))
    source = st.radio(t("test.compare.source"), ["test", "paste"], horizontal=True,
                      key="test_compare_source",
                      format_func=lambda v: t(f"test.compare.source_{v}"),
                      help=t("test.compare.source_help"))
    pasted = ""
    if source == "paste":
        pasted = st.text_area(t("test.compare.texts"), key="test_compare_texts", height=120,
                              help=t("test.compare.texts_help"))
    return other_id, source, pasted


def run_both(run: runs.RunInfo, other: runs.RunInfo, source: str, pasted: str) -> None:
    compare.check_same_task(run.task, other.task)
    if any((r.config.get("data") or {}).get("text_pair_column") for r in (run, other)):
        raise UserError(t("test.compare.pairs"), t("test.compare.pairs_fix"))
    if source == "paste":
        inputs = compare.pasted_inputs(pasted)
    else:
        split, records = error_analysis.split_inputs(run.path)
        inputs = compare.split_inputs(records, split or "test", run.name or run.run_id)
    with st.spinner(t("test.compare.answering")):
        results_a = predictor_for(run).predict(inputs.texts)
        results_b = predictor_for(other).predict(inputs.texts)
    names = (run.name or run.run_id, other.name or other.run_id)
    st.session_state[COMPARE_RESULT] = {
        "key": (run.run_id, other.run_id), "source": inputs.source,
        "truncated": inputs.truncated, "names": names,
        "result": compare.compare_answers(inputs.texts, results_a, results_b, names,
                                          inputs.gold)}


def show_result(saved: dict) -> None:
    result: compare.Comparison = saved["result"]
    st.markdown(t("test.compare.agree", source=_format.md(saved["source"]), agree=result.agree,
                  count=result.total))
    if saved["truncated"]:
        st.caption(t("test.compare.truncated", count=compare.MAX_TEXTS))
    if result.correct_a is not None:
        cols = st.columns(2)
        for col, name, correct in zip(cols, saved["names"],
                                      (result.correct_a, result.correct_b), strict=True):
            col.metric(t("test.compare.right", name=_format.md(name)),
                       t("test.compare.right_value", correct=correct, count=result.total),
                       help=t("test.compare.right_help"))
        if result.difference is not None:
            st.markdown(_format.md(verdict.run_vs_run(result.difference, *saved["names"],
                                                      (result.correct_a, result.correct_b))))
    if result.disagreements.empty:
        st.success(t("test.compare.no_disagreements"))
        return
    st.markdown(t("test.compare.disagreements", count=len(result.disagreements)))
    st.dataframe(result.disagreements.head(TABLE_ROWS), hide_index=True,
                 key="test_compare_table")
    download_table(result.disagreements, t("test.compare.download"),
                   "disagreements.csv", "test_compare_download", t("test.compare.download_help"))


def compare_section(run: runs.RunInfo, usable: list[runs.RunInfo],
                    evaluation: dict[str, Any]) -> None:
    if answers_from_context(task_of(run, evaluation)):
        st.info(t("test.compare.not_for_questions"), icon=":material/info:")
        return
    others = {r.run_id: r for r in usable if r.run_id != run.run_id}
    if not others:
        st.info(t("test.compare.no_other"))
        return
    other_id, source, pasted = choose(run, others)
    if st.button(t("test.compare.run"), key="test_compare_run", icon=":material/compare:",
                 help=t("test.compare.run_help")):
        run_both(run, others[other_id], source, pasted)
    saved = st.session_state.get(COMPARE_RESULT)
    if saved and saved["key"] == (run.run_id, other_id):
        show_result(saved)
