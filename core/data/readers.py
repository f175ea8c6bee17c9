"""`read_table`: any supported tabular file -> a DataFrame of strings.

Every value is a string exactly as written (so labels "01" and "1" stay distinct and no text
becomes NaN); missing cells are "". Notes for the user (sheet used, no header) go in
`frame.attrs["notes"]`, things worth a warning (repeated column names, NUL bytes) in
`frame.attrs["warnings"]`, and columns that held objects or lists in `frame.attrs["structured"]`.
Every reader holds to the limits of `core.data.limits`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.data import limits
from core.data.delimited import check_line_breaks, parse_delimited
from core.data.encoding import DEFAULT_MAX_BYTES, check_size, read_text, without_nul
from core.data.excel import read_excel
from core.errors import UserError

TABLE_EXTENSIONS = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".json", ".jsonl",
                    ".ndjson", ".parquet", ".pq")
_FORMATS = "CSV, TSV, TXT, Excel (.xlsx), JSON, JSONL or Parquet"


def read_table(path, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in TABLE_EXTENSIONS:
        raise UserError(f"{path.name} has the extension '{ext or '(none)'}', which is not a "
                        f"supported table format.", _unsupported_fix(ext))
    check_size(path, max_bytes)
    if ext in (".xlsx", ".xlsm"):
        return read_excel(path, max_uncompressed=max_bytes)
    if ext in (".parquet", ".pq"):
        return _read_parquet(path)
    text, encoding = read_text(path, max_bytes)
    text, warnings = without_nul(text.lstrip("\ufeff"), path.name)
    if ext == ".json":
        frame = records_frame(_json_records(text, path.name), path.name)
    elif ext in (".jsonl", ".ndjson"):
        frame = records_frame([r for _, r in jsonl_records(text, path.name)], path.name)
    elif ext == ".txt":
        frame = _read_txt(text, path.name)
    else:
        frame = parse_delimited(text, path.name, "," if ext == ".csv" else "\t")
    frame.attrs["encoding"] = encoding
    frame.attrs["warnings"] = frame.attrs.get("warnings", []) + warnings
    return frame


def _unsupported_fix(ext: str) -> str:
    if ext == ".xls":
        return "Open it in Excel and save it as .xlsx (Excel Workbook) or as CSV."
    if ext in (".conll", ".bio", ".iob", ".iobes", ".bioes"):
        return "This looks like entity-recognition data: choose the token classification task."
    return f"Save the data as {_FORMATS}."


def _read_txt(text: str, name: str) -> pd.DataFrame:
    check_line_breaks(text, name)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise UserError(f"{name} is empty.", "Choose a file that contains your examples.")
    if len(lines) > limits.MAX_ROWS:
        raise limits.too_many_rows(name, f"{len(lines):,} lines")
    # A .txt whose every line has the same number of tabs is a TSV saved under another name.
    sample = lines[:200]
    tabs = {line.count("\t") for line in sample}
    if len(tabs) == 1 and tabs.pop() > 0:
        return parse_delimited(text, name, "\t")
    frame = pd.DataFrame({"text": lines}, dtype=str)
    frame.attrs["notes"] = [f"{name} was read as one text per line."]
    return frame


class _LongNumber(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _whole_number(digits: str) -> int:
    # Python refuses to convert more than 4,300 digits with a ValueError of its own, and a few
    # thousand digits already take time: refuse them with the limit named.
    length = len(digits) - digits.startswith("-")
    if length > limits.MAX_NUMBER_DIGITS:
        raise _LongNumber(length)
    return int(digits)


def parse_json(text: str, name: str, where: str = "") -> Any:
    """`json.loads` within the nesting and number limits; a JSONDecodeError is left to the
    caller, which knows how to point at the line."""
    try:
        data = json.loads(text, parse_int=_whole_number)
    except _LongNumber as exc:
        raise limits.too_long_number(name, exc.digits, where) from None
    except RecursionError:  # the parser's own depth limit, deeper than ours
        raise limits.too_deep(name, where) from None
    if _deeper_than(data, limits.MAX_NESTING):
        raise limits.too_deep(name, where)
    return data


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether lists/objects nest more than `limit` levels (walked without recursion)."""
    stack = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, (list, dict)))
    return False


def _json_records(text: str, name: str) -> list:
    try:
        data = parse_json(text, name)
    except json.JSONDecodeError as exc:
        raise UserError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                        f"column {exc.colno}.",
                        "Fix the file at that place, or save it again from the program that "
                        "made it.") from None
    return unwrap_json(data, name)


