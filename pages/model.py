"""Step 2, Model: pick a pretrained model and a preset, optionally every hyperparameter, see
an estimate of time and memory, and start training."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import streamlit as st

from core.config import (
    CLASS_WEIGHTING,
    PRECISIONS,
    PRESETS,
    SCHEDULERS,
    TRAINING_MODES,
    DataConfig,
    RunConfig,
    TrainingConfig,
    field_help,
)
from core.errors import UserError
from core.jobs import queue as jobs
from core.models import loading as models
from core.train import few_shot, presets, vocabulary
from pages import _entry, _errors, _format, _session
from pages._session import widget

OTHER = "other"
CHOICES = {"scheduler": SCHEDULERS, "class_weighting": CLASS_WEIGHTING, "precision": PRECISIONS}
MODE_NAMES = {"auto": "Automatic", "fine-tune": "Fine-tune the whole model",
              "few-shot": "Few-shot (learn from pairs of texts, as SetFit)"}
# Formats and steps for numeric settings; anything not listed is a plain whole number.
NUMBER_STYLE = {
    "epochs": {"min_value": 0.1, "max_value": 100.0, "step": 1.0, "format": "%g"},
    "learning_rate": {"min_value": 1e-7, "max_value": 0.9, "step": 1e-5, "format": "%.1e"},
    "warmup_ratio": {"min_value": 0.0, "max_value": 0.9, "step": 0.05, "format": "%.2f"},
    "weight_decay": {"min_value": 0.0, "max_value": 0.9, "step": 0.01, "format": "%.3f"},
    "lora_dropout": {"min_value": 0.0, "max_value": 0.9, "step": 0.05, "format": "%.2f"},
}
LORA_FIELDS = ("lora_r", "lora_alpha", "lora_dropout", "lora_target_modules")

_entry.run_through_app()


def model_label(info: models.ModelInfo) -> str:
    return info.name


def model_caption(info: models.ModelInfo) -> str:
    size = f"{info.params_m:g}M parameters" if info.params_m else "size unknown"
    access = "works offline"
    if info.needs_internet:  # said before a click, which would otherwise wait on the hub
        access = ("needs internet the first time" if models.usable_now(info)
                  else "needs internet — not reachable now")
    return f"{size} · {info.languages} · {access} · speed: {info.speed}. {info.note}"


def choose_model(task: str) -> str:
    catalogue = {m.key: m for m in models.catalogue(task)}
    options = [*catalogue, OTHER]
    choice = widget(
        st.radio, "Pretrained model to start from", "model_choice", models.DEFAULT_MODEL,
        options=options,
        format_func=lambda k: model_label(catalogue[k]) if k in catalogue else "Another model",
        captions=[model_caption(catalogue[k]) for k in catalogue]
        + ["Any model id from the Hugging Face hub, or a folder on this computer."],
        help="The model already knows language; training teaches it your labels. "
             "The built-in one is preselected and needs no internet.")
    if choice != OTHER:
        return choice
    name = widget(st.text_input, "Model id or folder", "model_other", "",
                  placeholder="e.g. distilbert-base-uncased or /path/to/model",
                  help="A Hugging Face hub id, or the path of a folder with config.json and "
                       "safetensors weights.").strip()
    if not name:
        raise UserError("No model name was given.", "Type a hub id or a folder, or pick a "
                        "model from the list.")
    info = models.describe_model(name)  # raises UserError when unusable
    st.caption(_format.md(model_caption(info)))  # names what the user typed
    return name


def choose_preset() -> str:
    return widget(
        st.radio, "Preset", "model_preset", "balanced", options=list(PRESETS),
        format_func=str.capitalize, captions=[presets.PRESET_DESCRIPTIONS[p] for p in PRESETS],
        help="How much time to spend for how much quality; every value can be changed under "
             "Advanced.")


def _kind(f: dataclasses.Field) -> tuple[str, bool]:
    """The base type name of a TrainingConfig field and whether it may be empty."""
    text = str(f.type).replace(" ", "")
    optional = text.endswith("|None")
    return text.removesuffix("|None"), optional


def advanced_settings(resolved: TrainingConfig, shown: dict[str, Any]) -> dict[str, Any]:
    """Every TrainingConfig field as a widget; empty values mean 'use the preset'.

    Fields already shown elsewhere on the page come in `shown` with their values.
    """
    helps = field_help(TrainingConfig)
    values: dict[str, Any] = dict(shown)
    with st.expander("Advanced: every training setting", icon=":material/tune:"):
        st.caption("Empty boxes use the preset's value, shown in grey.")
        lora_on = bool(st.session_state.get("adv_lora", st.session_state.get("_kept_adv_lora")))
        cols = st.columns(3)
        fields = [f for f in dataclasses.fields(TrainingConfig) if f.name not in shown]
        for i, f in enumerate(fields):
            kind, optional = _kind(f)
            key, label, help_text = f"adv_{f.name}", helps[f.name]["label"], helps[f.name]["help"]
            disabled = f.name in LORA_FIELDS and not lora_on
            preset_value = getattr(resolved, f.name)
            with cols[i % 3]:
                if f.name in CHOICES:
                    values[f.name] = widget(st.selectbox, label, key, f.default,
                                            options=list(CHOICES[f.name]), help=help_text)
                elif kind == "bool":
                    values[f.name] = widget(st.checkbox, label, key, bool(f.default),
                                            help=help_text, disabled=disabled)
                elif kind.startswith("list"):
                    raw = widget(st.text_input, label, key, "", help=help_text,
                                 placeholder="e.g. query, value", disabled=disabled)
                    items = [p.strip() for p in raw.split(",") if p.strip()]
                    values[f.name] = items or None
                else:
                    style = NUMBER_STYLE.get(f.name, {"min_value": 0, "step": 1})
                    default = None if optional else f.default
                    placeholder = None
                    if optional:
                        placeholder = ("preset: " + (f"{preset_value:g}" if isinstance(
                            preset_value, float) else str(preset_value))
                            if preset_value is not None else "preset")
                    values[f.name] = widget(st.number_input, label, key, default,
                                            placeholder=placeholder, help=help_text,
                                            disabled=disabled, **style)
    return values


def _signature(path: str | None) -> tuple:
    if not path or not Path(path).is_file():
        return (path,)
    info = Path(path).stat()
    return (path, info.st_mtime, info.st_size)


@st.cache_resource(max_entries=4, show_spinner="Reading the labels...")
def _splits(data_json: str, task: str, sigs: tuple) -> Any:
    """The data as training will split it (sigs: only a cache key, changes with the files)."""
    from core.data import make_splits

    return make_splits(RunConfig(task=task, data=DataConfig(**json.loads(data_json))))


def _label_profile(splits: Any) -> dict[str, Any]:
    """Training examples per label, whether multi-label, whether text pairs."""
    frame = splits.train.frame
    counts = few_shot.label_counts(frame["labels"]) if "labels" in frame.columns else {}
    return {"counts": counts, "multi_label": splits.multi_label,
            "pairs": "text_pair" in frame.columns}


@st.cache_data(max_entries=8, ttl=60, show_spinner="Checking the model...")
def _model_problem(model: str) -> tuple[str, str] | None:
    """Why the chosen model cannot be used here (a hub id offline, a wrong name), or None.
    Kept a minute, so a connection that comes back is noticed."""
    try:
        models.load_tokenizer(model)
    except UserError as exc:
        return exc.message, exc.fix
    return None


@st.cache_data(max_entries=8, show_spinner="Checking which characters the model knows...")
def _vocabulary_advice(data_json: str, task: str, model: str,
                       sigs: tuple) -> vocabulary.VocabularyAdvice | None:
    try:
        tokenizer = models.load_tokenizer(model)
    except UserError:  # a hub model offline: nothing to measure with
        return None
    return vocabulary.advise(_splits(data_json, task, sigs), tokenizer)


def _choose_model(key: str) -> None:
    st.session_state["model_choice"] = key
    st.session_state["_kept_model_choice"] = key


def training_mode() -> str:
    helps = field_help(TrainingConfig)["mode"]
    return widget(st.selectbox, helps["label"], "adv_mode", "auto", options=list(TRAINING_MODES),
                  format_func=MODE_NAMES.get, help=helps["help"])


def explain_mode(config: RunConfig, profile: dict[str, Any]) -> str | None:
    """One sentence on the mode the run will train in, which it returns; None when the chosen
    mode cannot train this data."""
    try:
        advice = few_shot.advise(config, profile["counts"], profile["multi_label"],
                                 profile["pairs"])
    except UserError as exc:
        _errors.show_error(exc)
        return None
    st.caption(_format.md(advice.reason))
    return advice.mode


def vocabulary_fix(advice: vocabulary.VocabularyAdvice, model: str) -> bool:
    """The two ways out when the model does not know the data's characters or words."""
    helps = field_help(TrainingConfig)["extend_vocabulary"]
    examples = _format.md(" ".join(advice.examples[:8]))  # words from the user's texts
    with st.container(border=True):
        st.warning(f"The model does not know {advice.unk_rate:.0%} of the characters and words "
                   f"in your texts (such as {examples}), so it cannot tell those texts apart.",
                   icon=":material/translate:")
        suggested = [key for key in advice.models if key != model]
        if suggested:
            names = {m.key: m.name for m in models.catalogue()}
            st.markdown("**Either** start from a model that reads this language (downloaded "
                        "once, so it needs internet):")
            cols = st.columns(len(suggested))
            for col, key in zip(cols, suggested):
                col.button(names.get(key, key), key=f"model_use_{key}", on_click=_choose_model,
                           args=(key,), width="stretch",
                           help=f"Choose {key} as the model to start from.")
        st.markdown(f"**Or** teach this model the {advice.learnable:,} unknown characters and "
                    "words that occur at least twice, so it learns them offline:")
        return widget(st.checkbox, helps["label"], "adv_extend_vocabulary", False,
                      help=helps["help"])


