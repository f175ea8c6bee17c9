"""`python -m bench speed`: the app's training path against two reference scripts on SST-2.

All three train the same model on the same sentences with the same batch size, max length,
learning rate and epochs, alternating, each in its own process. The app runs exactly what the
CLI and the pages run (run folder, metrics events, health report, baseline, evaluation, save),
evaluating once at the end like the references.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.processes import run_measured

SETTINGS = {"epochs": 1, "batch_size": 32, "max_length": 128, "learning_rate": 1e-4}


def subset(data_dir: Path, folder: Path, n_train: int, n_test: int) -> dict[str, Path]:
    """The first n_train / n_test SST-2 sentences (200 for validation) as JSON-lines files."""
    def read(name):
        return pd.read_csv(data_dir / "sst2" / name, sep="\t", dtype=str,
                           keep_default_na=False, quoting=3)

    paths = {}
    for split, name, count in (("train", "train.tsv", n_train), ("test", "test.tsv", n_test),
                               ("validation", "dev.tsv", 200)):
        frame = read(name).head(count).rename(columns={"sentence": "text"})[["text", "label"]]
        paths[split] = folder / f"{split}.jsonl"
        frame.to_json(paths[split], orient="records", lines=True, force_ascii=False)
    return paths


def first_model(data_dir: Path, folder: Path, model: str, n_rows: int = 2000) -> dict:
    """Wall time of a user's first run: n_rows short banking77 texts, Quick preset, nothing else
    given (the app splits off validation and test, trains, evaluates, saves)."""
    frame = pd.read_csv(data_dir / "banking77" / "train.csv", dtype=str, keep_default_na=False)
    path = folder / "first-model.csv"
    frame.sample(n=min(n_rows, len(frame)), random_state=42).to_csv(path, index=False)
    result = run_measured(["-m", "core", "train", "--data", str(path), "--model", model,
                           "--preset", "quick", "--runs-dir", str(folder / "first-runs"), "--json"])
    return {"first_model_rows": min(n_rows, len(frame)),
            "first_model_wall_seconds": result["wall_seconds"],
            "first_model_test_accuracy": round(float(result["test"].get("accuracy", 0.0)), 4)}


def health_report(data_dir: Path, folder: Path, model: str, n_rows: int = 200_000) -> dict:
    """Reading an n_rows CSV (SST-2 sentences drawn with replacement) and building its report."""
    sentences = pd.read_csv(data_dir / "sst2" / "train.tsv", sep="\t", dtype=str,
                            keep_default_na=False, quoting=3)
    big = sentences.sample(n=n_rows, replace=True, random_state=42)
    path = folder / "large.csv"
    big.rename(columns={"sentence": "text"})[["text", "label"]].to_csv(path, index=False)
    result = run_measured(["-m", "core", "validate", str(path), "--model", model, "--json"],
                          check=False)
    return {"health_rows": n_rows, "health_seconds": result["wall_seconds"],
            "health_peak_rss_mb": result["peak_rss_mb"]}


def app_command(paths: dict[str, Path], runs_dir: Path, model: str, n_train: int) -> list[str]:
    steps = -(-n_train // SETTINGS["batch_size"]) * SETTINGS["epochs"]
    return ["-m", "core", "train", "--data", str(paths["train"]), "--validation",
            str(paths["validation"]), "--test", str(paths["test"]), "--model", model,
            "--epochs", str(SETTINGS["epochs"]), "--batch-size", str(SETTINGS["batch_size"]),
            "--max-length", str(SETTINGS["max_length"]),
            "--learning-rate", str(SETTINGS["learning_rate"]),
            "--eval-steps", str(steps), "--runs-dir", str(runs_dir), "--json"]


def reference_command(script: str, paths: dict[str, Path], model: str) -> list[str]:
    return [f"bench/references/{script}", "--train", str(paths["train"]), "--test",
            str(paths["test"]), "--model", model, "--epochs", str(SETTINGS["epochs"]),
            "--batch-size", str(SETTINGS["batch_size"]), "--max-length",
            str(SETTINGS["max_length"]), "--learning-rate", str(SETTINGS["learning_rate"])]


def device_name() -> str:
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"


def app_examples_per_s(run_dir: Path) -> float:
    from core.workspace import runs

    return float((runs.read_status(run_dir) or {}).get("train_samples_per_second") or 0.0)


def inference(run_dir: Path, texts: list[str]) -> dict[str, float]:
    """The app's batch prediction against a plain pipeline() call in file order."""
    from transformers import pipeline

    from core.predict.inference import Predictor

    predictor = Predictor(run_dir)
    predictor.predict(texts[:64])  # warm-up for both
    started = time.time()
    ours = predictor.predict(texts)
    app_seconds = time.time() - started
    classifier = pipeline("text-classification", model=str(run_dir / "model"), device=-1)
    classifier(texts[:64])
    started = time.time()
    theirs = classifier(texts, batch_size=64, truncation=True)
    pipeline_seconds = time.time() - started
    agree = sum(a["label"] == b["label"] for a, b in zip(ours, theirs)) / len(texts)
    return {"inference_sentences_per_s": len(texts) / app_seconds,
            "pipeline_sentences_per_s": len(texts) / pipeline_seconds,
            "inference_ratio": pipeline_seconds / app_seconds, "prediction_agreement": agree}


