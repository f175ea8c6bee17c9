"""python -m bench speed|quality|report|all [--quick] [--json] [--data-dir DIR] [--model M]

speed    the app's training path against the two reference scripts on SST-2
quality  the default preset against the reference Trainer script on every shared dataset
report   write bench/RESULTS.md from the saved results in bench/results/
all      speed, then quality, then report (what `make bench` runs)
Results are saved as JSON under bench/results/ (quick runs under bench/results/quick/).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import quality, report, speed
from bench.datasets import DATASETS

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
RESULTS = Path(__file__).resolve().parent / "results"


def _save(path: Path, value: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1) + "\n", encoding="utf-8")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive number of rows")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("command", choices=["speed", "quality", "report", "all"])
    parser.add_argument("--quick", action="store_true", help="a short run (speed: under 5 minutes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA),
                        help="folder holding the shared datasets (default ../shared/datasets)")
    parser.add_argument("--model", default="default", help="model for all contenders")
    parser.add_argument("--datasets", nargs="+", choices=sorted(DATASETS),
                        help="quality: only these datasets (default: all that are present)")
    parser.add_argument("--train-limit", type=_positive, metavar="N",
                        help="quality: train every contender on the same N sampled training rows "
                             "(for a dataset too large to train in full on this machine)")
    parser.add_argument("--results", default=str(RESULTS),
                        help="folder for the JSON results (default bench/results)")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    folder = Path(args.results) / ("quick" if args.quick else "")
    if args.command == "report":
        report.write(folder)
        return 0
    if not (data_dir / "sst2" / "train.tsv").is_file():
        print(f"error: no sst2/train.tsv under {data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    model = args.model
    if model == "default":
        from core.models.loading import default_model_path

        model = str(default_model_path())
    summary: dict = {}
    if args.command in ("speed", "all"):
        summary = speed.run(data_dir, args.quick, model)
        _save(folder / "speed.json", summary)
        _print(summary, args.json and args.command == "speed")
    if args.command in ("quality", "all"):
        saved = _load(folder / "quality.json")

        def keep(result: dict) -> None:  # saved as each dataset finishes
            saved[result["dataset"]] = result
            _save(folder / "quality.json", saved)
            if not args.json:
                _print(result, False)

        summary = quality.run(data_dir, args.quick, model, args.datasets, keep,
                              train_limit=args.train_limit)
        if args.json and args.command == "quality":
            print(json.dumps(summary))
    if args.command == "all":
        print(f"wrote {report.write(folder)}")
    return 0


def _print(summary: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary))
        return
    for key, value in summary.items():
        print(f"{key:36} {value}")


if __name__ == "__main__":
    sys.exit(main())
