"""What a newcomer hit in a first session: the Test page's run picker, the column guess, the
catalogue offline, settings of one dataset, broken uploads, names and counts.

Page tests use AppTest through app.py (so page switches behave as in the browser) and run
folders written in core/runs.py's format; no training is involved.
"""

from __future__ import annotations

import time

from conftest_app import open_app, write_run


def _picked_run(at) -> str:
    return at.selectbox(key="test_run").value


def test_test_page_shows_the_newest_finished_run_after_a_new_one_finished(workspace):
    write_run("run-first", "completed", created=time.time() - 600)
    at = open_app("pages/test.py")
    assert _picked_run(at) == "run-first"
    at.switch_page("pages/train.py").run()
    write_run("run-second", "completed", created=time.time() - 60)  # finished meanwhile
    at.query_params.clear()  # the browser's page links drop ?run= (AppTest keeps it)
    at.switch_page("pages/test.py").run()
    assert _picked_run(at) == "run-second"


def test_a_run_picked_during_the_visit_stays_picked(workspace):
    write_run("run-first", "completed", created=time.time() - 600)
    write_run("run-second", "completed", created=time.time() - 60)
    at = open_app("pages/test.py")
    at.selectbox(key="test_run").set_value("run-first").run()
    at.run()
    assert _picked_run(at) == "run-first"
    assert at.query_params["run"] == "run-first"  # a reload shows it again


def test_continue_to_test_opens_the_run_just_finished(workspace):
    write_run("run-old", "completed", created=time.time() - 600)
    write_run("run-new", "completed", created=time.time() - 60)
    at = open_app("pages/test.py")
    at.selectbox(key="test_run").set_value("run-new").run()
    at.switch_page("pages/train.py")
    at.query_params["run"] = "run-old"  # the Train page shows an older run that just finished
    at.run()
    next(b for b in at.button if b.label == "Continue to Test").click().run()
    assert _picked_run(at) == "run-old"


def test_continue_to_test_is_offered_only_for_runs_the_test_page_shows(workspace):
    write_run("run-failed", "failed", error="The GPU ran out of memory.")
    at = open_app("pages/train.py")
    assert not [b for b in at.button if b.label == "Continue to Test"]
