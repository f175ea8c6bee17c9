"""What the Test page's panels share: the run's model and predictions loaded once, the run's
task (asked what to show), entity colours, score tables and table downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core import text
from core.evaluate import error_analysis
from core.tasks import saved_task_kind
from core.text import t
from core.workspace import runs
from core.workspace.folder import RunFolder
from pages import _format, _session
from pages import _report_visuals as visuals

TABLE_ROWS = 200  # rows of a table shown on the page; downloads have them all


# ----- loading ------------------------------------------------------------------------------

@st.cache_resource(max_entries=3, show_spinner=False)
def _load_predictor(run_path: str, stamp: tuple[float, float]) -> Any:
    from core.predict.inference import Predictor

    return Predictor(Path(run_path))


def predictor_for(run: runs.RunInfo) -> Any:
    """The run's model, loaded once; a retrained or rescored run gets a fresh load."""
    def mtime(path: Path) -> float:
        return path.stat().st_mtime if path.exists() else 0.0

    folder = RunFolder(run.path)
    with st.spinner(t("test.loading.model")):  # shown only while a load takes a while
        return _load_predictor(str(run.path), (mtime(folder.model_config),
                                               mtime(folder.evaluation)))


@st.cache_data(max_entries=6, show_spinner=False)
def _records(run_path: str, split: str, stamp: float) -> list[dict[str, Any]]:
    return error_analysis.load_records(Path(run_path), split)


def records_for(run: runs.RunInfo, split: str) -> list[dict[str, Any]]:
    path = RunFolder(run.path).predictions(split)
    return _records(str(run.path), split, path.stat().st_mtime if path.exists() else 0.0)


def task_of(run: runs.RunInfo, evaluation: dict[str, Any]) -> Any:
    """The run's task with its labels (a core.tasks Task): the panels ask it what to show
    (`shows_entities`, `multi_label`, `unit`, `kind`). A task this version does not know is
    shown as text classification."""
    kind = saved_task_kind(evaluation.get("task") or run.task)
    return kind.with_labels([str(x) for x in evaluation.get("labels") or []],
                            bool(evaluation.get("multi_label")))


def answers_from_context(task: Any) -> bool:
    """Whether the task answers a question with a span of its context (its frame's answers
    column holds answer texts with their starts) rather than labels or tags."""
    return bool(task.answers_from_context)


def entity_colours(evaluation: dict[str, Any], found: list[str]) -> dict[str, str]:
    """One colour per entity type of the run, the same in every section."""
    types = {str(x)[2:] for x in evaluation.get("labels") or [] if str(x)[:2] in ("B-", "I-")}
    return visuals.type_colours(sorted(types | set(found)))


def percent(value: float | None) -> str:
    return text.percent(value)


def score_names() -> tuple[str, str, str, str]:
    """The score table's column headers: precision, recall, F1, examples."""
    return (t("test.table.precision"), t("test.table.recall"), t("test.table.f1"),
            t("test.table.examples"))


def scores_table(per_class: dict[str, dict[str, float]], what: str) -> pd.DataFrame:
    """One row per label (or entity type); `what` heads the first column."""
    precision, recall, f1, examples = score_names()
    rows = [{what: name, precision: v.get("precision", 0.0), recall: v.get("recall", 0.0),
             f1: v.get("f1", 0.0), examples: int(v.get("support", 0))}
            for name, v in per_class.items()]
    return pd.DataFrame(rows, columns=[what, precision, recall, f1, examples])


def score_columns() -> dict[str, Any]:
    return {c: st.column_config.NumberColumn(c, format="%.3f") for c in score_names()[:3]}


def download_table(table: pd.DataFrame, label: str, file_name: str, key: str, help: str) -> None:
    st.download_button(label, data=error_analysis.relabel_csv(table), file_name=file_name,
                       mime="text/csv", key=key, help=help, on_click="ignore",
                       icon=":material/download:", disabled=table.empty)


def _keep_run_in_url(key: str) -> None:
    st.query_params["run"] = st.session_state[key]  # a reload shows the same run


def pick_linked_run(usable: list[runs.RunInfo], key: str, label: str,
                    help_text: str) -> runs.RunInfo:
    """The run a link asked for (`?run=<id>`, e.g. Continue to Test), else the newest of
    `usable`; the pick is written back to the address so a reload shows it again.

    The choice is not remembered across visits: Streamlit drops the widget's value when the
    page is left, so coming back after another run finished shows that newer run, while a
    pick made during this visit holds until the page is left.
    """
    by_id = {r.run_id: r for r in usable}
    labels = run_labels(usable)
    wanted = st.query_params.get("run")
    if st.session_state.get(key) not in by_id:
        st.session_state[key] = wanted if wanted in by_id else usable[0].run_id
    _session.resend_if_renamed(key, labels)
    run_id = st.selectbox(label, list(by_id), key=key, format_func=labels.__getitem__,
                          on_change=_keep_run_in_url, args=(key,), help=help_text)
    return by_id[run_id]


def run_labels(choices: list[runs.RunInfo]) -> dict[str, str]:
    """'name (state, date)' per run id, with the id added where two labels would be equal.

    A select box reports the chosen label, so two equal labels would make the choice jump.
    """
    labels = {r.run_id: _format.run_label(r, with_date=True) for r in choices}
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in labels.items()}
