"""Named-entity recognition as token classification, scored with seqeval.

Labels are aligned to sub-words as in transformers' run_ner.py: the first sub-token of each word
carries the word's tag, later sub-tokens and special tokens get -100 and are ignored by the loss
and the metrics. Giving every sub-token the tag would split entities and corrupt the scores.
The scoring modules are imported where they are used (naming a task loads no seqeval).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from core.tasks import distillation
from core.tasks.base import TaskBase

IGNORE = -100


def align_labels(word_ids: list[int | None], word_tags: list[int]) -> list[int]:
    aligned, previous = [], None
    for word in word_ids:
        if word is None or word == previous:
            aligned.append(IGNORE)
        else:
            aligned.append(word_tags[word])
        previous = word
    return aligned


class TokenClassification(TaskBase):
    """A BIO tag per word (named entities). Implements core.tasks.protocol.Task."""

    name = "token-classification"
    key = "token_classification"
    unit = "sentence"
    reader = "tagged"
    answers = "tags"
    pipeline_task = "token-classification"
    pipeline_kwargs: dict[str, Any] = {"aggregation_strategy": "first"}
    peft_task_type = "TOKEN_CLS"
    baseline_name = "word_memory"
    export_format = "jsonl"
    export_suffix = ".jsonl"
    output_columns = ("entities", "entities_json")
    answers_from_context = False
    shows_entities = True
    supports_cleaning = False
    health_checks = ("entities",)
    calibrated = True
    split_group = None
    kind = "ner"
    variant = "ner"
    metric = "f1"
    auto_class = "AutoModelForTokenClassification"
    multi_label = False

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels
        self.best_metric = self.primary_metric(False)

    @classmethod
    def answer_names(cls, frame: Any) -> set[str]:
        """Entity types: the tags without their B-/I- prefix ("O" is none)."""
        return {tag[2:] for tags in frame["tags"] for tag in tags if tag != "O"}

    @classmethod
    def label_list(cls, names: set[str]) -> list[str]:
        """"O", then B- and I- of each entity type in name order."""
        return ["O"] + [f"{prefix}-{name}" for name in sorted(names) for prefix in ("B", "I")]

    @classmethod
    def tokenize_inputs(cls, frame: Any, tokenizer: Any, max_chars: int, max_words: int
                        ) -> tuple[Any, bool]:
        encoded = tokenizer([list(map(str, words[:max_words])) for words in frame["tokens"]],
                            is_split_into_words=True, return_attention_mask=False,
                            return_token_type_ids=False, verbose=False)
        return encoded, False

    def model_kwargs(self) -> dict[str, Any]:
        return {"num_labels": len(self.labels), "id2label": dict(enumerate(self.labels)),
                "label2id": {label: i for i, label in enumerate(self.labels)}}

    def encode(self, frame: Any, tokenizer: Any, max_length: int, with_targets: bool = True) -> Any:
        from datasets import Dataset  # lazy: loads datasets

        words = [list(map(str, tokens)) for tokens in frame["tokens"]]
        encoded = tokenizer(words, is_split_into_words=True, truncation=True,
                            max_length=max_length)
        columns = dict(encoded)
        columns["length"] = [len(ids) for ids in encoded["input_ids"]]
        if with_targets:
            index = {label: i for i, label in enumerate(self.labels)}
            columns["labels"] = [
                align_labels(encoded.word_ids(i), [index.get(t, 0) for t in tags])
                for i, tags in enumerate(frame["tags"])]
        return Dataset.from_dict(columns)

    def collator(self, tokenizer: Any, pad_to_multiple_of: int | None = None) -> Any:
        from transformers import DataCollatorForTokenClassification  # lazy: loads transformers

        return DataCollatorForTokenClassification(tokenizer, pad_to_multiple_of=pad_to_multiple_of)

    def prior_logits(self, frame: Any) -> None:
        """The head starts at zero bias (one label per token, softmax)."""
        return None

    def class_weights(self, frame: Any, mode: str) -> None:
        return None

    def loss_function(self, weights: Any) -> None:
        return None

    def distillation_loss(self, student: Any, teacher: Any, inputs: dict[str, Any],
                          temperature: float) -> Any:
        """The soft-label loss per scored token (first sub-tokens), averaged over them."""
        return distillation.softmax_kl(distillation.logits_of(student),
                                       distillation.logits_of(teacher), temperature,
                                       keep=inputs["labels"] != IGNORE)

    def decode(self, logits: np.ndarray, label_ids: np.ndarray) -> tuple[list, list]:
        """Gold and predicted tag sequences over the scored positions (first sub-tokens)."""
        predicted = np.argmax(logits, axis=-1)
        gold_tags, pred_tags = [], []
        for pred_row, gold_row in zip(predicted, label_ids):
            keep = gold_row != IGNORE
            gold_tags.append([self.labels[i] for i in gold_row[keep]])
            pred_tags.append([self.labels[i] for i in pred_row[keep]])
        return gold_tags, pred_tags

    def compute_metrics(self, frame: Any = None, features: Any = None
                        ) -> Callable[[Any], dict[str, float]]:
        from core.scoring import metrics  # lazy: loads sklearn and seqeval

        def compute(prediction: Any) -> dict[str, float]:
            logits = prediction.predictions[0] if isinstance(prediction.predictions, tuple) \
                else prediction.predictions
            gold, pred = self.decode(logits, np.asarray(prediction.label_ids))
            return metrics.ner_scalars(gold, pred)

        return compute

    def split_report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray, split: str,
                     features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        return self.report(frame, logits, label_ids)

    def calibration_outputs(self, logits: np.ndarray, label_ids: np.ndarray
                            ) -> tuple[np.ndarray, np.ndarray]:
        """Only the scored tokens (each word's first sub-token)."""
        from core.scoring import calibration  # lazy: loads scipy

        return calibration.scored_positions(logits, label_ids)

    def record_counts(self, records: list[dict[str, Any]], metric: str) -> Any:
        """Entity counts per sentence: every metric of a tagger is entity F1 here."""
        from core.scoring import significance  # lazy: loads scipy

        return significance.entity_record_counts(records)

    def report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray | None = None,
               features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if label_ids is None:
            raise ValueError("token classification needs the aligned label ids")
        from core.scoring import metrics  # lazy: loads sklearn and seqeval

        gold, pred = self.decode(logits, label_ids)
        tokens = list(frame["tokens"])
        # Words cut off by max_length were never scored; count them as predicted "O".
        full_gold = [list(tags) for tags in frame["tags"]]
        full_pred = [p + ["O"] * (len(g) - len(p)) for p, g in zip(pred, full_gold)]
        report = metrics.ner_report(full_gold, full_pred)
        records = [{"tokens": list(map(str, tokens[i])), "gold": full_gold[i],
                    "predicted": full_pred[i]} for i in range(len(full_gold))]
        return report, records
