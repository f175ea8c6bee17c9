"""The run folder's layout (RunFolder) and its config.json record (RunRecord)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.errors import UserError
from core.workspace import runs
from core.workspace.folder import OtherVersion, RunFolder, RunRecord

FULL = {"config": {"task": "text-classification", "model": "default", "name": "r"},
        "resolved_training": {"epochs": 3.0, "batch_size": 16}, "labels": ["neg", "pos"],
        "multi_label": False, "split_notes": ["a note"],
        "data_hash": {"train": "abc", "validation": None, "test": None},
        "versions": {"python": "3.11"}, "device": {"kind": "cpu"}}


def test_every_file_lies_in_the_run_folder(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run-1")
    paths = [folder.config, folder.status, folder.metrics, folder.metrics_partial,
             folder.metrics_attempt(2), folder.evaluation, folder.health, folder.log,
             folder.stop, folder.space_reserve, folder.checkpoints, folder.model,
             folder.model_config,
             folder.predictions("test"), folder.curve_folder, folder.curve, folder.curve_log]
    assert len(set(paths)) == len(paths)
    assert all(p.is_relative_to(folder.path) for p in paths)
    assert folder.run_id == "run-1"
    assert folder.config.name == "config.json" and folder.curve.parent == folder.curve_folder
    with pytest.raises(ValueError):
        folder.predictions("../x")


def test_record_round_trip(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path)
    record = RunRecord.from_dict(FULL)
    assert record.to_dict() == FULL
    folder.write_record(record)
    assert json.loads(folder.config.read_text()) == FULL
    assert folder.read_record() == record


def test_old_config_without_new_keys_loads_with_defaults() -> None:
    record = RunRecord.from_dict({"config": {"task": "text-classification"}})
    assert record.config == {"task": "text-classification"}
    assert record.resolved_training is None and record.labels == [] and record.device == {}
    # the oldest layout: the run config itself, with no "config" key
    oldest = RunRecord.from_dict({"task": "text-classification", "model": "default"})
    assert oldest.config == {"task": "text-classification", "model": "default"}
    # a value written as null reads as its default
    assert RunRecord.from_dict({"config": {}, "labels": None}).labels == []


def test_unknown_keys_are_rejected_by_name() -> None:
    with pytest.raises(UserError) as caught:
        RunRecord.from_dict({**FULL, "tokenizer": {}, "adapters": []}, run="run-9")
    assert isinstance(caught.value, OtherVersion)
    message = caught.value.message
    assert "another version" in message and "adapters, tokenizer" in message
    assert "run-9" in message and caught.value.fix


def test_values_of_the_wrong_kind_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        RunRecord.from_dict({"config": [], "multi_label": "yes"})
    assert "config, multi_label" in caught.value.message
    assert not isinstance(caught.value, OtherVersion)
    folder = RunFolder(tmp_path)  # a damaged file, not another version's
    folder.write_json(folder.config, {"config": "text"})
    assert folder.read_record() is None


def test_symlinked_file_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps({"config": {}}))
    folder = RunFolder(tmp_path / "run")
    folder.path.mkdir()
    os.symlink(outside, folder.config)
    assert folder.safe(folder.config) is None
    assert folder.read_json(folder.config) is None
    assert folder.read_record() is None


def test_missing_or_damaged_config_reads_as_none(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path)
    assert folder.read_record() is None
    folder.config.write_text("{not json")
    assert folder.read_record() is None


def test_run_with_unknown_keys_is_listed_as_made_by_another_version(tmp_path: Path) -> None:
    run_dir = runs.new_run_folder({"task": "text-classification"}, "x", tmp_path)
    RunFolder(run_dir).write_json(RunFolder(run_dir).config, {**FULL, "future": 1})
    info = runs.load_run(run_dir)
    assert info.damaged and "another version" in info.error and "future" in info.error
    assert info.fix
    assert [r.run_id for r in runs.list_runs(tmp_path)] == [run_dir.name]


def _old_run(name: str, **saved) -> Path:
    """A run folder as an older version left it: config.json holds only what it knew then."""
    run_dir = runs.new_run_folder({"task": "text-classification"}, name)
    folder = RunFolder(run_dir)
    folder.write_json(folder.config, saved)
    return run_dir


def test_an_old_run_without_new_keys_lists_and_resumes(monkeypatch) -> None:
    from core.jobs import queue as jobs

    run_dir = _old_run("old", config={"task": "text-classification", "name": "old"})
    runs.update_status(run_dir, state="interrupted")
    launched = []
    monkeypatch.setattr(jobs, "_launch", launched.append)
    info = jobs.resume_run(run_dir)
    assert not info.damaged and info.state == "queued" and launched == [run_dir]


def test_a_run_of_another_version_is_not_resumed_or_retried() -> None:
    from core.jobs import queue as jobs

    run_dir = _old_run("other", **FULL, future=True)
    runs.update_status(run_dir, state="failed", failure="out_of_memory")
    assert jobs.half_batch(run_dir) is None
    with pytest.raises(UserError) as caught:
        jobs.retry_with_half_batch(run_dir)
    assert "cannot be retried with a smaller batch" in caught.value.message
    with pytest.raises(UserError) as caught:
        jobs.resume_run(run_dir)
    assert "is damaged and cannot be resumed" in caught.value.message


def test_the_worker_fails_a_run_of_another_version_saying_so() -> None:
    from core.jobs.worker import run_worker

    run_dir = _old_run("other", **FULL, future=True)
    runs.update_status(run_dir, state="running")
    assert run_worker(run_dir) == 2
    status = runs.read_status(run_dir)
    assert status["state"] == "failed" and "another version" in status["error"]
    assert "future" in status["error"] and status["fix"]


def test_queue_and_curve_messages_are_the_same_words(tmp_path: Path) -> None:
    from core.config import RunConfig
    from core.jobs import queue as jobs

    config = RunConfig()
    config.data.train = str(tmp_path / "gone.csv")
    with pytest.raises(UserError) as caught:
        jobs.create_run(config)
    assert caught.value.message == "The training file gone.csv does not exist."
    assert caught.value.fix == "Choose the file again."
