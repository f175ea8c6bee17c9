"""Texts of pages/_charts.py: chart titles and axis names.

Keys start with 'charts.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
