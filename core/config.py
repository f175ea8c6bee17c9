"""The one typed run configuration shared by the UI, the CLI and the training worker.

A `RunConfig` is built by a page or the CLI, saved as `config.json` in the run folder and
validated again by the worker. Hyperparameters left as `None` are filled in from the preset
once the data size is known (see `core.train.presets`); the resolved values are saved with the run.
Every field carries a one-line help text in its metadata so forms can be built from it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.text import Text, has

TASKS = ("text-classification", "token-classification", "question-answering")
PRESETS = ("quick", "balanced", "best")
SCHEDULERS = ("linear", "cosine", "constant")
CLASS_WEIGHTING = ("auto", "on", "off")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")
TRAINING_MODES = ("auto", "fine-tune", "few-shot")
TRACKERS = ("tensorboard", "mlflow")  # experiment trackers a run can hand its metrics to
MAX_LABEL_NAME = 100
_WHOLE_NUMBER = re.compile(r"^-?\d{1,18}$")
# a run folder's name, as core.workspace.runs checks it (this layer cannot import that one)
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
MAX_LAYERS = 1000
MAX_PROCESSES = 256  # processes of one run on one machine (one per GPU, or CPU processes)
MAX_NODES = 1024


def _field(default: Any, help: str, label: str = "", **kwargs: Any) -> Any:
    """A field whose help text and name are the catalogue keys `help` and `label` (rendered
    when a form reads them, in the reader's language)."""
    metadata = {"help": Text(help), "label": Text(label) if label else ""}
    if callable(default):  # classes and factories build a fresh value per instance
        return field(default_factory=default, metadata=metadata, **kwargs)
    return field(default=default, metadata=metadata, **kwargs)


def _setting(default: Any, name: str, **kwargs: Any) -> Any:
    """A training setting: its name and help text are the Model page's (model.setting.*)."""
    return _field(default, f"model.setting.{name}.help", f"model.setting.{name}.label", **kwargs)


@dataclass
class DataConfig:
    train: str = _field("", "settings.data.train.help", "settings.data.train.label")
    validation: str | None = _field(None, "settings.data.validation.help",
                                    "settings.data.validation.label")
    test: str | None = _field(None, "settings.data.test.help", "settings.data.test.label")
    text_column: str | None = _field(None, "settings.data.text_column.help",
                                     "data.columns.text.label")
    text_pair_column: str | None = _field(None, "settings.data.text_pair_column.help",
                                          "settings.data.text_pair_column.label")
    text_join_column: str | None = _field(None, "settings.data.text_join_column.help",
                                          "settings.data.text_join_column.label")
    label_column: str | None = _field(None, "settings.data.label_column.help",
                                      "data.columns.label.label")
    split_column: str | None = _field(None, "settings.data.split_column.help",
                                      "settings.data.split_column.label")
    multi_label: bool | None = _field(None, "settings.data.multi_label.help",
                                      "settings.data.multi_label.label")
    label_separator: str | None = _field(None, "settings.data.label_separator.help",
                                         "data.columns.separator.label")
    label_names: dict[str, str] = _field(dict, "settings.data.label_names.help",
                                         "settings.data.label_names.label")
    context_column: str | None = _field(None, "settings.data.context_column.help",
                                        "settings.data.context_column.label")
    question_column: str | None = _field(None, "settings.data.question_column.help",
                                         "settings.data.question_column.label")
    answer_column: str | None = _field(None, "settings.data.answer_column.help",
                                       "settings.data.answer_column.label")
    answer_start_column: str | None = _field(None, "settings.data.answer_start_column.help",
                                             "settings.data.answer_start_column.label")
    id_column: str | None = _field(None, "settings.data.id_column.help",
                                   "settings.data.id_column.label")
    validation_fraction: float = _field(0.1, "settings.data.validation_fraction.help",
                                        "data.split.validation.label")
    test_fraction: float = _field(0.1, "settings.data.test_fraction.help",
                                  "data.split.test.label")

    def validate(self) -> None:
        if not self.train:
            raise _error("no_train")
        self._validate_label_names()
        for name in ("validation_fraction", "test_fraction"):
            value = getattr(self, name)
            if not 0.0 <= value < 0.5:
                raise _error("fraction", name=name, value=str(value))


    def _validate_label_names(self) -> None:
        names = self.label_names
        if not isinstance(names, dict):
            raise _error("label_names_not_mapping")
        for value, name in names.items():
            if not isinstance(value, str) or not _WHOLE_NUMBER.match(value):
                raise _error("label_not_whole", value=repr(value))
            if not isinstance(name, str) or not name.strip():
                raise _error("label_name_empty", value=str(value))
            if len(name) > MAX_LABEL_NAME:
                raise _error("label_name_long", value=str(value), limit=str(MAX_LABEL_NAME))
        seen: dict[str, str] = {}
        for value, name in names.items():
            key = " ".join(name.split()).casefold()
            if key in seen:
                raise _error("label_name_twice", first=seen[key], second=value, name=name.strip())
            seen[key] = value


@dataclass
class TrainingConfig:
    """Hyperparameters. `None` means: take the preset's value for this data."""

    epochs: float | None = _setting(None, "epochs")
    learning_rate: float | None = _setting(None, "learning_rate")
    batch_size: int | None = _setting(None, "batch_size")
    gradient_accumulation: int = _setting(1, "gradient_accumulation")
    max_length: int | None = _setting(None, "max_length")
    warmup_ratio: float = _setting(0.1, "warmup_ratio")
    weight_decay: float = _setting(0.01, "weight_decay")
    scheduler: str = _setting("linear", "scheduler")
    seed: int = _setting(42, "seed")
    eval_steps: int | None = _setting(None, "eval_steps")
    early_stopping_patience: int | None = _setting(None, "early_stopping_patience")
    class_weighting: str = _setting("auto", "class_weighting")
    lora: bool = _setting(False, "lora")
    lora_r: int = _setting(16, "lora_r")
    lora_alpha: int = _setting(32, "lora_alpha")
    lora_dropout: float = _setting(0.1, "lora_dropout")
    lora_target_modules: list[str] | None = _setting(None, "lora_target_modules")
    freeze_encoder: bool = _setting(False, "freeze_encoder")
    group_by_length: bool = _setting(True, "group_by_length")
    precision: str = _setting("auto", "precision")
    mode: str = _setting("auto", "mode")
    extend_vocabulary: bool = _setting(False, "extend_vocabulary")
    stride: int | None = _setting(None, "stride")
    max_answer_length: int | None = _setting(None, "max_answer_length")
    report_to: list[str] = _field(list, "trackers.field.report_to.help",
                                  "trackers.field.report_to.label")
    """Experiment trackers that get the run's parameters, metrics per step and model (see
    core/train/trackers.py); none by default."""

    def validate(self) -> None:
        checks = [
            ("epochs", self.epochs, lambda v: 0 < v <= 100, _such("between_0_100")),
            ("learning_rate", self.learning_rate, lambda v: 0 < v < 1, _such("value", "1e-4")),
            ("batch_size", self.batch_size, lambda v: 1 <= v <= 4096, _such("whole", "32")),
            ("max_length", self.max_length, lambda v: 8 <= v <= 8192, _such("value", "128")),
            ("gradient_accumulation", self.gradient_accumulation, lambda v: 1 <= v <= 1024,
             _such("whole", "1")),
            ("warmup_ratio", self.warmup_ratio, lambda v: 0 <= v < 1, _such("share", "0.1")),
            ("weight_decay", self.weight_decay, lambda v: 0 <= v < 1, _such("value", "0.01")),
            ("eval_steps", self.eval_steps, lambda v: v >= 1, _such("steps")),
            ("early_stopping_patience", self.early_stopping_patience, lambda v: 0 <= v <= 100,
             _such("whole", "2")),
            ("lora_r", self.lora_r, lambda v: 1 <= v <= 1024, _such("whole", "16")),
            ("lora_alpha", self.lora_alpha, lambda v: 1 <= v <= 4096, _such("whole", "32")),
            ("lora_dropout", self.lora_dropout, lambda v: 0 <= v < 1, _such("share", "0.1")),
            ("stride", self.stride, lambda v: 0 <= v <= 1024, _such("whole", "128")),
            ("max_answer_length", self.max_answer_length, lambda v: 1 <= v <= 1024,
             _such("whole", "30")),
        ]
        for name, value, ok, expected in checks:
            if value is not None and not ok(value):
                raise UserError(_bad_value(name, value), expected)
        for name, value, allowed in (("scheduler", self.scheduler, SCHEDULERS),
                                     ("class_weighting", self.class_weighting, CLASS_WEIGHTING),
                                     ("precision", self.precision, PRECISIONS),
                                     ("mode", self.mode, TRAINING_MODES)):
            if value not in allowed:
                raise UserError(_bad_value(name, value), _one_of(allowed))
        trackers = self.report_to
        if not isinstance(trackers, list) or len(set(map(str, trackers))) != len(trackers) \
                or any(tracker not in TRACKERS for tracker in trackers):
            raise UserError(_bad_value("report_to", trackers), _one_of(TRACKERS))


def _distributed(default: Any, name: str) -> Any:
    return _field(default, f"distributed.field.{name}.help", f"distributed.field.{name}.label")


@dataclass
class DistributedConfig:
    """How many processes train the run together, started by torchrun: `processes` on this
    machine (one per GPU, or CPU processes), times `nodes` machines. One process by default;
    see core/jobs/distributed.py."""

    processes: int = _distributed(1, "processes")
    nodes: int = _distributed(1, "nodes")
    node_rank: int = _distributed(0, "node_rank")
    master_addr: str | None = _distributed(None, "master_addr")
    master_port: int | None = _distributed(None, "master_port")

    @property
    def world_size(self) -> int:
        return self.processes * self.nodes

    def validate(self) -> None:
        for name, value, low, high, example in (
                ("processes", self.processes, 1, MAX_PROCESSES, "2"),
                ("nodes", self.nodes, 1, MAX_NODES, "2"),
                ("node_rank", self.node_rank, 0, max(0, _whole(self.nodes, 1) - 1), "0"),
                ("master_port", self.master_port, 1, 65535, "29500")):
            if name == "master_port" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise UserError(_bad_value(f"distributed.{name}", value),
                                _such("whole", example))
        address = self.master_addr
        if address is not None and (not isinstance(address, str) or not address.strip()
                                    or any(c.isspace() for c in address)):
            raise UserError(_bad_value("distributed.master_addr", address),
                            Text("distributed.master_addr.fix"))
        if self.nodes > 1 and (address is None or self.master_port is None):
            raise UserError(Text("distributed.needs_master.message", {"nodes": self.nodes}),
                            Text("distributed.needs_master.fix"))


def _whole(value: Any, fallback: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else fallback


@dataclass
class RunConfig:
    task: str = _field("text-classification", "settings.run.task.help", "runs.table.task")
    data: DataConfig = _field(DataConfig, "settings.run.data.help", "runs.table.data")
    model: str = _field("default", "settings.run.model.help", "runs.table.model")
    preset: str = _field("balanced", "settings.run.preset.help", "model.preset.label")
    training: TrainingConfig = _field(TrainingConfig, "settings.run.training.help",
                                      "settings.run.training.label")
    name: str = _field("", "settings.run.name.help", "settings.run.name.label")
    distill_from: str | None = _field(None, "distill.field.distill_from.help",
                                      "distill.field.distill_from.label")
    """A smaller model's run: the id of the finished run whose model it imitates (its first
    `student_layers` encoder layers, trained on that run's soft labels and the gold ones);
    None for an ordinary run. See core/train/distill.py."""
    student_layers: int | None = _field(None, "distill.field.student_layers.help",
                                        "distill.field.student_layers.label")
    teacher_layers: int | None = _field(None, "distill.field.teacher_layers.help",
                                        "distill.field.teacher_layers.label")
    """How many layers the imitated model has, as written when the run was made."""
    distributed: DistributedConfig = _field(DistributedConfig, "distributed.field.section.help",
                                            "distributed.field.section.label")

    def validate(self) -> None:
        if self.task not in TASKS:
            raise UserError(Text("settings.unknown_task.message", {"task": repr(self.task)}),
                            _one_of(TASKS))
        if self.preset not in PRESETS:
            raise UserError(Text("settings.unknown_preset.message", {"preset": repr(self.preset)}),
                            _one_of(PRESETS))
        if not self.model or not str(self.model).strip():
            raise _error("no_model")
        self.data.validate()
        self.training.validate()
        self.distributed.validate()
        self._validate_distillation()

    def _validate_distillation(self) -> None:
        """A smaller model names its run by a run id (never a path) and keeps at least one
        layer; an ordinary run has neither."""
        if self.distill_from is None and self.student_layers is None:
            return
        if self.distill_from is None or self.student_layers is None:
            raise UserError(Text("distill.incomplete.message"), Text("distill.incomplete.fix"))
        run = self.distill_from
        if not isinstance(run, str) or not RUN_ID.match(run) or ".." in run:
            raise UserError(Text("distill.bad_run_id.message", {"run": repr(run)}),
                            Text("workspace.run_id.invalid_fix"))
        _check_layers("student_layers", self.student_layers, "3")
        if self.teacher_layers is not None:
            _check_layers("teacher_layers", self.teacher_layers, "6")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunConfig:
        if not isinstance(raw, dict):
            raise _error("not_object")
        known_top = {f.name for f in dataclasses.fields(cls)}
        unknown = set(raw) - known_top
        if unknown:
            raise _error("unknown_keys", keys=", ".join(sorted(unknown)))
        data = _build(DataConfig, raw.get("data", {}), "data")
        training = _build(TrainingConfig, raw.get("training", {}), "training")
        distributed = _build(DistributedConfig, raw.get("distributed", {}), "distributed")
        top = {k: v for k, v in raw.items() if k not in ("data", "training", "distributed")}
        return cls(data=data, training=training, distributed=distributed, **top)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RunConfig:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise _error("unreadable", path=str(path), reason=str(exc)) from None
        return cls.from_dict(raw.get("config", raw) if "config" in raw else raw)


def _error(code: str, **params: str) -> UserError:
    """The error settings.<code>: its message, and its fix where the catalogue has one."""
    fix = f"settings.{code}.fix"
    return UserError(Text(f"settings.{code}.message", params),
                     Text(fix, params) if has(fix) else "")


def _check_layers(name: str, layers: Any, example: str) -> None:
    if isinstance(layers, bool) or not isinstance(layers, int) or not 1 <= layers <= MAX_LAYERS:
        raise UserError(_bad_value(name, layers), _such("whole", example))


def _one_of(choices: tuple[str, ...]) -> Text:
    return Text("settings.one_of.fix", {"choices": ", ".join(choices)})


def _bad_value(name: str, value: Any) -> Text:
    return Text("settings.bad_value.message", {"name": name, "value": repr(value)})


def _such(kind: str, example: str = "") -> Text:
    """'Use a value such as 1e-4.', 'Use a whole number such as 32.', 'Use a share ...'."""
    return Text(f"settings.use.{kind}", {"example": example} if example else {})


def _build(kind: type, raw: Any, section: str) -> Any:
    if not isinstance(raw, dict):
        raise _error("section_not_object", section=section)
    known = {f.name for f in dataclasses.fields(kind)}
    unknown = set(raw) - known
    if unknown:
        raise UserError(Text("settings.section_unknown_keys.message",
                             {"section": section, "keys": ", ".join(sorted(unknown))}),
                        Text("settings.unknown_keys.fix"))
    return kind(**raw)


def field_help(kind: type) -> dict[str, dict[str, str]]:
    """Label and help text of each field in the current language, for building forms."""
    return {f.name: {"label": str(f.metadata.get("label") or f.name),
                     "help": str(f.metadata.get("help", ""))}
            for f in dataclasses.fields(kind)}
