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

TASKS = ("text-classification", "token-classification")
PRESETS = ("quick", "balanced", "best")
SCHEDULERS = ("linear", "cosine", "constant")
CLASS_WEIGHTING = ("auto", "on", "off")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")
TRAINING_MODES = ("auto", "fine-tune", "few-shot")
MAX_LABEL_NAME = 100
_WHOLE_NUMBER = re.compile(r"^-?\d{1,18}$")


def _field(default: Any, help: str, label: str = "", **kwargs: Any) -> Any:
    if callable(default):  # classes and factories build a fresh value per instance
        return field(default_factory=default, metadata={"help": help, "label": label}, **kwargs)
    return field(default=default, metadata={"help": help, "label": label}, **kwargs)


@dataclass
class DataConfig:
    train: str = _field("", "File with the labeled examples to learn from.", "Training file")
    validation: str | None = _field(None, "Optional file used to pick the best checkpoint.",
                                    "Validation file")
    test: str | None = _field(None, "Optional file held back to measure the final model.",
                              "Test file")
    text_column: str | None = _field(None, "Column holding the text (guessed when empty).",
                                     "Text column")
    text_pair_column: str | None = _field(
        None, "Optional second text column, for pairs such as question and answer "
        "(empty: guessed; \"\": none).",
        "Second text column")
    text_join_column: str | None = _field(
        None, "Optional column whose text is joined to the text column's, such as a title and "
        "its description read as one text (the two in the file's order; empty: none).",
        "Joined text column")
    label_column: str | None = _field(None, "Column holding the label (guessed when empty).",
                                      "Label column")
    split_column: str | None = _field(
        None, "Optional column saying train / validation / test for each row "
        "(empty: guessed; \"\": none).", "Split column")
    multi_label: bool | None = _field(
        None, "Whether one text can carry several labels (guessed when empty).", "Multi-label")
    label_separator: str | None = _field(
        None, "Character between labels of a multi-label row, such as | or , (guessed).",
        "Label separator")
    label_names: dict[str, str] = _field(
        dict, "Names for labels written as whole numbers, such as {\"0\": \"negative\", "
        "\"1\": \"positive\"}; training, reports and exports show the names (empty: the "
        "numbers as they are).", "Label names")
    validation_fraction: float = _field(
        0.1, "Share of the training file kept aside for validation when no file is given.",
        "Validation share")
    test_fraction: float = _field(
        0.1, "Share of the training file kept aside for testing when no file is given.",
        "Test share")

    def validate(self) -> None:
        if not self.train:
            raise UserError("No training file was given.", "Choose a file with labeled examples.")
        self._validate_label_names()
        for name in ("validation_fraction", "test_fraction"):
            value = getattr(self, name)
            if not 0.0 <= value < 0.5:
                raise UserError(f"{name} is {value}, outside 0 to 0.5.",
                                "Use a share such as 0.1.")


    def _validate_label_names(self) -> None:
        names = self.label_names
        if not isinstance(names, dict):
            raise UserError("The setting label_names is not a mapping from label to name.",
                            'Write it as {"0": "negative", "1": "positive"}.')
        for value, name in names.items():
            if not isinstance(value, str) or not _WHOLE_NUMBER.match(value):
                raise UserError(f"The label names are for whole-number labels, and {value!r} "
                                f"is not one.", 'Write each label as text, such as "0" or "1".')
            if not isinstance(name, str) or not name.strip():
                raise UserError(f"The label {value} has an empty name.",
                                "Give it a name, or leave it out to keep the number.")
            if len(name) > MAX_LABEL_NAME:
                raise UserError(f"The name of label {value} is longer than {MAX_LABEL_NAME} "
                                f"characters.", "Give it a shorter name.")
        seen: dict[str, str] = {}
        for value, name in names.items():
            key = " ".join(name.split()).casefold()
            if key in seen:
                raise UserError(f"The labels {seen[key]} and {value} have the same name, "
                                f"'{name.strip()}'.",
                                "Give each label its own name; two labels with one name would "
                                "be learned as one.")
            seen[key] = value


