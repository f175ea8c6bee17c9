import json
import time

import pytest

from core.errors import UserError
from core.jobs import queue as jobs
from core.workspace import runs


def _make_run(base, run_id, state="completed", created=None, **status):
    folder = runs.run_path(run_id, base)
    folder.mkdir(parents=True)
    runs.write_json_atomic(folder / "config.json", {"config": {"task": "text-classification",
                                                              "model": "default",
                                                              "data": {"train": "/x/a.csv"}}})
    runs.write_json_atomic(folder / "status.json",
                           {"state": state, "created": created or time.time(), **status})
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
    jobs.reconcile(tmp_path)
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


def test_a_failed_atomic_write_keeps_the_previous_file(tmp_path, monkeypatch):
    import errno
    import os

    runs.write_json_atomic(tmp_path / "status.json", {"state": "running", "step": 10})

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        runs.write_json_atomic(tmp_path / "status.json", {"state": "running", "step": 20})
    assert json.loads((tmp_path / "status.json").read_text()) == {"state": "running", "step": 10}
    assert [p.name for p in tmp_path.iterdir()] == ["status.json"]  # no temp file left
    assert runs.record_status(tmp_path, state="failed") is False  # gives up quietly
    assert runs.read_status(tmp_path)["step"] == 10


def test_new_run_folder_refuses_an_unwritable_workspace(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(UserError) as caught:
        runs.new_run_folder({"task": "text-classification"}, "x", blocked / "runs")
    assert "cannot be written" in caught.value.message
    folder = runs.new_run_folder({"task": "text-classification"}, "My run", tmp_path / "runs")
    assert runs.load_run(folder).state == "queued" and runs.load_run(folder).name == "My run"


def test_status_values_of_the_wrong_kind_are_ignored(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-odd", step="7", pid=True, epoch=float("nan"),
                       best_metric="0.9", total_steps=[1], created="yesterday")
    info = runs.load_run(folder)
    assert not info.damaged
    assert (info.step, info.pid, info.epoch, info.best_metric, info.total_steps) == \
        (0, None, 0.0, None, 0)
    runs.write_json_atomic(folder / "status.json", {"state": 42})
    assert runs.load_run(folder).damaged


def test_metrics_events_keep_only_numbers(tmp_path):
    with open(tmp_path / "metrics.jsonl", "w") as handle:
        handle.write('{"type": "train", "step": 1, "loss": "NaN?", "learning_rate": 0.1}\n'
                     '{"type": "eval", "step": true, "loss": 0.5}\n'
                     '{"step": 2, "loss": 0.4}\n'
                     '{"type": "eval", "step": 2, "loss": 0.3, "note": "x", "flag": false}\n')
    events, _ = runs.read_metrics(tmp_path)
    assert events == [{"type": "train", "step": 1, "learning_rate": 0.1},
                      {"type": "eval", "step": 2, "loss": 0.3}]


def test_a_failed_run_carries_its_saved_error_in_any_language(tmp_path):
    from core.text import Text
    saved = {"key": "training.out_of_memory.message", "params": {}}
    folder = _make_run(tmp_path, "20260101-000000-oom", state="failed",
                       error="Training ran out of memory.", fix="Halve it.",
                       error_text=saved, fix_text={"key": "training.out_of_memory.fix"})
    info = runs.load_run(folder)
    assert info.error == "Training ran out of memory." and info.fix == "Halve it."
    assert info.error_text == Text("training.out_of_memory.message", {})
    assert info.fix_text == Text("training.out_of_memory.fix", {})
    assert info.problem("zh")[0] == "训练时内存不足。"
    assert info.problem("en")[1].startswith("Halve the batch size")


def test_an_old_failed_run_keeps_its_plain_error(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-old", state="failed", error="It broke.",
                       fix="Try again.", error_text="not a saved text", fix_text=["x"])
    info = runs.load_run(folder)
    assert not info.damaged
    assert (info.error_text, info.fix_text) == (None, None)
    assert info.problem("zh") == ("It broke.", "Try again.")


def test_a_failed_resume_keeps_its_wording_around_the_saved_error(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-resume", state="failed", resume_failed=True,
                       error_text={"key": "training.out_of_memory.message", "params": {}})
    info = runs.load_run(folder)
    assert info.problem("en")[0] == ("Resuming failed: Training ran out of memory. The model "
                                     "saved before is kept.")
    assert info.problem("zh")[0] == "继续训练失败：训练时内存不足。 之前保存的模型仍然保留。"


def test_an_interrupted_run_says_so_in_the_readers_language(tmp_path):
    folder = _make_run(tmp_path, "20260101-000000-ctrlc", state="running", pid=12345)
    assert runs.record_interrupted(folder)
    status = runs.read_status(folder)
    assert status["state"] == "interrupted" and status.get("pid") is None
    assert status["error"] == "Training was interrupted (Ctrl+C)."
    assert status["fix"] == "Press Resume to continue from the last checkpoint."
    info = runs.load_run(folder)
    assert info.problem("en") == (status["error"], status["fix"])
    assert info.problem("zh") == ("训练被中断了（Ctrl+C）。",
                                  "请点击“继续”，从最后一个检查点接着训练。")


def test_a_damaged_run_says_why_in_the_readers_language(tmp_path):
    broken = runs.run_path("20260101-000001-broken", tmp_path)
    broken.mkdir()
    (broken / "status.json").write_text("{truncated")
    info = runs.load_run(broken)
    assert info.damaged and "status.json" in info.error
    english, chinese = info.problem("en")[0], info.problem("zh")[0]
    assert english == info.error and "status.json" in chinese and chinese != english
