"""Errors a user can cause, carried as one readable sentence plus what to do about it."""

from __future__ import annotations


class UserError(Exception):
    """Something wrong with the user's input (file, column, setting, model name).

    `message` says what is wrong and where; `fix` says what to do. The CLI prints both and
    exits with code 2; the app shows them with `st.error`. Never carries a traceback to the user.
    """

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()


class StopRequested(Exception):
    """Raised inside a worker when the user asked the run to stop."""
