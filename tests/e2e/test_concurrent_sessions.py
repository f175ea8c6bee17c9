"""Five people on one server at once, in a real headless Chromium, while a run trains:

- one watches the training run (live curves) and finally presses Stop;
- two upload different files and read their own health reports;
- one predicts with a finished model on the Test page;
- one browses the run list and watches a second run wait in the queue, then train.

Checked: no session shows an error, each keeps its own choices (no cross-talk), at most one run
trains at any moment, and the queued run starts by itself when the first one ends.
The server helpers come from support/browser.py.
"""

from __future__ import annotations

import asyncio
import csv
import itertools
import re
import threading
import time
from pathlib import Path

import pytest
from support.browser import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, _stop_workers
from support.fixtures_data import csv_text, write
from support.tiny_runs import install_run

from core.config import RunConfig
from core.jobs import queue as jobs
from core.workspace import runs

pytestmark = pytest.mark.slow

SESSIONS = 5
NAMES = ("watcher", "upload-a", "upload-b", "predictor", "browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 600_000  # per step: two shared cores may be busy with other work
STEP = re.compile(r"Step ([\d,]+) of ([\d,]+)")


def _write_upload(folder: Path, name: str, columns: tuple[str, str],
                  labels: tuple[str, str], n: int) -> Path:
    things = ["film", "movie", "story", "plot", "acting", "ending", "soundtrack", "cast"]
    good = ["great", "lovely", "excellent", "wonderful", "good", "fantastic", "enjoyable"]
    bad = ["terrible", "awful", "bad", "boring", "horrible", "dreadful", "poor"]
    rows = []
    for (thing, g), b in zip(itertools.product(things, good), itertools.cycle(bad)):
        rows += [(f"the {thing} was {g}", labels[0]), (f"the {thing} felt {b}", labels[1])]
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows[:n])
    return path


def _tiny_run(data: Path, model: Path, name: str, epochs: float, batch_size: int) -> RunConfig:
    config = RunConfig(model=str(model), preset="quick", name=name)
    config.data.train = str(data)
    config.training.epochs = epochs
    config.training.batch_size = batch_size
    config.training.eval_steps = 1000
    return config


