"""Texts of UserError messages and fixes: errors.<code>.message and errors.<code>.fix
(see core/text/coded.py).

Keys start with 'errors.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
