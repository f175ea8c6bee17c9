"""Span exports of labeling tools (doccano, Label Studio) -> words with BIO tags.

Texts are split into words on whitespace and punctuation, and CJK characters become one token
each, because Chinese and Japanese have no spaces and character-level tags are the norm there.
A span that does not fall on word boundaries still tags every word it touches; such spans are
counted so the health report can mention them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.data.wording import counted
from core.errors import UserError

_CJK = ("\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
        "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f")
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|[^\w\s]", re.UNICODE)


@dataclass
class SpanStats:
    misaligned: int = 0      # spans whose ends fall inside a word
    empty: int = 0           # spans that cover no word (only spaces)
    unannotated: int = 0     # Label Studio tasks without a usable annotation
    examples: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if len(self.examples) < 10:
            self.examples.append(what)


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    tokens, offsets = [], []
    for match in _TOKEN.finditer(text):
        tokens.append(match.group())
        offsets.append(match.span())
    return tokens, offsets


def spans_to_bio(text: str, spans: list[tuple[int, int, str]], where: str, name: str,
                 stats: SpanStats) -> dict[str, Any]:
    """`where` names the record (e.g. "record 3") for messages."""
    checked = _check_spans(text, spans, where, name)
    tokens, offsets = tokenize(text)
    tags = ["O"] * len(tokens)
    for start, end, kind in checked:
        inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
        if not inside:
            stats.empty += 1
            stats.note(f"{where}: span {start}-{end} covers no word")
            continue
        if offsets[inside[0]][0] != start or offsets[inside[-1]][1] != end:
            stats.misaligned += 1
            stats.note(f"{where}: span {start}-{end} ({text[start:end]!r}) cuts a word")
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + kind
    return {"tokens": tokens, "tags": tags, "text": text, "offsets": offsets}


def _check_spans(text: str, spans, where: str, name: str) -> list[tuple[int, int, str]]:
    checked = []
    for span in spans:
        start, end, kind = span
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise UserError(f"{name} {where} has a span with non-numeric offsets "
                            f"{start!r}-{end!r}.",
                            "Give each span whole-number start and end character offsets.")
        if start >= end:
            raise UserError(f"{name} {where} has a reversed or empty span {start}-{end} ({kind}).",
                            "Make each span's end offset larger than its start, or delete it.")
        if start < 0 or end > len(text):
            raise UserError(f"{name} {where} has a span {start}-{end} ({kind}) out of range: "
                            f"the text has {counted(len(text), 'character', 'characters')}.",
                            "Fix the span offsets or re-export the annotations from the tool.")
        if not isinstance(kind, str) or not kind.strip():
            raise UserError(f"{name} {where} has a span {start}-{end} without an entity type.",
                            "Give every span a label, or delete it.")
        checked.append((start, end, kind.strip()))
    checked.sort()
    for (s1, e1, k1), (s2, e2, k2) in zip(checked, checked[1:]):
        if s2 < e1:
            raise UserError(f"{name} {where} has overlapping spans {s1}-{e1} ({k1}) and "
                            f"{s2}-{e2} ({k2}).",
                            "Keep one of the two spans: word tags (BIO) cannot hold nested "
                            "or overlapping entities.")
    return checked


def doccano_spans(record: dict, where: str, name: str) -> list[tuple[int, int, str]]:
    """doccano `label: [[s, e, type]]`, newer `entities: [{start_offset, end_offset, label}]`,
    and prodigy-style `spans: [{start, end, label}]`."""
    raw = record.get("label", record.get("labels", record.get("entities", record.get("spans", []))))
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise UserError(f"{name} {where} has labels that are not a list of spans.",
                        'Write the spans as "label": [[start, end, "TYPE"], ...].')
    spans = []
    for item in raw:
        if isinstance(item, (list, tuple)) and len(item) == 3:
            spans.append(tuple(item))
        elif isinstance(item, dict):
            start = item.get("start_offset", item.get("start"))
            end = item.get("end_offset", item.get("end"))
            spans.append((start, end, item.get("label", item.get("type"))))
        else:
            raise UserError(f"{name} {where} has a span written as {str(item)[:40]}, not "
                            f"[start, end, type].",
                            'Write the spans as "label": [[start, end, "TYPE"], ...].')
    return spans


def label_studio_task(task: dict, where: str, name: str,
                      stats: SpanStats) -> tuple[str, list[tuple[int, int, str]]] | None:
    """Text and spans of one Label Studio task, or None when it has no usable annotation."""
    data = task.get("data")
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(text, str):
        text = _first_string(data) if isinstance(data, dict) else None
    if text is None:
        raise UserError(f"{name} {where} has no text in its 'data' field.",
                        'Export the tasks with their text, e.g. "data": {"text": "..."}.')
    annotations = [a for a in (task.get("annotations") or task.get("completions") or [])
                   if isinstance(a, dict) and not a.get("was_cancelled")]
    if not annotations:
        stats.unannotated += 1
        return None
    spans = []
    for result in annotations[0].get("result") or []:
        value = result.get("value") if isinstance(result, dict) else None
        if not isinstance(value, dict) or "start" not in value:
            continue  # other result kinds (choices, relations) carry no spans
        labels = value.get("labels") or value.get("hypertextlabels") or [None]
        spans.append((value.get("start"), value.get("end"), labels[0]))
    return text, spans


def _first_string(data: dict) -> str | None:
    return next((v for v in data.values() if isinstance(v, str)), None)
