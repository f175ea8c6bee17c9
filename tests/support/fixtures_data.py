"""Small data files the data tests write into tmp_path (never ../shared)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

POSITIVE = ["I loved this film", "What a great story", "Wonderful acting and music",
            "A joy from start to end", "Brilliant and moving", "Funny, warm and clever",
            "The best film this year", "Beautifully shot", "I would watch it again",
            "Charming cast"]
NEGATIVE = ["I hated this film", "A boring story", "Terrible acting throughout",
            "A waste of two hours", "Dull and slow", "Not funny at all", "The worst film this year",
            "Badly shot", "I walked out", "Wooden cast"]

GBK_ROWS = [("这家酒店的服务非常好，房间干净。", "1"), ("位置不太方便，早餐一般。", "0"),
            ("价格实惠，下次还会再来。", "1"), ("隔音很差，晚上睡不好。", "0")]
BIG5_ROWS = [("這家酒店的服務非常好，房間乾淨。", "1"), ("位置不太方便，早餐一般。", "0"),
             ("價格實惠，下次還會再來。", "1"), ("隔音很差，晚上睡不好。", "0")]
LATIN1_ROWS = [("Café très agréable, personnel sympathique", "pos"),
               ("Le déjeuner était froid et très cher", "neg"),
               ("Über alles schön, naïve décor", "pos"), ("Señor, ça ne va pas", "neg")]


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def csv_text(rows, header=("text", "label"), sep=",", newline="\n") -> str:
    lines = [sep.join(header)] if header else []
    for row in rows:
        lines.append(sep.join(_quote(v, sep) for v in row))
    return newline.join(lines) + newline


def _quote(value: str, sep: str) -> str:
    if sep in value or '"' in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def sentiment_rows(per_class: int = 10) -> list[tuple[str, str]]:
    rows = []
    for i in range(per_class):
        rows.append((f"{POSITIVE[i % 10]} ({i})", "pos"))
        rows.append((f"{NEGATIVE[i % 10]} ({i})", "neg"))
    return rows


def sentiment_csv(tmp_path: Path, name: str = "reviews.csv", per_class: int = 10) -> Path:
    return write(tmp_path, name, csv_text(sentiment_rows(per_class)))


def jsonl(tmp_path: Path, name: str, records) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(tmp_path, name, "\n".join(lines) + "\n")


def xlsx(tmp_path: Path, name: str, sheets: dict[str, list[list]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def zip_bomb_xlsx(tmp_path: Path, name: str = "bomb.xlsx", megabytes: int = 210) -> Path:
    """A small .xlsx-named zip whose one member unpacks to more than 200 MB of zeros."""
    path = tmp_path / name
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def conll(tmp_path: Path, name: str, sentences, sep: str = "\t") -> Path:
    blocks = ["\n".join(f"{tok}{sep}{tag}" for tok, tag in sentence) for sentence in sentences]
    return write(tmp_path, name, "\n\n".join(blocks) + "\n")


NER_SENTENCES = [
    [("John", "B-PER"), ("lives", "O"), ("in", "O"), ("Paris", "B-LOC")],
    [("Mary", "B-PER"), ("Smith", "I-PER"), ("works", "O"), ("at", "O"), ("Acme", "B-ORG")],
    [("The", "O"), ("weather", "O"), ("is", "O"), ("fine", "O")],
    [("Berlin", "B-LOC"), ("and", "O"), ("New", "B-LOC"), ("York", "I-LOC")],
    [("Ask", "O"), ("Peter", "B-PER"), ("about", "O"), ("Google", "B-ORG")],
    [("Rome", "B-LOC"), ("is", "O"), ("old", "O")],
    [("Anna", "B-PER"), ("visited", "O"), ("Oslo", "B-LOC")],
    [("IBM", "B-ORG"), ("hired", "O"), ("Tom", "B-PER")],
    [("Nothing", "O"), ("here", "O")],
    [("Lisa", "B-PER"), ("left", "O"), ("Madrid", "B-LOC")],
]


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def parquet(tmp_path: Path, name: str, frame) -> Path:
    path = tmp_path / name
    frame.to_parquet(path)
    return path


def bytes_io_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def xlsx_with_title(tmp_path: Path, name: str, title: str, rows: list[list]) -> Path:
    """A workbook whose first row is a title merged across the table's columns."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feedback"
    sheet["A1"] = title
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def single_line(tmp_path: Path, name: str, megabytes: int = 10) -> Path:
    """A file of `megabytes` MB of words without one line break."""
    words = "lorem ipsum dolor sit amet "
    return write(tmp_path, name, words * (megabytes * 1024 * 1024 // len(words)))