ESTIMATE_BASIS = {
    "measured": "From the speed of your earlier runs of this model on this machine.",
    "probe": "From a few training steps of this model timed on this machine; the estimate gets "
             "closer after your first run.",
    "rough": "A rough guess from the model's size, because this model was not timed on this "
             "machine yet; the Train page shows the real remaining time once training runs.",
}


def time_range(low: float, high: float) -> str:
    """'50-70 s', '3-5 min' or '1.5-2.0 h': a range rounded as far as it is known."""
    if high < 120:
        low, high = (max(5, int(round(v / 5)) * 5) for v in (low, high))
        return f"{low}-{max(high, low + 5)} s"
    if high < 7200:
        low, high = max(1, math.floor(low / 60)), math.ceil(high / 60)
        return f"{low}-{max(high, low + 1)} min"
    return f"{low / 3600:.1f}-{max(high, low + 360) / 3600:.1f} h"


def show_estimate(config: RunConfig, stats: dict, mode: str) -> None:
    try:
        with st.spinner("Timing a few training steps on this machine..."):
            estimate = presets.estimate_run(config, stats["n_train"], stats["n_labels"],
                                            stats["mean_tokens"], mode=mode,
                                            probe=jobs.active_run() is None)
    except UserError as exc:
        _errors.show_error(exc)
        return
    st.markdown(
        f"**Estimate:** about **{time_range(estimate['low_s'], estimate['high_s'])}** on "
        f"{estimate.get('device', 'CPU')}, **{_format.megabytes(estimate.get('memory_mb'))}** "
        f"of memory, {estimate.get('steps', 0):,} training steps.",
        help=ESTIMATE_BASIS[str(estimate.get("basis", "rough"))])


