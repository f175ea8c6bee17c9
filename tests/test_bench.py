"""The benchmark runs end to end on a tiny fixture (timings are never asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sentiment_rows

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_speed_quick_runs_on_a_tiny_fixture(tmp_path, tiny_model_dir):
    folder = tmp_path / "data" / "sst2"
    folder.mkdir(parents=True)
    rows = [(text, "1" if label == "positive" else "0") for text, label in sentiment_rows(120)]
    for name in ("train.tsv", "dev.tsv", "test.tsv"):
        (folder / name).write_text("label\tsentence\n" + "".join(f"{l}\t{t}\n" for t, l in rows))
    result = subprocess.run([sys.executable, "-m", "bench", "speed", "--quick", "--json",
                             "--data-dir", str(tmp_path / "data"), "--model", str(tiny_model_dir)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("app_examples_per_s", "reference_trainer_examples_per_s",
                "tutorial_loop_examples_per_s", "ratio_vs_reference", "ratio_vs_tutorial",
                "inference_sentences_per_s", "peak_rss_mb"):
        assert summary[key] > 0, key
    assert summary["prediction_agreement"] >= 0.95
