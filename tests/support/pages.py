"""Helpers for the page tests: run folders written in core/workspace/runs.py's format, and
AppTest setup.

Imported by the page tests in tests/pages/ (tests/conftest.py gives each test its own workspace
through FINETUNE_STUDIO_WORKSPACE).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import psutil
from streamlit.testing.v1 import AppTest

from core.workspace import runs

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 60  # seconds per script run; 2 shared CPU cores can be slow


def open_app(page: str | None = None) -> AppTest:
    """The app after its first run, on `page` (e.g. "pages/train.py") or the default Data page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if page:
        at.switch_page(page)
    return at.run()


def write_run(run_id: str, state: str = "completed", events: list[dict] | None = None,
              config: dict | None = None, **status: Any) -> Path:
    """A run folder as the training worker leaves it (no training involved)."""
    folder = runs.run_path(run_id)
    folder.mkdir(parents=True)
    config = config or {"task": "text-classification", "model": "default", "preset": "quick",
                        "name": run_id, "data": {"train": "/data/reviews.csv"},
                        "training": {"epochs": 2}}
    runs.write_json_atomic(folder / "config.json", {"config": config})
    now = time.time()
    runs.write_json_atomic(folder / "status.json", {
        "state": state, "name": run_id, "created": status.pop("created", now - 120),
        "started": now - 100, "finished": None if state in ("running", "queued") else now - 10,
        "step": 40, "total_steps": 40 if state == "completed" else 80, "epoch": 1.0,
        "best_metric_name": "accuracy", "best_metric": 0.9, **status})
    for event in events if events is not None else curve():
        runs.append_event(folder, event)
    (folder / "train.log").write_text("loading the model\nstep 40 loss 0.31\n", encoding="utf-8")
    return folder


def curve(steps: int = 40, overfit: bool = False, gpu: bool = False) -> list[dict]:
    """Metrics events: train every 5 steps, eval every 10 (validation loss rising if overfit)."""
    events = []
    for step in range(5, steps + 1, 5):
        events.append({"type": "train", "step": step, "epoch": step / 20, "time": step * 0.5,
                       "loss": 1.0 / step ** 0.5, "learning_rate": 1e-4 * (1 - step / 100),
                       "examples_per_s": 40.0 + step % 7})
        if step % 10 == 0:
            val_loss = 0.3 + (step / 100 if overfit else 0.5 / step)
            events.append({"type": "eval", "step": step, "epoch": step / 20, "time": step * 0.5,
                           "loss": val_loss, "accuracy": 0.7 + step / 200,
                           "macro_f1": 0.68 + step / 200})
            if gpu:
                events.append({"type": "system", "step": step, "time": step * 0.5,
                               "gpu_memory_mb": 2000 + step, "gpu_util": 0.9})
    return events


def mark_alive(run_dir: Path) -> None:
    """Make a 'running' run look alive to core.jobs.queue: its pid is this test process."""
    me = psutil.Process(os.getpid())
    runs.update_status(run_dir, state="running", pid=me.pid, pid_started=me.create_time())


def fake_launch(run_dir: Path) -> None:
    """Stands in for jobs._launch: the run looks started, no training process is spawned."""
    runs.update_status(run_dir, started=time.time(), step=0, total_steps=10)
    mark_alive(run_dir)


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def all_text(at: AppTest) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success",
                 "warning", "error", "text", "code"):
        parts += texts(at, kind)
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    """No uncaught exception reached the page and no error box is shown."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def read_json(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


__all__ = ["APP", "open_app", "write_run", "curve", "mark_alive", "fake_launch", "texts",
           "all_text", "assert_clean", "read_json"]
