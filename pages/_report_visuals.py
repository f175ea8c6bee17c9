"""Figures and highlighted text for the Test page: pure functions from plain data.

Plotly figures for scores, and HTML for entities marked in a colour per type. Every piece of
user text goes through html.escape before it reaches the page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from core.text import percent, t

HEIGHT = 300
COLOURS = ["#C7D2FE", "#FDE68A", "#A7F3D0", "#FBCFE8", "#BAE6FD", "#FED7AA", "#DDD6FE",
           "#D9F99D", "#FECACA", "#99F6E4"]
SCORE_COLOURS = {"precision": "#818CF8", "recall": "#F59E0B", "f1": "#4F46E5"}


def _layout(fig: go.Figure, title: str, x: str, y: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(title={"text": title, "font": {"size": 15}}, height=height,
                      template="plotly_white", margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis_title=x, yaxis_title=y,
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0,
                              "xanchor": "right", "x": 1})
    return fig


def before_after(fine_tuned: float, baselines: Mapping[str, float], metric: str) -> go.Figure:
    """One bar per model: the quick baselines next to the fine-tuned one."""
    names = [*baselines, t("test.chart.fine_tuned")]
    values = [*baselines.values(), fine_tuned]
    colours = ["#CBD5E1"] * len(baselines) + ["#4F46E5"]
    fig = go.Figure(go.Bar(x=values, y=names, orientation="h", marker_color=colours,
                           text=[percent(v) for v in values], textposition="auto"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    return _layout(fig, t("test.chart.before_after", metric=metric), metric, "",
                   height=90 + 45 * len(names))


def per_class_bars(per_class: Mapping[str, Mapping[str, float]], entities: bool = False
                   ) -> go.Figure:
    """Precision, recall and F1 per label (or, with `entities`, per entity type), the weakest
    first."""
    order = sorted(per_class, key=lambda k: per_class[k].get("f1", 0.0))
    fig = go.Figure()
    for score, colour in SCORE_COLOURS.items():
        fig.add_trace(go.Bar(name=t(f"test.table.{score}"), x=[str(k) for k in order],
                             y=[per_class[k].get(score, 0.0) for k in order],
                             marker_color=colour))
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.05])
    what = t("test.table.entity_type" if entities else "test.table.label")
    title = t("test.chart.per_type" if entities else "test.chart.per_label")
    return _layout(fig, title, what, t("test.chart.score"))


def confusion_heatmap(labels: Sequence[str], counts: Sequence[Sequence[int]],
                      normalised: bool) -> go.Figure:
    """Rows: the correct label; columns: the model's answer. Normalised rows sum to 1."""
    rows = [list(map(int, r)) for r in counts]
    if normalised:
        values = [[c / sum(r) if sum(r) else 0.0 for c in r] for r in rows]
        text = [[percent(v, 0) for v in r] for r in values]
    else:
        values, text = rows, [[str(c) for c in r] for r in rows]
    names = [str(x) for x in labels]
    fig = go.Figure(go.Heatmap(z=values, x=names, y=names, text=text,
                               texttemplate="%{text}" if len(names) <= 20 else None,
                               colorscale="Blues", showscale=False,
                               hovertemplate=t("test.chart.confusion_hover", correct="%{y}",
                                               answer="%{x}", value="%{text}")
                               + "<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    size = max(HEIGHT, min(900, 60 + 28 * len(names)))
    title = t("test.chart.confusion_shares" if normalised else "test.chart.confusion_counts")
    return _layout(fig, title, t("test.chart.model_answer"), t("test.chart.correct_label"),
                   height=size)


def top_k_bars(top: Sequence[Mapping[str, Any]], threshold: float | None = None) -> go.Figure:
    """The most likely labels with their probabilities (and the yes line for multi-label)."""
    labels = [str(t["label"]) for t in top][::-1]
    scores = [float(t["score"]) for t in top][::-1]
    fig = go.Figure(go.Bar(x=scores, y=labels, orientation="h", marker_color="#4F46E5",
                           text=[percent(s) for s in scores], textposition="auto"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    if threshold is not None:
        fig.add_vline(x=threshold, line_dash="dash", line_color="#DC2626",
                      annotation_text=t("test.chart.yes_from", threshold=percent(threshold, 0)))
    return _layout(fig, t("test.chart.top_k"), t("test.chart.probability"), "",
                   height=90 + 40 * len(labels))


def reliability_chart(before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]],
                      what: str | None = None) -> go.Figure:
    """How sure the model says it is against how often it is right, per confidence bin, before
    and after the adjustment; a calibrated model follows the diagonal."""
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("test.chart.honest"),
                               line={"dash": "dash", "color": "#94A3B8"}, hoverinfo="skip"))
    for name, table, colour in ((t("test.chart.before"), before, "#F59E0B"),
                                (t("test.chart.after"), after, "#4F46E5")):
        rows = [r for r in table if r.get("count")]
        fig.add_trace(go.Scatter(
            x=[r["confidence"] for r in rows], y=[r["accuracy"] for r in rows],
            mode="lines+markers", name=name, line={"color": colour},
            marker={"size": [6 + 14 * (r["count"] / max(x["count"] for x in rows)) ** 0.5
                             for r in rows]},
            customdata=[r["count"] for r in rows],
            hovertemplate=t("test.chart.reliability_hover", said="%{x:.0%}", right="%{y:.0%}",
                            answers="%{customdata}") + "<extra></extra>"))
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return _layout(fig, t("test.chart.reliability"), t("test.chart.confidence"),
                   what or t("test.chart.reliability_y_right"))


