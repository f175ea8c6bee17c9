"""The run store on disk: one folder per run under the workspace, and reading it back safely.

The folder's layout, every file's name and the record its config.json holds are
core/workspace/folder.py's (`RunFolder`, `RunRecord`); this module creates, lists, changes and
deletes runs with them. Nothing here trains; every reader tolerates damaged files so a bad
folder is listed as damaged instead of breaking a page, and a folder written by another version
(config.json with keys this one does not know) is listed as such.

Every read-modify-write of status.json holds the run folder's lock (`change_status`), so a rename
from a page can never undo the state the worker wrote a moment before. Nothing is read through a
symbolic link that leaves its run folder: a planted link would let export or a page read any file
on the machine. Listing and deleting write nothing, so they work on a full disk.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.text import Text
from core.workspace import curves, disk
from core.workspace.folder import RunFolder, RunRecord, inside
from core.workspace.folder import read_json as read_json  # re-exported: callers use runs.*
from core.workspace.folder import write_json_atomic as write_json_atomic

WORKSPACE_ENV = "FINETUNE_STUDIO_WORKSPACE"
ACTIVE_STATES = ("queued", "running")
FINAL_STATES = ("completed", "failed", "stopped", "interrupted")
RUN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
STOP_FILE = RunFolder(".").stop.name  # kept for callers that spell run_dir / STOP_FILE


def workspace_dir() -> Path:
    """The workspace folder: $FINETUNE_STUDIO_WORKSPACE or ./workspace."""
    return Path(os.environ.get(WORKSPACE_ENV) or "workspace").resolve()


def runs_dir(base: Path | None = None) -> Path:
    folder = Path(base) if base else workspace_dir() / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_run_id(run_id: str) -> str:
    if not isinstance(run_id, str) or not RUN_ID_PATTERN.match(run_id) or ".." in run_id:
        raise UserError(Text("workspace.run_id.invalid", {"run_id": repr(run_id)}),
                        Text("workspace.run_id.invalid_fix", {}))
    return run_id


def run_path(run_id: str, base: Path | None = None) -> Path:
    return runs_dir(base) / check_run_id(run_id)


def new_run_id(name: str = "") -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    suffix = os.urandom(2).hex()
    return f"{stamp}-{slug}-{suffix}" if slug else f"{stamp}-{suffix}"


def new_run_folder(config: dict[str, Any], name: str, base: Path | None = None,
                   **status: Any) -> Path:
    """A new run folder holding `config` (a RunConfig as a dict), in state `queued` (with the
    extra `status` fields in its first status).

    A workspace that cannot be written (read-only, full disk) is a UserError naming the folder,
    and no half-made run folder is left behind.
    """
    parent = Path(base) if base else workspace_dir() / "runs"
    run_dir = parent / check_run_id(new_run_id(name))
    try:
        run_dir.mkdir(parents=True)
        run = RunFolder(run_dir)
        run.write_record(RunRecord(config=config))
        write_json_atomic(run.status, {
            "state": "queued", "name": name or run_dir.name, "created": time.time(),
            "step": 0, "total_steps": 0, **status})
    except OSError as exc:
        if run_dir.is_dir():
            shutil.rmtree(run_dir, ignore_errors=True)
        raise workspace_error(exc, parent) from None
    return run_dir


def workspace_error(exc: OSError, folder: Path) -> UserError:
    """An OSError while writing to the workspace, as one sentence saying what to do."""
    if exc.errno == errno.ENOSPC:
        return UserError(Text("workspace.disk_full", {"folder": str(folder)}),
                         Text("workspace.disk_full_fix", {}))
    return UserError(Text("workspace.not_writable",
                          {"folder": str(folder), "reason": str(exc.strerror or exc)}),
                     Text("workspace.not_writable_fix", {"variable": WORKSPACE_ENV}))


def record_status(run_dir: Path, **changes: Any) -> bool:
    """`finish_status` for reporting a failure: on a full or read-only disk it gives up quietly
    (returns False) so the original error is the one the user sees."""
    try:
        finish_status(run_dir, **changes)
    except OSError:
        return False
    return True


def finish_status(run_dir: Path, **changes: Any) -> dict[str, Any]:
    """`update_status` for a run's last word: when the write fails (a full disk), the run's
    space reserve is given back and the write tried once more."""
    try:
        return update_status(run_dir, **changes)
    except OSError:
        if not disk.release_reserve(run_dir):
            raise
        return update_status(run_dir, **changes)


def run_file(run_dir: Path, name: str) -> Path | None:
    """`run_dir / name`, or None when it is a link leading out of the run folder.
    (Prefer `RunFolder(run_dir).safe(RunFolder(run_dir).<file>)`.)"""
    return RunFolder(run_dir).safe(Path(run_dir) / name)


def read_run_json(run_dir: Path, name: str) -> dict[str, Any] | None:
    """The JSON object in `run_dir / name` (see `RunFolder.read_json`)."""
    return RunFolder(run_dir).read_json(Path(run_dir) / name)


def read_record(run_dir: Path) -> RunRecord | None:
    """The run's config.json as a RunRecord (see `RunFolder.read_record`)."""
    return RunFolder(run_dir).read_record()


