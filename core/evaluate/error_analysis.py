"""The examples a run gets wrong, from the per-example predictions training saved.

Training writes `test_predictions.jsonl` (and `validation_predictions.jsonl`): classification
records {text, gold, predicted, confidence} (multi-label: gold/predicted lists and a `scores`
dict that leaves out labels below 0.05), NER records {tokens, gold, predicted} as BIO tags.
Tables here are plain DataFrames; `relabel_csv` makes them safe to open in a spreadsheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from core.text import LANGUAGES, t
from core.workspace import csv_safe, runs
from core.workspace.folder import RunFolder

SPLITS = ("test", "validation")
# The download's added column keeps its English name in every language: the page's help text
# names it, and a program reading the corrected file back looks for it.
RELABEL_COLUMN = "corrected_label"

# A table column's name (English, as the downloaded CSV writes it) -> its catalogue key; a
# table on screen shows the name in the reader's language (`column`).
COLUMNS = {
    "text": "evaluation.column.text",
    "correct label": "evaluation.column.correct_label",
    "model's answer": "evaluation.column.model_answer",
    "confidence": "evaluation.column.confidence",
    "sentence": "evaluation.column.sentence",
    "correct entities": "evaluation.column.correct_entities",
    "model's entities": "evaluation.column.model_entities",
    "missed or wrong": "evaluation.column.missed",
    "extra": "evaluation.column.extra",
    "correct answer": "evaluation.column.correct_answer",  # the comparison table's
}


def column(name: str, language: str | None = None) -> str:
    """A table column's name as the reader sees it: column("confidence") -> '置信度' in Chinese."""
    return t(COLUMNS[name], language=language) if name in COLUMNS else name


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    return table.rename(columns={name: column(name) for name in table.columns})


def stable_column(name: str) -> str:
    """The English name of a column shown in any language ('置信度' -> 'confidence'); a name
    that is not a table column's (a run's name, a file's column) stays as it is."""
    for english, key in COLUMNS.items():
        if name in {t(key, language=language) for language in LANGUAGES}:
            return english
    return name


def report_split(evaluation: dict[str, Any] | None) -> str | None:
    """The split whose report the Test page shows: test, else validation, else None."""
    evaluation = evaluation or {}
    return next((s for s in SPLITS if isinstance(evaluation.get(s), dict) and evaluation[s]),
                None)


def load_records(run_dir: Path, split: str) -> list[dict[str, Any]]:
    """Per-example predictions of one split; damaged lines are skipped, a missing file is []."""
    if split not in SPLITS:
        return []
    path = RunFolder(run_dir).predictions(split)
    try:
        with open(path, encoding="utf-8") as handle:
            return runs.json_objects(handle)
    except OSError:
        return []


def split_inputs(run_dir: Path) -> tuple[str | None, list[dict[str, Any]]]:
    """The split the run was scored on and its records (what 'the test set' means for a run)."""
    split = report_split(runs.read_eval(run_dir))
    return split, load_records(run_dir, split) if split else []


# ----- classification -----------------------------------------------------------------------

def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if value in (None, "") else [str(value)]


def decision_confidence(record: dict[str, Any], threshold: float = 0.5) -> float:
    """How sure the model was of its answer.

    Single-label: the probability of the predicted label. Multi-label: the probability of its
    least certain yes/no decision (a label at 0.55 with threshold 0.5 makes the whole answer
    only 0.55 sure). Labels missing from `scores` were below 0.05.
    """
    if "scores" not in record:
        return float(record.get("confidence", 0.0))
    scores = record.get("scores") or {}
    labels = set(scores) | set(_as_list(record.get("predicted")))
    sure = [p if p >= threshold else 1.0 - p for p in (float(scores.get(x, 0.0)) for x in labels)]
    return round(min(sure), 4) if sure else 1.0


def is_correct(record: dict[str, Any]) -> bool:
    return sorted(_as_list(record.get("gold"))) == sorted(_as_list(record.get("predicted")))


