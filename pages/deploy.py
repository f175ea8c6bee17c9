"""Step 5, Deploy: put a finished run behind an HTTP API.

Pick a run and a format; see the size / speed / score table of the formats and download each
one; train a smaller model ("Smaller model (3 of 6 layers)") as a new run; start an API server
in the background (core/jobs/servers.py: it outlives this tab), list and stop servers; copy
snippets that call the chosen server and try a request on the page. Everything is read from
the workspace or done by core.
"""

from __future__ import annotations

import streamlit as st

from core.serve.formats import FORMATS
from core.text import t
from core.workspace import runs
from core.workspace.folder import RunFolder
from pages import (
    _deploy_formats,
    _deploy_servers,
    _deploy_smaller,
    _deploy_use,
    _entry,
    _errors,
)
from pages._deploy_formats import format_label
from pages._test_common import pick_linked_run

_entry.run_through_app()

USABLE_STATES = ("completed", "stopped")
DEPLOY_RUN = "deploy_run"        # the run picker's key
DEPLOY_FORMAT = "deploy_format"  # the format picker's key


def pick_run(usable: list[runs.RunInfo]) -> runs.RunInfo:
    """The run a link asked for, else the newest finished one (see pick_linked_run)."""
    return pick_linked_run(usable, DEPLOY_RUN, t("deploy.page.pick_run"),
                           t("deploy.page.pick_run_help"))


def pick_format() -> str:
    return st.selectbox(t("deploy.page.pick_format"), list(FORMATS), key=DEPLOY_FORMAT,
                        format_func=format_label, help=t("deploy.page.pick_format_help"))


def _usable() -> list[runs.RunInfo]:
    return [r for r in runs.list_runs() if not r.damaged and r.state in USABLE_STATES
            and RunFolder(r.path).has_model()]


def render() -> None:
    st.title(t("deploy.page.title"))
    st.caption(t("deploy.page.caption"))
    with _errors.guarded("deploy.error.servers"):
        _deploy_servers.show_flash()
    usable = _usable()
    if not usable:
        st.info(t("deploy.page.no_runs"), icon=":material/info:")
        return
    left, right = st.columns(2)
    with left:
        run = pick_run(usable)
    with right:
        fmt = pick_format()
    with _errors.guarded("deploy.error.formats"):
        _deploy_formats.formats_section(run, fmt)
    with _errors.guarded("deploy.error.smaller"):
        _deploy_smaller.smaller_section(run)
    with _errors.guarded("deploy.error.start"):
        _deploy_servers.start_section(run, fmt)
    listed = []
    with _errors.guarded("deploy.error.servers"):
        listed = _deploy_servers.servers_section()
    with _errors.guarded("deploy.error.use"):
        _deploy_use.use_section(run, listed)


_errors.page(render, "deploy.error.page")
