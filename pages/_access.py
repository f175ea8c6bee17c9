"""Optional password protection for a shared demo server; off unless a password is set.

The password comes from the environment variable FINETUNE_STUDIO_PASSWORD or from `password` in
.streamlit/secrets.toml. Each browser session signs in once; only the fact that it did is kept
in its session state, never the password.
"""

from __future__ import annotations

import hmac
import os
import time

import streamlit as st

PASSWORD_ENV = "FINETUNE_STUDIO_PASSWORD"
SECRET_KEY = "password"
UNLOCKED = "access_unlocked"
WRONG_PASSWORD_PAUSE_S = 1.0  # slows down guessing without bothering a person


def configured_password() -> str | None:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    try:
        value = st.secrets.get(SECRET_KEY)
    except FileNotFoundError:  # no secrets.toml, or one that cannot be parsed
        return None
    return str(value) if value else None


def unlocked() -> bool:
    """True when no password is set or this session has signed in; otherwise draw the form."""
    expected = configured_password()
    if expected is None or st.session_state.get(UNLOCKED):
        return True
    sign_in_form(expected)
    return False


def sign_in_form(expected: str) -> None:
    st.title("Finetune Studio")
    st.caption("This server is shared. Enter the password you were given to continue.")
    with st.form("access_form"):
        entered = st.text_input("Password", type="password", key="access_password")
        submitted = st.form_submit_button("Sign in", type="primary", icon=":material/login:",
                                          key="access_sign_in")
    if not submitted:
        return
    if hmac.compare_digest(entered.encode("utf-8"), expected.encode("utf-8")):
        st.session_state[UNLOCKED] = True
        st.rerun()
    time.sleep(WRONG_PASSWORD_PAUSE_S)
    st.error("That password is not right. Try again, or ask whoever runs this server for it.",
             icon=":material/lock:")
