"""Runs that must not lose their state: concurrent status writes, links out of a run folder, a
damaged last checkpoint, a resume that fails after a stop, a disk that fills up for real.

Everything here uses real files, real processes, real training of the tiny model and (where the
machine allows mounting) a real full filesystem.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from support.pages import all_text, assert_clean, open_app, write_run
from support.tiny_runs import install_run, tiny_config

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.serve.export import export_run
from core.train.training import TrainingFailed, train
from core.workspace import runs

ROOT = Path(__file__).resolve().parents[3]


# ---- item 7: a rename never undoes the state the worker wrote --------------------------------

RENAMER = """
import sys, time
from pathlib import Path
from core import runs
folder, until = Path(sys.argv[1]), float(sys.argv[2])
i = 0
while time.time() < until:
    runs.rename_run(folder, f"process name {i}")
    i += 1
"""


def test_renames_racing_the_worker_never_lose_its_state(workspace):
    folder = write_run("run-race", "queued")
    rounds, lost = 40, []
    until = time.time() + 600
    done = threading.Event()

    def rename_in_a_loop(who: str) -> None:
        i = 0
        while not done.is_set():
            runs.rename_run(folder, f"{who} {i}")
            i += 1

    renamers = [threading.Thread(target=rename_in_a_loop, args=(f"thread {n}",))
                for n in range(2)]
    process = subprocess.Popen([sys.executable, "-c", RENAMER, str(folder), str(until)],
                               cwd=ROOT)
    try:
        for thread in renamers:
            thread.start()
        time.sleep(1.0)  # the process is renaming too by now
        for step in range(rounds):  # the worker's writes, as train() and its callback make them
            runs.update_status(folder, state="running", step=0, phase="preparing")
            runs.update_status(folder, step=step, phase="training")
            runs.update_status(folder, state="completed", phase="done", step=step)
            time.sleep(0.005)
            state = runs.read_status(folder)["state"]
            if state != "completed":
                lost.append((step, state))
    finally:
        done.set()
        for thread in renamers:
            thread.join()
        process.kill()
        process.wait()
    assert lost == [], f"{len(lost)} of {rounds} completed states were overwritten: {lost[:5]}"
    status = runs.read_status(folder)
    assert status["state"] == "completed" and status["name"].startswith(("thread", "process"))


def test_an_ending_process_is_not_marked_interrupted_over_its_final_state(workspace):
    """refresh decides 'interrupted' under the run's lock, from the status it reads there."""
    folder = write_run("run-ended", "completed", pid=999_999_999)
    assert runs.change_status(folder, jobs._gone) is None  # a final state stays as it is
    runs.update_status(folder, state="running")
    assert runs.change_status(folder, jobs._gone)["state"] == "interrupted"


# ---- item 5: links out of a run folder -------------------------------------------------------

@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A secret file and folder outside every run folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text("private key")
    (folder / "secret.json").write_text(json.dumps({"state": "completed", "key": "private"}))
    return folder


def test_export_refuses_a_model_folder_with_a_link_out(tiny_model_dir, tmp_path_factory,
                                                       outside, tmp_path):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory, "run-linked")
    (run_dir / "model" / "notes.txt").symlink_to(outside / "secret.txt")
    target = tmp_path / "out.zip"
    with pytest.raises(UserError) as caught:
        export_run(run_dir, target)
    assert "model/notes.txt" in caught.value.message and "outside the run folder" in \
        caught.value.message
    assert caught.value.message.count(". ") == 0 and caught.value.fix
    assert not target.exists() and not list(tmp_path.glob("*.partial"))


def test_a_link_inside_the_run_folder_is_exported(tiny_model_dir, tmp_path_factory, tmp_path):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory, "run-inner")
    (run_dir / "model" / "eval-copy.json").symlink_to(run_dir / "eval.json")
    with zipfile.ZipFile(export_run(run_dir, tmp_path / "m.zip")) as zf:
        assert zf.read("eval-copy.json") == (run_dir / "eval.json").read_bytes()


def test_readers_never_read_through_a_link_out(workspace, outside, tiny_model_dir,
                                               tmp_path_factory):
    planted = write_run("run-planted", "completed")
    (planted / "status.json").unlink()
    (planted / "status.json").symlink_to(outside / "secret.json")
    (planted / "train.log").unlink()
    (planted / "train.log").symlink_to(outside / "secret.txt")
    assert runs.read_status(planted) is None
    assert runs.log_tail(planted) == ""
    info = runs.load_run(planted)
    assert info.damaged and "is a link to a place outside the run folder" in info.error

    folder_link = runs.runs_dir() / "run-folder-link"
    folder_link.symlink_to(outside, target_is_directory=True)
    listed = {r.run_id: r for r in jobs.reconcile()}
    assert listed["run-folder-link"].damaged and "link" in listed["run-folder-link"].error

    from core.predict.inference import Predictor

    model_run = install_run("classification", tiny_model_dir, tmp_path_factory, "run-model")
    weights = model_run / "model" / "model.safetensors"
    weights.rename(outside / "model.safetensors")
    weights.symlink_to(outside / "model.safetensors")
    with pytest.raises(UserError, match="outside the run folder"):
        Predictor(model_run)
    assert runs.load_run(model_run).damaged


def test_delete_removes_links_never_their_targets(workspace, outside):
    run_dir = write_run("run-with-links", "completed")
    (run_dir / "model").symlink_to(outside, target_is_directory=True)
    (run_dir / "secret.txt").symlink_to(outside / "secret.txt")
    runs.delete_run(run_dir)
    assert not run_dir.exists()
    folder_link = runs.runs_dir() / "run-folder-link"
    folder_link.symlink_to(outside, target_is_directory=True)
    runs.delete_run(folder_link)
    assert not folder_link.exists() and not folder_link.is_symlink()
    assert (outside / "secret.txt").read_text() == "private key"  # the targets are untouched


