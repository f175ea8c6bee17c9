"""Tasks by name: each gives preprocessing, collator, model class, metrics and decoding."""

from __future__ import annotations

from typing import Any

from core.errors import UserError
from core.tasks.text_classification import TextClassification
from core.tasks.token_classification import TokenClassification
from core.text import t

TASK_NAMES = ("text-classification", "token-classification")


def task_title(name: str) -> str:
    """'text-classification' -> 'Text classification (a label per text)' in the current
    language; a task this app does not know is shown by its name."""
    key = "tasks.title." + name.replace("-", "_")
    return t(key) if name in TASK_NAMES else name


def get_task(name: str, labels: list[str], multi_label: bool = False) -> Any:
    if name == "text-classification":
        return TextClassification(multi_label, labels)
    if name == "token-classification":
        return TokenClassification(labels)
    raise UserError(f"Unknown task {name!r}.", f"Use one of: {', '.join(TASK_NAMES)}.")
