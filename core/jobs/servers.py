"""API servers in the background: `python -m core serve RUN_DIR` started like a training run.

A server runs in its own session, so a closed tab or a restarted app leaves it serving. Each one
is recorded under the workspace as servers/<id>.json (never in a run folder) with its pid and
the pid's start time, so a pid the system has since given to another process never counts as
the server. `list_servers` marks servers whose process has ended; `restart_servers`, called
once when the app starts, starts again those that should be running (the machine restarted).

A token never goes on a command line, into a log or a run folder: the child reads it from the
environment variable FINETUNE_SERVE_TOKEN, and it is kept only in servers/<id>.token (mode
0600) so a restart can hand it over again. Binding anything but a loopback address needs one.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil

from core.errors import UserError
from core.jobs import launch
from core.serve.formats import check_format
from core.serve.hosts import is_loopback
from core.text import Text
from core.workspace import runs
from core.workspace.folder import RunFolder
from core.workspace.processes import process_alive, started_at

TOKEN_ENV = "FINETUNE_SERVE_TOKEN"
SERVER_ID = re.compile(r"^srv-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")
HOST_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$")
READY_TIMEOUT_S = 90.0   # loading a model on a busy 2-core machine takes a while
STOP_GRACE_S = 10.0      # SIGTERM first; SIGKILL when the server has not ended by then
LIVE_STATES = ("starting", "running")
WILDCARD_HOSTS = ("0.0.0.0", "::")
_children: list[subprocess.Popen] = []  # reaped by `_reap` so ended servers leave no zombies


@dataclass
class ServerInfo:
    id: str
    run_id: str
    format: str
    host: str
    port: int
    url: str
    pid: int | None
    state: str                 # "starting", "running", "stopped" or "failed"
    started: float | None
    error: Text | None = None  # why it stopped or failed, when it did so by itself
    has_token: bool = False
    run_dir: str = ""

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


# ----- where records live ----------------------------------------------------------------------

def servers_dir() -> Path:
    folder = runs.workspace_dir() / "servers"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def check_server_id(server_id: str) -> str:
    """`server_id` when it is one this module made, else a UserError: ids name files."""
    if not isinstance(server_id, str) or not SERVER_ID.match(server_id):
        raise UserError(Text("deploy.server.bad_id", {"id": repr(server_id)[:80]}),
                        Text("deploy.server.bad_id_fix", {}))
    return server_id


def _path(server_id: str, suffix: str) -> Path:
    return servers_dir() / f"{check_server_id(server_id)}{suffix}"


def _new_id() -> str:
    return f"srv-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{os.urandom(2).hex()}"


@contextmanager
def _lock() -> Iterator[None]:
    """Serialise changes to the records between browser sessions (flock on the folder)."""
    fd = os.open(servers_dir(), os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read(server_id: str) -> dict[str, Any] | None:
    record = runs.read_json(_path(server_id, ".json"))
    return record if isinstance(record, dict) else None


def _write(record: dict[str, Any]) -> None:
    runs.write_json_atomic(_path(record["id"], ".json"), record)


def _info(record: dict[str, Any]) -> ServerInfo:
    error = runs.saved_text(record.get("error"))
    return ServerInfo(
        id=record["id"], run_id=str(record.get("run_id", "")),
        format=str(record.get("format", "")), host=str(record.get("host", "")),
        port=int(record.get("port") or 0), url=str(record.get("url", "")),
        pid=record.get("pid") if isinstance(record.get("pid"), int) else None,
        state=str(record.get("state", "failed")), started=record.get("started"), error=error,
        has_token=bool(record.get("has_token")), run_dir=str(record.get("run_dir", "")))


# ----- the token -------------------------------------------------------------------------------

def _save_token(server_id: str, token: str) -> None:
    """The token in a file only this user can read, written before any byte of it lands."""
    path = _path(server_id, ".token")
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(token)


def _load_token(server_id: str) -> str | None:
    path = _path(server_id, ".token")
    if not path.is_file() or path.is_symlink():
        return None
    return path.read_text(encoding="utf-8") or None


# ----- checks before starting ------------------------------------------------------------------

def _check_request(run_dir: Path, fmt: str, host: str, token: str | None) -> None:
    check_format(fmt)
    if not isinstance(host, str) or not HOST_PATTERN.match(host):
        raise UserError(Text("deploy.server.bad_host", {"host": repr(host)[:80]}),
                        Text("deploy.server.bad_host_fix", {}))
    if not is_loopback(host) and not token:
        raise UserError(Text("deploy.server.needs_token", {"host": host}),
                        Text("deploy.server.needs_token_fix", {}))
    if not RunFolder(run_dir).has_model():
        raise UserError(Text("deploy.server.no_model", {"run": Path(run_dir).name}),
                        Text("deploy.server.no_model_fix", {}))


def _bindable(host: str, port: int) -> int:
    """The port `host` binds now (`port`, or a free one for 0); OSError when it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, port))
        return sock.getsockname()[1]


