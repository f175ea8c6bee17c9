"""The Deploy page (pages/deploy.py) with AppTest: each task's run, the formats table and
downloads, the server form and list, the snippets with the server's URL and token, and the
request tester.

Servers here are records of core/jobs/servers.py whose pid is this test process (alive, so
listed as running) and whose port, where a test sends a request, is a small echo server on a
thread of this process: the page is what is tested, not the server (test_e2e_deploy.py starts
a real one from the page).
"""

from __future__ import annotations

import http.server
import json
import os
import shlex
import subprocess
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean
from support.qa_runs import install_qa_run
from support.tiny_runs import install_run

from core import text
from core.jobs import servers
from core.text import use_language
from core.workspace import runs
from core.workspace.processes import own_process, process_alive

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "deploy.py")
TIMEOUT = 90


def open_page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=TIMEOUT).run()


def install(kind: str, tiny_model_dir, factory) -> Path:
    if kind == "qa":
        return install_qa_run(tiny_model_dir, factory)
    return install_run(kind, tiny_model_dir, factory)


def fake_server(run_dir: Path, port: int, token: str | None = None, pid: int | None = None,
                started: float | None = None) -> str:
    """A server record as start_server leaves it once its process answers."""
    server_id = servers._new_id()
    if pid is None:
        pid, started = own_process()
    record = {"id": server_id, "run_id": run_dir.name, "run_dir": str(run_dir),
              "format": "torch", "host": "127.0.0.1", "port": port,
              "url": f"http://127.0.0.1:{port}", "has_token": bool(token), "state": "running",
              "pid": pid, "pid_started": started, "started": time.time(), "wanted": True}
    if token:
        servers._save_token(server_id, token)
    servers._write(record)
    (servers.servers_dir() / f"{server_id}.ready").write_text("{}", encoding="utf-8")
    return server_id


