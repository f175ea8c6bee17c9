"""Texts of pages/_format.py: run states, metric names, sizes, dates.

Keys start with 'format.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
