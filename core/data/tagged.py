"""`read_tagged`: entity-recognition files -> one row per sentence with tokens and BIO tags.

Formats: CoNLL-style token-per-line text, JSON/JSONL with tokens + tags (or ner_tags), doccano
JSONL and Label Studio JSON span exports. What the report should mention (tag repairs, integer
tags without names, unannotated tasks, spans cutting words) goes into `frame.attrs`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from core.data import limits
from core.data import spans as span_io
from core.data.encoding import DEFAULT_MAX_BYTES, VISIBLE, read_text, without_nul
from core.data.limits import listed, notice, refusal, rows_count
from core.data.readers import jsonl_records, parse_json, unwrap_json
from core.data.tags import normalise
from core.errors import UserError
from core.text import Text

_DOCSTART = "-DOCSTART-"


def read_tagged(path, max_bytes: int = DEFAULT_MAX_BYTES,
                tag_names: list[str] | None = None) -> pd.DataFrame:
    """`tag_names` maps integer `ner_tags` to names (index -> name)."""
    path = Path(path)
    text, encoding = read_text(path, max_bytes)
    text, warnings = without_nul(text.lstrip("\ufeff"), path.name)
    ext = path.suffix.lower()
    stats = span_io.SpanStats()
    if ext in (".json", ".jsonl", ".ndjson"):
        records = _json_records(text, path.name, ext)
        rows = [_guarded_row(r, n, unit, path.name, tag_names, warnings, stats)
                for n, r, unit in records]
        rows = [r for r in rows if r is not None]
    else:
        rows = _conll_rows(text, path.name)
    if not rows:
        raise UserError(_no_sentences(path.name, stats), Text("reading.no_sentences.fix"))
    frame = pd.DataFrame(rows)
    tags, report = normalise(list(frame["tags"]), list(frame["line"]))
    frame["tags"] = tags
    warnings += _invisible_entities(frame, path.name)
    frame.attrs.update({"encoding": encoding, "bio_repairs": report.as_attrs(),
                        "warnings": list({w["message"]: w for w in warnings}.values()),
                        "spans": _span_attrs(stats)})
    return frame


def _invisible_entities(frame: pd.DataFrame, name: str) -> list[dict]:
    """Entity tags on tokens a tokenizer turns into nothing (empty, only zero-width or control
    characters): the model never sees them, so those tags are silently lost in training."""
    lines = [line for tokens, tags, line in zip(frame["tokens"], frame["tags"], frame["line"])
             if any(tag != "O" and not VISIBLE.search(token) for token, tag in zip(tokens, tags))]
    if not lines:
        return []
    where = listed(str(line) for line in lines[:5])
    return [notice("invisible_entities", name=name, count=len(lines), where=where)]


def _no_sentences(name: str, stats: span_io.SpanStats) -> Text:
    if stats.unannotated:
        return Text("reading.no_annotations.message", {"name": name, "count": stats.unannotated})
    return Text("reading.no_sentences.message", {"name": name})


def _span_attrs(stats: span_io.SpanStats) -> dict:
    return {"misaligned": stats.misaligned, "empty": stats.empty,
            "unannotated": stats.unannotated, "examples": stats.examples}


# ---- CoNLL ---------------------------------------------------------------------------------

def _conll_rows(text: str, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    tokens: list[str] = []
    tags: list[str] = []
    first_line = 0

    def close() -> None:
        nonlocal tokens, tags
        if tokens:
            rows.append({"tokens": tokens, "tags": tags, "line": first_line})
        tokens, tags = [], []

    for number, raw in enumerate(text.splitlines(), start=1):
        if len(rows) > limits.MAX_ROWS:
            raise limits.too_many_rows(name, rows_count("sentences_more"))
        line = raw.replace("\ufeff", "")  # stray BOMs inside files joined from several sources
        if not line.strip():
            close()
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts]
        if parts[0] == _DOCSTART:
            close()
            continue
        if len(parts) < 2 or not parts[-1]:
            raise refusal("no_tag_column", name=name, line=str(number),
                          content=repr(line.strip()[:40]))
        if not parts[0]:
            continue  # a whitespace token carries nothing a model can see
        if not tokens:
            first_line = number
        tokens.append(parts[0])
        tags.append(parts[-1])
    close()
    return rows


# ---- JSON / JSONL -------------------------------------------------------------------------

def _json_records(text: str, name: str, ext: str) -> list[tuple[int, Any, str]]:
    """(number, record, 'line' or 'record') so messages point at the right place."""
    if ext == ".json":
        try:
            data = parse_json(text, name)
        except json.JSONDecodeError as exc:
            raise refusal("bad_json", "bad_json_tagged", name=name, problem=exc.msg,
                          line=str(exc.lineno), column=str(exc.colno)) from None
        records = unwrap_json(data, name)
        if not records:
            raise refusal("empty_list", "empty_examples", name=name)
        return [(n, r, "record") for n, r in enumerate(records, start=1)]
    return [(n, r, "line") for n, r in jsonl_records(text, name)]


def _guarded_row(record: Any, number: int, unit: str, name: str, tag_names, warnings,
                 stats) -> dict[str, Any] | None:
    """One record as a row. A field of a type no format uses (a number where a list belongs)
    is bad input to be named, not an internal error."""
    try:
        return _record_row(record, number, unit, name, tag_names, warnings, stats)
    except UserError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        raise refusal("wrong_type", name=name, where=_where(unit, number)) from None


def _where(unit: str, number: int) -> Text:
    """'line 3' or 'record 3' ('第 3 行', '第 3 条记录'): `unit` is 'line' or 'record'."""
    return Text(f"reading.where.{unit}", {"number": str(number)})


def _record_row(record: Any, number: int, unit: str, name: str, tag_names, warnings,
                stats) -> dict[str, Any] | None:
    where = _where(unit, number)
    if not isinstance(record, dict):
        raise refusal("not_json_object", name=name, where=where)
    if "tokens" in record or "words" in record:
        row = _tokens_row(record, where, name, tag_names, warnings)
    elif isinstance(record.get("data"), dict):
        task = span_io.label_studio_task(record, where, name, stats)
        if task is None:
            return None
        row = span_io.spans_to_bio(task[0], task[1], where, name, stats)
    elif isinstance(record.get("text"), str):
        spans = span_io.doccano_spans(record, where, name)
        row = span_io.spans_to_bio(record["text"], spans, where, name, stats)
    else:
        keys = listed(list(record)[:8]) if record else Text("reading.keys_none")
        raise refusal("unknown_record", name=name, where=where, keys=keys)
    if not row["tokens"]:
        return None
    row["line"] = number
    return row


def _tokens_row(record: dict, where: Text, name: str, tag_names, warnings) -> dict[str, Any]:
    tokens = record.get("tokens", record.get("words"))
    key = next((k for k in ("tags", "ner_tags", "labels", "ner") if k in record), None)
    if key is None:
        raise refusal("no_tags", name=name, where=where)
    tags = record[key]
    if not isinstance(tokens, list) or not isinstance(tags, list):
        raise refusal("not_lists", name=name, where=where, key=key)
    if len(tokens) != len(tags):
        raise refusal("token_count", name=name, where=where,
                      tokens=Text("reading.token_count.tokens", {"count": len(tokens)}),
                      tags=Text("reading.token_count.tags", {"count": len(tags)}))
    names = record.get("tag_names") or tag_names
    if names is not None and not (isinstance(names, list)
                                  and all(isinstance(n, str) for n in names)):
        raise refusal("tag_names_type", name=name, where=where)
    return {"tokens": [str(t) for t in tokens],
            "tags": [_tag_name(t, names, where, name, warnings) for t in tags]}


def _tag_name(tag: Any, names, where: Text, name: str, warnings: list[dict]) -> str:
    if isinstance(tag, str):
        return tag.strip()
    if isinstance(tag, int) and not isinstance(tag, bool):
        if names:
            if not 0 <= tag < len(names):
                raise refusal("tag_number", name=name, where=where, tag=str(tag),
                              count=len(names))
            return str(names[tag])
        warnings.append(notice("numeric_tags", name=name))
        return str(tag)
    raise refusal("bad_tag", name=name, where=where, tag=repr(tag))
