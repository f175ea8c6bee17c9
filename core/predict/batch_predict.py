"""Predicting a whole file: read it, predict in chunks, write the CSV as it goes.

Only one chunk of predictions is held in memory at a time, and the caller gets a progress call
after each chunk plus a small preview, so a page can show a 100,000-row file without ever
holding every prediction. The output keeps the input's rows, in their order, with the input's
columns first; every cell that a spreadsheet could run as a formula is neutralised.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from core.data import infer_columns, read_table
from core.data.examples import joined_texts
from core.errors import UserError
from core.tasks import saved_task_kind
from core.text import Text
from core.workspace import csv_safe

CHUNK_ROWS = 2000
PREVIEW_ROWS = 100
BATCH_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".jsonl", ".json", ".parquet")
CSV_ENCODING = "utf-8-sig"  # the byte-order mark makes Excel read accents correctly

Progress = Callable[[int, int], None]


@dataclass
class BatchResult:
    path: Path
    rows: int
    columns: list[str]
    preview: pd.DataFrame
    seconds: float


def _error(message: str, fix: str, **params: str) -> UserError:
    """prediction.<message>.message with the fix prediction.<fix>.fix."""
    return UserError(Text(f"prediction.{message}.message", params),
                     Text(f"prediction.{fix}.fix", params))


def read_batch_file(path: str | Path) -> pd.DataFrame:
    """The file as a table of strings (a TXT file gives one text per line in column 'text')."""
    path = Path(path)
    if path.suffix.lower() not in BATCH_SUFFIXES:
        raise _error("not_a_batch_file", "not_a_batch_file", file=path.name)
    if not path.is_file() or path.stat().st_size == 0:
        raise _error("empty_file", "one_text_per_row", file=path.name)
    frame = read_table(path)
    if frame.empty or not len(frame.columns):
        raise _error("no_rows", "one_text_per_row", file=path.name)
    return frame.reset_index(drop=True)


def guess_text_column(frame: pd.DataFrame) -> str:
    guess = infer_columns(frame).text
    return guess if guess in frame.columns else str(frame.columns[0])


def check_text_column(frame: pd.DataFrame, column: Any, name: str | None = None) -> str:
    """`column` when the frame has it; else a UserError naming the file (`name`, default:
    'The file')."""
    if column not in frame.columns:
        shown = ", ".join(f"'{c}'" for c in list(frame.columns)[:20])
        code = "no_column" if name else "no_column_in_file"
        raise _error(code, "no_column", name=str(name or ""), column=str(column), columns=shown)
    return str(column)


def output_columns(input_columns: Sequence[str], task: Any) -> tuple[list[str], list[str]]:
    """(all output column names, the prediction columns), never clashing with input names.
    `task`: the run's task (core.tasks), or its name.

    The added names stay English in every language: the CSV is read back by programs (and by
    this app when it is uploaded again), which look for these exact names.
    """
    wanted = list((saved_task_kind(task) if isinstance(task, str) else task).output_columns)
    taken = set(map(str, input_columns))
    added = []
    for name in wanted:
        unique = name
        while unique in taken:
            unique = f"model_{unique}"
        taken.add(unique)
        added.append(unique)
    return [*map(str, input_columns), *added], added


def prediction_cells(result: dict[str, Any]) -> list[Any]:
    """One prediction as the cells the CSV gets (readable first, exact second)."""
    if "entities" in result:
        entities = result["entities"]
        readable = "; ".join(f"{e['text']} ({e['type']}, {e['score']:.2f})" for e in entities)
        return [readable, json.dumps(entities, ensure_ascii=False)]
    if "no_answer" in result:  # an answer span: its text, first character (-1: none), score
        return [result["text"], int(result["start"]), round(float(result["score"]), 4)]
    return ["|".join(result.get("labels") or []), round(float(result.get("score", 0.0)), 4)]


def predict_file(predictor: Any, frame: pd.DataFrame, column: str, output: str | Path,
                 chunk_rows: int = CHUNK_ROWS, progress: Progress | None = None,
                 preview_rows: int = PREVIEW_ROWS, join_column: str | None = None,
                 pair_column: str | None = None) -> BatchResult:
    """Predict `frame[column]` chunk by chunk into the CSV `output`, in the input's order.

    A model trained on two columns joined into one text (`join_column`, e.g. title and
    description) gets them joined the same way. `pair_column` is the second input of each
    row: the context a question is answered from, or the second text of a pair classifier.

    Empty texts get empty predictions. The CSV is written to a temporary file and renamed at
    the end, so a stopped run never leaves a half-written file under the final name.
    """
    column = check_text_column(frame, column)
    for other in (join_column, pair_column):
        if other is not None:
            check_text_column(frame, other)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    header, added = output_columns(list(frame.columns), predictor.kind)
    total = len(frame)
    started = time.time()
    preview: list[list[Any]] = []
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", newline="", encoding=CSV_ENCODING) as handle:
            writer = csv_safe.writer(handle)
            writer.writerow(header)
            if progress:
                progress(0, total)
            for start in range(0, total, max(1, chunk_rows)):
                chunk = frame.iloc[start:start + chunk_rows]
                rows = _predict_chunk(predictor, chunk, column, len(added), join_column,
                                      pair_column)
                writer.writerows(rows)
                if len(preview) < preview_rows:
                    preview.extend(rows[:preview_rows - len(preview)])
                if progress:
                    progress(min(total, start + len(chunk)), total)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return BatchResult(path=output, rows=total, columns=header,
                       preview=pd.DataFrame(preview, columns=header),
                       seconds=round(time.time() - started, 2))


def _cells(chunk: pd.DataFrame, column: str) -> list[str]:
    return ["" if v is None or (isinstance(v, float) and v != v) else str(v)
            for v in chunk[column].tolist()]


def _predict_chunk(predictor: Any, chunk: pd.DataFrame, column: str, n_added: int,
                   join_column: str | None = None, pair_column: str | None = None
                   ) -> list[list[Any]]:

    if join_column:
        texts = joined_texts(chunk.fillna(""), column, join_column).tolist()
    else:
        texts = ["" if t is None else str(t) for t in chunk[column].tolist()]
    pairs = _cells(chunk, pair_column) if pair_column else None
    filled = [i for i, t in enumerate(texts) if t.strip() and (pairs is None or pairs[i].strip())]
    results = predictor.predict([texts[i] for i in filled],
                                [pairs[i] for i in filled] if pairs else None) if filled else []
    cells: list[list[Any]] = [[""] * n_added for _ in texts]
    for i, result in zip(filled, results, strict=False):
        cells[i] = prediction_cells(result)
    values = chunk.astype(object).where(chunk.notna(), "").values.tolist()
    return [row + extra for row, extra in zip(values, cells, strict=False)]
