"""Texts of pages/data.py.

Keys start with 'data.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
