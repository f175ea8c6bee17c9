"""Question-answering files -> the examples frame, one row per question.

Three shapes are read: SQuAD JSON (v1.1, and v2.0 with `is_impossible`), a flat table (the
caller names the context, question, answer, answer-start and id columns) and Label Studio
exports of answer spans. Every reader gives the same columns (see FRAME_COLUMNS): `answers` is
Hugging Face's squad layout {"text": [...], "answer_start": [...]}, empty lists for a question
without an answer. Answers are kept as written; checking and repairing them is the health
report's job (core.data.qa_health). What a reader noticed goes in `frame.attrs`: "located" for
answer starts found in the context, "unannotated" for Label Studio tasks nobody answered,
"plausible" for the v2 plausible answers of unanswerable questions.

`read_qa_file` reads any of them with the data settings (columns named or guessed by name,
see `guess_qa_columns`), numbers the rows and repairs answer starts that point elsewhere.

Every reader holds to core.data.limits (file size, nesting, number digits, question count) and
refuses a malformed file with a sentence naming where it went wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from core.data import limits
from core.data.columns import SPLIT_VALUES, has_label_name
from core.data.encoding import check_size, read_text
from core.data.qa_health import repair_answers
from core.data.readers import parse_json, read_table
from core.errors import UserError
from core.text import Text

FRAME_COLUMNS = ("id", "title", "context", "question", "answers")
MAX_ANSWERS = 1_000          # answers to one question; SQuAD has 1 to 6
_HEAD = 64 * 1024            # how much of a file detection looks at
_WHOLE = re.compile(r"^\s*(-?\d{1,18})(?:\.0+)?\s*$")
_CONTEXT_KEYS = ("context", "text", "paragraph", "passage")


def refusal(what: str, fix: str = "", /, **params: Any) -> UserError:
    """The UserError qa.<what>.message, with the fix qa.<fix or what>.fix."""
    return UserError(Text(f"qa.{what}.message", params), Text(f"qa.{fix or what}.fix", params))


# ---- detection -----------------------------------------------------------------------------

def looks_like_squad(head: bytes | str) -> bool:
    """Whether the start of a file reads as SQuAD JSON: an object whose "data" holds articles
    with "paragraphs" (or paragraphs with "qas")."""
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return False
    return bool(re.search(r'"data"\s*:\s*\[', text)) and ('"paragraphs"' in text
                                                           or '"qas"' in text)


def looks_like_label_studio_qa(head: bytes | str) -> bool:
    """Whether the start of a file reads as a Label Studio export with a question per task."""
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    return (text.startswith("[") and '"question"' in text and '"data"' in text
            and ('"annotations"' in text or '"completions"' in text))


def _head_text(head: bytes | str) -> str:
    if isinstance(head, bytes):
        return head[:_HEAD].decode("utf-8", errors="ignore")
    return head[:_HEAD]


# ---- files ---------------------------------------------------------------------------------

def read_qa_json(path) -> pd.DataFrame:
    """A SQuAD or Label Studio JSON file -> the examples frame."""
    path = Path(path)
    check_size(path)
    text, _ = read_text(path)
    try:
        data = parse_json(text.lstrip("\ufeff"), path.name)
    except json.JSONDecodeError as exc:
        raise limits.refusal("bad_json", name=path.name, problem=exc.msg, line=str(exc.lineno),
                             column=str(exc.colno)) from None
    if isinstance(data, list) and data and isinstance(data[0], dict) and "data" in data[0]:
        return label_studio_frame(data, path.name)
    return squad_frame(data, path.name)


def squad_json(frame: pd.DataFrame) -> dict[str, Any]:
    """An examples frame as SQuAD JSON (what `squad_frame` reads back): articles by title,
    paragraphs by context in the frame's order; "v2.0" when a question has no answer."""
    articles: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in frame[list(FRAME_COLUMNS)].itertuples(index=False):
        paragraphs = articles.setdefault(str(row.title), {})
        answers = [{"text": str(text), "answer_start": int(start)} for text, start in
                   zip(row.answers["text"], row.answers["answer_start"])]
        paragraphs.setdefault(str(row.context), []).append(
            {"id": str(row.id), "question": str(row.question), "answers": answers,
             "is_impossible": not answers})
    unanswered = any(not qa["answers"] for paragraphs in articles.values()
                     for qas in paragraphs.values() for qa in qas)
    return {"version": "v2.0" if unanswered else "v1.1",
            "data": [{"title": title, "paragraphs": [{"context": context, "qas": qas}
                                                     for context, qas in paragraphs.items()]}
                     for title, paragraphs in articles.items()]}


