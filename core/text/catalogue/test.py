"""Texts of pages/test.py and its panels (_calibration.py, _report_visuals.py, _learning_curve.py).

Keys start with 'test.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
}
