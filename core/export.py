"""Export a run as one zip that loads with `transformers.pipeline(task, model=folder)`.

The zip's top level is the model folder itself (safetensors, tokenizer, config with id2label),
plus README.md (the model card), eval.json and run_config.json.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from core import runs
from core.errors import UserError
from core.metrics import METRIC_NAMES


def _format_scores(scores: dict[str, Any]) -> str:
    parts = [f"{METRIC_NAMES.get(k, k)} {v:.3f}" for k, v in scores.items()
             if isinstance(v, float) and k in METRIC_NAMES]
    return ", ".join(parts) or "not measured"


def model_card(run_dir: Path) -> str:
    saved = runs.read_json(run_dir / "config.json") or {}
    evaluation = runs.read_eval(run_dir) or {}
    config = saved.get("config", {})
    task = config.get("task", "text-classification")
    t = saved.get("resolved_training", {})
    labels = evaluation.get("labels") or saved.get("labels") or []
    scores = evaluation.get("test") or evaluation.get("validation") or {}
    split = "test" if evaluation.get("test") else "validation"
    baselines = evaluation.get("baselines", {})
    lines = [
        f"# {run_dir.name}", "",
        f"A {task} model fine-tuned with Finetune Studio from `{config.get('model', 'default')}`.",
        "", "## Data", "",
        f"- Training file: `{Path(str(config.get('data', {}).get('train', ''))).name}`",
        f"- Examples: {evaluation.get('n_train', '?')} train, "
        f"{evaluation.get('n_validation', '?')} validation, {evaluation.get('n_test', '?')} test",
        f"- Labels ({len(labels)}): {', '.join(map(str, labels[:40]))}"
        + (" ..." if len(labels) > 40 else ""),
        f"- Multi-label: {'yes' if evaluation.get('multi_label') else 'no'}",
        "", f"## Scores on the {split} set", "", f"- Fine-tuned: {_format_scores(scores)}",
    ]
    for name, values in baselines.items():
        if isinstance(values, dict):
            lines.append(f"- Baseline {name.replace('_', ' ')}: {_format_scores(values)}")
    lines += ["", "## Hyperparameters", ""]
    lines += [f"- {key}: {value}" for key, value in t.items() if value not in (None, [], "")]
    pipeline_task = "token-classification" if task == "token-classification" \
        else "text-classification"
    extra = ', aggregation_strategy="first"' if pipeline_task == "token-classification" else ""
    lines += ["", "## Usage", "", "```python", "from transformers import pipeline", "",
              f'classifier = pipeline("{pipeline_task}", model="path/to/unzipped/folder"{extra})',
              'print(classifier("Your text here"))', "```", ""]
    return "\n".join(lines)


def export_run(run_dir: Path, output: Path) -> Path:
    run_dir, output = Path(run_dir), Path(output)
    model_dir = run_dir / "model"
    if not (model_dir / "config.json").is_file():
        raise UserError(f"Run {run_dir.name} has no saved model to export.",
                        "Export a completed or stopped run.")
    if output.suffix.lower() != ".zip":
        raise UserError(f"The export file {output.name} must end in .zip.", "Add .zip to the name.")
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, suffix=".zip.partial")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for path in sorted(model_dir.iterdir()):
                if path.is_file():
                    zf.write(path, path.name)
            zf.writestr("README.md", model_card(run_dir))
            for name, target in (("eval.json", "eval.json"), ("config.json", "run_config.json")):
                if (run_dir / name).is_file():
                    zf.write(run_dir / name, target)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return output

