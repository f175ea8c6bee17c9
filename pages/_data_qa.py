"""Data page, question answering: which shape the file was read as (SQuAD JSON, a Label Studio
export or a table), the columns of a table (paragraph, question, answer, answer start, id),
the charts (paragraph length in tokens against the max length, answer length, questions per
paragraph) and a preview that marks each answer in its paragraph.

Reading, checking and splitting are core.data's (load_examples, make_splits,
build_health_report); token counts and windows are core.data.qa_health's."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import streamlit as st

from core.data import qa_health, squad
from core.errors import UserError
from core.text import number, t
from pages import _charts, _data_files, _format
from pages._session import widget

NONE = "(none)"  # text: not user-facing (the option value for "no column"; shown translated)
REQUIRED = ("context", "question", "answer")
OPTIONAL = ("answer_start", "id")
FIELDS = {"context": "context_column", "question": "question_column",
          "answer": "answer_column", "answer_start": "answer_start_column", "id": "id_column"}
PREVIEW = 20  # questions shown with their marked answer


def shape(path: str) -> str:
    """How the file is read: "squad", "label_studio" or "table" (a catalogue key part)."""
    return _data_files.qa_shape(path)


def _column_name(column: str) -> str:
    return t("data.columns.none") if column == NONE else column


def _pick(role: str, columns: list[str], guess: dict, index: int) -> str:
    options = columns if role in REQUIRED else [NONE, *columns]
    guessed = guess.get(role)
    default = guessed if guessed in options else (
        options[min(index, len(options) - 1)] if role in REQUIRED else NONE)
    return widget(st.selectbox, t(f"data.qa.columns.{role}.label"), f"data_qa_{role}", default,
                  options=options, format_func=_column_name,
                  help=t(f"data.qa.columns.{role}.help"))


def _split_column(columns: list[str], guess: dict) -> str:
    return widget(st.selectbox, t("data.columns.split.label"), "data_split",
                  guess.get("split") if guess.get("split") in columns else NONE,
                  options=[NONE, *columns], format_func=_column_name,
                  help=t("data.columns.split.help"))


def _table_columns(path: str) -> dict:
    frame = _data_files.read_table(_data_files.signature(path))
    columns = [str(c) for c in frame.columns]
    if len(columns) < len(REQUIRED):
        raise UserError(t("data.qa.columns.too_few.message", file=Path(path).name,
                          count=len(columns)), t("data.qa.columns.too_few.fix"))
    guess = squad.guess_qa_columns(columns)
    sure = all(guess.get(role) for role in REQUIRED)
    with st.expander(t("data.qa.columns.expander"), expanded=not sure,
                     icon=":material/view_column:"):
        left, right = st.columns(2)
        with left:
            picked = {role: _pick(role, columns, guess, i) for i, role in enumerate(REQUIRED)}
        with right:
            picked.update({role: _pick(role, columns, guess, 0) for role in OPTIONAL})
            split = _split_column(columns, guess)
    chosen = [c for c in picked.values() if c != NONE]
    twice = next((c for c in chosen if chosen.count(c) > 1), None)
    if twice is not None:
        raise UserError(t("data.qa.columns.same.message", column=twice),
                        t("data.qa.columns.same.fix"))
    st.caption(t("data.qa.columns.reading", **{role: _format.md(picked[role])
                                               for role in REQUIRED}))
    fields = {FIELDS[role]: "" if value == NONE else value for role, value in picked.items()}
    fields["split_column"] = "" if split == NONE else split
    return fields


def column_settings(path: str) -> dict:
    """DataConfig fields of a question-answering file: the columns of a table, none for JSON."""
    found = shape(path)
    st.caption(t(f"data.qa.shape.{found}"))
    return _table_columns(path) if found == "table" else {}


# ----- summary, charts and preview ----------------------------------------------------------

def paragraphs(splits: Any) -> int:
    """Different paragraphs over all splits."""
    return len({c for part in splits.parts().values() for c in part.frame["context"]})


def windows(report: Any, splits: Any, tokenizer: Any, max_length: int) -> int:
    """Training windows of `max_length` tokens: each training question is read once per window
    of its paragraph. The report's windows per paragraph (core.data.qa_health.window_stats,
    counted here when the report has none) times the training questions."""
    found = report.stats.get("windows")
    if not isinstance(found, dict) and tokenizer is not None:
        found = qa_health.window_stats(splits.train.frame, tokenizer, max_length,
                                       min(qa_health.DEFAULT_STRIDE, max_length // 4))
    if not isinstance(found, dict) or not found.get("contexts"):
        return len(splits.train)
    per_paragraph = found["windows"] / found["contexts"]
    return max(len(splits.train), round(len(splits.train) * per_paragraph))


@st.cache_data(show_spinner=False, max_entries=16)
def lengths(config_json: str, sigs: tuple, model: str, max_length: int) -> dict:
    """Tokens per paragraph, tokens per answer, questions per paragraph (training split)."""
    splits, _ = _data_files.check(config_json, sigs, model, max_length)
    frame = splits.train.frame
    tokenizer = _data_files.usable_tokenizer(model)
    contexts = list(dict.fromkeys(frame["context"]))
    answers = [text for a in frame["answers"] for text in a["text"]]
    return {"contexts": qa_health.token_counts(contexts, tokenizer),
            "answers": qa_health.token_counts(answers, tokenizer),
            "questions": frame.groupby("context", sort=False).size().tolist()}


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0


def show_answer_charts(found: dict) -> None:
    if not found["answers"]:
        st.caption(t("data.charts.no_answers"))
        return
    st.plotly_chart(_charts.count_histogram(
        found["answers"], t("data.charts.answer_lengths_title"),
        t("data.charts.answer_lengths_x"), t("data.charts.answers_y")), key="chart_answers")
    st.plotly_chart(_charts.count_histogram(
        found["questions"], t("data.charts.questions_title"), t("data.charts.questions_x"),
        t("data.charts.paragraphs_y")), key="chart_questions")


def show_context_lengths(found: dict, max_length: int) -> None:
    contexts = found["contexts"]
    if not contexts:
        st.caption(t("data.charts.lengths_pending"))
        return
    st.plotly_chart(_charts.count_histogram(
        contexts, t("data.charts.context_lengths_title"), t("data.charts.context_lengths_x"),
        t("data.charts.paragraphs_y"), line=max_length), key="chart_lengths")
    st.caption(t("data.charts.context_lengths_caption", count=_median(contexts),
                 longest=number(max(contexts)), max_length=number(max_length)))


def marked(context: str, answers: dict) -> str:
    """The paragraph as escaped HTML with its first answer in a <mark>."""
    texts, starts = list(answers["text"]), list(answers["answer_start"])
    if not texts or int(starts[0]) < 0:
        return html.escape(context)
    start, end = int(starts[0]), int(starts[0]) + len(str(texts[0]))
    return (html.escape(context[:start]) + "<mark>" + html.escape(context[start:end])
            + "</mark>" + html.escape(context[end:]))


def show_preview(splits: Any) -> None:
    frame = splits.train.frame.head(PREVIEW)
    st.caption(t("data.preview.caption", count=len(frame)))
    for question, context, answers in zip(frame["question"], frame["context"],
                                          frame["answers"], strict=True):
        st.markdown(t("data.preview.question", question=_format.md(question)))
        st.html(f'<div style="line-height:1.6">{marked(str(context), answers)}</div>')
        if not list(answers["text"]):
            st.caption(t("data.preview.no_answer"))
