"""Finetune Studio: the Streamlit entry point (`streamlit run app.py`).

Routes between the step pages with st.navigation and draws the shared sidebar. Pages only
render and call `core`; training runs in its own process (see core/jobs.py).

The file is read twice: `streamlit run app.py` first imports it to find `app`, the server (an
`st.App`, so that the sign-in guard of pages/_guard.py sits in front of Streamlit's own upload
and metrics endpoints); then every browser session runs it as its script (`__main__`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # so `core` and `pages._*` import however the app is started
    sys.path.insert(0, str(ROOT))

from core import jobs, uploads  # noqa: E402
from core.runs import workspace_dir  # noqa: E402
from pages import _access, _entry, _errors, _format, _guard  # noqa: E402


def step_pages() -> list:
    return [
        st.Page("pages/data.py", title="1. Data", icon=":material/table_view:", default=True),
        st.Page("pages/model.py", title="2. Model", icon=":material/neurology:"),
        st.Page("pages/train.py", title="3. Train", icon=":material/monitoring:"),
        st.Page("pages/test.py", title="4. Test", icon=":material/fact_check:"),
        st.Page("pages/label.py", title="Label texts", icon=":material/label:"),
        st.Page("pages/runs.py", title="Runs", icon=":material/history:"),
    ]


# Streamlit's default top padding pushes the content below the fold on a 1280x800 laptop.
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 2rem; }
[data-testid="stMetricValue"] { font-size: 1.7rem; }
</style>"""


def active_run_indicator() -> None:
    """The run training now, redrawn every few seconds while one is active."""
    active = None
    with _errors.guarded("checking the training runs"):
        active = jobs.active_run()
    if active is None:
        st.caption("No run is training right now.")
        return
    share = active.step / active.total_steps if active.total_steps else 0.0
    left = f", {_format.duration(active.eta_s)} left" if active.eta_s else ""
    st.caption("Training now")
    st.progress(min(1.0, share), text=f"{_format.md(active.name)}: step {active.step}"
                f"/{active.total_steps or '?'}{left}")


def sidebar() -> None:
    with st.sidebar:
        any_active = False
        with _errors.guarded("checking the training runs"):
            # marks vanished processes interrupted and starts queued runs
            any_active = any(r.is_active for r in jobs.refresh())
        st.fragment(active_run_indicator, run_every=3 if any_active else None)()
        st.caption(f"Workspace: `{workspace_dir()}`",
                   help="Runs and uploaded files are kept in this folder. Set the environment "
                        "variable FINETUNE_STUDIO_WORKSPACE to use another one.")


def main() -> None:
    st.set_page_config(page_title="Finetune Studio", page_icon=":material/model_training:",
                       layout="wide", initial_sidebar_state="expanded")
    st.html(COMPACT_CSS)
    if not _access.signed_in():
        # Navigation first: drawn before it, the form belonged to app.py's own page, the browser
        # then sent the Sign-in press for the default page, and Streamlit dropped its values
        # as those of another page (the first press after loading did nothing).
        st.navigation(step_pages(), position="hidden")
        _access.unlocked()  # draws the sign-in form
        st.stop()
    page = st.navigation(step_pages())
    sidebar()
    with _entry.through_app():
        page.run()


if __name__ == "__main__":  # a session's script run (Streamlit names the script __main__)
    main()
else:  # imported by `streamlit run` to start the server
    uploads.remove_orphan_uploads()  # temporary files of uploads a crash cut short
    app = st.App(Path(__file__).name, middleware=[
        Middleware(_guard.SignInGuard, password=_access.configured_password)])
