"""Train page: live view of a run drawn from its folder (written here in
core/workspace/runs.py's format)."""

from __future__ import annotations

import json

from support.pages import (
    all_text,
    assert_clean,
    curve,
    fake_launch,
    mark_alive,
    open_app,
    write_run,
)

from core.jobs import queue as jobs
from core.text import use_language
from core.workspace import runs


def charts(at):
    return at.get("plotly_chart")


def test_without_runs_the_page_says_what_to_do(workspace):
    at = open_app("pages/train.py")
    assert_clean(at)
    assert "No training run yet" in all_text(at)
    assert at.button[0].label == "Go to the Model step"


def test_completed_run_shows_progress_curves_and_result(workspace):
    write_run("run-done", "completed")
    at = open_app("pages/train.py")
    assert_clean(at)
    text = all_text(at)
    assert "Training finished" in text and "Best accuracy 0.900" in text
    assert "8 training points and 4 evaluations" in text
    assert len(charts(at)) == 4  # loss, validation score, learning rate, speed
    assert at.query_params["run"] == "run-done"
    assert not [b for b in at.button if b.label in ("Stop", "Resume")]


def test_failed_run_shows_error_and_fix(workspace):
    write_run("run-oom", "failed", error="The GPU ran out of memory.",
              fix="Lower the batch size or the max length under Advanced.")
    at = open_app("pages/train.py")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Training failed. The GPU ran out of memory. Lower the batch size or the max length "
        "under Advanced."]


def test_running_run_polls_and_stop_writes_a_stop_request(workspace):
    folder = write_run("run-live", "running", events=curve(20, gpu=True))
    mark_alive(folder)
    at = open_app("pages/train.py")
    assert_clean(at)
    assert len(charts(at)) == 6  # GPU memory and use appear with system events
    stop = next(b for b in at.button if b.label == "Stop")
    stop.click().run()
    assert runs.stop_requested(folder)
    assert next(b for b in at.button if b.key == "train_stop").label == "Stopping..."


def test_new_metrics_lines_are_read_incrementally(workspace):
    folder = write_run("run-live", "running", events=curve(10))
    mark_alive(folder)
    at = open_app("pages/train.py")
    assert "2 training points and 1 evaluation so far" in all_text(at)
    offset = at.session_state["train_metrics"]["offset"]
    for event in curve(20)[len(curve(10)):]:
        runs.append_event(folder, event)
    at.run()
    assert "4 training points and 2 evaluations" in all_text(at)
    assert at.session_state["train_metrics"]["offset"] > offset


def test_dead_running_process_is_shown_interrupted_and_can_resume(workspace, monkeypatch):
    folder = write_run("run-dead", "running", pid=2 ** 22 + 7)  # no such process
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = open_app("pages/train.py")
    assert not at.exception
    assert "Training was interrupted" in all_text(at)
    next(b for b in at.button if b.label == "Resume").click().run()
    assert runs.load_run(folder).state == "running"
    assert_clean(at)


def test_reload_reattaches_to_the_run_in_the_url(workspace):
    write_run("run-old", "completed", created=1000.0)
    write_run("run-new", "completed", created=2000.0)
    at = open_app()
    at.query_params["run"] = "run-old"
    at.switch_page("pages/train.py").run()
    assert at.header[0].value == "run-old"
    at2 = open_app("pages/train.py")  # a fresh session without ?run= shows the newest
    assert at2.header[0].value == "run-new"


def test_overfitting_gets_a_plain_language_hint(workspace):
    write_run("run-overfit", "completed", events=curve(60, overfit=True))
    at = open_app("pages/train.py")
    assert any("memorise the training examples" in w.value for w in at.warning)


def test_damaged_run_folder_does_not_break_the_page(workspace):
    (runs.runs_dir() / "broken-run").mkdir()
    (runs.runs_dir() / "half-run").mkdir()
    (runs.runs_dir() / "half-run" / "status.json").write_text("{not json")
    write_run("run-ok", "completed")
    at = open_app("pages/train.py")
    assert_clean(at)
    assert at.header[0].value == "run-ok"


def test_switching_runs_with_the_selector(workspace):
    write_run("run-a", "completed", created=1000.0)
    write_run("run-b", "failed", created=2000.0, error="Broke.", fix="Fix it.")
    at = open_app("pages/train.py")
    assert at.header[0].value == "run-b"
    at.selectbox(key="train_run").set_value("run-a").run()
    assert at.header[0].value == "run-a"
    assert at.query_params["run"] == "run-a"


def test_a_stopped_run_says_what_was_kept(workspace):
    write_run("run-kept", "stopped", kept_checkpoint_step=12, kept_model=True)
    at = open_app("pages/train.py")
    assert_clean(at)
    text = all_text(at)
    assert "Its model and a checkpoint at step 12 are kept: Resume continues from there." in text
    assert "best checkpoint so far is kept" not in text


def test_a_stop_that_kept_nothing_says_so(workspace):
    write_run("run-nothing", "stopped", step=0, kept_checkpoint_step=None, kept_model=False)
    at = open_app("pages/train.py")
    assert_clean(at)
    text = all_text(at)
    assert "Nothing was kept: the run stopped before its first checkpoint." in text
    assert "best checkpoint so far is kept" not in text


def test_a_run_ended_by_early_stopping_reads_as_done(workspace):
    write_run("run-early", "completed", step=60, total_steps=100, early_stopped=True,
              early_stopped_at=60)
    at = open_app("pages/train.py")
    assert_clean(at)
    bar = at.get("progress")[0]
    assert bar.proto.text == "Stopped early at step 60: no longer improving."
    assert bar.proto.value == 100


def test_learning_rate_and_speed_are_under_more_charts(workspace):
    write_run("run-done", "completed")
    at = open_app("pages/train.py")
    more = next(e for e in at.expander if e.label.startswith("More charts"))
    inside = more.get("plotly_chart")
    assert len(inside) == 2 and len(charts(at)) == 4  # loss and score stay in view
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in inside]
    assert titles[0] == "Learning rate" and titles[1].startswith("Speed")


def test_flat_equal_scores_are_drawn_on_a_score_range():
    import pandas as pd

    from pages import _charts

    evals = pd.DataFrame([{"type": "eval", "step": s, "loss": 0.2, "accuracy": 0.95,
                           "macro_f1": 0.9499} for s in (10, 20, 30)])
    low, high = _charts.metric_chart(evals).layout.yaxis.range
    assert low <= 0.85 and high >= 1.0  # not 0.9499-0.95, where equal lines look far apart


def test_one_evaluation_gets_whole_step_ticks():
    import pandas as pd

    from pages import _charts

    evals = pd.DataFrame([{"type": "eval", "step": 100, "loss": 0.3, "accuracy": 0.8}])
    axis = _charts.metric_chart(evals).layout.xaxis
    assert axis.dtick == 1 and axis.tickformat == ",d"
    assert list(axis.range) == [99, 101]


def test_answer_span_curves_show_f1_and_exact_match():
    from pages._train_curves import build_curves

    events = [{"type": "train", "step": s, "loss": 1.0 / s} for s in (5, 10, 15, 20)]
    events += [{"type": "eval", "step": s, "loss": 0.5, "f1": 0.4 + s / 100,
                "exact_match": 0.3 + s / 100} for s in (10, 20)]
    with use_language("en"):
        figure = build_curves(events, active=False)["figures"]["curve_metric"]
    assert [trace.name for trace in figure.data] == ["F1", "exact match"]
