"""Keeping uploaded datasets in the workspace so they survive a page refresh and can be reused.

An uploaded file's name comes from the browser and is not trusted: only its base name is kept,
reduced to letters and digits (of any script), '.', '-' and '_', and the file is stored under
`<workspace>/datasets/<hash>/<name>`. The same content uploaded twice is stored once (the folder
is named after the content hash). A file is written to a temporary name first; temporary files
left by a crash are removed by `remove_orphan_uploads` when the app or the CLI starts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import time
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.errors import UserError
from core.text import Text
from core.workspace.runs import workspace_dir, workspace_error

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_MAX_UPLOAD_MB = 200
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".xlsx", ".parquet",
                    ".conll", ".conllu", ".bio", ".iob")
_UNSAFE = re.compile(r"[^\w.-]+")  # \w: letters and digits of every script, and '_'
HASH_LENGTH = 16
_UPLOAD_ID = re.compile(f"[0-9a-f]{{{HASH_LENGTH}}}")
_MAX_NAME_BYTES = 200  # file systems allow 255 bytes, and a Chinese character takes three
ORPHAN_AGE_S = 15 * 60  # a younger temporary file may be an upload still being written


@dataclass(frozen=True)
class SavedDataset:
    """A dataset file kept in the workspace."""

    path: Path
    name: str
    size: int
    modified: float
    content_hash: str
    new: bool = False  # stored by this call, rather than found from an earlier upload


def max_upload_mb(config_path: Path | None = None) -> int:
    """server.maxUploadSize from .streamlit/config.toml (megabytes), or the default."""
    path = config_path or PROJECT_ROOT / ".streamlit" / "config.toml"
    try:
        with open(path, "rb") as handle:
            value = tomllib.load(handle).get("server", {}).get("maxUploadSize")
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_MAX_UPLOAD_MB
    return int(value) if isinstance(value, int) and value > 0 else DEFAULT_MAX_UPLOAD_MB


def datasets_dir() -> Path:
    folder = workspace_dir() / "datasets"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise workspace_error(exc, folder) from None
    return folder


def safe_filename(name: str) -> str:
    """The base name of `name` with only letters, digits, '.', '-' and '_' (never a path).

    NFKC first: full-width letters ('ｄａｔａ.ｃｓｖ') become plain ones, so the extension is
    recognised, and a full-width slash becomes '/', so it cannot hide a path.
    """
    normal = unicodedata.normalize("NFKC", str(name or ""))
    base = re.split(r"[\\/]", normal)[-1]
    base = _UNSAFE.sub("_", base).strip("._-")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip("._-")[:80]
    while len(stem.encode("utf-8")) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    stem = stem or "dataset"
    return f"{stem}.{suffix.lower()[:10]}" if suffix else stem


def save_upload(name: str, content: bytes, max_mb: int | None = None) -> SavedDataset:
    """Store an uploaded file in the workspace (once per distinct content) and describe it."""
    limit_mb = max_mb or max_upload_mb()
    if len(content) > limit_mb * 1024 * 1024:
        raise UserError(Text("workspace.upload.too_large",
                             {"name": safe_filename(name), "limit_mb": str(limit_mb)}),
                        Text("workspace.upload.too_large_fix", {}))
    if not content:
        raise UserError(Text("workspace.upload.empty", {"name": safe_filename(name)}),
                        Text("workspace.upload.empty_fix", {}))
    filename = safe_filename(name)
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UserError(
            Text("workspace.upload.type", {"name": filename, "suffix": suffix or Text(
                "workspace.upload.no_extension", {})}),
            Text("workspace.upload.type_fix", {"suffixes": ", ".join(ALLOWED_SUFFIXES)}))
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    folder = datasets_dir() / digest
    existing = _files_in(folder)
    if existing:
        return _describe(existing[0], digest)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / filename
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _remove_empty(folder)
        raise workspace_error(exc, folder.parent) from None
    return dataclasses.replace(_describe(target, digest), new=True)


def remove_orphan_uploads(max_age_s: float = ORPHAN_AGE_S) -> int:
    """Delete the temporary `.upload.*.tmp` files a crash left behind (and the folders they
    leave empty); returns how many. Never raises and never creates the workspace: it runs at
    every start, also on a read-only or missing workspace."""
    removed = 0
    try:
        leftovers = list((workspace_dir() / "datasets").glob("*/.upload.*.tmp"))
    except OSError:
        return 0
    now = time.time()
    for path in leftovers:
        try:
            if now - path.stat().st_mtime < max_age_s:
                continue
            path.unlink()
        except OSError:
            continue  # gone already, or not ours to delete
        removed += 1
        _remove_empty(path.parent)
    return removed


def discard_upload(saved: SavedDataset) -> None:
    """Forget an upload this session just stored (a file that cannot be read is not kept);
    an earlier upload of the same content stays."""
    if not saved.new:
        return
    folder = datasets_dir() / saved.content_hash
    if saved.path.parent == folder:
        saved.path.unlink(missing_ok=True)
        _remove_empty(folder)


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (another session stored the same file) or already gone


def list_uploads() -> list[SavedDataset]:
    """Every kept dataset, most recently uploaded first."""
    found = []
    for folder in datasets_dir().iterdir():
        if folder.is_dir():
            files = _files_in(folder)
            if files:
                found.append(_describe(files[0], folder.name))
    return sorted(found, key=lambda d: d.modified, reverse=True)


def find_upload(path: str | Path) -> SavedDataset | None:
    """The kept dataset at `path`, or None when `path` is not inside the datasets folder."""
    try:
        resolved = Path(path).resolve()
        resolved.relative_to(datasets_dir().resolve())
    except (OSError, ValueError):
        return None
    return next((d for d in list_uploads() if d.path.resolve() == resolved), None)


def find_by_id(upload_id: object) -> SavedDataset | None:
    """The kept dataset whose id (its content hash, as in a page address) is `upload_id`, or
    None. The id comes from the browser: anything but 16 lowercase hex digits is refused before
    it comes near a path."""
    if not isinstance(upload_id, str) or not _UPLOAD_ID.fullmatch(upload_id):
        return None
    files = _files_in(datasets_dir() / upload_id)
    return _describe(files[0], upload_id) if files else None


def _files_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _describe(path: Path, digest: str) -> SavedDataset:
    stat = path.stat()
    return SavedDataset(path=path, name=path.name, size=stat.st_size, modified=stat.st_mtime,
                        content_hash=digest)
