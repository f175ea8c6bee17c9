"""What most tasks answer the same way, written once: a task class sets `key`, `variant`,
`metric` and `auto_class` and inherits the classmethods of core.tasks.protocol.TaskKind that
follow from them; a task that differs (text classification varies with multi-label) overrides
the member."""

from __future__ import annotations

from typing import Any, ClassVar

from core.text import t


class TaskBase:
    key: ClassVar[str]
    variant: ClassVar[str]
    """What `kind_of` gives: a catalogue key part ("ner", "qa")."""
    metric: ClassVar[str]
    """The metric that picks the best checkpoint and heads the report."""
    auto_class: ClassVar[str]
    """The name of the transformers Auto class the model is loaded with."""

    @classmethod
    def with_labels(cls, labels: list[str], multi_label: bool = False) -> Any:
        return cls(labels)

    @classmethod
    def kind_of(cls, multi_label: bool) -> str:
        return cls.variant

    @classmethod
    def primary_metric(cls, multi_label: bool) -> str:
        return cls.metric

    @classmethod
    def headline_metric(cls, multi_label: bool) -> str:
        return cls.metric

    @classmethod
    def stratify(cls, multi_label: bool) -> bool:
        return False

    @classmethod
    def supports_few_shot(cls, multi_label: bool) -> bool:
        return False

    @classmethod
    def title(cls) -> str:
        return t(f"tasks.title.{cls.key}")

    def settle_settings(self, training: Any, frame: Any = None, tokenizer: Any = None) -> None:
        return None

    @classmethod
    def model_class(cls) -> Any:
        import transformers  # lazy: loads torch

        return getattr(transformers, cls.auto_class)
