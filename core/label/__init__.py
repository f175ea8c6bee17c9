"""Label projects: labeling, suggestions, which texts next, and training from labels."""