# ---- item 9: a damaged last checkpoint, a resume that fails after a stop --------------------

def _stopped_run(data: Path, model: Path, name: str) -> Path:
    """A run stopped by the user after its second checkpoint, with a model, report and
    checkpoints, trained for real (a watcher asks it to stop, as the Stop button does)."""
    config = tiny_config(data, model, name, epochs=6, eval_steps=2, batch_size=8)
    run_dir = jobs.create_run(config)
    done = threading.Event()

    def stop_after_two_checkpoints() -> None:
        while not done.is_set():
            if len(list((run_dir / "checkpoints").glob("checkpoint-*"))) >= 2:
                runs.request_stop(run_dir)
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=stop_after_two_checkpoints)
    watcher.start()
    try:
        final = train(config, run_dir)
    finally:
        done.set()
        watcher.join()
    assert final["state"] == "stopped", runs.log_tail(run_dir)
    (run_dir / runs.STOP_FILE).unlink()  # as Resume does
    return run_dir


def _checkpoints(run_dir: Path) -> list[Path]:
    return sorted((run_dir / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name[11:]))


def test_resume_skips_a_truncated_last_checkpoint(sentiment_csv, tiny_model_dir):
    run_dir = _stopped_run(sentiment_csv, tiny_model_dir, "truncated")
    *earlier, last = _checkpoints(run_dir)
    weights = last / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])  # cut short
    config = RunConfig.from_dict(runs.load_run(run_dir).config)
    final = train(config, run_dir, resume=True)
    assert final["state"] == "completed", runs.log_tail(run_dir)
    assert final["resumed_from"] == earlier[-1].name
    assert "is incomplete or damaged" in runs.log_tail(run_dir, 400)


def test_a_stopped_run_whose_resume_fails_stays_stopped_with_its_model(
        sentiment_csv, tiny_model_dir, tmp_path):
    data = tmp_path / "moved-away.csv"
    data.write_bytes(sentiment_csv.read_bytes())
    run_dir = _stopped_run(data, tiny_model_dir, "kept")
    model_before = (run_dir / "model" / "model.safetensors").read_bytes()
    data.unlink()  # the resume cannot read its data any more
    config = RunConfig.from_dict(runs.load_run(run_dir).config)
    with pytest.raises(UserError):
        train(config, run_dir, resume=True)
    info = runs.load_run(run_dir)
    assert info.state == "stopped"
    assert info.error.startswith("Resuming failed: ") and "model saved before is kept" in info.error
    assert (run_dir / "model" / "model.safetensors").read_bytes() == model_before

    data.write_bytes(sentiment_csv.read_bytes())
    for checkpoint in _checkpoints(run_dir):  # a state the Trainer fails on: unexpected failure
        (checkpoint / "trainer_state.json").write_text('{"global_step": "x"}')
    with pytest.raises(TrainingFailed):
        train(config, run_dir, resume=True)
    assert runs.load_run(run_dir).state == "stopped"
    at = open_app("pages/test.py")  # still offered for testing
    assert not at.exception
    shown = all_text(at)
    assert "No finished runs yet" not in shown and "This run was stopped early" in shown


# ---- item 8: a disk that fills up for real ---------------------------------------------------

DISK_MB = 6  # the tiny model's weights (4 MB) fit, its optimizer state (8 MB) does not


@pytest.fixture
def full_disk_workspace(workspace: Path):
    """The workspace on a real filesystem of DISK_MB megabytes (tmpfs), unmounted afterwards."""
    workspace.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs",
                              str(workspace)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small filesystem cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield workspace
    finally:
        subprocess.run(["umount", "-l", str(workspace)], check=False)


def _fill(folder: Path) -> Path:
    """Take every byte left on the filesystem of `folder`."""
    filler = folder / "filler.bin"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_a_disk_that_fills_up_is_recorded_and_the_runs_stay_listable_and_deletable(
        full_disk_workspace, sentiment_csv, tiny_model_dir):
    config = tiny_config(sentiment_csv, tiny_model_dir, "full", eval_steps=2, batch_size=8)
    run_dir = jobs.create_run(config)
    with pytest.raises(TrainingFailed) as caught:
        train(config, run_dir)
    assert "disk is full" in caught.value.message
    status = runs.read_status(run_dir)  # written although the checkpoint did not fit
    assert status["state"] == "failed" and status["failure"] == "disk_full", status
    assert status["error"] == "The disk is full, so the run could not be saved."
    assert "unexpectedly" not in status["error"]
    # what torch raised, for the record: not an OSError
    assert "RuntimeError" in runs.log_tail(run_dir, 400) or \
        "SafetensorError" in runs.log_tail(run_dir, 400)

    _fill(full_disk_workspace)  # nothing at all can be written now
    listed = subprocess.run([sys.executable, "-m", "core", "runs"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert run_dir.name in listed.stdout and "failed" in listed.stdout
    at = open_app("pages/runs.py")
    assert_clean(at)
    assert "full" in list(at.dataframe[0].value["Name"])
    at.button(key="runs_delete").click().run()
    at.button(key="runs_delete_yes").click().run()
    assert_clean(at)
    assert not run_dir.exists()


def test_a_run_interrupted_on_a_full_disk_is_listed_as_interrupted(full_disk_workspace):
    """Its process is gone and 'interrupted' cannot be written: the list says so anyway."""
    folder = write_run("run-gone", "running", pid=999_999_999, pid_started=1.0)
    _fill(full_disk_workspace)
    listed = {r.run_id: r for r in jobs.reconcile()}
    assert listed["run-gone"].state == "interrupted"
    assert runs.read_status(folder)["state"] == "running"  # not written: no space
