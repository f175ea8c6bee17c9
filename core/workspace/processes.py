"""Whether a recorded process still runs: a pid together with its start time, so a pid the
system has since given to another process does not count."""

from __future__ import annotations

import os

import psutil


def process_alive(pid: int | None, started: float | None = None) -> bool:
    """True when `pid` runs and is the same process that was recorded (not a reused pid)."""
    if not pid:
        return False
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return started is None or abs(proc.create_time() - started) < 2.0
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def own_process() -> tuple[int, float]:
    """(pid, start time) of this process, as `process_alive` checks them."""
    return os.getpid(), psutil.Process().create_time()


def started_at(pid: int) -> float:
    """The start time of process `pid`, recorded beside its pid."""
    return psutil.Process(pid).create_time()
