"""The Test page's Try it tab: the model answers a text typed in, with its latency."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from core.text import number, percent, t
from core.workspace import runs
from pages import _format, _test_qa
from pages import _report_visuals as visuals
from pages._test_common import answers_from_context, entity_colours, predictor_for, task_of

# ----- playground ---------------------------------------------------------------------------

def inputs(run: runs.RunInfo, task: Any, n_labels: int) -> tuple[str, str | None, int]:
    """The text to try, the second text of a pair model (else None), and labels to draw."""
    text = st.text_area(t("test.play.text"), key="test_play_text", height=110,
                        placeholder=t("test.play.text_placeholder"),
                        help=t("test.play.text_help"))
    pair_column = (run.config.get("data") or {}).get("text_pair_column")
    pair = st.text_area(t("test.play.pair"), key="test_play_pair", height=80,
                        help=t("test.play.pair_help", column=_format.md(pair_column))
                        ) if pair_column else None
    top_k = 5
    if not task.shows_entities and n_labels > 2:
        top_k = st.slider(t("test.play.top_k"), 1, min(10, n_labels), min(5, n_labels),
                          key="test_play_top_k", help=t("test.play.top_k_help"))
    return text, pair, top_k


def show_entities(text: str, entities: list[dict[str, Any]],
                  evaluation: dict[str, Any]) -> None:
    colours = entity_colours(evaluation, [e["type"] for e in entities])
    st.html('<div style="line-height:2;font-size:1.05rem">'
            + visuals.text_with_entities(text, entities, colours) + "</div>")
    if not entities:
        st.caption(t("test.play.no_entities"))
        return
    names = ("text", "type", "score", "start", "end")
    st.dataframe(pd.DataFrame(entities)[list(names)], hide_index=True, key="test_play_entities",
                 column_config={c: t(f"test.play.entity_{c}") for c in names})


def playground_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    task = task_of(run, evaluation)
    if answers_from_context(task):
        _test_qa.qa_playground(run)
        return
    text, pair, top_k = inputs(run, task, len(evaluation.get("labels") or []))
    if not (text or "").strip():
        st.caption(t("test.play.empty"))
        return
    predictor = predictor_for(run)
    started = time.perf_counter()
    result = predictor.predict([text], pairs=None if pair is None else [pair or ""],
                               top_k=max(top_k, 2))[0]
    latency_ms = (time.perf_counter() - started) * 1000
    if task.shows_entities:
        show_entities(text, result["entities"], evaluation)
    else:
        answer = (t("common.list.separator").join(result["labels"])
                  or t("test.play.no_label"))
        # the answer is a label name from the training file: shown literally
        st.metric(t("test.play.answer"), _format.md(answer), help=t("test.play.answer_help"),
                  delta=t("test.play.sure", percent=percent(result["score"]))
                  if result["labels"] else None,
                  delta_arrow="off", delta_color="off")
        st.plotly_chart(visuals.top_k_bars(result["top"][:top_k],
                                           predictor.threshold if predictor.multi_label
                                           else None), key="test_play_chart")
    st.caption(t("test.play.latency", ms=number(round(latency_ms)),
                 device=predictor.device.upper()))
