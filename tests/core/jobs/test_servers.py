"""core/jobs/servers.py: starting, listing, stopping, reconciling and restarting background API
servers, their ids and their tokens.

The process handling is checked here with a stand-in for `python -m core serve` (a few lines
of http.server that take the same flags, read the token from the environment and write the
ready file), so each case takes a fraction of a second; tests/core/jobs/test_servers_real.py
starts the real server.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from core.errors import UserError
from core.jobs import servers
from core.workspace import runs
from core.workspace.processes import process_alive

STAND_IN = textwrap.dedent("""
    import argparse, http.server, json, os, signal, sys
    parser = argparse.ArgumentParser()
    parser.add_argument("command"); parser.add_argument("source")
    parser.add_argument("--host"); parser.add_argument("--port", type=int)
    parser.add_argument("--format"); parser.add_argument("--ready-file")
    args = parser.parse_args()
    mode = open(os.path.join(args.source, "stand-in-mode")).read().strip() \\
        if os.path.exists(os.path.join(args.source, "stand-in-mode")) else "serve"
    if mode == "fail":
        print("The run has no model.", flush=True); sys.exit(2)
    if mode == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    token = os.environ.get("FINETUNE_SERVE_TOKEN")
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if token and self.headers.get("Authorization") != "Bearer " + token:
                self.send_response(401); self.end_headers()
                self.wfile.write(b'{"error": "token"}'); return
            answer = {"echo": json.loads(body), "format": args.format}
            self.send_response(200); self.send_header("Content-Type", "application/json")
            self.end_headers(); self.wfile.write(json.dumps(answer).encode())
        def log_message(self, *a): pass
    server = http.server.HTTPServer((args.host, args.port), Handler)
    if mode != "slow":
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w") as out:
            json.dump({"url": "", "pid": os.getpid(), "format": args.format}, out)
        os.replace(tmp, args.ready_file)
    server.serve_forever()
