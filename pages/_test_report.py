"""The Test page's Report tab: the headline score next to quick baselines, scores per label or
entity type, the confusion matrix, the threshold of a multi-label run, and the confidences."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from core.evaluate import baseline, error_analysis, verdict
from core.scoring import thresholds
from core.text import has, number, points, t
from core.workspace import runs
from pages import _calibration, _format, _test_qa
from pages import _report_visuals as visuals
from pages._test_common import (
    answers_from_context,
    entity_colours,
    percent,
    records_for,
    score_columns,
    scores_table,
    task_of,
)


def split_name(split: str) -> str:
    """'test' or 'validation' as the reader's language names it."""
    return t(f"test.split.{split}")


def baseline_name(key: str, task: Any) -> str:
    """A saved baseline's name for people: f"test.baseline.{key}_{task.key}" (the same
    baseline may mean something else for another task); one this version does not know is
    shown as saved."""
    name = f"test.baseline.{key}_{task.key}"
    return t(name) if has(name) else key


# ----- report -------------------------------------------------------------------------------

def headline_text(task: Any, report: dict[str, Any], split: str) -> None:
    """The headline and the summary of the run's task (f"test.report.headline_{task.kind}");
    each summary uses the figures it names."""
    n = int(report.get("n", 0))
    # a report of answer spans counts the exactly right answers by their share
    correct = report.get("correct", round(float(report.get("exact_match") or 0.0) * n))
    counts = {"correct": int(correct), "n": n, "split": split_name(split)}
    figures = {"precision": percent(report.get("precision")),
               "recall": percent(report.get("recall")), "f1": percent(report.get("f1")),
               "accuracy": percent(report.get("accuracy")),
               "exact_match": percent(report.get("exact_match")),
               "micro": number(report.get("micro_f1", 0), 3),
               "macro": number(report.get("macro_f1", 0), 3)}
    st.markdown("### " + t(f"test.report.headline_{task.kind}", **counts))
    st.markdown(t(f"test.report.summary_{task.kind}", **figures))


def headline(task: Any, report: dict[str, Any], evaluation: dict[str, Any], split: str,
             records: list[dict[str, Any]]) -> None:
    headline_text(task, report, split)
    metric = task.headline_metric(task.multi_label)  # the score the report leads with
    name = t(f"test.metric.headline_{task.kind}")
    value = float(report.get(metric, 0.0))
    saved = {k: v for k, v in (evaluation.get("baselines") or {}).items()
             if isinstance(v, dict) and isinstance(v.get(metric), (int, float))}
    baselines = {baseline_name(k, task): float(v[metric]) for k, v in saved.items()}
    if not baselines:
        st.caption(t("test.report.no_baseline"))
        return
    best_key = max(saved, key=lambda k: baselines[baseline_name(k, task)])
    best_name = baseline_name(best_key, task)
    said = baseline_verdict(task, evaluation, records, metric, name, split, best_key, best_name)
    colour = {"win": "normal", "loss": "normal", "tie": "off"}[said.outcome]
    cols = st.columns(1 + len(baselines))
    # st.metric colours the delta by its leading "-": an ASCII minus, not the typographic one
    difference = points(value - baselines[best_name]).replace("\u2212", "-")
    cols[0].metric(t("test.report.model_metric", metric=_format.md(name)), percent(value),
                   delta=t("test.report.delta", points=difference), delta_color=colour,
                   help=t("test.report.model_help"))
    for col, (label, score) in zip(cols[1:], baselines.items(), strict=True):
        col.metric(label, percent(score), help=t("test.report.baseline_help"))
    show = {"win": st.success, "loss": st.warning, "tie": st.info}[said.outcome]
    icon = {"win": ":material/trending_up:", "loss": ":material/trending_down:",
            "tie": ":material/trending_flat:"}[said.outcome]
    show(_format.md(said.sentence), icon=icon)
    st.plotly_chart(visuals.before_after(value, baselines, name), key="test_before_after")


def baseline_verdict(task: Any, evaluation: dict[str, Any], records: list[dict[str, Any]],
                     metric: str, name: str, split: str, key: str,
                     label: str) -> verdict.Verdict:
    """The model against the best baseline, with the range its test examples allow."""
    diff = baseline.compared_with_model(evaluation, records, task, metric)[key]
    correct = None
    if metric in ("accuracy", "subset_accuracy"):
        correct = (round(diff.score_a * diff.n), round(diff.score_b * diff.n))
    return verdict.model_vs_baseline(diff, label, name, task.unit, split, correct)


def classification_report(report: dict[str, Any]) -> None:
    st.markdown("**" + t("test.report.per_label_title") + "**")
    table = scores_table(report.get("per_class") or {}, t("test.table.label"))
    st.dataframe(table, hide_index=True, column_config=score_columns(), key="test_per_class")
    st.caption(t("test.report.per_label_caption"))
    if not table.empty:
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_class_chart")
    matrix = report.get("confusion_matrix") or {}
    if matrix.get("counts"):
        st.markdown(t("test.report.confusion_title"))
        view = st.radio(t("test.report.matrix_view"), ["counts", "shares"], horizontal=True,
                        key="test_matrix_view",
                        format_func=lambda v: t(f"test.report.matrix_{v}"),
                        help=t("test.report.matrix_help"))
        st.plotly_chart(visuals.confusion_heatmap(matrix["labels"], matrix["counts"],
                                                  normalised=view != "counts"),
                        key="test_confusion")


