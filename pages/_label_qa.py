"""Asking questions of a paragraph on the Label page: type or paste a question, click the words
of its answer, add it (or say the paragraph does not answer it); Next, Skip and Undo.

The paragraph's words are pills, as in entity tagging (pages/_label_spans.py); the answer is
the paragraph's characters from the first to the last selected word. Every question is saved
in the project as it is added, and the paragraph stays open for more until Next.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.data.spans import tokenize
from core.label import labeling, qa_labeling
from core.text import number, t
from pages._label_spans import plain
from pages._label_state import CURRENT, _guarded, _leave_item, _skip, _texts, _undo


def question_key(project_id: str, item: int) -> str:
    return f"label_question_{project_id}_{item}"


def answer_key(project_id: str, item: int) -> str:
    return f"label_answer_{project_id}_{item}"


def _add_question(project_id: str, item: int, answered: bool) -> None:
    texts = _texts(project_id)
    question = qa_labeling.clean_question(st.session_state.get(question_key(project_id, item)))
    words = st.session_state.get(answer_key(project_id, item)) or []
    span = qa_labeling.word_span(texts[item], words) if answered else None
    labeling.add_question(labeling.open_project(project_id), item, question, span, texts)
    st.session_state[question_key(project_id, item)] = ""
    st.session_state[answer_key(project_id, item)] = []
    st.session_state[CURRENT] = (project_id, item)


def _remove_question(project_id: str, item: int, question_id: str) -> None:
    labeling.remove_question(labeling.open_project(project_id), item, question_id,
                             _texts(project_id))
    st.session_state[CURRENT] = (project_id, item)


_add = _guarded(_add_question)
_remove = _guarded(_remove_question)


def _keep_draft(project_id: str, item: int) -> None:
    labeling.save_question_draft(labeling.open_project(project_id), item,
                                 st.session_state.get(question_key(project_id, item)) or "",
                                 list(st.session_state.get(answer_key(project_id, item)) or []))


def _restore_draft(project: labeling.Project, item: int, n_words: int) -> None:
    """The question and answer words being written before a refresh, back in their widgets."""
    pid = project.project_id
    if question_key(pid, item) in st.session_state:
        return
    draft = labeling.read_question_draft(project, item)
    if draft is not None:
        st.session_state[question_key(pid, item)] = draft[0]
        st.session_state[answer_key(pid, item)] = [w for w in draft[1] if 0 <= w < n_words]


def highlighted(context: str, span: tuple[int, int] | None) -> str:
    """The paragraph as markdown, shown literally, with the selected answer highlighted."""
    if span is None:
        return plain(context)
    start, end = span
    return (plain(context[:start]) + f":blue-background[{plain(context[start:end])}]"
            + plain(context[end:]))


def _selected_span(context: str, words: list[int]) -> tuple[int, int] | None:
    return qa_labeling.word_span(context, words) if words else None


def answer_words(asked: dict[str, Any]) -> str:
    """A question's answer for people: its text, or that the paragraph does not answer it."""
    answers = asked.get("answers") or []
    return answers[0]["text"] if answers else t("label.qa.unanswered")


def qa_view(project: labeling.Project, state: labeling.LabelState, item: int,
            texts: list[str]) -> None:
    """The question view of paragraph `item`."""
    pid, context = project.project_id, texts[item]
    st.caption(t("label.qa.where_skipped" if item in state.skipped else "label.qa.where",
                 item=number(item + 1), total=number(len(texts))))
    tokens, _ = tokenize(context)
    _restore_draft(project, item, len(tokens))
    words = list(st.session_state.get(answer_key(pid, item)) or [])
    span = _selected_span(context, words)
    with st.container(border=True):
        st.markdown(highlighted(context, span))
    st.text_input(t("label.qa.question"), key=question_key(pid, item),
                  placeholder=t("label.qa.question_placeholder"), on_change=_keep_draft,
                  args=(pid, item), help=t("label.qa.question_help"))
    st.pills(t("label.qa.words"), list(range(len(tokens))), selection_mode="multi",
             format_func=lambda i: plain(tokens[i]), key=answer_key(pid, item),
             on_change=_keep_draft, args=(pid, item), help=t("label.qa.words_help"))
    if span is not None:
        st.caption(t("label.qa.answer", answer=plain(context[span[0]:span[1]])))
    with st.container(horizontal=True):
        st.button(t("label.qa.add"), type="primary", key="label_qa_add", icon=":material/add:",
                  on_click=_add, args=(pid, item, True), help=t("label.qa.add_help"))
        st.button(t("label.qa.no_answer"), key="label_qa_no_answer", icon=":material/block:",
                  on_click=_add, args=(pid, item, False), help=t("label.qa.no_answer_help"))
    asked = labeling.questions_of(state, item)
    if asked:
        st.caption(t("label.qa.asked", count=len(asked)))
        for index, question in enumerate(asked):
            left, right = st.columns([6, 1], vertical_alignment="center")
            left.markdown(t("label.qa.asked_item", question=plain(question["question"]),
                            answer=plain(answer_words(question))))
            right.button(t("label.qa.remove"), key=f"label_qa_remove_{index}",
                         icon=":material/close:", on_click=_remove,
                         args=(pid, item, question["id"]), help=t("label.qa.remove_help"))
    qa_buttons(pid, item, bool(asked))


def qa_buttons(project_id: str, item: int, asked: bool) -> None:
    """Next paragraph (once it has a question), Skip (before it has one: a skip would drop its
    questions) and Undo."""
    with st.container(horizontal=True):
        st.button(t("label.qa.next"), key="label_qa_next", icon=":material/arrow_forward:",
                  disabled=not asked, on_click=_leave_item,
                  help=t("label.qa.next_help" if asked else "label.qa.next_first"))
        st.button(t("label.label.skip"), key="label_skip", icon=":material/skip_next:",
                  shortcut="S", on_click=_skip, args=(project_id, item), disabled=asked,
                  help=t("label.qa.skip_asked" if asked else "label.label.skip_help"))
        st.button(t("label.label.undo"), key="label_undo", icon=":material/undo:", shortcut="U",
                  on_click=_undo, args=(project_id,), help=t("label.qa.undo_help"))
