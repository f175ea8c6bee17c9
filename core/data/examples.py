"""`load_examples`: one file + the column mapping -> clean training examples.

Each task's `reader` picks the loader: "table" (labeled texts), "tagged" (tokens with tags) or
"squad" (questions with their contexts and answers, core.data.squad.read_qa_file).

Rows with an empty text or (single-label) an empty label cannot be learned from; they are left
out of the frame but recorded in `frame.attrs["dropped"]` so the health report can say how
many and where, instead of silently shrinking the data.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from core.config import DataConfig
from core.data.columns import (
    ColumnGuess,
    detect_multi_label,
    infer_columns,
    split_labels,
)
from core.data.detect import detect_task
from core.data.encoding import VISIBLE
from core.data.limits import listed, notice, refusal
from core.data.readers import read_table
from core.data.squad import read_qa_file
from core.data.tagged import read_tagged
from core.errors import UserError
from core.tasks import TASK_NAMES, is_task, task_kind
from core.text import Text

_INTEGRAL_FLOAT = re.compile(r"^(-?\d+)\.0+$")
_WHOLE_NUMBER = re.compile(r"^-?\d{1,18}$")
_VISIBLE = VISIBLE.pattern
_MISSING_LABELS = {"nan", "NaN", "NAN", "null", "NULL"}  # what a pandas/JSON round trip leaves
_MAX_DROPPED_EXAMPLES = 50
_TABLE_ONLY = (".csv", ".xlsx", ".xlsm", ".parquet", ".pq")


@dataclass
class Examples:
    task: str
    frame: pd.DataFrame
    multi_label: bool
    source: str

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def kind(self) -> Any:
        """The task's description (core.tasks.task_kind)."""
        return task_kind(self.task)


def load_examples(path, data: DataConfig, task: str | None = None) -> Examples:
    path = Path(path)
    task = task or detect_task(path)
    if not is_task(task):
        raise refusal("unknown_task", task=repr(task), names=_either(TASK_NAMES))
    return _LOADERS[task_kind(task).reader](path, data, task)


def _load_tagged(path: Path, data: DataConfig, task: str) -> Examples:
    if path.suffix.lower() in _TABLE_ONLY:
        raise refusal("table_not_tagged", name=path.name)
    return Examples(task, read_tagged(path), False, path.name)


def _load_table(path: Path, data: DataConfig, task: str) -> Examples:
    table = read_table(path)
    mapping = resolve_columns(table, data, path.name)
    frame = _classification_frame(table, mapping, path.name, data.label_names)
    return Examples(task, frame, mapping["multi_label"], path.name)


def _load_squad(path: Path, data: DataConfig, task: str) -> Examples:
    """Questions with their contexts and answers (core.data.squad.read_qa_file)."""
    return Examples(task, read_qa_file(path, data), False, path.name)


# The loader of each reader a task names (core.tasks: `reader`).
_LOADERS = {"tagged": _load_tagged, "table": _load_table, "squad": _load_squad}


def _optional(chosen, guessed):
    """For the optional columns, None means "guess" and "" means "none, even if one is guessed"."""
    return guessed if chosen is None else (chosen or None)


def resolve_columns(table: pd.DataFrame, data: DataConfig, name: str) -> dict:
    """The column mapping actually used: the user's choices, the guess for the rest."""
    # Guessing profiles every column; when the user chose them all (the Data page always
    # does), it is skipped rather than run a second time per upload.
    chose_all = bool(data.text_column and data.label_column) and None not in (
        data.text_pair_column, data.split_column, data.multi_label)
    guess = ColumnGuess() if chose_all else infer_columns(table)
    columns = [str(c) for c in table.columns]
    chosen = {
        "text": data.text_column or guess.text,
        "text_pair": _optional(data.text_pair_column, guess.text_pair),
        "label": data.label_column or guess.label,
        "split": _optional(data.split_column, guess.split),
        "join": data.text_join_column or None,  # never guessed: the Data page proposes it
    }
    for role in ("text_pair", "split"):  # a guess must not reuse a column the user chose
        user_chose = getattr(data, f"{role}_column")
        if not user_chose and chosen[role] in (chosen["text"], chosen["label"]):
            chosen[role] = None
    _check_chosen(chosen, columns, name)
    multi, separator = _multi_label_choice(table, data, guess, chosen["label"])
    chosen.update(multi_label=bool(multi), separator=separator)
    return chosen