@dataclass
class TrainingConfig:
    """Hyperparameters. `None` means: take the preset's value for this data."""

    epochs: float | None = _field(None, "How many times the model reads all training examples.",
                                  "Epochs")
    learning_rate: float | None = _field(
        None, "Step size of each update; too high diverges, too low learns slowly.",
        "Learning rate")
    batch_size: int | None = _field(None, "Examples processed together in one step.",
                                    "Batch size")
    gradient_accumulation: int = _field(
        1, "Steps whose updates are summed before one change: a larger batch in less memory.",
        "Gradient accumulation")
    max_length: int | None = _field(
        None, "Longest text in tokens; longer texts are cut (auto covers 99% of texts).",
        "Max length")
    warmup_ratio: float = _field(0.1, "Share of training spent slowly raising the learning rate.",
                                 "Warm-up share")
    weight_decay: float = _field(0.01, "Gentle pull of weights towards zero against overfitting.",
                                 "Weight decay")
    scheduler: str = _field("linear", "How the learning rate falls over training.",
                            "Learning-rate schedule")
    seed: int = _field(42, "Random seed: the same seed and data give the same model.", "Seed")
    eval_steps: int | None = _field(
        None, "Evaluate and save every N steps (empty: once per epoch).", "Evaluation interval")
    early_stopping_patience: int | None = _field(
        None, "Stop after this many evaluations without improvement (0 turns it off).",
        "Early-stopping patience")
    class_weighting: str = _field(
        "auto", "Give rare classes more weight (auto: only when classes are imbalanced).",
        "Class weighting")
    lora: bool = _field(False, "Train small LoRA adapters instead of all weights (less memory).",
                        "LoRA")
    lora_r: int = _field(16, "Rank of the LoRA adapters: higher learns more, costs more.",
                         "LoRA rank")
    lora_alpha: int = _field(32, "Scale of the LoRA update, usually twice the rank.",
                             "LoRA alpha")
    lora_dropout: float = _field(0.1, "Dropout inside the LoRA adapters.", "LoRA dropout")
    lora_target_modules: list[str] | None = _field(
        None, "Layers that get adapters (empty: the attention layers).", "LoRA target modules")
    freeze_encoder: bool = _field(
        False, "Train only the classification head; fast but usually less accurate.",
        "Freeze the encoder")
    group_by_length: bool = _field(
        True, "Batch texts of similar length together; faster with the same results.",
        "Group by length")
    precision: str = _field("auto", "Number format: auto uses bf16/fp16 on a GPU, fp32 on CPU.",
                            "Precision")
    mode: str = _field(
        "auto", "Fine-tune the whole model, or few-shot mode for a handful of examples per label "
        "(auto: few-shot below 32 examples per label with the built-in sentence model).",
        "Training mode")
    extend_vocabulary: bool = _field(
        False, "Add the characters and words of your texts that the model does not know to its "
        "vocabulary, so it can learn them (for a language the model was not trained on).",
        "Extend the vocabulary")

    def validate(self) -> None:
        checks = [
            ("epochs", self.epochs, lambda v: 0 < v <= 100, "a number between 0 and 100"),
            ("learning_rate", self.learning_rate, lambda v: 0 < v < 1, "a value such as 1e-4"),
            ("batch_size", self.batch_size, lambda v: 1 <= v <= 4096, "a whole number such as 32"),
            ("max_length", self.max_length, lambda v: 8 <= v <= 8192, "a value such as 128"),
            ("gradient_accumulation", self.gradient_accumulation, lambda v: 1 <= v <= 1024,
             "a whole number such as 1"),
            ("warmup_ratio", self.warmup_ratio, lambda v: 0 <= v < 1, "a share such as 0.1"),
            ("weight_decay", self.weight_decay, lambda v: 0 <= v < 1, "a value such as 0.01"),
            ("eval_steps", self.eval_steps, lambda v: v >= 1, "a whole number of steps"),
            ("early_stopping_patience", self.early_stopping_patience, lambda v: 0 <= v <= 100,
             "a whole number such as 2"),
            ("lora_r", self.lora_r, lambda v: 1 <= v <= 1024, "a whole number such as 16"),
            ("lora_alpha", self.lora_alpha, lambda v: 1 <= v <= 4096, "a whole number such as 32"),
            ("lora_dropout", self.lora_dropout, lambda v: 0 <= v < 1, "a share such as 0.1"),
        ]
        for name, value, ok, expected in checks:
            if value is not None and not ok(value):
                raise UserError(f"The setting {name} is {value!r}.", f"Use {expected}.")
        for name, value, allowed in (("scheduler", self.scheduler, SCHEDULERS),
                                     ("class_weighting", self.class_weighting, CLASS_WEIGHTING),
                                     ("precision", self.precision, PRECISIONS),
                                     ("mode", self.mode, TRAINING_MODES)):
            if value not in allowed:
                raise UserError(f"The setting {name} is {value!r}.",
                                f"Use one of: {', '.join(allowed)}.")


