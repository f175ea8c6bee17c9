"""Step 2, Model: pick a pretrained model and a preset, optionally every hyperparameter, see
an estimate of time and memory, and start training.

This file lays the page out; its panels live beside it: _model_choice.py (model, preset,
unknown characters), _model_settings.py (mode and every setting), _model_start.py (mode
advice, estimate, start) and _model_data.py (what is read about the data and model, cached).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from core.config import DataConfig, RunConfig, TrainingConfig
from core.errors import UserError
from core.tasks import task_kind
from core.text import t
from core.train import presets
from pages import (
    _entry,
    _errors,
    _format,
    _model_choice,
    _model_data,
    _model_distributed,
    _model_settings,
    _session,
)
from pages import _model_start as _start
from pages._session import widget

_entry.run_through_app()


def go_to(page: str, text: str) -> None:
    if st.button(text, icon=":material/arrow_back:", help=t("model.page.go_to_help")):
        st.switch_page(page)


def _data_caption(dataset: str, task: str, stats: dict) -> str:
    return t(f"model.page.data_{task_kind(task).key}", dataset=_format.md(dataset),
             count=stats["n_train"], labels=stats["n_labels"],
             windows=stats.get("n_windows") or stats["n_train"])


def _ready() -> bool:
    """Whether the Data step is done; else say so and point back to it."""
    data = st.session_state.get(_session.DATA_CONFIG)
    task = st.session_state.get(_session.TASK)
    stats = st.session_state.get(_session.DATA_STATS)
    if not data or not task or not stats:
        st.info(t("model.page.need_data"))
        go_to("pages/data.py", t("model.page.go_to_data"))
        return False
    if not st.session_state.get(_session.DATA_READY):
        st.warning(t("model.page.data_not_ready"))
        go_to("pages/data.py", t("model.page.back_to_data"))
        return False
    return True


def render() -> None:
    st.title(t("model.page.title"))
    _session.show_flash()
    if not _ready():
        return
    data = st.session_state[_session.DATA_CONFIG]
    task = st.session_state[_session.TASK]
    stats = st.session_state[_session.DATA_STATS]
    dataset = (st.session_state.get(_session.DATASET) or {}).get("label") \
        or Path(data["train"]).name
    st.caption(_data_caption(dataset, task, stats))
    data_json = json.dumps(data, sort_keys=True)
    sigs = _model_data.signatures(data)
    shown: dict[str, Any] = {}
    left, right = st.columns([3, 2], gap="large")
    with left:
        model = _model_choice.choose_model(task)
        st.session_state[_session.MODEL] = model
        problem = _model_data.model_problem(model)
        if problem is not None:
            _errors.show_error(UserError(*problem))
        advice = (_model_data.vocabulary_advice(data_json, task, model, sigs)
                  if problem is None else None)
        if advice is not None and advice.warns:
            shown["extend_vocabulary"] = _model_choice.vocabulary_fix(advice, model)
    with right:
        preset = _model_choice.choose_preset()
        default_name = f"{Path(dataset).stem} · {preset}"
        name = widget(st.text_input, t("model.run_name.label"), "model_run_name", "",
                      placeholder=default_name, max_chars=100, help=t("model.run_name.help"))
        estimate_box, start_box = st.container(), st.container()
    with left:
        shown["mode"] = _model_settings.training_mode()
        mode_note = st.container()
    config = _settings(data, task, model, preset, stats, shown, name.strip() or default_name)
    with mode_note:
        profile = _model_data.label_profile(_model_data.splits(data_json, task, sigs))
        mode = _start.explain_mode(config, profile)
    with estimate_box:
        _start.show_estimate(config, stats, mode or "fine-tune")
    if mode and problem is None:
        with start_box:
            _model_distributed.render(config)
            _start.start_button(config)


def _settings(data: dict, task: str, model: str, preset: str, stats: dict,
              shown: dict[str, Any], name: str) -> RunConfig:
    """The run's configuration: the preset resolved for this data, then every setting."""
    base = RunConfig(task=task, data=DataConfig(**data), model=model, preset=preset,
                     training=TrainingConfig())
    resolved = presets.resolve_training(base, stats["n_train"], stats["n_labels"],
                                        stats.get("token_lengths") or None)
    chosen = _model_settings.advanced_settings(resolved, shown, task)
    config = RunConfig(task=task, data=DataConfig(**data), model=model, preset=preset,
                       training=TrainingConfig(**chosen), name=name)
    config.validate()
    return config


_errors.page(render, "model.error.preparing")
