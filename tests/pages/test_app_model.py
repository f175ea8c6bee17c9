"""Model page: catalogue, presets, every training setting, estimate, start (and queue) a run."""

from __future__ import annotations

import dataclasses

import pytest
from support.pages import (
    all_text,
    assert_clean,
    fake_launch,
    mark_alive,
    open_app,
    write_run,
)

from core.config import TrainingConfig
from core.jobs import queue as jobs
from core.workspace import runs


@pytest.fixture
def model_page(workspace, monkeypatch):
    """The Model page after the built-in sample was checked; starting a run spawns nothing."""
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = open_app()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    return at


def start(at):
    next(b for b in at.button if b.label == "Start training").click().run()
    return at


def test_without_data_the_page_points_to_the_data_step(workspace):
    at = open_app("pages/model.py")
    assert_clean(at)
    assert "First choose your data" in all_text(at)
    assert at.button[0].label == "Go to the Data step"


def test_offline_default_and_balanced_are_preselected(model_page):
    at = model_page
    assert at.radio(key="model_choice").value == "default"
    assert at.radio(key="model_preset").value == "balanced"
    assert "Estimate:" in all_text(at)


ANSWER_SPAN_SETTINGS = {"adv_stride", "adv_max_answer_length"}


def setting_widgets(at) -> list:
    keys = {f"adv_{f.name}" for f in dataclasses.fields(TrainingConfig)}
    return [w for kind in ("number_input", "selectbox", "checkbox", "text_input", "multiselect")
            for w in getattr(at, kind) if w.key in keys]


def test_every_training_setting_has_a_widget_with_help(model_page):
    """Every setting of labeled texts; the window settings of answer spans are not theirs."""
    at = model_page
    keys = {f"adv_{f.name}" for f in dataclasses.fields(TrainingConfig)}
    widgets = setting_widgets(at)
    assert {w.key for w in widgets} == keys - ANSWER_SPAN_SETTINGS
    assert all(w.help for w in widgets)


def test_start_creates_the_run_and_opens_the_train_page(model_page):
    at = model_page
    at.radio(key="model_preset").set_value("quick").run()
    at.number_input(key="adv_epochs").set_value(1.0).run()
    start(at)
    assert_clean(at)
    [info] = runs.list_runs()
    assert info.state == "running"
    assert info.config["preset"] == "quick" and info.config["training"]["epochs"] == 1.0
    assert info.config["model"] == "default"
    assert at.header[0].value == info.name
    assert any("Training started" in s.value for s in at.success)
    at.switch_page("pages/runs.py").run()
    assert info.name in set(at.dataframe[0].value["Name"])


def test_chosen_trackers_reach_the_run_and_stay_chosen(model_page):
    at = model_page
    trackers = at.multiselect(key="adv_report_to")
    assert trackers.label == "Experiment trackers" and trackers.value == []
    assert trackers.options == ["TensorBoard", "MLflow"]
    trackers.set_value(["mlflow"]).run()
    at.radio(key="model_preset").set_value("quick").run()  # another rerun keeps the choice
    assert at.multiselect(key="adv_report_to").value == ["mlflow"]
    start(at)
    assert_clean(at)
    [info] = runs.list_runs()
    assert info.config["training"]["report_to"] == ["mlflow"]


def test_the_page_shows_the_commands_across_machines(model_page):
    at = model_page
    assert "Train across several machines" in [e.label for e in at.expander]
    commands = [c.value for c in at.code if "--nnodes 2" in c.value]
    assert len(commands) == 2 and "--node-rank 0" in commands[0] and "--node-rank 1" in commands[1]
    assert not [c for c in at.checkbox if c.key == "model_use_all_gpus"]  # no GPUs here


def test_second_start_queues_and_says_so(model_page):
    mark_alive(write_run("busy", "running"))
    at = start(model_page)
    assert not at.exception
    queued = [r for r in runs.list_runs() if r.run_id != "busy"]
    assert [r.state for r in queued] == ["queued"]
    assert any("waits in line" in w.value for w in at.warning)


def test_unusable_model_name_is_explained(model_page):
    at = model_page
    at.radio(key="model_choice").set_value("other").run()
    at.text_input(key="model_other").set_value("../../not/a/model").run()
    assert not at.exception
    assert len(at.error) == 1 and "does not exist" in at.error[0].value
    assert not [b for b in at.button if b.label == "Start training"]


def test_invalid_setting_is_explained(model_page):
    at = model_page
    at.number_input(key="adv_warmup_ratio").set_value(0.9).run()
    at.number_input(key="adv_epochs").set_value(0.1).run()
    assert not at.exception
    assert not at.error  # valid so far
    at.checkbox(key="adv_lora").check().run()
    at.text_input(key="adv_lora_target_modules").set_value("query, value").run()
    assert_clean(at)


def test_entity_data_reaches_the_estimate(workspace):
    at = open_app()
    at.selectbox(key="data_sample").set_value("news-entities").run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    assert "entity" in all_text(at).lower() or "token classification" in all_text(at)
    assert "Estimate:" in all_text(at)


def test_question_answering_counts_windows_and_shows_its_settings(workspace, monkeypatch):
    from core.data.samples import SAMPLES_DIR

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = open_app()
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(
        ("manual.json", (SAMPLES_DIR / "qa_product.json").read_bytes(), "application/json")).run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    stats = at.session_state["data_stats"]
    text = all_text(at)
    assert "question answering" in text and f"{stats['n_windows']} windows" in text
    assert (f"the {stats['n_train']} training questions are read as {stats['n_windows']} "
            f"windows of {stats['max_length']} tokens") in text
    assert "Estimate:" in text
    widgets = setting_widgets(at)
    assert {w.key for w in widgets} == {f"adv_{f.name}"
                                        for f in dataclasses.fields(TrainingConfig)}
    assert all(w.help for w in widgets)
    assert at.number_input(key="adv_stride").label == "Window overlap"


def test_chinese_questions_get_the_unknown_characters_advice(workspace, monkeypatch):
    from core.data.samples import SAMPLES_DIR

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = open_app()
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(
        ("manual_zh.json", (SAMPLES_DIR / "qa_product_zh.json").read_bytes(),
         "application/json")).run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    text = all_text(at)  # the unknown characters are counted in questions and paragraphs
    assert "The model does not know" in text and "so it cannot tell those texts apart" in text
