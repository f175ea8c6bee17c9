"""Data page, left column: choose the examples (a built-in sample, an upload, or a file
uploaded earlier) and remember the choice in the session and the address."""

from __future__ import annotations

import streamlit as st

from core.data.samples import samples_for_language
from core.errors import UserError
from core.text import t
from core.workspace import uploads
from pages import _data_address, _data_files, _errors, _format, _session
from pages._session import widget

SOURCES = ("sample", "upload", "earlier")
# Widget keys that describe one file; they are reset when another file is chosen.
FILE_KEYS = ("data_task", "data_text", "data_pair", "data_pair_mode", "data_label", "data_split",
             "data_multi", "data_sep", "data_label_names", "data_qa_context", "data_qa_question",
             "data_qa_answer", "data_qa_answer_start", "data_qa_id")


def source_label(source: str) -> str:
    return t(f"data.source.{source}")


def choose_source() -> str:
    return widget(st.radio, t("data.source.label"), "data_source", "sample",
                  options=list(SOURCES), format_func=source_label, horizontal=True,
                  help=t("data.source.help"))


def _choose_sample() -> dict:
    samples = {s.key: s for s in samples_for_language()}
    key = widget(st.selectbox, t("data.sample.label"), "data_sample", next(iter(samples)),
                 options=list(samples), format_func=lambda k: samples[k].title,
                 help=t("data.sample.help"))
    st.caption(samples[key].description)
    return {"path": str(samples[key].path), "label": samples[key].title, "source": "sample"}


def _keep_upload(file) -> dict | None:
    """Save the uploaded file once (hash and store each upload only once) and read it; a file
    that cannot be read is not kept for reuse."""
    saved = st.session_state.get("data_upload_saved") or {}
    if saved.get("file_id") == file.file_id:
        return saved
    try:
        kept = uploads.save_upload(file.name, file.getvalue())
    except UserError as exc:
        _errors.show_error(exc)
        return None
    try:
        _data_files.check_readable(str(kept.path))
    except UserError as exc:
        uploads.discard_upload(kept)
        _errors.show_error(exc)
        return None
    except Exception:  # nor one that broke the reader: the page reports it
        uploads.discard_upload(kept)
        raise
    saved = {"file_id": file.file_id, "path": str(kept.path), "label": kept.name,
             "id": kept.content_hash}
    st.session_state["data_upload_saved"] = saved
    return saved


def _choose_upload(chosen: dict | None) -> dict | None:
    # No `type=` filter: Streamlit would refuse another extension with an exception of
    # its own; save_upload refuses it with a sentence that says which types to save as.
    file = st.file_uploader(t("data.upload.label"), key="data_upload",
                            help=t("data.upload.help", size=uploads.max_upload_mb()))
    if file is not None:
        saved = _keep_upload(file)
        if saved is None:
            return None
        return {"path": saved["path"], "label": saved["label"], "source": "upload",
                "id": saved.get("id")}
    if not chosen or chosen.get("source") != "upload":
        st.info(t("data.upload.empty"))
        return None
    st.caption(t("data.upload.using", name=_format.md(chosen["label"])))
    return chosen


def _choose_earlier() -> dict | None:
    saved_files = {str(d.path): d for d in uploads.list_uploads()}
    if not saved_files:
        st.info(t("data.earlier.none", upload=source_label("upload")))
        return None
    default, unusable = _data_files.newest_usable(list(saved_files))

    def describe(p: str) -> str:
        kept = saved_files[p]
        key = "data.earlier.option_unusable" if p in unusable else "data.earlier.option"
        return t(key, name=kept.name, size=_format.file_size(kept.size),
                 when=_format.when(kept.modified))

    path = widget(st.selectbox, t("data.earlier.label"), "data_earlier", default,
                  options=list(saved_files), format_func=describe, help=t("data.earlier.help"))
    return {"path": path, "label": saved_files[path].name, "source": "upload",
            "id": saved_files[path].content_hash}


def choose_dataset(source: str) -> dict | None:
    """The chosen dataset as {"path", "label", "source"}, remembered in the session."""
    if source == "sample":
        chosen = _choose_sample()
    elif source == "upload":
        chosen = _choose_upload(st.session_state.get(_session.DATASET))
    else:
        chosen = _choose_earlier()
    if chosen is None:
        return None
    _data_address.keep_in_address(chosen)
    if _session.choose_dataset(chosen):
        _session.forget(*FILE_KEYS)  # a new file: guess its columns afresh
    return chosen
