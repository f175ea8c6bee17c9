"""The formats a run's model is served and exported in, and opening a model in one of them.

    FORMATS = ("torch", "onnx", "onnx-int8")
    open_model(source, fmt)        # a run folder or an exported zip -> ServedModel
    export_format(run_dir, fmt, output)   # the run's zip in that format, measured
    measurements(run_dir)          # {format: size, speed, score...} measured so far

A zip is unpacked safely (no absolute paths, no '..', no links, a size cap) into a cache folder
under the workspace, keyed by the zip's content hash, and read from there: the model folder's
files, README.md, eval.json, the run's record (export.ZIP_RUN_CONFIG) and, for the ONNX
formats, model.onnx and format.json. ONNX files for a run folder are exported on first use and
kept inside the run folder (see onnx_export).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Any

from core.errors import UserError
from core.predict.inference import Predictor
from core.predict.record import saved_record
from core.serve import measure, onnx_export
from core.serve.export import (
    ZIP_RUN_CONFIG,
    base_model_name,
    check_zip_name,
    export_onnx_zip,
    export_run,
    exports_dir,
    up_to_date,
)
from core.text import Text
from core.workspace import runs
from core.workspace.folder import OtherVersion, RunFolder, RunRecord, read_json

FORMATS = ("torch", "onnx", "onnx-int8")   # names used in CLI flags, URLs, records
TORCH = FORMATS[0]
ZIP_FORMAT = onnx_export.FORMAT_FILE  # inside an ONNX zip: {"format": ..., decoding}
ZIP_MAX_BYTES = 4 * 1024 ** 3  # an exported model unpacks to far less
_CHUNK = 1 << 20


@dataclass
class ServedModel:
    predictor: Any       # core.predict.inference.Predictor: .predict, .predict_entities,
                         # .answer, .kind, .labels, .multi_label, .threshold
    format: str          # one of FORMATS
    task: str            # the task's name, for /info only (never compared outside core/tasks)
    labels: list[str]
    model_name: str      # the base model as the model card names it
    scores: dict         # the test scores from the run's eval.json ({} when none)
    run_id: str          # the run folder's name, or the zip's stem


def check_format(fmt: str) -> str:
    """`fmt` when it is one of FORMATS, else a UserError listing them."""
    if fmt not in FORMATS:
        raise UserError(Text("formats.unknown.message", {"format": str(fmt)}),
                        Text("formats.unknown.fix", {"formats": ", ".join(FORMATS)}))
    return fmt


def open_model(source: Path, fmt: str = TORCH) -> ServedModel:
    """A run folder or an exported zip (any format), ready to answer in `fmt`.

    A zip holding an ONNX model is served in its own format when `fmt` is torch (the default);
    asking it for the other ONNX format is a UserError. For onnx / onnx-int8 from a run folder
    or a torch zip, the ONNX file is exported on first use and cached (the run folder, or the
    zip's cache folder). Unknown format, missing model, bad zip -> UserError."""
    check_format(fmt)
    source = Path(source)
    if source.is_dir():
        return _open_run(source, fmt)
    if source.is_file():
        return _open_zip(source, fmt)
    raise UserError(Text("formats.missing_source.message", {"source": source.name}),
                    Text("formats.missing_source.fix"))


def _open_run(run_dir: Path, fmt: str) -> ServedModel:
    onnx_file = None
    if fmt != TORCH:
        runs.refuse_escaping_links(run_dir)
        run = RunFolder(run_dir)
        if not run.has_model():
            raise UserError(Text("prediction.no_model.message", {"run": run_dir.name}),
                            Text("prediction.no_model.fix"))
        onnx_file = onnx_export.ensure_onnx(run.model, onnx_export.run_onnx_file(run_dir, fmt),
                                            fmt, saved_record(run_dir).config.get("task"))
    predictor = Predictor(run_dir, onnx_file=onnx_file)
    return _served(predictor, fmt, saved_record(run_dir), runs.read_eval(run_dir) or {},
                   run_dir.name)


def _open_zip(path: Path, fmt: str) -> ServedModel:
    folder = unpack_zip(path)
    held = zip_format(folder)
    record = folder_record(folder)
    evaluation = read_json(folder / RunFolder(".").evaluation.name) or {}
    if held != TORCH:  # an ONNX zip: no torch weights to export another format from
        if fmt not in (TORCH, held):
            raise UserError(Text("formats.zip_other_format.message",
                                 {"file": path.name, "held": held, "format": fmt}),
                            Text("formats.zip_other_format.fix", {"held": held}))
        fmt, onnx_file = held, folder / onnx_export.ONNX_FILE
    elif fmt != TORCH:
        onnx_file = onnx_export.ensure_onnx(folder, folder / "onnx" / onnx_export.file_name(fmt),
                                            fmt, record.config.get("task"))
    else:
        onnx_file = None
    if onnx_file is None and not (folder / "config.json").is_file():
        raise UserError(Text("formats.zip_no_model.message", {"file": path.name}),
                        Text("formats.unsafe_zip.fix"))
    predictor = Predictor.from_folder(folder, record, evaluation, onnx_file=onnx_file)
    return _served(predictor, fmt, record, evaluation, path.stem)


def _served(predictor: Any, fmt: str, record: RunRecord, evaluation: dict[str, Any],
            run_id: str) -> ServedModel:
    test = evaluation.get("test") or {}
    scores = {k: v for k, v in test.items()
              if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return ServedModel(predictor=predictor, format=fmt, task=predictor.task,
                       labels=list(predictor.labels), model_name=base_model_name(record.config),
                       scores=scores, run_id=run_id)


def folder_record(folder: Path) -> RunRecord:
    """The run's record saved in an unpacked zip (export.ZIP_RUN_CONFIG); keys another version
    wrote are left out, a missing or damaged file gives an empty record."""
    raw = read_json(Path(folder) / ZIP_RUN_CONFIG) or {}
    try:
        return RunRecord.from_dict(raw)
    except OtherVersion:
        known = {f.name for f in fields(RunRecord)}
        try:
            return RunRecord.from_dict({k: v for k, v in raw.items() if k in known})
        except UserError:
            return RunRecord()
    except UserError:
        return RunRecord()


def zip_format(folder: Path) -> str:
    """The format an unpacked zip holds: its format.json's, else torch."""
    held = (read_json(Path(folder) / ZIP_FORMAT) or {}).get("format")
    return held if held in FORMATS else TORCH


# unpacking ----------------------------------------------------------------------------------
def cache_dir() -> Path:
    """Where unpacked zips are kept: the workspace's served/ folder."""
    return runs.workspace_dir() / "served"


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def unpack_zip(path: Path, max_bytes: int | None = None) -> Path:
    """The zip's files in a cache folder under the workspace (kept: the same zip is unpacked
    once). Entries with absolute paths, '..', links or more than `max_bytes` in all (default
    ZIP_MAX_BYTES) are refused with a UserError, as is a file that is not a zip."""
    path = Path(path)
    limit = ZIP_MAX_BYTES if max_bytes is None else int(max_bytes)
    if not zipfile.is_zipfile(path):
        raise _not_zip(path)
    target = cache_dir() / content_hash(path)[:24]
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpacking-"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = _checked_members(path, archive, limit)
            _extract(path, archive, members, partial, limit)
        try:
            os.replace(partial, target)
        except OSError:  # another process unpacked the same zip meanwhile
            if not target.is_dir():
                raise
            shutil.rmtree(partial, ignore_errors=True)
    except zipfile.BadZipFile:
        shutil.rmtree(partial, ignore_errors=True)
        raise _not_zip(path) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def _not_zip(path: Path) -> UserError:
    return UserError(Text("formats.not_zip.message", {"file": path.name}),
                     Text("formats.not_zip.fix"))


def _unsafe(key: str, path: Path, **params: Any) -> UserError:
    return UserError(Text(key, {"file": path.name, **params}), Text("formats.unsafe_zip.fix"))


def _checked_members(path: Path, archive: zipfile.ZipFile, limit: int) -> list[zipfile.ZipInfo]:
    total = 0
    members = []
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
            raise _unsafe("formats.unsafe_zip.message", path, entry=info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _unsafe("formats.link_in_zip.message", path, entry=info.filename)
        total += info.file_size
        if total > limit:
            raise _too_big(path, limit)
        if not info.is_dir():
            members.append(info)
    return members


def _too_big(path: Path, limit: int) -> UserError:
    return _unsafe("formats.zip_too_big.message", path, limit=str(max(1, limit // 1024 ** 2)))


def _extract(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo],
             folder: Path, limit: int) -> None:
    """Each member written under `folder`, counting the bytes really written (a zip's
    declared sizes may lie)."""
    written = 0
    for info in members:
        target = folder.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as out:
            for chunk in iter(lambda: source.read(_CHUNK), b""):  # noqa: B023
                written += len(chunk)
                if written > limit:
                    raise _too_big(path, limit)
                out.write(chunk)


# exporting and measuring --------------------------------------------------------------------
def export_format(run_dir: Path, fmt: str, output: Path) -> Path:
    """The run's zip in that format (torch: export.export_run; onnx / onnx-int8: model.onnx,
    tokenizer files, config.json with id2label, README.md card, predict.py using onnxruntime +
    tokenizers only, eval.json and the run's record). The format is measured on the run's test
    split first (measure.measure_format: saved in the run folder and written into the card)."""
    check_format(fmt)
    run_dir, output = Path(run_dir), Path(output)
    check_zip_name(run_dir, output)
    served = open_model(run_dir, fmt)
    measure.measure_format(run_dir, served.predictor, fmt)
    if fmt == TORCH:
        return export_run(run_dir, output)
    return export_onnx_zip(run_dir, fmt, output, {"format": fmt, "task": served.task})


def measure_run(run_dir: Path, fmt: str) -> dict[str, Any]:
    """The format measured on the run's test split without exporting a zip (the ONNX file is
    made when missing): its figures, saved with the others (see `measurements`)."""
    served = open_model(Path(run_dir), check_format(fmt))
    return measure.measure_format(Path(run_dir), served.predictor, fmt)


def prepared_format(run_dir: Path, fmt: str, folder: Path | None = None) -> Path:
    """The run's zip in `fmt` in the exports folder (`folder` if given), named
    <run>-<format>.zip, made again only when the run changed since (a download button calls
    this on every click)."""
    run_dir = Path(run_dir)
    check_format(fmt)
    target = (Path(folder) if folder else exports_dir()) / \
        f"{runs.check_run_id(run_dir.name)}-{fmt}.zip"
    if up_to_date(target, run_dir):
        return target
    return export_format(run_dir, fmt, target)


def measurements(run_dir: Path) -> dict[str, dict]:
    """{format: {"size_mb", "sentences_per_s", "p50_ms", "score", "score_name",
    "score_change_points", "flagged", "measured_at"}} saved so far for this run ({} when
    none measured)."""
    return measure.measurements(run_dir)


def describe(served: ServedModel) -> dict[str, Any]:
    """What /info tells of a served model (JSON-ready)."""
    return json.loads(json.dumps({"task": served.task, "labels": served.labels,
                                  "model": served.model_name, "scores": served.scores,
                                  "format": served.format, "run_id": served.run_id}))
