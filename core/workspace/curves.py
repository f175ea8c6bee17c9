"""A run's learning curve on disk: `RUN_DIR/learning_curve/curve.json`, read back with a curve
whose process died shown as failed.

Below `runs` (whose `delete_run` asks whether a curve is training), so it reads the file itself:
a link leading out of the run folder, a missing or damaged file all read as no curve.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.workspace.processes import process_alive

FOLDER = "learning_curve"
CURVE_FILE = f"{FOLDER}/curve.json"


def _read_inside(run_dir: Path, name: str) -> dict | None:
    path = Path(run_dir) / name
    try:
        if not path.resolve().is_relative_to(Path(run_dir).resolve()):
            return None
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, RuntimeError, ValueError):  # missing, a loop of links, damaged
        return None
    return value if isinstance(value, dict) else None


def read_curve(run_dir: Path) -> dict | None:
    """curve.json; a curve whose process died is marked as failed."""
    curve = _read_inside(run_dir, CURVE_FILE)
    if curve and curve.get("state") == "running" \
            and not process_alive(curve.get("pid"), curve.get("pid_started")):
        curve["state"] = "failed"
    return curve


def curve_running(run_dir: Path) -> bool:
    """Whether the run's learning curve is training models now."""
    return (read_curve(run_dir) or {}).get("state") == "running"
