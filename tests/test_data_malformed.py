"""Every malformed file gives a UserError naming the problem and the file; odd files load."""

from __future__ import annotations

import pytest
from malformed_cases import CASE_OPTIONS, CASES, check_file

from core.config import DataConfig
from core.data import load_examples
from core.errors import UserError


def test_corpus_is_large_enough():
    bad = [c for c in CASES if c[2] is not None]
    assert len(bad) >= 30
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
