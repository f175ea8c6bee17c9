"""Model page: what the page reads about the data and the chosen model, cached (the splits as
training will make them, labels per example, whether the model loads, unknown characters)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from core.config import DataConfig, RunConfig
from core.errors import UserError
from core.models import loading as models
from core.text import t
from core.train import few_shot, vocabulary

SPLIT_FILES = ("train", "validation", "test")


def _signature(path: str | None) -> tuple:
    if not path or not Path(path).is_file():
        return (path,)
    info = Path(path).stat()
    return (path, info.st_mtime, info.st_size)


def signatures(data: dict[str, Any]) -> tuple:
    """A cache key that changes with the data files."""
    return tuple(_signature(data.get(k)) for k in SPLIT_FILES)


@st.cache_resource(max_entries=4, show_spinner=False)
def _splits(data_json: str, task: str, sigs: tuple) -> Any:
    """The data as training will split it (sigs: only a cache key, changes with the files)."""
    from core.data import make_splits

    return make_splits(RunConfig(task=task, data=DataConfig(**json.loads(data_json))))


def splits(data_json: str, task: str, sigs: tuple) -> Any:
    with st.spinner(t("model.spinner.labels")):
        return _splits(data_json, task, sigs)


def label_profile(split: Any) -> dict[str, Any]:
    """Training examples per label, whether multi-label, whether text pairs."""
    frame = split.train.frame
    counts = few_shot.label_counts(frame["labels"]) if "labels" in frame.columns else {}
    return {"counts": counts, "multi": split.multi_label,
            "pairs": "text_pair" in frame.columns}


@st.cache_data(max_entries=8, ttl=60, show_spinner=False)
def _model_problem(model: str) -> tuple[str, str] | None:
    """Why the chosen model cannot be used here (a hub id offline, a wrong name), or None.
    Kept a minute, so a connection that comes back is noticed."""
    try:
        models.load_tokenizer(model)
    except UserError as exc:
        return exc.message, exc.fix
    return None


def model_problem(model: str) -> tuple[str, str] | None:
    with st.spinner(t("model.spinner.model")):
        return _model_problem(model)


@st.cache_data(max_entries=8, show_spinner=False)
def _vocabulary_advice(data_json: str, task: str, model: str,
                       sigs: tuple) -> vocabulary.VocabularyAdvice | None:
    try:
        tokenizer = models.load_tokenizer(model)
    except UserError:  # a hub model offline: nothing to measure with
        return None
    return vocabulary.advise(_splits(data_json, task, sigs), tokenizer)


def vocabulary_advice(data_json: str, task: str, model: str,
                      sigs: tuple) -> vocabulary.VocabularyAdvice | None:
    with st.spinner(t("model.spinner.vocabulary")):
        return _vocabulary_advice(data_json, task, model, sigs)
