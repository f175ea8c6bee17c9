"""The size limits every data reader holds to, in one place, and the refusal that names them.

A file a few KB long can declare a million rows, sixteen thousand columns or a list nested a
hundred thousand levels deep; without limits reading it costs minutes or crashes the reader.
Each limit is far above what a labeled text dataset needs, and each refusal says which limit
was passed and what to do, so a user never waits on a file that cannot be trained on anyway.
"""

from __future__ import annotations

from core.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024       # on disk, before anything is read
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # after decompression (.xlsx archives, Parquet pages)
MAX_ROWS = 2_000_000                     # examples (rows, records, lines, sentences)
MAX_COLUMNS = 1_000                      # columns of a table, distinct keys of JSON records
MAX_CELLS = 10_000_000                   # rows x columns
MAX_NESTING = 100                        # levels of lists/objects inside each other in JSON
MAX_NUMBER_DIGITS = 1_000                # digits of one whole number in JSON
MAX_SHEET_ROWS = 1_048_576               # Excel's own row limit; a sheet claiming more is damaged


def too_many_rows(name: str, count: int | str) -> UserError:
    return UserError(f"{name} has more than {MAX_ROWS:,} rows ({count}), the limit for one file.",
                     "Use a sample of the data, or split it into several smaller files.")


def too_many_columns(name: str, count: int, where: str = "", detail: str = "") -> UserError:
    return UserError(f"{name}{where} has {count:,} columns{detail}, more than the limit of "
                     f"{MAX_COLUMNS:,}.",
                     "Keep only the text and label columns (and a split column if you have "
                     "one), then save the file again.")


def too_many_cells(name: str) -> UserError:
    return UserError(f"{name} has more than {MAX_CELLS:,} cells (rows times columns), the limit "
                     f"for one file.",
                     "Keep only the text and label columns, or use a sample of the rows.")


def too_deep(name: str, where: str = "") -> UserError:
    return UserError(f"{name}{where} has lists or objects nested more than {MAX_NESTING} levels "
                     f"deep, the limit for JSON data.",
                     'Write each example as a flat object such as {"text": "...", '
                     '"label": "..."}.')


def too_long_number(name: str, digits: int, where: str = "") -> UserError:
    return UserError(f"{name}{where} holds a number of {digits:,} digits, more than the limit of "
                     f"{MAX_NUMBER_DIGITS:,}.",
                     "Write such a value as text in quotes, or remove it.")


def too_large_unpacked(name: str, size: int) -> UserError:
    return UserError(f"{name} expands to {size / 1e6:.0f} MB when unpacked, more than the limit "
                     f"of {MAX_UNPACKED_BYTES / 1e6:.0f} MB.",
                     "Save the data as CSV, or split it into smaller files.")
