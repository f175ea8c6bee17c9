"""A finished run's config.json as prediction, evaluation, comparison and export read it: a
RunRecord (core.workspace.folder), also when another version wrote it.

`RunFolder.read_record` refuses a record with keys this version does not know (`OtherVersion`):
right for resuming or queueing a run, too strict for reading a finished one, whose settings
and labels this version can still use.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from core.errors import UserError
from core.workspace.folder import OtherVersion, RunFolder, RunRecord


def saved_record(run_dir: Path | str) -> RunRecord:
    """The run's config.json; an empty record when it is missing or damaged. Another version's
    record is read for the keys this version knows."""
    folder = RunFolder(run_dir)
    try:
        return folder.read_record() or RunRecord()
    except OtherVersion:
        raw = folder.read_json(folder.config) or {}
        known = {f.name for f in fields(RunRecord)}
        try:
            return RunRecord.from_dict({k: v for k, v in raw.items() if k in known})
        except UserError:
            return RunRecord()
