"""The Test page's "Label budget" section: score against number of labels, and whether more
labels are likely to help.

The quick baseline's curve is computed on request in seconds (and cached per run); the model's
curve trains Quick runs in a background process, drawn from its saved curve as it grows.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from core.jobs import curve as curve_job
from core.scoring.metrics import metric_name
from core.text import t
from core.train import learning_curve
from core.workspace import curves, runs
from core.workspace.folder import RunFolder
from pages import _format

COLOURS = {"baseline": "#94A3B8", "model": "#4F46E5"}
POLL_S = 5


def learner_name(learner: str) -> str:
    """The curve's learner as the legend names it."""
    return t(f"test.curve.{learner}") if learner in COLOURS else learner


@st.cache_data(max_entries=8, show_spinner=False)
def _baseline_curve(run_path: str, stamp: float) -> dict[str, Any]:
    return learning_curve.baseline_curve(Path(run_path))


def figure(curve: dict[str, Any]) -> go.Figure:
    """Points per learner, with the fitted log curve drawn on to twice the current labels."""
    fig = go.Figure()
    n_now = int(curve.get("n_now") or 1)
    for learner, points in (curve.get("points") or {}).items():
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        colour = COLOURS.get(learner, "#0F172A")
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers+lines", name=learner_name(learner),
                                 marker={"size": 9, "color": colour},
                                 line={"color": colour, "width": 1}))
        fit = (curve.get("fits") or {}).get(learner)
        if fit:
            grid = [math.exp(v) for v in
                    [math.log(min(xs)) + i * (math.log(2 * n_now) - math.log(min(xs))) / 40
                     for i in range(41)]]
            fig.add_trace(go.Scatter(
                x=grid, y=[min(1.0, fit["intercept"] + fit["slope"] * math.log(g)) for g in grid],
                mode="lines", name=t("test.curve.trend", name=learner_name(learner)),
                line={"color": colour, "dash": "dot"}, hoverinfo="skip"))
    fig.add_vline(x=n_now, line={"color": "#CBD5E1", "dash": "dash"})
    # placed by hand: on a log axis an annotation's x is log10 of the value (plotly/plotly.py#4012)
    fig.add_annotation(x=math.log10(n_now), y=1, yref="paper", text=t("test.curve.labels_now"),
                       showarrow=False, xanchor="right", yanchor="bottom")
    name = metric_name(str(curve["metric"])) if curve.get("metric") \
        else curve.get("metric_name") or t("test.curve.score")
    fig.update_xaxes(type="log", title=t("test.curve.x_axis"))
    fig.update_yaxes(title=name, tickformat=".0%")
    fig.update_layout(height=380, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      # below the axis, so the "labels now" note above the plot stays readable
                      legend={"orientation": "h", "yanchor": "top", "y": -0.25,
                              "xanchor": "left", "x": 0})
    return fig


def advice_sentence(curve: dict[str, Any]) -> str:
    """The curve's advice in the reader's language: the saved curve keeps it as a catalogue key
    (advice_code) beside the sentence in the language it was computed in."""
    code = curve.get("advice_code")
    if isinstance(code, dict) and code.get("key"):
        return learning_curve.render_advice(code)
    return str(curve.get("advice") or "")


def show_curve(curve: dict[str, Any], key: str) -> None:
    st.plotly_chart(figure(curve), key=key)
    advice = advice_sentence(curve)
    if advice:
        st.markdown(f"**{advice}**")
    held_out = "validation" if curve.get("held_out") == "validation" else "test"
    st.caption(t(f"test.curve.explained_{held_out}"))


@st.fragment(run_every=POLL_S)
def _model_progress(run: runs.RunInfo) -> None:
    curve = curves.read_curve(run.path) or {}
    if curve.get("state") != "running":
        st.rerun()  # the whole section redraws with the finished curve
    done = len((curve.get("points") or {}).get("model") or [])
    total = len(curve.get("sizes") or []) or None
    st.progress(done / total if total else 0.0,
                text=t("test.curve.progress", done=done, total=total) if total
                else t("test.curve.progress_unknown", done=done))
    if (curve.get("points") or {}).get("model"):
        show_curve(curve, "test_curve_model_live")


def model_section(run: runs.RunInfo) -> None:
    curve = curves.read_curve(run.path)
    state = (curve or {}).get("state")
    if state == "running":
        _model_progress(run)
        return
    if state == "failed":
        error = curve.get("error") or t("test.curve.failed")
        st.error(_format.md(f"{error} {curve.get('fix') or ''}".strip()), icon=":material/error:")
    elif state == "done" and (curve.get("points") or {}).get("model"):
        show_curve(curve, "test_curve_model")
    if st.button(t("test.curve.model_start"), key="test_curve_model_start",
                 icon=":material/stacked_line_chart:", help=t("test.curve.model_start_help")):
        curve_job.start_model_curve(run.path)
        st.rerun()


def render(run: runs.RunInfo) -> None:
    st.markdown(t("test.curve.intro"))
    wanted = st.session_state.setdefault("test_curve_runs", set())
    if run.run_id not in wanted:
        if st.button(t("test.curve.start"), key="test_curve_start",
                     icon=":material/show_chart:", help=t("test.curve.start_help")):
            wanted.add(run.run_id)
            st.rerun()
    else:
        config_file = RunFolder(run.path).config
        stamp = config_file.stat().st_mtime if config_file.exists() else 0.0
        with st.spinner(t("test.curve.baseline_spinner")):
            curve = _baseline_curve(str(run.path), stamp)
        show_curve(curve, "test_curve_baseline")
    st.divider()
    model_section(run)