def _free_port(host: str, port: int | None) -> int:
    """`port` when it can be bound on `host` now, or a free one when none is given (not one a
    server still loading has been given)."""
    taken = {r.get("port") for r in _records() if r.get("state") in LIVE_STATES}
    try:
        if port:
            return _bindable(host, port)
        for _ in range(20):
            chosen = _bindable(host, 0)
            if chosen not in taken:
                return chosen
        return chosen
    except OSError as exc:
        raise UserError(Text("deploy.server.port_busy",
                             {"host": host, "port": str(port or 0),
                              "reason": str(exc.strerror or exc)}),
                        Text("deploy.server.port_busy_fix", {})) from None


def server_url(host: str, port: int) -> str:
    """Where a client reaches the server: a wildcard address by this machine's name."""
    shown = socket.gethostname() if host in WILDCARD_HOSTS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


# ----- starting --------------------------------------------------------------------------------

def command(args: list[str]) -> list[str]:
    """The command line of a server process: `python -m core <args>`."""
    return [sys.executable, "-m", "core", *args]


def _spawn(args: list[str], log: Path, token: str | None) -> subprocess.Popen:
    """`python -m core <args>` as core/jobs/launch.py starts its children (a new session, the
    app's secrets left out), the token added to the child's environment alone."""
    env = launch.child_environment()
    env.pop(TOKEN_ENV, None)
    if token:
        env[TOKEN_ENV] = token
    with open(log, "ab") as out:
        proc = subprocess.Popen(command(args), cwd=launch.PROJECT_ROOT,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)
    _children.append(proc)
    return proc


def _reap() -> None:
    for proc in list(_children):
        if proc.poll() is not None:
            _children.remove(proc)
    launch.reap()


def _launch(record: dict[str, Any], token: str | None) -> None:
    """Start the record's server process; the record says `starting` with its pid."""
    ready = _path(record["id"], ".ready")
    ready.unlink(missing_ok=True)
    args = ["serve", record["run_dir"], "--host", record["host"], "--port", str(record["port"]),
            "--format", record["format"], "--ready-file", str(ready)]
    proc = _spawn(args, _path(record["id"], ".log"), token)
    try:
        pid_started = started_at(proc.pid)
    except psutil.Error:  # it ended at once: judged by its pid, it is found ended
        pid_started = None
    record.update(state="starting", pid=proc.pid, pid_started=pid_started,
                  started=time.time(), error=None, wanted=True)
    _write(record)


