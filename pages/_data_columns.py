"""Data page: which column holds the text and which the label, names for number labels, and
the split shares."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core import data as coredata
from core.errors import UserError
from core.tasks import task_kind
from core.text import t
from pages import _data_files, _data_qa, _format
from pages._session import widget

NONE = "(none)"  # text: not user-facing (the option value for "no column"; shown translated)
PAIR_MODES = ("join", "pair")


def _column_name(column: str) -> str:
    return t("data.columns.none") if column == NONE else column


def _text_columns(columns: list[str], guess: Any) -> tuple[str, str, str]:
    """The text column, the second text column (or NONE) and how the two are read."""
    text = widget(st.selectbox, t("data.columns.text.label"), "data_text",
                  guess.text if guess.text in columns else columns[0], options=columns,
                  help=t("data.columns.text.help"))
    second = guess.text_pair or guess.also_text
    others = [NONE, *(c for c in columns if c != text)]  # never the text twice
    pair = widget(st.selectbox, t("data.columns.pair.label"), "data_pair",
                  second if second in others else NONE, options=others,
                  format_func=_column_name, help=t("data.columns.pair.help"))
    mode = "join"
    if pair != NONE:
        mode = widget(st.radio, t("data.columns.mode.label"), "data_pair_mode",
                      "pair" if guess.text_pair else "join", options=list(PAIR_MODES),
                      format_func=lambda m: t(f"data.columns.mode.{m}"),
                      help=t("data.columns.mode.help"))
    return text, pair, mode


def _label_columns(columns: list[str], guess: Any) -> tuple[str, str]:
    """The label column and the split column (or NONE)."""
    label = widget(st.selectbox, t("data.columns.label.label"), "data_label",
                   guess.label if guess.label in columns else columns[-1], options=columns,
                   help=t("data.columns.label.help"))
    split = widget(st.selectbox, t("data.columns.split.label"), "data_split",
                   guess.split if guess.split in columns else NONE, options=[NONE, *columns],
                   format_func=_column_name, help=t("data.columns.split.help"))
    return label, split


def _multi_label(guess: Any) -> tuple[bool, str | None]:
    multi = widget(st.checkbox, t("data.columns.multi.label"), "data_multi",
                   bool(guess.multi_label), help=t("data.columns.multi.help"))
    separator = None
    if multi:
        separator = widget(st.text_input, t("data.columns.separator.label"), "data_sep",
                           guess.label_separator or "|", max_chars=3,
                           help=t("data.columns.separator.help"))
    return bool(multi), separator


def _pick_columns(columns: list[str], guess: Any) -> dict:
    # Collapsed when both columns were recognised; open when the user has to choose.
    sure = bool(guess.text and guess.label)
    with st.expander(t("data.columns.expander"), expanded=not sure,
                     icon=":material/view_column:"):
        left, right = st.columns(2)
        with left:
            text, pair, mode = _text_columns(columns, guess)
        with right:
            label, split = _label_columns(columns, guess)
        multi, separator = _multi_label(guess)
        if guess.reasons:
            st.caption(t("data.columns.reasons", reasons=_format.md(" ".join(guess.reasons))))
    return {"text": text, "pair": pair, "mode": mode, "label": label, "split": split,
            "multi": multi, "separator": separator}


def _say_where_read(text: str, joined: str | None, label: str) -> None:
    if joined:
        st.caption(t("data.columns.reading_joined", text=_format.md(text),
                     joined=_format.md(joined), label=_format.md(label)))
    else:
        st.caption(t("data.columns.reading", text=_format.md(text), label=_format.md(label)))


def _tagged_settings(path: str) -> dict:
    st.caption(t("data.columns.entity_caption"))
    return {}


def column_settings(path: str, task: str) -> dict:
    """DataConfig fields for the column mapping, by the reader of the task's files."""
    return COLUMN_PARTS[task_kind(task).reader](path)


def _table_settings(path: str) -> dict:
    """The text, label and split columns of a table of labeled texts."""
    frame = _data_files.read_table(_data_files.signature(path))
    columns = [str(c) for c in frame.columns]
    if len(columns) < 2:
        raise UserError(t("data.columns.one_column.message", file=Path(path).name,
                          column=columns[0]),
                        t("data.columns.one_column.fix"))
    picked = _pick_columns(columns, _data_files.guess_columns(_data_files.signature(path)))
    text, pair, label = picked["text"], picked["pair"], picked["label"]
    joined = pair if pair != NONE and picked["mode"] == "join" else None
    _say_where_read(text, joined, label)
    if text == label:
        raise UserError(t("data.columns.same.message"), t("data.columns.same.fix"))
    names = label_name_settings(frame, label, picked["multi"], picked["separator"])
    return {"text_column": text, "label_column": label, "text_join_column": joined,
            "label_names": names,
            # "" turns the guess off
            "text_pair_column": "" if pair == NONE or joined else pair,
            "split_column": "" if picked["split"] == NONE else picked["split"],
            "multi_label": picked["multi"], "label_separator": picked["separator"] or None}


# The column part of each reader a task names (core.tasks: `reader`).
COLUMN_PARTS = {"table": _table_settings, "tagged": _tagged_settings,
                "squad": _data_qa.column_settings}


def label_name_settings(frame: Any, column: str, multi: bool, separator: str | None) -> dict:
    """Names for whole-number labels (0/1, 1-5), typed into a small table; {} otherwise."""
    values = coredata.integer_label_values(frame, column, multi, separator)
    if not values:
        return {}
    kept = st.session_state.get("data_label_names") or {}
    # One editor per label column and set of values: another column starts a fresh table.
    key = "data_label_names_" + hashlib.sha256(
        json.dumps([column, values]).encode()).hexdigest()[:12]
    table = pd.DataFrame({"Label": values, "Name": [kept.get(v, "") for v in values]})
    st.markdown(t("data.names.heading"))
    st.caption(t("data.names.caption"))
    edited = st.data_editor(
        table, key=key, hide_index=True, disabled=["Label"], num_rows="fixed",
        column_config={"Label": st.column_config.TextColumn(t("data.names.column_label")),
                       "Name": st.column_config.TextColumn(t("data.names.column_name"),
                                                           max_chars=100)})
    names = {str(v): str(n).strip() for v, n in zip(edited["Label"], edited["Name"], strict=True)
             if isinstance(n, str) and n.strip()}
    st.session_state["data_label_names"] = names
    return names


def split_settings(has_split_column: bool) -> dict:
    with st.expander(t("data.split.expander")):
        if has_split_column:
            st.caption(t("data.split.by_column"))
        left, right = st.columns(2)
        with left:
            val = widget(st.slider, t("data.split.validation.label"), "data_val", 0.1,
                         min_value=0.05, max_value=0.3, step=0.05,
                         help=t("data.split.validation.help"))
        with right:
            test = widget(st.slider, t("data.split.test.label"), "data_test", 0.1,
                          min_value=0.05, max_value=0.3, step=0.05,
                          help=t("data.split.test.help"))
    return {"validation_fraction": float(val), "test_fraction": float(test)}