# ---- SQuAD JSON ----------------------------------------------------------------------------

def squad_frame(data: Any, name: str) -> pd.DataFrame:
    """Parsed SQuAD JSON (v1.1 or v2.0) -> the examples frame."""
    articles = data.get("data") if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise refusal("not_squad", name=name)
    _count_questions(articles, name)
    rows: list[dict] = []
    plausible: dict[str, dict] = {}
    for a, article in enumerate(articles, start=1):
        where = Text("qa.where.article", {"article": str(a)})
        article = _expect(article, dict, name, where, "article")
        title = article.get("title", "")
        title = title if isinstance(title, str) else str(title)
        for p, paragraph in enumerate(_expect(article.get("paragraphs"), list, name, where,
                                              "paragraphs"), start=1):
            rows += _paragraph_rows(paragraph, title, name, (a, p), plausible)
    if not rows:
        raise refusal("empty", name=name)
    frame = _frame(rows)
    frame.attrs["version"] = str(data.get("version", ""))
    frame.attrs["plausible"] = plausible
    return frame


def _count_questions(articles: list, name: str) -> None:
    """Refuses a file holding more questions than a reader takes, before any is read."""
    total = 0
    for article in articles:
        paragraphs = article.get("paragraphs") if isinstance(article, dict) else None
        for paragraph in paragraphs if isinstance(paragraphs, list) else []:
            qas = paragraph.get("qas") if isinstance(paragraph, dict) else None
            total += len(qas) if isinstance(qas, list) else 0
            if total > limits.MAX_ROWS:
                raise limits.too_many_rows(name, limits.rows_count("more"))


def _paragraph_rows(paragraph: Any, title: str, name: str, at: tuple[int, int],
                    plausible: dict) -> list[dict]:
    where = Text("qa.where.paragraph", {"article": str(at[0]), "paragraph": str(at[1])})
    paragraph = _expect(paragraph, dict, name, where, "paragraph")
    context = _expect(paragraph.get("context"), str, name, where, "context")
    rows = []
    for q, qa in enumerate(_expect(paragraph.get("qas"), list, name, where, "qas"), start=1):
        here = Text("qa.where.question", {"article": str(at[0]), "paragraph": str(at[1]),
                                          "question": str(q)})
        qa = _expect(qa, dict, name, here, "question")
        question = _expect(qa.get("question", ""), str, name, here, "question")
        qid = str(qa.get("id", f"{at[0]}-{at[1]}-{q}"))
        answers = _answers(qa.get("answers", []), name, here)
        if qa.get("is_impossible") is True:
            if qa.get("plausible_answers"):
                plausible[qid] = _answers(qa["plausible_answers"], name, here)
            answers = {"text": [], "answer_start": []}
        rows.append({"id": qid, "title": title, "context": context, "question": question,
                     "answers": answers})
    return rows


def _answers(raw: Any, name: str, where: Text) -> dict:
    raw = _expect(raw, list, name, where, "answers")
    if len(raw) > MAX_ANSWERS:
        raise refusal("too_many_answers", name=name, where=where, count=len(raw),
                      limit=MAX_ANSWERS)
    texts, starts = [], []
    for answer in raw:
        answer = _expect(answer, dict, name, where, "answer")
        texts.append(_expect(answer.get("text"), str, name, where, "text"))
        start = answer.get("answer_start", -1)
        if isinstance(start, bool) or not isinstance(start, int):
            raise refusal("bad_start", name=name, where=where, value=repr(start)[:40])
        starts.append(start)
    return {"text": texts, "answer_start": starts}


_KINDS = {dict: "object", list: "list", str: "text"}


def _expect(value: Any, kind: type, name: str, where: Text, field: str) -> Any:
    if not isinstance(value, kind):
        raise refusal("bad_field", name=name, where=where, field=field,
                      kind=Text(f"qa.kind.{_KINDS[kind]}"))
    return value


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for column in ("id", "title", "context", "question"):
        frame[column] = frame[column].astype(object)
    return frame


# ---- a flat table --------------------------------------------------------------------------

