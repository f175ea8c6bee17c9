"""The Deploy page's formats: the size / speed / score table of the formats measured so far,
the Measure and export button, and a download of each format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core import text
from core.serve.export import exports_dir, prepared_export
from core.serve.formats import FORMATS, TORCH, export_format, measurements
from core.text import t
from core.workspace import runs
from pages import _format


def format_label(fmt: str) -> str:
    """'ONNX int8 (smallest, fastest)' for 'onnx-int8'."""
    return t(f"deploy.format.{fmt.replace('-', '_')}")


def export_path(run: runs.RunInfo, fmt: str) -> Path:
    """Where the page keeps the run's zip in `fmt` (the workspace's exports folder)."""
    return exports_dir() / f"{runs.check_run_id(run.run_id)}-{fmt}.zip"


def _number(value: Any, decimals: int) -> str:
    return text.number(value, decimals) if isinstance(value, int | float) else "-"


def _change(value: Any) -> str:
    return text.points(value) if isinstance(value, int | float) else "-"


def formats_table(measured: dict[str, dict]) -> pd.DataFrame:
    """One row per measured format, in the order of FORMATS."""
    rows = []
    for fmt in (f for f in FORMATS if isinstance(measured.get(f), dict)):
        row = measured[fmt]
        score = row.get("score")
        name = _format.metric_name(str(row.get("score_name") or ""))
        rows.append({
            t("deploy.formats.col.format"): format_label(fmt),
            t("deploy.formats.col.size"): _number(row.get("size_mb"), 1),
            t("deploy.formats.col.speed"): _number(row.get("sentences_per_s"), 1),
            t("deploy.formats.col.p50"): _number(row.get("p50_ms"), 1),
            t("deploy.formats.col.score"): (f"{_format.metric_value(score)} ({name})"
                                            if isinstance(score, int | float) else "-"),
            t("deploy.formats.col.change"): _change(row.get("score_change_points")),
            t("deploy.formats.col.note"): t("deploy.formats.flagged") if row.get("flagged")
            else "",
        })
    return pd.DataFrame(rows)


def formats_section(run: runs.RunInfo, fmt: str) -> None:
    st.subheader(t("deploy.formats.title"))
    table = formats_table(measurements(run.path))
    if table.empty:
        st.caption(t("deploy.formats.none"))
    else:
        st.dataframe(table, hide_index=True, width="stretch")
    if st.button(t("deploy.formats.measure"), key="deploy_measure",
                 help=t("deploy.formats.measure_help"), icon=":material/speed:"):
        with st.spinner(t("deploy.formats.measuring", format=format_label(fmt))):
            export_format(run.path, fmt, export_path(run, fmt))
        st.session_state["deploy_measured"] = fmt
        st.rerun()
    measured = st.session_state.pop("deploy_measured", None)
    if measured in FORMATS:
        st.success(t("deploy.formats.measured", format=format_label(measured)))
    downloads(run)


def downloads(run: runs.RunInfo) -> None:
    """A download button per format: the PyTorch zip is made on click; an ONNX zip once it was
    exported with Measure and export."""
    st.markdown(f"**{t('deploy.downloads.title')}**")
    columns = st.columns(len(FORMATS))
    for column, fmt in zip(columns, FORMATS, strict=True):
        with column:
            path = export_path(run, fmt)
            if fmt == TORCH:
                data = (lambda p=path: p.read_bytes()) if path.is_file() \
                    else (lambda: prepared_export(run.path).read_bytes())
            elif path.is_file():
                data = lambda p=path: p.read_bytes()  # noqa: E731 - read on click only
            else:
                st.caption(t("deploy.downloads.not_yet", format=format_label(fmt)))
                continue
            st.download_button(t("deploy.downloads.button", format=format_label(fmt)),
                               data=data, file_name=path.name, mime="application/zip",
                               key=f"deploy_download_{fmt}", on_click="ignore",
                               icon=":material/download:", help=t("deploy.downloads.help"))
