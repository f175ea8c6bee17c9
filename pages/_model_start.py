"""Model page, right column: the mode the run will train in, the estimate of time and memory,
the button that starts (or queues) the run, and the search for its best settings."""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.text import number, t
from core.train import few_shot, presets
from pages import _errors, _format, _search_start, _session

BASES = ("measured", "probe", "rough")


def explain_mode(config: RunConfig, profile: dict[str, Any]) -> str | None:
    """One sentence on the mode the run will train in, which it returns; None when the chosen
    mode cannot train this data."""
    try:
        advice = few_shot.advise(config, profile["counts"], profile["multi"],
                                 profile["pairs"])
    except UserError as exc:
        _errors.show_error(exc)
        return None
    st.caption(_format.md(advice.reason))
    return advice.mode


def time_range(low: float, high: float) -> str:
    """'50-70 s', '3-5 min' or '1.5-2.0 h': a range rounded as far as it is known."""
    if high < 120:
        low, high = (max(5, int(round(v / 5)) * 5) for v in (low, high))
        return t("model.estimate.seconds", low=low, high=max(high, low + 5))
    if high < 7200:
        low, high = max(1, math.floor(low / 60)), math.ceil(high / 60)
        return t("model.estimate.minutes", low=low, high=max(high, low + 1))
    return t("model.estimate.hours", low=number(low / 3600, 1),
             high=number(max(high, low + 360) / 3600, 1))


def show_estimate(config: RunConfig, stats: dict, mode: str) -> None:
    """Time, memory and steps; counted in windows where long paragraphs are cut into them
    (the Data page's "n_windows"), else in examples."""
    windows = stats.get("n_windows")
    tokens = stats["mean_tokens"]
    if windows:  # a window holds at most max length tokens
        tokens = min(tokens, float(stats.get("max_length") or tokens))
    try:
        with st.spinner(t("model.estimate.spinner")):
            estimate = presets.estimate_run(config, windows or stats["n_train"],
                                            stats["n_labels"], tokens, mode=mode,
                                            probe=jobs.active_run() is None)
    except UserError as exc:
        _errors.show_error(exc)
        return
    basis = str(estimate.get("basis", "rough"))
    st.markdown(
        t("model.estimate.line", time=time_range(estimate["low_s"], estimate["high_s"]),
          device=estimate.get("device", "CPU"),
          memory=_format.megabytes(estimate.get("memory_mb")),
          count=estimate.get("steps", 0)),
        help=t(f"model.estimate.basis.{basis if basis in BASES else 'rough'}"))
    if windows:
        st.caption(t("model.estimate.windows", count=stats["n_train"], windows=number(windows),
                     max_length=stats.get("max_length") or "-"))


def start_button(config: RunConfig) -> None:
    if st.button(t("model.start.button"), type="primary", icon=":material/play_arrow:",
                 width="stretch", help=t("model.start.help")):
        info = jobs.start_run(config)
        st.session_state[_session.RUN_ID] = info.run_id
        if info.state == "queued":
            _session.flash("warning", t("model.start.queued"))
        else:
            _session.flash("success", t("model.start.started"))
        st.switch_page("pages/train.py", query_params={"run": info.run_id})
    _search_start.search_control(config)
