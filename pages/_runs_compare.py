"""The Runs page's comparison: curves, scores and settings of two or more runs side by side."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from core import text
from core.evaluate import compare as compare_runs
from core.evaluate import verdict
from core.models import loading as models
from core.scoring import significance
from core.text import t
from core.workspace import runs
from pages import _charts, _format, _session
from pages._runs_list import column_names, score, unique_labels

PICKER = "runs_compare"


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"training": {"epochs": 3}} -> {"training.epochs": 3}."""
    if not isinstance(value, dict):
        return {prefix.rstrip("."): value}
    out: dict[str, Any] = {}
    for key, item in value.items():
        out.update(flatten(item, f"{prefix}{key}."))
    return out


def config_diff(selected: list[runs.RunInfo], show_all: bool) -> pd.DataFrame:
    names = column_names(selected)
    flat = {names[r.run_id]: flatten(r.config) for r in selected}
    keys = sorted({k for values in flat.values() for k in values})
    rows = []
    for key in keys:
        values = [flat[name].get(key) for name in flat]
        if show_all or len({json.dumps(v, sort_keys=True, default=str) for v in values}) > 1:
            rows.append({t("runs.compare.setting"): key,
                         **{name: _cell(flat[name].get(key), key) for name in flat}})
    return pd.DataFrame(rows)


def _cell(value: Any, key: str = "") -> str:
    if key == "model":
        return models.display_name(str(value or ""))  # 'default' reads as the model it is
    if value is None:
        return t("runs.compare.preset_value")
    return json.dumps(value) if isinstance(value, (list, dict)) else str(value)


def _last_eval(events: list[dict[str, Any]]) -> dict[str, Any]:
    evals = [e for e in events if e.get("type") == "eval"]
    return evals[-1] if evals else {}


def score_range(run: runs.RunInfo) -> str:
    """The range a run's held-out score could lie in, given how many examples measured it."""
    saved = compare_runs.saved_score(run.path)
    if saved is None:
        return "-"
    low, high = significance.score_range(saved.counts)
    key = "runs.compare.range_test" if saved.split == "test" else "runs.compare.range_validation"
    return t(key, metric=_format.metric_name(saved.metric), low=text.percent(low),
             high=text.percent(high), count=saved.counts.n)


def two_runs_sentence(selected: list[runs.RunInfo]) -> str | None:
    """Whether two runs scored on the same held-out texts can be told apart."""
    if len(selected) != 2:
        return None
    a, b = (compare_runs.saved_score(r.path) for r in selected)
    diff = compare_runs.saved_difference(a, b) if a and b else None
    if diff is None:
        return None
    names = list(column_names(selected).values())
    # core/evaluate/verdict.py still writes this sentence in English from its unit
    return verdict.run_vs_run(diff, *names, metric=_format.metric_name(a.metric),
                              unit=f"{a.split} example")


def not_comparable(selected: list[runs.RunInfo]) -> list[str]:
    """A sentence for each chosen run whose scores cannot be set beside the first one's."""
    names = column_names(selected)
    first, *others = [compare_runs.trained_on(r.path, names[r.run_id]) for r in selected]
    sentences = (compare_runs.not_comparable_sentence(first, other) for other in others)
    return [s for s in sentences if s]


def _numbers(values: dict[str, Any]) -> dict[str, float]:
    return {k: v for k, v in values.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)}


def run_column(r: runs.RunInfo, events: list[dict[str, Any]]) -> dict[str, str]:
    """One run's column of the scores table, by row name."""
    column = {t("runs.compare.row_state"): _format.state_word(r.state),
              t("runs.compare.row_best"): score(r.best_metric_name, r.best_metric),
              t("runs.compare.row_duration"): _format.duration(r.duration_s),
              t("runs.compare.row_steps"): text.number(r.step)}
    for key, value in _numbers(_last_eval(events)).items():
        if key not in ("type", "step", "epoch", "time"):
            row = t("runs.compare.row_last_validation", metric=_format.metric_name(key))
            column[row] = text.number(value, 4)
    test = runs.read_eval(r.path) or {}
    for key, value in _numbers(test.get("metrics", test)).items():
        column[t("runs.compare.row_test", metric=_format.metric_name(key))] = \
            text.number(value, 4)
    column[t("runs.compare.row_range")] = score_range(r)
    return column


def metrics_side_by_side(selected: list[runs.RunInfo],
                         events: dict[str, list[dict[str, Any]]]) -> pd.DataFrame:
    names = column_names(selected)
    table = {names[r.run_id]: run_column(r, events[r.run_id]) for r in selected}
    return pd.DataFrame(table).fillna("-")


def _pick(usable: dict[str, runs.RunInfo]) -> list[str]:
    labels = unique_labels(list(usable.values()), lambda r: t(
        "runs.picker.dated", name=r.name or r.run_id, date=_format.when(r.created)))
    _session.resend_if_renamed(PICKER, labels)
    return st.multiselect(t("runs.compare.pick"), list(usable), key=PICKER,
                          format_func=labels.__getitem__, help=t("runs.compare.pick_help"))


def _charts_of(selected: list[runs.RunInfo], events: dict[str, list[dict[str, Any]]]) -> None:
    labels = column_names(selected)
    evals = {labels[k]: _charts.events_frame(v, "eval") for k, v in events.items()}
    train = {labels[k]: _charts.events_frame(v, "train") for k, v in events.items()}
    metric = next((m for f in evals.values() for m in _charts.metric_names(f)), None)
    left, right = st.columns(2)
    loss = t("runs.compare.axis_loss")
    if metric:
        title = t("runs.compare.chart_validation", metric=_format.metric_name(metric))
        left.plotly_chart(_charts.compare_chart(evals, metric, title,
                                                t("runs.compare.axis_score")),
                          key="compare_metric")
    right.plotly_chart(_charts.compare_chart(evals, "loss",
                                             t("runs.compare.chart_validation_loss"), loss),
                       key="compare_val_loss")
    st.plotly_chart(_charts.compare_chart(train, "loss",
                                          t("runs.compare.chart_training_loss"), loss),
                    key="compare_train_loss")


def _settings(selected: list[runs.RunInfo]) -> None:
    show_all = st.toggle(t("runs.compare.show_all"), key="runs_diff_all",
                         help=t("runs.compare.show_all_help"))
    diff = config_diff(selected, show_all)
    st.markdown(t("runs.compare.settings"))
    if diff.empty:
        st.caption(t("runs.compare.same_settings"))
    else:
        st.dataframe(diff, hide_index=True)


def compare(all_runs: list[runs.RunInfo]) -> None:
    usable = {r.run_id: r for r in all_runs if not r.damaged}
    st.subheader(t("runs.compare.heading"))
    if len(usable) < 2:
        st.caption(t("runs.compare.too_few"))
        return
    chosen = _pick(usable)
    if len(chosen) < 2:
        st.caption(t("runs.compare.pick_two"))
        return
    selected = [usable[k] for k in chosen]
    warnings = not_comparable(selected)
    for warning in warnings:
        st.warning(_format.md(warning), icon=":material/warning:")
    events = {r.run_id: runs.read_metrics(r.path, 0)[0] for r in selected}
    _charts_of(selected, events)
    st.markdown(t("runs.compare.scores"))
    st.dataframe(metrics_side_by_side(selected, events))
    sentence = two_runs_sentence(selected) if not warnings else None
    if sentence:
        st.markdown(_format.md(sentence))
    _settings(selected)
