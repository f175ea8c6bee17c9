"""The one way core starts a background process: `python -m core <args>` in its own session,
with a clean environment, its output appended to a log, and the child reaped later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from core.workspace import runs

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
SECRETS = ("FINETUNE_STUDIO_PASSWORD", "FINETUNE_SERVE_TOKEN")  # a server gets its own alone
SECRET_PREFIXES = ("FINETUNE_STUDIO_SECRET",)

_children: list[subprocess.Popen] = []  # reaped by reap() so finished children leave no zombies


def child_environment() -> dict[str, str]:
    """This process's environment without the app's secrets (a child has no business with the
    password), unbuffered output and the workspace this process uses."""
    env = {name: value for name, value in os.environ.items()
           if name not in SECRETS and not name.startswith(SECRET_PREFIXES)}
    env["PYTHONUNBUFFERED"] = "1"
    env[runs.WORKSPACE_ENV] = str(runs.workspace_dir())
    return env


def launch(args: list[str], log: Path, cwd: Path = PROJECT_ROOT) -> subprocess.Popen:
    """Start `python -m core <args>` in a new session (it outlives a closed page or a restarted
    server), its stdout and stderr appended to `log`. An OSError (no such folder, a full disk,
    no processes left) reaches the caller."""
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "core", *args], cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=child_environment())
    _children.append(proc)
    return proc


def reap() -> None:
    """Collect the exit status of children that have ended."""
    for proc in list(_children):
        if proc.poll() is not None:
            _children.remove(proc)
