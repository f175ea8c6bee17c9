"""`detect_task`: does a file hold labeled texts or tagged tokens? Decided from a small sample."""

from __future__ import annotations

import json
import re
from pathlib import Path

from core.data.encoding import decode
from core.errors import UserError
from core.tasks import TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION

_TAGGED_EXTENSIONS = (".conll", ".bio", ".iob", ".iobes", ".bioes", ".bilou", ".ner", ".conllu")
_TAG = re.compile(r"^(O|[BIESLU][-_]\S+)$")
_HEAD_BYTES = 256 * 1024


def detect_task(path) -> str:
    path = Path(path)
    ext = path.suffix.lower()
    if ext in _TAGGED_EXTENSIONS:
        return TOKEN_CLASSIFICATION
    if ext in (".xlsx", ".xlsm", ".parquet", ".pq", ".csv"):
        return TEXT_CLASSIFICATION
    head = _head_text(path)
    if ext in (".jsonl", ".ndjson", ".json"):
        record = _first_record(head, ext)
        return TOKEN_CLASSIFICATION if _is_tagged_record(record) else TEXT_CLASSIFICATION
    return TOKEN_CLASSIFICATION if _looks_like_conll(head) else TEXT_CLASSIFICATION


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
