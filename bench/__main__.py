"""python -m bench speed|quality|qa|serve|search|report|all [--quick] [--json] [--data-dir DIR]
[--model M]

speed    the app's training path against the two reference scripts on SST-2
quality  the default preset against the reference Trainer script on every shared dataset
qa       question answering on SQuAD against the run_qa.py-style script, inference against
         pipeline("question-answering"), and CMRC 2018 with and without vocabulary extension
serve    `python -m core serve` in each format against a plain FastAPI + pipeline() server
         under 16 clients, and every format's test score, size and speed on SST-2, banking77
         and WNUT-17
search   the best of 8 searched trials (python -m core search) against the Balanced preset on
         SST-2 and banking77 (2,000 training texts each, the full test sets); not part of all
report   write bench/RESULTS.md from the saved results in bench/results/
all      speed, quality, qa, serve, then report (what `make bench` runs)
Results are saved as JSON under bench/results/ (quick runs under bench/results/quick/).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import qa, quality, report, serve, speed
from bench import search as search_bench
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


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("command", choices=["speed", "quality", "qa", "serve", "search", "report",
                                                "all"])
    parser.add_argument("--quick", action="store_true", help="a short run (speed: under 5 minutes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA),
                        help="folder holding the shared datasets (default ../shared/datasets)")
    parser.add_argument("--model", default="default", help="model for all contenders")
    parser.add_argument("--datasets", nargs="+", choices=sorted(DATASETS),
                        help="quality: only these datasets (default: all that are present)")
    parser.add_argument("--train-limit", type=_positive, metavar="N",
                        help="quality: train every contender on the same N sampled training rows "
                             "(for a dataset too large to train in full on this machine); qa: "
                             "the same N questions, sampled paragraph by paragraph")
    parser.add_argument("--test-limit", type=_positive, metavar="N",
                        help="qa: score on N test questions sampled paragraph by paragraph "
                             "(default: the whole dev file; quick: 100)")
    parser.add_argument("--qa-parts", nargs="+", choices=qa.PARTS, default=list(qa.PARTS),
                        help="qa: only these parts (the others' saved results are kept)")
    parser.add_argument("--cmrc-train-limit", type=_positive, metavar="N",
                        help="qa: CMRC 2018 training questions (default: as --train-limit)")
    parser.add_argument("--cmrc-test-limit", type=_positive, metavar="N",
                        help="qa: CMRC 2018 test questions (default: as --test-limit)")
    parser.add_argument("--results", default=str(RESULTS),
                        help="folder for the JSON results (default bench/results)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    data_dir = Path(args.data_dir)
    folder = Path(args.results) / ("quick" if args.quick else "")
    if args.command == "report":
        report.write(folder)
        return 0
    missing = _missing_data(args.command, data_dir)
    if missing:
        print(f"error: no {missing} under {data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    model = _model(args.model)
    if args.command in ("speed", "all"):
        summary = speed.run(data_dir, args.quick, model)
        _save(folder / "speed.json", summary)
        _print(summary, args.json and args.command == "speed")
    if args.command in ("quality", "all"):
        _run_quality(args, data_dir, model, folder)
    if args.command in ("qa", "all") and not _missing_data("qa", data_dir):
        _run_qa(args, data_dir, model, folder)
    if args.command in ("serve", "all"):
        _run_serve(args, data_dir, model, folder)
    if args.command == "search":
        summary = search_bench.run(data_dir, args.quick, model,
                                   on_result=lambda partial: _save(folder / "search.json", partial))
        _print({name: r.get("difference_points") for name, r in summary.items()}, args.json)
    if args.command == "all":
        print(f"wrote {report.write(folder)}")
    return 0


def _model(name: str) -> str:
    """The model folder for "default", else the name as given."""
    if name != "default":
        return name
    from core.models.loading import default_model_path

    return str(default_model_path())


def _run_qa(args: argparse.Namespace, data_dir: Path, model: str, folder: Path) -> None:
    """The qa command: bench/qa.py's run, saved to qa.json as each part finishes."""
    limits = {"train": args.train_limit, "test": args.test_limit,
              "cmrc_train": args.cmrc_train_limit, "cmrc_test": args.cmrc_test_limit}
    saved = _load(folder / "qa.json") if set(args.qa_parts) != set(qa.PARTS) else {}
    summary = qa.run(data_dir, args.quick, model, limits,
                     lambda partial: _save(folder / "qa.json", qa.merged(saved, partial)),
                     tuple(args.qa_parts))
    _print(_qa_headline(summary), args.json and args.command == "qa")


def _run_quality(args: argparse.Namespace, data_dir: Path, model: str, folder: Path) -> None:
    """The quality command, saved to quality.json as each dataset finishes."""
    saved = _load(folder / "quality.json")

    def keep(result: dict) -> None:
        saved[result["dataset"]] = result
        _save(folder / "quality.json", saved)
        if not args.json:
            _print(result, False)

    summary = quality.run(data_dir, args.quick, model, args.datasets, keep,
                          train_limit=args.train_limit)
    if args.json and args.command == "quality":
        print(json.dumps(summary))


def _run_serve(args: argparse.Namespace, data_dir: Path, model: str, folder: Path) -> None:
    """The serve command: bench/serve.py's run, saved to serve.json as each dataset finishes."""
    summary = serve.run(data_dir, args.quick, model,
                        on_result=lambda partial: _save(folder / "serve.json", partial))
    _print({"throughput_ratio": (summary.get("serving") or {}).get("throughput_ratio")},
           args.json and args.command == "serve")


def _missing_data(command: str, data_dir: Path) -> str | None:
    """The file a command needs that the data folder lacks (qa: SQuAD; the others: SST-2)."""
    needed = "/".join(qa.SQUAD_FILES[:2]) if command == "qa" else "sst2/train.tsv"
    return None if (data_dir / needed).is_file() else needed


def _qa_headline(summary: dict) -> dict:
    squad, speed = summary.get("squad") or {}, summary.get("inference") or {}
    line = {"seconds": summary.get("seconds")}
    if squad:
        line.update({"app_f1": squad["app"]["test"]["f1"],
                     "script_f1": squad["reference"]["test"]["f1"],
                     "f1_difference_points": squad["f1_difference_points"],
                     "throughput_ratio": squad["throughput_ratio"],
                     "inference_ratio": speed.get("inference_ratio"),
                     "answer_agreement": speed.get("answer_agreement")})
    for run in (summary.get("cmrc2018") or {}).get("runs", []):
        line[f"cmrc_f1_extended_{run['extend_vocabulary']}"] = run["test"].get("f1")
    return line


def _print(summary: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary))
        return
    for key, value in summary.items():
        print(f"{key:36} {value}")


if __name__ == "__main__":
    sys.exit(main())
