"""Texts of core/cli.py: what the command line prints.

Keys start with 'cli.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
