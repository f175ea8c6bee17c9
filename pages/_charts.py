"""Plotly figures for the pages: data charts and training curves drawn from metrics events.

Pure functions from plain data to figures, so the pages stay short and tests can call them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from core.text import t
from pages import _format

HEIGHT = 260
METRIC_ORDER = ("macro_f1", "f1", "exact_match", "accuracy", "micro_f1", "precision", "recall")
# shown beside the headline metric when logged: accuracy (labels), exact match (answers)
SECOND_METRICS = ("accuracy", "exact_match")
CHART_METRICS = ("exact_match",)  # metrics named by charts.metric.<name>
NOT_METRICS = {"type", "step", "epoch", "time", "loss", "runtime", "samples_per_second",
               "steps_per_second"}


def _layout(fig: go.Figure, title: str, x: str, y: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 15}}, height=height, template="plotly_white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, xaxis_title=x, yaxis_title=y,
        # below the plot, so a long legend never covers the title
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "xanchor": "left", "x": 0},
        hovermode="x unified")  # text: not user-facing
    return fig


# ----- data charts -------------------------------------------------------------------------

def label_distribution(class_counts: Mapping[str, int], title: str | None = None
                       ) -> go.Figure:
    """Bars of examples per label; `title` defaults to 'Examples per label'."""
    items = sorted(class_counts.items(), key=lambda kv: kv[1], reverse=True)
    fig = go.Figure(go.Bar(x=[str(k) for k, _ in items], y=[v for _, v in items],
                           marker_color="#4F46E5"))
    return _layout(fig, title or t("charts.labels.title"), t("charts.labels.x"),
                   t("charts.labels.y"))


def token_length_histogram(edges: Sequence[float], counts: Sequence[int],
                           max_length: int | None) -> go.Figure:
    """Bars from histogram bins (`edges` has one more value than `counts`)."""
    centres = [(a + b) / 2 for a, b in zip(edges[:-1], edges[1:], strict=True)]
    widths = [b - a for a, b in zip(edges[:-1], edges[1:], strict=True)]
    fig = go.Figure(go.Bar(x=centres, y=list(counts), width=widths, marker_color="#0EA5E9",
                           marker_line_width=0))
    if max_length:
        fig.add_vline(x=max_length, line_dash="dash", line_color="#DC2626",
                      annotation_text=t("charts.lengths.max_length", max_length=max_length),
                      annotation_position="top left")  # text: not user-facing
        upper = max(edges[-1] if len(edges) else 0, max_length) * 1.05
        fig.update_xaxes(range=[0, upper])
    return _layout(fig, t("charts.lengths.title"), t("charts.lengths.x"),
                   t("charts.lengths.y"))


def count_histogram(values: Sequence[int], title: str, x: str, y: str,
                    line: int | None = None) -> go.Figure:
    """Bars of how often each count occurs (tokens per paragraph, questions per paragraph);
    `line` marks a limit such as the max length."""
    fig = go.Figure(go.Histogram(x=list(values), marker_color="#0EA5E9", marker_line_width=0))
    if line:
        fig.add_vline(x=line, line_dash="dash", line_color="#DC2626",
                      annotation_text=t("charts.lengths.max_length", max_length=line),
                      annotation_position="top left")  # text: not user-facing
        fig.update_xaxes(range=[0, max([line, *values]) * 1.05])
    return _layout(fig, title, x, y)


def entity_counts(counts: Mapping[str, int]) -> go.Figure:
    return label_distribution(counts, t("charts.entities.title")).update_layout(
        xaxis_title=t("charts.entities.x"))


# ----- training curves ---------------------------------------------------------------------

def events_frame(events: Iterable[Mapping[str, Any]], kind: str) -> pd.DataFrame:
    rows = [e for e in events if e.get("type") == kind]
    frame = pd.DataFrame(rows)
    if frame.empty or "step" not in frame:
        return pd.DataFrame()
    return frame.sort_values("step").reset_index(drop=True)


def metric_label(name: str) -> str:
    """A metric's name in a chart legend ('exact_match' -> 'exact match')."""
    return t(f"charts.metric.{name}") if name in CHART_METRICS else _format.metric_name(name)


def metric_names(eval_frame: pd.DataFrame) -> list[str]:
    """Validation metrics present, the usual headline metric first."""
    found = [c for c in eval_frame.columns if c not in NOT_METRICS
             and pd.api.types.is_numeric_dtype(eval_frame[c])]
    return sorted(found, key=lambda c: (METRIC_ORDER.index(c) if c in METRIC_ORDER else 99, c))


