"""The Deploy page in a real headless Chromium, as a user takes a model to production: a
finished tiny run -> Deploy in the navigation -> Start server (a real `python -m core serve`
in the background) -> the curl snippet read off the page and run as shown -> Stop, and the
server's process is gone. Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest
from support.browser import (
    _nav,
    _no_traceback,
    _pattern,
    _say,
    _settle,
    _shot,
    chromium_page,
    running_server,
)
from support.tiny_runs import install_run

from core.jobs import servers
from core.workspace.processes import process_alive

pytestmark = [pytest.mark.slow, pytest.mark.serial]

EN = "en"
PAGE_TIMEOUT_MS = 180_000  # a server loads its model on two busy cores


@pytest.fixture
def run_dir(workspace: Path, tiny_model_dir, tmp_path_factory) -> Path:
    return install_run("classification", tiny_model_dir, tmp_path_factory)


@pytest.fixture
def server(workspace: Path, run_dir: Path):
    with running_server(workspace) as server:
        yield server
    for info in servers.list_servers():  # a failed test leaves no API server behind
        if info.is_live:
            servers.stop_server(info.id, grace_s=2)


def test_start_a_server_call_it_with_the_shown_curl_and_stop_it(server, run_dir):
    with chromium_page(PAGE_TIMEOUT_MS) as page:
        page.goto(server.url)
        page.get_by_role("heading", name=_say(EN, "data.page.title")).first.wait_for()
        _nav(page, _say(EN, "app.nav.deploy"))
        page.get_by_role("heading", name=_say(EN, "deploy.page.title")).wait_for()
        page.get_by_text(_say(EN, "deploy.servers.none")).wait_for()
        _settle(page)
        page.get_by_role("button", name=_say(EN, "deploy.start.button")).click()
        page.get_by_text(_pattern(EN, "deploy.start.started", url=None)).wait_for()
        [info] = servers.list_servers()
        assert info.state == "running" and process_alive(info.pid)
        curl_block = page.locator('[data-testid="stCode"]', has_text="curl -s").first
        curl_block.wait_for()
        _no_traceback(page)
        _shot(page, "deploy-1-running")
        curl = curl_block.inner_text()
        assert info.url in curl
        answer = subprocess.run(shlex.split(curl.replace("\\\n", " ")), capture_output=True,
                                text=True, timeout=120, check=True)
        [labels] = json.loads(answer.stdout)  # one text: its labels, as the Inference API
        assert {row["label"] for row in labels} <= {"positive", "negative"}, labels
        assert labels and all(0.0 <= row["score"] <= 1.0 for row in labels)
        _settle(page)
        page.get_by_role("button", name=_say(EN, "deploy.servers.stop"), exact=True).click()
        page.get_by_text(_pattern(EN, "deploy.servers.stopped", url=None)).wait_for()
        _shot(page, "deploy-2-stopped")
        assert not process_alive(info.pid)
        assert servers.list_servers()[0].state == "stopped"
        _no_traceback(page)
