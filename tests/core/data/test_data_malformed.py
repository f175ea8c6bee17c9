"""Every malformed file gives a UserError naming the problem and the file; odd files load."""

from __future__ import annotations

import pytest
from support.malformed_cases import CASE_OPTIONS, CASE_WARNINGS, CASES, check_file

from core.config import DataConfig
from core.data import load_examples
from core.errors import UserError


def test_corpus_is_large_enough():
    bad = [c for c in CASES if c[2] is not None]
    assert len(bad) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case_id,make,expected", CASES, ids=[c[0] for c in CASES])
def test_case(tmp_path, case_id, make, expected):
    path = make(tmp_path)
    options = CASE_OPTIONS.get(case_id, {})
    if expected is None:
        report = check_file(path, **options)
        assert not report.has_errors
        return
    with pytest.raises(UserError) as caught:
        check_file(path, **options)
    error = caught.value
    assert expected.lower() in error.message.lower()
    assert path.name in error.message
    assert error.fix and error.fix.endswith(".")
    assert "Traceback" not in str(error)


# What the odd-but-valid files must read as: (number of examples, first text or tokens).
GOOD_CONTENT = {
    "gbk-csv": (12, "这家酒店的服务非常好，房间干净。"),
    "big5-csv": (12, "這家酒店的服務非常好，房間乾淨。"),
    "latin1-csv": (12, "Café très agréable, personnel sympathique"),
    "utf16-bom-csv": (4, "这家酒店的服务非常好，房间干净。"),
    "semicolon-csv": (20, "I loved this film (0), really"),
    "tsv-raw-quotes": (20, '"I loved this film (0) said nobody'),
    "no-header-tsv": (20, "I loved this film (0) and more words here"),
    "some-blank-labels": (18, "I loved this film (0)"),
    "wnut-like-bom-lines": (4, ["John", "lives"]),
    "doccano-cjk": (4, ["北", "京", "欢", "迎", "你"]),
    "label-studio-partly-annotated": (4, ["John", "lives", "in", "Paris"]),
    "quoted-newlines": (20, "I loved this film (0)\nsecond line of the review"),
    "xlsx-merged-title": (20, "I loved this film (0)"),
    "xlsx-several-sheets": (20, "I loved this film (0)"),
    "rtl-script-texts": (20, "\u200fסרט נהדר 0"),
    "single-example-class": (21, "I loved this film (0)"),
}


@pytest.mark.parametrize("case_id", sorted(GOOD_CONTENT))
def test_odd_files_read_correctly(tmp_path, case_id):
    make = next(c[1] for c in CASES if c[0] == case_id)
    path = make(tmp_path)
    examples = load_examples(path, DataConfig(train=str(path)))
    n, first = GOOD_CONTENT[case_id]
    column = "tokens" if examples.task == "token-classification" else "text"
    assert len(examples.frame) == n
    assert examples.frame[column].iloc[0] == first


@pytest.mark.parametrize("case_id", sorted(CASE_WARNINGS))
def test_odd_files_load_with_a_warning(tmp_path, case_id):
    make = next(c[1] for c in CASES if c[0] == case_id)
    report = check_file(make(tmp_path))
    assert not report.has_errors
    found = [f for f in report.findings if f.code == CASE_WARNINGS[case_id]]
    assert found, [f.code for f in report.findings]
    assert all(f.message for f in found)


def test_label_spelling_variants_become_one_label(tmp_path):
    make = next(c[1] for c in CASES if c[0] == "case-variant-labels")
    path = make(tmp_path)
    examples = load_examples(path, DataConfig(train=str(path)))
    assert sorted({label for labels in examples.frame["labels"] for label in labels}) == \
        ["neg", "pos"]
    merged = examples.frame.attrs["label_variants"]
    assert {v["into"] for v in merged} == {"pos", "neg"}
    assert sorted(m for v in merged for m in v["merged"]) == ["NEG", "POS", "Pos"]


def test_validation_file_labels_take_the_training_spelling(tmp_path):
    from support.fixtures_data import csv_text, sentiment_rows, write

    from core.config import RunConfig
    from core.data import make_splits

    rows = sentiment_rows(10)
    train = write(tmp_path, "train.csv", csv_text(rows))
    validation = write(tmp_path, "dev.csv", csv_text([(t, lab.upper()) for t, lab in rows[:6]]))
    config = RunConfig(data=DataConfig(train=str(train), validation=str(validation)))
    splits = make_splits(config)
    assert splits.labels == ["neg", "pos"]
    assert any("'POS' -> 'pos'" in note for note in splits.notes)


def test_merged_title_row_is_skipped_and_noted(tmp_path):
    make = next(c[1] for c in CASES if c[0] == "xlsx-merged-title")
    path = make(tmp_path)
    examples = load_examples(path, DataConfig(train=str(path)))
    assert examples.frame.attrs["columns"]["text"] == "text"
    assert any("title in merged cells" in n for n in examples.frame.attrs["notes"])


def test_a_single_filled_cell_without_a_merge_is_a_header(tmp_path):
    """A header row with one name (the label column unnamed) is not mistaken for a title."""
    from support.fixtures_data import sentiment_rows, xlsx

    rows = [["text", ""]] + [list(r) for r in sentiment_rows(10)]
    path = xlsx(tmp_path, "unnamed.xlsx", {"Sheet1": rows})
    examples = load_examples(path, DataConfig(train=str(path), label_column="column_2"))
    assert len(examples.frame) == 20
