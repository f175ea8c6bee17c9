"""Background runs: a worker process per run, one active at a time, the next queued run after it."""

import os
import subprocess
import sys
import time
from pathlib import Path

from support.tiny_runs import tiny_config, wait_for_state

from core.jobs import launch as launcher
from core.jobs import queue as jobs
from core.workspace import runs


def test_second_run_queues_and_starts_when_the_first_ends(sentiment_csv, tiny_model_dir):
    first = jobs.start_run(tiny_config(sentiment_csv, tiny_model_dir, "first"))
    second = jobs.start_run(tiny_config(sentiment_csv, tiny_model_dir, "second"))
    assert first.state == "running" and first.pid
    assert second.state == "queued"
    assert sum(r.state == "running" for r in runs.list_runs()) == 1
    done = wait_for_state(first.path, ("completed",))
    assert done.best_metric is not None
    assert wait_for_state(second.path, ("completed",)).state == "completed"
    events, _ = runs.read_metrics(second.path)
    assert any(e["type"] == "eval" for e in events)


def test_stop_button_ends_a_background_run_as_stopped(sentiment_csv, tiny_model_dir):
    config = tiny_config(sentiment_csv, tiny_model_dir, "long")
    config.training.epochs = 50
    info = jobs.start_run(config)
    deadline = time.time() + 120
    while runs.load_run(info.path).step < 2 and time.time() < deadline:
        time.sleep(0.3)
    jobs.stop_run(info.path)
    stopped = wait_for_state(info.path, ("stopped", "completed", "failed"))
    assert stopped.state == "stopped", runs.log_tail(info.path)
    assert (info.path / "model" / "config.json").is_file()
    resumed = jobs.resume_run(info.path)
    assert resumed.state == "running"
    jobs.stop_run(info.path)
    assert wait_for_state(info.path, ("stopped", "completed")).state in ("stopped", "completed")


def test_a_failing_run_reports_its_reason(tmp_path, tiny_model_dir):
    path = tmp_path / "one.csv"
    path.write_text("text,label\n" + "\n".join(f"row {i},same" for i in range(30)))
    info = jobs.start_run(tiny_config(path, tiny_model_dir, "bad"))
    failed = wait_for_state(info.path, ("failed",))
    assert "label" in failed.error.lower() and failed.fix


def test_a_queued_run_that_cannot_be_launched_fails_with_the_reason(tmp_path, monkeypatch):
    folder = runs.new_run_folder({"task": "text-classification"}, "blocked", tmp_path)

    def cannot_write(run_dir):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jobs, "_launch", cannot_write)
    jobs.reconcile(tmp_path)
    info = runs.load_run(folder)
    assert info.state == "failed"
    assert "cannot be written (Permission denied)" in info.error and info.fix


def test_listing_for_a_page_writes_nothing_and_starts_nothing(tmp_path, monkeypatch):
    launched = []
    monkeypatch.setattr(jobs, "_launch", launched.append)
    dead = runs.new_run_folder({"task": "text-classification"}, "dead", tmp_path)
    runs.update_status(dead, state="running", pid=2 ** 22 + 7, pid_started=1.0)
    queued = runs.new_run_folder({"task": "text-classification"}, "next", tmp_path)
    listed = {r.path: r for r in jobs.current_runs(tmp_path)}
    assert listed[dead].state == "interrupted" and listed[dead].error  # shown as it is
    assert runs.read_status(dead)["state"] == "running"  # but not recorded
    assert listed[queued].state == "queued" and launched == []
    jobs.reconcile(tmp_path)
    assert runs.read_status(dead)["state"] == "interrupted" and launched == [queued]


def test_the_worker_does_not_get_the_app_password(tmp_path, monkeypatch):
    seen = {}

    class Recorder:
        pid = 1

        def __init__(self, args, env, **kwargs):
            seen.update(env)

        def poll(self):
            return 0

    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", "s3cret")
    monkeypatch.setattr(launcher.subprocess, "Popen", Recorder)
    folder = runs.new_run_folder({"task": "text-classification"}, "x", tmp_path)
    jobs._launch(folder)
    assert "FINETUNE_STUDIO_PASSWORD" not in seen and seen["PYTHONUNBUFFERED"] == "1"


# ---- the command line joins the same queue ---------------------------------------------------

