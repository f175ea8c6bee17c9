"""Texts of core/data health findings and their fixes.

Keys start with 'health.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
