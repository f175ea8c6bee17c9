"""A run's learning curve on disk (`RunFolder.curve`, in the run's learning_curve folder), read
back with a curve whose process died shown as failed.

Below `runs` (whose `delete_run` asks whether a curve is training); it reads through
`RunFolder.read_json`, so a link leading out of the run folder, a missing or damaged file all
read as no curve.
"""

from __future__ import annotations

from pathlib import Path

from core.workspace.folder import RunFolder
from core.workspace.processes import process_alive

# kept for callers that spell run_dir / FOLDER or run_dir / CURVE_FILE; prefer RunFolder
_LAYOUT = RunFolder(".")
FOLDER = _LAYOUT.curve_folder.name
CURVE_FILE = _LAYOUT.curve.relative_to(_LAYOUT.path).as_posix()


def read_curve(run_dir: Path) -> dict | None:
    """The curve file; a curve whose process died is marked as failed."""
    run = RunFolder(run_dir)
    curve = run.read_json(run.curve)
    if curve and curve.get("state") == "running" \
            and not process_alive(curve.get("pid"), curve.get("pid_started")):
        curve["state"] = "failed"
    return curve


def curve_running(run_dir: Path) -> bool:
    """Whether the run's learning curve is training models now."""
    return (read_curve(run_dir) or {}).get("state") == "running"
