"""Showing errors on a page: one readable sentence and a fix, never a stack trace."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from core.errors import UserError
from pages import _format

log = logging.getLogger("finetune_studio.app")


def show_error(exc: BaseException, doing: str = "doing that") -> None:
    """A UserError as its message and fix; anything else as one sentence plus a short detail."""
    if isinstance(exc, UserError):
        # messages quote file, column and label names: shown literally, never as markdown
        st.error(_format.md(f"{exc.message} {exc.fix}".strip()), icon=":material/error:")
        return
    # Details go to the server log; the page gets one sentence and the error's own words.
    log.error("Unexpected error while %s", doing, exc_info=exc)
    st.error(f"Something went wrong while {doing}. Try again; if it keeps happening, "
             "the details below help whoever maintains the app.", icon=":material/error:")
    with st.expander("Details"):
        st.text(f"{type(exc).__name__}: {exc}"[:2000])


@contextmanager
def guarded(doing: str) -> Iterator[None]:
    """Run a block; turn any error into a message on the page instead of a traceback.

    Streamlit's own rerun / stop / page switch signals derive from BaseException and pass through.
    """
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the page must survive any error
        show_error(exc, doing)
