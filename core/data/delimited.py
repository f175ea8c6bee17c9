"""CSV / TSV / delimited text: delimiter sniffing, header detection, ragged-row checks.

We parse with the `csv` module rather than `pandas.read_csv` because it tells us the exact
source line of every row, which is what a user needs to find a broken row in a big file.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter

import pandas as pd

from core.data import limits
from core.data.limits import line_suffix, listed, notice, refusal
from core.errors import UserError
from core.text import Text, t
from core.workspace.csv_safe import restore_frame

_DELIMITERS = (",", "\t", ";", "|")
_NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
_SNIFF_LINES = 200
_LONGEST_SINGLE_LINE = 100_000  # characters; a header line alone is never this long
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long texts (whole documents) are legitimate


def parse_delimited(text: str, name: str, default_delimiter: str) -> pd.DataFrame:
    check_line_breaks(text, name)
    delimiter = sniff_delimiter(text, default_delimiter)
    try:
        rows, lines = _parse(text, delimiter, csv.QUOTE_MINIMAL, name)
    except UserError:
        if delimiter != "\t":
            raise
        # TSV files often hold raw quote characters inside texts that were never meant as quoting.
        rows, lines = _parse(text, delimiter, csv.QUOTE_NONE, name)
    return _to_frame(rows, lines, name)


def check_line_breaks(text: str, name: str) -> None:
    """A long file without a single line break holds no rows: say so instead of reading one
    enormous header (a file joined into one line, or saved with the wrong line endings)."""
    if len(text) > _LONGEST_SINGLE_LINE and "\n" not in text and "\r" not in text:
        raise refusal("single_line", name=name, millions=f"{len(text) / 1e6:.1f}")


def sniff_delimiter(text: str, default: str) -> str:
    sample = "\n".join(text[:65536].splitlines()[:_SNIFF_LINES])
    order = [default]
    try:
        order.append(csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter)
    except csv.Error:
        pass
    order += [d for d in _DELIMITERS if d not in order]
    for delimiter in order:
        widths = _widths(sample, delimiter)
        if len(widths) >= 1 and min(widths) == max(widths) > 1:
            return delimiter
    return default


def _widths(sample: str, delimiter: str) -> list[int]:
    rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
    return [len(r) for r in rows[:-1] or rows]  # the last sampled line may be cut off


def _parse(text: str, delimiter: str, quoting: int, name: str) -> tuple[list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting,
                        strict=quoting != csv.QUOTE_NONE)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    budget = _RowBudget(name)
    try:
        for row in reader:
            if row and (len(row) > 1 or row[0].strip()):  # skip blank lines only
                budget.add(len(row), start)
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise refusal("csv_format", name=name, line=str(reader.line_num),
                      problem=str(exc)) from None
    if not rows:
        raise refusal("empty", name=name)
    width = len(rows[0])
    for row, line in zip(rows, lines):
        if len(row) != width:
            raise refusal("ragged", name=name, line=str(line), count=len(row), width=width,
                          separator=_describe(delimiter))
    return rows, lines


def _to_frame(rows: list[list[str]], lines: list[int], name: str) -> pd.DataFrame:
    if has_header(rows):
        header, body = rows[0], rows[1:]
        if not body:
            raise refusal("header_only", name=name)
        columns = unique_names(header)
        notes = []
        warnings = repeated_names_warning(header, name)
    else:
        body = rows
        columns = [f"column_{i + 1}" for i in range(len(rows[0]))]
        warnings = []
        notes = [t("reading.no_header.note", name=name, columns=listed(columns))]
    # a CSV this app wrote marks formula-like cells with an apostrophe (core/workspace/csv_safe.py)
    frame = restore_frame(pd.DataFrame(body, columns=columns, dtype=str))
    frame.attrs["notes"] = notes
    frame.attrs["warnings"] = warnings
    return frame


def has_header(rows: list[list[str]]) -> bool:
    """A first row that reads like data (a sentence, or a number above a numeric column) is data."""
    first, body = rows[0], rows[1:201]
    if len(rows) == 1:
        return True
    for i, cell in enumerate(first):
        if len(cell) > 60 or len(cell.split()) > 6:
            return False
        column = [r[i] for r in body if i < len(r) and r[i].strip()]
        numeric = column and sum(bool(_NUMBER.match(v)) for v in column) >= 0.9 * len(column)
        if numeric and _NUMBER.match(cell):
            return False
    return True


def unique_names(header: list[str]) -> list[str]:
    """Column names made unique by numbering repeats (text, text_2, text_3...), in linear time:
    thousands of equal names must not cost a search through every earlier name for each."""
    names: list[str] = []
    taken: set[str] = set()
    next_number: dict[str, int] = {}
    for i, raw in enumerate(header):
        base = raw.strip().lstrip("\ufeff") or f"column_{i + 1}"
        name, n = base, next_number.get(base, 2)
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        next_number[base] = n
        taken.add(name)
        names.append(name)
    return names


def repeated_names_warning(header: list[str], name: str) -> list[dict]:
    """A warning when two columns share a name: one of them was renamed, so a column chosen
    by name may not be the one the user meant."""
    counts = Counter(cell.strip().lstrip("\ufeff") for cell in header)
    repeated = [(column, n) for column, n in counts.items() if column and n > 1]
    if not repeated:
        return []
    shown = listed(Text("reading.repeated_names.item", {"column": column, "count": n})
                   for column, n in repeated[:5])
    return [notice("repeated_names", name=name, shown=shown, example=f"{repeated[0][0]}_2")]


class _RowBudget:
    """Counts rows and cells as they are read and refuses a file as soon as it passes a limit,
    before the rest of it is parsed."""

    def __init__(self, name: str) -> None:
        self.name, self.rows, self.cells = name, 0, 0

    def add(self, width: int, line: int) -> None:
        self.rows += 1
        self.cells += width
        if width > limits.MAX_COLUMNS:
            raise limits.too_many_columns(self.name, width, line_suffix(line))
        if self.rows > limits.MAX_ROWS:
            raise limits.too_many_rows(self.name, limits.rows_count("more"))
        if self.cells > limits.MAX_CELLS:
            raise limits.too_many_cells(self.name)


def _describe(delimiter: str) -> Text | str:
    names = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
    return Text(f"reading.separator.{names[delimiter]}") if delimiter in names else repr(delimiter)
