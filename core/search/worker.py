"""The loop of a process working on a search (`python -m core search`): join the study,
train one trial at a time until the budget in trials or minutes is spent or a stop is asked,
then hand the workspace's turn to the next queued run.

The budget in trials is the study's: a worker joining a study that holds N trials already
stops at once. Two workers starting their last trial in the same moment may train one more.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.models.loading import (
    load_config,
    load_tokenizer,
    max_positions,
    recommended_learning_rate,
)
from core.search import folder as searches
from core.search import space as spaces
from core.search import study as studies
from core.search.trial import SearchJob, SearchStopped, objective
from core.text import Text, t

LENGTH_SAMPLE = 2000
SPACE_ATTR = "space"  # the study's user attribute holding the space every worker searches


@dataclass
class Budget:
    trials: int | None
    minutes: float | None
    started: float

    def spent(self, study: Any) -> bool:
        if self.trials is not None and studies.counted(study) >= self.trials:
            return True
        return self.minutes is not None and time.time() - self.started >= self.minutes * 60


def data_facts(config: RunConfig) -> dict[str, Any]:
    """What the space depends on: training examples, the model's positions and the token
    length that covers nearly every training text."""
    from core.data.splits import make_splits  # lazy: loads pandas
    from core.tasks import get_task  # lazy: loads the task modules

    splits = make_splits(config)
    tokenizer = load_tokenizer(config.model)
    model_max = min(max_positions(load_config(config.model)),
                    int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
    task = get_task(splits.task, splits.labels, splits.multi_label)
    frame = splits.train.frame
    sample = frame.sample(n=min(LENGTH_SAMPLE, len(frame)), random_state=0)
    lengths = sorted(task.encode(sample, tokenizer, model_max, with_targets=False)["length"])
    longest = int(lengths[min(len(lengths) - 1, int(0.99 * len(lengths)))]) if lengths else None
    return {"n_train": len(frame), "model_max": model_max, "longest": longest}


def search_space(config: RunConfig, facts: dict[str, Any], rules: list[str]) -> spaces.Space:
    space = spaces.default_space(config, facts["n_train"], facts["model_max"],
                                 facts.get("longest"), recommended_learning_rate(config.model))
    return spaces.narrow(space, rules)


def prepare(folder: searches.SearchFolder, study: Any) -> SearchJob:
    """The job a worker runs from the search's settings. The space is settled by the study's
    first worker and kept in the study, so a worker joining from another machine searches the
    same one."""
    settings = folder.read_settings()
    config = RunConfig.from_dict(settings["config"])
    config.validate()
    if "space" not in settings:
        shared = study.user_attrs.get(SPACE_ATTR)
        if not shared:
            facts = data_facts(config)
            shared = search_space(config, facts, list(settings.get("rules") or [])).to_dict()
            study.set_user_attr(SPACE_ATTR, shared)
            settings["facts"] = facts
        settings = {**settings, "space": shared}
        folder.write_settings(settings)
    name = config.name or settings.get("study") or folder.search_id
    return SearchJob(folder, config, spaces.Space.from_dict(settings["space"]), name)


def run_search(folder: searches.SearchFolder, heartbeat_s: int = studies.HEARTBEAT_S) -> int:
    """Work on the search until its budget is spent; its final state in status.json."""
    worker_file = searches.register_worker(folder)
    folder.update_status(state="running", started=time.time(), finished=None, error="")
    try:
        settings = folder.read_settings()
        study = studies.open_study(settings["storage"], settings["study"], heartbeat_s)
        job = prepare(folder, study)
        budget = Budget(settings.get("trials"), settings.get("minutes"), time.time())
        state = _optimize(study, job, budget)
    except UserError as exc:
        folder.update_status(state="failed", error=exc.message, fix=exc.fix,
                             finished=time.time())
        raise
    except BaseException as exc:
        folder.update_status(state="failed", error=f"{type(exc).__name__}: {exc}"[:300],
                             finished=time.time())
        raise
    finally:
        worker_file.unlink(missing_ok=True)
        _next_run()
    if not searches.live_workers(folder):
        folder.update_status(state=state, finished=time.time())
    print(t("search.worker.ended", state=state, count=studies.counted(study)), file=sys.stderr)
    return 0


def _optimize(study: Any, job: SearchJob, budget: Budget) -> str:
    """Trials one at a time; 'completed' when the budget is spent, 'stopped' when asked."""
    from core.train.training import TrainingFailed  # lazy: loads pandas and scipy

    while not budget.spent(study):
        if searches.stop_requested(job.folder):
            return "stopped"
        try:
            study.optimize(lambda trial: objective(trial, job), n_trials=1,
                           catch=(TrainingFailed,), gc_after_trial=True)
        except SearchStopped:
            return "stopped"
    return "completed"


def _next_run() -> None:
    """Runs queued while the search trained may start now."""
    try:
        jobs.reconcile()
    except Exception as exc:  # the search's own outcome matters more here
        print(t("search.worker.next_run_failed", reason=str(exc)), file=sys.stderr)


def start_search(settings: dict[str, Any], search_id: str | None = None) -> searches.SearchFolder:
    """A search's folder for `settings` (config, study, storage, trials, minutes, rules)."""
    study = settings.get("study") or ""
    folder = searches.create(search_id or searches.search_id_for(study), settings)
    if not Path(folder.settings).is_file():
        raise UserError(Text("search.folder.unreadable", {"folder": str(folder.path)}),
                        Text("search.folder.unreadable_fix"))
    return folder
