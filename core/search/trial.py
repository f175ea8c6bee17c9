"""One trial of a search: its settings picked by Optuna, one run folder trained through the
same training path as any run (in its turn in the workspace's queue), its validation score
reported at each evaluation, and pruning that stops it early when that score falls below the
median of earlier trials at the same evaluation.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import optuna

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.search import folder as searches
from core.search import space as spaces
from core.text import Text
from core.workspace import runs

TURN_POLL_S = 1.0
STOP_CHECK_S = 2.0  # how often a training trial looks for the search's stop request


class SearchStopped(Exception):
    """The search was asked to stop: no further trial starts."""


@dataclass
class SearchJob:
    """What every trial of one search on this machine shares."""

    folder: searches.SearchFolder
    config: RunConfig
    space: spaces.Space
    name: str


def pruned_problem(step: int) -> Text:
    return Text("search.trial.pruned", {"step": step})


def reporting_callback(trial: optuna.Trial, folder: searches.SearchFolder,
                       run_dir: Path) -> Any:
    """A Trainer callback that reports each evaluation's selection score to `trial` (step: the
    evaluation's number) and stops training when the pruner says so; a stop request for the
    search reaches the run as a stop request of its own."""
    from transformers import TrainerCallback  # lazy: loads transformers

    class ReportToTrial(TrainerCallback):
        def __init__(self) -> None:
            self.evaluations = 0
            self.pruned_at: int | None = None
            self.last_check = 0.0

        def on_evaluate(self, args: Any, state: Any, control: Any,
                        metrics: dict | None = None, **kwargs: Any) -> None:
            value = (metrics or {}).get("eval_selection")
            if value is None:
                return
            self.evaluations += 1
            trial.report(float(value), self.evaluations)
            if self.pruned_at is None and trial.should_prune():
                self.pruned_at = self.evaluations
                control.should_training_stop = True

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            now = time.time()
            if now - self.last_check >= STOP_CHECK_S:
                self.last_check = now
                if searches.stop_requested(folder) and not runs.stop_requested(run_dir):
                    runs.request_stop(run_dir)

    return ReportToTrial()


def _take_turn(run_dir: Path, job: SearchJob) -> None:
    """Wait for the trial's turn in the queue; SearchStopped when the search is stopped
    meanwhile (the run is then stopped before it began)."""
    while True:
        try:
            if jobs.claim(run_dir) is None:
                return
        except UserError:  # the run was stopped from the app while it waited
            raise SearchStopped() from None
        if searches.stop_requested(job.folder):
            runs.update_status(run_dir, state="stopped", waiter_pid=None, finished=time.time())
            raise SearchStopped()
        time.sleep(TURN_POLL_S)


def objective(trial: optuna.Trial, job: SearchJob) -> float:
    """Train the trial's run; its best validation selection score. A pruned trial ends its run
    stopped, saying why, and raises TrialPruned."""
    from core.train.training import train  # lazy: loads pandas, scipy and transformers

    params = spaces.suggest(trial, job.space)
    config = spaces.with_settings(job.config, params, f"{job.name} · {trial.number + 1}")
    if searches.stop_requested(job.folder):
        raise SearchStopped()
    run_dir = runs.new_run_folder(config.to_dict(), config.name, **jobs.waiter_fields(),
                                  search=job.folder.search_id, trial=trial.number)
    trial.set_user_attr("run_id", run_dir.name)
    trial.set_user_attr("worker", f"{os.uname().nodename}:{os.getpid()}")
    _take_turn(run_dir, job)
    reporter = reporting_callback(trial, job.folder, run_dir)
    status = train(config, run_dir, callbacks=[reporter])
    trial.set_user_attr("metric", status.get("best_metric"))
    trial.set_user_attr("metric_name", status.get("best_metric_name"))
    if reporter.pruned_at is not None:
        problem = pruned_problem(reporter.pruned_at)
        # the note the Runs page shows for a stopped run is its error (none) and fix: here
        # the reason the search stopped it, in the reader's language
        runs.finish_status(run_dir, state="stopped", pruned=True, pruned_at=reporter.pruned_at,
                           early_stopped=False, note=str(problem), note_text=problem.to_dict(),
                           error="", error_text=None, fix=str(problem),
                           fix_text=problem.to_dict())
        raise optuna.TrialPruned()
    if status.get("state") == "stopped":
        trial.set_user_attr("stopped", True)  # by a Stop, not by a failure
        raise SearchStopped()
    score = status.get("best_selection")
    if not isinstance(score, (int, float)):
        score = status.get("best_metric")
    return float(score) if isinstance(score, (int, float)) else float("-inf")
