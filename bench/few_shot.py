"""`python -m bench.few_shot`: few-shot mode against plain fine-tuning on the same few examples.

For SST-2 and banking77 (from ../shared/datasets) and each number of labeled examples per
label, both modes train the default model on the same sampled texts, pick nothing from the test
set and are scored on the same test texts. Each training row set also gets a small validation
file (4 further examples per label), which fine-tuning uses to choose its best checkpoint.
Results go to bench/results/few_shot.json and .md, rewritten after every run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
RESULTS = Path(__file__).resolve().parent / "results"
VALIDATION_PER_LABEL = 4
MODES = ("fine-tune", "few-shot")


def load(data_dir: Path, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test) frames with columns text, label."""
    if name == "sst2":
        def read(f):
            return pd.read_csv(data_dir / "sst2" / f, sep="\t", dtype=str,
                               keep_default_na=False, quoting=3)

        rename = {"sentence": "text"}
        return read("train.tsv").rename(columns=rename), read("test.tsv").rename(columns=rename)
    if name == "banking77":
        def read(f):
            return pd.read_csv(data_dir / "banking77" / f, dtype=str,
                               keep_default_na=False)

        rename = {"category": "label"}
        return read("train.csv").rename(columns=rename), read("test.csv").rename(columns=rename)
    raise SystemExit(f"error: unknown dataset {name}; use sst2 or banking77")


def per_label(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    return frame.groupby("label", group_keys=False).sample(n=n, random_state=seed)


def test_subset(test: pd.DataFrame, size: int, seed: int) -> pd.DataFrame:
    if size <= 0 or size >= len(test):
        return test
    share = size / len(test)  # stratified: the same share of every label
    return test.groupby("label", group_keys=False).sample(frac=share, random_state=seed)


def write_files(train: pd.DataFrame, test: pd.DataFrame, shots: int, test_size: int,
                seed: int, folder: Path) -> dict[str, Path]:
    chosen = per_label(train, shots + VALIDATION_PER_LABEL, seed)
    validation = chosen.groupby("label", group_keys=False).head(VALIDATION_PER_LABEL)
    rows = chosen.drop(validation.index)
    paths = {"train": folder / "train.csv", "validation": folder / "validation.csv",
             "test": folder / "test.csv"}
    rows[["text", "label"]].to_csv(paths["train"], index=False)
    validation[["text", "label"]].to_csv(paths["validation"], index=False)
    test_subset(test, test_size, seed)[["text", "label"]].to_csv(paths["test"], index=False)
    return paths


def train_one(paths: dict[str, Path], mode: str, preset: str, runs_dir: Path,
              seed: int, model: str = "default") -> dict:
    from core.config import RunConfig
    from core.train.training import train
    from core.workspace import runs

    config = RunConfig(model=model, preset=preset, name=f"{mode}-{paths['train'].parent.name}")
    config.data.train, config.data.validation = str(paths["train"]), str(paths["validation"])
    config.data.test = str(paths["test"])
    config.training.mode, config.training.seed = mode, seed
    run_dir = runs.run_path(runs.new_run_id(config.name), runs_dir)
    run_dir.mkdir(parents=True)
    started = time.time()
    train(config, run_dir)
    evaluation = runs.read_eval(run_dir) or {}
    test = evaluation.get("test") or {}
    baseline = (evaluation.get("baselines") or {}).get("tfidf_logreg") or {}
    return {"accuracy": test.get("accuracy"), "macro_f1": test.get("macro_f1"),
            "n_test": test.get("n"), "n_train": evaluation.get("n_train"),
            "seconds": round(time.time() - started, 1),
            "tfidf_accuracy": baseline.get("accuracy"), "tfidf_macro_f1": baseline.get("macro_f1")}


def markdown(results: list[dict], settings: dict) -> str:
    lines = [
        "# Few-shot mode against fine-tuning (default model)", "",
        f"Preset {settings['preset']}, seed {settings['seed']}, test texts per dataset: a "
        f"stratified subset of {settings['test_size'] or 'all'} from the official test split. "
        f"Validation: {VALIDATION_PER_LABEL} further examples per label. {settings['machine']}",
        "",
        "| dataset | examples per label | training texts | test texts | fine-tune accuracy | "
        "few-shot accuracy | fine-tune macro-F1 | few-shot macro-F1 | TF-IDF accuracy | "
        "fine-tune s | few-shot s |",
        "|---|---|---|---|---|---|---|---|---|---|---|"]
    def fmt(v):
        return "-" if v is None else f"{v:.3f}"

    for row in results:
        ft, fs = row.get("fine-tune") or {}, row.get("few-shot") or {}
        any_run = ft or fs
        lines.append(
            f"| {row['dataset']} | {row['shots']} | {any_run.get('n_train', '-')} | "
            f"{any_run.get('n_test', '-')} | {fmt(ft.get('accuracy'))} | "
            f"{fmt(fs.get('accuracy'))} | {fmt(ft.get('macro_f1'))} | {fmt(fs.get('macro_f1'))} "
            f"| {fmt(any_run.get('tfidf_accuracy'))} | {ft.get('seconds', '-')} | "
            f"{fs.get('seconds', '-')} |")
    return "\n".join(lines) + "\n"


def save(results: list[dict], settings: dict, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / "few_shot.json").write_text(json.dumps({"settings": settings, "results": results},
                                                     indent=2), encoding="utf-8")
    (output / "few_shot.md").write_text(markdown(results, settings), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.few_shot", description=__doc__)
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA))
    parser.add_argument("--datasets", nargs="+", default=["sst2", "banking77"])
    parser.add_argument("--shots", nargs="+", type=int, default=[8, 16])
    parser.add_argument("--test-size", type=int, default=500,
                        help="test texts per dataset, a stratified subset (0: all)")
    parser.add_argument("--preset", default="quick", choices=["quick", "balanced", "best"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="default",
                        help="the sentence model both modes start from")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument("--machine", default="", help="a note on the machine, for the table")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"error: no datasets folder at {data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    settings = {"preset": args.preset, "seed": args.seed, "test_size": args.test_size,
                "machine": args.machine, "validation_per_label": VALIDATION_PER_LABEL}
    results: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.datasets:
            train, test = load(data_dir, name)
            for shots in args.shots:
                folder = Path(tmp) / f"{name}-{shots}"
                folder.mkdir()
                paths = write_files(train, test, shots, args.test_size, args.seed, folder)
                row: dict = {"dataset": name, "shots": shots}
                results.append(row)
                for mode in MODES:
                    row[mode] = train_one(paths, mode, args.preset, Path(tmp) / "runs",
                                          args.seed, args.model)
                    save(results, settings, Path(args.output))
                    print(json.dumps({"dataset": name, "shots": shots, "mode": mode,
                                      **row[mode]}), flush=True)
    print(markdown(results, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
