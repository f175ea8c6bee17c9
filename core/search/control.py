"""What the app does with a search: start one in a background process that outlives the
page (`python -m core search --folder DIR`), read it back after a restart, stop it keeping
its finished trials, and start a run with its best settings."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.jobs import queue as jobs
from core.jobs.launch import launch
from core.search import folder as searches
from core.search import space as spaces
from core.search import study as studies
from core.text import Text
from core.workspace import runs
from core.workspace.processes import started_at


def start(config: RunConfig, trials: int | None, minutes: float | None,
          rules: list[str] | None = None) -> searches.SearchFolder:
    """A new search of `config`'s settings in its own process; its folder."""
    config.validate()
    spaces.narrow(spaces.Space(), list(rules or []))  # a rule that cannot be used: said now
    if not Path(config.data.train).is_file():
        raise UserError(Text("search.control.no_data", {"name": Path(config.data.train).name}),
                        Text("search.control.no_data_fix"))
    with jobs.queue_lock():
        if jobs.search_in_progress() is not None:
            raise UserError(Text("search.control.busy"), Text("search.control.busy_fix"))
        study = runs.new_run_id(f"search {config.name}".strip())
        folder = searches.create(searches.search_id_for(study), {
            "config": config.to_dict(), "study": study, "storage": None, "trials": trials,
            "minutes": minutes, "rules": list(rules or [])})
        try:
            process = launch(["search", "--folder", str(folder.path)], folder.log)
            folder.update_status(state="queued", pid=process.pid,
                                 pid_started=started_at(process.pid), launched=time.time())
        except OSError as exc:
            raise runs.workspace_error(exc, folder.path) from exc
    return folder


def stop(folder: searches.SearchFolder) -> None:
    """No new trial starts; the one training stops at its next step. Finished trials stay."""
    searches.request_stop(folder)
    for info in searches.trial_runs(folder):
        if info.state in runs.ACTIVE_STATES:
            jobs.stop_run(info.path)


def study_of(folder: searches.SearchFolder) -> Any | None:
    settings = folder.read_settings()
    if not settings.get("storage") or not settings.get("study"):
        return None
    return studies.load(settings["storage"], settings["study"])


def best_settings(folder: searches.SearchFolder) -> dict[str, Any] | None:
    """The best finished trial's settings, or None while no trial has finished."""
    study = study_of(folder)
    best = studies.best_trial(study) if study is not None else None
    return dict(best.params) if best is not None else None


def best_config(folder: searches.SearchFolder, name: str) -> RunConfig:
    """The search's run configuration with its best trial's settings."""
    params = best_settings(folder)
    if params is None:
        raise UserError(Text("search.control.no_best"), Text("search.control.no_best_fix"))
    config = RunConfig.from_dict(folder.read_settings()["config"])
    return spaces.with_settings(config, params, name)


def start_best(folder: searches.SearchFolder, name: str) -> runs.RunInfo:
    """Queue the final run: the best settings on the search's data."""
    return jobs.start_run(best_config(folder, name))
