"""Coded user errors: UserError.coded(code, **params) keeps its code and parameters and is
written in the language of whoever reads it; plain UserError(message, fix) works as before."""

from __future__ import annotations

import pickle

import pytest

from core import text
from core.errors import UserError
from core.text import translate
from core.text.catalogue import CATALOGUE


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    """These tests name both languages themselves, whatever FINETUNE_STUDIO_LANG says."""
    monkeypatch.delenv(text.ENV_VAR, raising=False)


@pytest.fixture
def error_texts(monkeypatch):
    entries = dict(CATALOGUE)
    entries.update({
        "errors.t_column.message": {"en": "There is no column {column}.",
                                    "zh": "没有名为 {column} 的列。"},
        "errors.t_column.fix": {"en": "Pick one of {columns}.", "zh": "请从 {columns} 中选择。"},
        "errors.t_empty.message": {"en": "The file is empty.", "zh": "文件是空的。"},
    })
    monkeypatch.setattr(translate, "CATALOGUE", entries)


def test_a_coded_error_is_written_in_the_readers_language(error_texts):
    error = UserError.coded("t_column", column="body", columns="text, label")
    assert (error.code, error.params) == ("t_column", {"column": "body", "columns": "text, label"})
    assert (error.message, error.fix) == ("There is no column body.", "Pick one of text, label.")
    assert str(error) == "There is no column body. Pick one of text, label."
    with text.use_language("zh"):
        assert (error.message, error.fix) == ("没有名为 body 的列。", "请从 text, label 中选择。")
        assert text.error_parts(error) == ("没有名为 body 的列。", "请从 text, label 中选择。")
    assert text.error_line(error, "zh") == "没有名为 body 的列。请从 text, label 中选择。"
    assert text.error_parts(error, "en") == ("There is no column body.",
                                             "Pick one of text, label.")


def test_a_coded_error_without_a_fix_has_an_empty_fix(error_texts):
    error = UserError.coded("t_empty")
    assert (error.message, error.fix) == ("The file is empty.", "")
    assert text.error_line(error, "zh") == "文件是空的。"


def test_plain_errors_work_as_before():
    error = UserError("Bad file.", "Use CSV.")
    assert (error.message, error.fix, error.code, error.params) == ("Bad file.", "Use CSV.",
                                                                    None, {})
    assert str(error) == "Bad file. Use CSV." and str(UserError("Only this.")) == "Only this."
    error.message, error.fix = "Other file.", ""
    assert str(error) == "Other file."


def test_a_coded_error_survives_pickling(error_texts):
    error = pickle.loads(pickle.dumps(UserError.coded("t_column", column="a", columns="b")))
    assert isinstance(error, UserError) and error.code == "t_column"
    assert text.error_line(error, "zh") == "没有名为 a 的列。请从 b 中选择。"
    plain = pickle.loads(pickle.dumps(UserError("Bad file.", "Use CSV.")))
    assert (plain.message, plain.fix, plain.code) == ("Bad file.", "Use CSV.", None)


def test_a_code_missing_from_the_catalogue_is_loud_under_tests():
    with pytest.raises(text.MissingText):
        UserError.coded("no_such_code").message  # noqa: B018


def test_the_page_shows_a_coded_error_in_the_sessions_language(error_texts, monkeypatch):
    from streamlit.testing.v1 import AppTest

    def script():
        from core.errors import UserError
        from core.text import use_language
        from pages import _errors

        with use_language("zh"):
            _errors.show_error(UserError.coded("t_column", column="body", columns="text"))
        _errors.show_error(RuntimeError("boom"), "runs.error.listing")
        with use_language("zh"):
            _errors.show_error(RuntimeError("boom"), "runs.error.listing")

    at = AppTest.from_function(script).run()
    assert at.error[0].value == "没有名为 body 的列。请从 text 中选择。"
    assert at.error[1].value.startswith("Something went wrong while listing the runs. Try again")
    assert at.expander[0].label == "Details"
    assert at.error[2].value.startswith("列出训练记录时出了问题。请重试")
    assert at.expander[1].label == "详细信息"
