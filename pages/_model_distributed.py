"""The Model page's processes panel: "Use all N GPUs" where several are visible, and the
commands that train this configuration across several machines (core.jobs.distributed writes
them; torchrun runs them)."""

from __future__ import annotations

import json

import streamlit as st

from core.config import RunConfig
from core.jobs import distributed
from core.text import t

USE_ALL_GPUS = "model_use_all_gpus"
MACHINES = "model_machines"
PER_MACHINE = "model_machine_processes"
ADDRESS = "model_machine_address"
PORT = "model_machine_port"
COMMANDS_SHOWN = 3  # machines whose command is written out; the rest differ by their number


def render(config: RunConfig) -> None:
    """Set `config.distributed.processes` from the GPU checkbox (shown only with several GPUs)
    and show the several-machines expander."""
    gpus = distributed.visible_gpus()
    if gpus > 1:
        use_all = st.checkbox(t("distributed.page.use_all_gpus.label", count=gpus),
                              key=USE_ALL_GPUS, help=t("distributed.page.use_all_gpus.help"))
        config.distributed.processes = gpus if use_all else 1
    with st.expander(t("distributed.page.machines.title"), icon=":material/lan:"):
        _machines(config, gpus)


def _machines(config: RunConfig, gpus: int) -> None:
    st.caption(t("distributed.page.machines.intro"))
    left, right = st.columns(2)
    nodes = left.number_input(t("distributed.field.nodes.label"), min_value=2, max_value=64,
                              value=2, step=1, key=MACHINES,
                              help=t("distributed.field.nodes.help"))
    processes = right.number_input(t("distributed.field.processes.label"), min_value=1,
                                   max_value=64, value=max(1, gpus), step=1, key=PER_MACHINE,
                                   help=t("distributed.field.processes.help"))
    address = left.text_input(t("distributed.field.master_addr.label"), key=ADDRESS,
                              placeholder="10.0.0.1", help=t("distributed.field.master_addr.help"))
    port = right.number_input(t("distributed.field.master_port.label"), min_value=1,
                              max_value=65535, value=29500, step=1, key=PORT,
                              help=t("distributed.field.master_port.help"))
    across = distributed.across_machines(config, int(nodes), int(processes), address, int(port))
    st.download_button(t("distributed.page.machines.download"),
                       data=json.dumps(across.to_dict(), indent=2),
                       file_name=distributed.CONFIG_FILE, mime="application/json",
                       icon=":material/download:", key="model_machine_config")
    for rank in range(min(int(nodes), COMMANDS_SHOWN)):
        st.caption(t("distributed.page.machines.command", rank=rank))
        st.code(distributed.machine_command(across, rank), language="bash")
    if int(nodes) > COMMANDS_SHOWN:
        st.caption(t("distributed.page.machines.more"))
    st.caption(t("distributed.field.node_rank.help"))
