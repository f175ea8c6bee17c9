"""Label projects in the workspace: unlabeled texts, label names, and every labeling action.

A project is a folder `<workspace>/labeling/<project_id>/` holding:
- `project.json`: name, task, label names (or entity types), settings and the runs trained from
  it (rewritten atomically);
- `texts.jsonl`: the texts to label, one JSON object a line; an item is its line index;
- `events.jsonl`: append-only actions (label, skip, clear, undo), one JSON object a line, each
  written in one call and flushed to disk, so a refresh or a crash loses nothing;
- `draft.json`: entity spans of the text being tagged, or the question being written and its
  selected answer words, before it is saved.

The current labels are the events replayed: the last label, skip or clear (the item back to
unlabeled) of an item wins, and an undo takes back the latest action not yet taken back. A
label value is always a list: `[label]` for single-label classification, `[label, ...]` for
multi-label, and `[[first, end, type], ...]` word spans (end exclusive) over `tokenize(text)`
for entity recognition; for question answering the texts are paragraphs and a value is the
paragraph's questions with their answer spans (core.label.qa_labeling).

Exports are in the formats the Data page reads: CSV `text,label` (multi-label: `text,labels`
with `|` between labels), for entities JSONL `{"tokens", "tags"}` or CoNLL, and for questions
SQuAD JSON.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.data.columns import infer_columns
from core.data.encoding import read_text
from core.data.readers import read_table
from core.data.spans import tokenize
from core.errors import UserError
from core.label import qa_labeling
from core.tasks import TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION, is_task, task_kind
from core.text import Text, t
from core.workspace import csv_safe, runs

CLASSIFICATION = TEXT_CLASSIFICATION  # names of the two tasks, for callers that create projects
NER = TOKEN_CLASSIFICATION
PROJECT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".jsonl", ".json")
MAX_TEXTS = 50_000
MAX_LABELS = 200
MAX_LABEL_CHARS = 60
MULTI_LABEL_SEPARATOR = "|"
_OUTSIDE_TAGS = {"O", "o", "OUT", "0"}
_TAG_PREFIX = re.compile(r"^[BIESLU][-_]", re.IGNORECASE)


@dataclass
class Project:
    project_id: str
    path: Path
    name: str
    task: str
    labels: list[str]
    multi_label: bool = False
    source: str = ""
    created: float = 0.0
    model: str = "default"
    auto_train: bool = False
    runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def kind(self) -> Any:
        """The project's task (core.tasks `task_kind`): what its labels are and how they are
        trained and exported."""
        return task_kind(self.task)

    @property
    def asks_questions(self) -> bool:
        """Whether its texts are paragraphs labeled with questions and their answer spans."""
        return qa_labeling.asks_questions(self.kind)

    @property
    def has_smart_features(self) -> bool:
        """Whether suggestions, smart ordering and training from the project serve it."""
        return not self.asks_questions

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.project_id, "name": self.name, "task": self.task,
                "labels": self.labels, "multi_label": self.multi_label, "source": self.source,
                "created": self.created, "model": self.model, "auto_train": self.auto_train,
                "runs": self.runs}


@dataclass
class LabelState:
    """The labels as they stand after replaying every event."""

    labels: dict[int, list[Any]] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    skipped: set[int] = field(default_factory=set)
    order: list[int] = field(default_factory=list)  # labeled items, oldest label first
    n_events: int = 0

    def counts(self) -> Counter:
        """Examples per label (classification) or entities per type (NER)."""
        counter: Counter = Counter()
        for value in self.labels.values():
            for part in value:
                if not isinstance(part, dict):  # questions are counted by question_counts
                    counter[part[2] if isinstance(part, list) else part] += 1
        return counter


@dataclass(frozen=True)
class Progress:
    total: int
    labeled: int
    skipped: int

    @property
    def left(self) -> int:
        return self.total - self.labeled

    @property
    def share(self) -> float:
        return self.labeled / self.total if self.total else 0.0


def label_error(name: str, fix: Text | None = None, /, **params: Any) -> UserError:
    """The UserError labeling.<name>: its message, and its fix (labeling.<name>.fix unless
    given), rendered in the reader's language when read."""
    return UserError(Text(f"labeling.{name}.message", params),
                     fix if fix is not None else Text(f"labeling.{name}.fix", params))


def _use_one_of(choices: Sequence[str]) -> Text:
    return Text("labeling.use_one_of.fix", {"choices": ", ".join(choices)})


