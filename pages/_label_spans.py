"""Tagging entities on the Label page: pick words, press a type, save the text.

The words of the text are pills; the selected ones become an entity of the type pressed (each
unbroken run of selected words is one entity). The spans of the text being tagged are kept in
the project's draft on disk, so a refresh does not lose them before the text is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.data.spans import tokenize
from core.errors import UserError
from core.label import labeling
from core.text import percent, t
from pages import _format

COLOURS = ("blue", "green", "orange", "violet", "red", "gray")
plain = _format.md  # `text` shown literally by st.markdown (no formatting, links or images)


def colour_of(project: labeling.Project, kind: str) -> str:
    return COLOURS[project.labels.index(kind) % len(COLOURS)] if kind in project.labels \
        else "gray"


def annotated(project: labeling.Project, text: str, spans: Sequence[Sequence[Any]]) -> str:
    """The text as markdown with each entity highlighted and followed by its type."""
    _, offsets = tokenize(text)
    pieces, cursor = [], 0
    for first, end, kind, *_ in sorted(spans):
        start, stop = offsets[first][0], offsets[end - 1][1]
        pieces.append(plain(text[cursor:start]))
        colour = colour_of(project, str(kind))
        pieces.append(f":{colour}-background[{plain(text[start:stop])}] "
                      f":{colour}[**{plain(kind)}**]")
        cursor = stop
    pieces.append(plain(text[cursor:]))
    return "".join(pieces)


def _entity_markup(colour: str, words: str, kind: str) -> str:
    return f":{colour}-background[{words}] :{colour}[**{kind}**]"  # text: not user-facing


def word_runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Unbroken runs of word positions as (first, end) with end exclusive."""
    runs: list[tuple[int, int]] = []
    for position in sorted(set(positions)):
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs


def with_span(spans: list[list[Any]], first: int, end: int, kind: str) -> list[list[Any]]:
    """`spans` plus a new one; entities it overlaps are replaced by it."""
    kept = [s for s in spans if s[1] <= first or s[0] >= end]
    return sorted(kept + [[first, end, kind]])


def draft_spans(project: labeling.Project, state: labeling.LabelState, item: int
                ) -> list[list[Any]]:
    draft = labeling.read_draft(project, item)
    if draft is not None:
        return [list(s[:3]) for s in draft]
    return [list(s) for s in state.labels.get(item, [])]


def words_key(project: labeling.Project, item: int) -> str:
    return f"label_words_{project.project_id}_{item}"


def _tag(project_id: str, item: int, kind: str, spans: list[list[Any]]) -> None:
    project = labeling.open_project(project_id)
    key = words_key(project, item)
    selected = st.session_state.get(key) or []
    if not selected:
        st.session_state["label_message"] = ("warning", t("label.spans.select_first"))
        return
    for first, end in word_runs(selected):
        spans = with_span(spans, first, end, kind)
    labeling.save_draft(project, item, spans)
    st.session_state[key] = []


def _remove(project_id: str, item: int, spans: list[list[Any]], index: int) -> None:
    project = labeling.open_project(project_id)
    labeling.save_draft(project, item, [s for i, s in enumerate(spans) if i != index])


def _use_suggestion(project_id: str, item: int, suggested: list[list[Any]]) -> None:
    project = labeling.open_project(project_id)
    labeling.save_draft(project, item, [list(s[:3]) for s in suggested])


def tag_text(project: labeling.Project, state: labeling.LabelState, item: int, text: str,
             suggested: list[list[Any]] | None, suggestion_note: str,
             save: Callable[..., None]) -> None:
    """The tagging view of one text; `save(project_id, item, spans)` stores the finished text."""
    tokens, _ = tokenize(text)
    spans = draft_spans(project, state, item)
    if not tokens:
        raise UserError(t("label.spans.no_words"), t("label.spans.no_words_fix"))
    with st.container(border=True):
        st.markdown(annotated(project, text, spans) if spans else plain(text))
    if suggested:
        names = t("common.list.separator").join(
            t("label.spans.suggested_entity", words=" ".join(tokens[s[0]:s[1]]), type=s[2],
              percent=percent(s[3], 0)) for s in suggested)
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.caption(t("label.spans.suggested", source=plain(suggestion_note),
                       entities=plain(names)))
        right.button(t("label.spans.use"), key="label_use_suggestion", shortcut="A",
                     on_click=_use_suggestion, args=(project.project_id, item, suggested),
                     help=t("label.spans.use_help"))
    st.pills(t("label.spans.words"), list(range(len(tokens))), selection_mode="multi",
             format_func=lambda i: plain(tokens[i]), key=words_key(project, item),
             help=t("label.spans.words_help"))
    with st.container(horizontal=True):
        for k, kind in enumerate(project.labels):
            st.button(t("label.spans.tag", type=plain(kind)), key=f"label_tag_{k}",
                      on_click=_tag, args=(project.project_id, item, kind, spans),
                      shortcut=str(k + 1) if k < 9 else None,
                      help=t("label.spans.tag_help_shortcut", type=plain(kind), key=k + 1)
                      if k < 9 else t("label.spans.tag_help", type=plain(kind)))
    if spans:
        st.caption(t("label.spans.entities"))
        for index, (first, end, kind) in enumerate(spans):
            left, right = st.columns([6, 1], vertical_alignment="center")
            colour = colour_of(project, kind)
            words = plain(" ".join(tokens[first:end]))
            left.markdown(_entity_markup(colour, words, plain(kind)))
            right.button(t("label.spans.remove"), key=f"label_remove_{index}",
                         icon=":material/close:", on_click=_remove,
                         args=(project.project_id, item, spans, index),
                         help=t("label.spans.remove_help"))
    st.button(t("label.label.save"), type="primary", key="label_save_entities",
              icon=":material/check:", shortcut="N", on_click=save,
              args=(project.project_id, item, spans, "manual"),
              help=t("label.spans.save_help"))
