"""Step 1, Data: choose examples (built-in sample, upload, or an earlier upload), map columns,
read the health report and charts, set the split, then continue to the Model page.

The page lays out its parts; each part is a module beside it: _data_source (choosing the
file), _data_address (?data= in the address), _data_columns (column mapping, label names,
split shares), _data_qa (the columns, charts and preview of question answering), _data_health
(the report), _data_charts (its tabs), _data_files (cached reads).
"""

from __future__ import annotations

import streamlit as st

from core.config import TASKS, DataConfig, RunConfig, TrainingConfig
from core.tasks import is_task, task_kind
from core.text import t
from pages import (
    _data_address,
    _data_charts,
    _data_columns,
    _data_files,
    _data_health,
    _data_source,
    _entry,
    _errors,
    _session,
)
from pages._session import widget

_entry.run_through_app()


def task_label(task: str) -> str:
    """The task as the selector names it (data.task.<key>); an unknown name as it is."""
    return t(f"data.task.{task_kind(task).key}") if is_task(task) else task


def _configure(dataset: dict, right) -> RunConfig:
    """The run configuration for the chosen file: its task, columns and split."""
    path = dataset["path"]
    guess = _data_files.detect_task(_data_files.signature(path))
    with right:
        task = widget(st.selectbox, t("data.task.label"), "data_task", guess,
                      options=list(TASKS), format_func=task_label, help=t("data.task.help"))
    fields = _data_columns.column_settings(path, task)
    fields.update(_data_columns.split_settings(bool(fields.get("split_column"))))
    # training is passed explicitly: RunConfig's default for it is the class, not an instance.
    config = RunConfig(task=task, data=DataConfig(train=path, **fields), training=TrainingConfig(),
                       preset=st.session_state.get("_kept_model_preset", "balanced"))
    config.validate()
    return config


def _health_report(config: RunConfig, dataset: dict) -> bool:
    """Check the data, show the report and its tabs; True when it has errors."""
    splits, report, key = _data_health.check_data(config)
    _data_health.remember_ready(config, splits, report, key)
    st.subheader(t("data.health.heading"))
    _data_health.show_summary(splits, report, key)
    _data_health.show_findings(report)
    _data_health.offer_clean_copy(config, report, dataset)
    _data_charts.show_charts(splits, report, config.task, key)
    return report.has_errors


def render() -> None:
    st.title(t("data.page.title"))
    st.caption(t("data.page.intro"))
    _session.show_flash()
    _data_address.restore_from_address()
    source = _data_source.choose_source()
    left, right = st.columns(2)
    with left:
        dataset = _data_source.choose_dataset(source)
    if dataset is None:
        st.session_state[_session.DATA_READY] = False
        return
    has_errors = _health_report(_configure(dataset, right), dataset)
    if st.button(t("data.continue.label"), type="primary", disabled=has_errors,
                 icon=":material/arrow_forward:",
                 help=t("data.continue.help_errors" if has_errors else "data.continue.help")):
        st.switch_page("pages/model.py")


def _not_ready() -> None:
    st.session_state[_session.DATA_READY] = False


_errors.page(render, "data.error.reading", on_error=_not_ready)
