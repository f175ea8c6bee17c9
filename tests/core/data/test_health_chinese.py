"""The health report speaks the reader's language: findings and fixes made under
`use_language("zh")` are Chinese sentences from the catalogue (strict mode: a missing key
raises), and the same data in English keeps the English sentences."""

from __future__ import annotations

import re

from support.fixtures_data import csv_text, write

from core.config import DataConfig, RunConfig
from core.data import build_health_report, make_splits
from core.text import use_language

HAN = re.compile(r"[\u4e00-\u9fff]")


def _rows():
    rows = [(f"sample sentence number {i} about {label}", label)
            for label in ("pos", "neg") for i in range(30)]
    rows += [("sample sentence number 0 about pos", "pos")] * 2  # exact copies
    rows += [("a rare one", "rare"), ("another rare one", "rare")]  # a rare class
    return rows


def _report(tmp_path, language):
    train = write(tmp_path, "train.csv", csv_text(_rows()))
    validation = write(tmp_path, "val.csv", csv_text(
        [("sample sentence number 3 about neg", "neg"), ("something new", "pos")]))
    with use_language(language):
        splits = make_splits(RunConfig(task="text-classification",
                                       data=DataConfig(train=str(train),
                                                       validation=str(validation))))
        return build_health_report(splits)


def test_findings_made_in_chinese_are_chinese(tmp_path):
    report = _report(tmp_path, "zh")
    codes = {f.code for f in report.findings}
    assert {"duplicates", "split_overlap", "rare_classes", "class_counts"} <= codes
    for finding in report.findings:
        for sentence in (finding.title, finding.message, finding.fix):
            assert not sentence or HAN.search(sentence), (finding.code, sentence)
    overlap = next(f for f in report.findings if f.code == "split_overlap")
    assert "验证集" in overlap.message and "训练集" in overlap.message


def test_the_same_findings_in_english_stay_english(tmp_path):
    report = _report(tmp_path, "en")
    messages = {f.code: f.message for f in report.findings}
    assert messages["duplicates"] == ("2 training examples of train.csv are exact copies of an "
                                      "earlier one.")
    assert messages["rare_classes"] == ("1 class has fewer than 5 training examples, too few to "
                                        "learn or to test reliably.")
    assert all(not HAN.search(f.title + f.message + f.fix) for f in report.findings)


def test_a_warning_read_in_english_is_shown_in_chinese_after_a_switch(tmp_path):
    train = write(tmp_path, "train.csv", "text,text,label\n" + "".join(
        f"sentence {i},again {i},{'pos' if i % 2 else 'neg'}\n" for i in range(40)))
    with use_language("en"):
        splits = make_splits(RunConfig(data=DataConfig(train=str(train), text_column="text",
                                                       label_column="label")))
        english = build_health_report(splits)
    with use_language("zh"):
        chinese = build_health_report(splits)
    [read_en] = [f for f in english.findings if f.code == "read_warning"]
    [read_zh] = [f for f in chinese.findings if f.code == "read_warning"]
    assert read_en.message == ("train.csv has columns with the same name: 'text' (2 times); the "
                               "repeats were numbered (for example 'text_2').")
    assert read_zh.message == ("train.csv 中有同名的列：'text'（2 次）；重复的列已加上编号"
                               "（例如 'text_2'）。")
    assert HAN.search(read_zh.title) and HAN.search(read_zh.fix), read_zh


def test_one_warning_read_in_two_languages_is_one_finding(tmp_path):
    from core.data.limits import notice
    train = write(tmp_path, "train.csv", csv_text(_rows()))
    splits = make_splits(RunConfig(data=DataConfig(train=str(train))))
    with use_language("en"):
        first = notice("nul", name="train.csv", count=2, line="4")
    with use_language("zh"):
        second = notice("nul", name="train.csv", count=2, line="4")
    other = notice("nul", name="train.csv", count=3, line="4")
    old = {"message": "An old warning.", "fix": "As it was read."}  # no Text: kept as read
    splits.train.frame.attrs["warnings"] = [first, second, other, old, dict(old)]
    with use_language("en"):
        found = [f for f in build_health_report(splits).findings if f.code == "read_warning"]
    assert [f.message for f in found][-1] == "An old warning."
    assert len(found) == 3 and not any(HAN.search(f.message) for f in found)
