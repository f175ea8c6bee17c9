"""Two runs on the same inputs: where they agree, where they differ, who is right.

The inputs are either pasted texts or the split a run was scored on (its test set, else its
validation set). Answers are compared as plain strings: the label(s) for classification, the
entities as "text (TYPE)" for NER, so the two runs may even use different label sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.errors import UserError
from core.error_analysis import entity_strings

MAX_TEXTS = 2000


@dataclass
class Inputs:
    texts: list[str]
    gold: list[str] | None  # the correct answer per text, when known
    source: str             # words for the page: "the test set of run X (500 texts)"
    truncated: bool = False


def pasted_inputs(text: str, limit: int = MAX_TEXTS) -> Inputs:
    texts = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not texts:
        raise UserError("There are no texts to compare on.", "Paste one text per line.")
    return Inputs(texts=texts[:limit], gold=None, source=f"{min(len(texts), limit)} pasted texts",
                  truncated=len(texts) > limit)


def split_inputs(records: list[dict[str, Any]], split: str, run_name: str,
                 limit: int = MAX_TEXTS) -> Inputs:
    """Texts and correct answers from a run's saved per-example predictions."""
    if not records:
        raise UserError(f"Run {run_name} has no saved {split} examples to compare on.",
                        "Paste texts instead, or pick a run that kept a test split.")
    kept = records[:limit]
    if "tokens" in kept[0]:
        texts = [" ".join(map(str, r.get("tokens", []))) for r in kept]
        gold = [answer_text(entities=entity_strings(list(map(str, r.get("tokens", []))),
                                                    list(r.get("gold", [])))) for r in kept]
    else:
        texts = [str(r.get("text", "")) for r in kept]
        gold = [answer_text(labels=r.get("gold")) for r in kept]
    return Inputs(texts=texts, gold=gold, truncated=len(records) > limit,
                  source=f"the {split} set of {run_name} ({len(kept)} texts)")


def answer_text(result: dict[str, Any] | None = None, labels: Any = None,
                entities: list[str] | None = None) -> str:
    """One answer as a string: 'a | b' for labels, 'Alice (PER); Paris (LOC)' for entities."""
    if result is not None:
        if "entities" in result:
            entities = [f"{e['text']} ({e['type']})" for e in result["entities"]]
        else:
            labels = result.get("labels") or []
    if entities is not None:
        return "; ".join(entities)
    if isinstance(labels, str):
        labels = [labels]
    return " | ".join(sorted(str(x) for x in labels or []))


def check_same_task(task_a: str, task_b: str) -> None:
    if task_a != task_b:
        raise UserError(f"The two runs do different tasks ({task_a} and {task_b}).",
                        "Pick two runs of the same task.")


@dataclass
class Comparison:
    table: pd.DataFrame          # every input with both answers
    disagreements: pd.DataFrame  # only the inputs where the answers differ
    agree: int
    total: int
    correct_a: int | None
    correct_b: int | None


def compare_answers(texts: list[str], results_a: list[dict[str, Any]],
                    results_b: list[dict[str, Any]], names: tuple[str, str],
                    gold: list[str] | None = None) -> Comparison:
    answers_a = [answer_text(r) for r in results_a]
    answers_b = [answer_text(r) for r in results_b]
    name_a, name_b = names if names[0] != names[1] else (f"{names[0]} (A)", f"{names[1]} (B)")
    frame = pd.DataFrame({"text": texts, name_a: answers_a, name_b: answers_b})
    if gold is not None:
        frame.insert(1, "correct answer", gold)
    same = frame[name_a] == frame[name_b]
    correct = (None, None) if gold is None else (
        int((frame[name_a] == frame["correct answer"]).sum()),
        int((frame[name_b] == frame["correct answer"]).sum()))
    return Comparison(table=frame, disagreements=frame[~same].reset_index(drop=True),
                      agree=int(same.sum()), total=len(frame), correct_a=correct[0],
                      correct_b=correct[1])