def run(data_dir: Path, quick: bool, model: str) -> dict:
    n_train, n_test, rounds = (640, 400, 1) if quick else (3000, 1821, 2)
    results: dict[str, list[dict]] = {"app": [], "trainer": [], "tutorial": []}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        folder = Path(tmp)
        paths = subset(data_dir, folder, n_train, n_test)
        for _round_index in range(rounds):  # alternate so drift in machine load hits all alike
            app = run_measured(app_command(paths, folder / "runs", model, n_train))
            app["examples_per_s"] = app_examples_per_s(Path(app["run_dir"]))
            app["test_accuracy"] = app["test"]["accuracy"]
            results["app"].append(app)
            results["trainer"].append(run_measured(reference_command(
                "trainer_script.py", paths, model) + ["--output", str(folder / "ref")]))
            results["tutorial"].append(run_measured(reference_command(
                "tutorial_loop.py", paths, model)))
        texts = pd.read_json(paths["test"], lines=True, dtype=False)["text"].tolist()
        speed = inference(Path(results["app"][-1]["run_dir"]), texts)
        if (data_dir / "banking77" / "train.csv").is_file():
            speed.update(first_model(data_dir, folder, model))
        speed.update(health_report(data_dir, folder, model))

    def median(kind, key):
        return statistics.median(float(r[key]) for r in results[kind])

    app_eps = median("app", "examples_per_s")
    summary = {
        "n_train": n_train, "n_test": len(texts), "rounds": rounds,
        "device": device_name(), **SETTINGS,
        "app_examples_per_s": round(app_eps, 2),
        "reference_trainer_examples_per_s": round(median("trainer", "examples_per_s"), 2),
        "tutorial_loop_examples_per_s": round(median("tutorial", "examples_per_s"), 2),
        "ratio_vs_reference": round(app_eps / median("trainer", "examples_per_s"), 3),
        "ratio_vs_tutorial": round(app_eps / median("tutorial", "examples_per_s"), 3),
        "app_wall_seconds": round(median("app", "wall_seconds"), 1),
        "reference_trainer_wall_seconds": round(median("trainer", "wall_seconds"), 1),
        "wall_ratio_vs_reference": round(median("trainer", "wall_seconds")
                                         / median("app", "wall_seconds"), 3),
        "app_test_accuracy": round(median("app", "test_accuracy"), 4),
        "reference_trainer_test_accuracy": round(median("trainer", "test_accuracy"), 4),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in results["app"]),
        "reference_peak_rss_mb": max(r["peak_rss_mb"] for r in results["trainer"]),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in speed.items()},
    }
    return summary
