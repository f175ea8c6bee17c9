"""CSV / TSV / delimited text: delimiter sniffing, header detection, ragged-row checks.

We parse with the `csv` module rather than `pandas.read_csv` because it tells us the exact
source line of every row, which is what a user needs to find a broken row in a big file.
"""

from __future__ import annotations

import csv
import io
import re
import sys

import pandas as pd

from core.csv_safe import restore_frame
from core.errors import UserError

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
        raise UserError(f"{name} is a single line of {len(text) / 1e6:.1f} million characters, "
                        f"with no line breaks.",
                        "Put one example per line under a header line (save it as CSV from a "
                        "spreadsheet), or check that the file was not joined into one line.")


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
    try:
        for row in reader:
            if row and (len(row) > 1 or row[0].strip()):  # skip blank lines only
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"{name} has a formatting problem near line {reader.line_num}: {exc}.",
                        "Check the quotes on that line: a text containing the delimiter "
                        "or a quote must be wrapped in double quotes.") from None
    if not rows:
        raise UserError(f"{name} is empty.", "Choose a file that contains your labeled examples.")
    width = len(rows[0])
    for row, line in zip(rows, lines):
        if len(row) != width:
            raise UserError(
                f"{name} line {line} has {len(row)} fields but the first row has {width} "
                f"(separator {_describe(delimiter)}).",
                "Fix that line: wrap texts that contain the separator in double quotes, "
                "or remove the extra or missing fields.")
    return rows, lines


def _to_frame(rows: list[list[str]], lines: list[int], name: str) -> pd.DataFrame:
    if has_header(rows):
        header, body = rows[0], rows[1:]
        if not body:
            raise UserError(f"{name} has a header row but no data rows.",
                            "Add your labeled examples below the header.")
        columns = unique_names(header)
        notes = []
    else:
        body = rows
        columns = [f"column_{i + 1}" for i in range(len(rows[0]))]
        notes = [f"{name} has no header row, so its columns were named "
                 f"{', '.join(columns)}."]
    # a CSV this app wrote marks formula-like cells with an apostrophe (core/csv_safe.py)
    frame = restore_frame(pd.DataFrame(body, columns=columns, dtype=str))
    frame.attrs["notes"] = notes
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
    names: list[str] = []
    for i, raw in enumerate(header):
        base = raw.strip().lstrip("\ufeff") or f"column_{i + 1}"
        name, n = base, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names


def _describe(delimiter: str) -> str:
    names = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
    return names.get(delimiter, repr(delimiter))
