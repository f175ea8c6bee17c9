"""End to end in a real headless Chromium: sample data -> Quick run -> live curves -> reload
mid-run -> re-attached -> completed. Drives `streamlit run app.py` on a loopback port.

Screenshots of each page go to test-artifacts/ (git-ignored). With UPDATE_SCREENSHOTS=1 the
Train page screenshot is also written to docs/train-page.png for the README.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest_app import write_run

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]
POINTS = re.compile(r"(\d+) training points and (\d+) evaluations")
TRAINING_TIMEOUT_MS = 480_000  # two shared CPU cores: a Quick run on the sample takes ~1-3 min


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("streamlit did not become healthy in time")


def _stop_workers(workspace: Path) -> None:
    """Stop training processes this test started, should it end early."""
    from core import jobs, runs

    for info in runs.list_runs(workspace / "runs"):
        status = runs.read_status(info.path) or {}
        if info.state == "running" and jobs.process_alive(info.pid, status.get("pid_started")):
            os.killpg(info.pid, signal.SIGKILL)  # only processes this test started


class StreamlitServer:
    """`streamlit run app.py` on a loopback port, restartable on the same port."""

    def __init__(self, workspace: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workspace = workspace
        self.proc: subprocess.Popen | None = None
        self.log = open(workspace.parent / "streamlit.log", "ab")

    def start(self) -> None:
        env = dict(os.environ, FINETUNE_STUDIO_WORKSPACE=str(self.workspace),
                   HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        _wait_healthy(self.url, self.proc)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture
def server(workspace: Path):
    server = StreamlitServer(workspace)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.log.close()
        _stop_workers(workspace)


@pytest.fixture
def browser_page():
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is absent (install Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(60_000)
        try:
            yield page
        finally:
            browser.close()


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def _points(page) -> tuple[int, int]:
    """(training points, evaluations) from the Train page's caption; (0, 0) before any."""
    caption = page.get_by_text(POINTS)
    if caption.count() == 0:
        return 0, 0
    match = POINTS.search(caption.first.inner_text())
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _wait_for(predicate, timeout_s: float, what: str, page) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if predicate():
            return
        page.wait_for_timeout(500)
    _shot(page, "timeout")
    raise AssertionError(f"timed out waiting for {what}")


def _no_traceback(page) -> None:
    body = page.inner_text("body")
    assert "Traceback" not in body and "stException" not in page.content()


def test_sample_to_completed_run_in_a_real_browser(server, browser_page, workspace):
    page = browser_page
    page.goto(server.url)

    # 1. Data: the built-in sample is preselected; the health report appears by itself.
    page.get_by_text("Health report").wait_for()
    page.get_by_text("Examples per label").first.wait_for()
    _no_traceback(page)
    _shot(page, "1-data")

    # 2. Model: the offline default is preselected; choose Quick and start.
    page.get_by_role("button", name="Continue to the model").click()
    page.get_by_text("Estimate:").wait_for()
    page.get_by_text("Quick", exact=True).click()
    page.wait_for_timeout(1500)  # the estimate reruns for the new preset
    _shot(page, "2-model")
    page.get_by_role("button", name="Start training").click()

    # 3. Train: the curves receive new points while the run trains.
    page.get_by_text("keeps going if you close this tab").wait_for()
    _wait_for(lambda: _points(page)[0] >= 1, 240, "the first training points", page)
    first = _points(page)[0]
    page.locator(".js-plotly-plot").first.wait_for()
    _wait_for(lambda: _points(page)[0] > first, 240, "new points on the chart", page)
    _shot(page, "3-train-running")
    assert "run=" in page.url

    # 4. Reload mid-run: the page finds the same run again with its full curve.
    before = _points(page)[0]
    run_name = page.locator("h2").first.inner_text()
    page.reload()
    page.get_by_text(POINTS).wait_for(timeout=120_000)
    assert page.locator("h2").first.inner_text() == run_name
    assert _points(page)[0] >= before  # the whole curve is read again from disk

    # 4b. Restart the server mid-run: training goes on, and the page re-attaches to it.
    from core import jobs, runs

    [run] = runs.list_runs(workspace / "runs")
    server.stop()
    status = runs.read_status(run.path) or {}
    if status.get("state") == "running":
        assert jobs.process_alive(status.get("pid"), status.get("pid_started"))
    server.start()
    page.reload()
    page.get_by_text(POINTS).wait_for(timeout=120_000)
    assert page.locator("h2").first.inner_text() == run_name
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("3. Train").count() == 1

    # 5. Completion.
    page.get_by_text("Training finished").wait_for(timeout=TRAINING_TIMEOUT_MS)
    page.get_by_role("button", name="Stop").wait_for(state="detached")  # the rerun has settled
    page.wait_for_timeout(1000)
    _no_traceback(page)
    train_png = _shot(page, "3-train-finished")
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(train_png, ROOT / "docs" / "train-page.png")

    # 6. Runs: the run is listed as finished.
    page.locator('[data-testid="stSidebarNav"] a', has_text="Runs").click()
    page.get_by_text("Compare runs").wait_for()
    # The table is drawn on a canvas; its accessible grid cells carry the text.
    cells = page.locator('[data-testid="stDataFrame"] [role="gridcell"]')
    cells.filter(has_text="finished").first.wait_for(state="attached")
    _no_traceback(page)
    _shot(page, "4-runs")


def test_first_request_after_a_restart_goes_through_the_app(server, browser_page, workspace):
    """A tab that reconnects straight to /train after a server start still gets the whole app
    (Streamlit would otherwise run pages/train.py alone: no sidebar, no navigation)."""
    write_run("run-done", "completed")
    page = browser_page
    page.goto(f"{server.url}/train?run=run-done")
    page.get_by_text("Training finished").wait_for()
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("1. Data").count() == 1
    assert page.get_by_text("Workspace:").count() == 1
    _no_traceback(page)
