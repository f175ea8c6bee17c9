"""Model page: the training mode and every training setting under Advanced, each a widget with
its label and help from the text catalogue (model.setting.<field>.*); empty means the preset."""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from core.config import (
    CLASS_WEIGHTING,
    PRECISIONS,
    SCHEDULERS,
    TRACKERS,
    TRAINING_MODES,
    TrainingConfig,
)
from core.tasks import task_kind
from core.text import has, t
from pages._session import widget

CHOICES = {"scheduler": SCHEDULERS, "class_weighting": CLASS_WEIGHTING, "precision": PRECISIONS}
# Settings that take several of their choices; their label and help are the field's own.
SEVERAL = {"report_to": TRACKERS}
# Formats and steps for numeric settings; anything not listed is a plain whole number.
NUMBER_STYLE = {
    "epochs": {"min_value": 0.1, "max_value": 100.0, "step": 1.0, "format": "%g"},
    "learning_rate": {"min_value": 1e-7, "max_value": 0.9, "step": 1e-5, "format": "%.1e"},
    "warmup_ratio": {"min_value": 0.0, "max_value": 0.9, "step": 0.05, "format": "%.2f"},
    "weight_decay": {"min_value": 0.0, "max_value": 0.9, "step": 0.01, "format": "%.3f"},
    "lora_dropout": {"min_value": 0.0, "max_value": 0.9, "step": 0.05, "format": "%.2f"},
}
LORA_FIELDS = ("lora_r", "lora_alpha", "lora_dropout", "lora_target_modules")
# Settings only some tasks use, by the frame column of their answers (core.tasks `answers`):
# answer spans are read in overlapping windows and have a longest answer.
TASK_SETTINGS = {"answers": ("stride", "max_answer_length")}


def label(name: str) -> str:
    """A TrainingConfig field's label in the reader's language."""
    return t(f"model.setting.{name}.label")


def help_text(name: str) -> str:
    return t(f"model.setting.{name}.help")


def _choice_name(name: str, value: str) -> str:
    key = f"model.choice.{name}.{value}"
    return t(key) if has(key) else value


def _kind(f: dataclasses.Field) -> tuple[str, bool]:
    """The base type name of a TrainingConfig field and whether it may be empty."""
    text = str(f.type).replace(" ", "")
    optional = text.endswith("|None")
    return text.removesuffix("|None"), optional


def training_mode() -> str:
    return widget(st.selectbox, label("mode"), "adv_mode", "auto", options=list(TRAINING_MODES),
                  format_func=lambda m: t("model.mode." + m.replace("-", "_")),
                  help=help_text("mode"))


def _placeholder(optional: bool, preset_value: Any) -> str | None:
    """What an empty number box shows: the preset's value for this data."""
    if not optional:
        return None
    if preset_value is None:
        return t("model.advanced.preset")
    shown = f"{preset_value:g}" if isinstance(preset_value, float) else str(preset_value)
    return t("model.advanced.preset_value", value=shown)


def _setting(f: dataclasses.Field, resolved: TrainingConfig, lora_on: bool) -> Any:
    """One field's widget and its value."""
    kind, optional = _kind(f)
    key, name = f"adv_{f.name}", f.name
    disabled = name in LORA_FIELDS and not lora_on
    if name in SEVERAL:
        return widget(st.multiselect, str(f.metadata["label"]), key, [],
                      options=list(SEVERAL[name]), format_func=lambda v: _choice_name(name, v),
                      help=str(f.metadata["help"]))
    if name in CHOICES:
        return widget(st.selectbox, label(name), key, f.default, options=list(CHOICES[name]),
                      format_func=lambda v: _choice_name(name, v), help=help_text(name))
    if kind == "bool":
        return widget(st.checkbox, label(name), key, bool(f.default), help=help_text(name),
                      disabled=disabled)
    if kind.startswith("list"):
        raw = widget(st.text_input, label(name), key, "", help=help_text(name),
                     placeholder=t("model.advanced.list_placeholder"), disabled=disabled)
        return [p.strip() for p in raw.split(",") if p.strip()] or None
    style = NUMBER_STYLE.get(name, {"min_value": 0, "step": 1})
    return widget(st.number_input, label(name), key, None if optional else f.default,
                  placeholder=_placeholder(optional, getattr(resolved, name)),
                  help=help_text(name), disabled=disabled, **style)


def hidden_settings(task: str) -> set[str]:
    """The settings of other tasks than `task` (not shown, left to their default)."""
    answers = task_kind(task).answers
    return {name for key, names in TASK_SETTINGS.items() if key != answers for name in names}


def advanced_settings(resolved: TrainingConfig, shown: dict[str, Any],
                      task: str) -> dict[str, Any]:
    """Every TrainingConfig field the task uses as a widget; empty values mean 'use the
    preset'.

    Fields already shown elsewhere on the page come in `shown` with their values.
    """
    values: dict[str, Any] = dict(shown)
    with st.expander(t("model.advanced.expander"), icon=":material/tune:"):
        st.caption(t("model.advanced.caption"))
        lora_on = bool(st.session_state.get("adv_lora", st.session_state.get("_kept_adv_lora")))
        cols = st.columns(3)
        hidden = hidden_settings(task)
        fields = [f for f in dataclasses.fields(TrainingConfig)
                  if f.name not in shown and f.name not in hidden]
        for i, f in enumerate(fields):
            with cols[i % 3]:
                values[f.name] = _setting(f, resolved, lora_on)
    return values