def table_frame(table: pd.DataFrame, *, context: str, question: str, answer: str,
                answer_start: str | None = None, id: str | None = None,
                title: str | None = None, name: str = "") -> pd.DataFrame:
    """A table read by core.data.readers (every value a string) -> the examples frame.

    An empty answer is a question without an answer. A missing answer start (no column, or an
    empty cell) is found in the context: its first occurrence; `attrs["located"]` counts how
    many were found, how many occur several times and how many are not in the context
    (those keep the start -1)."""
    for column in (context, question, answer, answer_start, id, title):
        if column is not None and column not in table.columns:
            raise refusal("column_missing", name=name, column=column,
                          columns=limits.listed(map(str, table.columns)))
    if table.empty:
        raise refusal("empty", name=name)
    located = {"found": 0, "several": 0, "missing": 0, "examples": []}
    rows = []
    for n, row in enumerate(table.to_dict("records"), start=1):
        qid = str(row[id]).strip() if id else ""
        qid = qid or f"row-{n}"
        text, passage = str(row[answer]), str(row[context])
        answers = {"text": [], "answer_start": []}
        if text.strip():
            written = str(row[answer_start]) if answer_start else ""
            start = _table_start(written, name, n) if written.strip() else \
                _locate(passage, text, qid, located)
            answers = {"text": [text], "answer_start": [start]}
        rows.append({"id": qid, "title": str(row[title]) if title else "", "context": passage,
                     "question": str(row[question]), "answers": answers})
    frame = _frame(rows)
    frame.attrs["located"] = located
    return frame


def _table_start(written: str, name: str, row: int) -> int:
    match = _WHOLE.match(written)
    if not match:
        raise refusal("bad_start", name=name,
                      where=Text("qa.where.row", {"row": str(row)}), value=repr(written)[:40])
    return int(match.group(1))


def _locate(context: str, text: str, qid: str, located: dict) -> int:
    start = context.find(text)
    if start < 0:
        located["missing"] += 1
    else:
        located["found"] += 1
        if context.find(text, start + 1) >= 0:
            located["several"] += 1
            if len(located["examples"]) < 5:
                located["examples"].append(qid)
    return start


# ---- Label Studio --------------------------------------------------------------------------

def label_studio_frame(tasks: Any, name: str) -> pd.DataFrame:
    """A Label Studio JSON export (a list of tasks) -> the examples frame.

    A task holds the context in data.context (or data.text) and the question in
    data.question; its first annotation that was not cancelled gives the answers: results of
    type "labels" (value.start, value.end, optional value.text), or "textarea" (value.text, a
    typed answer found in the context). An annotation with no result is a question without an
    answer; a task nobody annotated is left out and counted in attrs["unannotated"]."""
    if not isinstance(tasks, list):
        raise refusal("ls_shape", name=name)
    if len(tasks) > limits.MAX_ROWS:
        raise limits.too_many_rows(name, limits.rows_count("records", len(tasks)))
    rows, unannotated = [], 0
    located = {"found": 0, "several": 0, "missing": 0, "examples": []}
    for n, task in enumerate(tasks, start=1):
        where = Text("qa.where.task", {"number": str(n)})
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise refusal("ls_shape", name=name)
        row = _task_row(task, n, name, where, located)
        if row is None:
            unannotated += 1
        else:
            rows.append(row)
    if not rows:
        raise refusal("ls_none_annotated", name=name, count=len(tasks))
    frame = _frame(rows)
    frame.attrs["unannotated"] = unannotated
    frame.attrs["located"] = located
    return frame


def _task_row(task: dict, n: int, name: str, where: Text, located: dict) -> dict | None:
    data = task["data"]
    context = next((data[k] for k in _CONTEXT_KEYS if isinstance(data.get(k), str)), None)
    if context is None:
        raise refusal("ls_no_context", name=name, where=where)
    question = data.get("question")
    if not isinstance(question, str):
        raise refusal("ls_no_question", name=name, where=where)
    annotations = [a for a in (task.get("annotations") or task.get("completions") or [])
                   if isinstance(a, dict) and not a.get("was_cancelled")]
    if not annotations:
        return None
    qid = str(task.get("id", f"task-{n}"))
    answers = _task_answers(annotations[0].get("result") or [], context, qid, name, where,
                            located)
    return {"id": qid, "title": str(data.get("title", "")), "context": context,
            "question": question, "answers": answers}


