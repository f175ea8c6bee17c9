"""Excel (.xlsx) reading with a guard against zip bombs.

An .xlsx file is a zip archive; a small upload can expand to gigabytes. We add up the declared
uncompressed sizes before openpyxl touches it, and read in read-only (streaming) mode.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd

from core.data.delimited import unique_names
from core.errors import UserError

MAX_UNCOMPRESSED = 200 * 1024 * 1024


def read_excel(path: Path, max_uncompressed: int = MAX_UNCOMPRESSED) -> pd.DataFrame:
    name = path.name
    _check_archive(path, max_uncompressed)
    import openpyxl  # imported here: only Excel users pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise _unreadable(name, exc) from None
    try:
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet, name)
            if rows:
                rows, skipped = _without_title_rows(rows, path, sheet)
                frame = _frame(rows, sheet.title, name, len(book.worksheets))
                if skipped:
                    frame.attrs["notes"].append(
                        f"Row {', '.join(map(str, skipped))} of sheet '{sheet.title}' is a title "
                        f"in merged cells, not the header; the header is row {rows[0][0]}.")
                return frame
    except UserError:
        raise
    except Exception as exc:
        raise _unreadable(name, exc) from None
    finally:
        book.close()
    raise UserError(f"{name} has no data in any of its sheets.",
                    "Put a header row and your examples in the first sheet.")


def _unreadable(name: str, exc: Exception) -> UserError:
    return UserError(f"{name} could not be read as an Excel workbook ({type(exc).__name__}).",
                     "Open it in Excel and save it again as .xlsx, or export it as CSV.")


def _check_archive(path: Path, limit: int) -> None:
    name = path.name
    if not zipfile.is_zipfile(path):
        raise UserError(f"{name} is not a valid Excel (.xlsx) file.",
                        "Open it in Excel and save it as .xlsx, or export it as CSV.")
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{name} is a damaged Excel file ({exc}).",
                        "Open it in Excel and save it again, or export it as CSV.") from None
    if total > limit:
        raise UserError(
            f"{name} expands to {total / 1e6:.0f} MB when unpacked, more than the limit of "
            f"{limit / 1e6:.0f} MB.",
            "Save the data as CSV, or split it into smaller workbooks.")


def _sheet_rows(sheet, name: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if any(c.strip() for c in cells):
            rows.append((number, cells))
    return rows


def _without_title_rows(rows: list[tuple[int, list[str]]], path: Path,
                        sheet) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """Drop title rows above the header: one filled cell merged across several columns."""
    skipped: list[int] = []
    merged: set[int] | None = None
    while len(rows) > 1 and len(skipped) < 3:
        number, cells = rows[0]
        if sum(bool(c.strip()) for c in cells) != 1 or \
                sum(bool(c.strip()) for c in rows[1][1]) < 2:
            break
        if merged is None:  # read only when needed: it means a second pass over the sheet
            merged = _rows_with_wide_merges(path, getattr(sheet, "_worksheet_path", ""))
        if number not in merged:
            break
        skipped.append(number)
        rows = rows[1:]
    return rows, skipped


def _rows_with_wide_merges(path: Path, member: str) -> set[int]:
    """Rows where a merged cell range starts and spans more than one column."""
    import re
    import xml.etree.ElementTree as ElementTree

    found: set[int] = set()
    reference = re.compile(r"^([A-Z]+)(\d+):([A-Z]+)(\d+)$")
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as handle:
            for _, element in ElementTree.iterparse(handle):
                if element.tag.endswith("}mergeCell"):
                    match = reference.match(element.get("ref", ""))
                    if match and match.group(1) != match.group(3):
                        found.add(int(match.group(2)))
                element.clear()
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
    return found


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 1 as 1.0; the user typed 1
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _frame(rows: list[tuple[int, list[str]]], title: str, name: str, n_sheets: int) -> pd.DataFrame:
    width = max(max((i + 1 for i, c in enumerate(cells) if c.strip()), default=0)
                for _, cells in rows)
    header_row, header = rows[0][0], [c for c in rows[0][1][:width]]
    header += [""] * (width - len(header))
    body = [cells[:width] + [""] * (width - len(cells)) for _, cells in rows[1:]]
    if not body:
        raise UserError(f"{name} sheet '{title}' has a header row (row {header_row}) but no "
                        f"data rows.",
                        "Add your labeled examples below the header.")
    frame = pd.DataFrame(body, columns=unique_names(header), dtype=str)
    note = f"Read sheet '{title}' of {name}"
    frame.attrs["sheet"] = title
    frame.attrs["notes"] = [note + (" (the first sheet with data)." if n_sheets > 1 else ".")]
    return frame
