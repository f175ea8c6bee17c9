"""The layout of one run folder, and the record its config.json holds.

Every file a run has is named here and nowhere else: ask a `RunFolder` for its path instead of
spelling the name.

    folder = RunFolder(run_dir)
    folder.status               # RUN_DIR/status.json: state, progress, error (atomic rewrites)
    folder.read_json(folder.evaluation)   # eval.json as a dict; None when missing, damaged or
                                          # a link leading out of the run folder
    record = folder.read_record()         # config.json as a RunRecord (None when missing)
    folder.write_record(record)           # ... and back, written atomically

`RunFolder(path)` members (all paths, nothing is created by asking):

    path                the run folder itself; `run_id` is its name
    config              config.json: the run's RunRecord (see below)
    status              status.json: state, name, progress, error and fix
    metrics             metrics.jsonl: training events, one JSON object a line (append-only)
    metrics_partial     metrics.jsonl.partial: the kept part while a resume trims the events
    metrics_attempt(n)  metrics.attempt-<n>.jsonl: the events of an earlier attempt
    evaluation          eval.json: the final scores and what was scored
    health              health.json: the data check's report
    log                 train.log: the training process's output
    stop                STOP: present while a stop is asked for
    space_reserve       .space-reserve: space held back for the run's last status write
    checkpoints         checkpoints/: the Trainer's resumable checkpoints
    model               model/: the trained model; `model_config` is model/config.json and
                        `has_model()` says whether it is there
    predictions(split)  <split>_predictions.jsonl: each example's prediction ("test", ...)
    curve_folder        learning_curve/: the learning curve's files; `curve` is its
                        curve.json and `curve_log` its process's curve.log
    inside(path)        whether `path`, links followed, stays inside the run folder
    safe(path)          `path`, or None when it is a link leading out of the run folder
    read_json(path)     a JSON object, or None (missing, damaged, not an object, escaping link)
    write_json(path, payload)   atomic write (temp file + os.replace)
    read_record()       config.json as a RunRecord; None when missing, unreadable or holding
                        values of the wrong kind; `OtherVersion` (a UserError) when it has keys
                        this version does not know (another version wrote it)
    write_record(record)        write config.json

`RunRecord` is what config.json holds: `config` (a RunConfig as a dict), `resolved_training`
(the settled TrainingConfig as a dict, None until training starts), `labels`, `multi_label`,
`split_notes`, `data_hash` (file hash per split), `versions` (library versions), `device`.
`RunRecord.from_dict(raw)` rejects unknown keys (`OtherVersion`) and values of the wrong kind
(a UserError) with errors that name them; a key missing (a run made by an older version, or
still queued) takes its default; the oldest layout, the RunConfig itself with no "config" key,
is read as `config`.
`to_dict()` gives the dict `from_dict` reads back; `run_config()` the RunConfig.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.text import Text

# the top-level keys of a RunConfig: a config.json holding these with no "config" key is the
# oldest layout, where the file was the run config itself
_LEGACY_CONFIG_KEYS = ("task", "data", "model", "preset", "training", "name")


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write JSON so a reader never sees a half-written file (temp file + os.replace)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=2, default=str)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from disk, or None when it is missing or damaged."""
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def inside(run_dir: Path, path: Path) -> bool:
    """True when `path`, links followed, stays inside `run_dir`."""
    try:
        return Path(path).resolve().is_relative_to(Path(run_dir).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


# key -> the kinds of value config.json may hold there (None always allowed: "not known")
_KINDS: dict[str, tuple[type, ...]] = {
    "config": (dict,), "resolved_training": (dict,), "labels": (list,), "multi_label": (bool,),
    "split_notes": (list,), "data_hash": (dict,), "versions": (dict,), "device": (dict,),
}


class OtherVersion(UserError):
    """config.json holds keys this version does not know: another version made the run."""


@dataclass
class RunRecord:
    """What a run's config.json holds (see the module docstring)."""

    config: dict[str, Any] = field(default_factory=dict)
    resolved_training: dict[str, Any] | None = None
    labels: list[str] = field(default_factory=list)
    multi_label: bool = False
    split_notes: list[str] = field(default_factory=list)
    data_hash: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, Any] = field(default_factory=dict)
    device: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any], run: str = "") -> RunRecord:
        """The record in `raw` (a parsed config.json; `run` names the run in errors). Missing
        keys take their defaults; unknown keys, or values of the wrong kind, are a UserError
        saying the run was made by another version (`OtherVersion` for unknown keys)."""
        if not isinstance(raw, dict):
            raise UserError(Text("workspace.record.not_object", {"run": run}),
                            Text("workspace.record.other_version_fix", {}))
        if "config" not in raw and any(key in raw for key in _LEGACY_CONFIG_KEYS):
            raw = {"config": raw}
        unknown = sorted(set(raw) - set(_KINDS))
        if unknown:
            raise OtherVersion(Text("workspace.record.unknown_keys",
                                 {"run": run, "keys": ", ".join(unknown)}),
                            Text("workspace.record.other_version_fix", {}))
        wrong = sorted(key for key, value in raw.items()
                       if value is not None and not _is_kind(value, _KINDS[key]))
        if wrong:
            raise UserError(Text("workspace.record.wrong_kind",
                                 {"run": run, "keys": ", ".join(wrong)}),
                            Text("workspace.record.other_version_fix", {}))
        return cls(**{key: raw[key] for key in _KINDS if raw.get(key) is not None})

    def run_config(self) -> Any:
        """The run's RunConfig (a UserError when its settings are not this version's)."""
        return RunConfig.from_dict(self.config)