# ----- where projects live ------------------------------------------------------------------

def projects_dir() -> Path:
    folder = runs.workspace_dir() / "labeling"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_project_id(project_id: str) -> str:
    if not isinstance(project_id, str) or not PROJECT_ID_PATTERN.match(project_id) \
            or ".." in project_id:
        raise label_error("bad_project_id", project_id=repr(project_id))
    return project_id


def project_path(project_id: str) -> Path:
    return projects_dir() / check_project_id(project_id)


# ----- creating, opening, listing -----------------------------------------------------------

def clean_label_names(names: Sequence[str], task: str, multi_label: bool = False) -> list[str]:
    """Stripped, unique label names (or entity types), checked for what the exports can hold."""
    cleaned: list[str] = []
    for raw in names:
        name = str(raw).strip()
        if name and name not in cleaned:
            cleaned.append(name)
    entities = task_kind(task).shows_entities
    what = "types" if entities else "labels"
    needed = 1 if entities else 2
    if len(cleaned) < needed:
        raise label_error(f"too_few_{what}", needed=needed, count=len(cleaned))
    if len(cleaned) > MAX_LABELS:
        raise label_error(f"too_many_{what}", count=len(cleaned), limit=MAX_LABELS)
    for name in cleaned:
        _check_label_name(name, task, multi_label)
    return cleaned


def _check_label_name(name: str, task: str, multi_label: bool) -> None:
    if len(name) > MAX_LABEL_CHARS or "\n" in name or "\t" in name:
        raise label_error("bad_name", name=repr(name[:40]), limit=MAX_LABEL_CHARS)
    if task_kind(task).shows_entities and (re.search(r"\s", name) or name in _OUTSIDE_TAGS
                                           or _TAG_PREFIX.match(name)):
        raise label_error("bad_entity_type", name=repr(name))
    if multi_label and MULTI_LABEL_SEPARATOR in name:
        raise label_error("separator_in_label", name=repr(name))


