"""Data page: the tabs under the health report (labels, entities or answers, text length, a
preview)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.tasks import task_kind
from core.text import number, t
from pages import _charts, _data_qa


def preview(splits: Any) -> Any:
    frame = splits.train.frame.head(50)
    if "tokens" in frame.columns:  # entity data: one row per sentence, readable
        return frame.assign(tokens=frame["tokens"].map(" ".join),
                            tags=frame["tags"].map(" ".join))
    return frame


def _labels(stats: dict, key: tuple) -> None:
    counts = stats.get("class_counts") or {}
    if counts:
        st.plotly_chart(_charts.label_distribution(counts), key="chart_labels")
    else:
        st.caption(t("data.charts.no_labels"))


def _entities(stats: dict, key: tuple) -> None:
    entities = stats.get("entity_counts") or {}
    if entities:
        st.plotly_chart(_charts.entity_counts(entities), key="chart_entities")
    else:
        st.caption(t("data.charts.no_entities"))


def _whole(value: Any) -> int:
    return int(round(value or 0))


def _lengths(stats: dict, max_length: int) -> None:
    lengths = stats.get("token_lengths") or {}
    histogram = lengths.get("histogram") or {}
    if not histogram.get("counts"):
        st.caption(t("data.charts.lengths_pending"))
        return
    st.plotly_chart(_charts.token_length_histogram(
        histogram["edges"], histogram["counts"], max_length), key="chart_lengths")
    st.caption(t("data.charts.lengths_caption", count=_whole(lengths.get("p50")),
                 p99=number(_whole(lengths.get("p99"))),
                 longest=number(_whole(lengths.get("max")))))


def _answers(stats: dict, key: tuple) -> None:
    _data_qa.show_answer_charts(_data_qa.lengths(*key))


# The chart of each group of health checks a task adds (core.tasks: `health_checks`).
CHARTS = {"labels": _labels, "entities": _entities, "answers": _answers}


def _table_preview(splits: Any) -> None:
    st.dataframe(preview(splits), hide_index=True, height=300)


# The length chart and the preview of each reader a task names (core.tasks: `reader`):
# paragraphs read in windows and answers marked in them for question answering.
LENGTHS = {"squad": lambda stats, key: _data_qa.show_context_lengths(_data_qa.lengths(*key),
                                                                      key[-1])}
PREVIEWS = {"squad": _data_qa.show_preview}


def show_charts(splits: Any, report: Any, task: str, key: tuple) -> None:
    """One tab per health-check group, then lengths and a preview; `key` is the check's cache
    key (config json, file signatures, model, max length)."""
    stats = report.stats
    kind = task_kind(task)
    names = (*kind.health_checks, "lengths", "preview")
    tabs = dict(zip(names, st.tabs([t(f"data.charts.{name}") for name in names]), strict=True))
    for check in kind.health_checks:
        with tabs[check]:
            CHARTS[check](stats, key)
    with tabs["lengths"]:
        LENGTHS.get(kind.reader, lambda s, k: _lengths(s, k[-1]))(stats, key)
    with tabs["preview"]:
        PREVIEWS.get(kind.reader, _table_preview)(splits)