ROOT = Path(__file__).resolve().parents[3]


def _cli_train(data, model, name, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "core", "train", "--data", str(data), "--model", str(model),
         "--preset", "quick", "--name", name, *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class Watch:
    """Polls the run folders without refreshing the queue (so nothing here starts a run) and
    remembers the most runs ever seen training at once."""

    def __init__(self):
        self.most_running = 0

    def until(self, condition, timeout=240):
        deadline = time.time() + timeout
        while time.time() < deadline:
            listed = {r.name: r for r in runs.list_runs()}
            self.most_running = max(self.most_running,
                                    sum(r.state == "running" for r in listed.values()))
            if condition(listed):
                return listed
            time.sleep(0.2)
        raise AssertionError(f"timed out: { {n: r.state for n, r in listed.items()} }")


def test_cli_runs_wait_their_turn_and_start_the_next_when_they_end(sentiment_csv,
                                                                    tiny_model_dir):
    watch = Watch()
    first = _cli_train(sentiment_csv, tiny_model_dir, "cli-first", "--epochs", "40")
    watch.until(lambda r: "cli-first" in r and r["cli-first"].state == "running")

    refused = subprocess.run(
        [sys.executable, "-m", "core", "train", "--data", str(sentiment_csv), "--model",
         str(tiny_model_dir), "--name", "refused", "--no-wait"],
        cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert refused.returncode == 2, refused.stderr
    assert "error: Another run is training (cli-first)." in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "refused" not in {r.name for r in runs.list_runs()}  # no run folder left behind

    app = jobs.start_run(tiny_config(sentiment_csv, tiny_model_dir, "app-second"))
    assert app.state == "queued"  # the app sees the command's run training
    third = _cli_train(sentiment_csv, tiny_model_dir, "cli-third", "--epochs", "1")
    watch.until(lambda r: "cli-third" in r and r["cli-third"].state == "queued")
    time.sleep(2.0)  # it waits, it does not train beside the others
    watch.until(lambda r: r["cli-third"].state == "queued" and r["cli-first"].state == "running")

    jobs.stop_run(runs.load_run(next(r.path for r in runs.list_runs()
                                     if r.name == "cli-first")).path)
    assert first.wait(240) == 0, first.stderr.read()
    # the ending command started the run the app had queued behind it
    watch.until(lambda r: r["app-second"].state in ("running", "completed"))
    watch.until(lambda r: r["app-second"].state == "completed")
    assert third.wait(240) == 0  # and the app's run, ending, let the waiting command go
    stderr = third.stderr.read()
    assert "Another run is training (cli-first); this one is queued and starts when it ends." \
        in stderr
    final = watch.until(lambda r: r["cli-third"].state == "completed")
    assert final["cli-first"].state == "stopped"
    assert watch.most_running == 1


def test_a_refresh_between_queueing_and_waiting_leaves_the_cli_run_to_the_cli(
        sentiment_csv, tiny_model_dir, workspace, monkeypatch):
    """An app page refreshing the queue right after `core train` made its run folder must not
    start a worker for it (the command would then wait on its own run and delete it)."""
    from core.cli import main

    real_wait_here = jobs.wait_here

    def refresh_first(run_dir):
        jobs.reconcile()  # the worst moment for a browser rerun
        real_wait_here(run_dir)

    monkeypatch.setattr(jobs, "wait_here", refresh_first)
    assert main(["train", "--data", str(sentiment_csv), "--model", str(tiny_model_dir),
                 "--preset", "quick", "--epochs", "1", "--no-wait"]) == 0
    [run] = runs.list_runs()
    assert run.state == "completed"
    assert (runs.read_status(run.path) or {}).get("pid") in (None, os.getpid())  # no worker


def test_a_child_process_gets_neither_the_password_nor_a_servers_token(monkeypatch, workspace):
    from core.jobs import launch

    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", "pw")
    monkeypatch.setenv("FINETUNE_SERVE_TOKEN", "tok")
    monkeypatch.setenv("FINETUNE_STUDIO_SECRET_KEY", "k")
    env = launch.child_environment()
    assert not {"FINETUNE_STUDIO_PASSWORD", "FINETUNE_SERVE_TOKEN",
                "FINETUNE_STUDIO_SECRET_KEY"} & set(env)
    assert env["PYTHONUNBUFFERED"] == "1"
