"""The run store on disk: one folder per run under the workspace, and reading it back safely.

Layout of a run folder (see DESIGN.md): config.json, status.json (atomic), metrics.jsonl
(append-only events), checkpoints/, model/, eval.json, train.log. Nothing here trains; every
reader tolerates damaged files so a bad folder is listed as damaged instead of breaking a page.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from core.errors import UserError

WORKSPACE_ENV = "FINETUNE_STUDIO_WORKSPACE"
ACTIVE_STATES = ("queued", "running")
FINAL_STATES = ("completed", "failed", "stopped", "interrupted")
RUN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
STOP_FILE = "STOP"


def workspace_dir() -> Path:
    """The workspace folder: $FINETUNE_STUDIO_WORKSPACE or ./workspace."""
    return Path(os.environ.get(WORKSPACE_ENV) or "workspace").resolve()


def runs_dir(base: Path | None = None) -> Path:
    folder = Path(base) if base else workspace_dir() / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_run_id(run_id: str) -> str:
    if not isinstance(run_id, str) or not RUN_ID_PATTERN.match(run_id) or ".." in run_id:
        raise UserError(f"{run_id!r} is not a valid run id.",
                        "Use an id from the run list (letters, digits, '-', '_' and '.').")
    return run_id


def run_path(run_id: str, base: Path | None = None) -> Path:
    return runs_dir(base) / check_run_id(run_id)


def new_run_id(name: str = "") -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    suffix = os.urandom(2).hex()
    return f"{stamp}-{slug}-{suffix}" if slug else f"{stamp}-{suffix}"


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write JSON so a reader never sees a half-written file (temp file + os.replace)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=2, default=str)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_run_folder(config: dict[str, Any], name: str, base: Path | None = None) -> Path:
    """A new run folder holding `config` (a RunConfig as a dict), in state `queued`.

    A workspace that cannot be written (read-only, full disk) is a UserError naming the folder,
    and no half-made run folder is left behind.
    """
    parent = Path(base) if base else workspace_dir() / "runs"
    run_dir = parent / check_run_id(new_run_id(name))
    try:
        run_dir.mkdir(parents=True)
        write_json_atomic(run_dir / "config.json", {"config": config})
        write_json_atomic(run_dir / "status.json", {
            "state": "queued", "name": name or run_dir.name, "created": time.time(),
            "step": 0, "total_steps": 0})
    except OSError as exc:
        if run_dir.is_dir():
            shutil.rmtree(run_dir, ignore_errors=True)
        raise workspace_error(exc, parent) from None
    return run_dir


def workspace_error(exc: OSError, folder: Path) -> UserError:
    """An OSError while writing to the workspace, as one sentence saying what to do."""
    if exc.errno == errno.ENOSPC:
        return UserError(f"The disk holding {folder} is full.",
                         "Free some space (for example delete old runs), then try again.")
    return UserError(f"The folder {folder} cannot be written ({exc.strerror or exc}).",
                     f"Check its permissions, or set {WORKSPACE_ENV} to a folder you can write.")


def record_status(run_dir: Path, **changes: Any) -> bool:
    """`update_status` for reporting a failure: on a full or read-only disk it gives up quietly
    (returns False) so the original error is the one the user sees."""
    try:
        update_status(run_dir, **changes)
    except OSError:
        return False
    return True


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from disk, or None when it is missing or damaged."""
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def read_status(run_dir: Path) -> dict[str, Any] | None:
    return read_json(Path(run_dir) / "status.json")


def update_status(run_dir: Path, **changes: Any) -> dict[str, Any]:
    status = read_status(run_dir) or {}
    status.update(changes)
    status["updated"] = time.time()
    write_json_atomic(Path(run_dir) / "status.json", status)
    return status


def append_event(run_dir: Path, event: dict[str, Any]) -> None:
    """Append one metrics event as a JSON line (one write call, so lines never interleave)."""
    line = json.dumps(event, default=float) + "\n"
    with open(Path(run_dir) / "metrics.jsonl", "a", encoding="utf-8") as handle:
        handle.write(line)


def read_metrics(run_dir: Path, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events appended since byte `offset`, and the offset to continue from.

    A last line still being written (no newline yet) is left for the next call; garbage lines,
    and values that are not numbers, are skipped so a damaged file still draws what it can.
    """
    path = Path(run_dir) / "metrics.jsonl"
    try:
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
    (Path(run_dir) / STOP_FILE).write_text(str(time.time()), encoding="utf-8")


def stop_requested(run_dir: Path) -> bool:
    return (Path(run_dir) / STOP_FILE).exists()


def log_tail(run_dir: Path, lines: int = 40) -> str:
    path = Path(run_dir) / "train.log"
    try:
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
    error: str = ""
    fix: str = ""
    pid: int | None = None
    damaged: bool = False
    config: dict[str, Any] = field(default_factory=dict)

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
    status = read_status(run_dir)
    saved = read_json(run_dir / "config.json")
    config = saved.get("config", saved) if saved is not None else None
    problem = ""
    if status is None:
        problem = "status.json is missing or unreadable"
    elif config is None or not isinstance(config, dict):
        problem = "config.json is missing or unreadable"
    elif status.get("state") not in ACTIVE_STATES + FINAL_STATES:
        problem = f"status.json holds an unknown state {str(status.get('state'))[:30]!r}"
    if problem:
        info.damaged = True
        info.error = problem
        return info
    data = config.get("data") if isinstance(config.get("data"), dict) else {}
    info.config = config
    info.name = str(status.get("name") or config.get("name") or run_dir.name)
    info.task = str(config.get("task") or "")
    info.model = str(config.get("model") or "")
    info.dataset = Path(str(data.get("train") or "")).name
    for key in ("state", "error", "fix", "best_metric_name"):
        setattr(info, key, str(status.get(key) or getattr(info, key)))
    for key in ("created", "started", "finished", "eta_s", "best_metric"):
        setattr(info, key, _number(status.get(key)))
    info.step = int(_number(status.get("step")) or 0)
    info.total_steps = int(_number(status.get("total_steps")) or 0)
    info.epoch = _number(status.get("epoch")) or 0.0
    pid = status.get("pid")
    info.pid = pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None
    return info


def _number(value: Any) -> float | None:
    """A finite number from a status field, or None for anything else (text, NaN, a list)."""
    if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def list_runs(base: Path | None = None) -> list[RunInfo]:
    """Every run folder, newest first; never raises for a damaged folder."""
    folder = runs_dir(base)
    runs = [load_run(p) for p in folder.iterdir() if p.is_dir() and RUN_ID_PATTERN.match(p.name)]
    return sorted(runs, key=lambda r: (r.created or 0.0, r.run_id), reverse=True)


def rename_run(run_dir: Path, name: str) -> None:
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("A run name must have 1 to 100 characters.", "Type a shorter name.")
    update_status(run_dir, name=name)


def delete_run(run_dir: Path) -> None:
    info = load_run(run_dir)
    if info.is_active:
        raise UserError(f"Run {info.name} is still {info.state}.", "Stop it before deleting it.")
    from core.learning_curve import read_curve

    if (read_curve(run_dir) or {}).get("state") == "running":
        raise UserError(f"Run {info.name} is drawing its learning curve.",
                        "Delete it when the curve is done.")
    shutil.rmtree(run_dir)


def read_eval(run_dir: Path) -> dict[str, Any] | None:
    return read_json(Path(run_dir) / "eval.json")


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
