"""The HTTP API of one model: a FastAPI app (`create_app`) and its uvicorn runner (`serve`).

Endpoints: POST / and POST /predict (the Hugging Face Inference API's request and answer
shapes, see core.serve.shapes), GET /health, GET /info (task, labels, model, test scores,
format, version, limits and how requests were batched), /docs and /openapi.json.

Safe by default: the server binds 127.0.0.1; any other address needs a token, sent by clients
as `Authorization: Bearer <token>` and compared in constant time. The token comes from
`--token` or the environment variable FINETUNE_SERVE_TOKEN and is never logged or written
(the ready file holds the URL, the process id and the format only). Every refused request is
answered with a JSON error naming the field, never a traceback, and the server keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import signal
import socket
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import UserError
from core.serve.batching import Batcher, Busy, model_call
from core.serve.hosts import is_loopback
from core.serve.shapes import (
    ANSWERS,
    CLASSES,
    ENTITIES,
    Limits,
    Parsed,
    RequestError,
    answers_shape,
    entities_answer,
    parse_request,
    read_json,
    shaped_classes,
    task_mode,
)
from core.text import Text, t

TOKEN_ENV = "FINETUNE_SERVE_TOKEN"
SOURCE_ENV, FORMAT_ENV = "FINETUNE_SERVE_SOURCE", "FINETUNE_SERVE_FORMAT"
API_VERSION = "1.0"
LOG = logging.getLogger("core.serve")
BEARER = HTTPBearer(auto_error=False)


def _bearer_check(token: str | None) -> Any:
    """The dependency that lets a request through with the right Bearer token (or always,
    when the server has none)."""
    expected = token.encode("utf-8") if token else None

    def check(credentials: Annotated[HTTPAuthorizationCredentials | None,
                                     Depends(BEARER)]) -> None:
        if expected is None:
            return
        given = (credentials.credentials if credentials else "").encode("utf-8")
        if not hmac.compare_digest(given, expected):
            raise RequestError(401, "unauthorized", "Authorization")

    return check


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it (or its declared length) passes `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestError(413, "body_too_large", "body", size=int(declared), limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, "body_too_large", "body", size=size, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


class _Answerer:
    """Turns a checked request into the batcher's items and the function that shapes the
    model's results into the answer."""

    def __init__(self, model: Any) -> None:
        self.predictor = model.predictor
        self.labels = list(model.labels)
        self.mode = task_mode(self.predictor.kind)
        self.strategy = self.predictor.kind.pipeline_kwargs.get("aggregation_strategy", "none")

    def job(self, parsed: Parsed) -> tuple[list[Any], Any]:
        params = parsed.params
        if self.mode == CLASSES:
            multi = bool(self.predictor.multi_label)
            return parsed.items, lambda rows: shaped_classes(rows, parsed, self.labels, multi)
        if self.mode == ENTITIES:
            strategy = params.get("aggregation_strategy", self.strategy)
            ignore = params.get("ignore_labels", ["O"])
            tokenizer = self.predictor.tokenizer

            def entities(found: list[Any]) -> Any:
                shaped = [entities_answer(tokens, tokenizer, self.labels, strategy, ignore)
                          for tokens in found]
                return shaped[0] if parsed.single else shaped

            return parsed.items, entities
        top_k = params.get("top_k", 1)
        items = [(question, context, top_k) for question, context in parsed.items]
        return items, lambda results: answers_shape(results, parsed.single, top_k)

    def defaults(self) -> dict[str, Any]:
        if self.mode == ENTITIES:
            return {"aggregation_strategy": self.strategy, "ignore_labels": ["O"]}
        if self.mode == ANSWERS:
            return {"top_k": 1}
        return {"top_k": None, "function_to_apply": "sigmoid" if self.predictor.multi_label
                else "softmax", "threshold": None}


