"""core/jobs/servers.py with the real `python -m core serve` on a tiny finished run: started in
the background, called through the request tester and huggingface_hub's InferenceClient with
its token, restarted after its process was killed (as a machine restart would), stopped.
One test, so the model is loaded only twice."""

from __future__ import annotations

import os
import signal
import time

import psutil
import pytest
from support.tiny_runs import install_run

from core.jobs import servers
from core.workspace.processes import process_alive

pytestmark = pytest.mark.slow

TOKEN = "real-serve-token-7f3a"


def _killed(pid: int) -> None:
    os.killpg(pid, signal.SIGKILL)
    deadline = time.time() + 20
    while process_alive(pid) and time.time() < deadline:
        servers._reap()
        time.sleep(0.1)


def test_a_real_server_answers_is_restarted_and_stops(tiny_model_dir, tmp_path_factory,
                                                       workspace, monkeypatch):
    # the suite runs offline; a loopback server is no hub to be kept from
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    run = install_run("classification", tiny_model_dir, tmp_path_factory)
    info = servers.start_server(run, "torch", token=TOKEN)
    pids = [info.pid]
    try:
        assert info.state == "running", servers._log_tail(info.id, 20)
        status, answer = servers.send_request(info.id, '{"inputs": "a lovely film"}')
        assert status == 200, answer
        assert {row["label"] for row in answer[0]} <= {"positive", "negative"}, answer
        status, answer = servers.send_request(info.id, '{"input": "a lovely film"}')
        assert 400 <= status < 500 and "inputs" in str(answer), answer
        from huggingface_hub import InferenceClient  # lazy: only this test calls the server so

        client = InferenceClient(base_url=info.url, api_key=TOKEN)
        answer = client.text_classification("a lovely film")
        assert {row.label for row in answer} <= {"positive", "negative"} and answer
        assert all(0.0 <= row.score <= 1.0 for row in answer)
        assert TOKEN not in " ".join(psutil.Process(info.pid).cmdline())
        assert TOKEN not in (workspace / "servers" / f"{info.id}.log").read_text("utf-8")
        assert not [p for p in run.rglob("*") if p.is_file() and TOKEN.encode() in
                    p.read_bytes()]

        _killed(info.pid)
        assert servers.list_servers()[0].state == "stopped"
        [again] = servers.restart_servers()
        again = servers.wait_ready(again.id)
        assert again.state == "running" and again.url == info.url
        pids.append(again.pid)
        assert servers.send_request(again.id, '{"inputs": "dull"}')[0] == 200
    finally:
        servers.stop_server(info.id, grace_s=15)
    assert not any(process_alive(pid) for pid in pids)
    assert servers.list_servers()[0].state == "stopped"
