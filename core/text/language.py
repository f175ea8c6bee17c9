"""Which language the words on screen are in: one value per context, read by `t()`.

The order of precedence, highest first:
1. `use_language("zh")` / `set_language("zh")` in this context (a contextvar: each thread and
   asyncio task has its own);
2. the source the app registers with `set_language_source` (the browser session's choice: a
   Streamlit script run and its fragment reruns each start in a fresh thread, so a contextvar
   set by one run is gone in the next, while the session's own state is not);
3. the environment variable FINETUNE_STUDIO_LANG (the CLI and the training worker);
4. English.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ENGLISH = "en"
CHINESE = "zh"
# Each language named in its own words: the selector shows them so, whatever language is on.
LANGUAGES = {ENGLISH: "English", CHINESE: "中文"}
DEFAULT = ENGLISH
ENV_VAR = "FINETUNE_STUDIO_LANG"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("finetune_studio_lang",
                                                                      default=None)
_source: Callable[[], str | None] | None = None


def normalize(code: object) -> str | None:
    """'zh', 'zh-CN', 'zh_Hans_CN', 'ZH' -> 'zh'; 'en-US' -> 'en'; anything else -> None."""
    if not isinstance(code, str):
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def from_environment() -> str:
    return normalize(os.environ.get(ENV_VAR)) or DEFAULT


def current_language() -> str:
    """The language `t()` writes in now (see the module docstring for the order)."""
    explicit = _current.get()
    if explicit is not None:
        return explicit
    if _source is not None:
        try:
            chosen = normalize(_source())
        except Exception:  # noqa: BLE001 - a broken source must not take the words with it
            chosen = None
        if chosen is not None:
            return chosen
    return from_environment()


def set_language(code: str | None) -> contextvars.Token:
    """Set this context's language (None: back to the source / environment); returns a token
    for `reset_language`. Unknown codes count as None."""
    return _current.set(normalize(code))


def reset_language(token: contextvars.Token) -> None:
    _current.reset(token)


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """`with use_language("zh"): ...` writes every text inside the block in Chinese."""
    token = set_language(code)
    try:
        yield current_language()
    finally:
        reset_language(token)


def set_language_source(source: Callable[[], str | None] | None) -> None:
    """Register the function that tells the language when no context set one (the app: the
    browser session's choice). It may return None (no choice here, e.g. outside a session)."""
    global _source
    _source = source