def _check_chosen(chosen: dict, columns: list[str], name: str) -> None:
    """A UserError when the chosen columns are missing from the table or overlap."""
    for role, column in chosen.items():
        if column is not None and column not in columns:
            raise refusal("column_missing", name=name, column=column,
                          role=Text(f"reading.role.{role}"), columns=listed(columns))
    if chosen["text"] is None:
        raise refusal("no_text_column", name=name, columns=listed(columns))
    if chosen["join"] and chosen["join"] in (chosen["text"], chosen["label"],
                                             chosen["text_pair"], chosen["split"]):
        raise refusal("join_has_role", name=name, column=chosen["join"])
    if chosen["label"] == chosen["text"]:
        raise refusal("text_is_label", name=name, column=chosen["text"])
    if chosen["label"] is None:
        raise refusal("no_label_column", name=name, column=chosen["text"],
                      columns=listed(columns))


def _multi_label_choice(table: pd.DataFrame, data: DataConfig, guess: ColumnGuess,
                        label_column: str) -> tuple:
    """(multi-label or not, label separator): the user's choice, else detected or guessed."""
    if data.multi_label is not None:
        multi = data.multi_label
        separator = data.label_separator
        if multi and separator is None:
            detected = detect_multi_label(table[label_column])[1]
            separator = detected or guess.label_separator or "|"
    elif data.label_column and data.label_column != guess.label:
        multi, separator, _ = detect_multi_label(table[label_column])
    else:
        multi, separator = guess.multi_label, guess.label_separator
    if data.label_separator:
        separator = data.label_separator
    return multi, separator


def normalise_label(value: str) -> str:
    value = value.strip()
    match = _INTEGRAL_FLOAT.match(value)
    return match.group(1) if match else value  # "1.0" from a float column means "1"


def joined_texts(table: pd.DataFrame, first: str, second: str | None) -> pd.Series:
    """The text column, or two columns joined per row in the file's order (title, then
    description), with a line break between them; an empty cell adds nothing."""
    texts = table[first].astype(str).str.strip()
    if not second:
        return texts
    other = table[second].astype(str).str.strip()
    columns = [str(c) for c in table.columns]
    if columns.index(second) < columns.index(first):
        texts, other = other, texts
    both = (texts != "") & (other != "")
    return texts.where(~both, texts + "\n" + other).where(texts != "", other)


MAX_NAMED_VALUES = 50  # more whole-number labels than this are ids or scores, not classes


def integer_label_values(table: pd.DataFrame, column: str, multi_label: bool = False,
                         separator: str | None = None) -> list[str]:
    """The label column's values, smallest first, when every one is a whole number (0/1, 1-5)
    and there are few enough to name; otherwise []."""
    found: set[str] = set()
    for cell in table[column].astype(str).tolist():
        parts = split_labels(cell, separator) if multi_label else [cell]
        for part in parts:
            value = normalise_label(part)
            if not value or value in _MISSING_LABELS:
                continue
            if not _WHOLE_NUMBER.match(value):
                return []
            found.add(value)
            if len(found) > MAX_NAMED_VALUES:
                return []
    return sorted(found, key=int)


def _named(labels: list[list[str]], names: dict[str, str], name: str) -> list[list[str]]:
    """Whole-number labels replaced by the names the user gave them ("0" -> "negative")."""
    if not names:
        return labels
    names = {value: label.strip() for value, label in names.items()}
    clash = sorted({label for row in labels for label in row if label not in names}
                   & set(names.values()))
    if clash:
        raise refusal("label_name_clash", name=name, label=clash[0])
    return [list(dict.fromkeys(names.get(label, label) for label in row)) for row in labels]


