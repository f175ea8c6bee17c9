"""With a password set, Streamlit's own endpoints are guarded too: the real server (`streamlit run
app.py` on a loopback port) refuses uploads from sessions that have not signed in before it reads
their body, refuses /_stcore/metrics, and still takes uploads from a session that signed in
through the real sign-in form over Streamlit's WebSocket protocol. Wrong-password waits hold per
client address across sessions (AppTest sessions, which share one address)."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid

import psutil
import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest
from support.browser import running_server
from support.pages import APP, TIMEOUT
from websockets.sync.client import connect

from pages import _access

PASSWORD = "a shared demo password"
UPLOAD_MB = 50
BOUNDARY = "finetunestudioboundary"
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


class BrowserSession:
    """A Streamlit session driven over the WebSocket as the browser's frontend drives it."""

    def __init__(self, url: str) -> None:
        with urllib.request.urlopen(url + "/_stcore/health") as response:  # sets the XSRF cookie
            cookie = response.headers["Set-Cookie"].split(";")[0]
        self.xsrf = cookie.split("=", 1)[1]
        self.cookie = cookie
        self.ws = connect(url.replace("http", "ws") + "/_stcore/stream",
                          subprotocols=["streamlit", self.xsrf],
                          additional_headers={"Origin": url, "Cookie": cookie},
                          max_size=None)
        self.session_id = self.page_hash = ""
        self.widgets: dict[str, str] = {}  # label -> widget id
        self.texts: list[str] = []

    def rerun(self, widget_states: list[tuple[str, str, object]] = ()) -> None:
        """Run the script (with these widget values) and read what it sends until it ends."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = self.page_hash  # the page the browser shows
        for widget_id, field, value in widget_states:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            setattr(state, field, value)
        self.ws.send(msg.SerializeToString())
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=TIMEOUT))
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
                self.page_hash = forward.new_session.page_script_hash
            elif kind == "delta":
                self._read_element(forward.delta.new_element)
            elif kind == "script_finished" and forward.script_finished == FINISHED:
                return
        raise TimeoutError("the script run did not finish")

    def _read_element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind in ("text_input", "button"):
            widget = getattr(element, kind)
            self.widgets[widget.label] = widget.id
        elif kind in ("heading", "markdown", "alert"):
            self.texts.append(getattr(element, kind).body)

    def open(self) -> BrowserSession:
        """The page as a browser first loads it."""
        self.rerun()
        return self

    def close(self) -> None:
        self.ws.close()

    def sign_in(self, password: str) -> None:
        """Type the password and press Sign in once, as a person would right after loading."""
        self.rerun([(self.widgets["Password"], "string_value", password),
                    (self.widgets["Sign in"], "trigger_value", True)])
        self.rerun()  # the sign-in ends with st.rerun; the next run draws the app

    def upload(self, url: str, session_id: str, size: int) -> int:
        """PUT a multipart file of `size` bytes; the status, or 0 when the server hung up."""
        return put_upload(url, session_id, size, {"X-Xsrftoken": self.xsrf, "Cookie": self.cookie})


def put_upload(url: str, session_id: str, size: int, headers: dict[str, str]) -> int:
    """Send the headers, wait a moment for an early answer, then stream the body."""
    head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    conn.putheader("Content-Length", str(len(head) + size + len(tail)))
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    try:
        conn.send(head)
        chunk = b"a,b\n" * (1 << 18)  # 1 MB
        for start in range(0, size, len(chunk)):
            conn.send(chunk[:size - start])
        conn.send(tail)
    except OSError:  # the server answered and closed without reading the rest
        pass
    try:
        return conn.getresponse().status
    except OSError:
        return 0
    finally:
        conn.close()


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 1e6


@pytest.fixture
def locked_server(workspace, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    with running_server(workspace) as server:
        yield server


def test_uploads_and_metrics_need_a_signed_in_session(locked_server):
    url, pid = locked_server.url, locked_server.proc.pid
    visitor = BrowserSession(url).open()
    assert visitor.session_id and "Password" in visitor.widgets  # the sign-in form is shown
    before = rss_mb(pid)

    size = UPLOAD_MB * 1024 * 1024
    assert visitor.upload(url, visitor.session_id, size) in (0, 403)
    assert visitor.upload(url, str(uuid.uuid4()), size) in (0, 403)
    assert rss_mb(pid) - before < UPLOAD_MB / 2  # the bodies were never held in memory
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "/_stcore/metrics")
    assert refused.value.code == 403
    # a refusal answers at once: it does not wait for the body
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", locked_server.port)) as raw:
        raw.sendall(f"PUT /_stcore/upload_file/{visitor.session_id}/x HTTP/1.1\r\nHost: a\r\n"
                    f"Content-Length: {size}\r\n\r\n".encode())
        assert raw.recv(64).startswith(b"HTTP/1.1 403")
    assert time.monotonic() - started < 5

    visitor.sign_in(PASSWORD)
    assert "Your data" in visitor.texts
    assert visitor.upload(url, visitor.session_id, 1024) == 204
    stranger = BrowserSession(url).open()  # another session of the same browser
    assert stranger.upload(url, stranger.session_id, 1024) in (0, 403)
    visitor.close()
    stranger.close()


def test_wrong_guesses_from_one_address_wait_one_after_another(workspace, monkeypatch):
    """Two sessions from the same address guessing at once do not halve the wait."""
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    # run twice: from its second run on AppTest runs the page, whose form keeps its widgets
    sessions = [AppTest.from_file(str(APP), default_timeout=TIMEOUT).run().run() for _ in range(2)]
    for at in sessions:
        at.text_input(key="access_password").set_value("wrong")

    def guess(at: AppTest) -> None:
        next(b for b in at.button if b.label == "Sign in").click().run()

    threads = [threading.Thread(target=guess, args=(at,)) for at in sessions]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started >= 2 * _access.WRONG_PASSWORD_PAUSE_S
    for at in sessions:
        assert [e.value for e in at.error] == [
            "That password is not right. Try again, or ask whoever runs this server for it."]


def test_different_addresses_do_not_wait_for_each_other():
    started = time.monotonic()
    threads = [threading.Thread(target=_access.password_matches, args=("x", "y", address))
               for address in ("192.0.2.1", "192.0.2.2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started < 2 * _access.WRONG_PASSWORD_PAUSE_S


def test_without_a_password_nothing_is_guarded(workspace, monkeypatch):
    monkeypatch.delenv("FINETUNE_STUDIO_PASSWORD", raising=False)
    with running_server(workspace) as server:
        visitor = BrowserSession(server.url).open()
        assert "Your data" in visitor.texts
        assert visitor.upload(server.url, visitor.session_id, 1024) == 204
        with urllib.request.urlopen(server.url + "/_stcore/metrics") as response:
            assert response.status == 200
        visitor.close()


def test_a_refused_upload_is_answered_in_the_browsers_language():
    from pages import _guard

    chinese = {"headers": [(b"host", b"x"), (b"Accept-Language", b"zh-CN,zh;q=0.9,en;q=0.8")]}
    assert _guard.refusal(chinese).decode("utf-8") == \
        "请先登录这台 Finetune Studio 服务器，然后重试。"
    english = {"headers": [(b"accept-language", b"en-GB,en;q=0.9")]}
    assert _guard.refusal(english) == \
        b"Sign in to this Finetune Studio server first, then try again."
    assert _guard.refusal({"headers": []}) == _guard.refusal({"headers": [(b"accept-language",
                                                                          b"fr-FR")]})
    assert _guard.accepted_language({}) == "en"


def test_the_sign_in_form_is_written_in_the_sessions_language(workspace, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", PASSWORD)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["lang"] = "zh"
    at.run()
    assert [b.label for b in at.button] == ["登录"]
    assert at.text_input(key="access_password").label == "密码"
