"""The Test page's Batch prediction tab: the model labels every row of an uploaded file, shown
as a preview and downloaded as a CSV."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from core.errors import UserError
from core.predict import batch_predict
from core.workspace import runs
from core.workspace.uploads import safe_filename
from pages import _errors, _format, _session
from pages._test_common import predictor_for

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


@st.cache_data(max_entries=2, show_spinner="Reading the file...")
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
            st.caption(f"As in training, each text is joined with its '{_format.md(join)}' "
                       "column.")
        return str(join)
    if not quiet:
        st.warning(f"This model was trained on texts joined with a '{_format.md(join)}' column, "
                   "which this file does not have, so its answers may be off.",
                   icon=":material/warning:")
    return None


def batch_section(run: runs.RunInfo) -> None:
    uploaded = st.file_uploader(
        "File with texts to label", type=[s.lstrip(".") for s in batch_predict.BATCH_SUFFIXES],
        key="test_batch_file",
        help="CSV, Excel, JSONL, or TXT with one text per line. Up to 100,000 rows work fine; "
             "the page shows a preview and the download has every row.")
    if uploaded is None:
        st.caption("The predictions appear here, and as a CSV to download.")
        return
    content = uploaded.getvalue()
    if not content:
        raise UserError(f"{safe_filename(uploaded.name)} is empty, so there is nothing to "
                        "predict.", "Choose a file with one text per row.")
    path = _stored_upload(uploaded.name, content)
    frame = _read_batch(str(path), len(content))
    columns = [str(c) for c in frame.columns]
    default = batch_predict.guess_text_column(frame)
    remembered = st.session_state.get("test_batch_column")
    if remembered is not None and remembered not in columns:
        # A choice kept from another file: say so, then offer this file's columns.
        st.session_state.pop("test_batch_column")
        try:
            batch_predict.check_text_column(frame, remembered, path.name)
        except UserError as exc:
            _errors.show_error(exc)
    column = _session.widget(st.selectbox, "Column with the texts", "test_batch_column",
                             default, options=columns,
                             help="The column the model reads; the other columns are copied "
                                  "to the output unchanged.")
    column = batch_predict.check_text_column(frame, column, path.name)
    job = f"{run.run_id}|{path}|{column}|{_joined_column(run, frame, column, quiet=True)}"
    if (run.config.get("data") or {}).get("text_pair_column"):
        st.warning("This model reads pairs of texts; batch prediction gives it only the "
                   "column above, so its answers may be off.", icon=":material/warning:")
    join = _joined_column(run, frame, column)
    st.caption(f"{_format.md(path.name)}: {len(frame):,} rows.")
    if st.button(f"Predict {len(frame):,} rows", type="primary", key="test_batch_run",
                 icon=":material/play_arrow:",
                 help="Runs the model on every row; you can keep this tab open to watch."):
        bar = st.progress(0.0, text="Starting...")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=f"{done:,} of {total:,} rows")

        output = runs.workspace_dir() / "predictions" / run.run_id / \
            f"{Path(path.name).stem}-{hashlib.sha1(job.encode()).hexdigest()[:8]}.csv"
        result = batch_predict.predict_file(predictor_for(run), frame, column, output,
                                            progress=progress, join_column=join)
        st.session_state[BATCH_RESULT] = {"job": job, "path": str(result.path),
                                          "rows": result.rows, "seconds": result.seconds,
                                          "preview": result.preview, "name": path.stem}
    saved = st.session_state.get(BATCH_RESULT)
    if not saved or saved["job"] != job or not Path(saved["path"]).is_file():
        return
    st.success(f"Predicted {saved['rows']:,} rows in {_format.duration(saved['seconds'])}.")
    st.dataframe(saved["preview"], hide_index=True, key="test_batch_preview")
    if saved["rows"] > len(saved["preview"]):
        st.caption(f"The first {len(saved['preview'])} rows are shown; the CSV has all "
                   f"{saved['rows']:,}.")
    result_path = Path(saved["path"])
    st.download_button("Download the predictions (CSV)", data=result_path.read_bytes,
                       file_name=f"{saved['name']}-predictions.csv", mime="text/csv",
                       key="test_batch_download", on_click="ignore",
                       icon=":material/download:",
                       help="Every row of your file with the model's answer and how sure it "
                            "is; cells that look like formulas are made safe for spreadsheets.")