def _classification_frame(table: pd.DataFrame, mapping: dict, name: str,
                          label_names: dict[str, str] | None = None) -> pd.DataFrame:
    texts = joined_texts(table, mapping["text"], mapping["join"])
    raw_labels = table[mapping["label"]].astype(str)
    if mapping["multi_label"]:
        labels = [[normalise_label(x) for x in split_labels(v, mapping["separator"])
                   if x not in _MISSING_LABELS] for v in raw_labels]
    else:
        distinct = {v: normalise_label(v) for v in set(raw_labels.tolist())}
        labels = [[distinct[v]] if distinct[v] and distinct[v] not in _MISSING_LABELS else []
                  for v in raw_labels.tolist()]
    labels = _named(labels, label_names or {}, name)
    frame = pd.DataFrame({"text": texts.str.strip()})
    if mapping["text_pair"]:
        frame["text_pair"] = table[mapping["text_pair"]].astype(str).str.strip()
    labels, variants = merge_label_variants(labels)
    frame["labels"] = labels
    frame["row"] = range(1, len(table) + 1)
    if mapping["split"]:
        frame["split"] = table[mapping["split"]].astype(str).str.strip().str.lower()

    empty_text = ~frame["text"].str.contains(_VISIBLE, regex=True)
    empty_label = frame["labels"].map(len) == 0
    drop = empty_text if mapping["multi_label"] else empty_text | empty_label
    dropped = _dropped_record(frame, empty_text, empty_label & ~empty_text & drop)
    kept = frame[~drop].reset_index(drop=True)
    if kept.empty:
        raise _no_usable_rows(frame, empty_text, mapping, name)
    kept.attrs = {"dropped": dropped, "columns": {k: mapping[k] for k in
                                                  ("text", "text_pair", "label", "split",
                                                   "join")},
                  "label_separator": mapping["separator"], "label_variants": variants,
                  "notes": list(table.attrs.get("notes", [])),
                  "warnings": list(table.attrs.get("warnings", []))
                  + _structured_text_warnings(table, mapping, name)}
    return kept


def _no_usable_rows(frame: pd.DataFrame, empty_text: pd.Series, mapping: dict,
                    name: str) -> UserError:
    """Every row is left out: all texts empty (or invisible), else all labels."""
    if not empty_text.all():
        return refusal("no_usable_label", name=name, column=mapping["label"])
    invisible = (frame["text"] != "").any()
    detail = Text("reading.no_usable_text.invisible") if invisible else ""
    return refusal("no_usable_text", name=name, column=mapping["text"], detail=detail)


def _either(names) -> Text | str:
    """'a or b' ('a、b或c' in Chinese for three)."""
    names = list(names)
    if len(names) < 2:
        return names[0] if names else ""
    return Text("reading.or.last", {"rest": listed(names[:-1]), "last": names[-1]})


def _structured_text_warnings(table: pd.DataFrame, mapping: dict, name: str) -> list[dict]:
    """A text column that held objects or lists (JSON records, Parquet list/struct columns)
    trains on their JSON spelling, brackets and quotes included: worth a look."""
    structured = table.attrs.get("structured") or {}
    warnings = []
    for role in ("text", "text_pair", "join"):
        column = mapping[role]
        if column in structured:
            count, row = structured[column]
            warnings.append(notice("structured_text", column=column, name=name,
                                   count=int(count), row=str(row)))
    return warnings


def _dropped_record(frame: pd.DataFrame, empty_text: pd.Series, empty_label: pd.Series) -> dict:
    rows = [(int(r), "empty text") for r in frame.loc[empty_text, "row"][:_MAX_DROPPED_EXAMPLES]]
    rows += [(int(r), "empty label") for r in frame.loc[empty_label, "row"][:_MAX_DROPPED_EXAMPLES]]
    return {"count": int(empty_text.sum() + empty_label.sum()),
            "by_reason": {"empty text": int(empty_text.sum()),
                          "empty label": int(empty_label.sum())},
            "examples": sorted(rows)[:_MAX_DROPPED_EXAMPLES]}


def label_key(label: str) -> str:
    """What makes two spellings the same label: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()


def merge_label_variants(labels: list[list[str]]) -> tuple[list[list[str]], list[dict]]:
    """Spellings of one label that differ only in case or spaces ("pos", "POS", "Pos") become
    the most frequent spelling (on a tie, the first in the file). Returns the labels and what
    was merged, for the health report.
    """
    counts = Counter(label for row in labels for label in row)
    groups: dict[str, list[str]] = {}
    for label in counts:
        groups.setdefault(label_key(label), []).append(label)
    rename: dict[str, str] = {}
    variants = []
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        into = max(spellings, key=lambda v: counts[v])  # a tie goes to the first one seen
        merged = sorted(v for v in spellings if v != into)
        rename.update({v: into for v in merged})
        variants.append({"into": into, "merged": merged, "rows": sum(counts[v] for v in merged)})
    if not rename:
        return labels, []
    return [list(dict.fromkeys(rename.get(v, v) for v in row)) for row in labels], variants
