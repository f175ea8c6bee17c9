"""Tasks by name: each task is one module here implementing one protocol
(core/tasks/protocol.py): how its files are read, how it encodes, collates, trains, scores,
calibrates and reports, and what the pages show for it.

Code outside core/tasks/ never compares task names ("token-classification") or variant
names ("ner", "multi_label"): it asks the task.

    from core.tasks import TASK_NAMES, task_kind, get_task

    kind = task_kind(config.task)      # the task's class: no labels needed
    task = get_task(name, labels, multi_label)   # an instance, for training and scoring
    kind = saved_task_kind(name)       # a name read from a run's files (default: text)
    task = saved_task(evaluation)      # the task an eval.json describes, with its labels

What a task says, without labels (`task_kind(name)`, also on every `get_task` instance):

    name             "text-classification" (config.json, eval.json)
    key              "text_classification": catalogue key part, f"train.caption.{kind.key}"
    unit             "text" | "sentence": one example, as a key part (scores.count.{unit})
    reader           "table" | "tagged": the core.data reader of its files
    answers          "labels" | "tags": the frame column of the gold answers
    pipeline_task    the task name for transformers.pipeline
    pipeline_kwargs  extra pipeline() arguments ({"aggregation_strategy": "first"} for tags)
    peft_task_type   the peft.TaskType member name: "SEQ_CLS" | "TOKEN_CLS"
    baseline_name    the learned baseline in eval.json "baselines": "tfidf_logreg" | "word_memory"
    export_format    "csv" | "jsonl"; export_suffix ".csv" | ".jsonl"
    output_columns   the columns batch prediction adds
    answers_from_context  it answers a question with a span of a context (question answering)
    shows_entities   predictions are entity spans (playground, report) rather than labels
    supports_cleaning  a cleaned copy of its file can be made
    health_checks    the core.data.health check groups it adds: ("labels",) | ("entities",)
                     | ("answers",)
    split_group      the frame column kept on one side of a held-out split ("context"), or None
    calibrated       its confidences are temperature-scaled on validation (not answer spans)
    kind_of(multi_label)       "single_label" | "multi_label" | "ner": a catalogue key part only
    primary_metric(multi_label)  the metric that picks the best checkpoint: "macro_f1" | "f1"
    headline_metric(multi_label) the score a report leads with: "accuracy" (one label),
                               "subset_accuracy" (multi-label) | "f1" (entities)
    stratify(multi_label)      held-out splits keep each label's share
    supports_few_shot(multi_label)  few-shot (sentence-pair) training can learn it
    title()                    its name for people, in the current language
    model_class()              the transformers Auto class
    answer_names(frame)        label names, or entity types, found in a frame
    label_list(names)          the model's labels from those names (O, B-X, I-X for tags)
    tokenize_inputs(frame, tokenizer, max_chars, max_words)  (encoded, is_pair) for statistics
    with_labels(labels, multi_label)  the task with its labels (what get_task returns)

What a task with labels does (`get_task(name, labels, multi_label)`):

    labels, multi_label, kind (= kind_of), best_metric (= primary_metric)
    settle_settings(training, frame, tokenizer)  the task's own settings (answer spans: window
                                            overlap, longest answer), filled and kept
    model_kwargs(), encode(frame, tokenizer, max_length, with_targets), collator(tokenizer)
    class_weights(frame, mode), prior_logits(frame), loss_function(weights)
    distillation_loss(student, teacher, inputs, temperature)  a smaller model's soft-label
                                            loss against its teacher's outputs on a batch
    compute_metrics(frame, features)        the trainer's scalars (the evaluation split:
                                            answer spans need it, label tasks ignore it)
    report(frame, logits, label_ids=None, features=None)  (eval.json report, records)
    split_report(frame, logits, label_ids, split, features=None)  report of a training split
    calibration_outputs(logits, label_ids)  what temperature scaling is fitted on
    record_counts(records, metric)          significance.Counts of saved prediction records

A new task: a module with one class like TextClassification, listed in TASK_CLASSES.
"""

from __future__ import annotations

from typing import Any

from core.errors import UserError
from core.tasks.protocol import KIND_MEMBERS, PROTOCOL_MEMBERS, TASK_MEMBERS, Task, TaskKind
from core.tasks.question_answering import QuestionAnswering
from core.tasks.text_classification import TextClassification
from core.tasks.token_classification import TokenClassification
from core.text import Text

TASK_CLASSES: dict[str, Any] = {cls.name: cls for cls in (TextClassification, TokenClassification,
                                                           QuestionAnswering)}
TASK_NAMES = tuple(TASK_CLASSES)
TEXT_CLASSIFICATION = TextClassification.name
TOKEN_CLASSIFICATION = TokenClassification.name
QUESTION_ANSWERING = QuestionAnswering.name

__all__ = ["KIND_MEMBERS", "PROTOCOL_MEMBERS", "QUESTION_ANSWERING", "TASK_CLASSES",
           "TASK_MEMBERS", "TASK_NAMES", "TEXT_CLASSIFICATION", "TOKEN_CLASSIFICATION", "Task",
           "TaskKind", "get_task", "is_task", "saved_task", "saved_task_kind", "task_kind",
           "task_title"]


def is_task(name: Any) -> bool:
    """Whether `name` is the name of a task this app knows."""
    return name in TASK_CLASSES


def task_kind(name: str) -> Any:
    """The task's class (a `TaskKind`): what the task is, without labels."""
    if name not in TASK_CLASSES:
        raise UserError(Text("tasks.unknown.message", {"task": repr(name)}),
                        Text("tasks.unknown.fix", {"names": ", ".join(TASK_NAMES)}))
    return TASK_CLASSES[name]


def task_title(name: str) -> str:
    """'text-classification' -> 'Text classification (a label per text)' in the current
    language; a task this app does not know is shown by its name."""
    return TASK_CLASSES[name].title() if name in TASK_CLASSES else name


def get_task(name: str, labels: list[str], multi_label: bool = False) -> Any:
    """The task with its labels (a `Task`)."""
    return task_kind(name).with_labels(labels, multi_label)


def saved_task_kind(name: Any) -> Any:
    """The task class of a name read from a run's files; a missing or unknown name is text
    classification (runs saved before the task was written down)."""
    return TASK_CLASSES.get(name, TextClassification) if isinstance(name, str) \
        else TextClassification


def saved_task(evaluation: dict[str, Any] | None) -> Any:
    """The task a saved eval.json describes: its "task", "labels" and "multi_label" (see
    `saved_task_kind` for a missing name)."""
    evaluation = evaluation or {}
    labels = [str(x) for x in evaluation.get("labels") or []]
    return saved_task_kind(evaluation.get("task")).with_labels(
        labels, bool(evaluation.get("multi_label")))
