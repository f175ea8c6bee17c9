"""The Optuna study a search fills: its storage (SQLite in the search folder by default, any
database URL Optuna accepts otherwise, so workers on several machines join one study), TPE
sampling, median pruning, and reading its trials back.

A worker's trials beat a heartbeat into the storage; a trial whose worker was killed stops
beating and is marked failed by the next worker that asks the study for a trial.
"""

from __future__ import annotations

import logging
import time
import warnings
from typing import Any

import optuna
from optuna.exceptions import ExperimentalWarning
from optuna.storages import RDBStorage
from optuna.trial import FrozenTrial, TrialState

from core.errors import UserError
from core.text import Text

HEARTBEAT_S = 10
"""Seconds between a running trial's heartbeats; one silent for twice that is failed."""
STARTUP_TRIALS = 2  # random trials before TPE models the scores, and before any pruning
SQLITE_WAIT_S = 60  # how long a worker waits for another's write to a shared SQLite file
OPEN_ATTEMPTS = 3
DIRECTION = "maximize"  # the validation selection score (higher is better for every task)


def storage(url: str, heartbeat_s: int | None = HEARTBEAT_S,
            on_stale: Any = None) -> RDBStorage:
    """The study's storage at `url` with a heartbeat; a URL Optuna cannot open is refused
    with a sentence naming it."""
    engine: dict[str, Any] = {}
    if url.startswith("sqlite"):
        engine["connect_args"] = {"timeout": SQLITE_WAIT_S}
    for attempt in range(OPEN_ATTEMPTS):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ExperimentalWarning)
            try:
                return RDBStorage(url, engine_kwargs=engine, heartbeat_interval=heartbeat_s,
                                  grace_period=2 * heartbeat_s if heartbeat_s else None,
                                  heartbeat_stale_trial_callback=on_stale)
            except Exception as exc:  # a driver missing, a server that does not answer
                problem = exc
        if attempt + 1 < OPEN_ATTEMPTS:  # two workers creating the tables in one moment
            time.sleep(1.0 + attempt)
    raise UserError(Text("search.storage.unusable",
                         {"url": _hidden_password(url), "reason": str(problem)[:200]}),
                    Text("search.storage.unusable_fix"))


def _hidden_password(url: str) -> str:
    """`url` with the password of `scheme://user:password@host` replaced by ***."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else url


def open_study(url: str, name: str, heartbeat_s: int = HEARTBEAT_S, seed: int | None = None,
               on_stale: Any = None) -> optuna.Study:
    """Create the study `name` in the storage at `url`, or join it when it exists."""
    optuna.logging.set_verbosity(logging.WARNING)
    sampler = optuna.samplers.TPESampler(n_startup_trials=STARTUP_TRIALS, seed=seed)
    pruner = optuna.pruners.MedianPruner(n_startup_trials=STARTUP_TRIALS, n_warmup_steps=0)
    return optuna.create_study(storage=storage(url, heartbeat_s, on_stale), study_name=name,
                               direction=DIRECTION, sampler=sampler, pruner=pruner,
                               load_if_exists=True)


_readers: dict[str, RDBStorage] = {}  # a page polling a search opens its storage once


def load(url: str, name: str) -> optuna.Study | None:
    """The study to read (no heartbeat, nothing written); None when it does not exist yet."""
    optuna.logging.set_verbosity(logging.WARNING)
    if url not in _readers:
        _readers[url] = storage(url, heartbeat_s=None)
    try:
        return optuna.load_study(study_name=name, storage=_readers[url])
    except KeyError:
        return None


def counted(study: optuna.Study) -> int:
    """Trials that spend the budget: every trial that began, whatever its end (an enqueued
    trial still waiting does not count)."""
    began = (TrialState.RUNNING, TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
    return len(study.get_trials(deepcopy=False, states=began))


def state_counts(study: optuna.Study) -> dict[str, int]:
    """How many trials ended each way: {"complete": 6, "pruned": 2}."""
    counts: dict[str, int] = {}
    for trial in study.get_trials(deepcopy=False):
        name = trial.state.name.lower()
        counts[name] = counts.get(name, 0) + 1
    return counts


def finished(study: optuna.Study) -> list[FrozenTrial]:
    done = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
    return study.get_trials(deepcopy=False, states=done)


def best_trial(study: optuna.Study) -> FrozenTrial | None:
    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    return max(complete, key=lambda t: t.value) if complete else None


def trial_rows(study: optuna.Study) -> list[dict[str, Any]]:
    """One row per trial: number, state, score, validation metric, settings, run, seconds."""
    rows = []
    for trial in study.get_trials(deepcopy=False):
        seconds = None
        if trial.datetime_start and trial.datetime_complete:
            seconds = (trial.datetime_complete - trial.datetime_start).total_seconds()
        state = "stopped" if trial.user_attrs.get("stopped") else trial.state.name.lower()
        rows.append({"number": trial.number, "state": state,
                     "score": trial.value, "metric": trial.user_attrs.get("metric"),
                     "metric_name": trial.user_attrs.get("metric_name"),
                     "run_id": trial.user_attrs.get("run_id"), "seconds": seconds,
                     "params": dict(trial.params)})
    return rows
