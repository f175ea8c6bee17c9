"""A search of three trials on the tiny model with its study in the workspace's SQLite file:
three run folders listed under the search, the best settings read back, and a trial whose
validation score collapses (an absurd learning rate) pruned by the real callback and pruner."""

from __future__ import annotations

import pytest
from support.datasets import write_sentiment_csv

from core.config import RunConfig
from core.search import folder as searches
from core.search import study as studies
from core.search import worker
from core.workspace import runs

FAST = ["epochs=1", "batch_size=16", "max_length=64", "warmup_ratio=0", "weight_decay=0",
        "learning_rate=1e-3:0.9"]


def _settings(tmp_path, tiny_model_dir, trials=3, rules=FAST, study="reviews"):
    config = RunConfig(model=str(tiny_model_dir), preset="quick", name="reviews")
    config.data.train = str(write_sentiment_csv(tmp_path))
    return {"config": config.to_dict(), "study": study, "storage": None, "trials": trials,
            "minutes": None, "rules": list(rules)}


@pytest.mark.slow
def test_three_trials_one_pruned_listed_under_the_search(tmp_path, tiny_model_dir, workspace):
    folder = worker.start_search(_settings(tmp_path, tiny_model_dir))
    settings = folder.read_settings()
    assert settings["storage"] == f"sqlite:///{workspace / 'searches' / 'reviews' / 'study.db'}"
    study = studies.open_study(settings["storage"], settings["study"])
    for rate in (5e-3, 4e-3, 0.9):  # the last one's scores collapse after its first steps
        study.enqueue_trial({"learning_rate": rate})

    assert worker.run_search(folder) == 0

    found = studies.load(settings["storage"], "reviews")
    states = [trial.state.name for trial in found.get_trials()]
    assert states == ["COMPLETE", "COMPLETE", "PRUNED"]
    pruned = found.get_trials()[2]
    assert pruned.intermediate_values, "the callback reported no evaluation"
    assert searches.state(folder) == "completed"
    listed = searches.trial_runs(folder)
    assert len(listed) == 3
    assert [info.run_id for info in listed] == [t.user_attrs["run_id"] for t in found.get_trials()]
    assert [info.state for info in listed] == ["completed", "completed", "stopped"]
    status = runs.read_status(listed[2].path)
    assert status["pruned"] is True
    assert status["note"].startswith("Stopped early by the search")
    assert " ".join(listed[2].problem()).strip() == status["note"]  # the Runs page's note
    best = studies.best_trial(found)
    assert best.number in (0, 1) and best.params["learning_rate"] in (5e-3, 4e-3)
    assert best.params["batch_size"] == 16 and best.params["epochs"] == 1
    rows = studies.trial_rows(found)
    assert rows[0]["metric_name"] == "macro_f1" and rows[0]["run_id"] == listed[0].run_id
