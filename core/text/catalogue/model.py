"""Texts of pages/model.py.

Keys start with 'model.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
