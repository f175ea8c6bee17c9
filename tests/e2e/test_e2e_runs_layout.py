"""The Runs page in a real headless Chromium at 1280x800, on a workspace of fake runs (written
by support.pages.write_run; nothing is trained):
- pressing Delete shows its confirmation buttons inside the window, without scrolling;
- after a rename, the run pickers show the new name at once.

One server and one browser serve both tests, each in its own browser session; the
server start and stop come from tests/support/browser.py.
"""

from __future__ import annotations

import shutil
import time

import pytest
from support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_server
from support.pages import curve, write_run

pytestmark = pytest.mark.slow

VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    """One server and one browser for the file (a start costs 10-30 s on two busy cores)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is absent (install Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    workspace = tmp_path_factory.mktemp("e2e-runs-layout") / "workspace"
    workspace.mkdir()
    with running_server(workspace) as server, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield server, browser
        finally:
            browser.close()


@pytest.fixture
def runs_page(app, monkeypatch: pytest.MonkeyPatch):
    """The Runs page, open in a new 1280x800 window (its own session), listing three runs: the
    same three for every test, whatever the test before did to them."""
    server, browser = app
    monkeypatch.setenv("FINETUNE_STUDIO_WORKSPACE", str(server.workspace))
    shutil.rmtree(server.workspace / "runs", ignore_errors=True)
    now = time.time()
    for i, name in enumerate(["first run", "second run", "third run"]):
        write_run(f"run-{i}", "completed", created=now - 300 + i, name=name, events=curve(20))
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{server.url}/runs")
        page.get_by_text("Rename or delete a run").wait_for()
        yield page
    finally:
        context.close()


def _inside_window(page, locator) -> None:
    box = locator.bounding_box()  # measured from the window's top left corner
    assert box is not None, "not shown"
    assert 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORT["height"], box
    assert 0 <= box["x"] and box["x"] + box["width"] <= VIEWPORT["width"], box


def test_delete_confirmation_buttons_are_inside_the_window(runs_page):
    page = runs_page
    page.get_by_role("button", name="Delete this run...").click()
    confirm = page.get_by_role("button", name="Yes, delete it")
    confirm.wait_for()
    _inside_window(page, confirm)
    _inside_window(page, page.get_by_role("button", name="Cancel"))
    assert page.get_by_text("This cannot be undone.").is_visible()
    page.screenshot(path=str(ARTIFACTS / "runs-delete-confirmation.png"))
    confirm.click()
    page.get_by_text("Deleted third run.").wait_for()


def test_after_a_rename_the_run_picker_shows_the_new_name(runs_page):
    from playwright.sync_api import expect

    page = runs_page
    picker = page.get_by_role("combobox", name="Run", exact=True)
    expect(picker).to_have_value("third run (finished)")
    page.get_by_role("textbox", name="New name").fill("Renamed run")
    page.get_by_role("button", name="Rename", exact=True).click()
    page.get_by_text("Renamed to Renamed run.").wait_for()
    expect(picker).to_have_value("Renamed run (finished)")