def _task_answers(results: Any, context: str, qid: str, name: str, where: Text,
                  located: dict) -> dict:
    if not isinstance(results, list):
        raise refusal("ls_shape", name=name)
    texts, starts, kinds = [], [], []
    for result in results:
        kind = result.get("type") if isinstance(result, dict) else None
        value = result.get("value") if isinstance(result, dict) else None
        kinds.append(str(kind))
        if not isinstance(value, dict):
            continue
        if "start" in value and "end" in value:
            start, end = _span(value, context, name, where)
            texts.append(value["text"] if isinstance(value.get("text"), str)
                         else context[start:end])
            starts.append(start)
        elif kind == "textarea":
            typed = value.get("text")
            for text in typed if isinstance(typed, list) else [typed]:
                if isinstance(text, str) and text.strip():
                    texts.append(text)
                    starts.append(_locate(context, text, qid, located))
    if results and not texts:
        raise refusal("ls_result_kinds", name=name, where=where,
                      kinds=limits.listed(dict.fromkeys(kinds)))
    if len(texts) > MAX_ANSWERS:
        raise refusal("too_many_answers", name=name, where=where, count=len(texts),
                      limit=MAX_ANSWERS)
    return {"text": texts, "answer_start": starts}


def _span(value: dict, context: str, name: str, where: Text) -> tuple[int, int]:
    start, end = value["start"], value["end"]
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not whole or not 0 <= start < end <= len(context):
        raise refusal("ls_span", name=name, where=where, start=repr(start)[:20],
                      end=repr(end)[:20], count=len(context))
    return start, end


# ---- a file of any shape, with the data settings -------------------------------------------

# The names a table's columns are known by, per role (lower case; Chinese headers too).
QA_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "context": ("context", "paragraph", "passage", "document", "上下文", "段落", "文章", "原文"),
    "question": ("question", "query", "questions", "问题", "提问"),
    "answer": ("answer", "answer_text", "answers", "answer text", "答案", "回答"),
    "answer_start": ("answer_start", "answer start", "start", "answer_start_char",
                     "答案起始", "答案起始位置", "答案位置", "起始位置"),
    "id": ("id", "qid", "question_id", "编号"),
    "title": ("title", "标题"),
}
QA_ROLES = ("context", "question", "answer", "answer_start", "id")
_REQUIRED = ("context", "question", "answer")
_CONFIG_FIELDS = {"context": "context_column", "question": "question_column",
                  "answer": "answer_column", "answer_start": "answer_start_column",
                  "id": "id_column", "split": "split_column"}
_SPLIT_NAMES = ("split", "subset", "fold", "set", "partition")


def guess_qa_columns(columns) -> dict[str, str | None]:
    """The columns of a question-answering table, guessed from their names: {"context",
    "question", "answer", "answer_start", "id", "title", "split"} -> a column or None."""
    columns = [str(c) for c in columns]
    lowered = {" ".join(c.split()).casefold(): c for c in reversed(columns)}
    guess: dict[str, str | None] = {}
    for role, names in {**QA_COLUMN_NAMES, "split": _SPLIT_NAMES}.items():
        taken = set(guess.values())
        guess[role] = next((lowered[n] for n in names
                            if n in lowered and lowered[n] not in taken), None)
    return guess


def looks_like_qa_header(columns) -> bool:
    """Whether a table's header names a context and a question column, and no label column
    (question, passage and label are a text-pair classification, such as BoolQ)."""
    columns = [str(c) for c in columns]
    guess = guess_qa_columns(columns)
    return (guess["context"] is not None and guess["question"] is not None
            and not has_label_name(columns))


def resolve_qa_columns(table: pd.DataFrame, data: Any, name: str) -> dict[str, str | None]:
    """The columns used: those the data settings name (None: guessed; "" for an optional one:
    none), the guess for the rest. A table without a context, question or answer column is
    refused with the columns it has."""
    guess = guess_qa_columns(table.columns)
    chosen: dict[str, str | None] = {}
    for role, config_field in _CONFIG_FIELDS.items():
        value = getattr(data, config_field, None)
        chosen[role] = guess[role] if value is None else (value or None)
    chosen["title"] = guess["title"] if guess["title"] not in chosen.values() else None
    if data is None or getattr(data, "split_column", None) is None:
        chosen["split"] = _split_values(table, chosen["split"])
    columns = [str(c) for c in table.columns]
    for column in chosen.values():
        if column is not None and column not in columns:
            raise refusal("column_missing", name=name, column=column,
                          columns=limits.listed(columns))
    missing = [role for role in _REQUIRED if chosen[role] is None]
    if missing:
        raise refusal("not_qa_table", name=name,
                      missing=Text(f"qa.role.{missing[0]}"),
                      columns=limits.listed(columns))
    return chosen


