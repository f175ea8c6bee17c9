"""Starting, queueing, stopping and re-attaching to training processes.

A run trains in its own OS process (`python -m core worker RUN_DIR`) started in a new session,
so a Streamlit rerun, a closed tab or a restarted server does not stop it. One run is active per
workspace at a time (a learning curve training its models counts as one); further runs wait as
`queued` and the next one starts when the active one ends (the finishing process starts it, and
`reconcile()` does too, for robustness).

`python -m core train` joins the same queue: its run waits as `queued` with the command's pid
(`waiter_pid`), is never launched as a worker, and the command trains it itself once `claim`
says it is its turn; when it ends, it starts the next queued run like a worker does.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.jobs.launch import launch, reap
from core.text import Text
from core.workspace import curves, runs
from core.workspace.folder import RunFolder, RunRecord
from core.workspace.processes import own_process, process_alive, started_at


@contextmanager
def queue_lock(base: Path | None = None) -> Iterator[None]:
    """Serialise queue decisions between browser sessions, commands and workers. The runs
    folder itself is locked (flock on its descriptor): nothing is written, so the queue works on
    a full or read-only disk and leaves no lock file behind."""
    fd = os.open(runs.runs_dir(base), os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def create_run(config: RunConfig, base: Path | None = None) -> Path:
    """A new run folder holding the validated configuration, in state `queued`."""
    config.validate()
    if not Path(config.data.train).is_file():
        raise UserError(Text("workspace.queue.no_train_file",
                             {"name": Path(config.data.train).name}),
                        Text("workspace.queue.no_train_file_fix", {}))
    return runs.new_run_folder(config.to_dict(), config.name, base)


def start_run(config: RunConfig, base: Path | None = None) -> runs.RunInfo:
    """Queue a run and start it at once when no other run is active."""
    run_dir = create_run(config, base)
    reconcile(base)
    return runs.load_run(run_dir)


def _launch(run_dir: Path) -> None:
    proc = launch(["worker", str(run_dir)], RunFolder(run_dir).log)
    runs.update_status(run_dir, defaults={"started": time.time()}, state="running", pid=proc.pid,
                       pid_started=started_at(proc.pid), waiter_pid=None)


GONE = {"running": ("The training process ended unexpectedly.",
                    "Press Resume to continue from the last checkpoint."),
        "queued": ("The command that queued this run ended before the run could start.",
                   "Press Resume to train it now.")}


def _gone(status: dict) -> dict | None:
    """The fields that mark a run interrupted when the process it waits on has ended, judged
    under the run's lock (the worker may have written its last state a moment ago)."""
    state = status.get("state")
    if state == "running":
        pid, started = status.get("pid"), status.get("pid_started")
    elif state == "queued" and status.get("waiter_pid"):
        pid, started = status.get("waiter_pid"), status.get("waiter_started")
    else:
        return None
    if process_alive(pid if isinstance(pid, int) else None, started):
        return None
    error, fix = GONE[state]
    return {"state": "interrupted", "pid": None, "waiter_pid": None, "error": error, "fix": fix}


def _mark_gone(info: runs.RunInfo, gone: dict) -> None:
    info.state, info.pid = "interrupted", None
    info.error, info.fix = gone["error"], gone["fix"]


def _reconcile(base: Path | None) -> tuple[list[runs.RunInfo], runs.RunInfo | None,
                                           list[runs.RunInfo]]:
    """(every run, the run training now, the queued runs oldest first), after marking runs
    whose process has ended interrupted. On a disk too full to record that, the run is shown
    interrupted all the same."""
    all_runs = runs.list_runs(base)
    running, queued = None, []
    for info in all_runs:
        if info.state not in runs.ACTIVE_STATES:
            continue
        try:
            changed = runs.change_status(info.path, _gone)
        except OSError:
            changed = _gone(runs.read_status(info.path) or {})
        if changed:
            _mark_gone(info, changed)
        elif info.state == "running":
            running = info
        else:
            queued.append(info)
    return all_runs, running, sorted(queued, key=lambda r: (r.created or 0.0, r.run_id))


