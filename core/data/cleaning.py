"""`clean_copy`: the training file without the rows the health report warns about (exact copies,
and texts that are also in the validation or test set), as a new file; the original stays.

A row is left out when
- it repeats an earlier row exactly (same text, same label);
- it is a training row, or a row the split leaves to chance, and its text is also in a row kept
  for validation or testing (by the split column, or in a separate validation or test file);
- it is left to chance (no split column, or an empty cell in it) and its text is in an earlier
  row with another label: the random hold-out could put the two on both sides of the split.
The copy is a CSV with every column of the original; rows the app cannot use (empty texts) stay
as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core.config import RunConfig
from core.data.columns import SPLIT_VALUES
from core.data.examples import load_examples
from core.data.limits import refusal
from core.data.readers import read_table
from core.data.splits import make_splits
from core.tasks import is_task, task_kind
from core.text import t
from core.workspace import csv_safe, uploads

FINDINGS = ("duplicates", "mostly_duplicates", "split_overlap")  # what a clean copy fixes


@dataclass(frozen=True)
class CleanCopy:
    name: str
    content: bytes
    rows_before: int
    rows_after: int
    copies: int        # exact copies of an earlier row
    held_out: int      # training rows whose text is also kept for validation or testing
    repeated: int      # rows left to chance repeating an earlier text with another label

    @property
    def removed(self) -> int:
        return self.copies + self.held_out + self.repeated

    def summary(self) -> str:
        """What was removed, in whole sentences (in the current language)."""
        parts = [t(f"reading.clean.{what}", count=count) for what, count in
                 (("copies", self.copies), ("held_out", self.held_out),
                  ("repeated", self.repeated)) if count]
        if not parts:
            return t("reading.clean.nothing", name=self.name, count=self.rows_after)
        removed = parts[0] if len(parts) == 1 else t(
            "common.list.last", rest=t("common.list.separator").join(parts[:-1]), last=parts[-1])
        return t("reading.clean.removed", removed=removed,
                 kept=t("reading.clean.kept", count=self.rows_after, total=self.rows_before))


def _text_keys(frame: pd.DataFrame) -> pd.Series:
    if "text_pair" in frame.columns:
        return frame["text"] + "\x1f" + frame["text_pair"]
    return frame["text"]


def clean_copy(config: RunConfig) -> CleanCopy:
    """The training file of `config` without copies and overlapping texts (nothing is written)."""
    data = config.data
    path = Path(data.train)
    if not (is_task(config.task) and task_kind(config.task).supports_cleaning):
        raise refusal("clean.one_label_only")
    table = read_table(path)
    examples = load_examples(path, data, config.task).frame
    texts = _text_keys(examples).tolist()
    labels = examples["labels"].map("\x1f".join).tolist()
    if "split" in examples.columns:
        splits = [SPLIT_VALUES.get(v) if v else None for v in examples["split"].tolist()]
    else:
        splits = [None] * len(examples)
    held = {t for t, s in zip(texts, splits) if s in ("validation", "test")}
    held |= _texts_of_other_files(config)

    drop, copies, held_out, repeated = set(), 0, 0, 0
    seen_rows: set[tuple[str, str]] = set()
    seen_texts: set[str] = set()
    for row, text, label, split in zip(examples["row"].tolist(), texts, labels, splits):
        if (text, label) in seen_rows:
            copies += 1
            drop.add(row)
        elif split in (None, "train") and text in held:
            held_out += 1
            drop.add(row)
        elif split is None and text in seen_texts:
            repeated += 1
            drop.add(row)
        else:  # only kept rows count as earlier: a removed one leaves nothing to repeat
            seen_rows.add((text, label))
            seen_texts.add(text)
    keep = [i for i in range(len(table)) if i + 1 not in drop]
    cleaned = table.iloc[keep]
    cleaned.attrs = {}
    return CleanCopy(name=f"{path.stem}-cleaned.csv", content=csv_safe.frame_bytes(cleaned),
                     rows_before=len(table), rows_after=len(cleaned), copies=copies,
                     held_out=held_out, repeated=repeated)


def _texts_of_other_files(config: RunConfig) -> set[str]:
    """Texts of separate validation and test files, read with the training file's columns."""
    if not (config.data.validation or config.data.test):
        return set()
    splits = make_splits(config)
    found: set[str] = set()
    for given, part in ((config.data.validation, splits.validation),
                        (config.data.test, splits.test)):
        if given and part is not None:
            found |= set(_text_keys(part.frame).tolist())
    return found


def keep_clean_copy(config: RunConfig) -> tuple[uploads.SavedDataset, CleanCopy]:
    """Write the cleaned copy as a new upload beside the original, which is left as it is."""
    copy = clean_copy(config)
    if not copy.removed:
        raise refusal("clean.nothing_to_remove")
    return uploads.save_upload(copy.name, copy.content), copy
