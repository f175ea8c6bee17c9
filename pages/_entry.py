"""Making sure every page runs inside app.py, even as the first request after a server start.

With a `pages/` folder beside app.py, Streamlit starts in its old multipage mode until some
session has run `st.navigation`: a browser that reconnects straight to /train after a restart
would get pages/train.py alone (no sidebar, no shared setup). `st.navigation` itself leaves
that mode by clearing the same flag; doing it here first and rerunning runs app.py instead.

Whether this run came through app.py is kept per script thread (app.py marks it just before
running the page), not read from that global flag: after a restart the tab that reconnects and
the tab that reloads start at the same moment, and the second one found the flag already cleared
by the first while it was itself still running the page alone.

AppTest runs a page file on its own on purpose, so there the shim stays out of the way (its
rerun would swallow the button click being tested). A page that does run on its own still asks
for the password when one is set, so no way into a page skips it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

from pages import _access

_run = threading.local()  # Streamlit runs each session's script in its own thread


@contextmanager
def through_app() -> Iterator[None]:
    """app.py runs the chosen page inside this."""
    _run.through_app = True
    try:
        yield
    finally:
        _run.through_app = False


def run_through_app() -> None:
    if not getattr(_run, "through_app", False) and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
    if not _access.unlocked():
        st.stop()
