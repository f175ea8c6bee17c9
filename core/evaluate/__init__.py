"""Reports on a run: scores on new files, mistakes, baselines, comparisons and their verdicts."""
