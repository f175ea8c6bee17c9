"""The one protocol every task implements: `TaskKind` (what a task is, known from its name
alone) and `Task` (a task with its labels, which trains, scores and reports).

A new task is one module in core/tasks/ with one class implementing `Task` (its `TaskKind`
members as class attributes and classmethods), added to `TASK_CLASSES` in core/tasks/__init__.
Code outside core/tasks/ never compares task names or kind strings: it asks these members.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class TaskKind(Protocol):
    """What a task is, without labels: `core.tasks.task_kind(name)` returns the class itself.

    Members that differ between single- and multi-label texts take `multi_label`.
    """

    name: ClassVar[str]
    """The task's name as written in config.json and eval.json: "text-classification"."""
    key: ClassVar[str]
    """The name as a catalogue key part: "text_classification" (keys such as
    f"tasks.title.{key}", f"train.caption.{key}", f"data.task.{key}")."""
    unit: ClassVar[str]
    """What one example is, as a catalogue key part: "text" or "sentence" (scores.count.{unit},
    scores.count.test_{unit}, verdict sentences)."""
    reader: ClassVar[str]
    """Which reader of core.data loads its files: "table" (csv, Excel, JSONL with columns) or
    "tagged" (CoNLL, JSONL of tokens and tags, annotation-tool exports)."""
    answers: ClassVar[str]
    """The frame column that holds the gold answers: "labels" (a list of labels per text) or
    "tags" (a tag per word)."""
    pipeline_task: ClassVar[str]
    """The task name `transformers.pipeline` takes for the saved model."""
    pipeline_kwargs: ClassVar[dict[str, Any]]
    """Extra keyword arguments for `transformers.pipeline` (token tags: aggregation)."""
    peft_task_type: ClassVar[str]
    """The name of the `peft.TaskType` member for LoRA: "SEQ_CLS" or "TOKEN_CLS"."""
    baseline_name: ClassVar[str]
    """The learned baseline a fine-tuned model is compared with: "tfidf_logreg" or
    "word_memory" (a key of eval.json's "baselines"; "majority" is there for every task)."""
    export_format: ClassVar[str]
    """The file format its labeled examples are written in: "csv" or "jsonl"."""
    export_suffix: ClassVar[str]
    """The file suffix of that format: ".csv" or ".jsonl"."""
    output_columns: ClassVar[tuple[str, ...]]
    """The columns batch prediction adds to a table."""
    answers_from_context: ClassVar[bool]
    """Whether it answers a question with a span of a context (its inputs are a question and a
    paragraph, its answers texts with their starts) rather than with labels or tags."""
    shows_entities: ClassVar[bool]
    """Whether its predictions are entity spans in the text (the playground highlights them,
    a report lists entity types) rather than labels of the whole text."""
    supports_cleaning: ClassVar[bool]
    """Whether a cleaned copy (copies and overlapping texts removed) can be made of its file."""
    health_checks: ClassVar[tuple[str, ...]]
    """The groups of core.data.health checks it adds to the common ones: "labels" (label
    counts, imbalance, conflicts), "entities" (entity counts, tag repairs, spans) or
    "answers" (answer spans, windows, paragraphs shared between splits)."""
    split_group: ClassVar[str | None]
    """The frame column whose rows must stay on one side of a held-out split ("context": a
    paragraph's questions), or None (rows are split one by one)."""
    calibrated: ClassVar[bool]
    """Whether its confidences are calibrated on validation (temperature scaling): False for
    answer spans, whose start and end scores are not classes."""

    @classmethod
    def kind_of(cls, multi_label: bool) -> str:
        """The variant as a catalogue key part: "single_label", "multi_label" or "ner"
        (for keys such as f"test.calibration.adjusted_{kind}"); never compare it."""

    @classmethod
    def primary_metric(cls, multi_label: bool) -> str:
        """The metric that picks the best checkpoint: "macro_f1" or "f1"."""

    @classmethod
    def headline_metric(cls, multi_label: bool) -> str:
        """The score a report leads with: "accuracy" (one label per text), "subset_accuracy"
        (multi-label: every label of a text right) or "f1" (entities)."""

    @classmethod
    def stratify(cls, multi_label: bool) -> bool:
        """Whether a held-out split keeps each label's share (one label per text)."""

    @classmethod
    def supports_few_shot(cls, multi_label: bool) -> bool:
        """Whether few-shot (sentence-pair) training can learn it."""

    @classmethod
    def title(cls) -> str:
        """Its name for people, in the current language."""

    @classmethod
    def model_class(cls) -> Any:
        """The transformers Auto class its model is loaded with."""

    @classmethod
    def answer_names(cls, frame: Any) -> set[str]:
        """The label names (texts) or entity types (tags, without B-/I-) in a frame."""

    @classmethod
    def label_list(cls, names: set[str]) -> list[str]:
        """The model's labels from the `answer_names` of its data: the label names sorted, or
        "O" and B-/I- of each entity type."""

    @classmethod
    def tokenize_inputs(cls, frame: Any, tokenizer: Any, max_chars: int, max_words: int
                        ) -> tuple[Any, bool]:
        """The frame's inputs tokenized without truncation (for length statistics): the
        tokenizer's output and whether the inputs are text pairs."""

    @classmethod
    def with_labels(cls, labels: list[str], multi_label: bool = False) -> Task:
        """The task with its labels (what `get_task` returns)."""