def go_to(page: str, text: str) -> None:
    if st.button(text, icon=":material/arrow_back:", help="Open that step."):
        st.switch_page(page)


def render() -> None:
    st.title("Model and training")
    _session.show_flash()
    data = st.session_state.get(_session.DATA_CONFIG)
    task = st.session_state.get(_session.TASK)
    stats = st.session_state.get(_session.DATA_STATS)
    if not data or not task or not stats:
        st.info("First choose your data: the model and settings depend on it.")
        go_to("pages/data.py", "Go to the Data step")
        return
    if not st.session_state.get(_session.DATA_READY):
        st.warning("The health report found errors in the data. Fix them first.")
        go_to("pages/data.py", "Back to the Data step")
        return
    dataset = (st.session_state.get(_session.DATASET) or {}).get("label") \
        or Path(data["train"]).name
    st.caption(f"Data: **{_format.md(dataset)}** · {task.replace('-', ' ')} · "
               f"{stats['n_train']:,} training "
               f"examples · {stats['n_labels']} labels")

    data_json = json.dumps(data, sort_keys=True)
    sigs = tuple(_signature(data.get(k)) for k in ("train", "validation", "test"))
    shown: dict[str, Any] = {}
    left, right = st.columns([3, 2], gap="large")
    with left:
        model = choose_model(task)
        st.session_state[_session.MODEL] = model
        problem = _model_problem(model)
        if problem is not None:
            _errors.show_error(UserError(*problem))
        advice = _vocabulary_advice(data_json, task, model, sigs) if problem is None else None
        if advice is not None and advice.warns:
            shown["extend_vocabulary"] = vocabulary_fix(advice, model)
    with right:
        preset = choose_preset()
        name = widget(st.text_input, "Run name (optional)", "model_run_name", "",
                      placeholder=f"{Path(dataset).stem} · {preset}", max_chars=100,
                      help="A name to find this run again in the run list.")
        estimate_box = st.container()
        start_box = st.container()

    base = RunConfig(task=task, data=DataConfig(**data), model=model, preset=preset,
                     training=TrainingConfig())
    with left:
        shown["mode"] = training_mode()
        mode_note = st.container()
    resolved = presets.resolve_training(base, stats["n_train"], stats["n_labels"],
                                        stats.get("token_lengths") or None)
    chosen = advanced_settings(resolved, shown)
    config = RunConfig(task=task, data=DataConfig(**data), model=model, preset=preset,
                       training=TrainingConfig(**chosen),
                       name=name.strip() or f"{Path(dataset).stem} · {preset}")
    config.validate()
    with mode_note:
        mode = explain_mode(config, _label_profile(_splits(data_json, task, sigs)))
    with estimate_box:
        show_estimate(config, stats, mode or "fine-tune")
    if mode and problem is None:
        with start_box:
            start_button(config)


def start_button(config: RunConfig) -> None:
    if st.button("Start training", type="primary", icon=":material/play_arrow:",
                 width="stretch",
                 help="Training runs in the background; you can close the tab and come back."):
        info = jobs.start_run(config)
        st.session_state[_session.RUN_ID] = info.run_id
        if info.state == "queued":
            _session.flash("warning", "Another run is training right now. This run waits in "
                                      "line and starts by itself when that one ends.")
        else:
            _session.flash("success", "Training started. It keeps going if you close this tab.")
        st.switch_page("pages/train.py", query_params={"run": info.run_id})


try:
    render()
except UserError as exc:
    _errors.show_error(exc)
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "preparing the training settings")
