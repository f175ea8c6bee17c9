"""Numbers as each language writes them (digit grouping and decimal point).

Below translate and formats: `t()` groups whole-number placeholders with `number`, and the
percent, point and duration formats build on it.
"""

from __future__ import annotations

import math

from core.text.language import current_language, normalize

# language -> (group separator, decimal separator), as CLDR's "latn" number symbols
_SYMBOLS = {"en": (",", "."), "zh": (",", ".")}


def chosen_language(language: str | None) -> str:
    """The language asked for, else the current one."""
    return normalize(language) or current_language()


def number(value: float | int | None, decimals: int | None = None,
           language: str | None = None) -> str:
    """1234 -> '1,234'; number(0.5, 2) -> '0.50'; a float without `decimals` keeps up to 3
    significant decimals ('0.123', '2.5'); None or NaN -> '-'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    group, point = _SYMBOLS.get(chosen_language(language), _SYMBOLS["en"])
    if decimals is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)
