"""Data sentences read right for one and for many ("1 text", "2 texts"), and numbers read as
people write them."""

from __future__ import annotations

import re

from core.config import DataConfig, RunConfig, TrainingConfig
from core.data import build_health_report, make_splits
from core.data.cleaning import CleanCopy
from core.text import t

ONE_PLURAL = re.compile(r"(?<![\d.,])1 (texts|labels|examples|rows|classes|sentences|tags|"
                        r"tokens|types|entities|spans|tasks|copies|values|characters)\b"
                        r"|\(s\)")


def report_for(tmp_path, content: str, **data):
    path = tmp_path / "data.csv"
    path.write_text(content, encoding="utf-8")
    splits = make_splits(RunConfig(data=DataConfig(train=str(path), **data),
                                   training=TrainingConfig()))
    return splits, build_health_report(splits)


def messages(splits, report) -> list[str]:
    return [f.message for f in report.findings] + splits.notes


def test_one_of_each_reads_as_one(tmp_path):
    rows = [f"clear text number {i},{'pos' if i % 2 else 'neg'},train" for i in range(40)]
    rows += ["clear text number 1,pos,train",          # one exact copy
             "clear text number 2,pos,train",          # one text with two labels
             "clear text number 3,pos,test",           # one training text also in test
             "a text of its own,rare,train",           # one rare class
             "another test text,neg,test", ",neg,train",  # one empty text
             "a validation text,pos,validation", "one more validation text,neg,validation"]
    splits, report = report_for(tmp_path, "text,label,split\n" + "\n".join(rows) + "\n")
    found = {f.code: f.message for f in report.findings}
    assert found["duplicates"] == ("1 training example of data.csv is an exact copy of an "
                                   "earlier one.")
    assert found["conflicting_labels"] == ("1 text appears more than once in data.csv with "
                                           "different labels.")
    assert found["split_overlap"].startswith("1 of 2 test examples (50%) also appears in the "
                                             "training set")
    assert found["rare_classes"].startswith("1 class has fewer than 5 training examples")
    assert found["missing_values"] == "1 row of data.csv was left out (1 with an empty text)."
    assert not [m for m in messages(splits, report) if ONE_PLURAL.search(m)]


def test_many_read_as_many_with_thousands_separators(tmp_path):
    rows = [f"text {i},{'pos' if i % 2 else 'neg'}" for i in range(1200)]
    rows += [f"text {i},{'pos' if i % 2 else 'neg'}" for i in range(1100)]
    splits, report = report_for(tmp_path, "text,label\n" + "\n".join(rows) + "\n",
                                validation_fraction=0.05, test_fraction=0.05)
    found = {f.code: f.message for f in report.findings}
    assert found["duplicates"].endswith("training examples of data.csv are exact copies of an "
                                        "earlier one.")
    assert any(n.startswith("No validation file: 115 of 2,300 training examples (5%) were "
                            "held out") for n in splits.notes)


def test_a_single_held_out_example_reads_as_one(tmp_path):
    rows = "".join(f"text {i},{'pos' if i % 2 else 'neg'}\n" for i in range(8))
    splits, _ = report_for(tmp_path, "text,label\n" + rows, validation_fraction=0.1,
                           test_fraction=0.1)
    assert any(n.startswith("No validation file: 1 of 8 training examples (12%) was held out")
               for n in splits.notes), splits.notes


def test_counts_read_as_one_or_many_with_thousands_separators():
    assert t("reading.clean.kept", count=1, total=4794) == "1 row of 4,794 is kept"
    assert t("reading.clean.kept", count=4794, total=4795) == "4,794 rows of 4,795 are kept"
    copy = CleanCopy("f.csv", b"", rows_before=12, rows_after=12, copies=0, held_out=0,
                     repeated=0)
    assert copy.summary() == "Nothing needed removing; f.csv has all 12 rows."
    copy = CleanCopy("f.csv", b"", rows_before=4800, rows_after=4794, copies=1, held_out=4,
                     repeated=1)
    assert copy.summary() == (
        "Removed 1 exact copy of an earlier row, 4 training rows whose text is also in the "
        "validation or test set and 1 row that repeats an earlier text with another label; "
        "4,794 rows of 4,800 are kept.")