REQUEST_EXAMPLES = {CLASSES: {"inputs": "I loved it", "parameters": {"top_k": 2}},
                    ENTITIES: {"inputs": "Ada Lovelace lived in London",
                               "parameters": {"aggregation_strategy": "simple"}},
                    ANSWERS: {"inputs": {"question": "Who wrote it?",
                                         "context": "It was written by Ada Lovelace."}}}


def _request_doc(mode: str) -> dict[str, Any]:
    schema = {"type": "object", "required": ["inputs"],
              "properties": {"inputs": {}, "parameters": {"type": "object"}},
              "example": REQUEST_EXAMPLES[mode]}
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": schema}}}}


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestError)
    async def refused(request: Request, exc: RequestError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        key = "not_found" if exc.status_code == 404 else "bad_method"
        return JSONResponse(RequestError(exc.status_code, key, request.url.path).body(),
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        LOG.error("request failed: %s: %s", type(exc).__name__, exc)
        return JSONResponse({"error": t("serve.error.internal"), "field": None},
                            status_code=500)


def create_app(model: Any, token: str | None = None, max_body_bytes: int = 1_000_000,
               max_text_chars: int = 20_000, batch_wait_ms: float = 5.0, max_batch: int = 32,
               max_inputs: int = 64, max_queue: int = 256) -> FastAPI:
    """The API of one opened model (core.serve.formats.ServedModel)."""
    answerer = _Answerer(model)
    limits = Limits(max_body_bytes=max_body_bytes, max_text_chars=max_text_chars,
                    max_inputs=max_inputs)
    batcher = Batcher(model_call(model.predictor, answerer.mode), max_batch=max_batch,
                      wait_ms=batch_wait_ms, max_queue=max_queue)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        batcher.start()
        try:
            yield
        finally:
            await asyncio.to_thread(batcher.stop)

    app = FastAPI(title=f"{model.run_id} ({model.format})", version=API_VERSION,
                  description=t("serve.description", run=model.run_id), lifespan=lifespan)
    app.state.batcher = batcher
    authorized = [Depends(_bearer_check(token))]
    _error_handlers(app)

    async def predict(request: Request) -> JSONResponse:
        parsed = parse_request(read_json(await _read_body(request, limits.max_body_bytes),
                                         limits), answerer.mode, limits, answerer.labels)
        items, finish = answerer.job(parsed)
        try:
            future = batcher.submit(items, finish)
        except Busy as busy:
            raise RequestError(503, "busy", "inputs", count=busy.waiting) from None
        return JSONResponse(await asyncio.wrap_future(future))

    for path in ("/", "/predict"):
        app.add_api_route(path, predict, methods=["POST"], dependencies=authorized,
                          openapi_extra=_request_doc(answerer.mode), name=f"predict {path}")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/info", dependencies=authorized)
    async def info() -> dict[str, Any]:
        return {"task": model.task, "labels": answerer.labels, "model": model.model_name,
                "scores": model.scores, "format": model.format, "run": model.run_id,
                "version": API_VERSION, "mode": answerer.mode,
                "parameters": answerer.defaults(),
                "limits": {"max_body_bytes": limits.max_body_bytes,
                           "max_text_chars": limits.max_text_chars,
                           "max_inputs": limits.max_inputs, "max_depth": limits.max_depth},
                "batching": batcher.stats()}

    return app


# running -------------------------------------------------------------------------------------

def _check_settings(host: str, port: int, fmt: str, token: str | None, workers: int) -> None:
    from core.serve.formats import check_format  # lazy: loads the model formats' code

    check_format(fmt)
    if not 0 <= port <= 65535:
        raise UserError(Text("serve.bad_port.message", {"port": str(port)}),
                        Text("serve.bad_port.fix"))
    if workers < 1:
        raise UserError(Text("serve.bad_workers.message", {"workers": str(workers)}),
                        Text("serve.bad_workers.fix"))
    if not token and not is_loopback(host):
        raise UserError(Text("serve.public_without_token.message", {"host": host}),
                        Text("serve.public_without_token.fix"))


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on accepted
    # sockets of a listening socket made with IPPROTO_TCP; with proto 0 each answer's body
    # waited for the client's delayed acknowledgement of its headers, about 40 ms
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise UserError(Text("serve.port_in_use.message", {"port": port, "host": host}),
                        Text("serve.port_in_use.fix")) from None
    sock.set_inheritable(True)
    return sock


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def _write_when_ready(url: str, fmt: str, ready_file: Path, timeout_s: float = 900.0) -> None:
    """Once /health answers: the ready file, written atomically (URL, process id, format)."""
    deadline = time.monotonic() + timeout_s
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    while True:
        try:
            with direct.open(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            return
        time.sleep(0.1)
    ready_file.parent.mkdir(parents=True, exist_ok=True)
    partial = ready_file.with_name(f".{ready_file.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"url": url, "pid": os.getpid(), "format": fmt}),
                       encoding="utf-8")
    os.replace(partial, ready_file)


def app_from_environment() -> FastAPI:
    """The app of a worker process (`--workers` above 1): the model named by the
    environment its parent set."""
    from core.serve.formats import open_model  # lazy: loads the model's runtime

    model = open_model(Path(os.environ[SOURCE_ENV]), os.environ[FORMAT_ENV])
    return create_app(model, token=os.environ.get(TOKEN_ENV) or None)


@contextlib.contextmanager
def _quiet_stop_signals() -> Any:
    """SIGINT and SIGTERM stop the server gracefully and the process then exits 0: uvicorn
    raises the signal again after its shutdown, which these handlers take."""
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT,
                                                                   signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def running_in_thread(app: FastAPI, host: str = "127.0.0.1", port: int = 0,
                      timeout_s: float = 60.0) -> Iterator[str]:
    """The app served by uvicorn in a thread of this process (an embedding program, tests);
    yields its URL once it accepts connections and stops it on leaving."""
    import uvicorn  # lazy: only a serving process needs it

    sock = _bind(host, port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield _url(host, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _run_workers(source: Path, fmt: str, token: str | None, workers: int,
                 sock: socket.socket) -> None:
    """Several worker processes on one socket, each opening the model itself."""
    import uvicorn  # lazy: only the serving process needs it
    from uvicorn.supervisors import Multiprocess  # lazy: several workers only

    os.environ.update({SOURCE_ENV: str(Path(source).resolve()), FORMAT_ENV: fmt})
    if token:
        os.environ[TOKEN_ENV] = token
    config = uvicorn.Config("core.serve.server:app_from_environment", factory=True,
                            workers=workers, log_level="info")
    Multiprocess(config, sockets=[sock]).run()


def serve(source: Path, host: str = "127.0.0.1", port: int = 8000, fmt: str = "torch",
          token: str | None = None, workers: int = 1, ready_file: Path | None = None) -> None:
    """Serve the run folder or exported zip `source` until SIGINT or SIGTERM."""
    import uvicorn  # lazy: only the serving process needs it

    from core.serve.formats import open_model  # lazy: loads the model's runtime

    token = token or os.environ.get(TOKEN_ENV) or None
    _check_settings(host, port, fmt, token, workers)
    sock = _bind(host, port)  # a port in use is said at once, before the model loads
    try:
        # opened here even for several workers: a bad source is said once, at once, and an
        # ONNX file is exported once, before the workers open it
        model = open_model(Path(source), fmt)
        run_id = model.run_id
        if workers > 1:
            model = None
        url = _url(host, sock.getsockname()[1])
        print(t("serve.listening", run=run_id, format=fmt, url=url), flush=True)
        if ready_file is not None:
            threading.Thread(target=_write_when_ready, args=(url, fmt, Path(ready_file)),
                             daemon=True).start()
        with _quiet_stop_signals():
            if model is None:
                _run_workers(Path(source), fmt, token, workers, sock)
            else:
                config = uvicorn.Config(create_app(model, token), log_level="info")
                uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    print(t("serve.stopped"), flush=True)
