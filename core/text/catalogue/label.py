"""Texts of pages/label.py and pages/_label_spans.py.

Keys start with 'label.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