def read_texts(path: Path, text_column: str | None = None, paragraphs: bool = False
               ) -> tuple[list[str], list[str]]:
    """The non-empty texts of a file (first occurrence of each) and notes on what was left out.

    TXT files hold one text a line (with `paragraphs`, one a block between blank lines when
    there are any); tables (CSV, TSV, XLSX, JSON, JSONL) a text column, guessed when not given.
    """
    path = Path(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise label_error("file_type", file=path.name)
    if paragraphs and path.suffix.lower() == ".txt":
        text = read_text(path)[0].lstrip("\ufeff")
        return _checked_texts(path.name, qa_labeling.paragraphs_of(text), "text")
    frame = read_table(path)
    columns = [str(c) for c in frame.columns]
    if text_column is None:
        text_column = text_column_guess(frame)
    if text_column not in columns:
        raise label_error("no_column", file=path.name, column=repr(text_column),
                          columns=", ".join(columns))
    return _checked_texts(path.name, frame[text_column].astype(str), text_column)


def _checked_texts(name: str, values: Any, column: str) -> tuple[list[str], list[str]]:
    texts, empty, duplicates = _unique_texts(values)
    if not texts:
        raise label_error("no_texts_in_column", file=name, column=repr(column))
    if len(texts) > MAX_TEXTS:
        raise label_error("too_many_texts", file=name, count=len(texts), limit=MAX_TEXTS)
    notes = []
    if empty:
        notes.append(t("label.create.empty_rows", count=empty))
    if duplicates:
        notes.append(t("label.create.repeated", count=duplicates))
    return texts, notes


def _unique_texts(values: Any) -> tuple[list[str], int, int]:
    """The stripped non-empty values, each once in first-seen order, with the number of empty
    values and of repeats left out."""
    texts: list[str] = []
    seen: set[str] = set()
    empty = duplicates = 0
    for value in values:
        text = value.strip()
        if not text:
            empty += 1
        elif text in seen:
            duplicates += 1
        else:
            seen.add(text)
            texts.append(text)
    return texts, empty, duplicates


def text_column_guess(frame: Any) -> str:
    """The column most likely to hold the texts: the guessed text column, else the first."""
    columns = [str(c) for c in frame.columns]
    if len(columns) == 1:
        return columns[0]
    return infer_columns(frame).text or columns[0]


def split_names(typed: str) -> list[str]:
    """Label names as typed in one box: separated by commas, Latin or Chinese (，、), or by
    new lines."""
    return re.split(r"[,，、\n]", typed or "")


def create_project(name: str, task: str, label_names: Sequence[str], texts: Sequence[str],
                   source: str = "", multi_label: bool = False) -> Project:
    if not is_task(task):
        raise label_error("unknown_task", task=repr(task), first=TEXT_CLASSIFICATION,
                          second=TOKEN_CLASSIFICATION)
    kind = task_kind(task)
    multi_label = bool(multi_label) and not kind.shows_entities \
        and not qa_labeling.asks_questions(kind)
    labels = [] if qa_labeling.asks_questions(kind) \
        else clean_label_names(label_names, task, multi_label)
    name = (name or "").strip() or (Path(source).stem if source else t("labeling.default_name"))
    if len(name) > 100:
        raise label_error("name_too_long")
    cleaned = [str(t).strip() for t in texts if str(t).strip()]
    if not cleaned:
        raise label_error("no_texts")
    project_id = runs.new_run_id(name)
    folder = project_path(project_id)
    folder.mkdir(parents=True)
    _write_lines_atomic(folder / "texts.jsonl",
                        [json.dumps({"text": t}, ensure_ascii=False) for t in cleaned])
    (folder / "events.jsonl").touch()
    project = Project(project_id=project_id, path=folder, name=name, task=task, labels=labels,
                      multi_label=multi_label, source=Path(source).name if source else "",
                      created=time.time())
    save_project(project)
    return project


def save_project(project: Project) -> None:
    runs.write_json_atomic(project.path / "project.json", project.to_dict())


def open_project(project_id: str) -> Project:
    folder = project_path(project_id)
    raw = runs.read_json(folder / "project.json")
    if raw is None or not (folder / "texts.jsonl").is_file():
        raise label_error("project_damaged", project_id=project_id)
    return Project(project_id=project_id, path=folder, name=str(raw.get("name") or project_id),
                   task=str(raw.get("task") or TEXT_CLASSIFICATION),
                   labels=[str(x) for x in raw.get("labels") or []],
                   multi_label=bool(raw.get("multi_label")), source=str(raw.get("source") or ""),
                   created=float(raw.get("created") or 0.0),
                   model=str(raw.get("model") or "default"),
                   auto_train=bool(raw.get("auto_train")),
                   runs=[r for r in raw.get("runs") or [] if isinstance(r, dict)])


def list_projects() -> list[Project]:
    """Every readable project, newest first."""
    found = []
    for folder in projects_dir().iterdir():
        if folder.is_dir() and PROJECT_ID_PATTERN.match(folder.name):
            try:
                found.append(open_project(folder.name))
            except UserError:
                continue
    return sorted(found, key=lambda p: (p.created, p.project_id), reverse=True)


def delete_project(project_id: str) -> None:
    shutil.rmtree(project_path(project_id))


def load_texts(project: Project) -> list[str]:
    lines = (project.path / "texts.jsonl").read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


def item_tokens(text: str) -> list[str]:
    """The words entity spans are counted in (the Data page's tokenizer for span exports)."""
    return tokenize(text)[0]


# ----- labeling actions ---------------------------------------------------------------------

def _append_event(project: Project, event: dict[str, Any]) -> None:
    line = json.dumps({**event, "time": time.time()}, ensure_ascii=False) + "\n"
    path = project.path / "events.jsonl"
    if _ends_mid_line(path):  # a write cut short by a crash: start on a fresh line
        line = "\n" + line
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def _ends_mid_line(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) != b"\n"
    except OSError:
        return False


def _check_item(item: int, n_texts: int) -> int:
    if not isinstance(item, int) or isinstance(item, bool) or not 0 <= item < n_texts:
        raise label_error("no_item", item=str(item))
    return item


def check_value(project: Project, value: Sequence[Any], n_tokens: int | None = None,
                context: str = "") -> list:
    """The label value in its stored form, or a UserError saying what is wrong with it
    (questions are checked against their paragraph, `context`)."""
    if project.asks_questions:
        return qa_labeling.check_questions(value, context)
    if project.kind.shows_entities:
        spans = []
        for span in value:
            first, end, kind = int(span[0]), int(span[1]), str(span[2])
            if kind not in project.labels:
                raise label_error("unknown_type", _use_one_of(project.labels), name=repr(kind))
            if not 0 <= first < end or (n_tokens is not None and end > n_tokens):
                raise label_error("span_outside", first=str(first + 1), end=str(end))
            spans.append([first, end, kind])
        spans.sort()
        for a, b in zip(spans, spans[1:], strict=False):
            if b[0] < a[1]:
                raise label_error("overlap", first=a[2], second=b[2])
        return spans
    chosen = [str(v) for v in value]
    unknown = [v for v in chosen if v not in project.labels]
    if unknown:
        raise label_error("unknown_label", _use_one_of(project.labels), name=repr(unknown[0]))
    if not chosen or (len(chosen) > 1 and not project.multi_label):
        raise label_error("one_label")
    return sorted(set(chosen), key=project.labels.index)


def label(project: Project, item: int, value: Sequence[Any], texts: Sequence[str],
          source: str = "manual") -> None:
    """Give `item` its label (a new one, or a change of an earlier one)."""
    _check_item(item, len(texts))
    entities = project.kind.shows_entities
    n_tokens = len(item_tokens(texts[item])) if entities else None
    value = check_value(project, value, n_tokens, texts[item])
    _append_event(project, {"type": "label", "item": item, "value": value, "source": source})
    if entities or project.asks_questions:
        clear_draft(project)


def questions_of(state: LabelState, item: int) -> list[dict[str, Any]]:
    """The questions asked of paragraph `item` so far."""
    return [q for q in state.labels.get(item, []) if isinstance(q, dict)]


def add_question(project: Project, item: int, question: str, span: tuple[int, int] | None,
                 texts: Sequence[str]) -> dict[str, Any]:
    """Ask `question` of paragraph `item`, answered by its characters `span` (start, end
    exclusive), or None when the paragraph does not answer it; the question as stored."""
    _check_item(item, len(texts))
    asked = questions_of(label_state(project), item)
    added = qa_labeling.new_question(f"{project.project_id}-{item + 1}", asked, question,
                                     texts[item], span)
    label(project, item, [*asked, added], texts)
    return added


def remove_question(project: Project, item: int, question_id: str, texts: Sequence[str]) -> None:
    """Take question `question_id` off paragraph `item` (undo puts it back); a paragraph left
    without questions is unlabeled again."""
    _check_item(item, len(texts))
    kept = [q for q in questions_of(label_state(project), item) if q["id"] != question_id]
    if kept:
        label(project, item, kept, texts)
    else:
        _append_event(project, {"type": "clear", "item": item})


def skip(project: Project, item: int, n_texts: int) -> None:
    """Leave `item` for later: it comes back once every other text is labeled or skipped."""
    _append_event(project, {"type": "skip", "item": _check_item(item, n_texts)})


def undo(project: Project) -> int | None:
    """Take back the latest label or skip; the item it concerned, or None when nothing is left."""
    effective = _effective_events(read_events(project))
    if not effective:
        return None
    _append_event(project, {"type": "undo"})
    return int(effective[-1]["item"])


def read_events(project: Project) -> list[dict[str, Any]]:
    try:
        with open(project.path / "events.jsonl", "rb") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    return runs.json_objects(lines)  # a line cut short by a crash is skipped


def _effective_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    effective: list[dict[str, Any]] = []
    for event in events:
        if event.get("type") == "undo":
            if effective:
                effective.pop()
        elif event.get("type") in ("label", "skip", "clear") \
                and isinstance(event.get("item"), int):
            effective.append(event)
    return effective


def label_state(project: Project) -> LabelState:
    events = read_events(project)
    state = LabelState(n_events=len(events))
    for event in _effective_events(events):
        item = int(event["item"])
        if event["type"] == "label" and isinstance(event.get("value"), list):
            state.labels[item] = event["value"]
            state.sources[item] = str(event.get("source") or "manual")
            state.skipped.discard(item)
            if item in state.order:
                state.order.remove(item)
            state.order.append(item)
        elif event["type"] in ("skip", "clear"):
            if event["type"] == "skip":
                state.skipped.add(item)
            else:
                state.skipped.discard(item)
            state.labels.pop(item, None)
            state.sources.pop(item, None)
            if item in state.order:
                state.order.remove(item)
    return state


def progress(state: LabelState, n_texts: int) -> Progress:
    return Progress(total=n_texts, labeled=len(state.labels), skipped=len(state.skipped))


def next_item(state: LabelState, n_texts: int, order: Sequence[int] | None = None) -> int | None:
    """The first unlabeled, unskipped item of `order` (then of file order); skipped ones last."""
    candidates = list(order or []) + list(range(n_texts))
    for item in candidates:
        if 0 <= item < n_texts and item not in state.labels and item not in state.skipped:
            return item
    for item in candidates:
        if item in state.skipped:
            return item
    return None


def unlabeled_items(state: LabelState, n_texts: int) -> list[int]:
    return [i for i in range(n_texts) if i not in state.labels]


# ----- entity drafts ------------------------------------------------------------------------

def save_draft(project: Project, item: int, spans: list[list[Any]]) -> None:
    """The spans of the text being tagged, kept until it is saved (a refresh keeps them)."""
    runs.write_json_atomic(project.path / "draft.json", {"item": item, "spans": spans})


def read_draft(project: Project, item: int) -> list[list[Any]] | None:
    draft = runs.read_json(project.path / "draft.json")
    if not draft or draft.get("item") != item or not isinstance(draft.get("spans"), list):
        return None
    return draft["spans"]


def save_question_draft(project: Project, item: int, question: str, words: list[int]) -> None:
    """The question being written about `item` and its selected answer words (a refresh keeps
    them until the question is added)."""
    runs.write_json_atomic(project.path / "draft.json",
                           {"item": item, "question": str(question or ""),
                            "words": [int(w) for w in words]})


def read_question_draft(project: Project, item: int) -> tuple[str, list[int]] | None:
    draft = runs.read_json(project.path / "draft.json")
    if not draft or draft.get("item") != item or not isinstance(draft.get("words"), list):
        return None
    return str(draft.get("question") or ""), [int(w) for w in draft["words"]
                                              if isinstance(w, int) and not isinstance(w, bool)]


def clear_draft(project: Project) -> None:
    (project.path / "draft.json").unlink(missing_ok=True)


def spans_to_tags(n_tokens: int, spans: Sequence[Sequence[Any]]) -> list[str]:
    tags = ["O"] * n_tokens
    for first, end, kind in spans:
        for position in range(int(first), int(end)):
            tags[position] = ("B-" if position == first else "I-") + str(kind)
    return tags


# ----- exports ------------------------------------------------------------------------------

# the formats labeled rows can be exported in, by the task's own file format
_EXPORT_FORMATS = {"csv": ("csv",), "jsonl": ("jsonl", "conll"), "json": ("json",)}


def export_formats(project: Project) -> tuple[str, ...]:
    """The formats `export_bytes` writes the project's labels in."""
    return _EXPORT_FORMATS[project.kind.export_format]


def labeled_rows(project: Project, state: LabelState, texts: Sequence[str],
                 items: Sequence[int] | None = None) -> list[tuple[str, list[Any]]]:
    """(text, value) of the labeled items, in file order."""
    chosen = sorted(state.labels) if items is None else [i for i in items if i in state.labels]
    return [(texts[i], state.labels[i]) for i in chosen]


def export_bytes(project: Project, rows: list[tuple[str, list[Any]]], fmt: str) -> bytes:
    """The rows in `fmt`: csv (classification), jsonl or conll (entities), json (questions,
    SQuAD)."""
    if fmt not in export_formats(project):
        raise label_error("export_format", _use_one_of(export_formats(project)),
                          format=repr(fmt))
    if not rows:
        raise label_error("nothing_to_export")
    if fmt == "csv":
        return _csv_bytes(project, rows)
    if fmt == "json":
        return qa_labeling.squad_bytes(project.name, rows)
    sentences = []
    for text, spans in rows:
        tokens = item_tokens(text)
        sentences.append((tokens, spans_to_tags(len(tokens), spans)))
    if fmt == "jsonl":
        lines = [json.dumps({"tokens": t, "tags": g}, ensure_ascii=False) for t, g in sentences]
        return ("\n".join(lines) + "\n").encode("utf-8")
    blocks = ["\n".join(f"{token}\t{tag}" for token, tag in zip(t, g, strict=False))
              for t, g in sentences]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _csv_bytes(project: Project, rows: list[tuple[str, list[Any]]]) -> bytes:
    header = ["text", "labels" if project.multi_label else "label"]
    return csv_safe.rows_bytes([header] + [[text, MULTI_LABEL_SEPARATOR.join(value)]
                                           for text, value in rows])


def export_filename(project: Project, fmt: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", project.name).strip("-").lower()[:40] or "labels"
    return f"{slug}-labels.{fmt}"


def _write_lines_atomic(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
