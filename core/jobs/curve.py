"""The learning curve's background process: `python -m core curve RUN_DIR --model` trains the
run's model on each subset (core/train/learning_curve.py computes the points). Like a run, it
holds the workspace's one training turn."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from core.errors import UserError
from core.jobs import queue as jobs
from core.jobs.launch import launch
from core.text import Text
from core.train.learning_curve import compute
from core.workspace import runs
from core.workspace.folder import RunFolder
from core.workspace.processes import started_at


def start_model_curve(run_dir: Path) -> None:
    """Train the model's points in a background process that outlives the page. Like a run, it
    waits for no one: it is refused while a run or another curve trains, and runs started
    meanwhile queue until it ends."""
    with jobs.queue_lock():
        waiting = any(r.state in ("running", "queued") for r in runs.list_runs())
        if waiting or jobs.curve_in_progress() is not None:
            raise UserError(Text("workspace.curve.busy", {}), Text("workspace.curve.busy_fix", {}))
        run = RunFolder(run_dir)
        try:
            run.curve_folder.mkdir(exist_ok=True)
            process = launch(["curve", str(run_dir), "--model"], run.curve_log)
            run.write_json(run.curve, {
                "state": "running", "pid": process.pid, "pid_started": started_at(process.pid),
                "started": time.time(), "points": {}})
        except OSError as exc:  # a full or read-only disk, no processes left
            raise runs.workspace_error(exc, Path(run_dir)) from exc


def _record_failure(run_dir: Path, error: str, fix: str) -> None:
    run = RunFolder(run_dir)
    run.write_json(run.curve, {"state": "failed", "error": error, "fix": fix})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core curve",
                                     description="Learning curve of a run's training data.")
    parser.add_argument("run_dir")
    parser.add_argument("--model", action="store_true",
                        help="also train the run's model (Quick preset) on each subset")
    args = parser.parse_args(argv)
    return run_curve(Path(args.run_dir), args.model)


def run_curve(run_dir: Path, with_model: bool) -> int:
    """Compute the curve, recording a failure in its file; then start the next queued run."""
    try:
        curve = compute(run_dir, with_model)
    except UserError as exc:
        if RunFolder(run_dir).curve_folder.is_dir():
            _record_failure(run_dir, exc.message, exc.fix)
        print(f"error: {exc.message} {exc.fix}", file=sys.stderr)
        return 2
    except Exception as exc:  # the page shows the reason instead of a curve stuck at running
        log = RunFolder(run_dir).curve_log
        _record_failure(run_dir, f"The learning curve failed ({type(exc).__name__}: "
                        f"{str(exc)[:200]}).",
                        f"See {log.parent.name}/{log.name} in the run folder.")
        raise
    finally:
        if with_model:  # runs queued while the curve trained may start now
            try:
                jobs.reconcile()
            except Exception as exc:  # the curve's own outcome matters more here
                print(f"Starting the next queued run failed: {exc}", file=sys.stderr)
    print(curve["advice"])
    return 0
