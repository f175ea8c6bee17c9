"""The Test page's Export tab: the model as a zip, with its model card."""

from __future__ import annotations

import streamlit as st

from core.errors import UserError
from core.serve.export import model_card, prepared_export
from core.text import t
from core.workspace import runs
from core.workspace.folder import RunFolder

# ----- export -------------------------------------------------------------------------------

def export_section(run: runs.RunInfo) -> None:
    if not RunFolder(run.path).has_model():
        raise UserError(t("test.export.no_model", run=run.name or run.run_id),
                        t("test.export.no_model_fix"))
    st.markdown(t("test.export.what"))
    st.download_button(t("test.export.download"),
                       data=lambda: prepared_export(run.path).read_bytes(),
                       file_name=f"{run.run_id}.zip", mime="application/zip",
                       key="test_export_download", on_click="ignore", type="primary",
                       icon=":material/download:", help=t("test.export.download_help"))
    with st.container(border=True):
        st.markdown(model_card(run.path))
