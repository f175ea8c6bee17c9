"""Texts of mode advice, comparison verdicts, label-budget sentences (core/evaluate/verdict.py,
significance, label training).

Keys start with 'advice.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
