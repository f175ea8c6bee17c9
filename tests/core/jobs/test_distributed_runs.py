"""One run trained by two CPU processes over gloo (torchrun), through the app's queue and the
command line: it trains as one process would, rank 0 alone writes, a Stop and a dead process
end it as they should, and Resume continues from the last checkpoint."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from support.datasets import sentiment_rows
from support.tiny_runs import wait_for_state

from core.config import RunConfig
from core.jobs import queue as jobs
from core.workspace import runs
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[3]


def _reviews(folder: Path, n: int) -> Path:
    path = folder / f"reviews-{n}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(sentiment_rows(n, seed=3))
    return path


def _config(data: Path, model: Path, processes: int, **training) -> RunConfig:
    config = RunConfig(model=str(model), preset="quick", name=f"p{processes}")
    config.data.train = str(data)
    config.distributed.processes = processes
    settings = {"epochs": 4, "learning_rate": 3e-3, "batch_size": 16, "mode": "fine-tune",
                **training}
    for name, value in settings.items():
        setattr(config.training, name, value)
    return config


def _events(run_dir: Path) -> list[dict]:
    return runs.read_metrics(run_dir)[0]


def _test_scores(run_dir: Path) -> dict:
    return runs.read_eval(run_dir)["test"]


def test_two_processes_train_through_the_queue_as_one_process_would(tmp_path, tiny_model_dir):
    from core.train.training import train

    data = _reviews(tmp_path, 240)
    alone = tmp_path / "alone"
    train(_config(data, tiny_model_dir, 1), alone)
    info = jobs.start_run(_config(data, tiny_model_dir, 2))
    done = wait_for_state(info.path, ("completed", "failed", "stopped", "interrupted"))
    assert done.state == "completed", runs.log_tail(info.path)
    both = runs.read_status(info.path)
    assert both["world_size"] == 2 and both["pid"] is None
    # the same effective batch: as many updates as one process made
    assert both["total_steps"] == runs.read_status(alone)["total_steps"] == both["step"]
    log = RunFolder(info.path).log.read_text(encoding="utf-8")
    assert "2 processes train together: 8 examples per process and step" in log

    events, one = _events(info.path), _events(alone)
    assert {e["type"] for e in events} == {e["type"] for e in one}
    for kind in ("train", "eval"):  # one writer: every step once, in order
        steps = [e["step"] for e in events if e["type"] == kind]
        assert steps == sorted(set(steps)) == [e["step"] for e in one if e["type"] == kind]
    assert sorted(p.name for p in info.path.iterdir()) == sorted(p.name for p in alone.iterdir())

    scores, reference = _test_scores(info.path), _test_scores(alone)
    assert reference["accuracy"] >= 0.9 and scores["accuracy"] >= 0.9  # both really learned
    assert abs(scores["accuracy"] - reference["accuracy"]) <= 2 / scores["n"]
    assert scores["loss"] == pytest.approx(reference["loss"], abs=0.25)

    from transformers import pipeline

    classify = pipeline("text-classification", model=str(RunFolder(info.path).model),
                        device="cpu")
    assert classify("the film was wonderful and plot too")[0]["label"] == "positive"


def _cli_takes_process_flags() -> bool:
    from core.cli import _parser

    try:
        _parser().parse_args(["train", "--data", "x.csv", "--nproc-per-node", "2"])
    except SystemExit:
        return False
    return True


@pytest.mark.skipif(not _cli_takes_process_flags(),
                    reason="python -m core train has no --nproc-per-node flag (core/cli.py "
                           "calls core.jobs.distributed.add_flags)")
def test_two_processes_train_through_the_command_line(tmp_path, tiny_model_dir, workspace):
    data = _reviews(tmp_path, 80)
    result = subprocess.run(
        [sys.executable, "-m", "core", "train", "--data", str(data), "--model",
         str(tiny_model_dir), "--preset", "quick", "--epochs", "2", "--learning-rate", "3e-3",
         "--batch-size", "16", "--mode", "fine-tune", "--nproc-per-node", "2", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "FINETUNE_STUDIO_WORKSPACE": str(workspace)})
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["state"] == "completed" and summary["test"]["n"] > 0
    run_dir = Path(summary["run_dir"])
    status = runs.read_status(run_dir)
    assert status["world_size"] == 2 and status["step"] == status["total_steps"]
    assert {e["type"] for e in _events(run_dir)} >= {"train", "eval"}
    assert (RunFolder(run_dir).model / "model.safetensors").is_file()


def _wait(predicate, timeout: float, what: str, run_dir: Path) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate(runs.read_status(run_dir) or {}):
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: {runs.read_status(run_dir)} {runs.log_tail(run_dir)}")


def _rank_process(worker_pid: int, rank: str) -> psutil.Process:
    assert isinstance(worker_pid, int), "the run's status names no process"
    for child in psutil.Process(worker_pid).children(recursive=True):
        try:
            if "core.jobs.distributed" in child.cmdline() and \
                    child.environ().get("RANK") == rank:
                return child
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    raise AssertionError(f"no process of rank {rank} under {worker_pid}")


def test_stop_a_killed_process_and_resume(tmp_path, tiny_model_dir):
    """Stop: every process stops at the same step and the model is kept. A process killed
    later fails the run naming it; Resume continues from the last checkpoint and completes."""
    config = _config(_reviews(tmp_path, 80), tiny_model_dir, 2, epochs=15, eval_steps=4)
    info = jobs.start_run(config)
    _wait(lambda s: (s.get("step") or 0) >= 6, 180, "no training steps", info.path)
    jobs.stop_run(info.path)
    stopped = wait_for_state(info.path, ("stopped", "completed", "failed", "interrupted"))
    assert stopped.state == "stopped", runs.log_tail(info.path)
    kept = runs.read_status(info.path)["kept_checkpoint_step"]
    assert kept and (RunFolder(info.path).model / "model.safetensors").is_file()

    jobs.resume_run(info.path)
    _wait(lambda s: s.get("state") == "running" and (s.get("last_checkpoint_step") or 0) > kept,
          180, "no checkpoint after the resume", info.path)
    status = runs.read_status(info.path)
    checkpoint = status["last_checkpoint_step"]
    assert status["step"] < status["total_steps"], "the run ended before a process was killed"
    _rank_process(status["pid"], "1").send_signal(signal.SIGKILL)
    failed = wait_for_state(info.path, ("failed", "completed", "stopped", "interrupted"))
    assert failed.state == "failed", runs.log_tail(info.path)
    status = runs.read_status(info.path)
    assert status["error"] == ("Process 1 of the run stopped unexpectedly: it was ended by "
                               "signal SIGKILL.")
    assert status["fix"] == "Press Resume to continue from the last checkpoint."
    assert status["pid"] is None and status["failure"] == "unexpected"

    jobs.resume_run(info.path)
    done = wait_for_state(info.path, ("completed", "failed", "stopped", "interrupted"))
    assert done.state == "completed", runs.log_tail(info.path)
    status = runs.read_status(info.path)
    assert int(status["resumed_from"].split("-")[1]) >= checkpoint
    assert status["step"] == status["total_steps"]
    steps = [e["step"] for e in _events(info.path) if e["type"] == "train"]
    assert steps == sorted(set(steps)) and steps[-1] == status["total_steps"]
