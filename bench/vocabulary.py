"""`python -m bench.vocabulary`: the default model on Chinese data, with and without extending
its vocabulary with the data's unknown characters.

ChnSentiCorp hotel reviews (classification; a seeded sample for training and for testing) and
Weibo NER (the first training sentences, the official dev and test files). Both runs of a
dataset read the same files with the same settings. Picking a Chinese model from the catalogue
is the other way out; it needs the hub, so it is not measured here. Results go to
bench/results/vocabulary.json and .md, rewritten after every run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from core.train.vocabulary import NEW_ROW_LEARNING_RATE_FACTOR

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
RESULTS = Path(__file__).resolve().parent / "results"


def hotel_files(data_dir: Path, folder: Path, n_train: int, n_test: int,
                seed: int) -> dict[str, Path]:
    frame = pd.read_csv(data_dir / "chnsenticorp_htl" / "ChnSentiCorp_htl_all.csv", dtype=str,
                        keep_default_na=False)
    frame = frame[frame["review"].str.strip() != ""].sample(frac=1.0, random_state=seed)
    frame = frame.rename(columns={"review": "text"})[["text", "label"]]
    paths = {"train": folder / "hotel-train.csv", "test": folder / "hotel-test.csv"}
    frame.iloc[:n_train].to_csv(paths["train"], index=False)
    frame.iloc[n_train:n_train + n_test].to_csv(paths["test"], index=False)
    return paths


def weibo_files(data_dir: Path, folder: Path, n_train: int) -> dict[str, Path]:
    source = data_dir / "weibo_ner" / "bio"
    sentences = source.joinpath("train.txt").read_text(encoding="utf-8").strip().split("\n\n")
    paths = {"train": folder / "weibo-train.conll", "validation": source / "dev.txt",
             "test": source / "test.txt"}
    paths["train"].write_text("\n\n".join(sentences[:n_train]) + "\n", encoding="utf-8")
    return paths


def train_one(name: str, task: str, paths: dict[str, Path], extend: bool, preset: str,
              max_length: int, runs_dir: Path, seed: int, model: str = "default") -> dict:
    from core.config import RunConfig
    from core.data import make_splits
    from core.models.loading import load_tokenizer
    from core.train.training import train
    from core.train.vocabulary import advise
    from core.workspace import runs

    config = RunConfig(task=task, model=model, preset=preset, name=f"{name}-{extend}")
    config.data.train = str(paths["train"])
    config.data.validation = str(paths["validation"]) if "validation" in paths else None
    config.data.test = str(paths["test"])
    config.training.extend_vocabulary, config.training.seed = extend, seed
    config.training.max_length = max_length
    before = advise(make_splits(config), load_tokenizer(model))
    run_dir = runs.run_path(runs.new_run_id(config.name), runs_dir)
    run_dir.mkdir(parents=True)
    started = time.time()
    train(config, run_dir)
    evaluation = runs.read_eval(run_dir) or {}
    health = runs.read_json(run_dir / "health.json") or {}
    test = evaluation.get("test") or {}
    metric = "f1" if task == "token-classification" else "accuracy"
    baseline_name = "word_memory" if task == "token-classification" else "tfidf_logreg"
    baseline = (evaluation.get("baselines") or {}).get(baseline_name) or {}
    return {"dataset": name, "extend_vocabulary": extend, "metric": metric,
            "score": test.get(metric), "macro_f1": test.get("macro_f1"),
            "unk_rate_before": round(before.unk_rate, 4),
            "unk_rate_trained": round(float((health.get("stats") or {}).get("unk_rate") or 0), 4),
            "added_tokens": before.learnable if extend else 0,
            "n_train": evaluation.get("n_train"), "n_test": test.get("n"),
            "baseline": baseline.get(metric), "seconds": round(time.time() - started, 1)}


def markdown(results: list[dict], settings: dict) -> str:
    lines = [
        "# Unknown vocabulary: the default model on Chinese data", "",
        f"Preset {settings['preset']}, max length {settings['max_length']} tokens, seed "
        f"{settings['seed']}. chnsenticorp_htl: {settings['hotel_train']} training and "
        f"{settings['hotel_test']} test reviews, a seeded sample (validation: 10% of the "
        f"training sample). weibo_ner: the first {settings['weibo_train']} training sentences, "
        f"official dev and test. {settings['machine']}", "",
        "| dataset | vocabulary | unknown tokens | added tokens | test score | baseline | "
        "training texts | seconds |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        score = "-" if r["score"] is None else f"{r['score']:.3f}"
        baseline = "-" if r["baseline"] is None else f"{r['baseline']:.3f}"
        metric = "entity F1" if r["metric"] == "f1" else "accuracy"
        lines.append(
            f"| {r['dataset']} | {'extended' if r['extend_vocabulary'] else 'as shipped'} | "
            f"{r['unk_rate_trained']:.1%} | {r['added_tokens']:,} | {score} ({metric}) | "
            f"{baseline} | {r['n_train']} | {r['seconds']} |")
    lines += ["", "Extended: the added tokens' embedding rows train at "
              f"{NEW_ROW_LEARNING_RATE_FACTOR:g}x the learning rate, the model's own rows stay as "
              "shipped. The other way out, a model for the language from the catalogue, is "
              "downloaded from the hub and cannot be measured on this offline machine."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.vocabulary", description=__doc__)
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA))
    parser.add_argument("--datasets", nargs="+", default=["chnsenticorp_htl", "weibo_ner"])
    parser.add_argument("--hotel-train", type=int, default=2000)
    parser.add_argument("--hotel-test", type=int, default=1000)
    parser.add_argument("--weibo-train", type=int, default=1350)
    parser.add_argument("--preset", default="quick", choices=["quick", "balanced", "best"])
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="default", help="the model both runs start from")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument("--machine", default="", help="a note on the machine, for the table")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"error: no datasets folder at {data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    settings = {k: getattr(args, k) for k in ("preset", "max_length", "seed", "hotel_train",
                                              "hotel_test", "weibo_train", "machine")}
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in args.datasets:
            if name == "chnsenticorp_htl":
                task = "text-classification"
                paths = hotel_files(data_dir, folder, args.hotel_train, args.hotel_test,
                                    args.seed)
            elif name == "weibo_ner":
                task, paths = "token-classification", weibo_files(data_dir, folder,
                                                                  args.weibo_train)
            else:
                raise SystemExit(f"error: unknown dataset {name}")
            for extend in (False, True):
                row = train_one(name, task, paths, extend, args.preset, args.max_length,
                                folder / "runs", args.seed, args.model)
                results.append(row)
                (output / "vocabulary.json").write_text(
                    json.dumps({"settings": settings, "results": results}, indent=2),
                    encoding="utf-8")
                (output / "vocabulary.md").write_text(markdown(results, settings),
                                                      encoding="utf-8")
                print(json.dumps(row), flush=True)
    print(markdown(results, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
