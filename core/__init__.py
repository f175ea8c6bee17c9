"""Finetune Studio core: data, training, evaluation and export, usable without the UI."""