def _split_values(table: pd.DataFrame, column: str | None) -> str | None:
    """A guessed split column, kept when its values name splits (train, validation, test)."""
    if column is None:
        return None
    found = {str(v).strip().lower() for v in set(table[column].tolist())} - {""}
    return column if found and found <= SPLIT_VALUES.keys() else None


def read_qa_file(path, data: Any) -> pd.DataFrame:
    """A question-answering file (SQuAD or Label Studio JSON, or a table read by
    core.data.readers) -> the examples frame with a 1-based "row", a "split" column when the
    table has one, and each answer start that points elsewhere moved to the only place its text
    occurs. attrs: "columns" (the table columns used; None for JSON), "repaired" (starts
    moved), "read_answers" ({row: answers as the file wrote them} for the rows repaired, so the
    health report judges the file as read), "notes" and "warnings" (the table reader's)."""
    path = Path(path)
    table = None
    if _is_qa_json(path):
        frame, columns = read_qa_json(path), None
    else:
        table = read_table(path)
        columns = resolve_qa_columns(table, data, path.name)
        frame = _table_examples(table, columns, path.name)
    frame["row"] = range(1, len(frame) + 1)
    if table is not None and columns["split"]:
        frame["split"] = table[columns["split"]].astype(str).str.strip().str.lower().tolist()
    attrs = dict(frame.attrs)
    repaired, moved = _repaired(frame)
    repaired.attrs = {**attrs, "columns": columns, "repaired": moved["count"],
                      "read_answers": moved["rows"],
                      "notes": list(table.attrs.get("notes", [])) if table is not None else [],
                      "warnings": list(table.attrs.get("warnings", []))
                      if table is not None else []}
    return repaired


def _table_examples(table: pd.DataFrame, columns: dict, name: str) -> pd.DataFrame:
    """table_frame of the columns used; an answer column holding Hugging Face's squad layout
    ({"text": [...], "answer_start": [...]} per cell, as `datasets` writes JSONL) is taken as
    it is."""
    roles = {role: columns[role] for role in (*QA_ROLES, "title")}
    structured = _structured_answers(table, columns["answer"], name) \
        if columns["answer"] in (table.attrs.get("structured") or {}) else None
    if structured is None:
        return table_frame(table, **roles, name=name)
    frame = table_frame(table.assign(**{columns["answer"]: ""}), **roles, name=name)
    frame["answers"] = structured
    return frame


def _structured_answers(table: pd.DataFrame, column: str, name: str) -> list[dict] | None:
    """Each cell's {"text": [...], "answer_start": [...]}, or None when a cell is another
    shape (the column is then read as answer texts)."""
    answers = []
    for n, cell in enumerate(table[column].tolist(), start=1):
        try:
            value = json.loads(cell) if str(cell).strip() else {"text": [], "answer_start": []}
        except ValueError:
            return None
        if not (isinstance(value, dict) and isinstance(value.get("text"), list)
                and isinstance(value.get("answer_start"), list)):
            return None
        answers.append(_answers([{"text": text, "answer_start": start} for text, start
                                 in zip(value["text"], value["answer_start"])], name,
                                Text("qa.where.row", {"row": str(n)})))
    return answers


def _is_qa_json(path: Path) -> bool:
    """A .json file that is not a plain list of records (those are read as a table)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return True  # read_qa_json says what is wrong with the file
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    return not text.startswith("[") or looks_like_label_studio_qa(text) or '"data"' in text


def _repaired(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """repair_answers' copy, and the answers as read of the rows it changed."""
    result, count = repair_answers(frame)
    rows = {}
    if count:
        for row, before, after in zip(frame["row"], frame["answers"], result["answers"]):
            if list(before["answer_start"]) != list(after["answer_start"]):
                rows[int(row)] = before
    return result, {"count": count, "rows": rows}
