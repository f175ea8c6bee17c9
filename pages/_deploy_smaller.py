"""The Deploy page's smaller model: the first k of the run's encoder layers trained to imitate
it, started as a new run (core.train.distill makes its configuration, the run queue trains it)."""

from __future__ import annotations

import streamlit as st

from core.jobs import queue
from core.text import t
from core.train import distill
from core.workspace import runs
from pages import _format

SMALLER_LAYERS = "deploy_smaller_layers"


def smaller_section(run: runs.RunInfo) -> None:
    st.subheader(t("deploy.smaller.title"))
    st.caption(t("deploy.smaller.what"))
    choices = distill.student_layers_choices(run.path)
    if not choices:
        st.caption(t("deploy.smaller.none"))
        return
    total = distill.teacher_layers(distill.teacher_folder(run.path))
    default = distill.default_layers(run.path)
    layers = st.selectbox(t("deploy.smaller.layers"), choices, key=SMALLER_LAYERS,
                          index=choices.index(default) if default in choices else 0,
                          format_func=lambda k: distill.smaller_model_name(k, total),
                          help=t("deploy.smaller.layers_help"))
    if st.button(t("deploy.smaller.start"), key="deploy_smaller_start",
                 icon=":material/compress:", help=t("deploy.smaller.start_help")):
        info = queue.start_run(distill.distilled_config(run.path, int(layers)))
        st.success(t("deploy.smaller.started", name=_format.md(info.name or info.run_id)),
                   icon=":material/check_circle:")
