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
from core.data.limits import line_suffix, listed, refusal, rows_count
from core.errors import UserError
from core.text import Text, t

TABLE_EXTENSIONS = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".json", ".jsonl",
                    ".ndjson", ".parquet", ".pq")


def read_table(path, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in TABLE_EXTENSIONS:
        raise UserError(Text("reading.unsupported.message",
                             {"name": path.name, "extension": ext or Text("reading.no_extension")}),
                        _unsupported_fix(ext))
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


def _unsupported_fix(ext: str) -> Text:
    if ext == ".xls":
        return Text("reading.unsupported.fix_xls")
    if ext in (".conll", ".bio", ".iob", ".iobes", ".bioes"):
        return Text("reading.unsupported.fix_tagged")
    return Text("reading.unsupported.fix")


def _read_txt(text: str, name: str) -> pd.DataFrame:
    check_line_breaks(text, name)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise refusal("empty", "empty_examples", name=name)
    if len(lines) > limits.MAX_ROWS:
        raise limits.too_many_rows(name, rows_count("lines", len(lines)))
    # A .txt whose every line has the same number of tabs is a TSV saved under another name.
    sample = lines[:200]
    tabs = {line.count("\t") for line in sample}
    if len(tabs) == 1 and tabs.pop() > 0:
        return parse_delimited(text, name, "\t")
    frame = pd.DataFrame({"text": lines}, dtype=str)
    frame.attrs["notes"] = [t("reading.one_per_line.note", name=name)]
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


def parse_json(text: str, name: str, where: Text | str = "") -> Any:
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
        raise refusal("bad_json", name=name, problem=exc.msg, line=str(exc.lineno),
                      column=str(exc.colno)) from None
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
        raise refusal("one_object", name=name, keys=listed(list(data)[:8]))
    raise refusal("one_value", name=name)


def _bounded(records: list, name: str) -> list:
    if len(records) > limits.MAX_ROWS:
        raise limits.too_many_rows(name, rows_count("records", len(records)))
    return records


def jsonl_records(text: str, name: str) -> list[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(records) >= limits.MAX_ROWS:
            raise limits.too_many_rows(name, rows_count("more"))
        try:
            records.append((number, parse_json(line, name, line_suffix(number))))
        except json.JSONDecodeError as exc:
            raise refusal("bad_json_line", name=name, line=str(number), problem=exc.msg,
                          column=str(exc.colno)) from None
    if not records:
        raise refusal("empty", "empty_examples", name=name)
    return records


def records_frame(records: list, name: str) -> pd.DataFrame:
    if not records:
        raise refusal("empty_list", "empty_examples", name=name)
    if all(isinstance(r, str) for r in records):
        return pd.DataFrame({"text": records}, dtype=str)
    columns: set[str] = set()
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise refusal("not_object", name=name, record=str(number), kind=_kind(record))
        columns.update(record)
        if len(columns) > limits.MAX_COLUMNS:  # checked as we go: a frame this wide is slow
            raise limits.too_many_columns(name, len(columns), detail=Text(
                "reading.where.records_detail", {"number": str(number)}))
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


def _kind(value: Any) -> Text:
    kinds = {list: "list", int: "number", float: "number", bool: "boolean", type(None): "null"}
    kind = kinds.get(type(value))
    return Text(f"reading.kind.{kind}") if kind else Text("reading.kind.other",
                                                          {"type": type(value).__name__})


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        _check_parquet_size(path)
        frame = pd.read_parquet(path)
    except UserError:
        raise
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a bad file
        raise refusal("bad_parquet", name=path.name, problem=type(exc).__name__) from None
    if frame.empty:
        raise refusal("no_rows", "empty_examples", name=path.name)
    return texts_frame(frame.reset_index(drop=True))


def _check_parquet_size(path: Path) -> None:
    """Rows, columns and unpacked size from the file's footer, before any page is decoded."""
    import pyarrow.parquet as pq  # lazy: loads pyarrow.parquet, which only Parquet files need

    meta = pq.ParquetFile(path).metadata
    if meta.num_columns > limits.MAX_COLUMNS:
        raise limits.too_many_columns(path.name, meta.num_columns)
    if meta.num_rows > limits.MAX_ROWS:
        raise limits.too_many_rows(path.name, meta.num_rows)
    if meta.num_rows * meta.num_columns > limits.MAX_CELLS:
        raise limits.too_many_cells(path.name)
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if unpacked > limits.MAX_UNPACKED_BYTES:
        raise limits.too_large_unpacked(path.name, unpacked)
