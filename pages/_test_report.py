"""The Test page's Report tab: the headline score next to quick baselines, scores per label or
entity type, the confusion matrix, the threshold of a multi-label run, and the confidences."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.evaluate import baseline, error_analysis, verdict
from core.scoring import thresholds
from core.workspace import runs
from pages import _calibration, _format
from pages import _report_visuals as visuals
from pages._test_common import (
    SCORE_COLUMNS,
    entity_colours,
    kind_of,
    percent,
    records_for,
    scores_table,
)

BASELINE_NAMES = {
    "tfidf_logreg": "Quick keyword model (TF-IDF + logistic regression)",
    "majority": "Always the most common answer",
    "word_memory": "Word memory (each word's most frequent tag)",
}
NER_BASELINE_NAMES = {**BASELINE_NAMES, "majority": "Marking no entities at all"}


# ----- report -------------------------------------------------------------------------------

def headline(kind: str, report: dict[str, Any], evaluation: dict[str, Any], split: str,
             records: list[dict[str, Any]]) -> None:
    n, correct = int(report.get("n", 0)), int(report.get("correct", 0))
    unit = "sentences" if kind == "ner" else "texts"
    if kind == "ner":
        metric, name = "f1", "entity F1"
        st.markdown(f"### Gets every entity right in {correct} of {n} {split} {unit}")
        st.markdown(f"Of the entities it marks, **{percent(report.get('precision'))}** are "
                    f"right; it finds **{percent(report.get('recall'))}** of the real ones "
                    f"(entity F1 {percent(report.get('f1'))}).")
    elif kind == "multi_label":
        metric, name = "subset_accuracy", "exact match"
        st.markdown(f"### All labels exactly right on {correct} of {n} {split} {unit}")
        st.markdown(f"Micro-F1 **{report.get('micro_f1', 0):.3f}**, macro-F1 "
                    f"**{report.get('macro_f1', 0):.3f}** (1.0 would be perfect).")
    else:
        metric, name = "accuracy", "accuracy"
        st.markdown(f"### Correct on {correct} of {n} {split} {unit}")
        st.markdown(f"Accuracy **{percent(report.get('accuracy'))}**, macro-F1 "
                    f"**{report.get('macro_f1', 0):.3f}** (the average over labels, so rare "
                    f"labels count as much as common ones).")
    value = float(report.get(metric, 0.0))
    names = NER_BASELINE_NAMES if kind == "ner" else BASELINE_NAMES
    baselines = {names.get(k, k): float(v[metric])
                 for k, v in (evaluation.get("baselines") or {}).items()
                 if isinstance(v, dict) and isinstance(v.get(metric), (int, float))}
    if not baselines:
        st.caption("No quick baseline was saved with this run, so there is nothing to compare "
                   "with.")
        return
    best_key = max((k for k, v in (evaluation.get("baselines") or {}).items()
                    if names.get(k, k) in baselines), key=lambda k: baselines[names.get(k, k)])
    best_name = names.get(best_key, best_key)
    said = baseline_verdict(kind, evaluation, records, metric, name, split, best_key, best_name)
    colour = {"win": "normal", "loss": "normal", "tie": "off"}[said.outcome]
    cols = st.columns(1 + len(baselines))
    cols[0].metric(f"Fine-tuned model ({_format.md(name)})", percent(value),
                   delta=f"{(value - baselines[best_name]) * 100:+.1f} points vs the best "
                         "quick baseline", delta_color=colour,
                   help="The model you trained, on examples it never saw while learning. The "
                        "difference is grey when the test examples cannot tell the two apart.")
    for col, (label, score) in zip(cols[1:], baselines.items()):
        col.metric(label, percent(score), help="A simple model trained in seconds on the same "
                   "data: what you get without fine-tuning.")
    show = {"win": st.success, "loss": st.warning, "tie": st.info}[said.outcome]
    icon = {"win": ":material/trending_up:", "loss": ":material/trending_down:",
            "tie": ":material/trending_flat:"}[said.outcome]
    show(_format.md(said.sentence), icon=icon)
    st.plotly_chart(visuals.before_after(value, baselines, name), key="test_before_after")


def baseline_verdict(kind: str, evaluation: dict[str, Any], records: list[dict[str, Any]],
                     metric: str, name: str, split: str, key: str,
                     label: str) -> verdict.Verdict:
    """The model against the best baseline, with the range its test examples allow."""
    diff = baseline.compared_with_model(evaluation, records, kind, metric)[key]
    correct = None
    if metric in ("accuracy", "subset_accuracy"):
        correct = (round(diff.score_a * diff.n), round(diff.score_b * diff.n))
    return verdict.model_vs_baseline(diff, label, name, "sentence" if kind == "ner" else "text",
                                     split, correct)


def classification_report(report: dict[str, Any]) -> None:
    st.markdown("**Scores per label**")
    table = scores_table(report.get("per_class") or {}, "label")
    st.dataframe(table, hide_index=True, column_config=SCORE_COLUMNS, key="test_per_class")
    st.caption("Precision: when the model says this label, how often it is right. Recall: of "
               "the texts that have this label, how many it finds. F1 combines both.")
    if not table.empty:
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_class_chart")
    matrix = report.get("confusion_matrix") or {}
    if matrix.get("counts"):
        st.markdown("**Which labels get confused** (rows: the correct label, columns: the "
                    "model's answer; the diagonal is right)")
        view = st.radio("Show", ["Counts", "Shares of each correct label"], horizontal=True,
                        key="test_matrix_view",
                        help="Counts: number of texts. Shares: each row adds up to 100%, "
                             "so rare labels are as easy to read as common ones.")
        st.plotly_chart(visuals.confusion_heatmap(matrix["labels"], matrix["counts"],
                                                  normalised=view != "Counts"),
                        key="test_confusion")


def multi_label_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
                       split: str) -> None:
    records = records_for(run, split)
    saved = float(evaluation.get("threshold") or 0.5)
    if records and any("scores" in r for r in records):
        threshold = st.slider(
            "Decision threshold", min_value=thresholds.LOWEST, max_value=0.95,
            value=min(0.95, max(thresholds.LOWEST, saved)), step=0.05, key="test_threshold",
            help="A label is given when the model is at least this sure. Lower: more labels, "
                 "fewer missed; higher: fewer labels, fewer wrong ones.")
        report = thresholds.scores_at_threshold(records, evaluation.get("labels") or
                                                list(report.get("per_class") or {}), threshold)
        cols = st.columns(3)
        cols[0].metric("Exact match", percent(report["subset_accuracy"]),
                       help="Texts whose labels are all exactly right.")
        cols[1].metric("Micro-F1", f"{report['micro_f1']:.3f}",
                       help="Over all label decisions together.")
        cols[2].metric("Macro-F1", f"{report['macro_f1']:.3f}",
                       help="The average over labels, so rare labels count as much.")
        if abs(threshold - saved) > 1e-9:
            st.caption(f"Scores recomputed at threshold {threshold:.2f}; the model was scored "
                       f"at {saved:.2f}. The downloaded model's usage snippet leaves the "
                       "threshold to you.")
    else:
        st.caption("This run saved no per-text probabilities, so the threshold cannot be "
                   "changed here; these are the scores at the saved threshold.")
    st.markdown("**Scores per label**")
    st.dataframe(scores_table(report.get("per_class") or {}, "label"), hide_index=True,
                 column_config=SCORE_COLUMNS, key="test_per_label")
    if report.get("per_class"):
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_label_chart")


def ner_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
               split: str) -> None:
    st.markdown("**Scores per entity type**")
    per_type = report.get("per_class") or {}
    st.dataframe(scores_table(per_type, "entity type"), hide_index=True,
                 column_config=SCORE_COLUMNS, key="test_per_type")
    st.caption("An entity counts as right only when its type and its exact words both match.")
    if per_type:
        st.plotly_chart(visuals.per_class_bars(per_type, "entity type"),
                        key="test_per_type_chart")
    records = records_for(run, split)
    if not records:
        st.caption("This run saved no per-sentence predictions to show.")
        return
    st.markdown(f"**{split.capitalize()} sentences: correct entities next to the model's**")
    left, right = st.columns([2, 1])
    only = left.toggle("Only sentences with mistakes", value=True, key="test_ner_only_mistakes",
                       help="Hide the sentences where the model found exactly the right "
                            "entities.")
    shown = right.number_input("Sentences to show", min_value=5, max_value=500, value=25,
                               step=25, key="test_ner_count",
                               help="How many sentences to list on the page.")
    sentences = error_analysis.ner_sentences(records, only_mistakes=only)
    if not sentences:
        st.success("No mistakes: every sentence has exactly the right entities.")
        return
    colours = entity_colours(evaluation, [k for s in sentences
                                          for k, _, _ in s["gold"] + s["predicted"]])
    rows = "".join(
        f"<tr><td>{s['number']}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['gold'], colours)}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['predicted'], colours)}</td></tr>"
        for s in sentences[:int(shown)])
    st.html(f"<div>{visuals.legend(colours)}</div>"
            '<table style="width:100%;border-collapse:collapse;line-height:1.9">'
            "<tr><th>#</th><th>Correct</th><th>Model</th></tr>" + rows + "</table>")
    st.caption(f"{min(len(sentences), int(shown))} of {len(sentences)} sentences shown.")


def report_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    if split is None:
        st.warning("This run has no report: it was stopped before it could be scored, or its "
                   "eval.json is missing. Train it again to get one.", icon=":material/warning:")
        return
    if split == "validation":
        st.warning("This run kept no test examples, so the scores below are on the validation "
                   "examples. Those also chose the best checkpoint, so they may be slightly "
                   "optimistic. Give a test share above 0 on the Data page for a fair score.",
                   icon=":material/warning:")
    report = evaluation[split]
    kind = kind_of(run, evaluation)
    headline(kind, report, evaluation, split, records_for(run, split))
    st.divider()
    if kind == "ner":
        ner_report(run, report, evaluation, split)
    elif kind == "multi_label":
        multi_label_report(run, report, evaluation, split)
    else:
        classification_report(report)
    st.divider()
    _calibration.render(evaluation, kind)
