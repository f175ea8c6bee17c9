"""Texts of pages/_access.py (the sign-in form).

Keys start with 'access.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
