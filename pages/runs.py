"""Runs: every run in the workspace, compared side by side; rename and delete.

The list comes from disk, so every browser session sees the same runs. A folder that cannot be
read is listed as damaged and never breaks the page.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from core.evaluate import compare as compare_runs
from core.evaluate import verdict
from core.jobs import queue as jobs
from core.models import loading as models
from core.scoring import significance
from core.workspace import runs
from pages import _charts, _entry, _errors, _format, _session

_entry.run_through_app()


def unique_labels(choices: list[runs.RunInfo], label) -> dict[str, str]:
    """`label(run)` per run id, with the id added where two labels would be equal (a picker
    reports the chosen label, so two equal labels would make the choice jump)."""
    labels = {r.run_id: label(r) for r in choices}
    seen: dict[str, int] = {}
    for text in labels.values():
        seen[text] = seen.get(text, 0) + 1
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in labels.items()}


def runs_table(all_runs: list[runs.RunInfo]) -> pd.DataFrame:
    rows = []
    for r in all_runs:
        best = "-" if r.best_metric is None else \
            f"{_format.metric_name(r.best_metric_name)} {_format.metric_value(r.best_metric)}"
        rows.append({
            "Name": r.name or r.run_id,
            "State": _format.STATE_WORDS.get("damaged" if r.damaged else r.state, r.state),
            "Task": r.task.replace("-", " ") if r.task else "-",
            "Model": "-" if r.damaged else models.display_name(r.model),
            "Data": r.dataset or "-",
            "Best score": best,
            "Duration": _format.duration(r.duration_s),
            "Created": _format.when(r.created),
            "Note": r.error if r.damaged else (f"{r.error} {r.fix}".strip()
                                               if r.state in ("failed", "interrupted", "stopped")
                                               else ""),
        })
    return pd.DataFrame(rows)


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
            rows.append({"Setting": key,
                         **{name: _cell(flat[name].get(key), key) for name in flat}})
    return pd.DataFrame(rows)


def _cell(value: Any, key: str = "") -> str:
    if key == "model":
        return models.display_name(str(value or ""))  # 'default' reads as the model it is
    if value is None:
        return "(preset)"
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
    return (f"{_format.metric_name(saved.metric)} {low:.1%} to {high:.1%} "
            f"({significance.texts(saved.counts.n, saved.split + ' example')})")


def two_runs_sentence(selected: list[runs.RunInfo]) -> str | None:
    """Whether two runs scored on the same held-out texts can be told apart."""
    if len(selected) != 2:
        return None
    a, b = (compare_runs.saved_score(r.path) for r in selected)
    diff = compare_runs.saved_difference(a, b) if a and b else None
    if diff is None:
        return None
    names = list(column_names(selected).values())
    return verdict.run_vs_run(diff, *names, metric=_format.metric_name(a.metric),
                              unit=f"{a.split} example")


def column_names(selected: list[runs.RunInfo]) -> dict[str, str]:
    """A name per run id for tables and charts: the run's name, with its id where two chosen
    runs share a name (a table keyed by name would silently show one of them)."""
    names = {r.run_id: r.name or r.run_id for r in selected}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {k: f"{v} ({k})" if counts[v] > 1 else v for k, v in names.items()}


def not_comparable(selected: list[runs.RunInfo]) -> list[str]:
    """A sentence for each chosen run whose scores cannot be set beside the first one's."""
    names = column_names(selected)
    first, *others = [compare_runs.trained_on(r.path, names[r.run_id]) for r in selected]
    sentences = (compare_runs.not_comparable_sentence(first, other) for other in others)
    return [s for s in sentences if s]


def metrics_side_by_side(selected: list[runs.RunInfo],
                         events: dict[str, list[dict[str, Any]]]) -> pd.DataFrame:
    table: dict[str, dict[str, str]] = {}
    names = column_names(selected)
    for r in selected:
        label = names[r.run_id]
        column = {"State": _format.STATE_WORDS.get(r.state, r.state),
                  "Best validation score": (f"{_format.metric_name(r.best_metric_name)} "
                                            f"{_format.metric_value(r.best_metric)}"
                                            if r.best_metric is not None else "-"),
                  "Duration": _format.duration(r.duration_s),
                  "Steps": f"{r.step:,}"}
        last = _last_eval(events[r.run_id])
        for key, value in last.items():
            if key not in ("type", "step", "epoch", "time") and isinstance(value, (int, float)):
                column[f"Last validation {_format.metric_name(key)}"] = f"{value:.4f}"
        test = runs.read_eval(r.path) or {}
        for key, value in (test.get("metrics", test)).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                column[f"Test {_format.metric_name(key)}"] = f"{value:.4f}"
        column["Held-out score, 95% range"] = score_range(r)
        table[label] = column
    return pd.DataFrame(table).fillna("-")


