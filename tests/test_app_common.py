"""Rules every page keeps: help on each widget, no ML imports, safe Streamlit settings."""

from __future__ import annotations

import ast

import pytest
import tomllib
from conftest_app import APP, assert_clean, curve, open_app, write_run

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
    from conftest_app import mark_alive

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
    at = open_app("pages/runs.py")
    assert not at.exception
    assert at.error and all("Traceback" not in e.value for e in at.error)
    assert at.error[-1].value.startswith("Something went wrong while listing the runs.")
