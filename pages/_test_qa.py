"""The Test page's parts for a run that answers questions with a span of a context: the report's
exact match and F1 beside the overlap baseline with the has-answer, no-answer and per question
type scores, the questions it gets wrong with both answers marked in their context, and the
playground that answers questions about a pasted context."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from core.scoring import qa_metrics
from core.text import percent, t
from core.workspace import runs
from pages import _format
from pages import _report_visuals as visuals
from pages._test_common import download_table, predictor_for

SHOWN = 25  # mistakes drawn with their context by default
QA_PARTS = {"has_answer": "test.qa.has_answer", "no_answer": "test.qa.no_answer_questions"}


def type_names() -> dict[str, str]:
    """Each question type (core.scoring.qa_metrics.QUESTION_TYPES) in the page language."""
    return {kind: t(f"test.qa.type_{kind}") for kind in qa_metrics.QUESTION_TYPES}


# ----- report -------------------------------------------------------------------------------

def scores_frame(report: dict[str, Any], baselines: dict[str, tuple[str, dict[str, Any]]]
                 ) -> pd.DataFrame:
    """Exact match and F1 of the model and of each saved baseline, one row each."""
    who, exact, f1 = t("test.qa.who"), t("test.qa.exact_match"), t("test.qa.f1")
    rows = [{who: t("test.chart.fine_tuned"), exact: percent(report.get("exact_match")),
             f1: percent(report.get("f1"))}]
    rows += [{who: name, exact: percent(saved.get("exact_match")), f1: percent(saved.get("f1"))}
             for name, saved in baselines.values()]
    return pd.DataFrame(rows, columns=[who, exact, f1])


def answerable_scores(report: dict[str, Any]) -> None:
    """Has-answer and no-answer scores, for data with unanswerable questions."""
    parts = [(k, report[k]) for k in QA_PARTS if isinstance(report.get(k), dict)]
    if not parts:
        return
    cols = st.columns(len(parts))
    for col, (key, scores) in zip(cols, parts, strict=True):
        col.metric(t(QA_PARTS[key], count=int(scores.get("n", 0))),
                   t("test.qa.em_f1", exact=percent(scores.get("exact_match")),
                     f1=percent(scores.get("f1"))), help=t(QA_PARTS[key] + "_help"))


def qa_report(report: dict[str, Any], evaluation: dict[str, Any], name_of: Any) -> None:
    """The report's body for a question-answering run; `name_of(key)` names a baseline."""
    saved = {k: (name_of(k), v) for k, v in (evaluation.get("baselines") or {}).items()
             if isinstance(v, dict) and isinstance(v.get("f1"), (int, float))}
    st.markdown("**" + t("test.qa.scores_title") + "**")
    st.dataframe(scores_frame(report, saved), hide_index=True, key="test_qa_scores")
    st.caption(t("test.qa.scores_caption"))
    answerable_scores(report)
    types = {k: v for k, v in (report.get("question_types") or {}).items()
             if isinstance(v, dict) and int(v.get("n", 0))}
    if types:
        st.plotly_chart(visuals.question_type_bars(types, type_names()), key="test_qa_types")
        st.caption(t("test.qa.types_caption"))


# ----- mistakes -----------------------------------------------------------------------------

