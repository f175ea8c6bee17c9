"""Running one command as a child process, measuring its wall time and its own peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_measured(args: list[str], env: dict | None = None, check: bool = True) -> dict:
    """Run `python ARGS`; its last JSON line plus wall_seconds, peak_rss_mb (os.wait4) and
    exit_code. With `check`, a non-zero exit raises RuntimeError with the end of stderr."""
    started = time.time()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=errors, text=True,
                                env={**os.environ, "TOKENIZERS_PARALLELISM": "false",
                                     **(env or {})})
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code != 0 and check:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed ({code}): {errors.read()[-2000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    result["wall_seconds"] = round(time.time() - started, 2)
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024.0, 1)
    result["exit_code"] = code
    return result
