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
    _session,
    _test_batch,
    _test_compare,
    _test_export,
    _test_mistakes,
    _test_playground,
    _test_report,
)
from pages._test_common import run_labels

_entry.run_through_app()

USABLE_STATES = ("completed", "stopped")
TEST_RUN = "test_run"  # the picker's key


def _keep_run_in_url() -> None:
    st.query_params["run"] = st.session_state[TEST_RUN]  # a reload shows the same run


def pick_run(usable: list[runs.RunInfo]) -> runs.RunInfo:
    """The run a link asked for (Continue to Test), else the newest finished one.

    The choice is not remembered across visits: Streamlit drops the widget's value when the
    page is left, so coming back after another run finished shows that newer run, while a
    pick made during this visit holds until the page is left.
    """
    by_id = {r.run_id: r for r in usable}
    labels = run_labels(usable)
    wanted = st.query_params.get("run")
    if st.session_state.get(TEST_RUN) not in by_id:
        st.session_state[TEST_RUN] = wanted if wanted in by_id else usable[0].run_id
    _session.resend_if_renamed(TEST_RUN, labels)
    run_id = st.selectbox(t("test.page.pick_run"), list(by_id), key=TEST_RUN,
                          format_func=labels.__getitem__, on_change=_keep_run_in_url,
                          help=t("test.page.pick_run_help"))
    return by_id[run_id]


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
