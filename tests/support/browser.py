"""Real-browser helpers for the end-to-end tests: a Streamlit server on a loopback port, the
Chromium it is driven with, and the page actions (navigate, upload, wait, screenshot) the tests
share. Texts are looked up in the catalogue, so the tests follow a change of wording."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from core.text import t, use_language

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}  # a common laptop screen
HOLE = "\ue000"  # a private-use character that stands where the page fills in a value
def _say(lang: str, key: str, **params) -> str:
    """A catalogue text as the page in `lang` shows it (markdown bold marks dropped), so the
    tests follow a change of wording instead of breaking on it."""
    with use_language(lang):
        return t(key, **params).replace("**", "")


def _up_to(lang: str, key: str, hole: str, **params) -> str:
    """The start of a text, up to the value `hole` the page fills in (such as a duration)."""
    return _say(lang, key, **{hole: HOLE}, **params).split(HOLE)[0].strip()


def _pattern(lang: str, key: str, **params) -> re.Pattern:
    """The text as a pattern: the values given as None may be anything, the others are as
    given (a value at the end may go on, as "shop_reviews" in "shop_reviews.csv")."""
    shown = _say(lang, key, **{name: HOLE if value is None else value
                               for name, value in params.items()})
    return re.compile(".+?".join(re.escape(part) for part in shown.split(HOLE)))


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
    from core.workspace import runs
    from core.workspace.processes import process_alive

    for info in runs.list_runs(workspace / "runs"):
        status = runs.read_status(info.path) or {}
        if info.state == "running" and process_alive(info.pid, status.get("pid_started")):
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


@contextlib.contextmanager
def running_server(workspace: Path) -> Iterator[StreamlitServer]:
    """A started server; afterwards it is stopped and its training processes with it."""
    server = StreamlitServer(workspace)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.log.close()
        _stop_workers(workspace)

def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path

def _wait_for(predicate, timeout_s: float, what: str, page) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if predicate():
            return
        page.wait_for_timeout(500)
    _shot(page, "timeout")
    raise AssertionError(f"timed out waiting for {what}; the page at {page.url} showed: "
                         f"{_visible_text(page)!r}")


def _visible_text(page, limit: int = 600) -> str:
    """The start of what the page shows, for a failure message (empty if it cannot be read)."""
    try:
        return " ".join(page.inner_text("body", timeout=5_000).split())[:limit]
    except Exception:  # the page is gone or frozen: the message says so by being empty
        return ""

def _until_done_while_training(page, done, runs_dir: Path, what: str,
                               still_s: float = 300, longest_s: float = 1800) -> None:
    """Wait for `done` (a locator) as long as the run keeps training: a busy machine may make a
    run slow, so the wait fails when no training step was added for `still_s` seconds (the run
    is stuck, or the page is), or after `longest_s` in all."""
    from playwright.sync_api import TimeoutError as NotShown

    from core.workspace import runs

    def steps() -> tuple:
        return tuple((r.run_id, r.state, r.step) for r in runs.list_runs(runs_dir))

    start = last_change = time.time()
    seen = steps()
    while True:
        try:
            done.wait_for(timeout=20_000)
            return
        except NotShown:
            now, current = time.time(), steps()
            if current != seen:
                seen, last_change = current, now
            if now - last_change > still_s or now - start > longest_s:
                _shot(page, "timeout")
                raise AssertionError(f"timed out waiting for {what}: runs {seen}, no training "
                                     f"step added for {now - last_change:.0f} s") from None


def _no_traceback(page) -> None:
    body = page.inner_text("body")
    assert "Traceback" not in body and "stException" not in page.content()


def _nav(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).click()


def _upload(page, dropzone_label: str, path: Path, scope=None) -> None:
    """Choose a file the way a user does: click the drop zone, pick the file in the dialog."""
    with page.expect_file_chooser() as chooser:
        (scope or page).get_by_label(dropzone_label, exact=True).click()
    chooser.value.set_files(str(path))


def _upload_labeled(page, path: Path, text_column: str, label_column: str, rows: int,
                    lang: str = "en") -> None:
    """Data page in `lang`: choose "Upload a file", upload `path`, and wait until its columns
    are recognised and the health report counts all `rows` examples."""
    page.get_by_text(_say(lang, "data.source.upload"), exact=True).click()
    _upload(page, _say(lang, "data.upload.label"), path)
    page.get_by_text(_say(lang, "data.columns.reading", text=text_column, label=label_column)
                     ).wait_for()
    page.get_by_text(_say(lang, "charts.labels.title")).first.wait_for()
    examples = re.compile(rf"{re.escape(_say(lang, 'data.summary.examples'))}\s+{rows}\b")
    _wait_for(lambda: examples.search(page.inner_text("body")), 60,  # every row was read
              f"{rows} examples in the health report", page)


def _settle(page) -> None:
    """Wait until the script run a click started has ended (a click while the page is still
    being redrawn may land on a widget of the previous run)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _choose(page, label: str, option: str) -> None:
    """Choose `option` in the select box `label` as a user does: open it, click the option,
    and wait until the box shows it."""
    box = page.get_by_role("combobox", name=label)
    if box.input_value() == option:
        return
    _settle(page)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    _wait_for(lambda: box.input_value() == option, 60, f"{option!r} to be chosen", page)


@contextlib.contextmanager
def chromium_page(timeout_ms: int = 60_000) -> Iterator:
    """A page in a new headless Chromium (the test is skipped when the browser or playwright
    is not installed); the browser is closed afterwards."""
    import pytest  # lazy: only browser tests need pytest's skip here

    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is absent (install Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(timeout_ms)
        try:
            yield page
        finally:
            browser.close()
