"""The Test page (pages/test.py) in Chinese: the Mistakes tab names its columns in Chinese and
still draws the confidence as a bar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean
from support.tiny_runs import install_run

from core import text
from core.evaluate import error_analysis
from core.text import t, use_language

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "test.py")
TIMEOUT = 90


@pytest.fixture
def classification(tiny_model_dir, tmp_path_factory):
    return install_run("classification", tiny_model_dir, tmp_path_factory)


def column_config(frame) -> dict:
    """The column settings the page gave a shown table, by the shown column name."""
    return json.loads(frame.proto.columns or "{}")


def test_the_mistakes_tab_draws_the_confidence_bar_in_chinese(classification, monkeypatch):
    # AppTest runs the page file without app.py, so no session language is registered and
    # core.text reads FINETUNE_STUDIO_LANG (as the CLI does); the block sets it for the test
    monkeypatch.setenv(text.ENV_VAR, "zh")
    with use_language("zh"):
        at = AppTest.from_file(PAGE, default_timeout=TIMEOUT).run()
        assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
        confidence = error_analysis.column("confidence")
        mistakes_tab = t("test.tab.mistakes")
        unsure_title = t("test.mistakes.unsure_title")
    assert confidence == "置信度" and mistakes_tab == "错误"
    assert mistakes_tab in [tab.label for tab in at.tabs]
    assert unsure_title in all_text(at)
    shown = [d for d in at.dataframe if confidence in d.value.columns]
    assert shown  # the least-sure table at least, in Chinese column names
    assert "confidence" not in {c for d in shown for c in d.value.columns}
    for frame in shown:
        config = column_config(frame)
        assert config[confidence]["type_config"]["type"] == "progress", config