def compare(all_runs: list[runs.RunInfo]) -> None:
    usable = {r.run_id: r for r in all_runs if not r.damaged}
    st.subheader("Compare runs")
    if len(usable) < 2:
        st.caption("Once there are two or more runs, pick them here to compare them.")
        return
    labels = unique_labels(list(usable.values()),
                           lambda r: f"{r.name or r.run_id} ({_format.when(r.created)})")
    _session.resend_if_renamed("runs_compare", labels)
    chosen = st.multiselect(
        "Runs to compare", list(usable), key="runs_compare", format_func=labels.__getitem__,
        help="Pick two or more runs to see their curves, scores and settings side by side.")
    if len(chosen) < 2:
        st.caption("Pick at least two runs.")
        return
    selected = [usable[k] for k in chosen]
    warnings = not_comparable(selected)
    for warning in warnings:
        st.warning(_format.md(warning), icon=":material/warning:")
    events = {r.run_id: runs.read_metrics(r.path, 0)[0] for r in selected}
    labels = column_names(selected)
    evals = {labels[k]: _charts.events_frame(v, "eval") for k, v in events.items()}
    train = {labels[k]: _charts.events_frame(v, "train") for k, v in events.items()}
    metric = next((m for f in evals.values() for m in _charts.metric_names(f)), None)
    left, right = st.columns(2)
    if metric:
        left.plotly_chart(_charts.compare_chart(evals, metric,
                                                f"Validation {_format.metric_name(metric)}",
                                                "score"), key="compare_metric")
    right.plotly_chart(_charts.compare_chart(evals, "loss", "Validation loss", "loss"),
                       key="compare_val_loss")
    st.plotly_chart(_charts.compare_chart(train, "loss", "Training loss", "loss"),
                    key="compare_train_loss")
    st.markdown("**Scores side by side**")
    st.dataframe(metrics_side_by_side(selected, events))
    sentence = two_runs_sentence(selected) if not warnings else None
    if sentence:
        st.markdown(_format.md(sentence))
    show_all = st.toggle("Show every setting, not only the differences", key="runs_diff_all",
                         help="Off: only settings that differ between the chosen runs.")
    diff = config_diff(selected, show_all)
    st.markdown("**Settings**")
    if diff.empty:
        st.caption("The chosen runs have the same settings.")
    else:
        st.dataframe(diff, hide_index=True)


def manage(all_runs: list[runs.RunInfo]) -> None:
    st.subheader("Rename or delete a run")
    by_id = {r.run_id: r for r in all_runs}
    labels = unique_labels(all_runs, _format.run_label)
    _session.resend_if_renamed("runs_manage", labels)
    run_id = st.selectbox(
        "Run", list(by_id), key="runs_manage", format_func=labels.__getitem__,
        help="The run to rename, open or delete.")
    run = by_id[run_id]
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    with left:
        new_name = st.text_input("New name", value=run.name, key=f"runs_name_{run_id}",
                                 max_chars=100, disabled=run.damaged,
                                 help="A name to recognise the run by; only the label changes.")
    with mid:
        if st.button("Rename", key="runs_rename", disabled=run.damaged,
                     help="Save the new name.", icon=":material/edit:"):
            runs.rename_run(run.path, new_name)
            _session.flash("success", f"Renamed to {new_name.strip()}.")
            st.rerun()
    with right:
        if st.button("Open", key="runs_open", disabled=run.damaged, icon=":material/monitoring:",
                     help="Show this run's curves on the Train page."):
            st.session_state[_session.RUN_ID] = run.run_id
            st.switch_page("pages/train.py", query_params={"run": run.run_id})

    if st.button("Delete this run...", key="runs_delete", icon=":material/delete:",
                 disabled=run.is_active,
                 help="Removes the run's folder, model included, after you confirm."):
        st.session_state[CONFIRM_DELETE] = run_id
    if run.is_active:
        st.caption("Stop the run before deleting it.")
    if st.session_state.get(CONFIRM_DELETE) == run_id and not run.is_active:
        confirm_delete(run)


CONFIRM_DELETE = "runs_confirm_delete"


def _keep_the_run() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


# A dialog sits in the middle of the window wherever the Delete button was, so its buttons are
# never below the fold (a confirmation under the button was, at 1280x800).
@st.dialog("Delete a run", on_dismiss=_keep_the_run)
def confirm_delete(run: runs.RunInfo) -> None:
    st.warning(f"Delete **{_format.md(run.name or run.run_id)}** and its trained model for "
               "good? This cannot be undone.", icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button("Yes, delete it", type="primary", key="runs_delete_yes",
                  help="Delete the run folder now."):
        _keep_the_run()
        runs.delete_run(run.path)
        if st.session_state.get(_session.RUN_ID) == run.run_id:
            st.session_state.pop(_session.RUN_ID, None)
        _session.flash("success", f"Deleted {run.name or run.run_id}.")
        st.rerun()
    if no.button("Cancel", key="runs_delete_no", help="Keep the run."):
        _keep_the_run()
        st.rerun()


def render() -> None:
    st.title("Runs")
    st.caption("Every training run in this workspace, newest first. Everyone using this app "
               "on this computer sees the same list.")
    _session.show_flash()
    all_runs = jobs.current_runs()
    if not all_runs:
        st.info("No runs yet. Start one from the Model step.")
        return
    st.dataframe(runs_table(all_runs), hide_index=True,
                 height=min(400, 38 + 35 * len(all_runs)))
    damaged = sum(r.damaged for r in all_runs)
    if damaged:
        st.caption(f"{damaged} run folder(s) could not be read and are marked damaged; you can "
                   "delete them below.")
    with _errors.guarded("comparing the runs"):
        compare(all_runs)
    with _errors.guarded("changing the run"):
        manage(all_runs)


_errors.page(render, "runs.error.listing")
