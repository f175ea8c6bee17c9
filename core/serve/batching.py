"""Requests that arrive together answered by one model call.

A `Batcher` keeps a short queue of requests. Its one worker thread takes the first waiting
request with those waiting behind it (requests that came while the model was busy), then, when
there were any, waits up to `wait_ms` for more (until `max_batch` inputs are gathered); a
request alone on an idle server goes to the model at once. It hands all
their inputs to one call of the model; the call sorts them by length (little padding, see
core.predict.inference.length_batches) and each request gets its own inputs' results back.
The queue is bounded: a request that finds `max_queue` requests waiting is refused (`Busy`).
`stats()` says how many requests each model call carried.

The model calls (`model_call`) read a Predictor's tokenizer and run its model on padded
batches, returning what the answer shapes need (core.serve.shapes): a row of logits per text
for classes, the tokens and their logits for entities, Predictor.answer's results for answers.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.serve.shapes import ANSWERS, CLASSES, ENTITIES, Tokens


class Busy(Exception):
    """The queue is full; `waiting` requests are ahead."""

    def __init__(self, waiting: int) -> None:
        super().__init__(waiting)
        self.waiting = waiting


@dataclass
class _Job:
    items: list[Any]
    finish: Callable[[list[Any]], Any] | None = None
    future: Future = field(default_factory=Future)


class Batcher:
    """One worker thread answering queued requests in batches with `call(items) -> results`."""

    def __init__(self, call: Callable[[list[Any]], list[Any]], max_batch: int = 32,
                 wait_ms: float = 5.0, max_queue: int = 256) -> None:
        self._call = call
        self.max_batch, self.wait_s, self.max_queue = max_batch, wait_ms / 1000.0, max_queue
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._sizes: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="batcher", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def submit(self, items: Sequence[Any],
               finish: Callable[[list[Any]], Any] | None = None) -> Future:
        """A future of this request's results (one per item, in order), or of
        `finish(results)`: the answer is shaped in the worker thread too, which alone uses
        the tokenizer (a fast tokenizer refuses calls from two threads at once)."""
        waiting = self._queue.qsize()
        if waiting >= self.max_queue:
            raise Busy(waiting)
        job = _Job(list(items), finish)
        self._queue.put(job)
        return job.future

    def stats(self) -> dict[str, Any]:
        """Model calls so far and the requests each carried: {"calls", "requests", "largest",
        "requests_per_call": {n: calls}, "waiting"}."""
        with self._lock:
            sizes = dict(sorted(self._sizes.items()))
        return {"calls": sum(sizes.values()), "requests": sum(k * v for k, v in sizes.items()),
                "largest": max(sizes, default=0),
                "requests_per_call": {str(k): v for k, v in sizes.items()},
                "waiting": self._queue.qsize(), "max_batch": self.max_batch,
                "wait_ms": self.wait_s * 1000.0, "max_queue": self.max_queue}

    def _gather(self, first: _Job) -> tuple[list[_Job], bool]:
        """The first job and those already waiting, up to max_batch inputs; and whether the
        stop signal came meanwhile. Only when others were already waiting (requests arriving
        while the model was busy: a load) does it wait up to `wait_ms` for more; a request
        alone on an idle server is answered at once."""
        jobs, count = [first], len(first.items)
        under_load = not self._queue.empty()
        deadline = time.monotonic() + (self.wait_s if under_load else 0.0)
        while count < self.max_batch:
            left = deadline - time.monotonic()
            try:
                job = self._queue.get(timeout=left) if left > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                return jobs, True
            jobs.append(job)
            count += len(job.items)
        return jobs, False

    def _work(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                return
            jobs, stopping = self._gather(first)
            self._run(jobs)

    def _run(self, jobs: list[_Job]) -> None:
        items = [item for job in jobs for item in job.items]
        with self._lock:
            self._sizes[len(jobs)] += 1
        try:
            results = self._call(items)
        except Exception as exc:  # every request of the batch gets the failure
            for job in jobs:
                job.future.set_exception(exc)
            return
        start = 0
        for job in jobs:
            mine = results[start:start + len(job.items)]
            start += len(job.items)
            try:
                job.future.set_result(job.finish(mine) if job.finish else mine)
            except Exception as exc:  # this request's answer failed, not the others'
                job.future.set_exception(exc)


# model calls ---------------------------------------------------------------------------------

def _forward(predictor: Any, encoded: Any, rows: list[int]) -> np.ndarray:
    """The model's logits for some rows of a whole-list tokenizer result, padded together."""
    return predictor._logits(predictor._padded(encoded, rows))


def _encode_lengths(encoded: Any) -> list[int]:
    return [len(ids) for ids in encoded["input_ids"]]


def class_logits(predictor: Any, items: list[tuple[str, str | None]]) -> list[np.ndarray]:
    """A row of logits per (text, pair or None); texts with a pair and without are encoded
    apart (one tokenizer call cannot mix them)."""
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    for paired in (False, True):
        chosen = [i for i, (_, pair) in enumerate(items) if (pair is not None) == paired]
        if not chosen:
            continue
        texts = [items[i][0] for i in chosen]
        pairs = [items[i][1] for i in chosen] if paired else None
        encoded = predictor.tokenizer(texts, pairs, truncation=True,
                                      max_length=predictor.max_length)
        for batch in predictor._batches(_encode_lengths(encoded)):
            logits = _forward(predictor, encoded, batch)
            for row, index in zip(logits, batch):
                out[chosen[index]] = row
    return out


def token_logits(predictor: Any, texts: list[str]) -> list[Tokens]:
    """Each text's tokens with their logits, offsets and special-token marks."""
    encoded = predictor.tokenizer(texts, truncation=True, max_length=predictor.max_length,
                                  return_offsets_mapping=True, return_special_tokens_mask=True)
    lengths = _encode_lengths(encoded)
    out: list[Tokens | None] = [None] * len(texts)
    for batch in predictor._batches(lengths):
        logits = _forward(predictor, encoded, batch)
        for row, index in enumerate(batch):
            out[index] = Tokens(texts[index], logits[row, :lengths[index]],
                                encoded["input_ids"][index], encoded["offset_mapping"][index],
                                encoded["special_tokens_mask"][index])
    return out  # type: ignore[return-value]


def answer_batch(predictor: Any, items: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """Predictor.answer for (question, context, top_k) items, with the largest top_k asked."""
    top_k = max(k for _, _, k in items)
    return predictor.answer([q for q, _, _ in items], [c for _, c, _ in items], top_k=top_k)


def model_call(predictor: Any, mode: str) -> Callable[[list[Any]], list[Any]]:
    """The batch call for a model of this mode (see core.serve.shapes)."""
    calls = {CLASSES: class_logits, ENTITIES: token_logits, ANSWERS: answer_batch}
    chosen = calls[mode]
    return lambda items: chosen(predictor, items)
