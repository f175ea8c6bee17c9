"""Train page, the curves: loss and validation score in view, learning rate, speed and GPU
under "More charts", and the overfitting hint above them."""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from core.text import number, t
from core.workspace import runs
from pages import _charts

CURVES = "train_curves"    # ((run_id, number of events), figures): the last figures drawn


def _speed_title(train) -> str:
    speed = train["examples_per_s"].dropna() if "examples_per_s" in train else []
    if len(speed):
        return t("train.curves.speed_title_now", speed=number(float(speed.iloc[-1]), 0))
    return t("train.curves.speed_title")


def build_curves(events: list[dict[str, Any]], active: bool) -> dict[str, Any]:
    """Figures, hint and counts for the events (rebuilt only when new events arrived)."""
    train = _charts.events_frame(events, "train")
    evals = _charts.events_frame(events, "eval")
    system = _charts.events_frame(events, "system")
    curves: dict[str, Any] = {"n_train": len(train), "n_eval": len(evals), "figures": {}}
    if train.empty and evals.empty:
        return curves
    curves["hint"] = _charts.overfitting_hint(train, evals, active)
    figures = curves["figures"]
    figures["curve_loss"] = _charts.loss_chart(train, evals)
    if not evals.empty:
        figures["curve_metric"] = _charts.metric_chart(evals)
    figures["curve_lr"] = _charts.single_chart(train, "learning_rate", t("train.curves.lr_title"),
                                               t("train.curves.lr_y"), "#7C3AED")
    figures["curve_speed"] = _charts.single_chart(train, "examples_per_s", _speed_title(train),
                                                  t("train.curves.speed_y"), "#059669")
    if not system.empty:
        figures["curve_gpu_mem"] = _charts.single_chart(
            system, "gpu_memory_mb", t("train.curves.gpu_memory_title"),
            t("train.curves.gpu_memory_y"), "#DC2626")
        figures["curve_gpu_util"] = _charts.single_chart(
            system, "gpu_util", t("train.curves.gpu_use_title"), t("train.curves.gpu_use_y"),
            "#EA580C")
    return curves


def _cached_curves(info: runs.RunInfo, events: list[dict[str, Any]]) -> dict[str, Any]:
    # Building plotly figures is the costly part of a redraw: reuse them until new events come.
    cached = st.session_state.get(CURVES)
    version = (info.run_id, len(events), info.is_active)
    if not cached or cached[0] != version:
        cached = (version, build_curves(events, info.is_active))
        st.session_state[CURVES] = cached
    return cached[1]


def show_curves(info: runs.RunInfo, events: list[dict[str, Any]]) -> None:
    curves = _cached_curves(info, events)
    figures = curves["figures"]
    if not figures:
        st.caption(t("train.curves.none"))
        return
    if curves.get("hint"):
        st.warning(curves["hint"], icon=":material/trending_up:")
    left, right = st.columns(2)
    left.plotly_chart(figures["curve_loss"], key="curve_loss")
    if "curve_metric" in figures:
        right.plotly_chart(figures["curve_metric"], key="curve_metric")
    else:
        right.caption(t("train.curves.score_pending"))
    with st.expander(t("train.curves.more"), icon=":material/monitoring:"):
        left, right = st.columns(2)
        left.plotly_chart(figures["curve_lr"], key="curve_lr")
        right.plotly_chart(figures["curve_speed"], key="curve_speed")
        if "curve_gpu_mem" in figures:
            left, right = st.columns(2)
            left.plotly_chart(figures["curve_gpu_mem"], key="curve_gpu_mem")
            right.plotly_chart(figures["curve_gpu_util"], key="curve_gpu_util")
    st.caption(t("train.curves.counts",
                 points=t("train.curves.points", count=curves["n_train"]),
                 evaluations=t("train.curves.evaluations", count=curves["n_eval"]),
                 time=time.strftime("%H:%M:%S")))
