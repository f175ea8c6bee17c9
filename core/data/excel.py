"""Excel (.xlsx) reading with guards against zip bombs and sheets that lie about their size.

An .xlsx file is a zip archive; a small upload can expand to gigabytes. We add up the declared
uncompressed sizes before openpyxl touches it, and read in read-only (streaming) mode. In that
mode openpyxl trusts the sheet's declared range (`<dimension ref="A1:XFD1048576"/>` makes it pad
every row to 16,384 cells); we drop the declared range and count rows and cells as they come.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pandas as pd

from core.data import limits
from core.data.delimited import repeated_names_warning, unique_names
from core.data.limits import listed, megabytes, refusal, rows_count
from core.errors import UserError
from core.text import t

MAX_UNCOMPRESSED = limits.MAX_UNPACKED_BYTES


def read_excel(path: Path, max_uncompressed: int = MAX_UNCOMPRESSED) -> pd.DataFrame:
    name = path.name
    _check_archive(path, max_uncompressed)
    import openpyxl  # lazy: loads openpyxl, which only Excel files need

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise _unreadable(name, exc) from None
    formulas = None  # the first sheet that seems empty only because its formulas have no results
    try:
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet, name)
            if len(rows) < 2 and _formulas_without_values(path, sheet):
                if rows:
                    raise _formulas_error(name, sheet.title)
                formulas = formulas or sheet.title
            if rows:
                rows, skipped = _without_title_rows(rows, path, sheet)
                frame = _frame(rows, sheet.title, name, len(book.worksheets))
                if skipped:
                    frame.attrs["notes"].append(t(
                        "reading.excel_title_rows.note", rows=listed(map(str, skipped)),
                        sheet=sheet.title, header=str(rows[0][0])))
                return frame
    except UserError:
        raise
    except Exception as exc:
        raise _unreadable(name, exc) from None
    finally:
        book.close()
    if formulas:
        raise _formulas_error(name, formulas)
    raise refusal("excel_empty", name=name)


def _unreadable(name: str, exc: Exception) -> UserError:
    return refusal("excel_unreadable", name=name, problem=type(exc).__name__)


def _check_archive(path: Path, limit: int) -> None:
    name = path.name
    if not zipfile.is_zipfile(path):
        raise refusal("excel_invalid", name=name)
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise refusal("excel_damaged", "excel_resave", name=name, problem=str(exc)) from None
    if total > limit:
        raise refusal("too_large_unpacked", "excel_too_large", name=name, size=megabytes(total),
                      limit=megabytes(limit))


def _sheet_rows(sheet, name: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of every row with a filled cell, within the row and cell limits."""
    sheet.reset_dimensions()  # rows then hold only the cells the file has, not a padded range
    rows: list[tuple[int, list[str]]] = []
    cells_read = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > limits.MAX_SHEET_ROWS:
            raise refusal("excel_rows_past_end", "excel_resave", name=name, sheet=sheet.title,
                          limit=limits.MAX_SHEET_ROWS)
        if not values:  # a row the file skips: openpyxl yields it empty, at no cost
            continue
        cells_read += len(values)
        if cells_read > limits.MAX_CELLS:
            raise refusal("excel_cells", name=name, sheet=sheet.title, limit=limits.MAX_CELLS)
        cells = [_cell(v) for v in values[:limits.MAX_COLUMNS]]
        if len(values) > limits.MAX_COLUMNS and any(v is not None for v in
                                                    values[limits.MAX_COLUMNS:]):
            raise _beyond_last_column(name, sheet.title, number, values)
        if any(c.strip() for c in cells):
            rows.append((number, cells))
            if len(rows) > limits.MAX_ROWS:
                raise limits.too_many_rows(name, rows_count("more"))
    return rows


def _beyond_last_column(name: str, title: str, row: int, values: tuple) -> UserError:
    from openpyxl.utils import get_column_letter  # lazy: loads openpyxl

    last = max(i for i, v in enumerate(values) if v is not None) + 1
    return refusal("excel_far_cell", name=name, sheet=title,
                   cell=f"{get_column_letter(last)}{row}", limit=limits.MAX_COLUMNS)


def _formulas_without_values(path: Path, sheet) -> bool:
    """Whether the sheet has formula cells with no saved result: openpyxl reads them as empty.
    Files written by scripts (not by Excel or LibreOffice) often have no saved results."""
    member = getattr(sheet, "_worksheet_path", "")
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as handle:
            for _, element in ElementTree.iterparse(handle):
                if element.tag.endswith("}c"):
                    tags = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                    value = tags.get("v")
                    if "f" in tags and (value is None or not (value.text or "").strip()):
                        return True
                    element.clear()
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return False
    return False


def _formulas_error(name: str, title: str) -> UserError:
    return refusal("excel_formulas", name=name, sheet=title)


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
        raise refusal("excel_header_only", "header_only", name=name, sheet=title,
                      row=str(header_row))
    frame = pd.DataFrame(body, columns=unique_names(header), dtype=str)
    note = "reading.excel_first_sheet.note" if n_sheets > 1 else "reading.excel_sheet.note"
    frame.attrs["warnings"] = repeated_names_warning(header, name)
    frame.attrs["sheet"] = title
    frame.attrs["notes"] = [t(note, sheet=title, name=name)]
    return frame
