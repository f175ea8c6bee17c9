"""Model page: the control that searches for the best settings of the run shown (a number of
trials and minutes, ranges narrowed if the user wants), in a background process, then opens the
Search page."""

from __future__ import annotations

import math

import streamlit as st

from core.config import RunConfig
from core.errors import UserError
from core.search import control
from core.text import t
from core.train import presets
from pages import _errors, _session

DEFAULT_TRIALS = 8
DEFAULT_MINUTES = 30


def _minutes_per_trial(config: RunConfig) -> float | None:
    """The Model page's estimate of one run, in minutes; None when there is none."""
    stats = st.session_state.get(_session.DATA_STATS) or {}
    if not stats.get("n_train"):
        return None
    try:
        estimate = presets.estimate_run(config, stats["n_train"], stats.get("n_labels") or 2,
                                        stats.get("mean_tokens") or 32.0)
    except Exception:  # noqa: BLE001 - without an estimate the budget in minutes is shown
        return None
    return float(estimate["seconds"]) / 60


def about_minutes(config: RunConfig, trials: int, minutes: int) -> int:
    """How long the search should take: its trials at the estimated pace, within its minutes."""
    each = _minutes_per_trial(config)
    total = minutes if each is None else min(minutes, trials * each)
    return max(1, math.ceil(total))


def search_control(config: RunConfig) -> None:
    with st.expander(t("search.start.heading"), icon=":material/travel_explore:"):
        st.caption(t("search.start.caption"))
        left, right = st.columns(2)
        trials = int(left.number_input(t("search.start.trials"), min_value=2, max_value=200,
                                       value=DEFAULT_TRIALS, step=1, key="search_trials",
                                       help=t("search.start.trials_help")))
        minutes = int(right.number_input(t("search.start.minutes"), min_value=1,
                                         max_value=24 * 60, value=DEFAULT_MINUTES, step=5,
                                         key="search_minutes",
                                         help=t("search.start.minutes_help")))
        narrowed = st.text_input(t("search.start.rules"), key="search_rules",
                                 placeholder=t("search.start.rules_placeholder"),
                                 help=t("search.start.rules_help"))
        label = t("search.start.button", count=trials,
                  minutes=about_minutes(config, trials, minutes))
        if st.button(label, icon=":material/travel_explore:", width="stretch",
                     key="search_start", help=t("search.start.button_help")):
            rules = [rule.strip() for rule in narrowed.split(";") if rule.strip()]
            try:
                folder = control.start(config, trials, minutes, rules)
            except UserError as exc:
                _errors.show_error(exc)
                return
            _session.flash("success", t("search.start.started"))
            st.switch_page("pages/search.py", query_params={"search": folder.search_id})
