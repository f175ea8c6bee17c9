"""Showing errors on a page: one readable sentence and a fix, never a stack trace.

`doing` names what failed as a catalogue key of a whole sentence, e.g. "runs.error.listing":
"Something went wrong while listing the runs." The page adds the same advice after it.
A text that is not a key (a page not converted yet) is put into errors.unexpected.while.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from core.errors import UserError
from core.text import error_line, has, t
from pages import _format

log = logging.getLogger("finetune_studio.app")
GENERIC = "errors.unexpected.generic"


def what_failed(doing: str) -> str:
    """The sentence saying what failed: the key's own sentence, or an old-style fragment
    ("listing the runs") put into errors.unexpected.while."""
    if has(doing):
        return t(doing)
    return t("errors.unexpected.while", doing=doing)


def show_error(exc: BaseException, doing: str = GENERIC) -> None:
    """A UserError as its message and fix (in the reader's language); anything else as one
    sentence plus a short detail."""
    if isinstance(exc, UserError):
        # messages quote file, column and label names: shown literally, never as markdown
        st.error(_format.md(error_line(exc)), icon=":material/error:")
        return
    # Details go to the server log; the page gets one sentence and the error's own words.
    log.error("Unexpected error while %s", doing, exc_info=exc)
    st.error(t("errors.unexpected.shown", what=what_failed(doing),
               advice=t("errors.unexpected.advice")), icon=":material/error:")
    with st.expander(t("errors.unexpected.details")):
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


def page(render: Callable[[], None], doing: str = GENERIC,
         on_error: Callable[[], None] | None = None) -> None:
    """The end of every page file: `_errors.page(render, "runs.error.listing")` draws the
    page, and any error (a UserError as its message and fix) as a message instead of a stack
    trace. `on_error` runs first when something failed (e.g. marking the data not ready)."""
    try:
        render()
    except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
        if on_error is not None:
            on_error()
        show_error(exc, doing)
