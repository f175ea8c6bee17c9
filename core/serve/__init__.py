"""Handing a trained model to the outside: the exported zip and its model card."""
