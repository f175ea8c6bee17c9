"""How fast this machine trains each model, measured, and the time ranges estimated from it.

Guessing speed from a model's size was 2-40x off (machines differ, and so do the costs of
starting, evaluating and saving), so estimates come from measurements made here, in
workspace/speed.json, per model and device:
- every completed run records its pace (training seconds per token of its data) and the rest of
  its wall time (starting, loading, evaluating, saving);
- before the first run, a few timed training steps of the model on the run's batch shape (a
  second or two, kept) give the pace, and a fixed allowance covers the rest.
An estimate is a range: a single measurement never predicts the next run to the second.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from core.models.loading import load_model
from core.workspace import runs

SPEED_FILE = "speed.json"
KEEP_RUNS = 5
# Starting the worker, loading the model and data, the final scoring and saving, when no run
# was measured yet (a Quick run of the default model spent about 25 s on these here).
FIRST_RUN_OVERHEAD_S = 25.0
# Evaluations and saves inside the training loop, on top of the steps a probe times.
LOOP_ALLOWANCE = 1.25
# How much longer than its texts a batch is after padding (batches grouped by length pad less).
PADDING = {True: 1.2, False: 1.8}
PROBE_STEPS = 3
_PROBED: dict[str, float] = {}  # this process's probes, so a page rerun never times again


def speed_path() -> Path:
    return runs.workspace_dir() / SPEED_FILE


def device_name() -> str:
    import torch  # lazy: loads torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"


def _key(model: str, device: str) -> str:
    return f"{model or 'default'} on {device}"


def _read() -> dict[str, Any]:
    return runs.read_json(speed_path()) or {}


def _change(change: Any) -> None:
    """Read-modify-write of speed.json under the workspace folder's lock."""
    folder = runs.workspace_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with runs.status_lock(folder):
        record = _read()
        change(record)
        runs.write_json_atomic(speed_path(), record)


def record_run(model: str, device: str, tokens: float, train_s: float, wall_s: float) -> None:
    """Keep a finished run's pace: `tokens` is what the estimate counts for the part it trained
    (epochs x examples x mean tokens per text), `train_s` the training loop's seconds and
    `wall_s` the run's whole time from start to end."""
    if tokens <= 0 or train_s <= 0 or wall_s < train_s:
        return
    entry = {"s_per_token": train_s / tokens, "overhead_s": wall_s - train_s,
             "wall_s": round(wall_s, 2), "tokens": round(tokens), "time": time.time()}

    def add(record: dict[str, Any]) -> None:
        kept = record.setdefault("runs", {}).setdefault(_key(model, device), [])
        kept.append(entry)
        del kept[:-KEEP_RUNS]

    _change(add)


def measured_runs(model: str, device: str) -> list[dict[str, float]]:
    found = (_read().get("runs") or {}).get(_key(model, device)) or []
    return [e for e in found if isinstance(e, dict)
            and all(isinstance(e.get(k), (int, float)) for k in ("s_per_token", "overhead_s"))]


def probe_key(model: str, device: str, batch: int, length: int) -> str:
    return f"{_key(model, device)}, batch {batch} x {length} tokens"


def probed_pace(model: str, device: str, batch: int, length: int) -> float | None:
    """Seconds per padded token of the probe made for this batch shape, when one was made."""
    key = probe_key(model, device, batch, length)
    value = _PROBED.get(key, (_read().get("probes") or {}).get(key))
    return float(value) if isinstance(value, (int, float)) else None


def probe(model: str, n_labels: int, batch: int, length: int) -> float:
    """Time a few real training steps (forward, backward, optimizer) of the model on random
    token ids of the batch shape; seconds per padded token, kept in speed.json."""
    import torch  # lazy: loads torch
    from transformers import AutoModelForSequenceClassification  # lazy: loads transformers

    device = device_name()
    net = load_model(model, AutoModelForSequenceClassification, num_labels=max(2, n_labels),
                     ignore_mismatched_sizes=True)
    target = "cuda" if device != "cpu" else "cpu"
    net.to(target).train()
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-5)
    vocab = net.get_input_embeddings().num_embeddings
    ids = torch.randint(100, max(101, vocab - 1), (batch, length), device=target)
    labels = torch.zeros(batch, dtype=torch.long, device=target)
    timings = []
    for _ in range(PROBE_STEPS + 1):  # the first step warms up and is not counted
        begin = time.perf_counter()
        net(input_ids=ids, labels=labels).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if target == "cuda":
            torch.cuda.synchronize()
        timings.append(time.perf_counter() - begin)
    del net, optimizer
    pace = min(timings[1:]) / (batch * length)
    key = probe_key(model, device, batch, length)
    _PROBED[key] = pace
    _change(lambda record: record.setdefault("probes", {}).__setitem__(key, pace))
    return pace


def estimate_range(tokens: float, measured: list[dict[str, float]], probe_pace: float | None,
                   padding: float, rough_s: float) -> dict[str, Any]:
    """Low and high seconds for a run counting `tokens`, from the best basis available."""
    if measured:
        guesses = [e["overhead_s"] + e["s_per_token"] * tokens for e in measured]
        return {"low_s": min(guesses) * 0.9, "high_s": max(guesses) * 1.15,
                "basis": "measured"}
    if probe_pace is not None:
        guess = FIRST_RUN_OVERHEAD_S + probe_pace * padding * LOOP_ALLOWANCE * tokens
        return {"low_s": guess * 0.8, "high_s": guess * 1.5, "basis": "probe"}
    return {"low_s": rough_s * 0.5, "high_s": rough_s * 2.5, "basis": "rough"}
