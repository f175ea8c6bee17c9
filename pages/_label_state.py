"""The Label page's shared state: session keys, cached reads of the open project, and the
button callbacks (they run before the page is drawn again)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from core.data import read_table
from core.errors import UserError
from core.label import active_learning, label_training, labeling, prelabel
from core.tasks import TASK_NAMES, task_kind
from core.text import error_line, t

PROJECT = "label_project"    # the open project's id
CURRENT = "label_current"    # (project id, item) opened on purpose: an edit or an undo
MODEL = "label_model"        # suggestions and ranking of the open project
MESSAGE = "label_message"    # (kind, text) from the last action
REFRESH = "label_refresh"    # set to recompute suggestions and ranking now
TAB = "label_tab"
OPEN_NEXT = "label_open_next"  # a project just created, to select on the next run
NEW = "__new__"
QUEUE_SIZE = 50
MODEL_POOL = 1000            # unlabeled texts the fine-tuned model scores for the ranking
TABLE_ROWS = 500
TABS = ("label", "labeled", "next", "export", "smart")  # label.tabs.<name>
ORDERS = ("smart", "file")                                # label.order.<name>
TASKS = TASK_NAMES
STRATEGIES = {active_learning.RANDOM: "label.strategy.random",
              active_learning.UNCERTAINTY: "label.strategy.uncertainty",
              active_learning.MIXED: "label.strategy.mixed"}
STRATEGY_COLOURS = {active_learning.RANDOM: "#9CA3AF", active_learning.UNCERTAINTY: "#0EA5E9",
                    active_learning.MIXED: "#4F46E5"}
BENCHMARK = (Path(__file__).resolve().parent.parent / "bench" / "results"
             / "active_learning.json")


@st.cache_data(max_entries=4, show_spinner=False)
def _texts(project_id: str) -> list[str]:
    return labeling.load_texts(labeling.open_project(project_id))


def tab_names() -> list[str]:
    return [t(f"label.tabs.{name}") for name in TABS]


def order_name(order: str) -> str:
    return t(f"label.order.{order}")


def task_name(task: str) -> str:
    return t(f"label.task.{task_kind(task).key}")


def strategy_name(strategy: str) -> str:
    return t(STRATEGIES[strategy]) if strategy in STRATEGIES else strategy


# ----- cached reads (the spinner shows only when the read takes a while: a cache miss) -------

@st.cache_resource(max_entries=4, show_spinner=False)
def _cached_features(project_id: str) -> prelabel.TextFeatures:
    return prelabel.TextFeatures(_texts(project_id))


def _features(project_id: str) -> prelabel.TextFeatures:
    with st.spinner(t("label.spinner.texts")):
        return _cached_features(project_id)


@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_predictor(run_path: str) -> Any:
    return prelabel.load_predictor(Path(run_path))


def _predictor(run_path: str) -> Any:
    with st.spinner(t("label.spinner.model")):
        return _cached_predictor(run_path)


@st.cache_data(max_entries=4, show_spinner=False)
def _columns(path: str) -> tuple[list[str], str]:
    frame = read_table(path)
    return [str(c) for c in frame.columns], labeling.text_column_guess(frame)


# ----- actions (button callbacks: they run before the page is drawn again) -------------------

def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def _guarded(action: Any) -> Any:
    """A callback running `action`; a UserError becomes the message at the top of the page."""
    def run(*args: Any) -> None:
        try:
            action(*args)
        except UserError as exc:
            _say("error", error_line(exc))
    return run


def _label_item(project_id: str, item: int, value: list[Any], source: str) -> None:
    project = labeling.open_project(project_id)
    labeling.label(project, item, value, _texts(project_id), source)
    st.session_state.pop(CURRENT, None)
    state = labeling.label_state(project)
    started = label_training.maybe_auto_train(project, state, _texts(project_id))
    if started is not None:
        _say("info", t("label.message.auto_train", count=len(state.labels)))


def _label_selected(project_id: str, item: int) -> None:
    chosen = st.session_state.get(f"label_choice_{project_id}_{item}") or []
    _label_item(project_id, item, list(chosen), "manual")


def _skip_item(project_id: str, item: int) -> None:
    labeling.skip(labeling.open_project(project_id), item, len(_texts(project_id)))
    st.session_state.pop(CURRENT, None)


def _undo_last(project_id: str) -> None:
    item = labeling.undo(labeling.open_project(project_id))
    if item is None:
        _say("info", t("label.message.nothing_to_undo"))
    else:
        st.session_state[CURRENT] = (project_id, item)


def _open_chosen(project_id: str, key: str) -> None:
    st.session_state[CURRENT] = (project_id, int(st.session_state[key]))
    st.session_state[TAB] = tab_names()[0]


def _leave_item() -> None:
    st.session_state.pop(CURRENT, None)


def _table_edits(project_id: str, key: str, items: list[int]) -> None:
    project = labeling.open_project(project_id)
    changes = (st.session_state.get(key) or {}).get("edited_rows") or {}
    for row, change in changes.items():
        if change.get("label"):
            labeling.label(project, items[int(row)], [change["label"]], _texts(project_id),
                           "table")


def _auto_train_setting(project_id: str) -> None:
    project = labeling.open_project(project_id)
    project.auto_train = bool(st.session_state.get("label_auto_train"))
    labeling.save_project(project)


_give_label = _guarded(_label_item)
_give_selected = _guarded(_label_selected)
_skip = _guarded(_skip_item)
_undo = _guarded(_undo_last)
_open_item = _guarded(_open_chosen)
_apply_table_edits = _guarded(_table_edits)
_save_settings = _guarded(_auto_train_setting)
