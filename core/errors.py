"""Errors a user can cause, carried as one readable sentence plus what to do about it.

Two ways to raise one:

    raise UserError("There is no column body.", "Pick one of text, label.")   # plain words
    raise UserError.coded("column_missing", column="body", columns="text, label")

A coded error keeps its code and parameters; its message and fix are the catalogue's
errors.<code>.message and errors.<code>.fix (core/text/catalogue/errors.py, the fix is
optional), written in the language of whoever reads them: the page renders them in the browser
session's language, the CLI in FINETUNE_STUDIO_LANG's.
"""

from __future__ import annotations

from typing import Any

from core.text import Text, error_key, error_line, error_parts, has


class UserError(Exception):
    """Something wrong with the user's input (file, column, setting, model name).

    `message` says what is wrong and where; `fix` says what to do. The CLI prints both and
    exits with code 2; the app shows them with `st.error`. Never carries a traceback to the user.
    `code` and `params` are set for a coded error (see `coded`), else None and {}.
    """

    def __init__(self, message: str | Text, fix: str | Text = "") -> None:
        super().__init__(message)
        self.message_text = message  # as given: a str, or a Text rendered when read
        self.fix_text = fix
        self.code: str | None = None
        self.params: dict[str, Any] = {}

    @classmethod
    def coded(cls, code: str, /, **params: Any) -> UserError:
        """The error errors.<code>, its sentences filled with `params`, e.g.
        `UserError.coded("column_missing", column="body", columns="text, label")`."""
        fix_key = error_key(code, "fix")
        error = cls(Text(error_key(code), params), Text(fix_key, params) if has(fix_key) else "")
        error.code, error.params = code, dict(params)
        return error

    @property
    def message(self) -> str:
        """What is wrong, in the current language."""
        return error_parts(self)[0] if self.code else _rendered(self.message_text)

    @message.setter
    def message(self, value: str | Text) -> None:
        self.message_text = value

    @property
    def fix(self) -> str:
        """What to do about it, in the current language ('' when there is nothing to say)."""
        return error_parts(self)[1] if self.code else _rendered(self.fix_text)

    @fix.setter
    def fix(self, value: str | Text) -> None:
        self.fix_text = value

    def __str__(self) -> str:
        return error_line(self)

    def __reduce__(self):  # through a process pool or a queue, code and params included
        return _rebuild, (type(self), self.message_text, self.fix_text, self.code, self.params)


def _rendered(value: str | Text) -> str:
    return value.render() if isinstance(value, Text) else str(value or "")


def _rebuild(cls: type, message: Any, fix: Any, code: str | None,
             params: dict[str, Any]) -> UserError:
    error = cls(message, fix)
    error.code, error.params = code, dict(params)
    return error


class StopRequested(Exception):
    """Raised inside a worker when the user asked the run to stop."""
