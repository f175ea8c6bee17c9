"""Export a run as one zip that loads with `transformers.pipeline(task, model=folder)`.

The zip's top level is the model folder itself (safetensors, tokenizer, config with id2label),
plus README.md (the model card), eval.json and run_config.json.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.models.loading import display_name
from core.predict.record import saved_record
from core.scoring.calibration import (
    NO_MISTAKES,
    NO_OUTPUT_LAYER,
    NO_VALIDATION,
    TOO_FEW,
)
from core.scoring.calibration import (
    NOT_CALIBRATED as NOT_CALIBRATED_TASK,
)
from core.scoring.metrics import METRIC_KEYS, metric_name
from core.serve import measure, onnx_export
from core.tasks import TEXT_CLASSIFICATION, saved_task_kind
from core.text import ENGLISH, Text, current_language, has, normalize, t, use_language
from core.text.md_text import escape
from core.workspace import runs
from core.workspace.folder import RunFolder

# the name run_config.json gets inside the zip (a RunFolder's config.json)
ZIP_RUN_CONFIG = "run_config.json"


def _format_scores(scores: dict[str, Any], language: str, task_key: str | None = None) -> str:
    parts = [t("card.scores.score", language=language,
               metric=metric_name(k, language, task_key), value=f"{v:.3f}")
             for k, v in scores.items() if isinstance(v, float) and k in METRIC_KEYS]
    return t("card.scores.separator", language=language).join(parts) \
        or t("card.scores.none", language=language)


def _baseline_name(name: str, language: str) -> str:
    """'majority', 'word memory' in the card's language (a name this app does not make: as
    saved, with spaces for underscores)."""
    key = f"evaluation.baseline.{name}"
    return t(key, language=language) if has(key) else name.replace("_", " ")


def _base_model(config: dict[str, Any], language: str, markdown: bool = True) -> str:
    """The base model's name; a local folder by its last part only (no private paths).
    Escaped for Markdown unless `markdown` is False."""
    shown_as = escape if markdown else str
    name = str(config.get("model") or "default")
    with use_language(language):
        shown = display_name(name)
    if shown != name:  # a catalogue model, the built-in one's folder included
        return shown_as(shown)
    if name.startswith(("/", ".", "~")) or "\\" in name or ("/" in name and Path(name).exists()):
        folder = name.replace(chr(92), "/").rstrip("/").split("/")[-1]
        return t("card.local_folder", language=language, folder=shown_as(folder))
    return shown_as(shown)  # 'default' reads as the model it is


def base_model_name(config: dict[str, Any], language: str | None = None) -> str:
    """The base model as the model card names it, as plain text (a run's config dict)."""
    return _base_model(config, normalize(language) or ENGLISH, markdown=False)


# calibration's reason -> the card's sentence on it (card.confidence.*)
NOT_CALIBRATED = {
    TOO_FEW: "card.confidence.too_few",
    NO_MISTAKES: "card.confidence.no_mistakes",
    NO_OUTPUT_LAYER: "card.confidence.no_output_layer",
    NO_VALIDATION: "card.confidence.no_validation",
    NOT_CALIBRATED_TASK: "card.confidence.not_calibrated",
}


def calibration_line(calibration: dict[str, Any] | None, split: str,
                     language: str | None = None) -> str:
    """One sentence on whether the scores were calibrated, with T and the calibration error."""
    if not isinstance(calibration, dict) or "applied" not in calibration:
        return t("card.confidence.too_old", language=language)
    if not calibration["applied"]:
        key = NOT_CALIBRATED.get(calibration.get("reason"), NOT_CALIBRATED[NO_VALIDATION])
        return t(key, language=language)
    figures = calibration.get(split) or calibration.get("validation") or {}
    before = (figures.get("before") or {}).get("ece")
    after = (figures.get("after") or {}).get("ece")
    temperature = f"{calibration['temperature']:.3f}"
    if before is None or after is None or split not in ("test", "validation"):
        return t("card.confidence.calibrated", language=language, temperature=temperature)
    return t(f"card.confidence.calibrated_error_{split}", language=language,
             temperature=temperature, before=f"{before:.1%}", after=f"{after:.1%}")


def model_card(run_dir: Path, language: str | None = None, fmt: str = "torch") -> str:
    """The run's model card (README.md of the export), in `language`, else the current one
    (English unless the reader chose another); `fmt` the format the zip holds (its usage
    section), with the measured formats' size, speed and score."""
    language = normalize(language) or current_language()
    record = saved_record(run_dir)
    evaluation = runs.read_eval(run_dir) or {}
    config = record.config
    task = config.get("task", TEXT_CLASSIFICATION)
    kind = saved_task_kind(task)
    resolved = record.resolved_training or {}
    labels = evaluation.get("labels") or record.labels or []
    scores = evaluation.get("test") or evaluation.get("validation") or {}
    split = "test" if evaluation.get("test") else "validation"
    baselines = evaluation.get("baselines", {})

    def say(key: str, **params: Any) -> str:
        return t(key, language=language, **params)

    # names and labels come from the user's files: escaped, so the card shows them as they are
    lines = [
        f"# {escape(run_dir.name)}", "",
        say("card.intro", task=task, base=_base_model(config, language)),
        "", say("card.data.title"), "",
        say("card.data.train_file",
            file=escape(Path(str(config.get("data", {}).get("train", ""))).name)),
        say("card.data.examples", train=str(evaluation.get("n_train", "?")),
            validation=str(evaluation.get("n_validation", "?")),
            test=str(evaluation.get("n_test", "?"))),
        *_label_lines(labels, bool(evaluation.get("multi_label")), say),
        "", say(f"card.scores.title_{split}"), "",
        say("card.scores.fine_tuned", scores=_format_scores(scores, language, kind.key)),
    ]
    for name, values in baselines.items():
        if isinstance(values, dict):
            lines.append(say("card.scores.baseline", name=_baseline_name(name, language),
                             scores=_format_scores(values, language, kind.key)))
    lines += ["", say("card.confidence.title"), "",
              calibration_line(evaluation.get("calibration"), split, language)]
    lines += ["", say("card.hyperparameters.title"), ""]
    lines += [f"- {key}: {escape(value)}" for key, value in resolved.items()
              if value not in (None, [], "")]
    lines += ["", *measure.card_lines(run_dir, language, kind.key)]
    usage = _usage(task, say, resolved) if fmt == "torch" else _onnx_usage(kind, say)
    lines += ["", say("card.usage.title"), ""] + usage
    return "\n".join(lines)


def _onnx_usage(kind: Any, say: Any) -> list[str]:
    """The card's usage for an ONNX zip: its predict.py, with onnxruntime and tokenizers."""
    def quoted(key: str) -> str:
        return json.dumps(say(key), ensure_ascii=False)

    given = f'{quoted("card.usage.example_question")} {quoted("card.usage.example_context")}' \
        if kind.answers_from_context else quoted("card.usage.example_text")
    return [say("card.usage.onnx"), "", "```bash", "pip install onnxruntime tokenizers numpy",
            f"python {onnx_export.PREDICT_SCRIPT} {given}", "```", ""]


def _label_lines(labels: list[Any], multi_label: bool, say: Any) -> list[str]:
    """The labels the model gives and whether a text may get several; none for a model that
    answers with spans of a context."""
    if not labels:
        return []
    return [say("card.data.labels_more" if len(labels) > 40 else "card.data.labels",
                count=str(len(labels)), labels=escape(", ".join(map(str, labels[:40])))),
            say("card.data.multi_label_yes" if multi_label else "card.data.multi_label_no")]


def pipeline_call_kwargs(resolved: dict[str, Any]) -> dict[str, Any]:
    """What a question-answering pipeline call needs to answer as the app does: the run's
    window, overlap and longest answer (the pipeline's own defaults are 384, 128 and 15), and
    answers cut at tokens rather than widened to whole words."""
    names = {"max_length": "max_seq_len", "stride": "doc_stride",
             "max_answer_length": "max_answer_len"}
    settings: dict[str, Any] = {name: int(resolved[key]) for key, name in names.items()
                                if isinstance(resolved.get(key), int)}
    settings["align_to_words"] = False  # the app answers with the tokens' own characters
    return settings


def _usage(task: str, say: Any, resolved: dict[str, Any]) -> list[str]:
    """The card's code sample: load the unzipped folder with `transformers.pipeline`."""
    kind = saved_task_kind(task)
    extra = "".join(f", {name}={json.dumps(value)}" for name, value in kind.pipeline_kwargs.items())
    def quoted(key: str) -> str:
        return json.dumps(say(key), ensure_ascii=False)

    name = "classifier"
    if kind.answers_from_context:
        name = "answerer"
        settings = "".join(f", {k}={v!r}" for k, v in pipeline_call_kwargs(resolved).items())
        call = (f'print({name}(question={quoted("card.usage.example_question")}, '
                f'context={quoted("card.usage.example_context")}{settings}))')
    else:
        call = f'print({name}({quoted("card.usage.example_text")}))'
    load = f'{name} = pipeline("{kind.pipeline_task}", model="path/to/unzipped/folder"{extra})'
    return ["```python", "from transformers import pipeline", "", load, call, "```", ""]


def check_zip_name(run_dir: Path, output: Path) -> None:
    """A UserError unless the run has a model, no link out of its folder, and `output` is a
    .zip file name."""
    runs.refuse_escaping_links(run_dir)  # a planted link would zip any file it points to
    if not RunFolder(run_dir).has_model():
        raise UserError(Text("prediction.export_no_model.message", {"run": run_dir.name}),
                        Text("prediction.export_no_model.fix"))
    if output.suffix.lower() != ".zip":
        raise UserError(Text("prediction.export_not_zip.message", {"file": output.name}),
                        Text("prediction.export_not_zip.fix"))


def _write_zip(output: Path, write: Callable[[zipfile.ZipFile], None]) -> Path:
    """`output` written by `write` through a temporary file (no half-written zip is left)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, suffix=".zip.partial")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            write(zf)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return output


def _write_run_files(zf: zipfile.ZipFile, run: RunFolder) -> None:
    for path, target in ((run.evaluation, run.evaluation.name), (run.config, ZIP_RUN_CONFIG)):
        if path.is_file():
            zf.write(path, target)


def export_run(run_dir: Path, output: Path) -> Path:
    """The run's zip in the torch format: the model folder, README.md, eval.json and the run's
    record (ZIP_RUN_CONFIG)."""
    run_dir, output = Path(run_dir), Path(output)
    check_zip_name(run_dir, output)
    run = RunFolder(run_dir)

    def write(zf: zipfile.ZipFile) -> None:
        for path in sorted(run.model.iterdir()):
            if path.is_file():
                zf.write(path, path.name)
        zf.writestr("README.md", model_card(run_dir, ENGLISH))  # one zip for every reader
        _write_run_files(zf, run)

    return _write_zip(output, write)


def export_onnx_zip(run_dir: Path, fmt: str, output: Path, info: dict[str, Any]) -> Path:
    """The run's zip in an ONNX format (onnx, onnx-int8): model.onnx, the model folder's
    tokenizer and config.json (id2label) without the torch weights, README.md, predict.py
    (onnxruntime + tokenizers only), format.json (`info` and how predict.py decodes), eval.json
    and the run's record. The ONNX file is the run folder's, exported when missing."""
    run_dir, output = Path(run_dir), Path(output)
    check_zip_name(run_dir, output)
    run = RunFolder(run_dir)
    task = saved_record(run_dir).config.get("task")
    onnx_file = onnx_export.ensure_onnx(run.model, onnx_export.run_onnx_file(run_dir, fmt),
                                        fmt, task)

    def write(zf: zipfile.ZipFile) -> None:
        zf.write(onnx_file, onnx_export.ONNX_FILE)
        for path in sorted(run.model.iterdir()):
            if path.is_file() and path.suffix.lower() not in onnx_export.WEIGHT_SUFFIXES:
                zf.write(path, path.name)
        zf.writestr("README.md", model_card(run_dir, ENGLISH, fmt=fmt))
        zf.writestr(onnx_export.PREDICT_SCRIPT, onnx_export.PREDICT_PY)
        zf.writestr(onnx_export.FORMAT_FILE,
                    json.dumps({**info, **onnx_export.decode_info(run_dir)}, indent=2))
        _write_run_files(zf, run)

    return _write_zip(output, write)


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
    if up_to_date(target, run_dir):
        return target
    return export_run(run_dir, target)


def up_to_date(target: Path, run_dir: Path) -> bool:
    """True when `target` exists and is newer than the run's model, scores and record."""
    run = RunFolder(run_dir)
    sources = [p for p in run.model.glob("*") if p.is_file()]
    sources += [p for p in (run.evaluation, run.config) if p.is_file()]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    return target.is_file() and target.stat().st_mtime >= newest
