"""Faults injected into real (tiny) training runs: out of memory, a full disk while saving, an
unwritable workspace, damaged run folders. Each ends in a readable state, loses nothing that was
saved before, and never breaks a page or the command line.

The kill -9 / resume fault is in test_cli.py and the server restart in test_e2e_browser.py.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
import torch
import transformers
from support.pages import all_text, assert_clean, fake_launch, open_app, write_run
from support.tiny_runs import install_run, tiny_config
from support.workspace_state import snapshot

from core.cli import main
from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.train.training import TrainingFailed, _save_model, train
from core.workspace import runs

OOM = "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity)"


def saved_config(run_dir: Path) -> dict:
    return json.loads((run_dir / "config.json").read_text())


# ---- out of memory --------------------------------------------------------------------------

def test_out_of_memory_fails_readably_and_a_retry_halves_the_batch(
        sentiment_csv, tiny_model_dir, monkeypatch):
    config = tiny_config(sentiment_csv, tiny_model_dir, "oom", batch_size=8)
    run_dir = jobs.create_run(config)

    def out_of_memory(*args, **kwargs):
        raise torch.OutOfMemoryError(OOM)

    with monkeypatch.context() as patch:
        patch.setattr(transformers.Trainer, "training_step", out_of_memory)
        with pytest.raises(TrainingFailed):
            train(config, run_dir)
    status = runs.read_status(run_dir)
    assert status["state"] == "failed" and status["failure"] == "out_of_memory"
    assert status["error"] == "Training ran out of memory."
    assert "batch size" in status["fix"] and "gradient accumulation" in status["fix"]
    assert "Traceback" not in status["error"] + status["fix"]
    assert "OutOfMemoryError" in runs.log_tail(run_dir, 200)  # the details are in the log
    assert jobs.half_batch(run_dir) == (4, 2)

    launched = []
    monkeypatch.setattr(jobs, "_launch", launched.append)
    retry = jobs.retry_with_half_batch(run_dir)
    assert launched == [retry.path]
    assert retry.name == "oom · batch 4"
    first, second = saved_config(run_dir)["config"], saved_config(retry.path)["config"]
    assert second["training"]["batch_size"] == 4
    assert second["training"]["gradient_accumulation"] == 2
    first["training"].update(batch_size=4, gradient_accumulation=2)
    assert {**second, "name": ""} == {**first, "name": ""}  # nothing else changed

    final = train(RunConfig.from_dict(second), retry.path)  # the retry trains to the end
    assert final["state"] == "completed"
    resolved = saved_config(retry.path)["resolved_training"]
    assert resolved["batch_size"] * resolved["gradient_accumulation"] == 8  # same effective batch
    assert final["total_steps"] == status["total_steps"]


def test_a_batch_of_one_cannot_be_halved(sentiment_csv, tmp_path):
    folder = write_run("run-tiny-batch", "failed", failure="out_of_memory",
                       error="Training ran out of memory.", fix="Halve the batch size.")
    runs.write_json_atomic(folder / "config.json", {
        "config": {"task": "text-classification", "data": {"train": str(sentiment_csv)}},
        "resolved_training": {"batch_size": 1, "gradient_accumulation": 4}})
    assert jobs.half_batch(folder) is None
    with pytest.raises(UserError):
        jobs.retry_with_half_batch(folder)


def _oom_run(data: Path, run_id: str = "run-oom", batch: int = 16) -> Path:
    folder = write_run(run_id, "failed", failure="out_of_memory",
                       error="Training ran out of memory.",
                       fix="Halve the batch size (and double gradient accumulation to keep the "
                           "effective batch), lower the max length, or choose a smaller model.")
    config = RunConfig(preset="quick", name=run_id)
    config.data.train = str(data)
    runs.write_json_atomic(folder / "config.json", {
        "config": config.to_dict(),
        "resolved_training": {"batch_size": batch, "gradient_accumulation": 1}})
    return folder


def test_train_page_offers_a_retry_with_half_the_batch(sentiment_csv, monkeypatch):
    failed = _oom_run(sentiment_csv)
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = open_app("pages/train.py")
    assert not at.exception
    assert at.error[0].value.startswith("Training failed. Training ran out of memory. Halve")
    retry = at.button(key="train_retry_half_batch")
    assert retry.label == "Retry with half the batch size"
    assert "batch size 8 and gradient accumulation 2" in retry.help
    assert not [b for b in at.button if b.label == "Resume"]
    retry.click().run()
    assert_clean(at)
    new = next(r for r in runs.list_runs() if r.path != failed)
    assert new.state == "running"
    training = saved_config(new.path)["config"]["training"]
    assert (training["batch_size"], training["gradient_accumulation"]) == (8, 2)
    assert at.query_params["run"] == new.run_id
    assert "Started again with batch size 8 and gradient accumulation 2." in all_text(at)
    assert runs.load_run(failed).state == "failed"  # the failed run is kept as it was


@pytest.mark.parametrize("failure,resume,retry", [("input", False, False),
                                                  ("disk_full", True, False),
                                                  ("unexpected", True, False)])
def test_train_page_offers_what_fits_the_failure(failure, resume, retry, sentiment_csv):
    folder = _oom_run(sentiment_csv)
    runs.update_status(folder, failure=failure, error="It failed.", fix="Do something.")
    at = open_app("pages/train.py")
    assert not at.exception
    labels = {b.label for b in at.button}
    assert ("Resume" in labels) is resume
    assert ("Retry with half the batch size" in labels) is retry


# ---- a full disk, an unwritable workspace ---------------------------------------------------

def test_disk_full_while_saving_a_checkpoint_keeps_earlier_work(
        sentiment_csv, tiny_model_dir, monkeypatch, workspace):
    earlier = jobs.create_run(tiny_config(sentiment_csv, tiny_model_dir, "earlier"))
    train(tiny_config(sentiment_csv, tiny_model_dir, "earlier"), earlier)
    kept = snapshot(earlier)

    config = tiny_config(sentiment_csv, tiny_model_dir, "full-disk", eval_steps=2, batch_size=8)
    run_dir = jobs.create_run(config)
    saves = []
    original = transformers.Trainer._save_rng_state

    def second_save_fills_the_disk(self, output_dir):
        saves.append(output_dir)
        if len(saves) == 2:  # the weights of checkpoint-4 are written, the rest is not
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, output_dir)

    with monkeypatch.context() as patch:
        patch.setattr(transformers.Trainer, "_save_rng_state", second_save_fills_the_disk)
        with pytest.raises(TrainingFailed):
            train(config, run_dir)
    status = runs.read_status(run_dir)  # still a whole, readable file
    assert status["state"] == "failed" and status["failure"] == "disk_full"
    assert status["error"] == "The disk is full, so the run could not be saved."
    assert "Resume" in status["fix"]
    checkpoints = run_dir / "checkpoints"
    assert (checkpoints / "checkpoint-4").is_dir()  # cut short by the full disk
    assert not (checkpoints / "checkpoint-4" / "trainer_state.json").exists()
    assert json.loads((checkpoints / "checkpoint-2" / "trainer_state.json").read_text())
    assert snapshot(earlier) == kept  # the earlier run is untouched
    assert runs.load_run(earlier).state == "completed"

    final = train(config, run_dir, resume=True)  # space freed: resume from the last whole one
    assert final["state"] == "completed"
    assert final["resumed_from"] == "checkpoint-2"
    assert (run_dir / "model" / "model.safetensors").is_file()


class _FullDiskModel:
    def save_pretrained(self, folder, **kwargs):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "model.safetensors").write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")


class _Trainer:
    model = _FullDiskModel()


def test_disk_full_while_saving_the_model_keeps_the_previous_model(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"the best model so far")
    (folder / "config.json").write_text("{}")
    before = snapshot(folder)
    with pytest.raises(OSError):
        _save_model(_Trainer(), tokenizer=None, folder=folder, lora=False)
    assert snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no half-written copy


def test_an_unwritable_workspace_is_a_clear_error(sentiment_csv, tiny_model_dir, tmp_path,
                                                  monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the workspace should be")
    monkeypatch.setenv(runs.WORKSPACE_ENV, str(blocked / "workspace"))
    with pytest.raises(UserError) as caught:
        jobs.start_run(tiny_config(sentiment_csv, tiny_model_dir, "nowhere"), blocked / "runs")
    assert "cannot be written" in caught.value.message
    assert runs.WORKSPACE_ENV in caught.value.fix
    from core.workspace import uploads

    with pytest.raises(UserError) as caught:
        uploads.save_upload("reviews.csv", b"text,label\nfine,pos\n")
    assert "cannot be written" in caught.value.message
    assert blocked.read_text() == "a file where the workspace should be"


def test_a_full_disk_when_a_run_is_created_leaves_no_half_run(sentiment_csv, tiny_model_dir,
                                                               monkeypatch, workspace):
    def full(path, payload):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runs, "write_json_atomic", full)
    with pytest.raises(UserError) as caught:
        jobs.create_run(tiny_config(sentiment_csv, tiny_model_dir, "full"))
    assert "is full" in caught.value.message
    assert list(runs.runs_dir().iterdir()) == []


def test_cli_train_into_an_unwritable_folder_exits_2(sentiment_csv, tiny_model_dir, tmp_path,
                                                     capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    code = main(["train", "--data", str(sentiment_csv), "--model", str(tiny_model_dir),
                 "--runs-dir", str(blocked / "runs")])
    err = capsys.readouterr().err
    assert code == 2 and "cannot be written" in err and "Traceback" not in err


# ---- damaged run folders --------------------------------------------------------------------

GOOD_CONFIG = {"config": {"task": "text-classification", "model": "default",
                          "data": {"train": "/data/reviews.csv"}}}
GOOD_STATUS = {"state": "completed", "name": "x", "created": 1.0}


def _folder(run_id: str, files: dict[str, str | None]) -> Path:
    folder = runs.runs_dir() / run_id
    folder.mkdir(parents=True)
    for name, text in files.items():
        if text is not None:
            (folder / name).write_text(text)
    return folder


DAMAGED = {
    "truncated-status": {"config.json": json.dumps(GOOD_CONFIG), "status.json": '{"state": "runn'},
    "status-is-a-list": {"config.json": json.dumps(GOOD_CONFIG), "status.json": "[1, 2]"},
    "missing-config": {"status.json": json.dumps(GOOD_STATUS)},
    "config-not-an-object": {"config.json": '{"config": "text"}',
                             "status.json": json.dumps(GOOD_STATUS)},
    "unknown-state": {"config.json": json.dumps(GOOD_CONFIG),
                      "status.json": json.dumps({**GOOD_STATUS, "state": "exploded"})},
    "empty-folder": {},
    "binary-status": {"config.json": json.dumps(GOOD_CONFIG), "status.json": "\x00\x01\x02"},
}
# Readable enough to list and show, with damage in what they hold.
ODD = {
    "wrong-types": {"config.json": json.dumps({"config": {"task": 3, "data": "nope"}}),
                    "status.json": json.dumps({**GOOD_STATUS, "step": "ten", "pid": "x",
                                               "created": "yesterday", "epoch": [1],
                                               "best_metric": "high", "eta_s": None})},
    "missing-metrics": {"config.json": json.dumps(GOOD_CONFIG),
                        "status.json": json.dumps({**GOOD_STATUS, "created": 3.0})},
    "garbage-metrics": {"config.json": json.dumps(GOOD_CONFIG),
                        "status.json": json.dumps({**GOOD_STATUS, "created": 2.0}),
                        "metrics.jsonl": "\x00garbage\n{\"type\": \"train\", \"step\": \"a\"}\n"
                                         "[1, 2]\n{\"type\": \"train\", \"step\": 5, \"loss\": "
                                         "\"high\", \"learning_rate\": 0.1}\n{\"type\": \"eval\","
                                         " \"step\": 5, \"loss\": 0.5, \"accuracy\": true}\n"
                                         "{\"type\": \"tra"},
}


@pytest.fixture
def damaged_workspace(workspace: Path) -> Path:
    for run_id, files in {**DAMAGED, **ODD}.items():
        _folder(run_id, files)
    (runs.runs_dir() / "stray-file.txt").write_text("not a run")
    write_run("run-good", "completed", created=10.0)
    return workspace


def test_damaged_folders_are_listed_as_damaged_with_the_reason(damaged_workspace):
    listed = {r.run_id: r for r in jobs.reconcile()}
    assert {k for k, r in listed.items() if r.damaged} == set(DAMAGED)
    for run_id in DAMAGED:
        assert listed[run_id].error.endswith(("unreadable", "'exploded'"))
    odd = listed["wrong-types"]
    assert (odd.step, odd.pid, odd.created, odd.epoch, odd.best_metric) == \
        (0, None, None, 0.0, None)
    assert odd.task == "3" and odd.dataset == ""
    events, _ = runs.read_metrics(listed["garbage-metrics"].path)
    assert events == [{"type": "train", "step": 5, "learning_rate": 0.1},
                      {"type": "eval", "step": 5, "loss": 0.5}]


def test_cli_runs_lists_damaged_folders(damaged_workspace, capsys):
    assert main(["runs", "--json"]) == 0
    listed = {r["run_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert {k for k, r in listed.items() if r["damaged"]} == set(DAMAGED)
    assert main(["runs"]) == 0
    text = capsys.readouterr().out
    assert "truncated-status" in text and "damaged" in text and "run-good" in text


@pytest.mark.parametrize("run_id", ["truncated-status", "missing-config", "config-not-an-object",
                                    "empty-folder"])
def test_cli_resume_of_a_damaged_run_exits_2(run_id, damaged_workspace, capsys):
    code = main(["resume", run_id])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("bad", ["../run-good", "run-good/../../x", "/etc", ".", "a b"])
def test_cli_refuses_run_ids_and_folders_that_are_not_runs(bad, damaged_workspace, capsys):
    code = main(["export", bad, "--output", str(damaged_workspace / "x.zip")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert not (damaged_workspace / "x.zip").exists()


def test_runs_page_survives_damaged_folders(damaged_workspace):
    at = open_app("pages/runs.py")
    assert_clean(at)
    states = dict(zip(at.dataframe[0].value["Name"], at.dataframe[0].value["State"]))
    assert all(states[run_id] == "damaged" for run_id in DAMAGED)
    assert f"{len(DAMAGED)} run folders could not be read" in all_text(at)
    at.multiselect(key="runs_compare").set_value(["garbage-metrics", "wrong-types",
                                                  "run-good"]).run()
    assert_clean(at)


@pytest.mark.parametrize("run_id", ["garbage-metrics", "missing-metrics", "wrong-types",
                                    "run-good"])
def test_train_page_survives_damaged_folders(run_id, damaged_workspace):
    at = open_app()
    at.query_params["run"] = run_id
    at.switch_page("pages/train.py").run()
    assert_clean(at)
    assert at.header[0].value == runs.load_run(runs.run_path(run_id)).name


def test_test_page_survives_damaged_folders(damaged_workspace, tiny_model_dir,
                                            tmp_path_factory):
    install_run("classification", tiny_model_dir, tmp_path_factory, run_id="run-trained")
    at = open_app("pages/test.py")
    assert not at.exception
    assert not [e.value for e in at.error if "Something went wrong" in e.value]


def test_a_status_file_damaged_while_the_train_page_polls(damaged_workspace):
    folder = write_run("run-live", "completed", created=20.0)
    at = open_app("pages/train.py")
    assert at.header[0].value == "run-live"
    (folder / "status.json").write_text('{"state": "compl')  # cut short by a crash
    at.run()
    assert_clean(at)
    assert at.header[0].value != "run-live"  # another run is shown; the page still works


def test_deleting_a_damaged_run_removes_only_that_folder(damaged_workspace):
    before = snapshot(damaged_workspace / "runs" / "run-good")
    runs.delete_run(runs.run_path("truncated-status"))
    assert not (damaged_workspace / "runs" / "truncated-status").exists()
    assert snapshot(damaged_workspace / "runs" / "run-good") == before
