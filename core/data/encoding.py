"""Turning the bytes of a user's file into text: size limit, binary sniffing, encoding detection.

Users bring files saved by Excel on Windows (cp1252, UTF-16), by Chinese software (GBK, Big5)
or by scripts (UTF-8 with or without BOM). We decode the whole file strictly with the detected
encoding so that a wrong guess fails loudly instead of producing mojibake labels.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from core.data.limits import MAX_FILE_BYTES, megabytes, notice, refusal
from core.text import Text

DEFAULT_MAX_BYTES = MAX_FILE_BYTES

# Encodings we trust charset-normalizer to choose between; its other guesses on short samples
# (cp1250, cp775, euc_jis...) are rarely what a user's file really is.
_PREFERRED = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp1252",
              "latin_1", "iso8859_1", "iso8859_15", "utf_16", "utf_16_le", "utf_16_be",
              "shift_jis", "cp932", "euc_kr", "cp949", "cp1251")
# GB2312 and GBK are subsets of GB18030; decoding with the superset never loses characters.
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "iso8859_1": "latin_1", "cp950": "big5hkscs",
            "big5": "big5hkscs"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# file signature -> what the file is (reading.magic.<what>)
_MAGIC = ((b"\x89PNG", "png"), (b"%PDF", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
          (b"PK\x03\x04", "zip"), (b"\x1f\x8b", "gzip"), (b"PAR1", "parquet"),
          (b"\xd0\xcf\x11\xe0", "office"), (b"SQLite format", "sqlite"))
_SAMPLE = 256 * 1024
# Anything a reader can see: not a space, not a zero-width or direction mark, not a control.
VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
                     r"\u2060-\u2064\u2066-\u206f\ufeff]")


def check_size(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Size of a readable regular file, or a UserError saying why it cannot be used."""
    name = path.name
    if not path.exists():
        raise refusal("missing_file", name=name)
    if not path.is_file():
        raise refusal("folder", name=name)
    size = path.stat().st_size
    if size > max_bytes:
        raise refusal("too_large", name=name, size=megabytes(size), limit=megabytes(max_bytes))
    return size


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    check_size(path, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise refusal("cannot_open", name=path.name,
                      problem=str(exc.strerror or exc)) from None


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises UserError for empty or binary data."""
    if not raw.strip():
        raise refusal("empty", name=name)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding, name), encoding
    _reject_magic(raw, name)
    utf16 = _utf16_without_bom(raw[:4096])
    if utf16:
        return _strict(raw, utf16, name), utf16
    _reject_binary(raw, name)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _candidates(raw):
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin_1"), "latin_1"  # latin-1 maps every byte, so this cannot fail


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    return decode(read_bytes(path, max_bytes), path.name)


def without_nul(text: str, name: str) -> tuple[str, list[dict]]:
    """The text without NUL characters, and a warning when there were any: the binary check
    looks only at the first 8 KB, and a NUL further on means a damaged or partly binary file."""
    first = text.find("\x00")
    if first < 0:
        return text, []
    count = text.count("\x00")
    line = text.count("\n", 0, first) + 1
    return text.replace("\x00", ""), [notice("nul", name=name, count=count, line=str(line))]


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise refusal("bad_bytes", name=name, encoding=encoding, line=str(line)) from None


def _utf16_without_bom(head: bytes) -> str | None:
    # Only text with zero bytes can be UTF-16 without a BOM; binary data fails the strict
    # decode (lone surrogates) or decodes to unprintable characters.
    if b"\x00" not in head:
        return None
    head = head[:len(head) // 4 * 4]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:
                continue
            text = head[:exc.start].decode(encoding)
        printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
        if "\n" in text and "\x00" not in text and printable >= 0.95 * len(text):
            return encoding
    return None


def _reject_magic(raw: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise refusal("not_text", "export_text", name=name,
                          what=Text(f"reading.magic.{what}"))


def _reject_binary(raw: bytes, name: str) -> None:
    head = raw[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > 0.05 * len(head):
        raise refusal("binary", "export_text", name=name)


def _candidates(raw: bytes) -> list[str]:
    sample = raw[:_SAMPLE]
    guesses = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    ordered = [g for g in guesses if g in _PREFERRED] + ["gb18030", "big5hkscs", "cp1252"]
    seen: list[str] = []
    for guess in ordered:
        encoding = _ALIASES.get(guess, guess)
        if encoding not in seen:
            seen.append(encoding)
    return seen
