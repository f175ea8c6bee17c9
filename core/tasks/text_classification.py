"""Text classification: single-label, multi-label and text pairs.

The scoring modules are imported where they are used, so that naming a task (core.data asks
the task how to read a file) does not load scikit-learn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from core.tasks import distillation
from core.tasks.base import TaskBase


class TextClassification(TaskBase):
    """One label per text (single-label, also text pairs) or a set of labels (multi-label).
    Implements core.tasks.protocol.Task."""

    name = "text-classification"
    key = "text_classification"
    unit = "text"
    reader = "table"
    answers = "labels"
    pipeline_task = "text-classification"
    pipeline_kwargs: dict[str, Any] = {}
    peft_task_type = "SEQ_CLS"
    baseline_name = "tfidf_logreg"
    export_format = "csv"
    export_suffix = ".csv"
    output_columns = ("predicted_label", "confidence")
    answers_from_context = False
    shows_entities = False
    supports_cleaning = True
    health_checks = ("labels",)
    calibrated = True
    split_group = None
    auto_class = "AutoModelForSequenceClassification"

    def __init__(self, multi_label: bool, labels: list[str]) -> None:
        self.multi_label = multi_label
        self.labels = labels
        self.kind = self.kind_of(multi_label)
        self.best_metric = self.primary_metric(multi_label)
        self.threshold = 0.5

    @classmethod
    def with_labels(cls, labels: list[str], multi_label: bool = False) -> Any:
        return cls(multi_label, labels)

    @classmethod
    def kind_of(cls, multi_label: bool) -> str:
        return "multi_label" if multi_label else "single_label"

    @classmethod
    def primary_metric(cls, multi_label: bool) -> str:
        return "macro_f1"

    @classmethod
    def headline_metric(cls, multi_label: bool) -> str:
        return "subset_accuracy" if multi_label else "accuracy"

    @classmethod
    def stratify(cls, multi_label: bool) -> bool:
        return not multi_label

    @classmethod
    def supports_few_shot(cls, multi_label: bool) -> bool:
        return not multi_label

    @classmethod
    def answer_names(cls, frame: Any) -> set[str]:
        return {label for labels in frame["labels"] for label in labels}

    @classmethod
    def label_list(cls, names: set[str]) -> list[str]:
        return sorted(names)

    @classmethod
    def tokenize_inputs(cls, frame: Any, tokenizer: Any, max_chars: int, max_words: int
                        ) -> tuple[Any, bool]:
        pairs = [str(p)[:max_chars] for p in frame["text_pair"]] \
            if "text_pair" in frame.columns else None
        encoded = tokenizer([str(x)[:max_chars] for x in frame["text"]], pairs,
                            return_attention_mask=False, return_token_type_ids=False,
                            verbose=False)
        return encoded, pairs is not None

    def model_kwargs(self) -> dict[str, Any]:
        return {
            "num_labels": len(self.labels),
            "id2label": dict(enumerate(self.labels)),
            "label2id": {label: i for i, label in enumerate(self.labels)},
            "problem_type": ("multi_label_classification" if self.multi_label
                             else "single_label_classification"),
        }

    def targets(self, frame: Any) -> list[Any]:
        index = {label: i for i, label in enumerate(self.labels)}
        if self.multi_label:
            rows = []
            for labels in frame["labels"]:
                row = [0.0] * len(self.labels)
                for label in labels:
                    if label in index:
                        row[index[label]] = 1.0
                rows.append(row)
            return rows
        return [index.get(labels[0], -100) if len(labels) else -100 for labels in frame["labels"]]

    def encode(self, frame: Any, tokenizer: Any, max_length: int, with_targets: bool = True) -> Any:
        from datasets import Dataset  # lazy: loads datasets

        texts = [str(t) for t in frame["text"]]
        pairs = [str(t) for t in frame["text_pair"]] if "text_pair" in frame else None
        encoded = tokenizer(texts, pairs, truncation=True, max_length=max_length)
        columns = dict(encoded)
        columns["length"] = [len(ids) for ids in encoded["input_ids"]]
        if with_targets:
            columns["labels"] = self.targets(frame)
        return Dataset.from_dict(columns)

    def collator(self, tokenizer: Any, pad_to_multiple_of: int | None = None) -> Any:
        from transformers import DataCollatorWithPadding  # lazy: loads transformers

        return DataCollatorWithPadding(tokenizer, pad_to_multiple_of=pad_to_multiple_of)

    def class_weights(self, frame: Any, mode: str) -> list[float] | None:
        """Softened inverse-frequency weights for imbalanced single-label data."""
        if self.multi_label or mode == "off":
            return None
        counts = np.bincount([t for t in self.targets(frame) if t >= 0],
                             minlength=len(self.labels)).astype(float)
        present = counts[counts > 0]
        if mode == "auto" and (len(present) < 2 or present.max() / present.min() < 3.0):
            return None
        weights = np.sqrt(counts.sum() / (len(self.labels) * np.maximum(counts, 1.0)))
        return (weights / weights.mean()).tolist()

    def prior_logits(self, frame: Any) -> list[float] | None:
        """Multi-label: each label's log-odds in the training data, the head's starting bias.

        A head starting at 0.5 for every label first has to learn that most labels are absent;
        with the bias at 0 it learns that through the whole text representation, pushing it to
        the same saturated vector for every text, after which it predicts only the label
        frequencies (seen on GoEmotions: validation micro-F1 0.0 after five epochs). Starting at
        the frequencies leaves training to learn what tells the labels apart.
        """
        if not self.multi_label or not len(frame):
            return None
        share = np.asarray(self.targets(frame), dtype=float).mean(axis=0)
        share = np.clip(share, 1e-3, 1.0 - 1e-3)
        return np.log(share / (1.0 - share)).tolist()

    def loss_function(self, weights: list[float] | None) -> Callable | None:
        if weights is None:
            return None
        import torch  # lazy: loads torch

        def weighted_cross_entropy(outputs: Any, labels: Any,
                                   num_items_in_batch: Any = None) -> Any:
            logits = outputs["logits"] if isinstance(outputs, dict) else outputs.logits
            weight = torch.tensor(weights, dtype=logits.dtype, device=logits.device)
            return torch.nn.functional.cross_entropy(logits, labels, weight=weight,
                                                     ignore_index=-100)

        return weighted_cross_entropy

    def distillation_loss(self, student: Any, teacher: Any, inputs: dict[str, Any],
                          temperature: float) -> Any:
        """Per text over the labels (one label), or per label as a yes/no (multi-label)."""
        soft = distillation.binary_kl if self.multi_label else distillation.softmax_kl
        return soft(distillation.logits_of(student), distillation.logits_of(teacher),
                    temperature)

    def probabilities(self, logits: np.ndarray) -> np.ndarray:
        logits = np.asarray(logits, dtype=np.float64)
        if self.multi_label:
            return 1.0 / (1.0 + np.exp(-logits))
        shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)

    def tune_threshold(self, frame: Any, logits: np.ndarray) -> float:
        """The multi-label decision threshold with the best micro-F1 on this (validation) data.

        Early in training, or with many rare labels, every probability can sit below 0.5 and
        a fixed threshold predicts no label at all.
        """
        from core.scoring import metrics  # lazy: loads sklearn and seqeval

        gold = np.asarray(self.targets(frame), dtype=int)
        probs = self.probabilities(logits)
        candidates = np.round(np.arange(0.05, 0.96, 0.05), 2)
        scores = [metrics.multi_label_scalars(gold, (probs >= t).astype(int))["micro_f1"]
                  for t in candidates]
        best = np.flatnonzero(np.asarray(scores) >= max(scores) - 1e-12)
        self.threshold = float(candidates[best[len(best) // 2]])  # the middle of a tied range
        return self.threshold

    def compute_metrics(self, frame: Any = None, features: Any = None
                        ) -> Callable[[Any], dict[str, float]]:
        from core.scoring import metrics  # lazy: loads sklearn and seqeval

        def compute(prediction: Any) -> dict[str, float]:
            logits = prediction.predictions[0] if isinstance(prediction.predictions, tuple) \
                else prediction.predictions
            gold = np.asarray(prediction.label_ids)
            if self.multi_label:
                predicted = (self.probabilities(logits) >= self.threshold).astype(int)
                return metrics.multi_label_scalars(gold.astype(int), predicted)
            return metrics.single_label_scalars(gold, np.argmax(logits, axis=-1))

        return compute

    def split_report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray, split: str,
                     features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if self.multi_label and split == "validation":
            self.tune_threshold(frame, logits)
        report, records = self.report(frame, logits)
        if not self.multi_label:
            from core.scoring import metrics  # lazy: loads sklearn and seqeval

            report["loss"] = metrics.cross_entropy(self.probabilities(logits),
                                                   np.asarray(label_ids))
        return report, records

    def calibration_outputs(self, logits: np.ndarray, label_ids: np.ndarray
                            ) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(logits), np.asarray(label_ids)

    def record_counts(self, records: list[dict[str, Any]], metric: str) -> Any:
        from core.scoring import significance  # lazy: loads scipy

        if self.multi_label:
            return significance.label_set_record_counts(records, self.labels, metric)
        return significance.single_label_record_counts(records, self.labels, metric)

    def report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray | None = None,
               features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The test report and one prediction record per example (for error analysis); the
        gold labels come from the frame, so `label_ids` is not needed."""
        from core.scoring import metrics  # lazy: loads sklearn and seqeval

        probs = self.probabilities(logits)
        gold = self.targets(frame)
        records = []
        texts = list(frame["text"])
        if self.multi_label:
            predicted = (probs >= self.threshold).astype(int)
            report = metrics.multi_label_report(np.asarray(gold, dtype=int), predicted, self.labels)
            for i, text in enumerate(texts):
                records.append({
                    "text": text,
                    "gold": [self.labels[j] for j, v in enumerate(gold[i]) if v],
                    "predicted": [self.labels[j] for j, v in enumerate(predicted[i]) if v],
                    "scores": {self.labels[j]: round(float(p), 4) for j, p in enumerate(probs[i])
                               if p >= 0.05}})
            return report, records
        predicted = np.argmax(probs, axis=-1)
        kept = [i for i, g in enumerate(gold) if g >= 0]
        report = metrics.single_label_report([gold[i] for i in kept],
                                             [int(predicted[i]) for i in kept], self.labels)
        for i in kept:
            records.append({"text": texts[i], "gold": self.labels[gold[i]],
                            "predicted": self.labels[int(predicted[i])],
                            "confidence": round(float(probs[i][predicted[i]]), 4)})
        return report, records
