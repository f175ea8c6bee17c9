"""A run handed to experiment trackers (`TrainingConfig.report_to`): TensorBoard and MLflow,
through transformers' own callbacks.

    tensorboard  the Trainer's TensorBoardCallback writes the settings and every logged metric
                 (loss, learning rate, validation scores per evaluation) to `tensorboard/` in
                 the run folder: `tensorboard --logdir RUN_DIR/tensorboard`.
    mlflow       the Trainer's MLflowCallback logs the settings as parameters and the metrics
                 per step to an MLflow run named after the run folder, in the experiment
                 "Finetune Studio"; when the run is saved, `finish` adds its test scores and
                 its model folder (safetensors, tokenizer) as the artifact `model`. The store is
                 MLFLOW_TRACKING_URI when set, else the SQLite file `mlflow.db` in the
                 workspace (`mlflow ui --backend-store-uri sqlite:///WORKSPACE/mlflow.db`);
                 the experiment is MLFLOW_EXPERIMENT_NAME when set. An experiment made in a
                 SQLite store keeps its artifacts in `mlartifacts/` beside the database.

Only the process of rank 0 reports (the callbacks check it themselves; `finish` is told).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.workspace import runs
from core.workspace.folder import RunFolder

TENSORBOARD_FOLDER = "tensorboard"
MLFLOW_DATABASE = "mlflow.db"
EXPERIMENT = "Finetune Studio"
TRACKING_ENV, EXPERIMENT_ENV = "MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_NAME"
ARTIFACTS = "mlartifacts"

log = logging.getLogger(__name__)


def tensorboard_dir(run_dir: Path) -> Path:
    """The TensorBoard log folder of a run."""
    return Path(run_dir) / TENSORBOARD_FOLDER


def mlflow_uri() -> str:
    """Where MLflow runs are stored: MLFLOW_TRACKING_URI, else the workspace's SQLite file."""
    return os.environ.get(TRACKING_ENV) or f"sqlite:///{runs.workspace_dir() / MLFLOW_DATABASE}"


def callbacks(config: RunConfig, run_dir: Path) -> list[Any]:
    """The Trainer callbacks for the trackers the run asks for (none by default)."""
    chosen = list(config.training.report_to or [])
    made: list[Any] = []
    if "tensorboard" in chosen:
        made.append(_tensorboard(run_dir))
    if "mlflow" in chosen:
        made.append(_mlflow(run_dir))
    return made


def _tensorboard(run_dir: Path) -> Any:
    from torch.utils.tensorboard import SummaryWriter  # lazy: loads tensorboard
    from transformers.integrations import TensorBoardCallback  # lazy: loads transformers

    folder = tensorboard_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return TensorBoardCallback(tb_writer=SummaryWriter(log_dir=str(folder)))


def _mlflow(run_dir: Path) -> Any:
    from transformers.integrations import MLflowCallback  # lazy: loads transformers

    class RunMLflowCallback(MLflowCallback):
        """MLflowCallback with this run's store, experiment and name (set for this call, not
        left in the environment), and the MLflow run id kept for `finish`."""

        run_id: str | None = None

        def setup(self, args: Any, state: Any, model: Any) -> None:
            uri, experiment = mlflow_uri(), os.environ.get(EXPERIMENT_ENV) or EXPERIMENT
            self._ml_flow.set_tracking_uri(uri)
            if state.is_world_process_zero:
                _make_experiment(uri, experiment)
            args.run_name = Path(run_dir).name
            before = os.environ.get(EXPERIMENT_ENV)
            os.environ[EXPERIMENT_ENV] = experiment
            try:
                super().setup(args, state, model)
            finally:
                if before is None:
                    os.environ.pop(EXPERIMENT_ENV, None)
            active = self._ml_flow.active_run() if state.is_world_process_zero else None
            self.run_id = active.info.run_id if active is not None else None

    return RunMLflowCallback()


def _make_experiment(uri: str, name: str) -> None:
    """The experiment, made when missing; in a store on this machine (a SQLite file) its
    artifacts go to `mlartifacts/` beside the database, never to the current folder."""
    import mlflow  # lazy: only a run that reports to MLflow needs it

    client = mlflow.MlflowClient(tracking_uri=uri)
    if client.get_experiment_by_name(name) is not None:
        return
    location = None
    if uri.startswith("sqlite:///"):
        location = (Path(uri.removeprefix("sqlite:///")).parent / ARTIFACTS).resolve().as_uri()
    client.create_experiment(name, artifact_location=location)


def finish(trainer: Any, run_dir: Path, test_scores: dict[str, Any]) -> None:
    """After the run's model is saved: its test scores and model folder added to its MLflow
    run (when it reports to MLflow), then that run ended."""
    from transformers.integrations import MLflowCallback  # lazy: loads transformers

    found = [c for c in trainer.callback_handler.callbacks if isinstance(c, MLflowCallback)]
    if not found or not trainer.is_world_process_zero():
        return
    callback = found[0]
    run_id = getattr(callback, "run_id", None)
    if run_id is None:
        return
    import mlflow  # lazy: only a run that reports to MLflow needs it

    client = mlflow.MlflowClient(tracking_uri=mlflow_uri())
    for name, value in test_scores.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            client.log_metric(run_id, f"test_{name}", float(value))
    model = RunFolder(run_dir).model
    if model.is_dir():
        client.log_artifacts(run_id, str(model), artifact_path="model")
    if mlflow.active_run() is not None and mlflow.active_run().info.run_id == run_id:
        mlflow.end_run()
    else:
        client.set_terminated(run_id)
