"""A search's folder in the workspace: `searches/<id>/` with its settings, its state, the
processes that work on it, a stop request, its log and (by default) its SQLite study.

    settings.json   the run configuration, the space, the budget, the storage URL, the study
    status.json     state (running, completed, stopped, failed, interrupted), started, finished,
                    error; the pid and start time of the process the app started
    workers/<pid>.json  one file per process working on the search on this machine
    stop            a request to stop: no new trial starts, the one training stops
    study.db        the Optuna study when no other storage was named
    search.log      what the app's search process wrote

A page re-attaches to a search by reading this folder alone: a search whose workers have all
ended while its status still says running is shown as interrupted.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.text import Text
from core.workspace import runs
from core.workspace.folder import read_json, write_json_atomic
from core.workspace.processes import own_process, process_alive

SEARCHES = "searches"
SEARCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
FINAL = ("completed", "stopped", "failed", "interrupted")


def searches_dir() -> Path:
    return runs.workspace_dir() / SEARCHES


def search_id_for(study: str) -> str:
    """The folder name of a study's search on this machine."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", study).strip("-.")[:100]
    return slug or "search"


@dataclass
class SearchFolder:
    path: Path

    @property
    def search_id(self) -> str:
        return self.path.name

    @property
    def settings(self) -> Path:
        return self.path / "settings.json"

    @property
    def status(self) -> Path:
        return self.path / "status.json"

    @property
    def workers(self) -> Path:
        return self.path / "workers"

    @property
    def stop(self) -> Path:
        return self.path / "stop"

    @property
    def log(self) -> Path:
        return self.path / "search.log"

    @property
    def database(self) -> Path:
        return self.path / "study.db"

    def read_settings(self) -> dict[str, Any]:
        return read_json(self.settings) or {}

    def write_settings(self, settings: dict[str, Any]) -> None:
        write_json_atomic(self.settings, settings)

    def read_status(self) -> dict[str, Any]:
        return read_json(self.status) or {}

    def update_status(self, **changes: Any) -> dict[str, Any]:
        with runs.status_lock(self.path):
            status = {**self.read_status(), **changes, "updated": time.time()}
            write_json_atomic(self.status, status)
        return status


def search_folder(search_id: str) -> SearchFolder:
    if not SEARCH_ID.match(search_id) or ".." in search_id:
        raise UserError(Text("search.folder.bad_id", {"search": repr(search_id)}),
                        Text("search.folder.bad_id_fix"))
    return SearchFolder(searches_dir() / search_id)


def create(search_id: str, settings: dict[str, Any]) -> SearchFolder:
    """The search's folder with `settings`; a folder that exists already keeps its settings
    (a worker joining the study on this machine), its storage and study included."""
    folder = search_folder(search_id)
    try:
        folder.workers.mkdir(parents=True, exist_ok=True)
        if not folder.settings.is_file():
            storage = settings.get("storage") or f"sqlite:///{folder.database}"
            write_json_atomic(folder.settings, {**settings, "storage": storage,
                                                "created": time.time()})
            write_json_atomic(folder.status, {"state": "queued", "created": time.time()})
    except OSError as exc:
        raise runs.workspace_error(exc, folder.path) from None
    return folder


def register_worker(folder: SearchFolder) -> Path:
    """Record this process as working on the search; returns its file (removed at the end)."""
    pid, started = own_process()
    path = folder.workers / f"{pid}.json"
    write_json_atomic(path, {"pid": pid, "pid_started": started, "started": time.time(),
                             "host": os.uname().nodename})
    return path


def live_workers(folder: SearchFolder) -> list[dict[str, Any]]:
    """The processes on this machine working on the search now."""
    alive = []
    for path in sorted(folder.workers.glob("*.json")) if folder.workers.is_dir() else []:
        worker = read_json(path) or {}
        pid = worker.get("pid")
        if isinstance(pid, int) and process_alive(pid, worker.get("pid_started")):
            alive.append(worker)
    return alive


def state(folder: SearchFolder) -> str:
    """running while a process works on the search; else the state its last process wrote,
    interrupted when that said running (the process was killed)."""
    if live_workers(folder):
        return "running"
    status = folder.read_status()
    saved = str(status.get("state") or "")
    if saved in FINAL:
        return saved
    launched = status.get("pid")
    if saved == "queued" and isinstance(launched, int) \
            and process_alive(launched, status.get("pid_started")):
        return "queued"  # the app's process is starting
    return "interrupted" if saved in ("running", "queued") else saved or "interrupted"


def request_stop(folder: SearchFolder) -> None:
    folder.stop.write_text(str(time.time()), encoding="utf-8")


def stop_requested(folder: SearchFolder) -> bool:
    return folder.stop.exists()


def list_searches() -> list[SearchFolder]:
    """Every search folder, newest first."""
    root = searches_dir()
    if not root.is_dir():
        return []
    found = [SearchFolder(p) for p in root.iterdir()
             if p.is_dir() and SEARCH_ID.match(p.name) and (p / "settings.json").is_file()]
    return sorted(found, key=lambda f: f.read_settings().get("created") or 0.0, reverse=True)


def trial_runs(folder: SearchFolder) -> list[runs.RunInfo]:
    """The run folders of the search's trials on this machine, oldest first."""
    mine = []
    for info in runs.list_runs():
        status = runs.read_status(info.path) or {}
        if status.get("search") == folder.search_id:
            mine.append(info)
    return sorted(mine, key=lambda r: (r.created or 0.0, r.run_id))
