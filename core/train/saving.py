"""`save_model(model, tokenizer, folder, calibration)`: the one way a run's model is saved.

Fine-tuning (at the end and after a Stop) and few-shot training both save through it. The new
model is written beside the old one, in `<folder>.partial` inside the run folder; only when it
is complete does it take the old one's place: the old `model/` is renamed aside to
`<folder>.previous`, the new one renamed in, and the old one removed. A crash or a full disk
while writing keeps the model saved before, and no half-written folder stays behind. A process
killed between the two renames leaves `<folder>.previous`; the next save puts it back first.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from core.scoring.calibration import folded

log = logging.getLogger("core.train.saving")


def save_model(model: Any, tokenizer: Any, folder: Path,
               calibration: dict[str, Any] | None = None) -> None:
    """Save `model` (safetensors) and `tokenizer` into `folder`, replacing what it held only
    once the new copy is complete. The calibration's temperature is folded into the saved
    copy's output layer only; the weights in memory stay as they were trained."""
    folder = Path(folder)
    staging, previous = _staging(folder), _aside(folder)
    restore_aside(folder)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with folded(model, calibration):
            model.save_pretrained(staging, safe_serialization=True)
        if tokenizer is not None:
            tokenizer.save_pretrained(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk keeps the model saved before
        raise
    _swap_in(staging, folder, previous)


def restore_aside(folder: Path) -> bool:
    """Put back a model renamed aside by a save that was killed before its new model was in
    place (`folder` missing, `<folder>.previous` present); an aside copy next to a complete
    `folder` is a finished save's leftover and is removed. True when a model was put back."""
    folder = Path(folder)
    previous = _aside(folder)
    if not previous.exists():
        return False
    if folder.exists():
        shutil.rmtree(previous, ignore_errors=True)
        return False
    os.replace(previous, folder)
    log.warning("The model saved before an interrupted save was put back in %s.", folder)
    return True


def _swap_in(staging: Path, folder: Path, previous: Path) -> None:
    """Replace `folder` by the complete `staging` folder: the old one goes aside first and is
    removed only once the new one is in place; if the swap fails, the old one comes back."""
    if folder.exists():
        os.replace(folder, previous)
    try:
        os.replace(staging, folder)
    except BaseException:
        if previous.exists() and not folder.exists():
            os.replace(previous, folder)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _staging(folder: Path) -> Path:
    """Where the new model is written before it replaces `folder`."""
    return folder.with_name(folder.name + ".partial")


def _aside(folder: Path) -> Path:
    """Where the previous model waits while the new one is renamed in."""
    return folder.with_name(folder.name + ".previous")
