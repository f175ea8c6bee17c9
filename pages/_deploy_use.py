"""The Deploy page's "Call it": copy-paste snippets (curl, Python requests, huggingface_hub's
InferenceClient, JavaScript fetch) that call the chosen server as shown, with its real URL and
token, and a request tester whose answer is shown as text."""

from __future__ import annotations

import json
import shlex
from typing import Any

import streamlit as st

from core.jobs import servers
from core.tasks import saved_task_kind
from core.text import t
from core.workspace import runs
from pages import _errors, _format

USE_SERVER = "deploy_use_server"   # the server picker's key
TESTER_BODY = "deploy_tester_body"
# The snippets are code in Python, JavaScript and shell, the same in every language: their
# lines are marked "text: not user-facing" for the catalogue's scan of literal sentences.


def example_body(run: runs.RunInfo) -> dict[str, Any]:
    """A request body for the run's task, in the Inference API's shape (the task says which)."""
    kind = saved_task_kind(run.config.get("task"))
    text = t(f"deploy.example.{kind.key}")  # a text, or the context a question is asked of
    if kind.answers_from_context:
        return {"inputs": {"question": t("deploy.example.question"), "context": text}}
    if (run.config.get("data") or {}).get("text_pair_column"):
        return {"inputs": {"text": text, "text_pair": t("deploy.example.pair")}}
    return {"inputs": text}


def _json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def curl_snippet(url: str, token: str | None, body: dict[str, Any]) -> str:
    lines = [f"curl -s -X POST {shlex.quote(url + '/')}",
             "  -H 'Content-Type: application/json'"]
    if token:
        lines.append(f"  -H {shlex.quote('Authorization: Bearer ' + token)}")
    lines.append(f"  -d {shlex.quote(_json(body))}")
    return " \\\n".join(lines)


def requests_snippet(url: str, token: str | None, body: dict[str, Any]) -> str:
    headers = f", headers={{'Authorization': {('Bearer ' + token)!r}}}" if token else ""
    return "\n".join([
        "import requests", "",  # text: not user-facing (code)
        f"response = requests.post({url + '/'!r}, json={body!r}{headers}, timeout=60)",
        "response.raise_for_status()", "print(response.json())"])


def hub_snippet(url: str, token: str | None, body: dict[str, Any], pipeline_task: str) -> str:
    """huggingface_hub's InferenceClient pointed at the server; the method is the task's
    pipeline name (text_classification, token_classification, question_answering)."""
    method = pipeline_task.replace("-", "_")
    inputs = body["inputs"]
    call = (f"client.{method}(question={inputs['question']!r}, context={inputs['context']!r})"
            if isinstance(inputs, dict) else f"client.{method}({inputs!r})")
    key = f", api_key={token!r}" if token else ""
    return "\n".join(["from huggingface_hub import InferenceClient", "",  # text: not user-facing
                      f"client = InferenceClient(base_url={url!r}{key})", f"print({call})"])


def fetch_snippet(url: str, token: str | None, body: dict[str, Any]) -> str:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return "\n".join([
        f"const response = await fetch({_json(url + '/')}, {{",  # text: not user-facing (code)
        '  method: "POST",',
        f"  headers: {_json(headers)},",
        f"  body: JSON.stringify({_json(body)}),",
        "});", "console.log(await response.json());"])  # text: not user-facing (code)


def _pick_server(live: list[servers.ServerInfo]) -> servers.ServerInfo:
    by_id = {info.id: info for info in live}
    if st.session_state.get(USE_SERVER) not in by_id:
        st.session_state[USE_SERVER] = live[0].id
    chosen = st.selectbox(t("deploy.use.pick"), list(by_id), key=USE_SERVER,
                          format_func=lambda i: f"{by_id[i].url} ({by_id[i].format})",
                          help=t("deploy.use.pick_help"))
    return by_id[chosen]


def use_section(run: runs.RunInfo, listed: list[servers.ServerInfo]) -> None:
    st.subheader(t("deploy.use.title"))
    live = [info for info in listed if info.state == "running" and info.run_id == run.run_id]
    if not live:
        st.caption(t("deploy.use.none"))
        return
    info = _pick_server(live)
    token = servers.server_token(info.id) if info.has_token else None
    body = example_body(run)
    st.markdown(t("deploy.use.body", url=_format.md(info.url)))
    st.code(_json(body, indent=2), language="json")
    kind = saved_task_kind(run.config.get("task"))
    tabs = st.tabs([t(f"deploy.use.tab.{name}") for name in ("curl", "requests", "hub",
                                                             "fetch")])
    with tabs[0]:
        st.code(curl_snippet(info.url, token, body), language="bash")
    with tabs[1]:
        st.code(requests_snippet(info.url, token, body), language="python")
    with tabs[2]:
        if isinstance(body["inputs"], dict) and "text_pair" in body["inputs"]:
            st.caption(t("deploy.use.hub_pairs"))
        else:
            st.code(hub_snippet(info.url, token, body, kind.pipeline_task), language="python")
    with tabs[3]:
        st.code(fetch_snippet(info.url, token, body), language="javascript")
    st.caption(t("deploy.use.docs", url=_format.md(info.url)))
    with _errors.guarded("deploy.error.tester"):
        tester(info, body)


def tester(info: servers.ServerInfo, body: dict[str, Any]) -> None:
    """A body to send to the server; its JSON answer shown as text (st.code), never as HTML."""
    st.markdown(f"**{t('deploy.tester.title')}**")
    text = st.text_area(t("deploy.tester.body"), value=_json(body, indent=2),
                        key=f"{TESTER_BODY}_{info.id}", height=140,
                        help=t("deploy.tester.body_help"))
    if st.button(t("deploy.tester.send"), key="deploy_tester_send", icon=":material/send:",
                 help=t("deploy.tester.send_help")):
        status, answer = servers.send_request(info.id, text)
        st.caption(t("deploy.tester.answer", status=status))
        st.code(answer if isinstance(answer, str) else _json(answer, indent=2),
                language="json")
