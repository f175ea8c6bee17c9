"""The Test page's Batch prediction tab: the model labels every row of an uploaded file, shown
as a preview and downloaded as a CSV."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core.data.squad import guess_qa_columns
from core.errors import UserError
from core.predict import batch_predict
from core.text import duration, t
from core.workspace import runs
from core.workspace.uploads import safe_filename
from pages import _errors, _format, _session
from pages._test_common import answers_from_context, predictor_for, task_of

BATCH_RESULT = "test_batch_result"


# ----- batch --------------------------------------------------------------------------------

def _stored_upload(name: str, content: bytes) -> Path:
    """The uploaded file kept under the workspace (not among the training datasets)."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    folder = runs.workspace_dir() / "predictions" / "inputs" / digest
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_filename(name)
    if not path.exists():
        path.write_bytes(content)
    return path


@st.cache_data(max_entries=2, show_spinner=False)
def _read_batch(path: str, size: int) -> pd.DataFrame:
    return batch_predict.read_batch_file(path)


def _joined_column(run: runs.RunInfo, frame: pd.DataFrame, column: str,
                   quiet: bool = False) -> str | None:
    """The column a model trained on two joined columns gets joined to `column`, if the file
    has it (and, unless `quiet`, one sentence saying what is read)."""
    join = (run.config.get("data") or {}).get("text_join_column")
    if not join or join == column:
        return None
    if join in frame.columns:
        if not quiet:
            st.caption(t("test.batch.joined", column=_format.md(join)))
        return str(join)
    if not quiet:
        st.warning(t("test.batch.join_missing", column=_format.md(join)),
                   icon=":material/warning:")
    return None


def read_upload(uploaded) -> tuple[Path, pd.DataFrame]:
    """The uploaded file kept in the workspace, and its rows."""
    content = uploaded.getvalue()
    if not content:
        raise UserError(t("test.batch.empty", name=safe_filename(uploaded.name)),
                        t("test.batch.empty_fix"))
    path = _stored_upload(uploaded.name, content)
    with st.spinner(t("test.batch.reading")):
        return path, _read_batch(str(path), len(content))


def pick_column(frame: pd.DataFrame, path: Path, questions: bool = False) -> str:
    """The column with the texts (with `questions`, the questions): guessed, remembered, or
    picked."""
    columns = [str(c) for c in frame.columns]
    guessed = guess_qa_columns(columns).get("question") if questions else None
    default = guessed if guessed in columns else batch_predict.guess_text_column(frame)
    remembered = st.session_state.get("test_batch_column")
    if remembered is not None and remembered not in columns:
        # A choice kept from another file: say so, then offer this file's columns.
        st.session_state.pop("test_batch_column")
        try:
            batch_predict.check_text_column(frame, remembered, path.name)
        except UserError as exc:
            _errors.show_error(exc)
    what = "question_column" if questions else "column"
    column = _session.widget(st.selectbox, t(f"test.batch.{what}"), "test_batch_column",
                             default, options=columns, help=t(f"test.batch.{what}_help"))
    return batch_predict.check_text_column(frame, column, path.name)


def pick_context(frame: pd.DataFrame, path: Path, question: str) -> str:
    """The column with each question's context, for a run that answers from a context."""
    columns = [str(c) for c in frame.columns]
    guessed = guess_qa_columns(columns).get("context")
    default = guessed if guessed in columns and guessed != question else \
        next((c for c in columns if c != question), columns[0])
    column = _session.widget(st.selectbox, t("test.batch.context_column"),
                             "test_batch_context_column", default, options=columns,
                             help=t("test.batch.context_column_help"))
    return batch_predict.check_text_column(frame, column, path.name)


def predict(run: runs.RunInfo, frame: pd.DataFrame, column: str, path: Path, job: str,
            join: str | None, context: str | None = None) -> None:
    bar = st.progress(0.0, text=t("test.batch.starting"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=t("test.batch.progress", done=done, total=total))

    output = runs.workspace_dir() / "predictions" / run.run_id / \
        f"{Path(path.name).stem}-{hashlib.sha1(job.encode()).hexdigest()[:8]}.csv"
    # a run answering from a context reads each row's question and context
    more = {"pair_column": context} if context else {"join_column": join}
    result = batch_predict.predict_file(predictor_for(run), frame, column, output,
                                        progress=progress, **more)
    st.session_state[BATCH_RESULT] = {"job": job, "path": str(result.path),
                                      "rows": result.rows, "seconds": result.seconds,
                                      "preview": result.preview, "name": path.stem}


def show_result(job: str) -> None:
    saved = st.session_state.get(BATCH_RESULT)
    if not saved or saved["job"] != job or not Path(saved["path"]).is_file():
        return
    st.success(t("test.batch.done", count=saved["rows"], duration=duration(saved["seconds"])))
    st.dataframe(saved["preview"], hide_index=True, key="test_batch_preview")
    if saved["rows"] > len(saved["preview"]):
        st.caption(t("test.batch.preview", shown=len(saved["preview"]), count=saved["rows"]))
    result_path = Path(saved["path"])
    st.download_button(t("test.batch.download"), data=result_path.read_bytes,
                       file_name=f"{saved['name']}-predictions.csv", mime="text/csv",
                       key="test_batch_download", on_click="ignore",
                       icon=":material/download:", help=t("test.batch.download_help"))


def batch_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    uploaded = st.file_uploader(
        t("test.batch.file"), type=[s.lstrip(".") for s in batch_predict.BATCH_SUFFIXES],
        key="test_batch_file", help=t("test.batch.file_help"))
    if uploaded is None:
        st.caption(t("test.batch.waiting"))
        return
    path, frame = read_upload(uploaded)
    if answers_from_context(task_of(run, evaluation)):
        questions_section(run, frame, path)
        return
    column = pick_column(frame, path)
    job = f"{run.run_id}|{path}|{column}|{_joined_column(run, frame, column, quiet=True)}"
    if (run.config.get("data") or {}).get("text_pair_column"):
        st.warning(t("test.batch.pairs"), icon=":material/warning:")
    join = _joined_column(run, frame, column)
    st.caption(t("test.batch.rows", name=_format.md(path.name), count=len(frame)))
    if st.button(t("test.batch.run", count=len(frame)),
                 type="primary", key="test_batch_run", icon=":material/play_arrow:",
                 help=t("test.batch.run_help")):
        predict(run, frame, column, path, job, join)
    show_result(job)


def questions_section(run: runs.RunInfo, frame: pd.DataFrame, path: Path) -> None:
    """A file of questions with their contexts: each row gets the answer found in its
    context, where it starts and its score."""
    question = pick_column(frame, path, questions=True)
    context = pick_context(frame, path, question)
    job = f"{run.run_id}|{path}|{question}|{context}"
    st.caption(t("test.batch.rows_questions", name=_format.md(path.name), count=len(frame)))
    if st.button(t("test.batch.run_questions", count=len(frame)), type="primary",
                 key="test_batch_run", icon=":material/play_arrow:",
                 help=t("test.batch.run_questions_help")):
        predict(run, frame, question, path, job, None, context=context)
    show_result(job)
