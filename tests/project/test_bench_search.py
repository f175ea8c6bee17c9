"""bench/search.py and its RESULTS.md section: the search against the Balanced preset on a
tiny SST-2-shaped folder with the tiny model, and the report from a saved search.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from support.datasets import sentiment_rows

from bench import report
from bench import search as search_bench


def saved_search() -> dict:
    return {"sst2": {"dataset": "sst2", "metric": "accuracy",
                     "rows": {"train": 2000, "validation": 872, "test": 1821}, "trials": 8,
                     "balanced": {"test": 0.842, "seconds": 600.0, "settings": {}},
                     "search": {"test": 0.8551, "validation_score": 0.86, "seconds": 4800.0,
                                "best_trial": 5, "settings": {"learning_rate": 0.0002,
                                                              "batch_size": 16},
                                "states": {"complete": 6, "pruned": 2}},
                     "difference_points": 1.31}}


def test_the_report_shows_the_best_trial_beside_balanced(tmp_path):
    text = "\n".join(search_bench.section(saved_search()))
    assert ("| sst2 | accuracy | 2,000 | 84.20 | 85.51 | +1.31 | 10.0 | 80.0 | 8 (2) | "
            "learning_rate 0.0002, batch_size 16 |") in text
    assert "Not measured yet" in "\n".join(search_bench.section({}))
    (tmp_path / "search.json").write_text(json.dumps(saved_search()),
                                          encoding="utf-8")
    written = report.write(tmp_path).read_text(encoding="utf-8")
    assert "## Searching for the best settings (Optuna)" in written and "+1.31" in written


def _sst2_folder(root: Path) -> Path:
    folder = root / "sst2"
    folder.mkdir(parents=True)
    for name, count in (("train.tsv", 60), ("dev.tsv", 20), ("test.tsv", 20)):
        with open(folder / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
            writer.writerow(["sentence", "label"])
            writer.writerows(sentiment_rows(count))
    return root


@pytest.mark.slow
def test_the_bench_searches_and_compares_on_a_tiny_model(tmp_path, tiny_model_dir):
    data = _sst2_folder(tmp_path / "datasets")
    result = search_bench.run_dataset("sst2", data, str(tiny_model_dir), quick=True,
                                      folder=tmp_path / "work", trials=2)
    assert result["trials"] == 2 and result["rows"]["train"] == 60
    assert isinstance(result["balanced"]["test"], float)
    assert isinstance(result["search"]["test"], float)
    assert sum(result["search"]["states"].values()) == 2
    assert result["search"]["settings"]["learning_rate"] > 0
    assert result["balanced"]["settings"]["batch_size"] == 16
