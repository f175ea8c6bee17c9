"""Label-budget advice: subsets, the fitted curve, the advice sentence, the background model
curve, and the Test page's "Label budget" tab."""

from __future__ import annotations

import csv
import math
import os
import random
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import assert_clean, mark_alive, write_run
from support.tiny_runs import install_run

from core.config import RunConfig
from core.errors import UserError
from core.jobs import curve as curve_job
from core.jobs import launch as launcher
from core.jobs import queue as jobs
from core.train import learning_curve
from core.workspace import curves, runs

PAGE = str(Path(__file__).resolve().parents[3] / "pages" / "test.py")
WORDS = {"sport": ["match", "goal", "team", "coach", "league", "score", "player", "season"],
         "money": ["bank", "loan", "price", "market", "stock", "budget", "profit", "tax"],
         "food": ["bread", "soup", "salad", "cheese", "dinner", "spice", "fruit", "bake"]}
FILLER = ["the", "a", "today", "news", "about", "story", "people", "city", "new", "old"]


def _noisy_topics(path: Path, n: int, seed: int = 0) -> Path:
    """Topic texts with one telling word among fillers, and 15% of labels flipped."""
    rng = random.Random(seed)
    topics = list(WORDS)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for i in range(n):
            topic = topics[i % 3]
            words = rng.sample(FILLER, 5) + [rng.choice(WORDS[topic])]
            rng.shuffle(words)
            label = rng.choice(topics) if rng.random() < 0.15 else topic
            writer.writerow([" ".join(words) + f" {i}", label])
    return path


def _run_on(data: Path, model: str = "default", run_id: str = "curve-run") -> Path:
    config = RunConfig(model=model, preset="quick", name=run_id)
    config.data.train = str(data)
    folder = runs.run_path(run_id)
    folder.mkdir(parents=True)
    runs.write_json_atomic(folder / "config.json", {"config": config.to_dict()})
    runs.write_json_atomic(folder / "status.json", {"state": "completed", "name": run_id})
    return folder


def test_sizes_double_up_to_all_examples():
    assert learning_curve.curve_sizes(800, 4) == [25, 50, 100, 200, 400, 800]
    assert learning_curve.curve_sizes(64, 2) == [32, 64]
    sizes = learning_curve.curve_sizes(10_000, 77)
    assert sizes[-1] == 10_000 and sizes[0] >= 154 and len(sizes) == learning_curve.MAX_POINTS


def test_every_prefix_of_the_order_is_balanced_and_nested():
    groups = ["a"] * 50 + ["b"] * 30 + ["c"] * 6
    order = learning_curve.nested_order(groups, seed=1)
    assert sorted(order) == list(range(len(groups)))
    first = Counter(groups[i] for i in order[:12])
    assert first == {"a": 4, "b": 4, "c": 4}
    assert order[:12] == learning_curve.nested_order(groups, seed=1)[:12]


def test_the_log_fit_recovers_the_curve_and_the_advice_says_what_doubling_adds():
    points = [(n, 0.40 + 0.05 * math.log(n)) for n in (25, 50, 100, 200, 400)]
    fit = learning_curve.fit_log(points)
    assert fit.intercept == pytest.approx(0.40) and fit.slope == pytest.approx(0.05)
    sentence = learning_curve.advice(fit, 400, "macro_f1", "model")
    expected = 0.05 * math.log(2) * 100  # 3.5 points
    assert sentence.startswith("Going from 400 to 800 labels would likely add about "
                               f"{expected:.1f} points of macro-F1 to the model")
    assert "worth it" in sentence and sentence.count(".") == 2  # one sentence, one decimal
    flat = learning_curve.fit_log([(n, 0.9 + 0.001 * math.log(n)) for n in (50, 100, 200)])
    assert "unlikely to help much" in learning_curve.advice(flat, 200, "f1", "quick baseline")
    assert learning_curve.fit_log([(100, 0.5)]) is None
    assert "too few points" in learning_curve.advice(None, 100, "f1", "model")
    # 83% with 30 labels, 100% with 60: doubling cannot add anything past a perfect score
    perfect = learning_curve.fit_log([(30, 0.83), (60, 1.0)])
    assert "add about 0.0 points" in learning_curve.advice(perfect, 60, "macro_f1", "model")


def test_the_baseline_curve_rises_with_more_labels(tmp_path):
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 600))
    curve = learning_curve.baseline_curve(run_dir)
    points = curve["points"]["baseline"]
    assert [n for n, _ in points] == learning_curve.curve_sizes(480, 3)
    assert points[-1][1] > points[0][1]
    assert curve["fits"]["baseline"]["slope"] > 0 and curve["n_now"] == 480
    assert curve["advice"].startswith("Going from 480 to 960 labels")
    assert curve["held_out"] == "test" and curve["metric"] == "macro_f1"