def threshold_scores(records: list[dict[str, Any]], report: dict[str, Any],
                     evaluation: dict[str, Any], saved: float) -> dict[str, Any]:
    """The slider, and the scores recomputed at the threshold it gives."""
    threshold = st.slider(
        t("test.report.threshold"), min_value=thresholds.LOWEST, max_value=0.95,
        value=min(0.95, max(thresholds.LOWEST, saved)), step=0.05, key="test_threshold",
        help=t("test.report.threshold_help"))
    report = thresholds.scores_at_threshold(records, evaluation.get("labels") or
                                            list(report.get("per_class") or {}), threshold)
    cols = st.columns(3)
    cols[0].metric(t("test.report.exact_match"), percent(report["subset_accuracy"]),
                   help=t("test.report.exact_match_help"))
    cols[1].metric(t("test.report.micro_f1"), number(report["micro_f1"], 3),
                   help=t("test.report.micro_f1_help"))
    cols[2].metric(t("test.report.macro_f1"), number(report["macro_f1"], 3),
                   help=t("test.report.macro_f1_help"))
    if abs(threshold - saved) > 1e-9:
        st.caption(t("test.report.rescored", threshold=number(threshold, 2),
                     saved=number(saved, 2)))
    return report


def multi_label_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
                       split: str) -> None:
    records = records_for(run, split)
    saved = float(evaluation.get("threshold") or 0.5)
    if records and any("scores" in r for r in records):
        report = threshold_scores(records, report, evaluation, saved)
    else:
        st.caption(t("test.report.no_scores"))
    st.markdown("**" + t("test.report.per_label_title") + "**")
    st.dataframe(scores_table(report.get("per_class") or {}, t("test.table.label")),
                 hide_index=True, column_config=score_columns(), key="test_per_label")
    if report.get("per_class"):
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_label_chart")


def ner_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
               split: str) -> None:
    st.markdown("**" + t("test.report.per_type_title") + "**")
    per_type = report.get("per_class") or {}
    st.dataframe(scores_table(per_type, t("test.table.entity_type")), hide_index=True,
                 column_config=score_columns(), key="test_per_type")
    st.caption(t("test.report.per_type_caption"))
    if per_type:
        st.plotly_chart(visuals.per_class_bars(per_type, entities=True),
                        key="test_per_type_chart")
    records = records_for(run, split)
    if not records:
        st.caption(t("test.report.no_sentences"))
        return
    ner_sentences(evaluation, records, split)


def ner_sentences(evaluation: dict[str, Any], records: list[dict[str, Any]],
                  split: str) -> None:
    """Each sentence's correct entities next to the model's, the mistakes only by default."""
    st.markdown(t(f"test.report.sentences_title_{split}"))
    left, right = st.columns([2, 1])
    only = left.toggle(t("test.report.only_mistakes"), value=True, key="test_ner_only_mistakes",
                       help=t("test.report.only_mistakes_help"))
    shown = right.number_input(t("test.report.sentences_count"), min_value=5, max_value=500,
                               value=25, step=25, key="test_ner_count",
                               help=t("test.report.sentences_count_help"))
    sentences = error_analysis.ner_sentences(records, only_mistakes=only)
    if not sentences:
        st.success(t("test.report.no_mistakes"))
        return
    colours = entity_colours(evaluation, [k for s in sentences
                                          for k, _, _ in s["gold"] + s["predicted"]])
    rows = "".join(
        f"<tr><td>{s['number']}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['gold'], colours)}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['predicted'], colours)}</td></tr>"
        for s in sentences[:int(shown)])
    header = (f"<tr><th>#</th><th>{html.escape(t('test.report.column_correct'))}</th>"
              f"<th>{html.escape(t('test.report.column_model'))}</th></tr>")
    st.html(f"<div>{visuals.legend(colours)}</div>"
            '<table style="width:100%;border-collapse:collapse;line-height:1.9">'
            + header + rows + "</table>")
    st.caption(t("test.report.sentences_shown", shown=min(len(sentences), int(shown)),
                 count=len(sentences)))


def report_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    if split is None:
        st.warning(t("test.report.none"), icon=":material/warning:")
        return
    if split == "validation":
        st.warning(t("test.report.on_validation"), icon=":material/warning:")
    report = evaluation[split]
    task = task_of(run, evaluation)
    headline(task, report, evaluation, split, records_for(run, split))
    st.divider()
    if answers_from_context(task):
        _test_qa.qa_report(report, evaluation, lambda key: baseline_name(key, task))
    elif task.shows_entities:
        ner_report(run, report, evaluation, split)
    elif task.multi_label:
        multi_label_report(run, report, evaluation, split)
    else:
        classification_report(report)
    st.divider()
    _calibration.render(evaluation, task)
