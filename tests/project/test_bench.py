"""The benchmarks run end to end on a tiny fixture (timings are never asserted)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.datasets import sentiment_rows, write_ner_conll

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """sst2, banking77 and wnut17 folders laid out like ../shared/datasets, with tiny files."""
    root = tmp_path_factory.mktemp("datasets")
    rows = [(text, "1" if label == "positive" else "0") for text, label in sentiment_rows(120)]
    (root / "sst2").mkdir()
    for name in ("train.tsv", "dev.tsv", "test.tsv"):
        (root / "sst2" / name).write_text(
            "label\tsentence\n" + "".join(f"{label}\t{t}\n" for t, label in rows))
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


def module(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_bench_active_learning_quick_runs_on_a_tiny_fixture(tmp_path, data_dir):
    output = tmp_path / "active_learning.json"
    result = module("active_learning", "--quick", "--batch", "20", "--data-dir", str(data_dir),
                    "--output", str(output))
    assert result.returncode == 0, result.stderr[-3000:]
    saved = json.loads(output.read_text())
    assert len(saved["results"]) == 2
    assert "# Active learning" in output.with_suffix(".md").read_text()


@pytest.mark.slow
def test_bench_few_shot_runs_on_a_tiny_fixture(tmp_path, tiny_model_dir, data_dir):
    result = module("few_shot", "--data-dir", str(data_dir), "--datasets", "banking77",
                    "--shots", "4", "--test-size", "30", "--model", str(tiny_model_dir),
                    "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    saved = json.loads((tmp_path / "few_shot.json").read_text())
    (row,) = saved["results"]
    assert row["shots"] == 4 and row["few-shot"]["n_train"] == 12  # 4 per intent
    assert 0.0 <= row["few-shot"]["accuracy"] <= 1.0
    assert 0.0 <= row["fine-tune"]["accuracy"] <= 1.0


@pytest.mark.slow
def test_bench_vocabulary_runs_on_a_tiny_fixture(tmp_path, tiny_model_dir):
    import random

    data = tmp_path / "datasets"
    (data / "chnsenticorp_htl").mkdir(parents=True)
    rng = random.Random(0)
    good, bad = "好棒满意舒适干净温馨安静方便", "差脏吵贵失望破旧冷漠糟糕"
    reviews = [(i % 2, "酒店" + "".join(rng.sample(good if i % 2 else bad, 5)))
               for i in range(100)]
    (data / "chnsenticorp_htl" / "ChnSentiCorp_htl_all.csv").write_text(
        "label,review\n" + "".join(f"{label},{text}\n" for label, text in reviews),
        encoding="utf-8")
    (data / "weibo_ner" / "bio").mkdir(parents=True)
    def sentence() -> str:
        surname, given, city = rng.choice("张王李赵刘"), rng.choice("伟芳娜敏静"), rng.choice(
            ["杭州", "北京", "上海", "广州", "成都"])
        lines = [f"{surname} B-PER.NAM", f"{given} I-PER.NAM", f"{rng.choice('在去到')} O",
                 f"{city[0]} B-GPE.NAM", f"{city[1]} I-GPE.NAM"]
        return "\n".join(lines + [f"{c} O" for c in rng.sample("今天明年很好玩了吗", 3)])

    for name in ("train", "dev", "test"):
        (data / "weibo_ner" / "bio" / f"{name}.txt").write_text(
            "\n\n".join(sentence() for _ in range(20)) + "\n", encoding="utf-8")
    result = module("vocabulary", "--data-dir", str(data), "--hotel-train", "60",
                    "--hotel-test", "30", "--weibo-train", "20", "--model", str(tiny_model_dir),
                    "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads((tmp_path / "out" / "vocabulary.json").read_text())["results"]
    assert [(r["dataset"], r["extend_vocabulary"]) for r in rows] == [
        ("chnsenticorp_htl", False), ("chnsenticorp_htl", True),
        ("weibo_ner", False), ("weibo_ner", True)]
    for shipped, extended in (rows[:2], rows[2:]):
        assert extended["added_tokens"] > 0 == shipped["added_tokens"]
        assert extended["unk_rate_trained"] < shipped["unk_rate_trained"]
        assert extended["score"] is not None
    assert "30x the learning rate" in (tmp_path / "out" / "vocabulary.md").read_text()
