"""The model catalogue and safe model loading."""
