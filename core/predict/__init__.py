"""Predictions from a finished run: one text, a pasted list or a whole file."""
