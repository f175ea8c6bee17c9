"""`python bench/recipe.py`: one real training run of the app (core.train.training.train)
with chosen settings, printing the validation curve, the test score, the baseline and the wall time.

Used to compare training recipes on the built-in sample and on shared datasets; decisions are
made on the validation curve, the test score is reported, not tuned on.

    .venv/bin/python bench/recipe.py --data core/data/samples/reviews_sentiment.csv --preset quick
    .venv/bin/python bench/recipe.py --data sst2-train.csv --validation v.csv --test t.csv \
        --set learning_rate=2e-4 --set warmup_ratio=0
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

# run as a script, the bench folder would come first and its datasets.py hide the package
sys.path[0] = str(Path(__file__).resolve().parent.parent)


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False, "none": None}.get(text.lower(), text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--validation")
    parser.add_argument("--test")
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--model", default="default")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="a TrainingConfig field, such as learning_rate=2e-4")
    parser.add_argument("--runs-dir", help="keep the run here (default: a temporary folder)")
    args = parser.parse_args()

    from core.config import DataConfig, RunConfig, TrainingConfig
    from core.train.training import train
    from core.workspace import runs

    overrides = dict(item.split("=", 1) for item in args.set)
    training = TrainingConfig(**{k: _value(v) for k, v in overrides.items()})
    config = RunConfig(data=DataConfig(train=args.data, validation=args.validation,
                                       test=args.test),
                       model=args.model, preset=args.preset, training=training, name="recipe")
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(args.runs_dir or scratch)
        run_dir = runs.new_run_folder(config.to_dict(), "recipe", base)
        started = time.time()
        train(config, run_dir)
        wall = time.time() - started
        resolved = json.loads((run_dir / "config.json").read_text())["resolved_training"]
        evaluation = json.loads((run_dir / "eval.json").read_text())
        events, _ = runs.read_metrics(run_dir)
        curve = [(e["epoch"], round(e.get("loss", float("nan")), 3),
                  round(e.get(evaluation["best_metric"], float("nan")), 3))
                 for e in events if e.get("type") == "eval"]
        metric = evaluation["best_metric"]
        print(json.dumps({
            "settings": {k: resolved[k] for k in ("epochs", "learning_rate", "batch_size",
                                                   "max_length", "warmup_ratio", "weight_decay",
                                                   "scheduler", "early_stopping_patience")},
            "validation_curve (epoch, loss, metric)": curve,
            "test": round(evaluation["test"][metric], 4),
            "test_loss": round(evaluation["test"].get("loss", float("nan")), 4),
            "baseline": evaluation["baselines"].get("tfidf_logreg", {}).get(metric),
            "steps": (runs.read_status(run_dir) or {}).get("step"),
            "train_s": round((runs.read_status(run_dir) or {}).get("train_runtime") or 0, 1),
            "wall_s": round(wall, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
