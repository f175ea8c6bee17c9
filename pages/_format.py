"""Numbers as a non-expert reads them: durations, sizes, dates, run states; and user text made
safe for the elements that render markdown."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from core.text import md_text

STATE_LABELS = {
    "queued": ":material/schedule: waiting",
    "running": ":material/play_circle: training",
    "completed": ":material/check_circle: finished",
    "failed": ":material/cancel: failed",
    "stopped": ":material/stop_circle: stopped",
    "interrupted": ":material/pause_circle: interrupted",
    "damaged": ":material/broken_image: damaged",
}
STATE_WORDS = {
    "queued": "waiting", "running": "training", "completed": "finished", "failed": "failed",
    "stopped": "stopped", "interrupted": "interrupted", "damaged": "damaged",
}


def md(text: Any) -> str:
    """`text` (a label, column, run or file name, a text, a message naming them) shown literally
    by st.markdown, st.caption, alerts, headers, metrics, button, pill and tab labels and help
    texts (core/text/md_text.py says why)."""
    return md_text.escape(text)


def duration(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "-"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def megabytes(mb: float | None) -> str:
    if mb is None:
        return "-"
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"


def file_size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    if n_bytes < 1024 * 1024:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{n_bytes / 1024 / 1024:.1f} MB"


def when(timestamp: float | None) -> str:
    if not timestamp:
        return "-"
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def metric_name(name: str) -> str:
    return {"accuracy": "accuracy", "macro_f1": "macro F1", "micro_f1": "micro F1",
            "f1": "F1", "precision": "precision", "recall": "recall",
            "loss": "loss"}.get(name, name.replace("_", " "))


def metric_value(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def run_label(info, with_date: bool = False) -> str:
    """'name (state)' or 'name (state, date)' for run pickers."""
    state = "damaged" if info.damaged else STATE_WORDS.get(info.state, info.state)
    date = f", {when(info.created)}" if with_date else ""
    return f"{info.name or info.run_id} ({state}{date})"
