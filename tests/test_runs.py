import json
import time

import pytest

from core import jobs, runs
from core.errors import UserError


def _make_run(base, run_id, state="completed", created=None, **status):
    folder = runs.run_path(run_id, base)
    folder.mkdir(parents=True)
    runs.write_json_atomic(folder / "config.json", {"config": {"task": "text-classification",
                                                              "model": "default",
                                                              "data": {"train": "/x/a.csv"}}})
    runs.write_json_atomic(folder / "status.json", {"state": state, "created": created or time.time(),
                                                    **status})
    return folder


def test_write_json_atomic_leaves_no_temp_files(tmp_path):
    runs.write_json_atomic(tmp_path / "s.json", {"a": 1})
    runs.write_json_atomic(tmp_path / "s.json", {"a": 2})
    assert json.loads((tmp_path / "s.json").read_text()) == {"a": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_read_metrics_is_incremental_and_skips_garbage(tmp_path):
    runs.append_event(tmp_path, {"type": "train", "step": 1, "loss": 1.0})
    events, offset = runs.read_metrics(tmp_path)
    assert [e["step"] for e in events] == [1]
    with open(tmp_path / "metrics.jsonl", "a") as handle:
        handle.write("not json\n{\"type\": \"eval\", \"step\": 2}\n{\"type\": \"tr")
    events, offset2 = runs.read_metrics(tmp_path, offset)
    assert [e["step"] for e in events] == [2]  # garbage skipped, half line left for later
    with open(tmp_path / "metrics.jsonl", "a") as handle:
        handle.write("ain\", \"step\": 3}\n")
    events, _ = runs.read_metrics(tmp_path, offset2)
    assert [e["step"] for e in events] == [3]


def test_damaged_run_folders_are_listed_not_raised(tmp_path):
    good = _make_run(tmp_path, "20260101-000000-good")
    broken = runs.run_path("20260101-000001-broken", tmp_path)
    broken.mkdir()
    (broken / "status.json").write_text("{truncated")
    listed = {r.run_id: r for r in runs.list_runs(tmp_path)}
    assert listed[good.name].state == "completed" and not listed[good.name].damaged
    assert listed[broken.name].damaged and "status.json" in listed[broken.name].error


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "..", "x" * 200, "/etc"])
def test_run_ids_are_validated(bad):
    with pytest.raises(UserError):
        runs.check_run_id(bad)


def test_rename_and_delete(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-a")
    runs.rename_run(folder, "My run")
    assert runs.load_run(folder).name == "My run"
    running = _make_run(tmp_path, "20260101-000001-b", state="running")
    with pytest.raises(UserError):
        runs.delete_run(running)
    runs.delete_run(folder)
    assert not folder.exists()


def test_refresh_marks_dead_running_runs_interrupted(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-dead", state="running", pid=999999)
    jobs.refresh(tmp_path)
    info = runs.load_run(folder)
    assert info.state == "interrupted" and "Resume" in info.fix


def test_stop_of_a_queued_run_marks_it_stopped(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-q", state="queued")
    jobs.stop_run(folder)
    assert runs.load_run(folder).state == "stopped"


def test_stop_of_a_running_run_writes_a_request(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-r", state="running", pid=1)
    jobs.stop_run(folder)
    assert runs.stop_requested(folder)