def start_server(run_dir: Path, fmt: str, port: int | None = None, host: str = "127.0.0.1",
                 token: str | None = None, wait_s: float = READY_TIMEOUT_S) -> ServerInfo:
    """Start an API server for the run in format `fmt` and wait (at most `wait_s`) until it
    answers; one still loading by then is returned `starting`. A server that ends before it
    is ready is a UserError with the reason it printed."""
    run_dir = Path(run_dir)
    token = token or None
    _check_request(run_dir, fmt, host, token)
    with _lock():
        chosen = _free_port(host, port)
        server_id = _new_id()
        record = {"id": server_id, "run_id": run_dir.name, "run_dir": str(run_dir.resolve()),
                  "format": fmt, "host": host, "port": chosen, "url": server_url(host, chosen),
                  "has_token": bool(token)}
        try:
            if token:
                _save_token(server_id, token)
            _launch(record, token)
        except OSError as exc:
            raise runs.workspace_error(exc, servers_dir()) from None
    return wait_ready(server_id, wait_s)


def wait_ready(server_id: str, wait_s: float = READY_TIMEOUT_S) -> ServerInfo:
    """The server once it is ready, has ended, or `wait_s` has passed."""
    deadline = time.monotonic() + wait_s
    while True:
        info = _reconciled(server_id)
        if info.state != "starting" or time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    if info.state == "failed":
        raise UserError(Text("deploy.server.failed", {"reason": str(info.error or "")}),
                        Text("deploy.server.failed_fix", {}))
    return info


# ----- what the records say now ------------------------------------------------------------------

