"""python -m bench speed [--quick] [--json] [--data-dir DIR] [--model M]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import speed

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("command", choices=["speed"])
    parser.add_argument("--quick", action="store_true", help="a short run (under 5 minutes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA),
                        help="folder holding sst2/ (default ../shared/datasets)")
    parser.add_argument("--model", default="default", help="model for all contenders")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    if not (data_dir / "sst2" / "train.tsv").is_file():
        print(f"error: no sst2/train.tsv under {data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    model = args.model
    if model == "default":
        from core.models import default_model_path

        model = str(default_model_path())
    summary = speed.run(data_dir, args.quick, model)
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:36} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
