"""The language of the app for one browser session: chosen, remembered, kept in the URL.

The first visit follows the browser (`st.context.locale` starting with "zh" means Chinese);
`?lang=zh` or `?lang=en` in the address chooses too, and wins, so a demo link opens in its
language; the sidebar selector changes it. The choice lives in `st.session_state` under
`_session.LANGUAGE` (so a page switch keeps it) and in the URL (so a refresh keeps it).
Switching touches nothing else the user chose.

core/text reads the choice through `session_language`, registered as its language source by
app.py: every script run and every fragment rerun then writes in the session's language.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import text
from pages import _session

QUERY = "lang"
WIDGET = "language_select"


def session_language() -> str | None:
    """The session's language, or None outside a script run (a server thread, a unit test)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(_session.LANGUAGE)


def _browser_language() -> str:
    try:
        locale = st.context.locale
    except Exception:  # noqa: BLE001 - no browser information (e.g. a bare script run)
        locale = None
    return text.CHINESE if text.normalize(locale) == text.CHINESE else text.ENGLISH


def resolve() -> str:
    """Settle this run's language (URL, then the session's choice, then the browser) and keep
    the URL's `lang` in step with it. Call once per script run, before anything is drawn."""
    asked = text.normalize(st.query_params.get(QUERY))
    if asked is not None:
        st.session_state[_session.LANGUAGE] = asked
    elif text.normalize(st.session_state.get(_session.LANGUAGE)) is None:
        st.session_state[_session.LANGUAGE] = _browser_language()
    language = st.session_state[_session.LANGUAGE]
    if st.query_params.get(QUERY) != language:
        st.query_params[QUERY] = language
    return language


def _chosen() -> None:
    language = text.normalize(st.session_state.get(WIDGET)) or text.ENGLISH
    st.session_state[_session.LANGUAGE] = language
    st.query_params[QUERY] = language


def selector() -> None:
    """The English / 中文 selector (draw it in the sidebar, after st.navigation)."""
    language = st.session_state.get(_session.LANGUAGE, text.ENGLISH)
    if st.session_state.get(WIDGET) != language:  # the URL chose another one since
        st.session_state[WIDGET] = language
    st.selectbox(text.t("app.language.label"), list(text.LANGUAGES), key=WIDGET,
                 format_func=text.LANGUAGES.__getitem__, on_change=_chosen,
                 help=text.t("app.language.help"))
