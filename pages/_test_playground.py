"""The Test page's Try it tab: the model answers a text typed in, with its latency."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from core.workspace import runs
from pages import _format
from pages import _report_visuals as visuals
from pages._test_common import entity_colours, kind_of, predictor_for

# ----- playground ---------------------------------------------------------------------------

def playground_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    kind = kind_of(run, evaluation)
    text = st.text_area("Text to try", key="test_play_text", height=110,
                        placeholder="Type or paste a text, then press Ctrl+Enter.",
                        help="The model answers when you press Ctrl+Enter or click outside "
                             "the box.")
    pair_column = (run.config.get("data") or {}).get("text_pair_column")
    pair = st.text_area("Second text", key="test_play_pair", height=80,
                        help=f"This model reads pairs of texts; this is the "
                             f"'{pair_column}' part.") if pair_column else None
    top_k = 5
    n_labels = len(evaluation.get("labels") or [])
    if kind != "ner" and n_labels > 2:
        top_k = st.slider("Labels to show", 1, min(10, n_labels), min(5, n_labels),
                          key="test_play_top_k", help="How many of the most likely labels "
                                                      "to draw.")
    if not (text or "").strip():
        st.caption("The answer appears here.")
        return
    predictor = predictor_for(run)
    started = time.perf_counter()
    result = predictor.predict([text], pairs=[pair or ""] if pair_column else None,
                               top_k=max(top_k, 2))[0]
    latency_ms = (time.perf_counter() - started) * 1000
    if kind == "ner":
        entities = result["entities"]
        colours = entity_colours(evaluation, [e["type"] for e in entities])
        st.html('<div style="line-height:2;font-size:1.05rem">'
                + visuals.text_with_entities(text, entities, colours) + "</div>")
        if entities:
            st.dataframe(pd.DataFrame(entities)[["text", "type", "score", "start", "end"]],
                         hide_index=True, key="test_play_entities")
        else:
            st.caption("No entities found in this text.")
    else:
        answer = ", ".join(result["labels"]) or "(no label reaches the threshold)"
        # the answer is a label name from the training file: shown literally
        st.metric("Model's answer", _format.md(answer),
                  help="The label the model picks for this text.",
                  delta=f"{result['score']:.1%} sure" if result["labels"] else None,
                  delta_arrow="off", delta_color="off")
        st.plotly_chart(visuals.top_k_bars(result["top"][:top_k],
                                           predictor.threshold if predictor.multi_label
                                           else None), key="test_play_chart")
    st.caption(f"Answered in {latency_ms:.0f} ms on {predictor.device.upper()}.")
