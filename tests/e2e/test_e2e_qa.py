"""Question answering end to end in a real headless Chromium, as a new user does it: the built-in
English QA sample on the Data page -> its health report -> a Quick run of the default model ->
finished on the Train page -> the Test page's report (exact match and F1 beside the overlap
baseline) -> a pasted context and a question in the playground, the answer highlighted in the
context with its score. Screenshots of each page go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.browser import (
    HOLE,
    _choose,
    _no_traceback,
    _pattern,
    _say,
    _settle,
    _shot,
    _until_done_while_training,
    _up_to,
    _wait_for,
    chromium_page,
    running_server,
)

from core.data.samples import get_sample
from core.text import percent

pytestmark = pytest.mark.slow

EN = "en"
PAGE_TIMEOUT_MS = 180_000  # one page's first draw (data read and checked, a model loaded)
CONTEXT = ("The Aurora K2 is a kitchen scale made by Larkfield Instruments. It weighs up to "
           "five kilograms in steps of one gram and shows the weight on a blue backlit display. "
           "Two AAA batteries power it for about a year.")
QUESTION = "Who makes the Aurora K2?"


@pytest.fixture
def server(workspace: Path):
    with running_server(workspace) as server:
        yield server


@pytest.fixture
def browser_page():
    with chromium_page(PAGE_TIMEOUT_MS) as page:
        yield page


def _data_page_sample(page, title: str, questions: int) -> None:
    """Data page: choose the QA sample; it is read as SQuAD JSON as a question-answering set
    and the health report counts every question."""
    page.get_by_role("heading", name=_say(EN, "data.health.heading")).wait_for()  # the default
    _choose(page, _say(EN, "data.sample.label"), title)
    page.get_by_text(_say(EN, "data.qa.shape.squad")).wait_for()
    task = page.get_by_role("combobox", name=_say(EN, "data.task.label"))
    _wait_for(lambda: task.input_value() == _say(EN, "data.task.question_answering"), 60,
              "the task to be recognised as question answering", page)
    page.get_by_role("heading", name=_say(EN, "data.health.heading")).wait_for()
    examples = re.compile(rf"{re.escape(_say(EN, 'data.summary.examples'))}\s+{questions}\b")
    _wait_for(lambda: examples.search(page.inner_text("body")), 120,
              f"{questions} questions in the health report", page)
    page.get_by_text(_say(EN, "data.summary.answers"), exact=True).first.wait_for()
    _settle(page)
    _no_traceback(page)
    _shot(page, "qa-1-data")


def _model_page_quick(page, title: str) -> None:
    """Model page: the QA data is named; Quick with every other default, then start."""
    page.get_by_role("button", name=_say(EN, "data.continue.label")).click()
    page.get_by_role("heading", name=_say(EN, "model.page.title")).wait_for()
    page.get_by_text(_pattern(EN, "model.page.data_question_answering", dataset=title,
                              count=None, windows=None)).wait_for()
    estimate = _pattern(EN, "model.estimate.line", time=None, device=None, memory=None,
                        count=None)
    page.get_by_text(estimate).wait_for()
    page.get_by_text(_say(EN, "model.preset.quick"), exact=True).click()
    page.get_by_placeholder(re.compile(r" · quick$")).wait_for()  # the page reran for Quick
    page.get_by_text(estimate).wait_for()
    _settle(page)
    _no_traceback(page)
    _shot(page, "qa-2-model")
    page.get_by_role("button", name=_say(EN, "model.start.button")).click()


def _train_page_finished(page, runs_dir: Path) -> None:
    page.get_by_text(_say(EN, "model.start.started")).wait_for()
    page.get_by_text(_pattern(EN, "train.caption.question_answering", model=None,
                              dataset=None)).wait_for()
    _until_done_while_training(page, page.get_by_text(_up_to(EN, "train.state.completed",
                                                             "duration")),
                               runs_dir, "the question-answering run to finish")
    page.get_by_role("button", name=_say(EN, "train.controls.stop"), exact=True).wait_for(
        state="detached")  # the rerun has settled
    _no_traceback(page)
    _shot(page, "qa-3-train-finished")


def _report(page, evaluation: dict) -> None:
    """The report: the headline counts exactly right test questions; the table shows the
    model's exact match and F1 beside the overlap baseline's, as eval.json has them."""
    report, baseline = evaluation["test"], evaluation["baselines"]["overlap"]
    page.get_by_text(_pattern(EN, "test.report.headline_qa", correct=None, n=report["n"],
                              split=_say(EN, "test.split.test"))).wait_for()
    panel = page.get_by_role("tabpanel", name=_say(EN, "test.tab.report"))
    panel.get_by_text(_say(EN, "test.qa.scores_title")).wait_for()
    # The table is drawn on a canvas; its accessible grid cells carry the text.
    grid = panel.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="gridcell"]').first.wait_for(state="attached")
    headers = grid.locator('[role="columnheader"]').all_inner_texts()
    assert {_say(EN, "test.qa.exact_match"), _say(EN, "test.qa.f1")} <= {
        h.strip() for h in headers}, headers
    cells = [c.strip() for c in grid.locator('[role="gridcell"]').all_inner_texts()]
    fine_tuned = _say(EN, "test.chart.fine_tuned")
    overlap = _say(EN, "test.baseline.overlap_question_answering")
    assert fine_tuned in cells and overlap in cells, cells
    model_row = cells[cells.index(fine_tuned):cells.index(fine_tuned) + 3]
    baseline_row = cells[cells.index(overlap):cells.index(overlap) + 3]
    assert model_row[1:] == [percent(report["exact_match"]), percent(report["f1"])], cells
    assert baseline_row[1:] == [percent(baseline["exact_match"]), percent(baseline["f1"])], cells
    _no_traceback(page)
    _shot(page, "qa-4-test-report")


def _playground(page) -> None:
    """Try it: paste a context, ask a question; the answer is marked in the context, and the
    caption names the same answer with its score."""
    page.get_by_role("tab", name=_say(EN, "test.tab.try")).click()
    panel = page.get_by_role("tabpanel", name=_say(EN, "test.tab.try"))
    panel.get_by_text(_say(EN, "test.qa.play_empty")).wait_for()
    panel.get_by_role("textbox", name=_say(EN, "test.qa.play_context")).fill(CONTEXT)
    questions = panel.get_by_role("textbox", name=_say(EN, "test.qa.play_questions"))
    questions.fill(QUESTION)
    questions.press("Control+Enter")
    caption = panel.get_by_text(_pattern(EN, "test.qa.play_answer", answer=None, score=None))
    caption.wait_for()
    mark = panel.locator("mark").first
    mark.wait_for()
    marked = mark.inner_text()
    shown = caption.inner_text()
    assert marked.strip() and marked in CONTEXT, (marked, CONTEXT)
    before, between, after = _say(EN, "test.qa.play_answer", answer=HOLE, score=HOLE).split(HOLE)
    answer = re.fullmatch(f"{re.escape(before)}(.+?){re.escape(between)}(.+?)"
                          f"{re.escape(after)}", shown.strip())
    assert answer, shown
    assert answer.group(1) == marked, (answer.group(1), marked)
    score = float(answer.group(2).rstrip("%"))
    assert 0.0 < score <= 100.0, shown
    assert panel.locator("mark").count() == 1  # one question, one highlighted answer
    _no_traceback(page)
    _shot(page, "qa-5-test-playground")


def test_qa_sample_to_a_highlighted_answer_in_a_real_browser(server, browser_page, workspace):
    page = browser_page
    sample = get_sample("qa-product")
    page.goto(f"{server.url}/?lang={EN}")
    _data_page_sample(page, sample.title_in(EN), questions=64)
    _model_page_quick(page, sample.title_in(EN))
    _train_page_finished(page, workspace / "runs")

    from core.workspace import runs

    [run] = runs.list_runs(workspace / "runs")
    saved = runs.read_json(run.path / "config.json") or {}
    assert saved["config"]["preset"] == "quick"
    assert run.state == "completed"
    evaluation = runs.read_eval(run.path) or {}

    page.get_by_role("button", name=_say(EN, "train.controls.to_test")).click()
    page.get_by_role("heading", name=_say(EN, "test.page.title")).wait_for()
    _report(page, evaluation)
    _playground(page)
