"""The Model page's processes panel (pages/_model_distributed.py): the GPU checkbox only with
several GPUs, and the commands that train the configuration across machines."""

import shlex

from streamlit.testing.v1 import AppTest

from core.jobs import distributed


def _script():
    import streamlit as st

    from core.config import RunConfig
    from pages import _model_distributed

    config = RunConfig(model="default", preset="quick")
    config.data.train = "/data/my reviews.csv"
    _model_distributed.render(config)
    st.session_state["processes"] = config.distributed.processes


def _commands(at):
    return [shlex.split(block.value) for block in at.code]


def test_without_gpus_there_is_no_checkbox_and_the_machines_commands_are_shown(monkeypatch):
    monkeypatch.setattr(distributed, "visible_gpus", lambda: 0)
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not at.exception
    assert not at.checkbox
    assert [e.label for e in at.expander] == ["Train across several machines"]
    assert at.session_state["processes"] == 1
    commands = _commands(at)
    assert [c[c.index("--node-rank") + 1] for c in commands] == ["0", "1"]
    assert commands[0][:6] == ["python", "-m", "core", "train", "--config", "run-config.json"]
    assert commands[0][commands[0].index("--data") + 1] == "/data/my reviews.csv"

    at.text_input(key="model_machine_address").input("10.0.0.5")
    at.number_input(key="model_machines").set_value(4)
    at.number_input(key="model_machine_processes").set_value(8)
    at.run()
    commands = _commands(at)
    assert len(commands) == 3  # the rest differ by their number only
    flags = dict(zip(commands[2][6::2], commands[2][7::2]))
    assert (flags["--nproc-per-node"], flags["--nnodes"], flags["--node-rank"],
            flags["--master-addr"], flags["--master-port"]) == ("8", "4", "2", "10.0.0.5",
                                                               "29500")
    assert any("--node-rank set to that machine's number" in c.value for c in at.caption)


def test_several_gpus_offer_to_use_them_all(monkeypatch):
    monkeypatch.setattr(distributed, "visible_gpus", lambda: 4)
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert [c.label for c in at.checkbox] == ["Use all 4 GPUs"]
    assert at.session_state["processes"] == 1
    at.checkbox(key="model_use_all_gpus").check().run()
    assert at.session_state["processes"] == 4
    flags = _commands(at)[0]
    assert flags[flags.index("--nproc-per-node") + 1] == "4"  # one process per GPU here
