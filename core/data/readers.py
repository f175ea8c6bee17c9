"""`read_table`: any supported tabular file -> a DataFrame of strings.

Every value is a string exactly as written (so labels "01" and "1" stay distinct and no text
becomes NaN); missing cells are "". Notes for the user (sheet used, no header) go in
`frame.attrs["notes"]`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from core.data.delimited import check_line_breaks, parse_delimited
from core.data.encoding import DEFAULT_MAX_BYTES, check_size, read_text
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
    text = text.lstrip("\ufeff")
    if ext == ".json":
        frame = records_frame(_json_records(text, path.name), path.name)
    elif ext in (".jsonl", ".ndjson"):
        frame = records_frame([r for _, r in jsonl_records(text, path.name)], path.name)
    elif ext == ".txt":
        frame = _read_txt(text, path.name)
    else:
        frame = parse_delimited(text, path.name, "," if ext == ".csv" else "\t")
    frame.attrs["encoding"] = encoding
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
    # A .txt whose every line has the same number of tabs is a TSV saved under another name.
    sample = lines[:200]
    tabs = {line.count("\t") for line in sample}
    if len(tabs) == 1 and tabs.pop() > 0:
        return parse_delimited(text, name, "\t")
    frame = pd.DataFrame({"text": lines}, dtype=str)
    frame.attrs["notes"] = [f"{name} was read as one text per line."]
    return frame


def _json_records(text: str, name: str) -> list:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                        f"column {exc.colno}.",
                        "Fix the file at that place, or save it again from the program that "
                        "made it.") from None
    return unwrap_json(data, name)


def unwrap_json(data: Any, name: str) -> list:
    """A list of records, also from an object holding exactly one list (like {"data": [...]})."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        if "data" in lists:
            return lists["data"]
        if len(lists) == 1:
            return next(iter(lists.values()))
        keys = ", ".join(list(data)[:8])
        raise UserError(f"{name} holds one JSON object (keys: {keys}), not a list of examples.",
                        "Write the examples as a JSON list of objects, e.g. "
                        '[{"text": "...", "label": "..."}], or use JSON Lines.')
    raise UserError(f"{name} holds a single JSON value, not a list of examples.",
                    "Write the examples as a JSON list of objects, e.g. "
                    '[{"text": "...", "label": "..."}].')


def jsonl_records(text: str, name: str) -> list[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
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
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UserError(f"{name} record {number} is {_kind(record)}, not an object with "
                            f"named fields.",
                            'Make every record an object such as {"text": "...", "label": "..."}.')
    frame = pd.DataFrame.from_records(records)
    frame = frame.apply(lambda column: column.map(as_text)).astype(str)
    frame.columns = [str(c) for c in frame.columns]
    return frame


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
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a bad file
        raise UserError(f"{path.name} could not be read as a Parquet file ({type(exc).__name__}).",
                        "Save the data again as Parquet, or export it as CSV.") from None
    if frame.empty:
        raise UserError(f"{path.name} has no rows.", "Choose a file that contains your examples.")
    frame = frame.apply(lambda column: column.map(as_text)).astype(str)
    frame.columns = [str(c) for c in frame.columns]
    return frame.reset_index(drop=True)
