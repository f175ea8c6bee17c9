"""What a workspace holds, file by file, to prove that a bad input or a fault changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under `folder`: size, modification time and content hash."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found[str(path.relative_to(folder))] = (len(data), path.stat().st_mtime_ns,
                                                    hashlib.sha256(data).hexdigest())
    return found