# ----- highlighted entities ---------------------------------------------------------------

def type_colours(types: Sequence[str]) -> dict[str, str]:
    return {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(sorted(set(types)))}


def _mark(words: str, kind: str, colour: str, score: float | None = None) -> str:
    detail = f" {score:.2f}" if score is not None else ""
    style = f"background:{colour};padding:1px 4px;border-radius:4px"
    return (f'<mark style="{style}">'  # text: not user-facing
            f'{html.escape(words)} <small><b>{html.escape(kind)}</b>{detail}</small></mark>')


def text_with_entities(text: str, entities: Sequence[Mapping[str, Any]],
                       colours: Mapping[str, str]) -> str:
    """The text with each entity (character spans) marked in its type's colour with its score."""
    parts, position = [], 0
    for entity in sorted(entities, key=lambda e: int(e["start"])):
        start, end = int(entity["start"]), int(entity["end"])
        if start < position:
            continue
        parts.append(html.escape(text[position:start]))
        parts.append(_mark(text[start:end], str(entity["type"]),
                           colours.get(str(entity["type"]), COLOURS[0]), entity.get("score")))
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def tokens_with_spans(tokens: Sequence[str], spans: Sequence[tuple[str, int, int]],
                      colours: Mapping[str, str]) -> str:
    """Tokens joined by spaces, each entity span (token indices) marked in its type's colour."""
    starts = {s: (k, e) for k, s, e in spans}
    parts, i = [], 0
    while i < len(tokens):
        if i in starts:
            kind, end = starts[i]
            parts.append(_mark(" ".join(tokens[i:end]), kind, colours.get(kind, COLOURS[0])))
            i = max(end, i + 1)
        else:
            parts.append(html.escape(tokens[i]))
            i += 1
    return " ".join(parts)


def legend(colours: Mapping[str, str]) -> str:
    return " ".join(_mark(kind, "", colour).replace(" <small><b></b></small>", "")
                    for kind, colour in colours.items())


# ----- question answering -------------------------------------------------------------------

GOLD_COLOUR, PREDICTED_COLOUR, BOTH_COLOUR = "#A7F3D0", "#FDE68A", "#BEF264"


def _highlight(escaped: str, colour: str, padding: str = "1px 2px") -> str:
    """Escaped text in a <mark> of `colour`."""
    style = f"background:{colour};padding:{padding};border-radius:4px"
    return f'<mark style="{style}">{escaped}</mark>'  # text: not user-facing


def question_type_bars(types: Mapping[str, Mapping[str, float]],
                       names: Mapping[str, str]) -> go.Figure:
    """Exact match and F1 per question type (`names`: each type's word in the page language),
    in the order `names` gives; the count of questions shows on hover."""
    order = [k for k in names if k in types]
    fig = go.Figure()
    for score, colour in (("exact_match", "#818CF8"), ("f1", "#4F46E5")):
        values = [float(types[k].get(score, 0.0)) for k in order]
        fig.add_trace(go.Bar(name=t(f"test.qa.{score}"), x=[names[k] for k in order], y=values,
                             marker_color=colour, text=[percent(v, 0) for v in values],
                             customdata=[int(types[k].get("n", 0)) for k in order],
                             hovertemplate=t("test.qa.type_hover", questions="%{customdata}")
                             + "<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    return _layout(fig, t("test.qa.types_title"), t("test.qa.type"), t("test.chart.score"))


def _span_marks(length: int, spans: Sequence[tuple[int, int]], bit: int,
                marks: list[int]) -> None:
    for start, end in spans:
        for i in range(max(0, start), min(length, end)):
            marks[i] |= bit


def context_with_spans(context: str, gold: Sequence[tuple[int, int]],
                       predicted: Sequence[tuple[int, int]]) -> str:
    """The context (escaped) with the correct answers marked green, the model's answer amber
    and where they overlap lime; spans are (start, end) characters of `context`."""
    marks = [0] * len(context)
    _span_marks(len(context), gold, 1, marks)
    _span_marks(len(context), predicted, 2, marks)
    colours = {1: GOLD_COLOUR, 2: PREDICTED_COLOUR, 3: BOTH_COLOUR}
    parts, i = [], 0
    while i < len(context):
        j = i
        while j < len(context) and marks[j] == marks[i]:
            j += 1
        piece = html.escape(context[i:j])
        if marks[i]:
            piece = _highlight(piece, colours[marks[i]])
        parts.append(piece)
        i = j
    return "".join(parts)


def answer_legend() -> str:
    """The colours of `context_with_spans`, named."""
    return " ".join(
        _highlight(html.escape(t(key)), colour, "1px 4px")
        for key, colour in (("test.qa.legend_gold", GOLD_COLOUR),
                            ("test.qa.legend_predicted", PREDICTED_COLOUR),
                            ("test.qa.legend_both", BOTH_COLOUR)))
