"""The benchmarks run end to end on a tiny fixture (timings are never asserted)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sentiment_rows, write_ner_conll

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """sst2, banking77 and wnut17 folders laid out like ../shared/datasets, with tiny files."""
    root = tmp_path_factory.mktemp("datasets")
    rows = [(text, "1" if label == "positive" else "0") for text, label in sentiment_rows(120)]
    (root / "sst2").mkdir()
    for name in ("train.tsv", "dev.tsv", "test.tsv"):
        (root / "sst2" / name).write_text(
            "label\tsentence\n" + "".join(f"{l}\t{t}\n" for t, l in rows))
    (root / "banking77").mkdir()
    intents = [(f"how do I {verb} my card", verb) for verb in ("activate", "cancel", "top up")]
    csv_rows = "".join(f"\"{t} please {i}\",{c}\r\n" for i in range(40) for t, c in intents)
    for name in ("train.csv", "test.csv"):
        (root / "banking77" / name).write_text("text,category\r\n" + csv_rows)
    (root / "wnut17").mkdir()
    conll = write_ner_conll(root / "wnut17")
    for name in ("wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated"):
        shutil.copy(conll, root / "wnut17" / name)
    return root


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)


@pytest.mark.slow
def test_bench_speed_quick_runs_on_a_tiny_fixture(tmp_path, tiny_model_dir, data_dir):
    result = bench("speed", "--quick", "--json", "--data-dir", str(data_dir),
                   "--model", str(tiny_model_dir), "--results", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("app_examples_per_s", "reference_trainer_examples_per_s",
                "tutorial_loop_examples_per_s", "ratio_vs_reference", "ratio_vs_tutorial",
                "inference_sentences_per_s", "peak_rss_mb", "first_model_wall_seconds",
                "health_seconds", "health_peak_rss_mb"):
        assert summary[key] > 0, key
    assert summary["health_rows"] == 200_000
    assert summary["prediction_agreement"] >= 0.95
    assert json.loads((tmp_path / "quick" / "speed.json").read_text()) == summary


@pytest.mark.slow
def test_bench_quality_quick_and_report(tmp_path, tiny_model_dir, data_dir):
    result = bench("quality", "--quick", "--json", "--data-dir", str(data_dir),
                   "--model", str(tiny_model_dir), "--results", str(tmp_path),
                   "--datasets", "sst2", "wnut17", "--train-limit", "60")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(summary) == {"sst2", "wnut17"}
    sst2, wnut = summary["sst2"], summary["wnut17"]
    assert sst2["metric"] == "accuracy" and 0.0 <= sst2["app"] <= 1.0
    assert 0.0 <= sst2["reference"] <= 1.0 and sst2["baseline"] is not None
    assert sst2["rows"] == {"train": 60, "validation": 120, "test": 120}
    assert sst2["train_limit"] == 60
    assert wnut["task"] == "ner" and wnut["metric"] == "f1" and wnut["reference"] is not None
    # the script trained with the settings the app's preset chose
    assert sst2["settings"]["epochs"] > 0 and sst2["settings"]["batch_size"] > 0

    result = bench("report", "--quick", "--results", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    text = (tmp_path / "quick" / "RESULTS.md").read_text()
    assert "## Targets" in text and "| sst2 | classification | accuracy | 60 (sampled) /" in text
    assert "sst2 (accuracy, 60 sampled training rows)" in text
    assert "Quality within 0.5 points of the script: banking77 | not measured" in text
    assert "No GPU was lent" in text or "Speed (GPU)" in text
