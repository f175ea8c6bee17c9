"""Encodings users' tools produce read back to the same text; binary data is refused."""

from __future__ import annotations

import codecs

import pytest
from support.fixtures_data import BIG5_ROWS, GBK_ROWS, LATIN1_ROWS, csv_text, png_bytes, write

from core.data import read_table
from core.data.encoding import decode
from core.errors import UserError


@pytest.mark.parametrize("rows,encoding", [
    (GBK_ROWS, "gbk"), (GBK_ROWS, "gb18030"), (BIG5_ROWS, "big5"), (LATIN1_ROWS, "latin-1"),
    (LATIN1_ROWS, "cp1252"), (GBK_ROWS, "utf-8"), (GBK_ROWS, "utf-8-sig"), (GBK_ROWS, "utf-16"),
    (LATIN1_ROWS, "utf-16-be"), (GBK_ROWS, "utf-16-le"),
])
def test_encodings_read_back(tmp_path, rows, encoding):
    raw = csv_text(rows * 3).encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    frame = read_table(write(tmp_path, "data.csv", raw))
    assert list(frame.columns) == ["text", "label"]
    assert frame["text"].tolist()[:len(rows)] == [t for t, _ in rows]


def test_utf16_without_bom_is_recognised():
    text, encoding = decode(csv_text(LATIN1_ROWS).encode("utf-16-le"), "x.csv")
    assert encoding == "utf-16-le" and text.startswith("text,label")


def test_bom_is_not_part_of_the_first_column(tmp_path):
    frame = read_table(write(tmp_path, "bom.csv", codecs.BOM_UTF8 + b"text,label\na,b\n"))
    assert list(frame.columns) == ["text", "label"]


@pytest.mark.parametrize("raw,phrase", [
    (b"", "empty"), (b"\n \n", "empty"), (png_bytes(), "PNG"),
    (b"%PDF-1.4 stuff", "PDF"), (bytes(range(256)) * 10, "binary"),
    (b"text,label\n\x00\x01\x02\x03\x04\x05\x06\x07" * 50, "binary"),
])
def test_empty_and_binary_data_are_refused(raw, phrase):
    with pytest.raises(UserError) as caught:
        decode(raw, "upload.csv")
    assert phrase in caught.value.message and "upload.csv" in caught.value.message


def test_bom_with_invalid_bytes_names_the_line():
    with pytest.raises(UserError, match="line 2"):
        decode(codecs.BOM_UTF8 + b"text,label\n\xff\xfe bad,x\n", "bad.csv")
