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

from core.data.limits import refusal
from core.text import Text, t

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


def spans_to_bio(text: str, spans: list[tuple[int, int, str]], where: Text | str, name: str,
                 stats: SpanStats) -> dict[str, Any]:
    """`where` names the record (e.g. Text("reading.where.record", number="3")) for messages."""
    checked = _check_spans(text, spans, where, name)
    tokens, offsets = tokenize(text)
    tags = ["O"] * len(tokens)
    for start, end, kind in checked:
        inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
        if not inside:
            stats.empty += 1
            stats.note(t("reading.span_note.empty", where=where, start=str(start),
                         end=str(end)))
            continue
        if offsets[inside[0]][0] != start or offsets[inside[-1]][1] != end:
            stats.misaligned += 1
            stats.note(t("reading.span_note.cut", where=where, start=str(start), end=str(end),
                         covered=repr(text[start:end])))
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + kind
    return {"tokens": tokens, "tags": tags, "text": text, "offsets": offsets}


def _check_spans(text: str, spans, where: Text | str, name: str) -> list[tuple[int, int, str]]:
    checked = []
    for span in spans:
        start, end, kind = span
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise refusal("span_offsets", name=name, where=where, start=repr(start),
                          end=repr(end))
        found = {"name": name, "where": where, "start": str(start), "end": str(end),
                 "kind": str(kind)}
        if start >= end:
            raise refusal("span_reversed", **found)
        if start < 0 or end > len(text):
            raise refusal("span_range", **found, count=len(text))
        if not isinstance(kind, str) or not kind.strip():
            raise refusal("span_no_type", **found)
        checked.append((start, end, kind.strip()))
    checked.sort()
    for (s1, e1, k1), (s2, e2, k2) in zip(checked, checked[1:]):
        if s2 < e1:
            raise refusal("span_overlap", name=name, where=where, first=f"{s1}-{e1}",
                          first_kind=k1, second=f"{s2}-{e2}", second_kind=k2)
    return checked


def doccano_spans(record: dict, where: Text | str, name: str) -> list[tuple[int, int, str]]:
    """doccano `label: [[s, e, type]]`, newer `entities: [{start_offset, end_offset, label}]`,
    and prodigy-style `spans: [{start, end, label}]`."""
    raw = record.get("label", record.get("labels", record.get("entities", record.get("spans", []))))
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise refusal("span_list", name=name, where=where)
    spans = []
    for item in raw:
        if isinstance(item, (list, tuple)) and len(item) == 3:
            spans.append(tuple(item))
        elif isinstance(item, dict):
            start = item.get("start_offset", item.get("start"))
            end = item.get("end_offset", item.get("end"))
            spans.append((start, end, item.get("label", item.get("type"))))
        else:
            raise refusal("span_item", "span_list", name=name, where=where, item=str(item)[:40])
    return spans


def label_studio_task(task: dict, where: Text | str, name: str,
                      stats: SpanStats) -> tuple[str, list[tuple[int, int, str]]] | None:
    """Text and spans of one Label Studio task, or None when it has no usable annotation."""
    data = task.get("data")
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(text, str):
        text = _first_string(data) if isinstance(data, dict) else None
    if text is None:
        raise refusal("span_no_text", name=name, where=where)
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