def wrong_answers(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The questions with F1 below 1, the worst first (the surest first among equals)."""
    wrong = [r for r in records if float(r.get("f1", 0.0)) < 1.0]
    return sorted(wrong, key=lambda r: (float(r.get("f1", 0.0)), -float(r.get("score", 0.0))))


def _spans(record: dict[str, Any]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The gold and predicted spans as characters of the record's context excerpt."""
    offset = int(record.get("context_start") or 0)
    gold = [(int(s) - offset, int(s) - offset + len(str(g)))
            for g, s in zip(record.get("gold") or [], record.get("gold_start") or [],
                            strict=False) if int(s) >= 0]
    start, text = int(record.get("start", -1)), str(record.get("predicted") or "")
    predicted = [(start - offset, start - offset + len(text))] if start >= 0 and text else []
    return gold, predicted


def _answer_cell(texts: list[str]) -> str:
    shown = [html.escape(x) for x in texts if x]
    return " / ".join(shown) if shown else f"<i>{html.escape(t('test.qa.no_answer'))}</i>"


def mistake_rows(wrong: list[dict[str, Any]]) -> str:
    rows = []
    for number, r in enumerate(wrong, start=1):
        gold, predicted = _spans(r)
        rows.append(
            f"<tr><td>{number}</td><td><b>{html.escape(str(r.get('question', '')))}</b><br>"
            f"{visuals.context_with_spans(str(r.get('context', '')), gold, predicted)}</td>"
            f"<td>{_answer_cell([str(g) for g in r.get('gold') or []])}</td>"
            f"<td>{_answer_cell([str(r.get('predicted') or '')])}</td>"
            f"<td>{html.escape(percent(float(r.get('f1', 0.0))))}</td></tr>")
    return "".join(rows)


def relabel_table(wrong: list[dict[str, Any]]) -> pd.DataFrame:
    """id, question, context, gold (answers joined by ' | '), predicted: the file to fix."""
    return pd.DataFrame([{"id": r.get("id", ""), "question": r.get("question", ""),
                          "context": r.get("context", ""),
                          "gold": " | ".join(str(g) for g in r.get("gold") or []),
                          "predicted": r.get("predicted", "")} for r in wrong],
                        columns=["id", "question", "context", "gold", "predicted"])


def qa_mistakes(run: runs.RunInfo, records: list[dict[str, Any]], split: str) -> None:
    wrong = wrong_answers(records)
    st.markdown(t("test.qa.mistakes_title", count=len(wrong), n=len(records),
                  split=t(f"test.split.{split}")))
    if not wrong:
        st.success(t("test.qa.all_right"))
    else:
        shown = st.number_input(t("test.qa.shown"), min_value=5, max_value=500, value=SHOWN,
                                step=25, key="test_qa_shown", help=t("test.qa.shown_help"))
        header = "".join(f"<th>{html.escape(t(f'test.qa.column_{c}'))}</th>"
                         for c in ("number", "question", "gold", "predicted", "f1"))
        st.html(f"<div>{visuals.answer_legend()}</div>"
                '<table style="width:100%;border-collapse:collapse;line-height:1.8">'
                f"<tr>{header}</tr>{mistake_rows(wrong[:int(shown)])}</table>")
    download_table(relabel_table(wrong), t("test.qa.download"), f"{run.run_id}-mistakes.csv",
                   "test_download_mistakes", t("test.qa.download_help"))


# ----- playground ---------------------------------------------------------------------------

def questions_of(pasted: str) -> list[str]:
    return [line.strip() for line in (pasted or "").splitlines() if line.strip()]


def show_answer(question: str, context: str, answer: dict[str, Any], number: int) -> None:
    st.markdown(f"**{number}. {_format.md(question)}**")
    if answer.get("no_answer") or not answer.get("text"):
        st.info(t("test.qa.play_no_answer", score=percent(answer.get("score"))),
                icon=":material/block:")
        return
    span = [(int(answer["start"]), int(answer["end"]))]
    st.html('<div style="line-height:1.9">'
            + visuals.context_with_spans(context, [], span) + "</div>")
    st.caption(t("test.qa.play_answer", answer=_format.md(str(answer["text"])),
                 score=percent(answer.get("score"))))
    others = [a for a in answer.get("alternatives") or [] if a.get("text")][1:]
    if others:
        st.dataframe(pd.DataFrame({t("test.qa.alternative"): [a["text"] for a in others],
                                   t("test.qa.score"): [percent(a["score"]) for a in others]}),
                     hide_index=True, key=f"test_qa_alternatives_{number}")


def qa_playground(run: runs.RunInfo) -> None:
    context = st.text_area(t("test.qa.play_context"), key="test_qa_context", height=160,
                           placeholder=t("test.qa.play_context_placeholder"),
                           help=t("test.qa.play_context_help"))
    pasted = st.text_area(t("test.qa.play_questions"), key="test_qa_questions", height=90,
                          placeholder=t("test.qa.play_questions_placeholder"),
                          help=t("test.qa.play_questions_help"))
    questions = questions_of(pasted)
    if not (context or "").strip() or not questions:
        st.caption(t("test.qa.play_empty"))
        return
    answers = predictor_for(run).answer(questions, [context] * len(questions), top_k=3)
    for number, (question, answer) in enumerate(zip(questions, answers, strict=True), start=1):
        show_answer(question, context, answer, number)