@runtime_checkable
class Task(TaskKind, Protocol):
    """A task with its labels: `core.tasks.get_task(name, labels, multi_label)`."""

    labels: list[str]
    multi_label: bool
    kind: str
    """`kind_of(multi_label)`."""
    best_metric: str
    """`primary_metric(multi_label)`."""

    def settle_settings(self, training: Any, frame: Any = None, tokenizer: Any = None) -> None:
        """Fill the run's empty settings that only this task has from the training `frame`
        (answer spans: the window overlap and the longest answer) and keep the settled values
        for encoding and decoding; a run read back passes its saved settings alone. Tasks
        without such settings do nothing."""

    def model_kwargs(self) -> dict[str, Any]:
        """num_labels, id2label, label2id (and problem_type) for `from_pretrained`."""

    def encode(self, frame: Any, tokenizer: Any, max_length: int, with_targets: bool = True
               ) -> Any:
        """A datasets.Dataset of input ids (and targets) with a "length" column."""

    def collator(self, tokenizer: Any, pad_to_multiple_of: int | None = None) -> Any:
        """The data collator that pads its batches."""

    def class_weights(self, frame: Any, mode: str) -> list[float] | None:
        """Loss weights per label for imbalanced data, or None."""

    def prior_logits(self, frame: Any) -> list[float] | None:
        """The head's starting bias, or None for zero."""

    def loss_function(self, weights: list[float] | None) -> Callable | None:
        """A weighted loss for the trainer, or None for the model's own."""

    def distillation_loss(self, student: Any, teacher: Any, inputs: dict[str, Any],
                          temperature: float) -> Any:
        """How far a smaller model's outputs are from its teacher's on one batch (a torch
        scalar; the soft-label half of knowledge distillation): T² · KL(softmax(teacher / T) ‖
        softmax(student / T)) per text (one label), per label as a yes/no (multi-label), per
        scored token (tags: positions whose label is -100 left out), or over the tokens where an
        answer starts and ends (answer spans: padding left out). `student` and `teacher` are
        the models' outputs on `inputs`, the batch as the collator made it."""

    def compute_metrics(self, frame: Any = None, features: Any = None
                        ) -> Callable[[Any], dict[str, float]]:
        """The trainer's compute_metrics: the scalars logged at each evaluation. `frame` and
        `features` (its `encode`) are the evaluation split: answer spans need them to turn
        logits into answers; label tasks ignore them."""

    def report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray | None = None,
               features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The full report (eval.json) and one prediction record per example; `features` are
        the encoded frame the logits were computed on (needed by answer spans)."""

    def split_report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray, split: str,
                     features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """`report` of one split of a training run, with what the split adds: the validation
        split tunes a multi-label threshold (or the no-answer threshold); single-label reports
        carry their loss."""

    def calibration_outputs(self, logits: np.ndarray, label_ids: np.ndarray
                            ) -> tuple[np.ndarray, np.ndarray]:
        """The logits and gold answers temperature scaling is fitted on: one row per text, or
        per scored token."""

    def record_counts(self, records: list[dict[str, Any]], metric: str) -> Any:
        """core.scoring.significance.Counts of saved prediction records for `metric`
        (raises ValueError for a metric or an answer the counts do not cover)."""


def _members(cls: type) -> tuple[str, ...]:
    names = [*cls.__annotations__, *(k for k, v in vars(cls).items()
                                     if callable(v) or isinstance(v, classmethod))]
    return tuple(n for n in names if not n.startswith("_"))


KIND_MEMBERS = _members(TaskKind)
"""What every task class answers without labels."""
TASK_MEMBERS = _members(Task)
"""What a task with labels adds."""
PROTOCOL_MEMBERS = KIND_MEMBERS + TASK_MEMBERS
"""Every member a task implements (the tests check each task has them all)."""