def classification_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per record; column names in English (see `column` for the shown names)."""
    rows = [{"text": str(r.get("text", "")), "correct label": " | ".join(_as_list(r.get("gold"))),
             "model's answer": " | ".join(_as_list(r.get("predicted"))),
             "confidence": decision_confidence(r), "right": is_correct(r)} for r in records]
    return pd.DataFrame(rows, columns=["text", "correct label", "model's answer", "confidence",
                                       "right"])


def mistakes(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Wrong answers, the most confident first: those are often mislabeled examples."""
    table = classification_table(records)
    wrong = table[~table["right"]].sort_values("confidence", ascending=False, kind="stable")
    return _shown(wrong.drop(columns="right").reset_index(drop=True))


def least_confident_correct(records: list[dict[str, Any]], limit: int = 50) -> pd.DataFrame:
    """Right answers the model was least sure of: the next mistakes waiting to happen."""
    table = classification_table(records)
    right = table[table["right"]].sort_values("confidence", ascending=True, kind="stable")
    return _shown(right.drop(columns="right").head(limit).reset_index(drop=True))


# ----- NER --------------------------------------------------------------------------------

def tag_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(type, first token, token after the last) for each entity in a BIO tag sequence."""
    spans: list[list[Any]] = []
    previous = None
    for i, tag in enumerate(tags):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind is None:
            previous = None
            continue
        if tag.startswith("I-") and previous == kind and spans:
            spans[-1][2] = i + 1
        else:
            spans.append([kind, i, i + 1])
        previous = kind
    return [(k, s, e) for k, s, e in spans]


def entity_strings(tokens: list[str], tags: list[str]) -> list[str]:
    return [f"{' '.join(tokens[s:e])} ({k})" for k, s, e in tag_spans(tags)]


def ner_sentences(records: list[dict[str, Any]], only_mistakes: bool = False
                  ) -> list[dict[str, Any]]:
    """Each sentence with its gold and predicted entity spans and whether they differ."""
    out = []
    for number, record in enumerate(records, start=1):
        tokens = [str(t) for t in record.get("tokens", [])]
        gold, predicted = list(record.get("gold", [])), list(record.get("predicted", []))
        gold_spans, predicted_spans = tag_spans(gold), tag_spans(predicted)
        wrong = set(gold_spans) != set(predicted_spans)
        if only_mistakes and not wrong:
            continue
        out.append({"number": number, "tokens": tokens, "gold": gold_spans,
                    "predicted": predicted_spans, "mistake": wrong,
                    "missed": sorted(set(gold_spans) - set(predicted_spans), key=lambda s: s[1]),
                    "extra": sorted(set(predicted_spans) - set(gold_spans), key=lambda s: s[1])})
    return out


def ner_mistakes(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Sentences with a missed or wrong entity, one row each (what to relabel)."""
    rows = []
    for item in ner_sentences(records, only_mistakes=True):
        tokens = item["tokens"]

        def words(spans: list[tuple[str, int, int]], tokens: list[str] = tokens) -> str:
            return "; ".join(f"{' '.join(tokens[s:e])} ({k})" for k, s, e in spans)

        rows.append({"sentence": " ".join(tokens), "correct entities": words(item["gold"]),
                     "model's entities": words(item["predicted"]),
                     "missed or wrong": words(item["missed"]),
                     "extra": words(item["extra"])})
    return _shown(pd.DataFrame(rows, columns=["sentence", "correct entities", "model's entities",
                                              "missed or wrong", "extra"]))


# ----- download ---------------------------------------------------------------------------

def relabel_csv(table: pd.DataFrame, add_column: str = RELABEL_COLUMN) -> bytes:
    """CSV bytes with an empty column to fill in; formula-like cells are neutralised.

    The header is English in every language (`stable_column`): the file is meant to be
    corrected and trained on again, and the app finds its text column by names such as 'text'
    and 'sentence'.
    """
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    columns = [stable_column(str(c)) for c in table.columns] + ([add_column] if add_column else [])
    writer.writerow(columns)
    for row in table.itertuples(index=False):
        writer.writerow(list(row) + ([""] if add_column else []))
    return buffer.getvalue().encode("utf-8-sig")
