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

from core.errors import UserError
from core.models.loading import display_name
from core.scoring.calibration import (
    NO_MISTAKES,
    NO_OUTPUT_LAYER,
    NO_VALIDATION,
    TOO_FEW,
)
from core.scoring.metrics import METRIC_NAMES
from core.text.md_text import escape
from core.workspace import runs


def _format_scores(scores: dict[str, Any]) -> str:
    parts = [f"{METRIC_NAMES.get(k, k)} {v:.3f}" for k, v in scores.items()
             if isinstance(v, float) and k in METRIC_NAMES]
    return ", ".join(parts) or "not measured"


def _base_model(config: dict[str, Any]) -> str:
    """The base model's name; a local folder by its last part only (no private paths)."""
    name = str(config.get("model") or "default")
    if display_name(name) != name:  # a catalogue model, the built-in one's folder included
        return escape(display_name(name))
    if name.startswith(("/", ".", "~")) or "\\" in name or ("/" in name and Path(name).exists()):
        folder = name.replace(chr(92), "/").rstrip("/").split("/")[-1]
        return f"the local model folder {escape(folder)}"
    return escape(display_name(name))  # 'default' reads as the model it is


NOT_CALIBRATED = {
    TOO_FEW: "The scores were not calibrated: the validation set was too small to fit a "
             "temperature on, so treat them as a ranking rather than as probabilities.",
    NO_MISTAKES: "The scores were not calibrated: the model made no mistakes on the validation "
                 "set, so there was nothing to fit a temperature on.",
    NO_OUTPUT_LAYER: "The scores were not calibrated: the model's output layer could not take a "
                     "temperature, so treat them as a ranking rather than as probabilities.",
    NO_VALIDATION: "The scores were not calibrated: the run had no validation set, so treat "
                   "them as a ranking rather than as probabilities.",
}


def calibration_line(calibration: dict[str, Any] | None, split: str) -> str:
    """One sentence on whether the scores were calibrated, with T and the calibration error."""
    if not isinstance(calibration, dict) or "applied" not in calibration:
        return "The scores were not calibrated (the run was trained before calibration existed)."
    if not calibration["applied"]:
        return NOT_CALIBRATED.get(calibration.get("reason"), NOT_CALIBRATED[NO_VALIDATION])
    figures = calibration.get(split) or calibration.get("validation") or {}
    before = (figures.get("before") or {}).get("ece")
    after = (figures.get("after") or {}).get("ece")
    error = (f" Expected calibration error on the {split} set: {before:.1%} before, "
             f"{after:.1%} after.") if before is not None and after is not None else ""
    return (f"The scores were calibrated by temperature scaling on the validation set "
            f"(T = {calibration['temperature']:.3f}, folded into the classifier's weights, so "
            f"`pipeline` scores are the calibrated ones).{error}")


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
    # names and labels come from the user's files: escaped, so the card shows them as they are
    lines = [
        f"# {escape(run_dir.name)}", "",
        f"A {task} model fine-tuned with Finetune Studio from {_base_model(config)}.",
        "", "## Data", "",
        f"- Training file: {escape(Path(str(config.get('data', {}).get('train', ''))).name)}",
        f"- Examples: {evaluation.get('n_train', '?')} train, "
        f"{evaluation.get('n_validation', '?')} validation, {evaluation.get('n_test', '?')} test",
        f"- Labels ({len(labels)}): {escape(', '.join(map(str, labels[:40])))}"
        + (" ..." if len(labels) > 40 else ""),
        f"- Multi-label: {'yes' if evaluation.get('multi_label') else 'no'}",
        "", f"## Scores on the {split} set", "", f"- Fine-tuned: {_format_scores(scores)}",
    ]
    for name, values in baselines.items():
        if isinstance(values, dict):
            lines.append(f"- Baseline {name.replace('_', ' ')}: {_format_scores(values)}")
    lines += ["", "## Confidence", "", calibration_line(evaluation.get("calibration"), split)]
    lines += ["", "## Hyperparameters", ""]
    lines += [f"- {key}: {escape(value)}" for key, value in t.items()
              if value not in (None, [], "")]
    pipeline_task = "token-classification" if task == "token-classification" \
        else "text-classification"
    extra = ', aggregation_strategy="first"' if pipeline_task == "token-classification" else ""
    lines += ["", "## Usage", "", "```python", "from transformers import pipeline", "",
              f'classifier = pipeline("{pipeline_task}", model="path/to/unzipped/folder"{extra})',
              'print(classifier("Your text here"))', "```", ""]
    return "\n".join(lines)


def export_run(run_dir: Path, output: Path) -> Path:
    run_dir, output = Path(run_dir), Path(output)
    runs.refuse_escaping_links(run_dir)  # a planted link would zip any file it points to
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



def exports_dir() -> Path:
    folder = runs.workspace_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prepared_export(run_dir: Path, folder: Path | None = None) -> Path:
    """The run's zip in the exports folder, rebuilt only when the run changed since it was made.

    A page calls this on every download click; building a 90 MB zip each time would be slow.
    """
    run_dir = Path(run_dir)
    target = (Path(folder) if folder else exports_dir()) / f"{runs.check_run_id(run_dir.name)}.zip"
    sources = [p for p in (run_dir / "model").glob("*") if p.is_file()]
    sources += [run_dir / n for n in ("eval.json", "config.json") if (run_dir / n).is_file()]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    if target.is_file() and target.stat().st_mtime >= newest:
        return target
    return export_run(run_dir, target)
