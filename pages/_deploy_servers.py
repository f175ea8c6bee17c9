"""The Deploy page's servers: the form that starts an API server in the background, and the
list of servers with their URL, state and a Stop button (core/jobs/servers.py does the work)."""

from __future__ import annotations

import streamlit as st

from core.jobs import servers
from core.text import t
from core.workspace import runs
from pages import _format
from pages._deploy_formats import format_label

FLASH = "deploy_flash"  # (kind, text) shown once after the rerun an action asks for


def _flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind == "info":
        st.info(message, icon=":material/info:")


def start_section(run: runs.RunInfo, fmt: str) -> None:
    st.subheader(t("deploy.start.title"))
    host_col, port_col, token_col = st.columns([2, 1, 2])
    with host_col:
        host = st.text_input(t("deploy.start.host"), value="127.0.0.1", key="deploy_host",
                             help=t("deploy.start.host_help"))
    with port_col:
        port = st.number_input(t("deploy.start.port"), min_value=0, max_value=65535, value=0,
                               step=1, key="deploy_port", help=t("deploy.start.port_help"))
    with token_col:
        token = st.text_input(t("deploy.start.token"), type="password", key="deploy_token",
                              help=t("deploy.start.token_help"))
    if not st.button(t("deploy.start.button"), key="deploy_start", type="primary",
                     icon=":material/play_arrow:", help=t("deploy.start.button_help")):
        return
    with st.spinner(t("deploy.start.starting")):
        info = servers.start_server(run.path, fmt, port=int(port) or None,
                                    host=host.strip(), token=token.strip() or None)
    if info.state == "running":
        _flash("success", t("deploy.start.started", url=_format.md(info.url)))
    else:
        _flash("info", t("deploy.start.still_loading"))
    st.session_state["deploy_use_server"] = info.id
    st.rerun()


def _state(info: servers.ServerInfo) -> str:
    return t(f"deploy.servers.state.{info.state}")


def _server_row(info: servers.ServerInfo) -> None:
    line, button = st.columns([5, 1], vertical_alignment="center")
    with line:
        st.markdown(t("deploy.servers.line", run=_format.md(info.run_id),
                      format=format_label(info.format) if info.format else "-",
                      url=info.url.replace("`", ""), state=_state(info)))
        notes = []
        if info.has_token:
            notes.append(t("deploy.servers.token_set"))
        if info.error is not None:
            notes.append(str(info.error))
        if notes:
            st.caption(_format.md(" ".join(notes)))
    with button:
        if info.is_live:
            if st.button(t("deploy.servers.stop"), key=f"deploy_stop_{info.id}",
                         icon=":material/stop:", help=t("deploy.servers.stop_help")):
                servers.stop_server(info.id)
                _flash("success", t("deploy.servers.stopped", url=_format.md(info.url)))
                st.rerun()
        elif st.button(t("deploy.servers.forget"), key=f"deploy_forget_{info.id}",
                       icon=":material/delete:", help=t("deploy.servers.forget_help")):
            servers.forget_server(info.id)
            st.rerun()


def servers_section() -> list[servers.ServerInfo]:
    """The list of servers (every run's); returns them for the snippets below."""
    title, refresh = st.columns([5, 1], vertical_alignment="bottom")
    with title:
        st.subheader(t("deploy.servers.title"))
    with refresh:
        st.button(t("deploy.servers.refresh"), key="deploy_refresh",
                  icon=":material/refresh:", help=t("deploy.servers.refresh_help"))
    listed = servers.list_servers()
    if not listed:
        st.caption(t("deploy.servers.none"))
    for info in listed:
        _server_row(info)
    return listed
