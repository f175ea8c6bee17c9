"""The Test page's Compare tab: two runs answer the same texts; where they disagree, and who is
right when the texts have answers."""

from __future__ import annotations

import streamlit as st

from core.errors import UserError
from core.evaluate import compare, error_analysis, verdict
from core.workspace import runs
from pages import _format, _session
from pages._test_common import (
    TABLE_ROWS,
    download_table,
    predictor_for,
    resend_if_renamed,
    run_labels,
)

COMPARE_RESULT = "test_compare_result"


# ----- compare ------------------------------------------------------------------------------

def compare_section(run: runs.RunInfo, usable: list[runs.RunInfo]) -> None:
    others = {r.run_id: r for r in usable if r.run_id != run.run_id}
    if not others:
        st.info("Train a second run to compare it with this one on the same texts.")
        return
    same_task = [k for k, r in others.items() if r.task == run.task] or list(others)
    labels = run_labels(list(others.values()))
    resend_if_renamed("test_compare_other", labels)
    # sticky options: a choice that is now the tested run itself falls back to the first other
    other_id = _session.widget(st.selectbox, "Compare with", "test_compare_other", same_task[0],
                               options=same_task, format_func=labels.__getitem__,
                               help="Another run of the same task; both answer the same texts.")
    other = others[other_id]
    source = st.radio("On which texts", ["The test set of this run", "Texts I paste"],
                      horizontal=True, key="test_compare_source",
                      help="The test set shows who is right too; pasted texts show only where "
                           "the two runs disagree.")
    pasted = ""
    if source == "Texts I paste":
        pasted = st.text_area("Texts, one per line", key="test_compare_texts", height=120,
                              help="Each line is one text for both runs to answer.")
    if st.button("Compare the two runs", key="test_compare_run", icon=":material/compare:",
                 help="Runs both models on the same texts."):
        compare.check_same_task(run.task, other.task)
        if any((r.config.get("data") or {}).get("text_pair_column") for r in (run, other)):
            raise UserError("Runs that read pairs of texts cannot be compared here yet.",
                            "Try pairs one at a time in the Try it tab.")
        if source == "Texts I paste":
            inputs = compare.pasted_inputs(pasted)
        else:
            split, records = error_analysis.split_inputs(run.path)
            inputs = compare.split_inputs(records, split or "test", run.name or run.run_id)
        with st.spinner("Both runs are answering..."):
            results_a = predictor_for(run).predict(inputs.texts)
            results_b = predictor_for(other).predict(inputs.texts)
        names = (run.name or run.run_id, other.name or other.run_id)
        st.session_state[COMPARE_RESULT] = {
            "key": (run.run_id, other_id), "source": inputs.source,
            "truncated": inputs.truncated, "names": names,
            "result": compare.compare_answers(inputs.texts, results_a, results_b, names,
                                              inputs.gold)}
    saved = st.session_state.get(COMPARE_RESULT)
    if not saved or saved["key"] != (run.run_id, other_id):
        return
    result: compare.Comparison = saved["result"]
    st.markdown(f"On {_format.md(saved['source'])}: the two runs agree on **{result.agree} of "
                f"{result.total}** texts.")
    if saved["truncated"]:
        st.caption(f"Only the first {compare.MAX_TEXTS:,} texts were compared.")
    if result.correct_a is not None:
        cols = st.columns(2)
        for col, name, correct in zip(cols, saved["names"], (result.correct_a,
                                                             result.correct_b)):
            col.metric(f"{_format.md(name)}: right", f"{correct} of {result.total}",
                       help="Texts where this run's answer equals the correct answer.")
        if result.difference is not None:
            st.markdown(_format.md(verdict.run_vs_run(result.difference, *saved["names"],
                                                      (result.correct_a, result.correct_b))))
    if result.disagreements.empty:
        st.success("No disagreements: both runs give the same answer on every text.")
        return
    st.markdown(f"**The {len(result.disagreements)} texts they disagree on**")
    st.dataframe(result.disagreements.head(TABLE_ROWS), hide_index=True,
                 key="test_compare_table")
    download_table(result.disagreements, "Download the disagreements (CSV)",
                   "disagreements.csv", "test_compare_download",
                   "Every text the two runs answer differently.")