def _is_kind(value: Any, kinds: tuple[type, ...]) -> bool:
    if bool in kinds:
        return isinstance(value, bool)
    return isinstance(value, kinds) and not isinstance(value, bool)


class RunFolder:
    """The files of one run folder (see the module docstring for every member)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"RunFolder({str(self.path)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RunFolder) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    @property
    def run_id(self) -> str:
        return self.path.name

    # the files ------------------------------------------------------------------------------
    @property
    def config(self) -> Path:
        return self.path / "config.json"

    @property
    def status(self) -> Path:
        return self.path / "status.json"

    @property
    def metrics(self) -> Path:
        return self.path / "metrics.jsonl"

    @property
    def metrics_partial(self) -> Path:
        return self.path / "metrics.jsonl.partial"

    def metrics_attempt(self, number: int) -> Path:
        return self.path / f"metrics.attempt-{int(number)}.jsonl"

    @property
    def evaluation(self) -> Path:
        return self.path / "eval.json"

    @property
    def health(self) -> Path:
        return self.path / "health.json"

    @property
    def log(self) -> Path:
        return self.path / "train.log"

    @property
    def stop(self) -> Path:
        return self.path / "STOP"

    @property
    def space_reserve(self) -> Path:
        return self.path / ".space-reserve"

    @property
    def checkpoints(self) -> Path:
        return self.path / "checkpoints"

    @property
    def model(self) -> Path:
        return self.path / "model"

    @property
    def model_config(self) -> Path:
        return self.model / "config.json"

    def has_model(self) -> bool:
        """Whether a trained model is saved in model/ (its config.json is there)."""
        return self.model_config.is_file()

    def predictions(self, split: str) -> Path:
        if not split.isidentifier():
            raise ValueError(f"not a split name: {split!r}")
        return self.path / f"{split}_predictions.jsonl"

    @property
    def curve_folder(self) -> Path:
        return self.path / "learning_curve"

    @property
    def curve(self) -> Path:
        return self.curve_folder / "curve.json"

    @property
    def curve_log(self) -> Path:
        return self.curve_folder / "curve.log"

    # reading and writing --------------------------------------------------------------------
    def inside(self, path: Path) -> bool:
        return inside(self.path, path)

    def safe(self, path: Path) -> Path | None:
        """`path`, or None when it is a link leading out of the run folder."""
        return Path(path) if self.inside(path) else None

    def read_json(self, path: Path) -> dict[str, Any] | None:
        """The JSON object in `path`; None when it is missing, damaged, not an object, or a
        link leading out of the run folder."""
        checked = self.safe(path)
        return read_json(checked) if checked is not None else None

    def write_json(self, path: Path, payload: Any) -> None:
        write_json_atomic(path, payload)

    def read_record(self) -> RunRecord | None:
        """config.json as a RunRecord; None when it is missing, unreadable or holds values of
        the wrong kind. `OtherVersion` when another version wrote it (unknown keys)."""
        raw = self.read_json(self.config)
        if raw is None:
            return None
        try:
            return RunRecord.from_dict(raw, self.run_id)
        except OtherVersion:
            raise
        except UserError:  # a damaged file, not a newer one
            return None

    def write_record(self, record: RunRecord) -> None:
        write_json_atomic(self.config, record.to_dict())