def unwrap_json(data: Any, name: str) -> list:
    """A list of records, also from an object holding exactly one list (like {"data": [...]})."""
    if isinstance(data, list):
        return _bounded(data, name)
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        if "data" in lists:
            return _bounded(lists["data"], name)
        if len(lists) == 1:
            return _bounded(next(iter(lists.values())), name)
        keys = ", ".join(list(data)[:8])
        raise UserError(f"{name} holds one JSON object (keys: {keys}), not a list of examples.",
                        "Write the examples as a JSON list of objects, e.g. "
                        '[{"text": "...", "label": "..."}], or use JSON Lines.')
    raise UserError(f"{name} holds a single JSON value, not a list of examples.",
                    "Write the examples as a JSON list of objects, e.g. "
                    '[{"text": "...", "label": "..."}].')


def _bounded(records: list, name: str) -> list:
    if len(records) > limits.MAX_ROWS:
        raise limits.too_many_rows(name, f"{len(records):,} records")
    return records


def jsonl_records(text: str, name: str) -> list[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(records) >= limits.MAX_ROWS:
            raise limits.too_many_rows(name, "and more")
        try:
            records.append((number, parse_json(line, name, f" line {number}")))
        except json.JSONDecodeError as exc:
            raise UserError(f"{name} line {number} is not valid JSON: {exc.msg} "
                            f"(column {exc.colno}).",
                            "Fix or delete that line; each line must be one complete JSON "
                            "object.") from None
    if not records:
        raise UserError(f"{name} is empty.", "Choose a file that contains your examples.")
    return records


def records_frame(records: list, name: str) -> pd.DataFrame:
    if not records:
        raise UserError(f"{name} holds an empty list, with no examples.",
                        "Choose a file that contains your examples.")
    if all(isinstance(r, str) for r in records):
        return pd.DataFrame({"text": records}, dtype=str)
    columns: set[str] = set()
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UserError(f"{name} record {number} is {_kind(record)}, not an object with "
                            f"named fields.",
                            'Make every record an object such as {"text": "...", "label": "..."}.')
        columns.update(record)
        if len(columns) > limits.MAX_COLUMNS:  # checked as we go: a frame this wide is slow
            raise limits.too_many_columns(name, len(columns), detail=f" (different fields "
                                          f"in records 1 to {number})")
    if len(records) * len(columns) > limits.MAX_CELLS:
        raise limits.too_many_cells(name)
    return texts_frame(pd.DataFrame.from_records(records))


def texts_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every value as text. Columns holding objects or lists are recorded in
    `attrs["structured"]` (column -> [how many, first row]): read as text, such a value is its
    JSON spelling, which is worth a warning when the column is used as the text."""
    texts, structured = {}, {}
    for column in frame.columns:
        values = frame[column].tolist()
        nested = [i for i, v in enumerate(values) if isinstance(v, _STRUCTURED)]
        if nested:
            structured[str(column)] = [len(nested), nested[0] + 1]
        texts[str(column)] = [as_text(v) for v in values]
    result = pd.DataFrame(texts, dtype=str)
    result.attrs["structured"] = structured
    return result


_STRUCTURED = (list, dict, tuple, np.ndarray)


def as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (bool, list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "tolist"):  # numpy arrays and scalars from Parquet
        return as_text(value.tolist())
    return str(value)


def _kind(value: Any) -> str:
    return {list: "a list", int: "a number", float: "a number", bool: "true/false",
            type(None): "null"}.get(type(value), type(value).__name__)


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        _check_parquet_size(path)
        frame = pd.read_parquet(path)
    except UserError:
        raise
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a bad file
        raise UserError(f"{path.name} could not be read as a Parquet file ({type(exc).__name__}).",
                        "Save the data again as Parquet, or export it as CSV.") from None
    if frame.empty:
        raise UserError(f"{path.name} has no rows.", "Choose a file that contains your examples.")
    return texts_frame(frame.reset_index(drop=True))


def _check_parquet_size(path: Path) -> None:
    """Rows, columns and unpacked size from the file's footer, before any page is decoded."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    if meta.num_columns > limits.MAX_COLUMNS:
        raise limits.too_many_columns(path.name, meta.num_columns)
    if meta.num_rows > limits.MAX_ROWS:
        raise limits.too_many_rows(path.name, f"{meta.num_rows:,}")
    if meta.num_rows * meta.num_columns > limits.MAX_CELLS:
        raise limits.too_many_cells(path.name)
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if unpacked > limits.MAX_UNPACKED_BYTES:
        raise limits.too_large_unpacked(path.name, unpacked)
