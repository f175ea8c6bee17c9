"""Data page: reading the chosen file, cached per file version and shared by sessions (these
reads never change the file), and the health check of one configuration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from core import data as coredata
from core.config import DataConfig, RunConfig
from core.data import squad
from core.errors import UserError
from core.models import loading as models
from core.tasks import task_kind

Signature = tuple[str, float, int]


def signature(path: str) -> Signature:
    """The file's path, modification time and size: a new version gets new cache entries."""
    stat = Path(path).stat()
    return path, stat.st_mtime, stat.st_size


@st.cache_data(show_spinner=False, max_entries=16)
def detect_task(sig: Signature) -> str:
    return coredata.detect_task(sig[0])


@st.cache_data(show_spinner=False, max_entries=16)
def read_table(sig: Signature) -> Any:
    return coredata.read_table(sig[0])


@st.cache_data(show_spinner=False, max_entries=16)
def read_tagged(sig: Signature) -> Any:
    return coredata.read_tagged(sig[0])


def qa_shape(path: str) -> str:
    """How a question-answering file is read: "squad", "label_studio" or "table"."""
    if Path(path).suffix.lower() != ".json":
        return "table"
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    if squad.looks_like_squad(head):
        return "squad"
    return "label_studio" if squad.looks_like_label_studio_qa(head) else "table"


@st.cache_data(show_spinner=False, max_entries=16)
def read_questions(sig: Signature) -> Any:
    """A question-answering file: SQuAD or Label Studio JSON as its examples frame, a table as
    its table (its columns are chosen on the page)."""
    if qa_shape(sig[0]) == "table":
        return read_table(sig)
    return coredata.load_examples(sig[0], DataConfig(train=sig[0]), detect_task(sig)).frame


def _reader(sig: Signature) -> str:
    """Which reader the file's detected task reads it with: "table", "tagged" or "squad"."""
    return task_kind(detect_task(sig)).reader


@st.cache_data(show_spinner=False, max_entries=16)
def guess_columns(sig: Signature) -> Any:
    """Column guess once per file version, not on every rerun of the page."""
    return coredata.infer_columns(read_table(sig))


@st.cache_data(show_spinner=False, max_entries=64)
def _unusable(sig: Signature) -> bool:
    """True when the file cannot be read as labeled examples (a broken file, or texts kept by
    the Label page without a label column)."""
    try:
        return _UNUSABLE[_reader(sig)](sig)
    except Exception:  # noqa: BLE001 - any failure to read means: not a file to propose
        return True


def _tagged_unusable(sig: Signature) -> bool:
    read_tagged(sig)  # a tagged file that reads at all holds labeled examples
    return False


def _table_unusable(sig: Signature) -> bool:
    return len(read_table(sig).columns) < 2  # a text and a label column are needed


def _questions_unusable(sig: Signature) -> bool:
    return len(read_questions(sig)) == 0


# Whether a file is unusable, for each reader a task names (core.tasks: `reader`).
_UNUSABLE = {"tagged": _tagged_unusable, "table": _table_unusable, "squad": _questions_unusable}


def newest_usable(paths: list[str]) -> tuple[str, set[str]]:
    """The newest of `paths` (newest first) that reads as labeled examples, and the newer ones
    that do not; only files up to the first usable one are read."""
    unusable: set[str] = set()
    for path in paths:
        try:
            bad = _unusable(signature(path))
        except OSError:  # removed by another session meanwhile
            bad = True
        if not bad:
            return path, unusable
        unusable.add(path)
    return paths[0], unusable


def check_readable(path: str) -> None:
    """Read the file once as its detected kind; raises UserError when it cannot be read."""
    sig = signature(path)
    _READERS[_reader(sig)](sig)


# The cached read of each reader a task names (core.tasks: `reader`).
_READERS = {"tagged": read_tagged, "table": read_table, "squad": read_questions}


@st.cache_resource(show_spinner=False, max_entries=4)
def tokenizer(model: str) -> Any:
    """The model's tokenizer, loaded once per model."""
    return models.load_tokenizer(model)


def usable_tokenizer(model: str) -> Any:
    """The model's tokenizer, or the default model's when that one cannot be loaded."""
    try:
        return tokenizer(model)
    except UserError:
        return tokenizer(models.DEFAULT_MODEL)


@st.cache_data(show_spinner=False, max_entries=16)
def check(config_json: str, sigs: tuple, model: str, max_length: int) -> tuple[Any, Any]:
    """Splits and health report for one configuration (sigs only invalidate the cache)."""
    config = RunConfig.from_dict(json.loads(config_json))
    splits = coredata.make_splits(config)
    report = coredata.build_health_report(splits, tokenizer=usable_tokenizer(model),
                                          max_length=max_length)
    return splits, report
