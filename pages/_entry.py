"""Making sure every page runs inside app.py, even as the first request after a server start.

With a `pages/` folder beside app.py, Streamlit starts in its old multipage mode until some
session has run `st.navigation`: a browser that reconnects straight to /train after a restart
would get pages/train.py alone (no sidebar, no shared setup). `st.navigation` itself leaves
that mode by clearing the same flag; doing it here first and rerunning runs app.py instead.
AppTest resets that flag before every run, so there the shim stays out of the way (its rerun
would swallow the button click being tested).
"""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager


def run_through_app() -> None:
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
