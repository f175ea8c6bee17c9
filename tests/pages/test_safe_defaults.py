"""Safe defaults for a shared server: optional password, validated run ids from the URL,
server settings, and no secret written to a run's files."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import APP, TIMEOUT, all_text, assert_clean, open_app, write_run

from core.config import RunConfig
from core.jobs import queue as jobs
from core.workspace import runs

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def locked_app(page: str | None = None, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if page:
        at.switch_page(page)
    # From its second run on, AppTest runs the page file itself (a server always runs app.py);
    # the page asks for the password too, and its form keeps the same widgets from then on.
    return at.run().run()


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="access_password").set_value(password)
    return next(b for b in at.button if b.label == "Sign in").click().run()


def test_no_password_by_default(workspace, monkeypatch):
    monkeypatch.delenv("FINETUNE_STUDIO_PASSWORD", raising=False)
    at = open_app()
    assert_clean(at)
    assert at.title[0].value == "Your data"
    assert not [t for t in at.text_input if t.key == "access_password"]


def test_a_wrong_password_is_refused_and_the_right_one_lets_in(workspace, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    write_run("run-secret-name", "completed")
    at = locked_app()
    assert not at.exception
    assert [t.value for t in at.title] == ["Finetune Studio"]
    assert "Your data" not in all_text(at) and "Workspace:" not in all_text(at)

    started = time.monotonic()
    sign_in(at, PASSWORD + " ")
    assert time.monotonic() - started >= 1.0  # guessing is slowed down
    assert [e.value for e in at.error] == [
        "That password is not right. Try again, or ask whoever runs this server for it."]
    assert "Your data" not in all_text(at)
    assert "access_unlocked" not in at.session_state

    sign_in(at, PASSWORD)
    assert_clean(at)
    assert at.title[0].value == "Your data"
    assert at.session_state["access_unlocked"] is True
    assert "access_password" not in at.session_state  # the password itself is not kept


def test_a_page_link_does_not_get_past_the_password(workspace, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    write_run("run-secret-name", "completed")
    at = locked_app("pages/runs.py")
    assert "run-secret-name" not in all_text(at)
    assert not at.dataframe
    sign_in(at, PASSWORD)
    assert_clean(at)
    assert at.title[0].value == "Runs"


def test_each_browser_session_signs_in_for_itself(workspace, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    first = sign_in(locked_app(), PASSWORD)
    second = locked_app()
    assert first.title[0].value == "Your data"
    assert [t.value for t in second.title] == ["Finetune Studio"]


def test_password_from_streamlit_secrets(workspace, monkeypatch):
    monkeypatch.delenv("FINETUNE_STUDIO_PASSWORD", raising=False)
    at = locked_app(secrets={"password": "from-secrets"})
    assert [t.value for t in at.title] == ["Finetune Studio"]
    sign_in(at, "from-secrets")
    assert at.title[0].value == "Your data"


@pytest.mark.parametrize("link,warning", [
    ("../../etc/passwd", "not valid"), ("run-new/../run-old", "not valid"),
    ("no-such-run", "names run no-such-run, which is not in this workspace")])
def test_run_ids_from_the_url_are_validated(link, warning, workspace):
    write_run("run-old", "completed", created=1000.0)
    write_run("run-new", "completed", created=2000.0)
    at = open_app()
    at.query_params["run"] = link
    at.switch_page("pages/train.py").run()
    assert not at.exception and not at.error
    assert any(warning in w.value for w in at.warning)
    assert at.header[0].value == "run-new"
    assert at.query_params["run"] == "run-new"


def test_server_settings():
    with open(ROOT / ".streamlit" / "config.toml", "rb") as handle:
        settings = tomllib.load(handle)
    assert 0 < settings["server"]["maxUploadSize"] <= 1024
    assert settings["server"]["enableXsrfProtection"] is True
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["showErrorDetails"] == "none"


REMOTE_CODE_ON = re.compile(r"trust_remote_code\s*=\s*True")


def test_remote_code_is_never_trusted():
    offenders = [p for folder in ("core", "pages", "bench") for p in (ROOT / folder).rglob("*.py")
                 if REMOTE_CODE_ON.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_token_or_password_reaches_a_run_folder(sentiment_csv, tiny_model_dir, workspace,
                                                   monkeypatch):
    """A background run started with secrets in its environment writes none of them."""
    secrets = {"HF_TOKEN": "hf_secretTokenValue1234567890",
               "HUGGING_FACE_HUB_TOKEN": "hf_otherSecretValue0987654321",
               "FINETUNE_STUDIO_PASSWORD": "a-password-nobody-should-see"}
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    config = RunConfig(model=str(tiny_model_dir), preset="quick", name="secrets")
    config.data.train = str(sentiment_csv)
    config.training.epochs = 1
    info = jobs.start_run(config)
    deadline = time.time() + 300
    while time.time() < deadline and runs.load_run(info.path).state in ("queued", "running"):
        jobs.reconcile()
        time.sleep(0.5)
    assert runs.load_run(info.path).state == "completed", runs.log_tail(info.path)
    written = [p for p in workspace.rglob("*") if p.is_file()]
    assert any(p.name == "train.log" for p in written)
    for path in written:
        data = path.read_bytes()
        for value in secrets.values():
            assert value.encode() not in data, path


def test_a_secrets_file_that_cannot_be_read_keeps_the_server_locked(tmp_path, monkeypatch,
                                                                     workspace):
    """`password = hunter2` (no quotes) is not TOML: the server must stay locked, not open."""
    import streamlit as st
    from streamlit import config

    from pages import _access

    broken = tmp_path / "secrets.toml"
    broken.write_text("password = hunter2\n")
    monkeypatch.delenv(_access.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(st.secrets, "_secrets", None)  # read the files afresh
    original = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    try:
        assert _access.configured_password() == _access.UNREADABLE_SECRETS
        assert not _access.signed_in()
    finally:
        config.set_option("secrets.files", original)
        st.secrets._secrets = None
