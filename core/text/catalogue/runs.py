"""Texts of pages/runs.py and its panels (pages/_runs_*.py).

Keys start with 'runs.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "runs.error.listing": {"en": "Something went wrong while listing the runs.",
                           "zh": "列出训练记录时出了问题。"},
}
