"""`t(key, **params)`: one catalogue sentence in the current language, placeholders filled.

A missing key, language or parameter is loud where it can be fixed and quiet where it cannot:
under pytest (or with FINETUNE_STUDIO_STRICT_TEXT=1) it raises `MissingText`; for a user it
falls back to English, then to the key itself, and logs a warning once, never a crash.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from core.text.catalogue import CATALOGUE, Entry, Template
from core.text.language import DEFAULT, current_language, normalize
from core.text.numbers import number

log = logging.getLogger("finetune_studio.text")
STRICT_ENV = "FINETUNE_STUDIO_STRICT_TEXT"
_warned: set[str] = set()


class MissingText(KeyError):
    """A key, a language of a key or a placeholder's value is missing (strict mode only)."""


def strict() -> bool:
    """Raise on missing texts? FINETUNE_STUDIO_STRICT_TEXT=1/0 decides; otherwise only while
    pytest runs a test (it sets PYTEST_CURRENT_TEST, also for AppTest page runs)."""
    setting = os.environ.get(STRICT_ENV)
    if setting in ("0", "1"):
        return setting == "1"
    return "PYTEST_CURRENT_TEST" in os.environ


def _missing(problem: str) -> None:
    if strict():
        raise MissingText(problem)
    if problem not in _warned:
        _warned.add(problem)
        log.warning("text catalogue: %s", problem)


def plural_category(language: str, count: Any) -> str:
    """The CLDR plural category of `count`: English 'one' for exactly 1, else 'other';
    Chinese always 'other'. A new language adds its rule here."""
    if language == "en":
        is_one = isinstance(count, int) and not isinstance(count, bool) and abs(count) == 1
        return "one" if is_one else "other"
    return "other"


class _Params(dict):
    """Placeholder values; an absent one shows as `{name}` (after a strict-mode check)."""

    def __init__(self, key: str, values: Mapping[str, Any], language: str) -> None:
        super().__init__({name: _value(value, language) for name, value in values.items()})
        self.key = key

    def __missing__(self, name: str) -> str:
        _missing(f"{self.key!r} needs the parameter {name!r}")
        return "{" + name + "}"


def _value(value: Any, language: str) -> Any:
    """A placeholder's value as written in `language`: integers grouped, and a nested text
    (anything with `render(language)`, such as core.text.coded.Text) in the same language."""
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, language=language)
    render = getattr(value, "render", None)
    return render(language) if callable(render) else value


def _template(key: str, entry: Entry, language: str) -> tuple[Template, str]:
    if language in entry and entry[language]:
        return entry[language], language
    _missing(f"{key!r} has no {language!r} text")
    return entry.get(DEFAULT) or key, DEFAULT


def _pick_form(key: str, template: Template, language: str, params: Mapping[str, Any]) -> str:
    if isinstance(template, str):
        return template
    if "count" not in params:
        _missing(f"{key!r} has plural forms and needs the parameter 'count'")
    category = plural_category(language, params.get("count"))
    return template.get(category) or template.get("other") or key


def has(key: str) -> bool:
    return key in CATALOGUE


def t(key: str, /, language: str | None = None, **params: Any) -> str:
    """The sentence `key` in `language` (default: the current one), e.g.
    `t("data.health.duplicates", count=3)` -> '3 rows appear twice.' / '有 3 行重复。'.

    Integers are written with the language's digit grouping (1,234); format other numbers
    first with core.text.formats (percent, decimal, duration). Values are put in as they are:
    a page escapes user text (file, column, label names) for markdown before passing it.
    """
    language = normalize(language) or current_language()
    entry = CATALOGUE.get(key)
    if entry is None:
        _missing(f"no text for {key!r}")
        return key
    template, used = _template(key, entry, language)
    form = _pick_form(key, template, used, params)
    try:
        return form.format_map(_Params(key, params, used))
    except (ValueError, IndexError, AttributeError) as exc:  # a malformed template
        _missing(f"{key!r} cannot be filled in: {exc}")
        return form
