"""Data page: the health report (summary figures, findings, the one-click clean copy) and
what the later pages learn from it."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from core.config import RunConfig
from core.data import cleaning
from core.errors import UserError
from core.models import loading as models
from core.tasks import task_kind
from core.text import error_line, number, percent, t
from core.train import presets
from pages import _data_files, _data_qa, _format, _session

SHOW = {"error": st.error, "warning": st.warning, "info": st.info}
ICONS = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}
ORDER = {"error": 0, "warning": 1, "info": 2}


def finding_text(f: Any) -> str:
    """One finding as markdown; findings quote labels, columns and texts from the file: all
    shown literally."""
    text = t("data.health.finding", title=_format.md(f.title), message=_format.md(f.message))
    if f.fix:
        text += "  \n" + t("data.health.fix", fix=_format.md(f.fix))
    examples = [str(e)[:120] for e in (f.examples or [])][:3]
    if examples:
        joined = t("data.health.example_separator").join(examples)
        text += "  \n" + t("data.health.examples", examples=_format.md(joined))
    return text


def show_findings(report: Any) -> None:
    findings = sorted(report.findings, key=lambda f: ORDER.get(f.severity, 3))
    if not findings:
        st.success(t("data.health.no_problems"), icon=":material/check_circle:")
    for f in findings:
        SHOW.get(f.severity, st.info)(finding_text(f), icon=ICONS.get(f.severity))


def _keep_clean_copy(config: dict, original: str) -> None:
    """Button callback: write the cleaned copy as a new upload and choose it in this session
    (before the widgets are drawn, so the pickers can show it)."""
    try:
        saved, copy = cleaning.keep_clean_copy(RunConfig.from_dict(config))
    except UserError as exc:
        _session.flash("warning", error_line(exc))
        return
    except Exception:  # noqa: BLE001 - never a stack trace; the original is untouched
        _session.flash("warning", t("data.clean.failed"))
        return
    st.session_state["data_source"] = "earlier"
    st.session_state["data_earlier"] = str(saved.path)
    # The same columns and split as before: the choices made for the original carry over.
    st.session_state[_session.DATASET] = {"path": str(saved.path), "label": saved.name,
                                          "source": "upload", "id": saved.content_hash}
    _session.flash("success", t("data.clean.done", name=saved.name, summary=copy.summary(),
                                original=original, earlier=t("data.source.earlier")))


def offer_clean_copy(config: RunConfig, report: Any, dataset: dict) -> None:
    """One click for the copies and overlapping texts the report warns about."""
    if not task_kind(config.task).supports_cleaning:
        return
    if not any(f.code in cleaning.FINDINGS for f in report.findings):
        return
    st.button(t("data.clean.button"), key="data_clean_copy",
              icon=":material/cleaning_services:", on_click=_keep_clean_copy,
              args=(config.to_dict(), dataset["label"]), help=t("data.clean.help"))


def _label_count(splits: Any, report: Any, key: tuple) -> int:
    return len(splits.labels)


# What the third figure counts, by the frame column of the task's answers (core.tasks
# `answers`): labels, tags, or the paragraphs questions are asked about.
COUNTS = {"labels": _label_count, "tags": _label_count,
          "answers": lambda splits, report, key: _data_qa.paragraphs(splits)}


def _truncated(splits: Any, report: Any, key: tuple) -> tuple[str, str, str]:
    return (t("data.summary.truncated"), percent(report.stats.get("truncated_share")),
            t("data.summary.truncated_help", max_length=key[-1]))


def _windows(splits: Any, report: Any, key: tuple) -> tuple[str, str, str]:
    return (t("data.summary.windows"), number(training_windows(splits, report, key)),
            t("data.summary.windows_help", max_length=key[-1]))


# The fourth figure, by the task's answers: texts cut at the max length, or the windows
# long paragraphs are read in.
LAST = {"answers": _windows}


def training_windows(splits: Any, report: Any, key: tuple) -> int:
    """Training windows of the max length (answer spans: long paragraphs are cut)."""
    return _data_qa.windows(report, splits, _data_files.usable_tokenizer(key[2]), key[-1])


def show_summary(splits: Any, report: Any, key: tuple) -> None:
    """Examples, the split, what the answers are and a figure of the lengths; `key` is
    `check_key`'s."""
    n_test = len(splits.test) if splits.test is not None else 0
    n_train, n_val = len(splits.train), len(splits.validation)
    cols = st.columns(4)
    cols[0].metric(t("data.summary.examples"), number(n_train + n_val + n_test),
                   help=t("data.summary.examples_help"))
    cols[1].metric(t("data.summary.splits"),
                   f"{number(n_train)} / {number(n_val)} / {number(n_test)}",
                   help=t("data.summary.splits_help"))
    answers = task_kind(splits.task).answers  # data.summary.labels | tags | answers
    cols[2].metric(t(f"data.summary.{answers}"), number(COUNTS[answers](splits, report, key)),
                   help=t(f"data.summary.{answers}_help"))
    label, value, help_text = LAST.get(answers, _truncated)(splits, report, key)
    cols[3].metric(label, value, help=help_text)


def p99_length(stats: dict) -> int | None:
    lengths = stats.get("token_lengths")
    return int(lengths["p99"]) if isinstance(lengths, dict) and lengths.get("p99") else None


def check_data(config: RunConfig) -> tuple[Any, Any, tuple]:
    """Health report at the max length training will use (auto: covers 99% of texts); the
    splits, the report and the cache key of the check: (config json, file signatures, model,
    max length)."""
    sigs = tuple(_data_files.signature(p) for p in (config.data.train, config.data.validation,
                                                    config.data.test) if p)
    model = st.session_state.get(_session.MODEL) or models.DEFAULT_MODEL
    chosen = st.session_state.get("_kept_adv_max_length")
    config_json = json.dumps(config.to_dict(), sort_keys=True)
    max_length = int(chosen or 128)
    with st.spinner(t("data.check.spinner")):
        splits, report = _data_files.check(config_json, sigs, model, max_length)
        p99 = p99_length(report.stats)
        if not chosen and p99:
            auto = presets.auto_max_length([p99], config.preset, 512)
            if auto != max_length:
                max_length = auto
                splits, report = _data_files.check(config_json, sigs, model, max_length)
    return splits, report, (config_json, sigs, model, max_length)


def remember_ready(config: RunConfig, splits: Any, report: Any, key: tuple) -> None:
    """What the Model page reads: the data settings, the task, whether the data can train and
    its figures (training windows where long paragraphs are cut)."""
    lengths = report.stats.get("token_lengths") or {}
    p99 = p99_length(report.stats)
    answers = task_kind(config.task).answers
    windows = training_windows(splits, report, key) if answers in LAST else None
    st.session_state[_session.DATA_CONFIG] = config.to_dict()["data"]
    st.session_state[_session.TASK] = config.task
    st.session_state[_session.DATA_READY] = not report.has_errors
    st.session_state[_session.DATA_STATS] = {
        "n_train": len(splits.train), "n_labels": len(splits.labels),
        "mean_tokens": float(lengths.get("mean") or 32.0),
        # presets take a list of lengths; the 99th percentile alone gives the same max length
        "token_lengths": [p99] if p99 else None,
        "n_windows": windows, "max_length": key[-1]}