def test_the_model_curve_trains_quick_runs_and_writes_its_points(tmp_path, tiny_model_dir):
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60), str(tiny_model_dir))
    curve = learning_curve.compute(run_dir, with_model=True)
    assert curve["state"] == "done"
    assert [n for n, _ in curve["points"]["model"]] == [24, 48]
    assert all(0.0 <= s <= 1.0 for _, s in curve["points"]["model"])
    saved = curves.read_curve(run_dir)
    assert saved["points"] == curve["points"] and saved["advice"] == curve["advice"]
    sub_run = run_dir / curves.FOLDER / "run-24"
    assert runs.read_eval(sub_run)["n_train"] == 24  # the subset, nothing held out of it
    assert runs.read_json(sub_run / "config.json")["config"]["preset"] == "quick"
    assert not (sub_run / "model").exists()  # a curve keeps scores, not six models


def test_the_model_curve_waits_for_a_running_training_run(tmp_path):
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60))
    mark_alive(write_run("busy", "running"))
    with pytest.raises(UserError, match="in progress"):
        curve_job.start_model_curve(run_dir)


def test_runs_queue_while_a_model_curve_trains_and_start_when_it_ends(tmp_path, monkeypatch):
    import psutil

    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60))
    (run_dir / curves.FOLDER).mkdir()
    curve_file = run_dir / curves.FOLDER / "curve.json"
    runs.write_json_atomic(curve_file, {"state": "running", "pid": os.getpid(),
                                        "pid_started": psutil.Process().create_time()})
    assert jobs.curve_in_progress() == run_dir
    launched = []
    monkeypatch.setattr(jobs, "_launch", launched.append)
    queued = runs.new_run_folder({"task": "text-classification"}, "next")
    jobs.reconcile()
    assert launched == [] and runs.load_run(queued).state == "queued"
    other = _run_on(_noisy_topics(tmp_path / "more.csv", 60), run_id="other-run")
    with pytest.raises(UserError, match="in progress"):  # one curve at a time too
        curve_job.start_model_curve(other)
    with pytest.raises(UserError, match="learning curve"):  # its run stays while it trains
        runs.delete_run(run_dir)
    runs.write_json_atomic(curve_file, {"state": "done", "points": {}})
    assert jobs.curve_in_progress() is None
    jobs.reconcile()
    assert launched == [queued]
    runs.update_status(queued, state="queued")  # a curve does not jump the queue either
    with pytest.raises(UserError, match="in progress"):
        curve_job.start_model_curve(other)


def test_a_curve_whose_data_is_gone_fails_with_a_reason(tmp_path):
    data = _noisy_topics(tmp_path / "topics.csv", 60)
    run_dir = _run_on(data)
    data.unlink()
    (run_dir / curves.FOLDER).mkdir()
    assert curve_job.main([str(run_dir), "--model"]) == 2
    curve = curves.read_curve(run_dir)
    assert curve["state"] == "failed" and "no longer there" in curve["error"]


def test_a_curve_whose_process_died_reads_as_failed(tmp_path):
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60))
    (run_dir / curves.FOLDER).mkdir()
    runs.write_json_atomic(run_dir / curves.FOLDER / "curve.json",
                           {"state": "running", "pid": 2 ** 22 + 7, "points": {}})
    assert curves.read_curve(run_dir)["state"] == "failed"


def test_the_curve_process_does_not_get_the_app_password(tmp_path, monkeypatch):
    seen = {}

    class Recorder:
        pid = os.getpid()

        def __init__(self, args, env, **kwargs):
            seen.update(env, args=args, stdin=kwargs.get("stdin"),
                        session=kwargs.get("start_new_session"))

        def poll(self):
            return 0

    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", "s3cret")
    monkeypatch.setenv("FINETUNE_STUDIO_SECRET_KEY", "k3y")
    monkeypatch.setattr(launcher.subprocess, "Popen", Recorder)
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60))
    curve_job.start_model_curve(run_dir)
    assert "FINETUNE_STUDIO_PASSWORD" not in seen and "FINETUNE_STUDIO_SECRET_KEY" not in seen
    assert seen["args"][1:] == ["-m", "core", "curve", str(run_dir), "--model"]
    assert seen["stdin"] == subprocess.DEVNULL and seen["session"] is True
    assert seen[runs.WORKSPACE_ENV] == str(runs.workspace_dir())