@dataclass
class RunConfig:
    task: str = _field("text-classification",
                       "Text classification (a label per text) or entity recognition "
                       "(tags per word).",
                       "Task")
    data: DataConfig = _field(DataConfig, "Where the examples come from.", "Data")
    model: str = _field("default", "The pretrained model to start from: 'default', a hub id "
                        "or a local folder.", "Model")
    preset: str = _field("balanced", "Quick tries, Balanced (default) or Best quality.", "Preset")
    training: TrainingConfig = _field(TrainingConfig, "Hyperparameters.", "Training")
    name: str = _field("", "A name to recognise the run by.", "Run name")

    def validate(self) -> None:
        if self.task not in TASKS:
            raise UserError(f"Unknown task {self.task!r}.", f"Use one of: {', '.join(TASKS)}.")
        if self.preset not in PRESETS:
            raise UserError(f"Unknown preset {self.preset!r}.",
                            f"Use one of: {', '.join(PRESETS)}.")
        if not self.model or not str(self.model).strip():
            raise UserError("No model was chosen.", "Use 'default' for the offline model.")
        self.data.validate()
        self.training.validate()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunConfig:
        if not isinstance(raw, dict):
            raise UserError("The run configuration is not a JSON object.",
                            "Save it from the app or write it as {\"task\": ..., \"data\": ...}.")
        known_top = {f.name for f in dataclasses.fields(cls)}
        unknown = set(raw) - known_top
        if unknown:
            raise UserError("The run configuration has unknown keys: "
                            f"{', '.join(sorted(unknown))}.",
                            "Remove them or check their spelling.")
        data = _build(DataConfig, raw.get("data", {}), "data")
        training = _build(TrainingConfig, raw.get("training", {}), "training")
        top = {k: v for k, v in raw.items() if k not in ("data", "training")}
        return cls(data=data, training=training, **top)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RunConfig:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise UserError(f"Cannot read the run configuration {path}: {exc}.",
                            "Check that the file exists and is valid JSON.") from None
        return cls.from_dict(raw.get("config", raw) if "config" in raw else raw)


def _build(kind: type, raw: Any, section: str) -> Any:
    if not isinstance(raw, dict):
        raise UserError(f"The '{section}' section of the run configuration is not an object.",
                        "Write it as a JSON object.")
    known = {f.name for f in dataclasses.fields(kind)}
    unknown = set(raw) - known
    if unknown:
        raise UserError(
            f"The '{section}' section has unknown keys: {', '.join(sorted(unknown))}.",
            "Remove them or check their spelling.")
    return kind(**raw)


def field_help(kind: type) -> dict[str, dict[str, str]]:
    """Label and help text of each field, for building forms."""
    return {f.name: {"label": f.metadata.get("label") or f.name, "help": f.metadata.get("help", "")}
            for f in dataclasses.fields(kind)}
