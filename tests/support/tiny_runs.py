"""Finished runs of the tiny random BERT, trained once per test run (the processes of
`pytest -n` share them) and copied per test.

Used by the Test page, batch prediction, error analysis, compare and export tests. Training a
run takes a few seconds; copying it into each test's workspace keeps tests independent.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from core.config import RunConfig
from core.jobs import queue as jobs
from core.workspace import runs
from support.datasets import write_multi_label_csv, write_ner_conll, write_sentiment_csv
from support.once import built_once

_TRAINED: dict[str, Path] = {}


def _classification_data(folder: Path) -> Path:
    return write_sentiment_csv(folder)


def _multi_label_data(folder: Path) -> Path:
    return write_multi_label_csv(folder)


def _ner_data(folder: Path) -> Path:
    return write_ner_conll(folder)


def _train(kind: str, model_dir: Path, folder: Path, test_fraction: float = 0.1) -> Path:
    from core.train.training import train

    task = "token-classification" if kind == "ner" else "text-classification"
    data = {"classification": _classification_data, "no_test": _classification_data,
            "multi_label": _multi_label_data, "ner": _ner_data}[kind](folder)
    config = RunConfig(task=task, model=str(model_dir), preset="quick", name=kind)
    config.data.train = str(data)
    config.data.test_fraction = test_fraction
    config.training.epochs = 3
    if kind == "multi_label":
        config.data.multi_label = True
    if kind == "ner":
        config.training.learning_rate = 5e-3
    run_dir = folder / f"run-{kind.replace('_', '-')}"
    run_dir.mkdir()
    train(config, run_dir)
    return run_dir


def trained_run(kind: str, model_dir: Path, factory: pytest.TempPathFactory) -> Path:
    """The session's trained run of `kind` (classification, multi_label, ner, no_test)."""
    if kind not in _TRAINED:
        def build(folder: Path) -> None:
            _train(kind, model_dir, folder, test_fraction=0.0 if kind == "no_test" else 0.15)

        folder = built_once(factory, f"trained-{kind}", build)
        _TRAINED[kind] = folder / f"run-{kind.replace('_', '-')}"
    return _TRAINED[kind]


def install_run(kind: str, model_dir: Path, factory: pytest.TempPathFactory,
                run_id: str | None = None) -> Path:
    """A copy of the trained run inside this test's workspace, as the app would find it."""
    source = trained_run(kind, model_dir, factory)
    target = runs.run_path(run_id or source.name)
    shutil.copytree(source, target)
    return target


def tiny_config(data: Path, model: Path, name: str = "tiny", **training) -> RunConfig:
    """A Quick run of one epoch (unless `training` says otherwise) on `data` with `model`."""
    config = RunConfig(model=str(model), preset="quick", name=name)
    config.data.train = str(data)
    config.training.epochs = 1
    for key, value in training.items():
        setattr(config.training, key, value)
    return config


def wait_for_state(run_dir: Path, states: tuple[str, ...], timeout: float = 240) -> runs.RunInfo:
    """The run once it reaches one of `states` (the queue refreshed meanwhile, as the app does)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        jobs.reconcile()
        info = runs.load_run(run_dir)
        if info.state in states:
            return info
        time.sleep(0.3)
    raise AssertionError(f"{run_dir.name} stayed {runs.load_run(run_dir).state}: "
                         f"{runs.log_tail(run_dir)}")
