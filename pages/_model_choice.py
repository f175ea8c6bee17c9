"""Model page, left column: the pretrained model to start from (with its one-line caption), the
preset, and the two ways out when the model does not know the data's characters."""

from __future__ import annotations

import streamlit as st

from core.config import PRESETS
from core.errors import UserError
from core.models import loading as models
from core.text import has, lazy, number, percent, t
from core.train import presets, vocabulary
from pages import _format, _model_settings
from pages._session import widget

OTHER = "other"


def _card(info: models.ModelInfo, part: str, fallback: str) -> str:
    """A curated model's name, languages or note in the reader's language; a model the user
    named keeps what core says about it."""
    key = f"model.card.{info.key}.{part}"
    return t(key) if has(key) else fallback


def model_label(info: models.ModelInfo) -> str:
    return _card(info, "name", info.name)


def _access(info: models.ModelInfo) -> str:
    if not info.needs_internet:
        return t("model.caption.offline")
    # said before a click, which would otherwise wait on the hub
    if models.usable_now(info):
        return t("model.caption.internet_first")
    return t("model.caption.internet_unreachable")


def model_caption(info: models.ModelInfo) -> str:
    size = (t("model.caption.size", size=number(info.params_m)) if info.params_m
            else t("model.caption.size_unknown"))
    languages = (t("model.languages.unknown") if info.languages == "unknown"
                 else _card(info, "languages", info.languages))
    speed_key = f"model.speed.{info.speed}"
    speed = t(speed_key) if has(speed_key) else info.speed
    return t("model.caption.line", size=size, languages=languages, access=_access(info),
             speed=speed, note=_card(info, "note", info.note))


def choose_model(task: str) -> str:
    catalogue = {m.key: m for m in models.catalogue(task)}
    options = [*catalogue, OTHER]
    choice = widget(
        st.radio, t("model.choose.label"), "model_choice", models.DEFAULT_MODEL,
        options=options,
        format_func=lambda k: (model_label(catalogue[k]) if k in catalogue
                               else t("model.choose.other")),
        captions=[model_caption(catalogue[k]) for k in catalogue]
        + [t("model.choose.other_caption")],
        help=t("model.choose.help"))
    if choice != OTHER:
        return choice
    name = widget(st.text_input, t("model.choose.other_label"), "model_other", "",
                  placeholder=t("model.choose.other_placeholder"),
                  help=t("model.choose.other_help")).strip()
    if not name:
        raise UserError(lazy("model.choose.no_name"), lazy("model.choose.no_name_fix"))
    info = models.describe_model(name)  # raises UserError when unusable
    st.caption(_format.md(model_caption(info)))  # names what the user typed
    return name


def choose_preset() -> str:
    return widget(
        st.radio, t("model.preset.label"), "model_preset", "balanced", options=list(PRESETS),
        format_func=lambda p: t(f"model.preset.{p}"),
        captions=[presets.preset_description(p) for p in PRESETS],
        help=t("model.preset.help"))


def _choose_model(key: str) -> None:
    st.session_state["model_choice"] = key
    st.session_state["_kept_model_choice"] = key


def vocabulary_fix(advice: vocabulary.VocabularyAdvice, model: str) -> bool:
    """The two ways out when the model does not know the data's characters or words."""
    examples = _format.md(" ".join(advice.examples[:8]))  # words from the user's texts
    with st.container(border=True):
        st.warning(t("model.vocabulary.warning", share=percent(advice.unk_rate, 0),
                     examples=examples), icon=":material/translate:")
        suggested = [key for key in advice.models if key != model]
        if suggested:
            names = {m.key: model_label(m) for m in models.catalogue()}
            st.markdown(t("model.vocabulary.either"))
            cols = st.columns(len(suggested))
            for col, key in zip(cols, suggested, strict=True):
                col.button(names.get(key, key), key=f"model_use_{key}", on_click=_choose_model,
                           args=(key,), width="stretch",
                           help=t("model.vocabulary.use_help", model=key))
        st.markdown(t("model.vocabulary.or", count=advice.learnable))
        return widget(st.checkbox, _model_settings.label("extend_vocabulary"),
                      "adv_extend_vocabulary", False,
                      help=_model_settings.help_text("extend_vocabulary"))
