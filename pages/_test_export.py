"""The Test page's Export tab: the model as a zip, with its model card."""

from __future__ import annotations

import streamlit as st

from core.errors import UserError
from core.serve.export import model_card, prepared_export
from core.workspace import runs

# ----- export -------------------------------------------------------------------------------

def export_section(run: runs.RunInfo) -> None:
    if not (run.path / "model" / "config.json").is_file():
        raise UserError(f"Run {run.name or run.run_id} has no saved model to export.",
                        "Export a finished or stopped run.")
    st.markdown("The zip holds the model (safetensors), its tokenizer, a config with the label "
                "names, the scores, the run's settings and this model card. It loads with "
                "`transformers.pipeline`, as the card's Usage section shows.")
    st.download_button("Download the model (.zip)",
                       data=lambda: prepared_export(run.path).read_bytes(),
                       file_name=f"{run.run_id}.zip", mime="application/zip",
                       key="test_export_download", on_click="ignore", type="primary",
                       icon=":material/download:",
                       help="The zip is made when you click (a few seconds for a large model).")
    with st.container(border=True):
        st.markdown(model_card(run.path))