def _step_axis(fig: go.Figure) -> go.Figure:
    """Steps are whole numbers: integer ticks, and a few points (one evaluation) get a range
    of a few steps around them instead of plotly's 99, 99.5, 100."""
    steps = [x for trace in fig.data for x in (trace.x if trace.x is not None else ())]
    fig.update_xaxes(tickformat=",d")
    if steps and max(steps) - min(steps) < 10:
        low = max(0, int(min(steps)) - 1)
        fig.update_xaxes(range=[low, int(max(steps)) + 1], dtick=1)
    return fig


def score_range(values: Iterable[float]) -> list[float] | None:
    """The y range of a chart of scores between 0 and 1: up to 1, from a round tenth below
    the lowest score, so two equal flat lines look equal and small wobbles look small."""
    found = [float(v) for v in values if v == v]
    if not found or min(found) < 0 or max(found) > 1:
        return None
    low = max(0.0, math.floor((min(found) - 0.05) * 10) / 10)
    return [low, 1.02]


def _line(fig: go.Figure, frame: pd.DataFrame, column: str, name: str, **style: Any) -> None:
    if column in frame and frame[column].notna().any():
        part = frame[["step", column]].dropna()
        fig.add_trace(go.Scatter(x=part["step"], y=part[column], name=name,
                                 mode="lines+markers" if len(part) < 30 else "lines", **style))


def loss_chart(train: pd.DataFrame, evals: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    _line(fig, train, "loss", t("charts.loss.train"), line={"color": "#4F46E5"})
    _line(fig, evals, "loss", t("charts.loss.validation"), line={"color": "#F97316", "width": 3})
    fig.update_yaxes(rangemode="tozero")  # a loss is never below 0; autoscaling exaggerates
    return _step_axis(_layout(fig, t("charts.loss.title"), t("charts.axis.step"),
                              t("charts.loss.y")))


def metric_chart(evals: pd.DataFrame) -> go.Figure:
    """The headline validation metric, plus accuracy (or exact match) when that is not the
    headline."""
    fig = go.Figure()
    names = metric_names(evals)
    shown = names[:1] + [n for n in names[1:] if n in SECOND_METRICS]
    for name, color in zip(shown, ("#F97316", "#0EA5E9", "#059669"), strict=False):
        _line(fig, evals, name, metric_label(name), line={"color": color})
    scores = score_range(v for name in shown for v in evals[name].dropna())
    if scores:
        fig.update_yaxes(range=scores)
    return _step_axis(_layout(fig, t("charts.score.title"), t("charts.axis.step"),
                              t("charts.score.y")))


def single_chart(frame: pd.DataFrame, column: str, title: str, y: str,
                 color: str = "#0EA5E9") -> go.Figure:
    fig = go.Figure()
    _line(fig, frame, column, y, line={"color": color})
    if frame.get(column) is not None and frame[column].abs().max() < 1e-2:
        fig.update_yaxes(exponentformat="e")  # 1e-4 reads better than plotly's "100µ"
    return _step_axis(_layout(fig, title, t("charts.axis.step"), y))


def overfitting_hint(train: pd.DataFrame, evals: pd.DataFrame, active: bool = True
                     ) -> str | None:
    """Plain words when validation loss rises in recent evaluations while training loss falls."""
    if "loss" not in evals or "loss" not in train:
        return None
    val = evals[["step", "loss"]].dropna()
    if len(val) < 3:
        return None
    last, before, earlier = val["loss"].iloc[-1], val["loss"].iloc[-2], val["loss"].iloc[-3]
    if not (last > before > earlier or last > val["loss"].min() * 1.10):
        return None
    cut = val["step"].iloc[-3]
    recent = train.loc[train["step"] > cut, "loss"].dropna()
    older = train.loc[train["step"] <= cut, "loss"].dropna().tail(max(1, len(recent)))
    if recent.empty or older.empty or recent.mean() >= older.mean():
        return None
    return t("charts.overfitting.active" if active else "charts.overfitting.finished")


# ----- comparing runs ----------------------------------------------------------------------

def compare_chart(series: Mapping[str, pd.DataFrame], column: str, title: str, y: str
                  ) -> go.Figure:
    """One line per run (`series` maps a run's label to its frame)."""
    fig = go.Figure()
    for label, frame in series.items():
        _line(fig, frame, column, label)
    return _step_axis(_layout(fig, title, t("charts.axis.step"), y, height=300))
