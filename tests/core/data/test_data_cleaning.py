"""core/data/cleaning.py: a cleaned copy without exact copies and texts shared across splits."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from core.config import DataConfig, RunConfig, TrainingConfig
from core.data import build_health_report, make_splits
from core.data.cleaning import clean_copy, keep_clean_copy
from core.errors import UserError
from core.workspace import uploads


def config_for(path, **data) -> RunConfig:
    return RunConfig(data=DataConfig(train=str(path), **data), training=TrainingConfig())


def rows_of(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


def distinct_rows(n: int, extra: str = "") -> str:
    return "".join(f"review number {i} is {'fine' if i % 2 else 'poor'},"
                   f"{'pos' if i % 2 else 'neg'}{extra}\n" for i in range(n))


def test_exact_copies_are_removed_and_counted(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text("text,label,note\n" + distinct_rows(30, ",")
                    + "review number 3 is fine,pos,again\nreview number 4 is poor,neg,\n",
                    encoding="utf-8")
    copy = clean_copy(config_for(path))
    assert (copy.copies, copy.held_out, copy.repeated) == (2, 0, 0)
    assert (copy.rows_before, copy.rows_after) == (32, 30)
    assert copy.name == "reviews-cleaned.csv"
    cleaned = rows_of(copy.content)
    assert list(cleaned.columns) == ["text", "label", "note"]  # every column is kept
    assert cleaned["text"].is_unique
    assert copy.summary() == "Removed 2 exact copies of earlier rows; 30 rows of 32 are kept."


def test_training_rows_whose_text_is_in_the_test_split_are_removed(tmp_path):
    rows = [(f"text {i} is {'good' if i % 2 else 'bad'}", "pos" if i % 2 else "neg", "train")
            for i in range(30)]
    rows += [("text 1 is good", "pos", "test"), ("text 2 is bad", "neg", "validation"),
             ("a new test text", "neg", "test")]
    path = tmp_path / "split.csv"
    pd.DataFrame(rows, columns=["text", "label", "split"]).to_csv(path, index=False)
    config = config_for(path)
    before = build_health_report(make_splits(config))
    assert {f.code for f in before.findings} >= {"split_overlap"}

    copy = clean_copy(config)
    assert (copy.copies, copy.held_out, copy.repeated) == (0, 2, 0)
    cleaned = rows_of(copy.content)
    # the held-out rows stay; the training rows with their texts go
    assert len(cleaned[cleaned["split"] != "train"]) == 3
    assert "text 1 is good" not in set(cleaned.loc[cleaned["split"] == "train", "text"])
    assert copy.summary() == ("Removed 2 training rows whose text is also in the validation or "
                              "test set; 31 rows of 33 are kept.")
    out = tmp_path / "out.csv"
    out.write_bytes(copy.content)
    after = build_health_report(make_splits(config_for(out)))
    assert not {"split_overlap", "duplicates"} & {f.code for f in after.findings}


def test_a_text_repeated_with_another_label_is_removed_when_the_split_is_random(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("text,label\n" + distinct_rows(30) + "review number 3 is fine,neg\n",
                    encoding="utf-8")
    copy = clean_copy(config_for(path))
    assert (copy.copies, copy.held_out, copy.repeated) == (0, 0, 1)
    assert copy.summary() == ("Removed 1 row that repeats an earlier text with another label; "
                              "30 rows of 31 are kept.")


def test_a_training_text_also_in_a_separate_test_file_is_removed(tmp_path):
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    train.write_text("text,label\n" + distinct_rows(30), encoding="utf-8")
    test.write_text("text,label\nreview number 5 is fine,pos\nsomething else,neg\n",
                    encoding="utf-8")
    copy = clean_copy(config_for(train, test=str(test)))
    assert (copy.copies, copy.held_out, copy.repeated) == (0, 1, 0)
    assert copy.summary() == ("Removed 1 training row whose text is also in the validation or "
                              "test set; 29 rows of 30 are kept.")


def test_the_copy_is_a_new_upload_and_the_original_stays(workspace, tmp_path):
    content = ("text,label\n" + distinct_rows(30) + "review number 3 is fine,pos\n").encode()
    original = uploads.save_upload("reviews.csv", content)
    saved, copy = keep_clean_copy(config_for(original.path))
    assert saved.path != original.path and original.path.read_bytes() == content
    assert {d.name for d in uploads.list_uploads()} == {"reviews.csv", "reviews-cleaned.csv"}
    assert saved.path.read_bytes() == copy.content


def test_a_file_without_copies_is_refused_with_a_sentence(workspace, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text("text,label\n" + distinct_rows(30), encoding="utf-8")
    with pytest.raises(UserError, match="no copies or overlapping texts"):
        keep_clean_copy(config_for(path))
