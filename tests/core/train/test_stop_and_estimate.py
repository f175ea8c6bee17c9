"""Stop keeps a resumable checkpoint, a restart from zero starts a clean curve and status, the
estimate comes from this machine's measured speed, and the time left follows the run's pace."""

from __future__ import annotations

import json
import time

from support.tiny_runs import tiny_config, wait_for_state
from transformers import TrainerControl, TrainerState, TrainingArguments

from core.jobs import queue as jobs
from core.train import presets, speed
from core.train.callbacks import RunMonitor
from core.workspace import runs


def _wait_for_step(run_dir, step, timeout=120):
    deadline = time.time() + timeout
    while runs.load_run(run_dir).step < step and time.time() < deadline:
        time.sleep(0.2)


def _events(run_dir):
    return runs.read_metrics(run_dir)[0]


def test_a_stop_before_the_first_checkpoint_keeps_one_and_resume_continues_from_it(
        sentiment_csv, tiny_model_dir):
    # the first evaluation and checkpoint would come at step 5,000, after the last step: a
    # checkpoint can only come from the stop, however late it lands on a busy machine
    info = jobs.start_run(tiny_config(sentiment_csv, tiny_model_dir, "stop", epochs=100,
                                      eval_steps=5000))
    _wait_for_step(info.path, 2)
    jobs.stop_run(info.path)
    stopped = wait_for_state(info.path, ("stopped", "completed", "failed"))
    assert stopped.state == "stopped", runs.log_tail(info.path)
    status = runs.read_status(info.path)
    step = status["kept_checkpoint_step"]
    assert step == stopped.step and 2 <= step < 5000
    assert (info.path / "checkpoints" / f"checkpoint-{step}" / "trainer_state.json").is_file()
    assert status["kept_model"] and (info.path / "model" / "model.safetensors").is_file()

    jobs.resume_run(info.path)
    _wait_for_step(info.path, step + 2)
    jobs.stop_run(info.path)
    again = wait_for_state(info.path, ("stopped", "completed", "failed"))
    assert again.state == "stopped", runs.log_tail(info.path)
    assert runs.read_status(info.path)["resumed_from"] == f"checkpoint-{step}"
    assert again.step > step
    train_steps = [e["step"] for e in _events(info.path) if e["type"] == "train"]
    assert len(train_steps) == len(set(train_steps))  # continued, not trained again from 0


def test_a_restart_from_zero_starts_a_clean_curve_and_status(sentiment_csv, tiny_model_dir,
                                                            workspace):
    from core.train.training import _begin_attempt, train

    run_dir = runs.run_path("restart", workspace / "runs")
    run_dir.mkdir(parents=True)
    runs.request_stop(run_dir)
    config = tiny_config(sentiment_csv, tiny_model_dir, "stop", epochs=2)
    first = train(config, run_dir)
    assert first["state"] == "stopped" and first["best_metric"] is not None
    old_curve = (run_dir / "metrics.jsonl").read_bytes()
    for weights in (run_dir / "checkpoints").rglob("model.safetensors"):
        weights.write_bytes(weights.read_bytes()[:100])  # damaged: nothing to resume from
    (run_dir / runs.STOP_FILE).unlink()

    assert _begin_attempt(run_dir) is None
    status = runs.read_status(run_dir)
    assert status["step"] == 0 and status["eta_s"] is None and status["best_metric"] is None
    assert not (run_dir / "metrics.jsonl").exists()
    assert (run_dir / "metrics.attempt-1.jsonl").read_bytes() == old_curve

    final = train(config, run_dir, resume=True)
    assert final["state"] == "completed"
    events = [(e["type"], e["step"]) for e in _events(run_dir)]
    assert len(events) == len(set(events))  # one attempt's points only
    assert [s for kind, s in events if kind == "train"][0] == 1


def test_a_resume_from_a_checkpoint_drops_the_points_trained_after_it(tmp_path):
    from core.train.training import _cut_curve

    for step in (5, 10, 15, 20):
        runs.append_event(tmp_path, {"type": "train", "step": step, "loss": 1.0})
    _cut_curve(tmp_path, 10)
    assert [e["step"] for e in _events(tmp_path)] == [5, 10]
    assert len((tmp_path / "metrics.attempt-1.jsonl").read_text().splitlines()) == 4


