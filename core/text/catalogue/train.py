"""Texts of pages/train.py.

Keys start with 'train.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
