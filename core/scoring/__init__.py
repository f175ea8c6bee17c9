"""Numbers from predictions: metrics, confidence intervals, calibration, thresholds.
No files, no models."""
