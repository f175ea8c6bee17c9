"""Search page and the Model page's search control: a finished search's trials table and
charts, Stop for a running one, "Use the best settings" starting a run with them."""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

import optuna
import pytest
from optuna.distributions import CategoricalDistribution, FloatDistribution
from support.pages import all_text, assert_clean, fake_launch, open_app

from core.config import RunConfig
from core.jobs import queue as jobs
from core.search import control
from core.search import folder as searches
from core.search import study as studies
from core.workspace import runs
from core.workspace.processes import own_process

DISTRIBUTIONS = {"learning_rate": FloatDistribution(1e-5, 1e-3, log=True),
                 "batch_size": CategoricalDistribution([8, 16, 32])}


def finished_search(tmp_path, state="completed") -> searches.SearchFolder:
    """A search folder and its SQLite study holding three finished trials (one pruned)."""
    data = tmp_path / "reviews.csv"
    data.write_text("text,label\ngood,pos\nbad,neg\n", encoding="utf-8")
    config = RunConfig(name="reviews")
    config.data.train = str(data)
    folder = searches.create("reviews", {"config": config.to_dict(), "study": "reviews",
                                         "storage": None, "trials": 3, "minutes": None})
    folder.update_status(state=state, finished=time.time())
    study = studies.open_study(folder.read_settings()["storage"], "reviews")
    for number, (rate, batch, score, end) in enumerate([
            (1e-4, 16, 0.80, "COMPLETE"), (3e-4, 32, 0.86, "COMPLETE"),
            (1e-5, 8, None, "PRUNED")]):
        study.add_trial(optuna.trial.create_trial(
            params={"learning_rate": rate, "batch_size": batch}, distributions=DISTRIBUTIONS,
            value=score, state=getattr(optuna.trial.TrialState, end),
            intermediate_values={1: 0.5}, user_attrs={"run_id": f"run-{number}",
                                                      "metric": score, "metric_name": "accuracy"}))
    return folder


def test_no_search_yet(workspace):
    at = open_app("pages/search.py")
    assert_clean(at)
    assert "No search yet" in all_text(at)


def test_a_finished_search_shows_its_trials_and_charts(workspace, tmp_path):
    finished_search(tmp_path)
    at = open_app("pages/search.py")
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table["Trial"]) == [1, 2, 3]
    assert list(table["State"]) == ["finished", "finished", "stopped early"]
    assert list(table["batch_size"]) == [16, 32, 8]
    assert "Best so far: trial 2, validation score 0.86" in all_text(at)
    assert len(at.get("plotly_chart")) >= 2  # the scores with the best so far, the settings
    labels = [b.label for b in at.button]
    assert "Use the best settings" in labels and "Stop" not in labels


def test_use_the_best_settings_starts_a_run_with_them(workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    finished_search(tmp_path)
    at = open_app("pages/search.py")
    next(b for b in at.button if b.label == "Use the best settings").click().run()
    [info] = runs.list_runs()
    assert info.config["training"]["learning_rate"] == pytest.approx(3e-4)
    assert info.config["training"]["batch_size"] == 32


def test_stop_keeps_the_finished_trials_of_a_running_search(workspace, tmp_path):
    folder = finished_search(tmp_path, state="running")
    searches.register_worker(folder)  # this test process stands for the search's worker
    at = open_app("pages/search.py")
    assert_clean(at)
    next(b for b in at.button if b.label == "Stop").click().run()
    assert searches.stop_requested(folder)
    assert len(at.dataframe[0].value) == 3


def test_the_model_page_offers_the_search(workspace, monkeypatch):
    started = []

    def fake_start(args, log):
        started.append(args)
        return SimpleNamespace(pid=own_process()[0])

    monkeypatch.setattr(control, "launch", fake_start)
    at = open_app()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    trials = at.number_input(key="search_trials")
    assert trials.value == 8 and trials.help and at.number_input(key="search_minutes").help
    button = at.button(key="search_start")
    assert button.label.startswith("Search for the best settings (8 trials, about ")
    assert at.text_input(key="search_rules").help
    at.text_input(key="search_rules").set_value("dropout=0.1")
    at.button(key="search_start").click().run()
    assert "The search range 'dropout=0.1' cannot be used." in all_text(at)
    assert not started and not searches.list_searches()
    at.text_input(key="search_rules").set_value("batch_size=16; epochs=1:2")
    at.button(key="search_start").click().run()
    assert started and started[0][:2] == ["search", "--folder"]
    [folder] = searches.list_searches()
    assert folder.read_settings()["trials"] == 8
    assert folder.read_settings()["rules"] == ["batch_size=16", "epochs=1:2"]
    assert os.path.samefile(started[0][2], folder.path)


def test_the_best_settings_fill_the_model_page(workspace, tmp_path):
    finished_search(tmp_path)
    at = open_app()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    at.switch_page("pages/search.py").run()
    at.button(key="search_fill").click().run()
    assert_clean(at)
    assert "The best settings of the search are filled in below." in all_text(at)
    assert at.number_input(key="adv_learning_rate").value == pytest.approx(3e-4)
    assert at.number_input(key="adv_batch_size").value == 32
