"""The password in front of Streamlit's own HTTP endpoints: file uploads and metrics.

The sign-in form (pages/_access.py) guards what the pages show, but Streamlit answers some
requests itself, outside any page: a browser session that never signed in could still PUT files
into server memory at `/_stcore/upload_file/<session id>/<file id>`, and anyone could read
`/_stcore/metrics`. With a password set, this ASGI middleware (app.py registers it through
`st.App`) answers such requests with 403 before a byte of their body is read, unless the session
named in the upload URL has signed in. Metrics are never served while a password is set: no
browser session is attached to that request, so nothing could prove a sign-in.

Sign-ins are per browser session, kept in that session's state; the middleware runs outside any
session, so _access also records signed-in session ids here, in one set for the process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from core import text

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

# Matched anywhere in the path so that a `server.baseUrlPath` prefix is covered too.
UPLOAD_PATH = re.compile(r"/_stcore/upload_file(?:/([^/]*))?")
METRICS_PATH = re.compile(r"/_stcore/metrics/?$")

_signed_in: set[str] = set()
_lock = threading.Lock()


def mark_signed_in(session_id: str) -> None:
    with _lock:
        _signed_in.add(session_id)


def is_signed_in(session_id: str | None) -> bool:
    with _lock:
        return bool(session_id) and session_id in _signed_in


def refuses(path: str) -> bool:
    """True when a request for `path` needs a signed-in session it does not have."""
    if METRICS_PATH.search(path):
        return True
    upload = UPLOAD_PATH.search(path)
    return upload is not None and not is_signed_in(upload.group(1))


def accepted_language(scope: Scope) -> str:
    """The language the browser asks for first (its Accept-Language header), else English:
    a refused request belongs to no session, so no chosen language is known."""
    for name, value in scope.get("headers") or []:
        if name.lower() == b"accept-language":
            first = value.decode("latin-1").split(",")[0].split(";")[0].strip()
            return text.normalize(first) or text.ENGLISH
    return text.ENGLISH


def refusal(scope: Scope) -> bytes:
    """The 403 answer's body, in the browser's language."""
    return text.t("access.refused", language=accepted_language(scope)).encode("utf-8")


class SignInGuard:
    """ASGI middleware: refuse uploads from sessions that have not signed in, and metrics."""

    def __init__(self, app: ASGIApp, password: Callable[[], str | None]) -> None:
        self.app = app
        self.password = password

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        # Only the path is looked at: answering without calling `receive` leaves the body unread.
        if scope["type"] == "http" and refuses(scope["path"]) and self.password() is not None:
            body = refusal(scope)
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()),
                                    (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