""")


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, encoding="utf-8")
    monkeypatch.setattr(servers, "command", lambda args: [sys.executable, str(script), *args])
    yield script
    for info in servers.list_servers():  # leave no process behind
        if info.is_live:
            servers.stop_server(info.id, grace_s=1)


def fake_run(run_id: str = "run-a", mode: str | None = None) -> Path:
    folder = runs.run_path(run_id)
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "config.json").write_text("{}", encoding="utf-8")
    if mode:
        (folder / "stand-in-mode").write_text(mode, encoding="utf-8")
    return folder


def record_of(server_id: str) -> dict:
    return json.loads((servers.servers_dir() / f"{server_id}.json").read_text("utf-8"))


def kill(pid: int) -> None:
    """SIGKILL, as a machine restart would end it, and wait until it is gone."""
    os.killpg(pid, signal.SIGKILL)
    deadline = time.time() + 10
    while process_alive(pid) and time.time() < deadline:
        servers._reap()
        time.sleep(0.05)


def post(info: servers.ServerInfo, token: str | None = None) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(info.url + "/", data=b'{"inputs": "hi"}', method="POST",
                                     headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_server_starts_on_a_free_loopback_port_and_is_listed(stand_in, workspace):
    info = servers.start_server(fake_run(), "torch")
    assert info.state == "running" and info.host == "127.0.0.1" and info.port > 0
    assert info.url == f"http://127.0.0.1:{info.port}"
    assert process_alive(info.pid) and info.run_id == "run-a" and info.format == "torch"
    assert post(info) == 200
    assert servers.SERVER_ID.match(info.id)
    assert (workspace / "servers" / f"{info.id}.json").is_file()
    assert not list((workspace / "runs").rglob("srv-*"))  # nothing in the run folder
    [listed] = servers.list_servers()
    assert (listed.id, listed.state, listed.url) == (info.id, "running", info.url)
    # the request tester goes through the recorded server
    status, answer = servers.send_request(info.id, '{"inputs": "I loved it"}')
    assert status == 200 and answer == {"echo": {"inputs": "I loved it"}, "format": "torch"}


def test_stop_ends_the_process_and_it_is_not_restarted(stand_in):
    info = servers.start_server(fake_run(), "onnx")
    servers.stop_server(info.id)
    assert not process_alive(info.pid)
    [listed] = servers.list_servers()
    assert listed.state == "stopped" and listed.error is None
    assert servers.restart_servers() == []
    with pytest.raises(UserError, match="is not running"):
        servers.send_request(info.id, "{}")
    servers.forget_server(info.id)
    assert servers.list_servers() == []


def test_a_server_that_ignores_sigterm_is_killed_after_the_grace(stand_in):
    info = servers.start_server(fake_run(mode="stubborn"), "torch")
    begun = time.monotonic()
    servers.stop_server(info.id, grace_s=1.0)
    assert not process_alive(info.pid)
    assert 0.9 < time.monotonic() - begun < 8


def test_the_token_reaches_the_child_only_through_its_environment(stand_in, workspace):
    token = "s3cret-token-xyz"
    info = servers.start_server(fake_run(), "torch", token=token)
    assert info.has_token
    assert post(info) == 401 and post(info, token) == 200
    proc = psutil.Process(info.pid)
    assert token not in " ".join(proc.cmdline())
    assert proc.environ().get(servers.TOKEN_ENV) == token
    token_file = workspace / "servers" / f"{info.id}.token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert token_file.read_text("utf-8") == token
    for path in [*workspace.rglob("*")]:
        if path.is_file() and path != token_file:
            assert token not in path.read_text("utf-8", errors="replace"), path
    assert servers.send_request(info.id, '{"inputs": "x"}')[0] == 200  # sent with the token
    servers.stop_server(info.id)
    assert not token_file.exists()


def test_no_token_reaches_a_server_started_without_one(stand_in, monkeypatch):
    monkeypatch.setenv(servers.TOKEN_ENV, "inherited-from-the-app")
    info = servers.start_server(fake_run(), "torch")
    assert servers.TOKEN_ENV not in psutil.Process(info.pid).environ()
    assert post(info) == 200


def test_another_address_needs_a_token(stand_in):
    run = fake_run()
    with pytest.raises(UserError, match="needs a token"):
        servers.start_server(run, "torch", host="0.0.0.0")
    assert servers.list_servers() == []
    info = servers.start_server(run, "torch", host="0.0.0.0", token="t0ken")
    assert info.state == "running" and servers.local_url(info).startswith("http://127.0.0.1:")


@pytest.mark.parametrize("host", ["exa mple", "-rf", "127.0.0.1; rm", ""])
def test_an_address_that_is_not_one_is_refused(stand_in, host):
    with pytest.raises(UserError, match="not an address"):
        servers.start_server(fake_run(), "torch", host=host)


def test_a_busy_port_unknown_format_and_missing_model_are_sentences(stand_in):
    run = fake_run()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(UserError, match=f"Port {sock.getsockname()[1]} on 127.0.0.1"):
            servers.start_server(run, "torch", port=sock.getsockname()[1])
    with pytest.raises(UserError):
        servers.start_server(run, "tensorflow")
    empty = runs.run_path("run-empty")
    empty.mkdir(parents=True)
    with pytest.raises(UserError, match="no saved model"):
        servers.start_server(empty, "torch")


def test_a_server_that_fails_to_start_says_why(stand_in):
    with pytest.raises(UserError, match="did not start: .*The run has no model"):
        servers.start_server(fake_run(mode="fail"), "torch")
    [listed] = servers.list_servers()
    assert listed.state == "failed" and "The run has no model." in str(listed.error)
    assert servers.restart_servers() == []  # it never served: nothing to bring back


def test_a_slow_server_is_returned_starting_and_promoted_once_ready(stand_in):
    info = servers.start_server(fake_run(mode="slow"), "torch", wait_s=0.5)
    assert info.state == "starting"
    ready = servers.servers_dir() / f"{info.id}.ready"
    ready.write_text("{}", encoding="utf-8")
    assert servers.list_servers()[0].state == "running"


def test_a_dead_server_is_marked_and_restarted_with_the_app(stand_in):
    token = "restart-token"
    info = servers.start_server(fake_run(), "onnx-int8", token=token)
    kill(info.pid)
    [listed] = servers.list_servers()
    assert listed.state == "stopped" and "ended by itself" in str(listed.error)
    [again] = servers.restart_servers()
    assert again.id == info.id and again.port == info.port and again.state == "starting"
    ready = servers.wait_ready(info.id, 30)
    assert ready.state == "running" and ready.pid != info.pid
    assert psutil.Process(ready.pid).environ().get(servers.TOKEN_ENV) == token
    assert post(ready, token) == 200
    assert servers.restart_servers() == []  # already serving: left alone


def test_a_reused_pid_does_not_count_as_the_server(stand_in):
    info = servers.start_server(fake_run(), "torch")
    record = record_of(info.id)
    record["pid"], record["pid_started"] = os.getpid(), 1.0  # this process, another start time
    runs.write_json_atomic(servers.servers_dir() / f"{info.id}.json", record)
    assert servers.list_servers()[0].state == "stopped"
    kill(info.pid)


def test_a_restart_of_a_deleted_run_is_marked_failed(stand_in):
    import shutil

    run = fake_run()
    info = servers.start_server(run, "torch")
    kill(info.pid)
    shutil.rmtree(run)
    assert servers.restart_servers() == []
    [listed] = servers.list_servers()
    assert listed.state == "failed" and "is gone" in str(listed.error)


@pytest.mark.parametrize("bad", ["../runs/x", "srv-../../etc", "", "srv-2026", None, 3,
                                 "srv-20261201-120000-abcd/../../x"])
def test_ids_are_checked_before_they_name_a_file(bad):
    with pytest.raises(UserError, match="is not the name of a server"):
        servers.stop_server(bad)
    with pytest.raises(UserError, match="is not the name of a server"):
        servers.send_request(bad, "{}")


def test_records_with_a_foreign_name_or_id_are_ignored(workspace):
    folder = servers.servers_dir()
    runs.write_json_atomic(folder / "srv-20261201-120000-abcd.json",
                           {"id": "srv-20261201-120000-ffff", "state": "running", "pid": 1})
    runs.write_json_atomic(folder / "other.json", {"id": "other", "state": "running"})
    (folder / "srv-20261201-120000-0000.json").write_text("not json", encoding="utf-8")
    assert servers.list_servers() == []
    assert servers.restart_servers() == []


def test_the_request_tester_refuses_a_body_that_is_not_json(stand_in):
    info = servers.start_server(fake_run(), "torch")
    with pytest.raises(UserError, match="not JSON"):
        servers.send_request(info.id, "{inputs: 'x'")
