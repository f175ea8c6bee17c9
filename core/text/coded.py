"""Text that is written when it is read: a key plus parameters, rendered in the language of
whoever reads it. Core code (errors, health findings, advice) keeps `Text` objects or codes;
the page renders them in the browser session's language, the CLI in FINETUNE_STUDIO_LANG's.

    finding = Text("health.duplicates", {"count": 3})
    str(finding)                 # in the current language
    finding.render("zh")         # '有 3 行重复。'
    Text.from_dict(finding.to_dict())   # through status.json or eval.json and back
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.text.translate import has, t


@dataclass(frozen=True)
class Text:
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, language: str | None = None) -> str:
        return t(self.key, language=language, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:  # f"{text}" renders too
        return format(self.render(), spec)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the parameters must be JSON values: strings and numbers)."""
        return {"key": self.key, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Text:
        return cls(str(data["key"]), dict(data.get("params") or {}))


def lazy(key: str, /, **params: Any) -> Text:
    """`lazy("errors.column_missing.message", column="body")`: a Text, rendered when read."""
    return Text(key, params)


def error_key(code: str, part: str = "message") -> str:
    """The catalogue key of an error code's part: error_key("column_missing", "fix") ->
    'errors.column_missing.fix'."""
    return f"errors.{code}.{part}"


def error_parts(exc: BaseException, language: str | None = None) -> tuple[str, str]:
    """(message, fix) of a UserError in `language` (default: the current one).

    A coded error (attributes `code` and `params`) is looked up as errors.<code>.message and
    errors.<code>.fix (the fix is optional); message and fix given as Text render now; plain
    strings (errors not converted yet) come back as they are.
    """
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code:
        params = dict(getattr(exc, "params", None) or {})
        fix_key = error_key(code, "fix")
        fix = t(fix_key, language=language, **params) if has(fix_key) else ""
        return t(error_key(code), language=language, **params), fix
    # UserError keeps what it was given (str or Text) as message_text / fix_text
    message = getattr(exc, "message_text", None) or getattr(exc, "message", None) or str(exc)
    fix = getattr(exc, "fix_text", None) or getattr(exc, "fix", "") or ""
    parts = []
    for value in (message, fix):
        parts.append(value.render(language) if isinstance(value, Text) else str(value))
    return parts[0], parts[1]


def error_line(exc: BaseException, language: str | None = None) -> str:
    """'message fix' in one line, as the CLI prints a UserError."""
    message, fix = error_parts(exc, language)
    if not fix:
        return message.strip()
    return t("common.message_and_fix", language=language, message=message, fix=fix).strip()
