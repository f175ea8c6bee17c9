"""Texts of pages/runs.py.

Keys start with 'runs.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
