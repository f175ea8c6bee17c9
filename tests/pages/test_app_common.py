"""Rules every page keeps: help on each widget, no ML imports, safe Streamlit settings."""

from __future__ import annotations

import ast
import tomllib

import pytest
from support.pages import APP, assert_clean, curve, open_app, write_run

ROOT = APP.parent
PAGES = ["pages/data.py", "pages/model.py", "pages/train.py", "pages/runs.py"]
WIDGETS = ("button", "checkbox", "multiselect", "number_input", "radio", "selectbox",
           "slider", "text_input", "toggle", "file_uploader")


def _widgets(at):
    return [w for kind in WIDGETS for w in getattr(at, kind)]


@pytest.mark.parametrize("page", PAGES)
def test_every_widget_has_help(workspace, page):
    write_run("run-a", "completed")
    write_run("run-b", "completed", events=curve(20))
    at = open_app()  # the Data page first, so the Model page has data to work with
    if page != "pages/data.py":
        at.switch_page(page).run()
    if page == "pages/runs.py":
        at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    widgets = _widgets(at)
    assert widgets
    missing = [f"{type(w).__name__} {getattr(w, 'label', '')!r}" for w in widgets if not w.help]
    assert not missing


def test_sidebar_shows_workspace_and_active_run(workspace):
    from support.pages import mark_alive

    mark_alive(write_run("run-live", "running"))
    # AppTest (1.67) drops the entry script's sidebar after switch_page, so check the first page.
    at = open_app()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert str(workspace) in captions and "Training now" in captions


def test_pages_do_not_import_ml_libraries():
    for path in [APP, *sorted((ROOT / "pages").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, (ast.Import, ast.ImportFrom))
                 for alias in (node.names if isinstance(node, ast.Import) else
                               [ast.alias(node.module or "")])}
        assert not names & {"torch", "transformers", "datasets", "peft"}, path


def test_core_never_imports_streamlit():
    for path in sorted((ROOT / "core").rglob("*.py")):
        assert "import streamlit" not in path.read_text(encoding="utf-8"), path


def test_streamlit_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 200
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_unexpected_error_is_one_sentence_without_traceback(workspace, monkeypatch):
    from core.jobs import queue as jobs

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "reconcile", broken)
    monkeypatch.setattr(jobs, "current_runs", broken)  # what the Runs page lists runs with
    at = open_app("pages/runs.py")
    assert not at.exception
    assert at.error and all("Traceback" not in e.value for e in at.error)
    assert at.error[-1].value.startswith("Something went wrong while listing the runs.")


def test_an_unexpected_error_is_written_in_the_readers_language(workspace, monkeypatch):
    from core import text
    from core.jobs import queue as jobs

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "reconcile", broken)
    monkeypatch.setattr(jobs, "current_runs", broken)  # what the Runs page lists runs with
    monkeypatch.setenv(text.ENV_VAR, "zh")  # a page run alone reads the environment's language
    at = open_app("pages/runs.py")
    assert not at.exception
    assert at.error[-1].value == ("列出训练记录时出了问题。请重试；如果问题一再出现，下方的详细信息"
                                  "可以帮助维护这个应用的人排查。")
    assert at.expander[-1].label == "详细信息"


def test_the_page_ending_shows_any_error_and_runs_on_error_first():
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from core.errors import UserError
        from pages import _errors

        def fails():
            raise UserError("Bad file.", "Use CSV.")

        _errors.page(fails, on_error=lambda: st.session_state.update(failed=True))
        _errors.page(lambda: 1 / 0, "runs.error.listing")
        _errors.page(lambda: st.write("fine"))

    at = AppTest.from_function(script).run()
    assert not at.exception and at.session_state["failed"] is True
    assert [e.value.split(" Try again")[0] for e in at.error] == [
        "Bad file. Use CSV.", "Something went wrong while listing the runs."]
    assert at.markdown[-1].value == "fine"


@pytest.mark.parametrize("language, expected", [
    ("en", ["finished", ":material/check_circle: finished", "macro F1", "label_rate",
            "1.5 GB", "500 MB", "1 byte", "3 KB", "0.812", "3 min 05 s", "run-a (finished)"]),
    ("zh", ["已完成", ":material/check_circle: 已完成", "宏平均 F1", "label_rate",
            "1.5 GB", "500 MB", "1 字节", "3 KB", "0.812", "3 分 05 秒", "run-a（已完成）"]),
])
def test_format_words_come_from_the_catalogue(language, expected):
    from types import SimpleNamespace

    from core import text
    from pages import _format

    run = SimpleNamespace(name="run-a", run_id="x", damaged=False, state="completed", created=0)
    with text.use_language(language):
        got = [_format.STATE_WORDS.get("completed", "completed"),
               _format.STATE_LABELS.get("completed"), _format.metric_name("macro_f1"),
               _format.metric_name("label_rate").replace(" ", "_"), _format.megabytes(1536),
               _format.megabytes(500), _format.file_size(1), _format.file_size(3000),
               _format.metric_value(0.8123), _format.duration(185), _format.run_label(run)]
    assert got == expected
    assert _format.STATE_WORDS.get("unknown", "unknown") == "unknown"
    assert "queued" in _format.STATE_WORDS and len(_format.STATE_LABELS) == 7
