"""Helpers shared by the tests: data files, finished tiny runs, page and browser set-up."""