def current_runs(base: Path | None = None) -> list[runs.RunInfo]:
    """Every run, for a page that only shows them: a run whose process has ended is shown
    interrupted. Nothing is written and nothing started (`reconcile` does that)."""
    all_runs = runs.list_runs(base)
    for info in all_runs:
        if info.state in runs.ACTIVE_STATES:
            gone = _gone(runs.read_status(info.path) or {})
            if gone:
                _mark_gone(info, gone)
    return all_runs


def _waits_in_a_command(info: runs.RunInfo) -> bool:
    return bool((runs.read_status(info.path) or {}).get("waiter_pid"))


def reconcile(base: Path | None = None) -> list[runs.RunInfo]:
    """Reap ended children, mark runs whose process has ended interrupted, start the next
    queued run; every run."""
    reap()
    with queue_lock(base):
        all_runs, running, queued = _reconcile(base)
        # a run queued by a command is trained by that command: it claims its turn itself
        if running is None and queued and curve_in_progress(base) is None \
                and search_in_progress(base) is None and not _waits_in_a_command(queued[0]):
            _start(queued[0].path)
            all_runs = runs.list_runs(base)
    return all_runs


def waiter_fields() -> dict[str, Any]:
    """The status fields saying that this process (a command) waits for a run, so that no
    worker is started for it. Written with `queued` itself: a reconcile in between would start
    one."""
    pid, started = own_process()
    return {"waiter_pid": pid, "waiter_started": started}


def wait_here(run_dir: Path) -> None:
    """Mark a queued run as waiting in this process (a command), so no worker is started."""
    runs.update_status(run_dir, **waiter_fields())


def claim(run_dir: Path, base: Path | None = None) -> str | None:
    """Take the turn of `run_dir`, queued by this process, when it has come: it becomes
    `running` with this process's pid and None is returned. Otherwise the name of what trains
    or waits before it. A UserError when the run left the queue (stopped from the app)."""
    with queue_lock(base):
        _, running, queued = _reconcile(base)
        if running is not None:
            return running.name or running.run_id
        curve = curve_in_progress(base)
        if curve is not None:
            return f"a learning curve of {runs.load_run(curve).name}"
        search = search_in_progress(base)
        if search is not None:  # between its trials, only trials take a turn
            if not _in_search(Path(run_dir)):
                return f"the search {search.name}"
            queued = [r for r in queued if _in_search(r.path)]
        mine = [r for r in queued if r.run_id == Path(run_dir).name]
        if not mine:
            info = runs.load_run(run_dir)
            raise UserError(Text("workspace.queue.left", {"name": info.name, "state": info.state}),
                            Text("workspace.queue.left_fix", {}))
        if queued[0].run_id != Path(run_dir).name:
            first = queued[0]
            if not _waits_in_a_command(first):
                _start(first.path)
            return first.name or first.run_id
        pid, started = own_process()
        runs.update_status(run_dir, defaults={"started": time.time()}, state="running", pid=pid,
                           pid_started=started, waiter_pid=None)
    return None


def curve_in_progress(base: Path | None = None) -> Path | None:
    """The run whose learning curve is training models now, if any. It counts as the active
    run: one training at a time."""
    for info in runs.list_runs(base):
        if curves.curve_running(info.path):
            return info.path
    return None


def search_in_progress(base: Path | None = None) -> Path | None:
    """The folder of a search with a live process on this machine (core/search/folder.py
    writes workers/<pid>.json), if any. Like a learning curve it counts as the active run:
    between its trials no other run starts."""
    root = runs.runs_dir(base).parent / "searches"
    for worker in sorted(root.glob("*/workers/*.json")) if root.is_dir() else []:
        record = runs.read_json(worker) or {}
        pid = record.get("pid")
        if isinstance(pid, int) and process_alive(pid, record.get("pid_started")):
            return worker.parent.parent
    return None


