"""The search space from a run configuration and its model, narrowing it, the settings a trial
gets, and the queue holding other runs back while a search is between its trials."""

from __future__ import annotations

import time

import optuna
import pytest
from support.pages import write_run

from core.cli import main
from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.search import folder as searches
from core.search import space as spaces
from core.search.worker import Budget
from core.workspace import runs


def test_the_default_space_follows_the_model_and_the_data():
    config = RunConfig()
    space = spaces.default_space(config, n_train=2000, model_max=512, longest=40,
                                 recommended_rate=1e-4)
    low, high = space.ranges["learning_rate"]
    assert low < 1e-4 < high <= 3e-4
    assert space.ranges["epochs"] == (1, 5)
    assert space.choices["batch_size"] == [8, 16, 32]
    assert space.choices["max_length"] == [64]  # texts of 40 tokens need no longer
    assert "lora_r" not in space.choices
    config.training.lora = True
    lora = spaces.default_space(config, n_train=50_000, model_max=128, recommended_rate=1e-4)
    assert lora.ranges["learning_rate"][0] >= 1e-4 and lora.ranges["epochs"] == (1, 3)
    assert lora.choices["lora_r"] == [4, 8, 16, 32]
    assert lora.choices["max_length"] == [64, 128]  # never past the model's positions


def test_narrowing_and_the_settings_of_a_trial():
    space = spaces.narrow(spaces.default_space(RunConfig(), 500, recommended_rate=1e-4),
                          ["learning_rate=2e-5:5e-5", "batch_size=16", "epochs=2",
                           "warmup-ratio=0.05:0.1"])
    study = optuna.create_study(direction="maximize")
    params = spaces.suggest(study.ask(), space)
    assert 2e-5 <= params["learning_rate"] <= 5e-5
    assert params["batch_size"] == 16 and params["epochs"] == 2
    assert 0.05 <= params["warmup_ratio"] <= 0.1
    base = RunConfig()
    base.data.train = "reviews.csv"
    config = spaces.with_settings(base, params, "trial 1")
    assert config.training.batch_size == 16 and config.training.epochs == 2
    assert config.name == "trial 1"
    again = spaces.Space.from_dict(space.to_dict())
    assert again == space


@pytest.mark.parametrize("rule", ["dropout=0.1", "learning_rate=2", "epochs=0:3",
                                  "batch_size=", "weight_decay=0.5:0.1", "lora_r=a,b"])
def test_a_rule_that_cannot_be_used_is_refused_with_a_sentence(rule):
    with pytest.raises(UserError) as caught:
        spaces.narrow(spaces.default_space(RunConfig(), 500), [rule])
    assert f"The search range '{rule}' cannot be used." in caught.value.message
    assert "learning_rate=1e-5:1e-4" in caught.value.fix


def test_the_command_refuses_a_budget_that_is_not_positive(tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("text,label\na,x\nb,y\n", encoding="utf-8")
    assert main(["search", "--data", str(data), "--trials", "0"]) == 2
    assert "The budget 0 is not a positive number." in capsys.readouterr().err


def test_between_trials_a_search_holds_queued_runs_back(workspace, monkeypatch):
    folder = searches.create("s", {"config": RunConfig().to_dict(), "study": "s"})
    worker_file = searches.register_worker(folder)  # this process works on the search
    queued = write_run("other", "queued")
    jobs.reconcile()
    assert runs.load_run(queued).state == "queued"  # not launched while the search runs
    assert jobs.search_in_progress() == folder.path
    waiting = write_run("waits", "queued", waiter_pid=None)
    assert jobs.claim(waiting) == "the search s"
    trial = write_run("trial", "queued", search="s")
    assert jobs.claim(trial) is None  # a trial takes its turn before the older run
    assert runs.load_run(trial).state == "running"
    runs.update_status(trial, state="completed", pid=None)
    worker_file.unlink()
    assert jobs.search_in_progress() is None
    launched = []
    monkeypatch.setattr(jobs, "_launch", launched.append)  # nothing is spawned
    jobs.reconcile()
    assert launched == [queued]  # the search ended: the oldest queued run starts


def test_a_killed_search_is_shown_interrupted(workspace):
    folder = searches.create("s", {"config": RunConfig().to_dict(), "study": "s"})
    folder.update_status(state="running")
    assert searches.state(folder) == "interrupted"
    searches.register_worker(folder)
    assert searches.state(folder) == "running"
    assert [f.search_id for f in searches.list_searches()] == ["s"]


def test_the_budget_in_trials_and_in_minutes():
    study = optuna.create_study(direction="maximize")
    study.add_trial(optuna.trial.create_trial(value=0.5))
    study.enqueue_trial({})  # waiting, not begun: spends nothing
    now = time.time()
    assert Budget(1, None, now).spent(study)
    assert not Budget(2, None, now).spent(study)
    assert not Budget(None, 1.0, now).spent(study)
    assert Budget(None, 1.0, now - 61).spent(study)
    assert Budget(5, 1.0, now - 61).spent(study)  # whichever comes first
