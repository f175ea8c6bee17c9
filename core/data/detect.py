"""`detect_task`: does a file hold labeled texts, tagged tokens or questions with answers?
Decided from a small sample (a JSON file's start, a table's header)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from core.data.encoding import decode
from core.data.excel import MAX_UNCOMPRESSED, _check_archive
from core.data.squad import looks_like_label_studio_qa, looks_like_qa_header, looks_like_squad
from core.errors import UserError
from core.tasks import QUESTION_ANSWERING, TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION

_TAGGED_EXTENSIONS = (".conll", ".bio", ".iob", ".iobes", ".bioes", ".bilou", ".ner", ".conllu")
_TAG = re.compile(r"^(O|[BIESLU][-_]\S+)$")
_HEAD_BYTES = 256 * 1024


def detect_task(path) -> str:
    path = Path(path)
    ext = path.suffix.lower()
    if ext in _TAGGED_EXTENSIONS:
        return TOKEN_CLASSIFICATION
    if ext in (".xlsx", ".xlsm", ".parquet", ".pq"):
        return QUESTION_ANSWERING if looks_like_qa_header(_binary_header(path)) \
            else TEXT_CLASSIFICATION
    head = _head_text(path)
    if ext in (".jsonl", ".ndjson", ".json"):
        if ext == ".json" and (looks_like_squad(head) or looks_like_label_studio_qa(head)):
            return QUESTION_ANSWERING
        record = _first_record(head, ext)
        if isinstance(record, dict) and looks_like_qa_header(record):
            return QUESTION_ANSWERING
        return TOKEN_CLASSIFICATION if _is_tagged_record(record) else TEXT_CLASSIFICATION
    if looks_like_qa_header(_delimited_header(head)):
        return QUESTION_ANSWERING
    if ext == ".csv":
        return TEXT_CLASSIFICATION
    return TOKEN_CLASSIFICATION if _looks_like_conll(head) else TEXT_CLASSIFICATION


def _delimited_header(head: str) -> list[str]:
    """The names in a delimited file's first line (the delimiter that splits it most)."""
    line = next((x for x in head.splitlines() if x.strip()), "")
    cells = max((line.split(d) for d in (",", "\t", ";", "|")), key=len)
    return [c.strip().strip('"').strip() for c in cells] if len(cells) > 1 else []


def _binary_header(path: Path) -> list[str]:
    """The column names of an Excel sheet's first row or a Parquet file's schema; [] when
    they cannot be read (the reader then says why)."""
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            import pyarrow.parquet as pq  # lazy: pyarrow is only needed for Parquet files

            return list(pq.read_schema(path).names)
        from openpyxl import load_workbook  # lazy: openpyxl is only needed for Excel files

        _check_archive(path, MAX_UNCOMPRESSED)  # no more unpacked than the reader allows
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            row = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        finally:
            book.close()
        return [str(v) for v in row if v is not None]
    except Exception:  # noqa: BLE001 - a damaged file is the reader's to explain
        return []


def _head_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(_HEAD_BYTES)
    except OSError:
        return ""  # the reader will raise the proper message for a missing file
    if not raw.strip():
        return ""
    try:
        text, _ = decode(raw, path.name)
    except UserError:
        return ""
    return text.lstrip("\ufeff")


def _first_record(head: str, ext: str):
    if ext != ".json":
        for line in head.splitlines():
            if line.strip():
                try:
                    return json.loads(line)
                except (ValueError, RecursionError):  # the reader explains what is wrong
                    return None
        return None
    return _first_json_record(head)


def _first_json_record(head: str):
    # A JSON list's first object ends before the sample does in any realistic export.
    record, start = None, head.find("{")
    for _ in range(3):  # the outer object of {"data": [...]} may not fit in the sample
        if start < 0:
            return None
        try:
            record, _ = json.JSONDecoder().raw_decode(head[start:])
            break
        except (ValueError, RecursionError):  # ValueError: also a number too long to read
            start = head.find("{", start + 1)
    if isinstance(record, dict):
        lists = [v for v in record.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if "data" in record and isinstance(record["data"], list) and record["data"]:
            return record["data"][0]
        if len(record) == 1 and lists:
            return lists[0][0]
    return record


def _is_tagged_record(record) -> bool:
    if not isinstance(record, dict):
        return False
    if isinstance(record.get("tokens"), list) or isinstance(record.get("words"), list):
        return True
    if isinstance(record.get("data"), dict) and {"annotations", "completions"} & set(record):
        return True
    spans = record.get("label", record.get("entities", record.get("spans")))
    return (isinstance(record.get("text"), str) and isinstance(spans, list)
            and any(isinstance(s, (list, dict)) for s in spans))


def _looks_like_conll(head: str) -> bool:
    lines = [line for line in head.splitlines()[:400] if line.strip()
             and not line.startswith(("-DOCSTART-", "\ufeff-DOCSTART-"))]
    if not lines:
        return False
    tagged = 0
    for line in lines:
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) >= 2 and _TAG.match(parts[-1].strip()) and len(parts[0].split()) <= 1:
            tagged += 1
    return tagged >= 0.8 * len(lines)
