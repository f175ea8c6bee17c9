"""Experiment trackers (report_to) on a tiny run, with the real packages against local stores:
TensorBoard event files in the run folder, an MLflow run in the workspace's SQLite store (or
MLFLOW_TRACKING_URI) with the settings, the metrics per step, the test scores and the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.datasets import write_sentiment_csv

from core.config import RunConfig
from core.train import trackers
from core.train.training import train


def tiny_run(model_dir: Path, folder: Path, report_to: list[str]) -> Path:
    config = RunConfig(model=str(model_dir), preset="quick", name="tracked")
    config.data.train = str(write_sentiment_csv(folder))
    config.data.test_fraction = 0.15
    config.training.epochs = 2
    config.training.report_to = report_to
    run_dir = folder / "run-tracked"
    run_dir.mkdir()
    train(config, run_dir)
    return run_dir


def scalars(folder: Path) -> dict[str, list[float]]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    found: dict[str, list[float]] = {}
    for events in folder.rglob("events.out.tfevents.*"):
        accumulator = EventAccumulator(str(events.parent))
        accumulator.Reload()
        for tag in accumulator.Tags()["scalars"]:
            found.setdefault(tag, []).extend(e.value for e in accumulator.Scalars(tag))
    return found


def test_no_tracker_by_default(workspace, tiny_model_dir):
    config = RunConfig(model=str(tiny_model_dir))
    assert config.training.report_to == []
    assert trackers.callbacks(config, workspace / "run") == []


def test_a_run_reaches_tensorboard_and_mlflow(workspace, tiny_model_dir, tmp_path,
                                              monkeypatch):
    import mlflow

    monkeypatch.delenv(trackers.TRACKING_ENV, raising=False)
    monkeypatch.delenv("MLFLOW_EXPERIMENT_NAME", raising=False)
    run_dir = tiny_run(tiny_model_dir, tmp_path, ["tensorboard", "mlflow"])

    logged = scalars(trackers.tensorboard_dir(run_dir))
    assert logged.get("train/loss") and logged.get("train/learning_rate"), sorted(logged)
    assert any(tag.startswith("eval/") for tag in logged), sorted(logged)

    uri = f"sqlite:///{workspace / trackers.MLFLOW_DATABASE}"
    assert (workspace / trackers.MLFLOW_DATABASE).is_file()
    client = mlflow.MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name(trackers.EXPERIMENT)
    [found] = client.search_runs([experiment.experiment_id],
                                 filter_string=f"tags.mlflow.runName = '{run_dir.name}'")
    assert found.info.status == "FINISHED"
    assert float(found.data.params["learning_rate"]) > 0
    assert len(client.get_metric_history(found.info.run_id, "loss")) >= 2  # per logged step
    assert any(name.startswith("test_") for name in found.data.metrics), found.data.metrics
    artifacts = [a.path for a in client.list_artifacts(found.info.run_id, "model")]
    assert any(path.endswith(".safetensors") for path in artifacts), artifacts
    assert list((workspace / trackers.ARTIFACTS).rglob("*.safetensors"))
    assert "MLFLOW_EXPERIMENT_NAME" not in os.environ  # nothing left behind for later runs


def test_mlflow_tracking_uri_is_honoured(workspace, tiny_model_dir, tmp_path, monkeypatch):
    import mlflow

    store = tmp_path / "team-store.db"
    monkeypatch.setenv(trackers.TRACKING_ENV, f"sqlite:///{store}")
    monkeypatch.setenv("MLFLOW_EXPERIMENT_NAME", "team experiment")
    run_dir = tiny_run(tiny_model_dir, tmp_path, ["mlflow"])
    assert store.is_file() and not (workspace / trackers.MLFLOW_DATABASE).exists()
    assert list((tmp_path / trackers.ARTIFACTS).rglob("*.safetensors"))
    assert not (Path.cwd() / "mlruns").exists()
    assert not trackers.tensorboard_dir(run_dir).exists()
    client = mlflow.MlflowClient(tracking_uri=f"sqlite:///{store}")
    experiment = client.get_experiment_by_name("team experiment")
    assert client.search_runs([experiment.experiment_id])


@pytest.mark.parametrize("bad", [["wandb"], ["mlflow", "mlflow"], "mlflow"])
def test_an_unknown_tracker_is_refused(bad):
    from core.errors import UserError

    config = RunConfig(model="default")
    config.data.train = "train.csv"
    config.training.report_to = bad
    with pytest.raises(UserError, match="report_to"):
        config.validate()


def test_the_command_line_asks_for_trackers(tmp_path):
    from core.cli import _config_from_args, _parser

    data = write_sentiment_csv(tmp_path)
    args = _parser().parse_args(["train", "--data", str(data), "--report-to", "tensorboard",
                                 "mlflow"])
    assert _config_from_args(args).training.report_to == ["tensorboard", "mlflow"]
    args = _parser().parse_args(["train", "--data", str(data)])
    assert _config_from_args(args).training.report_to == []
