"""Numbers as a non-expert reads them: durations, sizes, dates, run states, metric names; and
user text made safe for the elements that render markdown. The words come from the text
catalogue (core/text/catalogue/format.py), looked up when called, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from core import text
from core.text import md_text, t

STATES = ("queued", "running", "completed", "failed", "stopped", "interrupted", "damaged")
STATE_ICONS = {
    "queued": ":material/schedule:",
    "running": ":material/play_circle:",
    "completed": ":material/check_circle:",
    "failed": ":material/cancel:",
    "stopped": ":material/stop_circle:",
    "interrupted": ":material/pause_circle:",
    "damaged": ":material/broken_image:",
}
METRICS = ("accuracy", "macro_f1", "micro_f1", "f1", "precision", "recall", "loss")


def state_word(state: str) -> str:
    """'completed' -> 'finished' / '已完成'; a state this app does not know stays as it is."""
    return t(f"format.state.{state}") if state in STATES else state


def state_label(state: str) -> str:
    """The state's word with its icon: ':material/check_circle: finished'."""
    return f"{STATE_ICONS[state]} {state_word(state)}" if state in STATES else state


class _Words(Mapping):
    """A read-only table of state -> words, looked up when read (so in the reader's language,
    and never at import time): `STATE_WORDS.get(run.state, run.state)` keeps working."""

    def __init__(self, word) -> None:
        self._word = word

    def __getitem__(self, state: str) -> str:
        if state not in STATES:
            raise KeyError(state)
        return self._word(state)

    def __iter__(self) -> Iterator[str]:
        return iter(STATES)

    def __len__(self) -> int:
        return len(STATES)


STATE_LABELS: Mapping[str, str] = _Words(state_label)
STATE_WORDS: Mapping[str, str] = _Words(state_word)


def md(text: Any) -> str:
    """`text` (a label, column, run or file name, a text, a message naming them) shown literally
    by st.markdown, st.caption, alerts, headers, metrics, button, pill and tab labels and help
    texts (core/text/md_text.py says why)."""
    return md_text.escape(text)


def duration(seconds: float | None) -> str:
    """45 -> '45 s' / '45 秒'; 185 -> '3 min 05 s'; None -> '-'."""
    return text.duration(seconds)


def megabytes(mb: float | None) -> str:
    if mb is None:
        return "-"
    if mb >= 1024:
        return t("format.size.gb", value=text.number(mb / 1024, 1))
    return t("format.size.mb", value=text.number(mb, 0))


def file_size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return t("format.size.bytes", count=n_bytes)
    if n_bytes < 1024 * 1024:
        return t("format.size.kb", value=text.number(n_bytes / 1024, 0))
    return t("format.size.mb", value=text.number(n_bytes / 1024 / 1024, 1))


def when(timestamp: float | None) -> str:
    if not timestamp:
        return "-"
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def metric_name(name: str) -> str:
    """'macro_f1' -> 'macro F1' / '宏平均 F1'; a metric this app does not name is shown with
    spaces for underscores."""
    return t(f"format.metric.{name}") if name in METRICS else name.replace("_", " ")


def metric_value(value: float | None) -> str:
    return "-" if value is None else text.number(value, 3)


def run_label(info, with_date: bool = False) -> str:
    """'name (state)' or 'name (state, date)' for run pickers."""
    name = info.name or info.run_id
    state = state_word("damaged" if info.damaged else info.state)
    if with_date:
        return t("format.run_label.dated", name=name, state=state, date=when(info.created))
    return t("format.run_label.plain", name=name, state=state)
