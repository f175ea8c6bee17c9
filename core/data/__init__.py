"""Reading labeled files, guessing their columns, checking their health and splitting them."""

from core.data.columns import ColumnGuess, infer_columns
from core.data.detect import detect_task
from core.data.examples import Examples, integer_label_values, load_examples
from core.data.health import build_health_report
from core.data.readers import read_table
from core.data.report import Finding, HealthReport
from core.data.splits import DatasetSplits, make_splits
from core.data.tagged import read_tagged

__all__ = ["read_table", "read_tagged", "detect_task", "infer_columns", "ColumnGuess",
           "load_examples", "Examples", "integer_label_values", "make_splits", "DatasetSplits",
           "build_health_report", "HealthReport", "Finding"]
