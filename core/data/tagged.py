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
from core.data.readers import jsonl_records, parse_json, unwrap_json
from core.data.report import read_warning
from core.data.tags import normalise
from core.data.wording import by_count, counted
from core.errors import UserError

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
        raise UserError(_no_sentences(path.name, stats), "Add tagged sentences to the file.")
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
    where = ", ".join(str(line) for line in lines[:5])
    return [read_warning(by_count(
                len(lines), "{name} has entity tags on empty or invisible tokens (zero-width or "
                "control characters) in {n} sentence, at line or record {where}; the model "
                "cannot see these tokens, so it never learns them.",
                "{name} has entity tags on empty or invisible tokens (zero-width or control "
                "characters) in {n} sentences, at line or record {where}; the model cannot see "
                "these tokens, so it never learns them.", name=name, where=where),
                         "Tag the visible word next to such a token, or remove the invisible "
                         "token from the file.")]


def _no_sentences(name: str, stats: span_io.SpanStats) -> str:
    if stats.unannotated:
        return by_count(stats.unannotated, "{name} has no annotations: its one task has not "
                        "been labeled.", "{name} has no annotations: none of its {n} tasks has "
                        "been labeled.", name=name)
    return f"{name} contains no tagged sentences."


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
            raise limits.too_many_rows(name, "sentences, and more")
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
            raise UserError(f"{name} line {number} has no tag column: {line.strip()[:40]!r}.",
                            "Write one token and its tag per line, separated by a tab "
                            "(for example 'Paris<TAB>B-LOC'), with a blank line between sentences.")
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
            raise UserError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                            f"column {exc.colno}.",
                            "Fix the file at that place, or export it again.") from None
        records = unwrap_json(data, name)
        if not records:
            raise UserError(f"{name} holds an empty list, with no examples.",
                            "Choose a file that contains your examples.")
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
        raise UserError(f"{name} {unit} {number} has a field of the wrong type (a number, text "
                        f"or object where another kind of value belongs).",
                        'Compare it with the formats the app reads: {"tokens": [...], "tags": '
                        '[...]}, doccano or Label Studio exports.') from None


def _record_row(record: Any, number: int, unit: str, name: str, tag_names, warnings,
                stats) -> dict[str, Any] | None:
    where = f"{unit} {number}"
    if not isinstance(record, dict):
        raise UserError(f"{name} {where} is not a JSON object.",
                        'Make every record an object such as {"tokens": [...], "tags": [...]}.')
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
        keys = ", ".join(list(record)[:8]) or "none"
        raise UserError(f"{name} {where} has neither tokens with tags nor a text with spans "
                        f"(keys: {keys}).",
                        'Use {"tokens": [...], "tags": [...]} or doccano\'s '
                        '{"text": "...", "label": [[start, end, "TYPE"]]}.')
    if not row["tokens"]:
        return None
    row["line"] = number
    return row


def _tokens_row(record: dict, where: str, name: str, tag_names, warnings) -> dict[str, Any]:
    tokens = record.get("tokens", record.get("words"))
    key = next((k for k in ("tags", "ner_tags", "labels", "ner") if k in record), None)
    if key is None:
        raise UserError(f"{name} {where} has tokens but no tags.",
                        'Add a "tags" (or "ner_tags") list with one tag per token.')
    tags = record[key]
    if not isinstance(tokens, list) or not isinstance(tags, list):
        raise UserError(f"{name} {where}: tokens and {key} must both be lists.",
                        'Write them as "tokens": ["Paris", "is"], "tags": ["B-LOC", "O"].')
    if len(tokens) != len(tags):
        raise UserError(f"{name} {where} has {counted(len(tokens), 'token', 'tokens')} but "
                        f"{counted(len(tags), 'tag', 'tags')}.",
                        "Give exactly one tag per token on that line.")
    names = record.get("tag_names") or tag_names
    if names is not None and not (isinstance(names, list)
                                  and all(isinstance(n, str) for n in names)):
        raise UserError(f"{name} {where} has tag names that are not a list of texts (the "
                        f"'tag_names' field).",
                        'Write them as "tag_names": ["O", "B-PER", "I-PER"], one name per tag '
                        'number.')
    return {"tokens": [str(t) for t in tokens],
            "tags": [_tag_name(t, names, where, name, warnings) for t in tags]}


def _tag_name(tag: Any, names, where: str, name: str, warnings: list[dict]) -> str:
    if isinstance(tag, str):
        return tag.strip()
    if isinstance(tag, int) and not isinstance(tag, bool):
        if names:
            if not 0 <= tag < len(names):
                raise UserError(by_count(len(names), "{name} {where} has tag number {tag}, "
                                         "but only {n} tag name is known.",
                                         "{name} {where} has tag number {tag}, but only {n} "
                                         "tag names are known.", name=name, where=where,
                                         tag=tag),
                                "Check the tag numbers or the list of tag names.")
            return str(names[tag])
        warnings.append(read_warning(f"{name} has numeric tags without their names, so entity "
                                     f"types are shown as numbers (0 is taken as O).",
                                     "Give the tag names, or write the tags as text such as "
                                     "B-PER."))
        return str(tag)
    raise UserError(f"{name} {where} has a tag {tag!r} that is neither text nor a number.",
                    "Write tags as text such as 'B-PER' or 'O'.")
