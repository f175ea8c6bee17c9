"""Speed and quality benchmarks against reference scripts, measured side by side."""
