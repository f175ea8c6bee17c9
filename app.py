"""Finetune Studio: the Streamlit entry point (`streamlit run app.py`).

Routes between the step pages with st.navigation and draws the shared sidebar. Pages only
render and call `core`; training runs in its own process (see core/jobs/queue.py).

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

from core import text  # noqa: E402
from core.jobs import queue as jobs  # noqa: E402
from core.jobs import servers  # noqa: E402
from core.text import t  # noqa: E402
from core.workspace import uploads  # noqa: E402
from core.workspace.runs import workspace_dir  # noqa: E402
from pages import _access, _data_address, _entry, _errors, _format, _guard, _lang  # noqa: E402


def step_pages() -> list:
    """The pages in the navigation, titled in the session's language (the URL paths follow
    the file names, so links stay the same in every language)."""
    return [
        st.Page("pages/data.py", title=t("app.nav.data"), icon=":material/table_view:",
                default=True),
        st.Page("pages/model.py", title=t("app.nav.model"), icon=":material/neurology:"),
        st.Page("pages/train.py", title=t("app.nav.train"), icon=":material/monitoring:"),
        st.Page("pages/test.py", title=t("app.nav.test"), icon=":material/fact_check:"),
        st.Page("pages/deploy.py", title=t("app.nav.deploy"), icon=":material/rocket_launch:"),
        st.Page("pages/label.py", title=t("app.nav.label"), icon=":material/label:"),
        st.Page("pages/runs.py", title=t("app.nav.runs"), icon=":material/history:"),
        st.Page("pages/search.py", title=t("search.nav.title"), icon=":material/travel_explore:"),
    ]


# Streamlit's default top padding pushes the content below the fold on a 1280x800 laptop.
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 2rem; }
[data-testid="stMetricValue"] { font-size: 1.7rem; }
</style>"""


def active_run_indicator() -> None:
    """The run training now, redrawn every few seconds while one is active."""
    active = None
    with _errors.guarded(t("app.doing.check_runs")):
        active = jobs.active_run()
    if active is None:
        st.caption(t("app.active.none"))
        return
    share = active.step / active.total_steps if active.total_steps else 0.0
    st.caption(t("app.active.heading"))
    st.progress(min(1.0, share), text=progress_text(active))


def progress_text(active) -> str:
    """'reviews: step 12 of 40, 1 min 05 s left', as far as the run knows its total and pace."""
    name = _format.md(active.name)
    if not active.total_steps:
        return t("app.active.progress_no_total", name=name, step=active.step)
    if not active.eta_s:
        return t("app.active.progress_no_eta", name=name, step=active.step,
                 total=active.total_steps)
    return t("app.active.progress", name=name, step=active.step, total=active.total_steps,
             left=text.duration(active.eta_s))


def sidebar() -> None:
    with st.sidebar:
        _lang.selector()
        any_active = False
        with _errors.guarded(t("app.doing.check_runs")):
            # marks vanished processes interrupted and starts queued runs
            any_active = any(r.is_active for r in jobs.reconcile())
        st.fragment(active_run_indicator, run_every=3 if any_active else None)()
        st.caption(t("app.workspace.caption", folder=workspace_dir()),
                   help=t("app.workspace.help"))


def main() -> None:
    # Every t() of this run and of its fragment reruns asks the session for its language.
    text.set_language_source(_lang.session_language)
    _lang.resolve()
    st.set_page_config(page_title=t("app.title"), page_icon=":material/model_training:",
                       layout="wide", initial_sidebar_state="expanded")
    st.html(COMPACT_CSS)
    if not _access.signed_in():
        # Navigation first: drawn before it, the form belonged to app.py's own page, the browser
        # then sent the Sign-in press for the default page, and Streamlit dropped its values
        # as those of another page (the first press after loading did nothing).
        st.navigation(step_pages(), position="hidden")
        with st.sidebar:
            _lang.selector()  # so the sign-in form can be read in Chinese too
        _access.unlocked()  # draws the sign-in form
        st.stop()
    _data_address.keep_across_pages()  # a page switch clears the address; ?data= is kept
    page = st.navigation(step_pages())
    sidebar()
    with _entry.through_app():
        page.run()


if __name__ == "__main__":  # a session's script run (Streamlit names the script __main__)
    main()
else:  # imported by `streamlit run` to start the server
    uploads.remove_orphan_uploads()  # temporary files of uploads a crash cut short
    servers.restart_servers()  # API servers that were serving when the app or machine stopped
    app = st.App(Path(__file__).name, middleware=[
        Middleware(_guard.SignInGuard, password=_access.configured_password)])
