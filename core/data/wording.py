"""Sentences that depend on a count, written out whole for one and for many.

`by_count(n, one, many, **values)` picks the sentence for `n` and fills its named placeholders;
`{n}` is the count formatted for people (thousands separators). Both sentences are written in
full, so "1 text appears" and "3 texts appear" each read as a sentence, never a word with an "s"
glued on.
"""

from __future__ import annotations

import math
from typing import Any


def number(n: int | float) -> str:
    """A count for people: 4,795 (a float is rounded half up to a whole number first)."""
    return f"{math.floor(n + 0.5):,}"


def by_count(n: int, one: str, many: str, **values: Any) -> str:
    """`one` when n is 1, else `many`, with {n} and the other named placeholders filled in."""
    return (one if n == 1 else many).format(n=number(n), **values)


def counted(n: int, one: str, many: str) -> str:
    """A counted noun phrase: counted(1, "text", "texts") is "1 text", counted(3, ...) "3 texts"."""
    return f"{number(n)} {one if n == 1 else many}"
