"""Step 4, Test: is the model good enough, where does it go wrong, and take it away.

Sections: the report on held-back examples (next to quick baselines), the examples it gets
wrong, a playground, batch prediction of a file, two runs compared on the same inputs, and the
export zip. Everything is read from the run folder or computed by core; the model is loaded
once per run and cached (st.cache_resource), never per keystroke.
"""

from __future__ import annotations

import streamlit as st

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
from pages._test_common import resend_if_renamed, run_labels

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
    resend_if_renamed(TEST_RUN, labels)
    run_id = st.selectbox("Run to test", list(by_id), key=TEST_RUN,
                          format_func=labels.__getitem__, on_change=_keep_run_in_url,
                          help="Any finished run; the newest is chosen for you.")
    return by_id[run_id]


def render() -> None:
    st.title("4. Test")
    st.caption("How good is the model, where does it go wrong, and take it with you.")
    usable = [r for r in runs.list_runs() if not r.damaged and r.state in USABLE_STATES]
    if not usable:
        st.info("No finished runs yet. Train one on the Train page; it appears here when it "
                "finishes.", icon=":material/info:")
        return
    run = pick_run(usable)
    evaluation = runs.read_eval(run.path) or {}
    if run.state == "stopped":
        st.caption("This run was stopped early; it is tested with its best checkpoint.")
    if evaluation.get("mode") == "few-shot":
        st.caption("Trained in few-shot mode: the model learned from pairs of texts which ones "
                   "share a label, then a simple classifier on top decides.")
    tabs = st.tabs(["Report", "Mistakes", "Try it", "Batch prediction", "Compare",
                    "Label budget", "Export"])
    sections = [
        ("showing the report", lambda: _test_report.report_section(run, evaluation)),
        ("listing the mistakes", lambda: _test_mistakes.mistakes_section(run, evaluation)),
        ("running the model on your text",
         lambda: _test_playground.playground_section(run, evaluation)),
        ("predicting the file", lambda: _test_batch.batch_section(run)),
        ("comparing the runs", lambda: _test_compare.compare_section(run, usable)),
        ("drawing the learning curve", lambda: _learning_curve.render(run)),
        ("preparing the export", lambda: _test_export.export_section(run)),
    ]
    for tab, (doing, draw) in zip(tabs, sections):
        with tab, _errors.guarded(doing):
            draw()


try:
    render()
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "showing the test page")
