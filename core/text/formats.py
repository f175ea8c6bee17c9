"""Numbers, percentages, durations and lists as each language writes them.

Own small functions rather than Babel: for English and Chinese, CLDR writes decimals and
percentages alike (grouping ',', decimal '.', '75.7%'), so Babel's 30 MB of locale data would
change no digit here, and its format_timedelta rounds to one unit ("3 minutes") where a time
left needs two ("3 min 05 s" / "3 分 05 秒"). The unit words live in the catalogue
(common.duration.*), so a new language adds its words there and, if it groups digits otherwise,
one line in _SYMBOLS below.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from core.text.numbers import chosen_language, number
from core.text.translate import t


def percent(share: float | None, decimals: int = 1, language: str | None = None) -> str:
    """0.757 -> '75.7%' (a share between 0 and 1); None -> '-'."""
    if share is None or not math.isfinite(share):
        return "-"
    language = chosen_language(language)
    return t("common.format.percent", language=language,
             value=number(share * 100, decimals, language))


def points(difference: float | None, decimals: int = 1, language: str | None = None) -> str:
    """A difference of two shares in percentage points, signed: 0.34 -> '+34.0 points'."""
    if difference is None or not math.isfinite(difference):
        return "-"
    language = chosen_language(language)
    sign = "+" if difference > 0 else ("−" if difference < 0 else "")
    value = sign + number(abs(difference) * 100, decimals, language)
    return t("common.format.points", language=language, value=value)


def duration(seconds: float | None, language: str | None = None) -> str:
    """45 -> '45 s' / '45 秒'; 185 -> '3 min 05 s' / '3 分 05 秒'; 7500 -> '2 h 05 min' /
    '2 小时 05 分'; None, negative or NaN -> '-'."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "-"
    language = chosen_language(language)
    total = int(round(seconds))
    if total < 60:
        return t("common.duration.seconds", language=language, seconds=str(total))
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return t("common.duration.minutes", language=language, minutes=str(minutes),
                 seconds=f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return t("common.duration.hours", language=language, hours=number(hours, language=language),
             minutes=f"{minutes:02d}")


def join(items: Iterable[object], language: str | None = None) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c' / 'a、b和c'."""
    language = chosen_language(language)
    words = [str(item) for item in items]
    if len(words) <= 1:
        return words[0] if words else ""
    separator = t("common.list.separator", language=language)
    return t("common.list.last", language=language, rest=separator.join(words[:-1]),
             last=words[-1])
