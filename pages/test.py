"""Step 4, Test: is the model good enough, where does it go wrong, and take it away.

Sections: the report on held-back examples (next to quick baselines), the examples it gets
wrong, a playground, batch prediction of a file, two runs compared on the same inputs, and the
export zip. Everything is read from the run folder or computed by core; the model is loaded
once per run and cached (st.cache_resource), never per keystroke.
"""

from __future__ import annotations

import streamlit as st

from core.text import t
from core.workspace import runs
from pages import (
    _entry,
    _errors,
    _learning_curve,
    _test_batch,
    _test_compare,
    _test_export,
    _test_mistakes,
    _test_playground,
    _test_report,
)
from pages._test_common import pick_linked_run

_entry.run_through_app()

USABLE_STATES = ("completed", "stopped")
TEST_RUN = "test_run"  # the picker's key


def pick_run(usable: list[runs.RunInfo]) -> runs.RunInfo:
    """The run a link asked for, else the newest finished one (see pick_linked_run)."""
    return pick_linked_run(usable, TEST_RUN, t("test.page.pick_run"),
                           t("test.page.pick_run_help"))


TABS = ("report", "mistakes", "try", "batch", "compare", "budget", "export")


def render() -> None:
    st.title(t("test.page.title"))
    st.caption(t("test.page.caption"))
    usable = [r for r in runs.list_runs() if not r.damaged and r.state in USABLE_STATES]
    if not usable:
        st.info(t("test.page.no_runs"), icon=":material/info:")
        return
    run = pick_run(usable)
    evaluation = runs.read_eval(run.path) or {}
    if run.state == "stopped":
        st.caption(t("test.page.stopped"))
    if evaluation.get("mode") == "few-shot":
        st.caption(t("test.page.few_shot"))
    tabs = st.tabs([t(f"test.tab.{name}") for name in TABS])
    draws = {
        "report": lambda: _test_report.report_section(run, evaluation),
        "mistakes": lambda: _test_mistakes.mistakes_section(run, evaluation),
        "try": lambda: _test_playground.playground_section(run, evaluation),
        "batch": lambda: _test_batch.batch_section(run, evaluation),
        "compare": lambda: _test_compare.compare_section(run, usable, evaluation),
        "budget": lambda: _learning_curve.render(run),
        "export": lambda: _test_export.export_section(run),
    }
    for tab, name in zip(tabs, TABS, strict=True):
        with tab, _errors.guarded(f"test.error.{name}"):
            draws[name]()


_errors.page(render, "test.error.page")