def _log_tail(server_id: str, lines: int = 3) -> str:
    """The last lines the server printed (its reason for ending, as the CLI says it)."""
    try:
        with open(_path(server_id, ".log"), "rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(0, log.tell() - 4000))
            text = log.read().decode("utf-8", "replace")
    except OSError:
        return ""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(kept[-lines:])[:600]


def _alive(record: dict[str, Any]) -> bool:
    pid = record.get("pid")
    return process_alive(pid if isinstance(pid, int) else None, record.get("pid_started"))


def _settle(record: dict[str, Any]) -> bool:
    """Bring a live record up to date with its process; True when it changed."""
    state = record.get("state")
    if state not in LIVE_STATES:
        return False
    if _alive(record):
        if state == "starting" and _path(record["id"], ".ready").is_file():
            record["state"] = "running"
            return True
        return False
    reason = _log_tail(record["id"])
    if state == "starting":  # it never answered: nothing to bring back after a restart
        record.update(state="failed", wanted=False,
                      error=Text("deploy.server.ended_early", {"reason": reason}).to_dict())
    else:
        record.update(state="stopped",
                      error=Text("deploy.server.ended", {"reason": reason}).to_dict())
    record["pid"] = None
    return True


def _reconciled(server_id: str) -> ServerInfo:
    _reap()
    with _lock():
        record = _read(server_id)
        if record is None:
            raise UserError(Text("deploy.server.unknown", {"id": server_id}),
                            Text("deploy.server.unknown_fix", {}))
        if _settle(record):
            _write_quietly(record)
    return _info(record)


def _write_quietly(record: dict[str, Any]) -> None:
    """Save a reconciled record; on a full or read-only disk it is shown as it is all the same."""
    try:
        _write(record)
    except OSError:
        pass


def _records() -> list[dict[str, Any]]:
    found = []
    for path in sorted(servers_dir().glob("srv-*.json")):
        record = runs.read_json(path) if not path.is_symlink() else None
        if isinstance(record, dict) and SERVER_ID.match(str(record.get("id", ""))) \
                and record["id"] == path.stem:
            found.append(record)
    return found


def list_servers() -> list[ServerInfo]:
    """Every recorded server, newest first; those whose process ended are marked so."""
    _reap()
    with _lock():
        records = _records()
        for record in records:
            if _settle(record):
                _write_quietly(record)
    records.sort(key=lambda r: r.get("started") or 0.0, reverse=True)
    return [_info(record) for record in records]


# ----- stopping and starting again ---------------------------------------------------------------

def _end_process(record: dict[str, Any], grace_s: float) -> None:
    """SIGTERM to the server's process group, SIGKILL after `grace_s` if it still runs."""
    for sig, wait in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        if not _alive(record):
            return
        try:
            os.killpg(record["pid"], sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _alive(record):
            _reap()
            time.sleep(0.1)


def stop_server(server_id: str, grace_s: float = STOP_GRACE_S) -> None:
    """Stop a server and forget its token; it is not started again with the app."""
    check_server_id(server_id)
    with _lock():
        record = _read(server_id)
        if record is None:
            raise UserError(Text("deploy.server.unknown", {"id": server_id}),
                            Text("deploy.server.unknown_fix", {}))
        _end_process(record, grace_s)
        record.update(state="stopped", pid=None, wanted=False, error=None)
        _write(record)
        _path(server_id, ".token").unlink(missing_ok=True)
        _path(server_id, ".ready").unlink(missing_ok=True)
    _reap()


def forget_server(server_id: str) -> None:
    """Remove a stopped or failed server from the list (its record, log and token)."""
    info = _reconciled(server_id)
    if info.is_live:
        stop_server(server_id)
    with _lock():
        for suffix in (".json", ".log", ".token", ".ready"):
            _path(server_id, suffix).unlink(missing_ok=True)


def _restart(record: dict[str, Any]) -> bool:
    """Start the record's server again; False (the record marked failed) when it cannot be."""
    problem = None
    token = _load_token(record["id"]) if record.get("has_token") else None
    if not RunFolder(Path(record.get("run_dir", ""))).has_model():
        problem = Text("deploy.server.run_gone", {"run": record.get("run_id", "")})
    elif record.get("has_token") and not token:
        problem = Text("deploy.server.token_gone", {})
    if problem is not None:
        record.update(state="failed", wanted=False, pid=None, error=problem.to_dict())
        _write_quietly(record)
        return False
    _launch(record, token)
    return True


def restart_servers() -> list[ServerInfo]:
    """At app start: start again every server that was serving when the app (or the machine)
    stopped and was not stopped by hand. It does not wait for them to load; a server that
    cannot start is marked failed. Never raises: the app starts in any case."""
    restarted = []
    try:
        _reap()
        with _lock():
            for record in _records():
                if _settle(record):
                    _write_quietly(record)
                if record.get("wanted") and not _alive(record):
                    try:
                        if _restart(record):
                            restarted.append(_info(record))
                    except (OSError, UserError, ValueError):
                        continue
    except OSError:
        return restarted
    return restarted


# ----- calling a server ------------------------------------------------------------------------

def local_url(info: ServerInfo) -> str:
    """Where this machine reaches the server (a wildcard address through loopback)."""
    if info.host in WILDCARD_HOSTS:
        return f"http://{'[::1]' if ':' in info.host else '127.0.0.1'}:{info.port}"
    return info.url


def server_token(server_id: str) -> str | None:
    """The token a live server checks, for the snippets that call it (None when it has none)."""
    return _load_token(server_id)


def send_request(server_id: str, body: str, timeout_s: float = 60.0) -> tuple[int, Any]:
    """POST `body` (JSON text) to a running server's / endpoint with its token, and return
    (HTTP status, the JSON answer). Only recorded servers are called, never any other URL."""
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise UserError(Text("deploy.server.bad_json", {"reason": str(exc)[:200]}),
                        Text("deploy.server.bad_json_fix", {})) from None
    info = _reconciled(check_server_id(server_id))
    if info.state != "running":
        raise UserError(Text("deploy.server.not_running", {"id": server_id}),
                        Text("deploy.server.not_running_fix", {}))
    headers = {"Content-Type": "application/json"}
    token = server_token(server_id)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(local_url(info) + "/", method="POST", headers=headers,
                                     data=json.dumps(payload).encode("utf-8"))
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.status, _json_answer(response.read())
    except urllib.error.HTTPError as exc:  # a 4xx or 5xx answer: its JSON says why
        return exc.code, _json_answer(exc.read())
    except (OSError, ValueError) as exc:
        raise UserError(Text("deploy.server.unreachable", {"url": info.url,
                                                           "reason": str(exc)[:200]}),
                        Text("deploy.server.unreachable_fix", {})) from None


def _json_answer(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return raw.decode("utf-8", "replace")[:4000]