def _in_search(run_dir: Path) -> bool:
    """Whether the run is a search's trial."""
    return bool((runs.read_status(run_dir) or {}).get("search"))


def _start(run_dir: Path) -> None:
    """Launch a queued run; if its folder cannot be written, it fails with the reason."""
    try:
        _launch(run_dir)
    except OSError as exc:
        problem = runs.workspace_error(exc, run_dir)
        runs.record_status(run_dir, state="failed", error=problem.message, fix=problem.fix,
                           finished=time.time(), pid=None)


def active_run(base: Path | None = None) -> runs.RunInfo | None:
    for info in runs.list_runs(base):
        if info.state == "running":
            return info
    return None


def stop_run(run_dir: Path) -> None:
    """Ask a running run to stop at its next step (keeping its best checkpoint)."""
    def stop_if_queued(status: dict) -> dict | None:
        if status.get("state") != "queued":
            return None
        return {"state": "stopped", "finished": time.time(), "waiter_pid": None}

    with queue_lock(Path(run_dir).parent):  # not between the queue's choice and the start
        if runs.change_status(run_dir, stop_if_queued) is None \
                and runs.load_run(run_dir).state == "running":
            runs.request_stop(run_dir)


def resume_run(run_dir: Path, base: Path | None = None) -> runs.RunInfo:
    info = runs.load_run(run_dir)
    if info.state not in ("interrupted", "failed", "stopped"):
        raise UserError(Text("workspace.queue.not_resumable",
                             {"name": info.name, "state": info.state}),
                        Text("workspace.queue.not_resumable_fix", {}))
    runs.clear_stop(run_dir)

    def queue_if_ended(status: dict) -> dict | None:
        if status.get("state") not in ("interrupted", "failed", "stopped"):
            return None  # another session resumed it a moment ago
        return {"state": "queued", "resume": True, "error": "", "fix": "", "failure": None,
                "finished": None, "waiter_pid": None}

    runs.change_status(run_dir, queue_if_ended)
    reconcile(base)
    return runs.load_run(run_dir)


def half_batch(run_dir: Path) -> tuple[int, int] | None:
    """(batch size, gradient accumulation) for a retry of a run that ran out of memory: half
    the batch, twice the accumulation, so each update still sees as many examples. None when
    the run did not run out of memory or its batch cannot be halved."""
    status = runs.read_status(run_dir) or {}
    if status.get("state") != "failed" or status.get("failure") != "out_of_memory":
        return None
    record = _record(run_dir)
    if record is None:
        return None
    resolved = record.resolved_training or {}
    chosen = record.config.get("training") or {}
    batch = resolved.get("batch_size") or chosen.get("batch_size")
    accumulation = (resolved.get("gradient_accumulation")
                    or chosen.get("gradient_accumulation") or 1)
    if not isinstance(batch, int) or not isinstance(accumulation, int) or batch < 2:
        return None
    return batch // 2, min(accumulation * 2, 1024)


def _record(run_dir: Path) -> RunRecord | None:
    """The run's config.json; None when it is missing, unreadable or another version's."""
    try:
        return RunFolder(run_dir).read_record()
    except UserError:
        return None


def retry_with_half_batch(run_dir: Path, base: Path | None = None) -> runs.RunInfo:
    """Start a new run with the settings of `run_dir`, half its batch and twice its accumulation."""
    settings = half_batch(run_dir)
    record = _record(run_dir)
    if settings is None or record is None:
        raise UserError(Text("workspace.queue.no_half_batch", {}),
                        Text("workspace.queue.no_half_batch_fix", {}))
    config = RunConfig.from_dict(record.config)
    config.training.batch_size, config.training.gradient_accumulation = settings
    base_name = re.sub(r" · batch \d+$", "", config.name or Path(run_dir).name)
    config.name = f"{base_name} · batch {settings[0]}"[:100]
    return start_run(config, base)
