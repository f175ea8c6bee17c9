"""Workers in their own processes: two joining one study through one SQLite URL share its
trials (none trained twice), and a worker killed mid-trial leaves that trial failed while the
next worker goes on with the study."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.datasets import write_sentiment_csv

from core.cli import main
from core.jobs import queue as jobs
from core.search import folder as searches
from core.search import study as studies
from core.workspace import runs

ROOT = Path(__file__).resolve().parents[3]
FAST = ["epochs=1", "batch_size=16", "max_length=64", "warmup_ratio=0", "weight_decay=0",
        "learning_rate=5e-3"]


def _args(data: Path, model: Path, url: str, trials: int) -> list[str]:
    args = ["search", "--data", str(data), "--model", str(model), "--preset", "quick",
            "--trials", str(trials), "--study", "shared", "--storage", url, "--heartbeat", "1"]
    for rule in FAST:
        args += ["--space", rule]
    return args


def _worker(args: list[str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen([sys.executable, "-m", "core", *args], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ})


@pytest.mark.slow
def test_two_workers_join_one_study_and_share_its_trials(tmp_path, tiny_model_dir):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    args = _args(write_sentiment_csv(tmp_path), tiny_model_dir, url, trials=4)
    workers = [_worker(args, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    for n, proc in enumerate(workers, 1):
        assert proc.wait(timeout=400) == 0, (tmp_path / f"worker-{n}.log").read_text()[-3000:]

    trials = studies.load(url, "shared").get_trials()
    assert 4 <= len(trials) <= 5  # two workers starting the last trial together may add one
    assert all(t.state.name == "COMPLETE" for t in trials), [t.state.name for t in trials]
    assert len({t.user_attrs["worker"] for t in trials}) == 2, "one worker trained them all"
    folder = searches.search_folder("shared")
    listed = searches.trial_runs(folder)
    numbers = [runs.read_status(info.path)["trial"] for info in listed]
    assert sorted(numbers) == [t.number for t in trials]  # one run per trial, none twice
    assert {info.run_id for info in listed} == {t.user_attrs["run_id"] for t in trials}
    assert searches.state(folder) == "completed"


def _training_trial(deadline: float) -> runs.RunInfo:
    while time.time() < deadline:
        for info in runs.list_runs():
            status = runs.read_status(info.path) or {}
            if status.get("state") == "running" and status.get("phase") == "training":
                return info
        time.sleep(0.2)
    raise AssertionError("no trial began training")


@pytest.mark.slow
def test_a_killed_workers_trial_fails_and_the_study_goes_on(tmp_path, tiny_model_dir):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    args = _args(write_sentiment_csv(tmp_path), tiny_model_dir, url, trials=2)
    proc = _worker(args, tmp_path / "killed.log")
    try:
        victim = _training_trial(time.time() + 240)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    time.sleep(2.5)  # past the heartbeat's grace period (twice the 1 s interval)

    assert main(args) == 0  # another worker joins the same study and finishes it

    trials = studies.load(url, "shared").get_trials()
    assert [t.state.name for t in trials] == ["FAIL", "COMPLETE"]
    assert trials[0].user_attrs["run_id"] == victim.run_id
    jobs.reconcile()
    assert runs.load_run(victim.path).state == "interrupted"
    assert runs.load_run(runs.run_path(trials[1].user_attrs["run_id"])).state == "completed"


@pytest.mark.slow
def test_the_apps_search_process_stops_when_asked(tmp_path, tiny_model_dir):
    from core.config import RunConfig  # lazy: only this test builds a configuration
    from core.search import control  # lazy: only this test starts a search as the app does

    config = RunConfig(model=str(tiny_model_dir), preset="quick", name="app")
    config.data.train = str(write_sentiment_csv(tmp_path))
    folder = control.start(config, 3, 5, ["epochs=5", "batch_size=8", "max_length=64"])
    victim = _training_trial(time.time() + 240)
    control.stop(folder)
    deadline = time.time() + 120
    while searches.state(folder) in ("running", "queued") and time.time() < deadline:
        time.sleep(0.5)
    assert searches.state(folder) == "stopped", folder.log.read_text()[-3000:]
    assert [info.state for info in searches.trial_runs(folder)] == ["stopped"]
    assert runs.load_run(victim.path).state == "stopped"
    rows = studies.trial_rows(control.study_of(folder))
    assert [row["state"] for row in rows] == ["stopped"]
