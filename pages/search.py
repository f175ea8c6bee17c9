"""Search: the searches for the best settings in this workspace, one shown at a time with its
trials, charts and controls. Everything is read from the search's folder and study, so a page
opened after a restart of the app finds a running search again."""

from __future__ import annotations

import streamlit as st

from core.search import folder as searches
from core.text import t
from pages import _entry, _errors, _format, _session
from pages._search_view import show_search

_entry.run_through_app()

POLL_SECONDS = 3.0


def _pick(found: list[searches.SearchFolder]) -> searches.SearchFolder:
    ids = [folder.search_id for folder in found]
    asked = st.query_params.get("search")
    index = ids.index(asked) if asked in ids else 0
    if len(ids) == 1:
        return found[0]
    chosen = st.selectbox(t("search.page.pick"), ids, index=index, key="search_pick",
                          format_func=lambda i: _format.md(i))
    return found[ids.index(chosen)]


def render() -> None:
    st.title(t("search.page.title"))
    st.caption(t("search.page.caption"))
    _session.show_flash()
    found = searches.list_searches()
    if not found:
        st.info(t("search.page.empty"))
        return
    folder = _pick(found)
    st.query_params["search"] = folder.search_id
    st.header(_format.md(folder.read_settings().get("study") or folder.search_id))
    live = searches.state(folder) in ("running", "queued")
    st.fragment(show_search, run_every=POLL_SECONDS if live else None)(folder.search_id)


_errors.page(render, "search.page.error")
