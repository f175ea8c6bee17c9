"""The request batcher on its own (a stand-in model call): requests that arrive together share
one call and each gets its own results back, a full queue refuses at once, a failed call fails
only the requests it carried, and a failed answer shaping fails only its own request."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.serve.batching import Batcher, Busy


def test_requests_that_arrive_together_share_one_call():
    calls = []

    def call(items):
        calls.append(list(items))
        time.sleep(0.05)  # a model call takes a while; requests arriving meanwhile wait
        return [item * 10 for item in items]

    batcher = Batcher(call, max_batch=64, wait_ms=100)
    batcher.start()
    barrier = threading.Barrier(16)

    def one(i):
        barrier.wait()
        return batcher.submit([i, i + 100]).result(timeout=10)

    try:
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(one, range(16)))
    finally:
        batcher.stop()
    assert results == [[i * 10, (i + 100) * 10] for i in range(16)]
    stats = batcher.stats()
    assert stats["requests"] == 16 and stats["calls"] == len(calls) < 16
    assert stats["largest"] > 1 and sum(len(c) for c in calls) == 32


def test_a_request_alone_on_an_idle_server_does_not_wait():
    batcher = Batcher(lambda items: items, max_batch=64, wait_ms=2000)
    batcher.start()
    try:
        started = time.monotonic()
        for i in range(3):
            assert batcher.submit([i]).result(timeout=10) == [i]
        assert time.monotonic() - started < 1.5  # not 3 x the 2 s wait
    finally:
        batcher.stop()


def test_a_full_queue_refuses_and_a_failure_stays_with_its_batch():
    release = threading.Event()

    def call(items):
        release.wait(10)
        if "boom" in items:
            raise RuntimeError("the model failed")
        return items

    batcher = Batcher(call, max_batch=1, wait_ms=0, max_queue=2)
    batcher.start()
    try:
        first = batcher.submit(["a"])
        time.sleep(0.2)  # the worker holds "a"; two more may wait
        waiting = [batcher.submit(["boom"]), batcher.submit(["c"], finish=lambda r: r[0] + "!")]
        with pytest.raises(Busy):
            batcher.submit(["d"])
        release.set()
        assert first.result(timeout=10) == ["a"]
        with pytest.raises(RuntimeError):
            waiting[0].result(timeout=10)
        assert waiting[1].result(timeout=10) == "c!"
        shaped = batcher.submit(["e"], finish=lambda r: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            shaped.result(timeout=10)
        assert batcher.submit(["f"]).result(timeout=10) == ["f"]
    finally:
        release.set()
        batcher.stop()
