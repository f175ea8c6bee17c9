"""Question answering in a label project: paragraphs read from a file, questions with their
answer spans checked against the paragraph, and the SQuAD JSON export.

A question-answering project's texts are paragraphs (contexts). The label value of a paragraph
is the list of its questions, each `{"id", "question", "answers": [{"text", "answer_start"}]}`
with `answer_start` a character offset into the paragraph exactly as stored (an empty
`answers` list: the paragraph does not answer it). Every added question is a new label event
holding the paragraph's whole list, so undo takes back the latest question.

The export is SQuAD JSON (v1.1, or v2.0 once a question has no answer), which
core.data.squad.read_qa_json reads back as the same examples frame (`questions_frame`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from core.data.spans import tokenize
from core.data.squad import FRAME_COLUMNS, squad_json
from core.errors import UserError
from core.text import Text

MAX_QUESTION_CHARS = 1000
_BLOCKS = re.compile(r"\n[ \t\r\f\v]*\n")


def asks_questions(kind: Any) -> bool:
    """Whether a task (core.tasks `task_kind`) is labeled by asking questions of a paragraph."""
    return bool(kind.answers_from_context)


def qa_error(name: str, /, **params: Any) -> UserError:
    """The UserError labeling.<name> with its fix labeling.<name>.fix."""
    return UserError(Text(f"labeling.{name}.message", params),
                     Text(f"labeling.{name}.fix", params))


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of a plain text: blocks separated by blank lines when it has any, else
    one a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLOCKS.split(text) if _BLOCKS.search(text.strip()) else text.split("\n")
    return [part.strip() for part in parts if part.strip()]


def word_span(context: str, positions: Sequence[int]) -> tuple[int, int]:
    """The characters (start, end exclusive) from the first to the last selected word of
    `context` (words as core.data.spans.tokenize counts them)."""
    _, offsets = tokenize(context)
    chosen = sorted({int(p) for p in positions if 0 <= int(p) < len(offsets)})
    if not chosen:
        raise qa_error("qa_no_answer_words")
    return offsets[chosen[0]][0], offsets[chosen[-1]][1]


def clean_question(question: Any) -> str:
    text = " ".join(str(question or "").split())
    if not text:
        raise qa_error("qa_no_question")
    if len(text) > MAX_QUESTION_CHARS:
        raise qa_error("qa_question_too_long", limit=MAX_QUESTION_CHARS)
    return text


def _answer(context: str, answer: Any) -> dict[str, Any]:
    start = answer.get("answer_start") if isinstance(answer, dict) else None
    text = answer.get("text") if isinstance(answer, dict) else None
    if isinstance(start, bool) or not isinstance(start, int) or not isinstance(text, str) \
            or not text.strip() or start < 0 or context[start:start + len(text)] != text:
        raise qa_error("qa_answer_outside")
    return {"text": text, "answer_start": start}


def check_questions(value: Sequence[Any], context: str) -> list[dict[str, Any]]:
    """The questions of a paragraph in their stored form, or a UserError saying what is wrong:
    a question is written, its id unique, and every answer is the paragraph's text at its
    start."""
    questions, seen = [], set()
    for raw in value:
        if not isinstance(raw, dict):
            raise qa_error("qa_no_question")
        qid = str(raw.get("id") or "")
        if not qid or qid in seen:
            raise qa_error("qa_question_id", id=repr(qid))
        seen.add(qid)
        questions.append({"id": qid, "question": clean_question(raw.get("question")),
                          "answers": [_answer(context, a) for a in raw.get("answers") or []]})
    return questions


def new_question(prefix: str, questions: Sequence[dict[str, Any]], question: str,
                 context: str, span: tuple[int, int] | None) -> dict[str, Any]:
    """A question for a paragraph holding `questions`: its id is `prefix`-n with n one more
    than the highest number used there, its answer the characters `span` of the context (None:
    the paragraph does not answer it)."""
    numbers = [int(q["id"].rsplit("-", 1)[1]) for q in questions
               if str(q.get("id", "")).startswith(f"{prefix}-")
               and q["id"].rsplit("-", 1)[1].isdigit()]
    answers = []
    if span is not None:
        start, end = int(span[0]), int(span[1])
        if not 0 <= start < end <= len(context):
            raise qa_error("qa_answer_outside")
        answers = [{"text": context[start:end], "answer_start": start}]
    return {"id": f"{prefix}-{max(numbers, default=0) + 1}",
            "question": clean_question(question), "answers": answers}


def questions_frame(title: str, rows: Sequence[tuple[str, list[Any]]]) -> pd.DataFrame:
    """The examples frame (core.data.squad FRAME_COLUMNS) of labeled paragraphs: one row per
    question, in paragraph order."""
    records = [{"id": q["id"], "title": title, "context": context, "question": q["question"],
                "answers": {"text": [a["text"] for a in q["answers"]],
                            "answer_start": [a["answer_start"] for a in q["answers"]]}}
               for context, questions in rows for q in questions]
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    for column in ("id", "title", "context", "question"):
        frame[column] = frame[column].astype(object)
    return frame


def squad_bytes(title: str, rows: Sequence[tuple[str, list[Any]]]) -> bytes:
    """Labeled paragraphs as SQuAD JSON (core.data.squad.squad_json of their questions):
    one article named `title`; "v2.0" when a question has no answer, else "v1.1"."""
    data = squad_json(questions_frame(title, rows))
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def question_counts(values: Sequence[list[Any]]) -> tuple[int, int]:
    """Questions, and those without an answer, over the paragraphs' label values."""
    questions = [q for value in values for q in value if isinstance(q, dict)]
    return len(questions), sum(not q.get("answers") for q in questions)