def escaping_link(run_dir: Path) -> str | None:
    """The first link in the run folder (at any depth) that leads out of it, as a path relative
    to the folder; None when there is none. Links are judged, never followed into."""
    run_dir = Path(run_dir)
    if run_dir.is_symlink():
        return "."
    stack = [run_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                if not inside(run_dir, Path(entry.path)):
                    return str(Path(entry.path).relative_to(run_dir))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
    return None


def refuse_escaping_links(run_dir: Path) -> None:
    """A UserError when the run folder holds a link out of it (exporting or loading it would
    read whatever the link points to)."""
    link = escaping_link(run_dir)
    if link is not None:
        run = Path(run_dir).name
        message = Text("workspace.link.itself", {"run": run}) if link == "." else \
            Text("workspace.link.holds", {"run": run, "link": link})
        raise UserError(message, Text("workspace.link.fix", {}))


def read_status(run_dir: Path) -> dict[str, Any] | None:
    run = RunFolder(run_dir)
    return run.read_json(run.status)


@contextmanager
def status_lock(run_dir: Path) -> Iterator[None]:
    """Hold the run folder's lock. The folder itself is locked (flock on its descriptor), so
    taking the lock writes nothing and works on a full or read-only disk."""
    fd = os.open(run_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


StatusChange = Callable[[dict[str, Any]], "dict[str, Any] | None"]


def change_status(run_dir: Path, change: StatusChange) -> dict[str, Any] | None:
    """Read-modify-write of status.json under the run folder's lock: `change(status)` returns
    the fields to set, or None to leave the file as it is. Returns the new status, or None when
    nothing changed."""
    with status_lock(run_dir):
        status = read_status(run_dir) or {}
        changes = change(dict(status))
        if changes is None:
            return None
        status.update(changes)
        status["updated"] = time.time()
        write_json_atomic(RunFolder(run_dir).status, status)
        return status


def update_status(run_dir: Path, defaults: dict[str, Any] | None = None,
                  **changes: Any) -> dict[str, Any]:
    """Set `changes` in status.json; `defaults` only where the status holds no value yet."""
    def apply(status: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in (defaults or {}).items() if not status.get(k)}
        return {**kept, **changes}

    return change_status(run_dir, apply) or {}


def append_event(run_dir: Path, event: dict[str, Any]) -> None:
    """Append one metrics event as a JSON line (one write call, so lines never interleave)."""
    line = json.dumps(event, default=float) + "\n"
    with open(RunFolder(run_dir).metrics, "a", encoding="utf-8") as handle:
        handle.write(line)


def read_metrics(run_dir: Path, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events appended since byte `offset`, and the offset to continue from.

    A last line still being written (no newline yet) is left for the next call; garbage lines,
    and values that are not numbers, are skipped so a damaged file still draws what it can.
    """
    run = RunFolder(run_dir)
    path = run.safe(run.metrics)
    try:
        if path is None:
            raise FileNotFoundError("the metrics file leads out of the run folder")
        with open(path, "rb") as handle:
            handle.seek(offset)
            chunk = handle.read()
    except OSError:
        return [], offset
    end = chunk.rfind(b"\n")
    if end < 0:
        return [], offset
    events = [_clean_event(e) for e in json_objects(chunk[: end + 1].splitlines())]
    return [e for e in events if e is not None], offset + end + 1


def _clean_event(event: dict[str, Any]) -> dict[str, Any] | None:
    """The event with only numeric values besides its type, or None without a type and step."""
    kind, step = event.get("type"), event.get("step")
    if not isinstance(kind, str) or not _is_number(step):
        return None
    return {"type": kind, **{k: v for k, v in event.items() if _is_number(v)}}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_objects(lines: Iterable[str | bytes]) -> list[dict[str, Any]]:
    """The JSON objects among `lines`; garbage lines are skipped so damaged files still read."""
    objects = []
    for raw in lines:
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict):
            objects.append(value)
    return objects


def request_stop(run_dir: Path) -> None:
    RunFolder(run_dir).stop.write_text(str(time.time()), encoding="utf-8")


def stop_requested(run_dir: Path) -> bool:
    return RunFolder(run_dir).stop.exists()


def clear_stop(run_dir: Path) -> None:
    """Forget an earlier request to stop (before a resume)."""
    RunFolder(run_dir).stop.unlink(missing_ok=True)


def log_tail(run_dir: Path, lines: int = 40) -> str:
    run = RunFolder(run_dir)
    path = run.safe(run.log)
    try:
        if path is None:
            raise FileNotFoundError("the log leads out of the run folder")
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64_000))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class RunInfo:
    """What the run list shows about one run; `damaged` when its files cannot be read."""

    run_id: str
    path: Path
    name: str = ""
    state: str = "damaged"
    task: str = ""
    model: str = ""
    dataset: str = ""
    created: float | None = None
    started: float | None = None
    finished: float | None = None
    step: int = 0
    total_steps: int = 0
    epoch: float = 0.0
    eta_s: float | None = None
    best_metric_name: str = ""
    best_metric: float | None = None
    error: str = ""                 # the sentences as saved (a run from before error_text)
    fix: str = ""
    error_text: Text | None = None  # the same as catalogue keys, written in any language
    fix_text: Text | None = None
    pid: int | None = None
    damaged: bool = False
    config: dict[str, Any] = field(default_factory=dict)

    def problem(self, language: str | None = None) -> tuple[str, str]:
        """(error, fix) in `language` (default: the current one): from error_text / fix_text
        where the run saved them, else the sentences as saved."""
        return (self.error_text.render(language) if self.error_text else self.error,
                self.fix_text.render(language) if self.fix_text else self.fix)

    @property
    def duration_s(self) -> float | None:
        if not self.started:
            return None
        return (self.finished or time.time()) - self.started

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


def load_run(run_dir: Path) -> RunInfo:
    """What the run list shows about `run_dir`; a folder whose files cannot be read, or hold
    values of the wrong kind, comes back `damaged` with the reason instead of raising."""
    run_dir = Path(run_dir)
    info = RunInfo(run_id=run_dir.name, path=run_dir)
    link = escaping_link(run_dir)
    if link is not None:
        return _damaged(info, Text("workspace.damaged.folder_link") if link == "." else
                        Text("workspace.damaged.link", {"link": link}))
    status = read_status(run_dir)
    try:
        record = read_record(run_dir)
    except UserError as exc:  # written by another version: said so, never raised
        return _damaged(info, exc.message_text, exc.fix_text)
    if status is None or record is None or status.get("state") not in ACTIVE_STATES + FINAL_STATES:
        return _damaged(info, _problem(RunFolder(run_dir), status, record))
    config = record.config
    data = config.get("data") if isinstance(config.get("data"), dict) else {}
    info.config = config
    info.name = str(status.get("name") or config.get("name") or run_dir.name)
    info.task = str(config.get("task") or "")
    info.model = str(config.get("model") or "")
    info.dataset = Path(str(data.get("train") or "")).name
    for key in ("state", "error", "fix", "best_metric_name"):
        setattr(info, key, str(status.get(key) or getattr(info, key)))
    info.error_text, info.fix_text = saved_problem(status)
    for key in ("created", "started", "finished", "eta_s", "best_metric"):
        setattr(info, key, _number(status.get(key)))
    info.step = int(_number(status.get("step")) or 0)
    info.total_steps = int(_number(status.get("total_steps")) or 0)
    info.epoch = _number(status.get("epoch")) or 0.0
    pid = status.get("pid")
    info.pid = pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None
    return info


def _damaged(info: RunInfo, error: Text | str, fix: Text | str = "") -> RunInfo:
    """`info` listed as damaged, with why (Text written in the reader's language)."""
    info.damaged, info.error, info.fix = True, str(error), str(fix)
    info.error_text = error if isinstance(error, Text) else None
    info.fix_text = fix if isinstance(fix, Text) else None
    return info


def _problem(run: RunFolder, status: dict[str, Any] | None, record: RunRecord | None) -> Text:
    """Why a run folder is listed as damaged: a file missing or unreadable, or an unknown state."""
    if status is None:
        return Text("workspace.damaged.unreadable", {"file": run.status.name})
    if record is None:
        return Text("workspace.damaged.unreadable", {"file": run.config.name})
    return Text("workspace.damaged.state", {"file": run.status.name,
                                            "state": repr(str(status.get("state"))[:30])})


def saved_text(value: Any) -> Text | None:
    """A Text saved with Text.to_dict ({"key": ..., "params": {...}}), or None for anything
    else (absent, damaged, or words saved before there were keys)."""
    if not (isinstance(value, dict) and isinstance(value.get("key"), str) and value["key"]):
        return None
    params = value.get("params")
    return Text(value["key"], dict(params) if isinstance(params, dict) else {})


def saved_problem(status: dict[str, Any]) -> tuple[Text | None, Text | None]:
    """(error_text, fix_text) of a status.json: what core/train/training.py saved next to the
    plain `error` and `fix`; a failed resume keeps its 'resume failed' wording around the
    error."""
    error, fix = saved_text(status.get("error_text")), saved_text(status.get("fix_text"))
    if error is not None and status.get("resume_failed"):
        error = Text("training.resume_failed", {"message": error})
    return error, fix


def interrupted_problem() -> tuple[Text, Text]:
    """What a run stopped by Ctrl+C says: its error and what to do."""
    return Text("workspace.interrupted.message"), Text("workspace.interrupted.fix")


def record_interrupted(run_dir: Path) -> bool:
    """Mark a run interrupted (Ctrl+C in the terminal that trained it), with its error and fix
    saved as sentences and as catalogue keys; like `record_status`, False when the disk
    refuses the write."""
    error, fix = interrupted_problem()
    return record_status(run_dir, state="interrupted", pid=None, error=str(error), fix=str(fix),
                         error_text=error.to_dict(), fix_text=fix.to_dict())


def _number(value: Any) -> float | None:
    """A finite number from a status field, or None for anything else (text, NaN, a list)."""
    if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def list_runs(base: Path | None = None) -> list[RunInfo]:
    """Every run folder, newest first; never raises for a damaged folder."""
    folder = runs_dir(base)
    # a link to a folder passes is_dir(); load_run lists it as damaged without reading it
    runs = [load_run(p) for p in folder.iterdir() if p.is_dir() and RUN_ID_PATTERN.match(p.name)]
    return sorted(runs, key=lambda r: (r.created or 0.0, r.run_id), reverse=True)


def rename_run(run_dir: Path, name: str) -> None:
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError(Text("workspace.rename.length", {}),
                        Text("workspace.rename.length_fix", {}))
    update_status(run_dir, name=name)


def delete_run(run_dir: Path) -> None:
    """Remove the run folder. Links are removed, never what they point to; nothing is written,
    so deleting works on a full disk."""
    run_dir = Path(run_dir)
    if run_dir.is_symlink():
        run_dir.unlink()
        return
    info = load_run(run_dir)
    if info.is_active:
        raise UserError(Text("workspace.delete.active", {"name": info.name, "state": info.state}),
                        Text("workspace.delete.active_fix", {}))
    if curves.curve_running(run_dir):
        raise UserError(Text("workspace.delete.curve", {"name": info.name}),
                        Text("workspace.delete.curve_fix", {}))
    shutil.rmtree(run_dir)  # unlinks the links inside without following them


def read_eval(run_dir: Path) -> dict[str, Any] | None:
    run = RunFolder(run_dir)
    return run.read_json(run.evaluation)


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
