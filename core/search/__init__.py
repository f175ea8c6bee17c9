"""Searching for the best settings of a run with Optuna (see DESIGN.md)."""
