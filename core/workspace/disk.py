"""Full disks: telling one apart whatever the exception, and the small reserve of space that lets
a run record how it ended when nothing else fits on the disk.

torch reports a checkpoint that did not fit as a RuntimeError ("PytorchStreamWriter failed writing
file ..."), safetensors as its own error type; only some exceptions carry ENOSPC. What they all
share is a folder with (almost) no free space left, so that is checked too.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from core.workspace.folder import RunFolder

LOW_SPACE_BYTES = 8 * 2**20  # a failed write with less than this left is a full disk
RESERVE_FILE = RunFolder(".").space_reserve.name  # kept for callers; prefer RunFolder
RESERVE_BYTES = 256 * 1024  # room for many rewrites of status.json (a few KB each)
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


def _chain(exc: BaseException | None):
    """The exception and those it was raised from or while handling."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def free_bytes(folder: Path) -> float:
    try:
        return float(shutil.disk_usage(folder).free)
    except OSError:
        return float("inf")  # unknown: never call a disk full on a guess


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """True when `exc` comes from a full disk: ENOSPC anywhere in its chain, the words of it in a
    library's message, or (with `folder`) hardly any free space left where the run writes."""
    for link in _chain(exc):
        if isinstance(link, OSError) and link.errno in FULL_ERRNOS:
            return True
        if "no space left on device" in str(link).lower():
            return True
    return folder is not None and free_bytes(Path(folder)) < LOW_SPACE_BYTES


def disk_full_error(exc: BaseException, folder: Path) -> OSError | None:
    """`exc` restated as OSError(ENOSPC) when the disk is full (the form the failure messages
    know), else None."""
    if not is_disk_full(exc, folder):
        return None
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))
    error.__cause__ = exc
    return error


def make_reserve(folder: Path) -> None:
    """Hold RESERVE_BYTES in the run folder `folder` for the run's last status write. Raises the
    OSError when even that does not fit, leaving nothing behind."""
    path = RunFolder(folder).space_reserve
    try:
        with open(path, "wb") as handle:
            handle.write(b"\0" * RESERVE_BYTES)
            handle.flush()
            os.fsync(handle.fileno())  # the blocks must really be taken now, not at close
    except OSError:
        path.unlink(missing_ok=True)
        raise


def release_reserve(folder: Path) -> bool:
    """Give the reserved space back; True when there was some to give."""
    try:
        os.unlink(RunFolder(folder).space_reserve)
    except OSError:
        return False
    return True