def test_a_curve_that_cannot_start_says_why(tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(launcher.subprocess, "Popen", no_processes)
    run_dir = _run_on(_noisy_topics(tmp_path / "topics.csv", 60))
    with pytest.raises(UserError, match="cannot be written"):
        curve_job.start_model_curve(run_dir)


def test_the_curve_process_is_reaped_when_it_ends(tmp_path):
    import psutil

    data = _noisy_topics(tmp_path / "topics.csv", 60)
    run_dir = _run_on(data)
    data.unlink()  # the process fails at once, saying why
    curve_job.start_model_curve(run_dir)
    pid = curves.read_curve(run_dir)["pid"]
    deadline = time.time() + 120
    while psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:  # ended, not yet collected
        assert time.time() < deadline, "the curve process did not end"
        time.sleep(0.2)
    # Linux may show the process as a zombie while its last threads still exit, before the
    # parent can collect it: reconcile (which collects it) is asked again until it could.
    while not _collected(pid):
        jobs.reconcile()
        assert time.time() < deadline, "reconcile did not collect the ended curve process"
        time.sleep(0.2)
    assert curves.read_curve(run_dir)["state"] == "failed"


def _collected(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


# ----- the Test page's Label budget tab -----------------------------------------------------

def _open() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=120).run()


def test_the_label_budget_tab_draws_the_baseline_curve_and_its_advice(
        tiny_model_dir, tmp_path_factory):
    install_run("classification", tiny_model_dir, tmp_path_factory)
    at = _open()
    assert_clean(at)
    button = at.button(key="test_curve_start")
    assert button.help
    charts = len(at.get("plotly_chart"))
    button.click().run()
    assert_clean(at)
    assert len(at.get("plotly_chart")) == charts + 1
    advice = [m.value for m in at.markdown if "labels would likely add about" in m.value]
    assert advice and advice[0].startswith("**Going from ")


def test_the_label_budget_tab_follows_the_background_model_curve(
        tiny_model_dir, tmp_path_factory, monkeypatch):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    folder = run_dir / curves.FOLDER

    def fake_start(path: Path) -> None:  # stands in for the background process
        folder.mkdir(exist_ok=True)
        runs.write_json_atomic(folder / "curve.json", {
            "state": "running", "pid": os.getpid(), "sizes": [32, 64],
            "points": {"baseline": [[32, 0.5], [64, 0.6]], "model": [[32, 0.55]]}})

    monkeypatch.setattr(curve_job, "start_model_curve", fake_start)
    at = _open()
    at.button(key="test_curve_model_start").click().run()
    assert_clean(at)
    assert any("1 of 2 done" in str(p.proto.text) for p in at.get("progress"))
    runs.write_json_atomic(folder / "curve.json", {
        "state": "done", "n_now": 64, "metric_name": "macro-F1",
        "points": {"baseline": [[32, 0.5], [64, 0.6]], "model": [[32, 0.55], [64, 0.7]]},
        "fits": {"model": {"intercept": 0.1, "slope": 0.1}},
        "advice": "Going from 64 to 128 labels would likely add about 6.9 points of macro-F1 "
                  "to the model, so more labels are likely worth it."})
    at.run()
    assert_clean(at)
    assert any("6.9 points" in m.value for m in at.markdown)
    assert not at.get("progress")


def test_a_doubling_gain_inside_the_noise_of_the_points_is_said_to_be_within_it():
    fit = learning_curve.fit_log([(n, 0.40 + 0.05 * math.log(n)) for n in (25, 50, 100, 200)])
    few = learning_curve.advice(fit, 200, "macro_f1", "quick baseline", n_held_out=40)
    assert few.startswith("Going from 200 to 400 labels would likely add about 3.5 points")
    assert "within the noise of the measured points" in few and "40 test examples" in few
    assert "worth it" not in few
    many = learning_curve.advice(fit, 200, "macro_f1", "quick baseline", n_held_out=20_000)
    assert many.endswith("so more labels are likely worth it.")
    assert learning_curve.noise_points(0.9, 20) == pytest.approx(13.7, abs=0.2)


def test_question_answering_gets_a_label_budget_curve(tmp_path):
    """Subsets of questions are written as SQuAD JSON that reads back, spread over the
    paragraphs, and the overlap baseline scores each."""
    from core.data import load_examples
    from core.data.samples import SAMPLES_DIR

    run_dir = _run_on(SAMPLES_DIR / "qa_product.json")
    config = RunConfig.from_dict(runs.read_json(run_dir / "config.json")["config"])
    config.task = "question-answering"
    runs.write_json_atomic(run_dir / "config.json", {"config": config.to_dict()})
    curve = learning_curve.baseline_curve(run_dir)
    assert curve["metric"] == "f1" and len(curve["points"]["baseline"]) >= 1
    assert all(0.0 <= score <= 1.0 for _, score in curve["points"]["baseline"])
    run_config, splits = learning_curve.run_splits(run_dir)
    [smallest] = learning_curve.subsets(splits, [8])
    assert smallest.train.frame["context"].nunique() == min(8, splits.train.frame["context"]
                                                             .nunique())
    quick = learning_curve.quick_config(run_config, tmp_path, smallest, 8)
    read_back = load_examples(quick.data.train, quick.data, quick.task).frame
    assert list(read_back["question"]) == list(smallest.train.frame["question"])
    assert list(read_back["answers"]) == list(smallest.train.frame["answers"])
