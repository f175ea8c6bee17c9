"""The size limits every data reader holds to, in one place, and the refusal that names them.

A file a few KB long can declare a million rows, sixteen thousand columns or a list nested a
hundred thousand levels deep; without limits reading it costs minutes or crashes the reader.
Each limit is far above what a labeled text dataset needs, and each refusal says which limit
was passed and what to do, so a user never waits on a file that cannot be trained on anyway.

`refusal` and `notice` build any reader's UserError and read warning from the catalogue
(core/text/catalogue/reading.py, keys reading.<what>.message / .fix), so the page writes them
in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.data.report import read_warning
from core.errors import UserError
from core.text import Text, t

MAX_FILE_BYTES = 200 * 1024 * 1024       # on disk, before anything is read
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # after decompression (.xlsx archives, Parquet pages)
MAX_ROWS = 2_000_000                     # examples (rows, records, lines, sentences)
MAX_COLUMNS = 1_000                      # columns of a table, distinct keys of JSON records
MAX_CELLS = 10_000_000                   # rows x columns
MAX_NESTING = 100                        # levels of lists/objects inside each other in JSON
MAX_NUMBER_DIGITS = 1_000                # digits of one whole number in JSON
MAX_SHEET_ROWS = 1_048_576               # Excel's own row limit; a sheet claiming more is damaged


def refusal(what: str, fix: str = "", /, **params: Any) -> UserError:
    """The UserError reading.<what>.message, with the fix reading.<fix or what>.fix."""
    return UserError(Text(f"reading.{what}.message", params),
                     Text(f"reading.{fix or what}.fix", params))


def notice(what: str, /, **params: Any) -> dict:
    """A read warning (see core.data.report.read_warning) from reading.<what>.message / .fix:
    the sentences in the current language, and as `Text` under "text" and "fix_text"."""
    message, fix = Text(f"reading.{what}.message", params), Text(f"reading.{what}.fix", params)
    return {**read_warning(message.render(), fix.render()), "text": message, "fix_text": fix}


@dataclass(frozen=True)
class Listed:
    """Items (names, or `Text`) written one after another when the sentence holding them is
    written: 'a, b' in English, 'a、b' in Chinese."""
    items: tuple

    def __str__(self) -> str:
        return t("common.list.separator").join(str(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def listed(items) -> Listed:
    return Listed(tuple(items))


def line_suffix(line: int) -> Text:
    """' line 12' after a file name (' 第 12 行')."""
    return Text("reading.where.suffix_line", {"number": str(line)})


def megabytes(size: float) -> str:
    return f"{size / 1e6:.0f}"


def too_many_rows(name: str, count: int | Text) -> UserError:
    """`count` says how many were found: a number, or a Text such as rows_count("more")."""
    return refusal("too_many_rows", name=name, limit=MAX_ROWS, count=count)


def rows_count(what: str, count: int | None = None) -> Text:
    """'and more', 'sentences, and more', '2,000,001 lines', '2,000,001 records'."""
    return Text(f"reading.rows_count.{what}", {} if count is None else {"count": count})


def too_many_columns(name: str, count: int, where: Text | str = "",
                     detail: Text | str = "") -> UserError:
    return refusal("too_many_columns", name=name, where=where, count=count, detail=detail,
                   limit=MAX_COLUMNS)


def too_many_cells(name: str) -> UserError:
    return refusal("too_many_cells", name=name, limit=MAX_CELLS)


def too_deep(name: str, where: Text | str = "") -> UserError:
    return refusal("too_deep", name=name, where=where, limit=MAX_NESTING)


def too_long_number(name: str, digits: int, where: Text | str = "") -> UserError:
    return refusal("too_long_number", name=name, where=where, digits=digits,
                   limit=MAX_NUMBER_DIGITS)


def too_large_unpacked(name: str, size: int) -> UserError:
    return refusal("too_large_unpacked", name=name, size=megabytes(size),
                   limit=megabytes(MAX_UNPACKED_BYTES))
