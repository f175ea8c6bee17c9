"""Training a run: fine-tuning, few-shot, presets, speed estimates, learning curves."""