def _many_rows(source: Path, folder: Path, copies: int) -> Path:
    """`source` with every row repeated `copies` times, each copy's text marked apart."""
    with open(source, newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows = [(f"{text} (take {i})", *rest) for i in range(copies) for text, *rest in rows]
    return write(folder, f"many_{source.name}", csv_text(rows, header=header))


class QueueWatch:
    """Samples the run states on disk in the background: the most runs ever training at once."""

    def __init__(self, base: Path) -> None:
        self.base, self.most_running, self.samples = base, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            running = sum(r.state == "running" for r in runs.list_runs(self.base))
            self.most_running = max(self.most_running, running)
            self.samples += 1
            time.sleep(0.2)

    def __enter__(self) -> QueueWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _log(*args):
    import sys
    print(f"[{time.strftime('%H:%M:%S')}]", *args, file=sys.stderr, flush=True)


async def _no_error(page, who: str) -> None:
    assert await page.locator('[data-testid="stException"]').count() == 0, who
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert await errors.count() == 0, (who, await errors.all_inner_texts())
    assert "Traceback" not in await page.inner_text("body"), who


async def _nav(page, title: str) -> None:
    # the title exactly (case-sensitive, at the end of the link after its icon): while a page
    # loads, Streamlit may briefly list the files of pages/ ("runs", "runs compare", ...)
    link = re.compile(rf"{re.escape(title)}$")  # the link's text is its icon's name + title
    await page.locator('[data-testid="stSidebarNav"] a').filter(has_text=link).click()


async def _step(page) -> int:
    """The step the Train page's progress bar shows; 0 before it shows one."""
    match = STEP.search(await page.inner_text("body"))
    return int(match.group(1).replace(",", "")) if match else 0


async def _wait(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


async def _until_shown(choice, shown, seconds: float = 600, other=None) -> None:
    """Click `choice` until `shown` is on the page. A click that lands while the page is
    drawing itself again (another session's run keeps the server busy) can be lost, so the
    test clicks again rather than wait for a widget that was never asked for. A radio option
    can look chosen while the page never redrew for it; clicking it again changes nothing,
    so the test first picks `other` and then the option again, as a user would."""
    from playwright.async_api import TimeoutError as NotShown

    deadline = time.monotonic() + seconds
    while True:
        await choice.click()
        try:
            await shown.wait_for(timeout=15_000)
            return
        except NotShown:
            if time.monotonic() > deadline:
                raise
            _log("clicking again:", await choice.inner_text())
            if other is not None:
                await other.click()
                await asyncio.sleep(2)


async def _upload(page, url: str, path: Path, columns: tuple[str, str]) -> None:
    await page.goto(url)
    await page.get_by_text("Health report").wait_for()  # the sample, until a file is chosen
    dropzone = page.get_by_label("Your file with labeled examples", exact=True)
    await _until_shown(page.get_by_text("Upload a file", exact=True), dropzone,
                       other=page.get_by_text("A built-in sample", exact=True))
    async with page.expect_file_chooser() as chooser:
        await dropzone.click()
    await (await chooser.value).set_files(str(path))
    await page.get_by_text(f"The text is read from {columns[0]}, the label from "
                           f"{columns[1]}").wait_for()
    await page.get_by_text("Examples per label").first.wait_for()


async def _session_watcher(page, url: str, run: runs.RunInfo, done: asyncio.Event) -> dict:
    await page.goto(f"{url}/train?run={run.run_id}")
    _log("watcher at train")
    await page.get_by_text(STEP).wait_for()
    first = await _step(page)
    await _wait(lambda: _further(page, first), 600, "the progress to move on by itself")
    _log("watcher sees progress")
    await done.wait()  # the others have finished; end the run so the queued one starts
    await page.get_by_role("button", name="Stop").click()
    await page.get_by_text("You stopped this run").wait_for()
    return {"header": await page.locator("h2").first.inner_text()}


async def _further(page, than: int) -> bool:
    return await _step(page) > than


async def _session_uploader(page, url: str, path: Path, columns: tuple[str, str],
                            labels: tuple[str, str]) -> dict:
    await _upload(page, url, path, columns)
    _log("uploaded", path.name)
    body = await page.inner_text("body")
    assert all(label in body for label in labels)
    await _nav(page, "Runs")  # leave and come back: the session remembers its own file
    await page.get_by_text("Compare runs").wait_for()
    await _nav(page, "1. Data")
    await page.get_by_text(f"Using {path.name}, uploaded earlier in this session.").wait_for()
    await page.get_by_text(f"The text is read from {columns[0]}, the label from "
                           f"{columns[1]}").wait_for()
    return {"body": await page.inner_text("body")}


async def _session_predictor(page, url: str, run_id: str) -> dict:
    await page.goto(f"{url}/test?run={run_id}")
    await page.get_by_text(re.compile(r"Correct on \d+ of \d+ test texts")).wait_for()
    await page.get_by_role("tab", name="Try it").click()
    panel = page.get_by_role("tabpanel", name="Try it")
    box = panel.get_by_role("textbox", name="Text to try")
    await box.fill("the acting was wonderful")
    await box.press("Control+Enter")
    await panel.get_by_text("Model's answer", exact=True).wait_for()
    _log("predicted")
    answer = re.search(r"Model's answer\s+(\S+)", await panel.inner_text())
    return {"answer": answer.group(1) if answer else None}


async def _session_browser(page, url: str, queued: runs.RunInfo) -> dict:
    await page.goto(url)
    await _nav(page, "Runs")
    await page.get_by_text("Compare runs").wait_for()
    await page.goto(f"{url}/train?run={queued.run_id}")
    await page.get_by_text("Waiting for the training in progress").wait_for()
    return {"header": await page.locator("h2").first.inner_text()}


async def _five_sessions(url: str, uploads: list, ready: str, long_run: runs.RunInfo,
                         queued: runs.RunInfo) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
        pages = []
        for _ in range(SESSIONS):  # one browser context per person: separate sessions
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            context.set_default_timeout(TIMEOUT_MS)
            pages.append(await context.new_page())
        watcher, first, second, predictor, browsing = pages
        others_done = asyncio.Event()
        watching = asyncio.create_task(_session_watcher(watcher, url, long_run, others_done))
        try:
            results = await asyncio.gather(
                _session_uploader(first, url, *uploads[0]),
                _session_uploader(second, url, *uploads[1]),
                _session_predictor(predictor, url, ready),
                _session_browser(browsing, url, queued))
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            for name, page in zip(NAMES, pages):
                await page.screenshot(path=str(ARTIFACTS / f"concurrent-{name}.png"))
            raise
        running_meanwhile = runs.load_run(long_run.path).state
        _log("others done", running_meanwhile)
        others_done.set()
        watched = await watching
        _log("stopped")
        await browsing.get_by_text("Training finished").wait_for()
        for name, page in zip(NAMES, pages):
            await _no_error(page, name)
        await browser.close()
    return {"watcher": watched, "first": results[0], "second": results[1],
            "predictor": results[2], "browser": results[3], "running": running_meanwhile}


def test_five_sessions_at_once_while_a_run_trains(workspace, tmp_path, tiny_model_dir,
                                                  tmp_path_factory, sentiment_csv, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is absent (install Debian's chromium package)")
    pytest.importorskip("playwright.async_api", reason="the playwright package is not installed")
    ready = install_run("classification", tiny_model_dir, tmp_path_factory, run_id="run-ready")
    uploads = [(_write_upload(tmp_path, "reviews_a.csv", ("review", "sentiment"),
                              ("liked", "disliked"), 60), ("review", "sentiment"),
                ("liked", "disliked")),
               (_write_upload(tmp_path, "comments_b.csv", ("comment", "category"),
                              ("praise", "complaint"), 70), ("comment", "category"),
                ("praise", "complaint"))]
    # One thread per training process leaves a core to the server and the five browser pages.
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    # So long that it cannot end by itself however slowly the pages go (the watcher stops it
    # from the page), and a short one queued behind it.
    long_run = jobs.start_run(_tiny_run(_many_rows(sentiment_csv, tmp_path, 30), tiny_model_dir,
                                        "long run", 100, 1))
    queued = jobs.start_run(_tiny_run(sentiment_csv, tiny_model_dir, "queued run", 2, 16))
    assert (long_run.state, queued.state) == ("running", "queued")
    server = StreamlitServer(workspace)
    try:
        _log("starting server")
        server.start()
        _log("server up")
        with QueueWatch(workspace / "runs") as watch:
            seen = asyncio.run(_five_sessions(server.url, uploads, ready.name, long_run,
                                              queued))
            deadline = time.time() + 240
            while runs.load_run(queued.path).state != "completed" and time.time() < deadline:
                time.sleep(0.5)
    finally:
        server.stop()
        server.log.close()
        _stop_workers(workspace)

    assert seen["running"] == "running"  # everything above happened while the run trained
    assert watch.samples > 10 and watch.most_running == 1  # never two runs at once
    assert runs.load_run(long_run.path).state == "stopped"
    assert runs.load_run(queued.path).state == "completed"  # started by itself after the stop
    assert seen["watcher"]["header"] == "long run"
    assert seen["browser"]["header"] == "queued run"
    assert seen["predictor"]["answer"] in ("positive", "negative")
    # No cross-talk: each uploader still has its own file, columns and labels, not the other's.
    first, second = seen["first"]["body"], seen["second"]["body"]
    assert "reviews_a.csv" in first and "comments_b.csv" not in first
    assert "comments_b.csv" in second and "reviews_a.csv" not in second
    assert "praise" not in first and "liked" not in second
