"""The one way the app writes CSV: no cell can run as a spreadsheet formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula (CSV injection: `=HYPERLINK(...)` in a text someone uploaded would
become a link in whoever opens the download). As OWASP advises, such a cell gets a leading
apostrophe, which spreadsheets treat as "this is text"; that includes text such as "-1" (numbers
held as numbers, like a confidence of 0.93, are written as they are).

The app's own CSV reader takes the apostrophe off again (`restore_cell`), so a file the app
wrote reads back exactly as it was: a label "-1" is "-1" again, a text "=1+2" is "=1+2".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_MARKED = re.compile(r"'[=+\-@\t\r]")  # what neutralise_cell leaves at the start of a cell


def neutralise_cell(value: Any) -> Any:
    """The value, with a leading apostrophe when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """What neutralise_cell was given: the apostrophe in front of a formula-like cell removed."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class SafeWriter:
    """csv.writer whose rows are neutralised cell by cell."""

    def __init__(self, handle: Any, **fmt: Any) -> None:
        self._writer = csv.writer(handle, **fmt)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: Any, **fmt: Any) -> SafeWriter:
    return SafeWriter(handle, **fmt)


def rows_bytes(rows: Iterable[Sequence[Any]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _frame_rows(frame: Any, index: bool) -> list[list[Any]]:
    import pandas as pd  # lazy: loads pandas; only callers holding a DataFrame need it

    def cell(value: Any) -> Any:  # missing values are empty cells, as DataFrame.to_csv writes
        return "" if pd.api.types.is_scalar(value) and pd.isna(value) else value

    header = ([frame.index.name or ""] if index else []) + [str(c) for c in frame.columns]
    body = [[cell(v) for v in ([label] if index else []) + list(row)]
            for label, row in zip(frame.index, frame.itertuples(index=False))]
    return [header] + body


def frame_bytes(frame: Any, index: bool = False, encoding: str = "utf-8") -> bytes:
    """A pandas DataFrame as neutralised CSV bytes (what DataFrame.to_csv would give, safe)."""
    return rows_bytes(_frame_rows(frame, index), encoding)


def write_frame(frame: Any, path: Path | str, index: bool = False) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer(handle).writerows(_frame_rows(frame, index))


def restore_frame(frame: Any) -> Any:
    """restore_cell on every text cell and column name of a frame read from CSV (in place)."""
    import pandas as pd  # lazy: loads pandas
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            marked = values.astype("str").str.match(_MARKED.pattern, na=False)
            if marked.any():
                frame.loc[marked, column] = values[marked].str[1:]
    names = [restore_cell(str(c)) for c in frame.columns]
    if len(set(names)) == len(names):  # never let two columns end up with one name
        frame.columns = names
    return frame
