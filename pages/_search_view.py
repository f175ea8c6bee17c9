"""Search page, one search: its state and budget, Stop, "Use the best settings", the trials
as they finish (a table) and the study's charts, redrawn while the search runs."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.search import charts, control
from core.search import folder as searches
from core.search import study as studies
from core.text import duration, number, t
from pages import _format, _session

TRIAL_STATES = ("complete", "pruned", "fail", "stopped", "running", "waiting")


def trials_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per trial, its settings as columns."""
    names = sorted({name for row in rows for name in row["params"]})
    table = []
    for row in rows:
        state = row["state"] if row["state"] in TRIAL_STATES else "fail"
        entry = {t("search.table.trial"): row["number"] + 1,
                 t("search.table.state"): t(f"search.trial_state.{state}"),
                 t("search.table.score"): None if row["score"] is None
                 else round(row["score"], 4),
                 t("search.table.metric"): None if row["metric"] is None
                 else round(float(row["metric"]), 4),
                 t("search.table.time"): duration(row["seconds"]) if row["seconds"] else ""}
        for name in names:
            entry[name] = row["params"].get(name)
        entry[t("search.table.run")] = row["run_id"] or ""
        table.append(entry)
    return pd.DataFrame(table)


def _budget_line(settings: dict[str, Any], done: int) -> str:
    trials, minutes = settings.get("trials"), settings.get("minutes")
    if trials and minutes:
        return t("search.view.budget_both", count=done, trials=trials, minutes=number(minutes))
    if trials:
        return t("search.view.budget_trials", count=done, trials=trials)
    return t("search.view.budget_minutes", count=done, minutes=number(minutes or 0))


FLOAT_SETTINGS = ("epochs", "learning_rate", "warmup_ratio", "weight_decay")


def fill_model_page(best: dict[str, Any]) -> None:
    """Put the best settings into the Model page's advanced settings (the values its widgets
    pick up on the next visit) and open it."""
    for name, value in best.items():
        key = f"adv_{name}"
        _session.forget(key)
        st.session_state[f"_kept_{key}"] = float(value) if name in FLOAT_SETTINGS \
            else int(value)
    _session.flash("success", t("search.view.filled"))
    st.switch_page("pages/model.py")


def controls(folder: searches.SearchFolder, state: str, best: dict | None) -> None:
    left, middle, right = st.columns(3)
    if state in ("running", "queued") and not searches.stop_requested(folder):
        if left.button(t("search.view.stop"), icon=":material/stop:", key="search_stop",
                       help=t("search.view.stop_help"), width="stretch"):
            control.stop(folder)
            _session.flash("info", t("search.view.stopping"))
            st.rerun()
    if best is not None and middle.button(t("search.view.fill"), icon=":material/tune:",
                                          key="search_fill", help=t("search.view.fill_help"),
                                          width="stretch"):
        fill_model_page(best)
    if best is not None and right.button(t("search.view.use_best"), type="primary",
                                         icon=":material/play_arrow:", key="search_use_best",
                                         help=t("search.view.use_best_help"), width="stretch"):
        name = t("search.view.best_name", search=folder.search_id)
        info = control.start_best(folder, name)
        st.session_state[_session.RUN_ID] = info.run_id
        st.switch_page("pages/train.py", query_params={"run": info.run_id})


def show_search(folder_path: str) -> None:
    """The live part: state, budget, table and charts (a fragment while the search runs)."""
    folder = searches.SearchFolder(searches.searches_dir() / folder_path)
    state = searches.state(folder)
    settings = folder.read_settings()
    study = control.study_of(folder)
    rows = studies.trial_rows(study) if study is not None else []
    done = sum(row["state"] in ("complete", "pruned", "fail", "stopped") for row in rows)
    st.markdown(f"**{_format.STATE_LABELS.get(state, state)}** · {_budget_line(settings, done)}")
    if state == "failed":
        st.error(_format.md(folder.read_status().get("error") or t("search.view.failed")))
    if searches.stop_requested(folder) and state in ("running", "queued"):
        st.info(t("search.view.stopping"))
    best = studies.best_trial(study) if study is not None else None
    if best is not None:
        st.success(t("search.view.best", number=best.number + 1, score=number(best.value, 4)))
    controls(folder, state, dict(best.params) if best is not None else None)
    if not rows:
        st.info(t("search.view.no_trials"))
        return
    st.dataframe(trials_table(rows), hide_index=True, key="search_trials_table")
    if any(row["state"] == "pruned" for row in rows):
        st.caption(t("search.view.pruned_note"))
    for figure in (charts.history(study), charts.parallel(study), charts.importance(study)):
        if figure is not None:
            st.plotly_chart(figure)
