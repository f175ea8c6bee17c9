"""The background training process: `python -m core worker RUN_DIR`, started by the queue.

A run that asks for several processes is trained through torchrun, the worker waiting for it
(core/jobs/distributed.py)."""

from __future__ import annotations

import time
from pathlib import Path

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.jobs.distributed import train_here
from core.train.training import TrainingFailed
from core.workspace import runs
from core.workspace.folder import RunFolder


def run_worker(run_dir: Path) -> int:
    """Train the queued run in `run_dir`, then hand the machine to the next queued run."""
    run_dir = Path(run_dir)
    status = runs.read_status(run_dir) or {}
    exit_code = 0
    try:  # a config.json of another version is a UserError: the run fails saying so
        record = RunFolder(run_dir).read_record()
        config = RunConfig.from_dict(record.config if record is not None else {})
        train_here(config, run_dir, resume=bool(status.get("resume")))
    except UserError as exc:
        print(f"Input problem: {exc}", flush=True)
        if (runs.read_status(run_dir) or {}).get("state") not in ("failed", "stopped"):
            runs.record_status(run_dir, state="failed", error=exc.message, fix=exc.fix,
                               finished=time.time(), pid=None)
        exit_code = 2
    except TrainingFailed as exc:
        print(f"Failed: {exc.message}", flush=True)
        exit_code = 1
    finally:
        jobs.reconcile()  # hand the machine to the next queued run
    return exit_code