def _page_stats(config):
    """n_train and mean tokens per text as the Data page computes them."""
    from core import data as datasets_io
    from core.models.loading import load_tokenizer

    splits = datasets_io.make_splits(config)
    report = datasets_io.build_health_report(splits, tokenizer=load_tokenizer(config.model),
                                             max_length=128)
    return len(splits.train), len(splits.labels), report.stats["token_lengths"]["mean"]


def test_the_estimate_after_a_measured_run_holds_its_real_duration(sentiment_csv,
                                                                   tiny_model_dir, workspace):
    from core.train.training import train

    config = tiny_config(sentiment_csv, tiny_model_dir, "stop", epochs=3)
    run_dir = runs.run_path("measured", workspace / "runs")
    run_dir.mkdir(parents=True)
    status = train(config, run_dir)
    wall = status["finished"] - status["started"]
    record = json.loads((workspace / "speed.json").read_text())
    assert len(record["runs"][f"{tiny_model_dir} on cpu"]) == 1

    n_train, n_labels, mean_tokens = _page_stats(config)
    estimate = presets.estimate_run(config, n_train, n_labels, mean_tokens)
    assert estimate["basis"] == "measured"
    assert estimate["low_s"] <= wall <= estimate["high_s"]
    assert estimate["high_s"] < 2 * estimate["low_s"]  # a range, not a shrug


def test_before_any_run_a_few_timed_steps_give_the_estimate_once(sentiment_csv,
                                                                 tiny_model_dir, workspace):
    config = tiny_config(sentiment_csv, tiny_model_dir, "stop", epochs=3)
    first = presets.estimate_run(config, 64, 2, 12.0, probe=True)
    assert first["basis"] == "probe" and first["low_s"] < first["high_s"]
    probes = json.loads((workspace / "speed.json").read_text())["probes"]
    assert len(probes) == 1 and list(probes.values())[0] > 0
    speed._PROBED.clear()  # a new process: the workspace's record is used, not timed again
    again = presets.estimate_run(config, 64, 2, 12.0, probe=True)
    assert again["low_s"] == first["low_s"]
    assert json.loads((workspace / "speed.json").read_text())["probes"] == probes


def test_the_time_left_follows_the_runs_pace_evaluations_included(tmp_path, monkeypatch):
    """40 steps of 0.02 s, an evaluation of 0.5 s every 10 steps and one more at the end."""
    monkeypatch.setattr("core.train.callbacks.STATUS_INTERVAL_S", 0.0)
    runs.write_json_atomic(tmp_path / "status.json", {"state": "running"})
    args = TrainingArguments(output_dir=str(tmp_path / "out"), eval_steps=10, report_to="none",
                             use_cpu=True)
    state, control = TrainerState(max_steps=40), TrainerControl()
    monitor = RunMonitor(tmp_path, 16, "accuracy")
    monitor.on_train_begin(args, state, control)
    for step in range(1, 16):
        time.sleep(0.02)
        state.global_step = step
        monitor.on_step_end(args, state, control)
        if step == 10:
            time.sleep(0.5)
            monitor.on_evaluate(args, state, control)
    left = runs.read_status(tmp_path)["eta_s"]
    truly_left = 25 * 0.02 + 3 * 0.5 + 0.5  # steps, evaluations at 20, 30, 40, final scoring
    assert abs(left - truly_left) < 0.2 * truly_left, left


def test_early_stopping_is_recorded_but_a_stop_is_not(tmp_path):
    runs.write_json_atomic(tmp_path / "status.json", {"state": "running"})
    args = TrainingArguments(output_dir=str(tmp_path / "out"), report_to="none", use_cpu=True)
    monitor = RunMonitor(tmp_path, 16, "accuracy")
    state = TrainerState(max_steps=100, global_step=60)
    monitor.on_train_end(args, state, TrainerControl())
    status = runs.read_status(tmp_path)
    assert status["early_stopped"] is True and status["early_stopped_at"] == 60
    monitor.stopped = True
    monitor.on_train_end(args, state, TrainerControl())
    assert runs.read_status(tmp_path)["early_stopped"] is False
