"""Two runs on the same inputs: where they agree, where they differ, who is right.

The inputs are either pasted texts or the split a run was scored on (its test set, else its
validation set). Answers are compared as plain strings: the label(s) for classification, the
entities as "text (TYPE)" for NER, so the two runs may even use different label sets. When the
correct answers are known, the two counts of right answers come with the range of their
difference (a paired bootstrap over the same texts), so a one-text gap is not read as a win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core import error_analysis, runs, significance
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
    difference: significance.Difference | None = None  # share right of a minus b, with range


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
    comparison = Comparison(table=frame, disagreements=frame[~same].reset_index(drop=True),
                            agree=int(same.sum()), total=len(frame), correct_a=None,
                            correct_b=None)
    if gold is not None:
        right_a = (frame[name_a] == frame["correct answer"]).to_numpy()
        right_b = (frame[name_b] == frame["correct answer"]).to_numpy()
        comparison.correct_a, comparison.correct_b = int(right_a.sum()), int(right_b.sum())
        comparison.difference = significance.paired_difference(
            significance.correct_counts(right_a), significance.correct_counts(right_b))
    return comparison


@dataclass
class SavedScore:
    """A run's score on its saved held-out predictions, ready to resample."""

    metric: str
    split: str
    counts: significance.Counts
    inputs: list[str]  # the texts, to check that two runs were scored on the same ones


def saved_score(run_dir: Any) -> SavedScore | None:
    """The run's best metric rebuilt from its saved predictions (None when it kept none)."""
    evaluation = runs.read_eval(run_dir) or {}
    split = error_analysis.report_split(evaluation)
    metric = evaluation.get("best_metric")
    records = error_analysis.load_records(run_dir, split) if split else []
    if not records or not metric:
        return None
    kind = "ner" if evaluation.get("task") == "token-classification" else \
        "multi_label" if evaluation.get("multi_label") else "single_label"
    try:
        counts = significance.records_counts(records, evaluation.get("labels") or [], kind,
                                             str(metric))
    except ValueError:  # a metric or an answer the per-example counts do not cover
        return None
    inputs = [" ".join(map(str, r.get("tokens", []))) if "tokens" in r else str(r.get("text"))
              for r in records]
    return SavedScore(str(metric), split or "test", counts, inputs)


def saved_difference(a: SavedScore, b: SavedScore) -> significance.Difference | None:
    """Paired range of a - b, when both runs were scored on the same texts with one metric."""
    if a.metric != b.metric or a.inputs != b.inputs:
        return None
    return significance.paired_difference(a.counts, b.counts)
