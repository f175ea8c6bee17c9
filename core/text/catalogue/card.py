"""Texts of the model card written with an export.

Keys start with 'card.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