@pytest.fixture
def echo_port():
    """A port answering every POST with {"echo": <the body>, "auth": <its header>}."""
    class Echo(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            answer = json.dumps({"echo": body, "auth": self.headers.get("Authorization"),
                                 "html": "<b>bold</b>"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def codes(at: AppTest) -> list[str]:
    return [str(c.value) for c in at.code]


def test_no_finished_runs(workspace):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "5. Deploy"
    assert "No finished runs yet" in all_text(at)


@pytest.mark.parametrize("kind", ["classification", "multi_label", "ner", "qa"])
def test_each_tasks_run_shows_snippets_in_its_shape(kind, tiny_model_dir, tmp_path_factory):
    run = install(kind, tiny_model_dir, tmp_path_factory)
    fake_server(run, 18_765, token="tok-123")
    at = open_page()
    assert_clean(at)
    text = all_text(at)
    assert "No format measured yet" in text and "Start an API server" in text
    assert "http://127.0.0.1:18765" in text and "Requests need the token." in text
    body = json.loads(codes(at)[0])
    if kind == "qa":
        assert set(body["inputs"]) == {"question", "context"}
    else:
        assert isinstance(body["inputs"], str)
    curl, requests, hub, fetch = codes(at)[1:5]
    for snippet in (curl, requests, fetch):
        assert "http://127.0.0.1:18765/" in snippet and "Bearer tok-123" in snippet
    assert "base_url='http://127.0.0.1:18765'" in hub and "api_key='tok-123'" in hub
    method = {"qa": "question_answering", "ner": "token_classification"}.get(
        kind, "text_classification")
    assert f"client.{method}(" in hub
    # every widget explains itself in one line
    for widget in [*at.selectbox, *at.text_input, *at.number_input, *at.button,
                   *at.text_area]:
        assert widget.help, widget


def test_the_curl_snippet_works_as_shown(classification_run, echo_port):
    fake_server(classification_run, echo_port, token="it's a token")
    at = open_page()
    curl = codes(at)[1]
    answer = subprocess.run(shlex.split(curl.replace("\\\n", " ")), capture_output=True,
                            text=True, timeout=30, check=True)
    sent = json.loads(answer.stdout)
    assert sent["auth"] == "Bearer it's a token"
    assert sent["echo"] == json.loads(codes(at)[0])


@pytest.fixture
def classification_run(tiny_model_dir, tmp_path_factory):
    return install("classification", tiny_model_dir, tmp_path_factory)


def test_the_tester_shows_the_answer_as_text(classification_run, echo_port):
    server_id = fake_server(classification_run, echo_port, token="tok")
    at = open_page()
    at.text_area(key=f"deploy_tester_body_{server_id}").input('{"inputs": "so good"}').run()
    at.button(key="deploy_tester_send").click().run()
    assert_clean(at)
    assert "The server answered with status 200:" in all_text(at)
    answer = json.loads(codes(at)[-1])
    assert answer == {"echo": {"inputs": "so good"}, "auth": "Bearer tok", "html": "<b>bold</b>"}
    assert not [m for m in at.markdown if "<b>" in str(m.value)]  # shown as code, not HTML


def test_the_tester_says_in_one_sentence_what_went_wrong(classification_run):
    server_id = fake_server(classification_run, 9)  # nothing listens on port 9
    at = open_page()
    at.text_area(key=f"deploy_tester_body_{server_id}").input("{not json").run()
    at.button(key="deploy_tester_send").click().run()
    assert not at.exception
    assert [e.value for e in at.error] and "is not JSON" in at.error[0].value
    at.text_area(key=f"deploy_tester_body_{server_id}").input('{"inputs": "x"}').run()
    at.button(key="deploy_tester_send").click().run()
    assert "did not answer" in at.error[0].value and "Traceback" not in at.error[0].value


def test_another_address_without_a_token_is_refused_in_one_sentence(classification_run):
    at = open_page()
    at.text_input(key="deploy_host").input("0.0.0.0").run()
    at.button(key="deploy_start").click().run()
    assert not at.exception
    assert "needs a token" in at.error[0].value
    assert servers.list_servers() == []


def test_stop_ends_a_listed_server(classification_run):
    proc = subprocess.Popen(["sleep", "120"], start_new_session=True)
    try:
        from core.workspace.processes import started_at

        server_id = fake_server(classification_run, 18_766, pid=proc.pid,
                                started=started_at(proc.pid))
        at = open_page()
        assert "running" in all_text(at)
        at.button(key=f"deploy_stop_{server_id}").click().run()
        assert_clean(at)
        proc.wait(timeout=20)
        assert not process_alive(proc.pid)
        assert "was stopped" in all_text(at)
        assert servers.list_servers()[0].state == "stopped"
        at.button(key=f"deploy_forget_{server_id}").click().run()
        assert servers.list_servers() == []
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)


def test_measure_and_export_fills_the_table_and_offers_the_download(classification_run):
    at = open_page()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download PyTorch (as trained)"]
    at.button(key="deploy_measure").click().run()
    assert_clean(at)
    assert "PyTorch (as trained) exported and measured." in all_text(at)
    [table] = [d.value for d in at.dataframe]
    assert list(table["format"]) == ["PyTorch (as trained)"]
    assert table["sentences per second"][0] != "-" and table["size (MB)"][0] != "-"
    exported = servers.runs.workspace_dir() / "exports" / f"{classification_run.name}-torch.zip"
    assert exported.is_file()


def test_the_page_reads_in_chinese(classification_run, echo_port, monkeypatch):
    fake_server(classification_run, echo_port)
    # AppTest runs the page without app.py: core.text reads FINETUNE_STUDIO_LANG
    monkeypatch.setenv(text.ENV_VAR, "zh")
    with use_language("zh"):
        at = open_page()
        assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
    assert at.title[0].value == "5. 部署"
    assert "服务器" in all_text(at) and f"http://127.0.0.1:{echo_port}" in all_text(at)


def test_a_smaller_model_is_started_as_a_new_run(classification_run, monkeypatch):
    from support.pages import fake_launch  # lazy: only this test stands in for the worker

    from core.jobs import queue

    monkeypatch.setattr(queue, "_launch", fake_launch)
    at = open_page()
    assert_clean(at)
    picker = at.selectbox(key="deploy_smaller_layers")
    assert picker.options == ["Smaller model (1 of 2 layers)"]  # the tiny model has 2 layers
    at.button(key="deploy_smaller_start").click().run()
    assert_clean(at)
    assert "Started Smaller model (1 of 2 layers)" in all_text(at)
    [student] = [r for r in runs.list_runs() if r.run_id != classification_run.name]
    assert student.config.get("distill_from") == classification_run.name


def test_deploy_follows_test_in_the_navigation(workspace):
    from support.pages import open_app  # lazy: the whole app, only for this test

    at = open_app()
    titles = [page["page_name"] for page in at._registered_pages.values()]
    assert titles[titles.index("4. Test") + 1] == "5. Deploy"


def test_the_app_starts_servers_again_when_it_starts(workspace, monkeypatch):
    import runpy  # lazy: only this test reads app.py as `streamlit run` imports it

    calls = []
    monkeypatch.setattr(servers, "restart_servers", lambda: calls.append(1) or [])
    runpy.run_path(str(Path(PAGE).parents[1] / "app.py"), run_name="app")
    assert calls == [1]


def test_an_onnx_format_measured_on_the_page_can_be_downloaded(classification_run):
    at = open_page()
    at.selectbox(key="deploy_format").set_value("onnx-int8").run()
    at.button(key="deploy_measure").click().run()
    assert_clean(at)
    [table] = [d.value for d in at.dataframe]
    assert "ONNX int8 (smallest, fastest)" in list(table["format"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download ONNX int8 (smallest, fastest)" in labels
    assert "ONNX: press Measure and export with this format first." in all_text(at)
