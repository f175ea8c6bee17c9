"""What one browser session has chosen so far, kept across page switches.

Streamlit forgets a widget's value when its page is left; `sticky` keeps a copy under a
separate key so coming back shows the same choices. Each browser session has its own copy;
runs themselves live on disk and are shared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from pages import _format

DATASET = "dataset"          # {"path": str, "label": str, "source": "sample" | "upload"}
DATA_CONFIG = "data_config"  # RunConfig.data as a dict, set by the Data page
TASK = "task"                # the task the Data page settled on
DATA_READY = "data_ready"    # True when the health report has no errors
DATA_STATS = "data_stats"    # {"n_train", "n_labels", "mean_tokens", "token_lengths"}
MODEL = "model"              # the model name the Model page settled on
RUN_ID = "run_id"            # the run the Train page shows
FLASH = "flash"              # a one-off message for the next page: (kind, text)
LANGUAGE = "language"        # "en" or "zh": the language of the app (pages/_lang.py keeps it)
_KEPT = "_kept_"
# Model-page settings made for one dataset's texts: another dataset starts without them.
DATASET_SETTINGS = ("adv_extend_vocabulary", "adv_max_length")


def sticky(key: str, default: Any, options: Sequence[Any] | None = None) -> str:
    """Prepare widget `key` with its remembered value (or `default`); returns the key.

    When `options` is given, a remembered value that is no longer an option falls back to
    `default`, so a new file with other columns never leaves a stale choice behind.
    """
    if key in st.session_state and (options is None or _among(st.session_state[key], options)):
        # Already the widget's own value: writing it again would make it a value set by the
        # script, which can override a click that arrives while this run is still going.
        return key
    value = st.session_state.get(key, st.session_state.get(_KEPT + key, default))
    if options is not None and not _among(value, options):
        value = default
    st.session_state[key] = value
    return key


def _among(value: Any, options: Sequence[Any]) -> bool:
    """Whether a widget's value is one of its options (each of them, for a multiselect's)."""
    if isinstance(value, list):
        return all(item in options for item in value)
    return value in options


def remember(key: str) -> Any:
    """Keep the widget's current value for the next visit to its page."""
    value = st.session_state.get(key)
    st.session_state[_KEPT + key] = value
    return value


def widget(make: Callable[..., Any], label: str, key: str, default: Any,
           options: Sequence[Any] | None = None, **kwargs: Any) -> Any:
    """Create a sticky widget: `make(label, [options,] key=key, **kwargs)`."""
    sticky(key, default, options)
    if options is not None:
        make(label, list(options), key=key, **kwargs)
    else:
        make(label, key=key, **kwargs)
    return remember(key)


def forget(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)
        st.session_state.pop(_KEPT + key, None)


def choose_dataset(chosen: dict) -> bool:
    """Record the dataset the Data page settled on; True when it is another one than before.

    Settings made for the previous dataset are forgotten then: "Extend the vocabulary" ticked
    for Chinese reviews must not stay on, hidden under Advanced, for English news.
    """
    changed = (st.session_state.get(DATASET) or {}).get("path") != chosen["path"]
    if changed:
        forget(*DATASET_SETTINGS)
    st.session_state[DATASET] = chosen
    return changed


def flash(kind: str, text: str) -> None:
    """Show `text` once on the next page that calls `show_flash` (after a page switch)."""
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, None))
    if text:  # flashes name runs and files: shown literally
        show = {"success": st.success, "warning": st.warning, "info": st.info}.get(kind, st.info)
        show(_format.md(text))


def resend_if_renamed(key: str, labels: dict[str, str]) -> None:
    """Send picker `key` its value again when a chosen run's label changed since last shown.

    The browser keeps the label it was last sent for the choice, not the run id behind it, so
    after a rename (on any page or in another tab) it would go on showing the old name until
    the app restarts. Writing the value back makes Streamlit send the choice with its new label.
    """
    shown_key = f"_labels_shown_{key}"
    before = st.session_state.get(shown_key) or {}
    st.session_state[shown_key] = dict(labels)
    value = st.session_state.get(key)
    if value is None:
        return
    chosen = [v for v in (value if isinstance(value, list) else [value]) if v in labels]
    if any(k in before and before[k] != labels[k] for k in chosen):
        st.session_state[key] = chosen if isinstance(value, list) else chosen[0]
