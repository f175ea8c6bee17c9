"""Data page: `?data=<upload id>` in the address, so a refresh or a shared link finds the same
upload again. A built-in sample needs no address."""

from __future__ import annotations

import streamlit as st

from core.workspace import uploads
from pages import _session

URL_KEY = "data"
WANTED = "data_address_wanted"  # the id the address named, until the Data page has read it


def upload_id(chosen: dict | None) -> str | None:
    """The id to keep in the address for a chosen dataset (None for a sample)."""
    chosen = chosen or {}
    return chosen.get("id") if chosen.get("source") == "upload" else None


def keep_in_address(chosen: dict | None) -> None:
    """Write the chosen upload's id into the page address (a sample needs none)."""
    wanted = upload_id(chosen)
    if wanted and st.query_params.get(URL_KEY) != wanted:
        st.query_params[URL_KEY] = wanted
    elif not wanted and URL_KEY in st.query_params:
        del st.query_params[URL_KEY]


def restore_from_address() -> None:
    """A fresh session (a refresh, a shared link) opens the upload named in the address, when
    it is still kept; the id is checked by core.workspace.uploads, never used as a path as it
    comes."""
    if st.session_state.get("data_address_read"):
        return
    st.session_state["data_address_read"] = True
    if st.session_state.get(_session.DATASET) or "data_source" in st.session_state:
        return  # this session chose already
    wanted = st.query_params.get(URL_KEY) or st.session_state.pop(WANTED, None)
    saved = uploads.find_by_id(wanted) if wanted else None
    if saved is None:
        if URL_KEY in st.query_params:
            del st.query_params[URL_KEY]
        return
    st.session_state["data_source"] = "earlier"
    st.session_state["data_earlier"] = str(saved.path)


def keep_across_pages() -> None:
    """For app.py, once per script run before the page, as pages/_lang.py keeps `lang`: a page
    switch clears the address, so the chosen upload's id is written back on every page; an id
    the address named before the Data page was opened is remembered until that page reads it."""
    chosen = st.session_state.get(_session.DATASET)
    if chosen:
        keep_in_address(chosen)
    elif not st.session_state.get("data_address_read"):
        wanted = st.query_params.get(URL_KEY) or st.session_state.get(WANTED)
        if wanted:
            st.session_state[WANTED] = wanted
            st.query_params[URL_KEY] = wanted
