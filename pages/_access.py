"""Optional password protection for a shared demo server; off unless a password is set.

The password comes from the environment variable FINETUNE_STUDIO_PASSWORD or from `password` in
.streamlit/secrets.toml. Each browser session signs in once; only the fact that it did is kept
in its session state, never the password, and the session's id is handed to pages/_guard.py so
that Streamlit's upload endpoint accepts files from it. Wrong guesses are slowed down per client
address, not per session: opening more sessions does not buy more guesses.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
import time
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.text import t
from pages import _guard

PASSWORD_ENV = "FINETUNE_STUDIO_PASSWORD"
SECRET_KEY = "password"
UNLOCKED = "access_unlocked"
WRONG_PASSWORD_PAUSE_S = 1.0  # slows down guessing without bothering a person

log = logging.getLogger(__name__)
# A secrets file that exists but cannot be read keeps the server locked with a password nobody
# knows: opening it to everyone because of a typo in the file would be the wrong way to fail.
UNREADABLE_SECRETS = secrets.token_hex(32)

_gates: dict[str, threading.Lock] = {}  # one per client address, shared by all its sessions
_gates_lock = threading.Lock()


def configured_password() -> str | None:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    try:
        value = st.secrets.get(SECRET_KEY)
    except FileNotFoundError:  # no secrets.toml, or one that cannot be parsed
        if not _secrets_files_exist():
            return None
        log.warning("A secrets file exists but cannot be read; nobody can sign in until it is "
                    "fixed.")
        return UNREADABLE_SECRETS
    return str(value) if value else None


def _secrets_files_exist() -> bool:
    from streamlit import config

    return any(Path(f).expanduser().is_file() for f in config.get_option("secrets.files") or [])


def signed_in() -> bool:
    """True when no password is set or this session has signed in."""
    if configured_password() is None:
        return True
    if st.session_state.get(UNLOCKED):
        # again on every run: a session that reconnects keeps its state but the server may not
        remember_session()
        return True
    return False


def unlocked() -> bool:
    """True when no password is set or this session has signed in; otherwise draw the form."""
    if signed_in():
        return True
    sign_in_form(configured_password())
    return False


def remember_session() -> None:
    ctx = get_script_run_ctx()
    if ctx is not None:
        _guard.mark_signed_in(ctx.session_id)


def password_matches(entered: str, expected: str, address: str | None) -> bool:
    """Compare, one guess at a time per client address; a wrong guess keeps the others waiting."""
    with _gates_lock:
        gate = _gates.setdefault(address or "local", threading.Lock())
    with gate:
        if hmac.compare_digest(entered.encode("utf-8"), expected.encode("utf-8")):
            return True
        time.sleep(WRONG_PASSWORD_PAUSE_S)
        return False


def sign_in_form(expected: str) -> None:
    st.title(t("access.title"))
    st.caption(t("access.caption"))
    if expected == UNREADABLE_SECRETS:
        st.error(t("access.unreadable_secrets"), icon=":material/lock:")
        return
    with st.form("access_form"):
        entered = st.text_input(t("access.password"), type="password", key="access_password")
        submitted = st.form_submit_button(t("access.sign_in"), type="primary",
                                          icon=":material/login:", key="access_sign_in")
    if not submitted:
        return
    if password_matches(entered, expected, st.context.ip_address):
        st.session_state[UNLOCKED] = True
        remember_session()
        st.rerun()
    st.error(t("access.wrong_password"), icon=":material/lock:")
