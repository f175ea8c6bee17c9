"""Which process of a run this is, when torchrun starts several, and how they share a batch.

torchrun gives each process its place in the environment (RANK, LOCAL_RANK, WORLD_SIZE); a
run of one process has none of them and is rank 0 of 1. Only rank 0 writes the run folder:
status.json, metrics.jsonl, health.json, config.json, eval.json, the model and the log.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PLACE = ("RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE", "GROUP_RANK")


def rank() -> int:
    """This process's place among all the run's processes (0 when it runs alone)."""
    return _int_env("RANK", 0)


def world_size() -> int:
    """How many processes train the run together, over all machines (1 when it runs alone)."""
    return max(1, _int_env("WORLD_SIZE", 1))


def is_main_process() -> bool:
    """Whether this process writes the run folder."""
    return rank() == 0


def is_distributed() -> bool:
    return world_size() > 1


def split_batch(batch_size: int, accumulation: int, world: int) -> tuple[int, int]:
    """(batch per process, gradient accumulation) so that `world` processes together still
    take `batch_size * accumulation` examples per update. Gradient accumulation makes up what
    an even split cannot: a batch of 3 over 2 processes with accumulation 2 becomes 3 per
    process once. When no split is exact, the nearest one with a batch no larger per process
    than the one asked for is taken."""
    if world <= 1:
        return batch_size, accumulation
    total = batch_size * accumulation
    exact = [(abs(steps - accumulation), -(total // (world * steps)), steps)
             for steps in range(1, total + 1)
             if total % (world * steps) == 0 and total // (world * steps) <= batch_size]
    if exact:
        steps = min(exact)[2]
        return total // (world * steps), steps
    per_device = max(1, batch_size // world)
    return per_device, max(1, round(total / (per_device * world)))


def agree_to_stop(wanted: bool) -> bool:
    """True on every process when any of them wants to stop. Every process must call it at the
    same step (the Trainer's step end), or the others wait for it forever."""
    if not is_distributed():
        return wanted
    import torch  # lazy: loads torch
    import torch.distributed as dist  # lazy: loads torch

    if not dist.is_available() or not dist.is_initialized():
        return wanted
    flag = torch.tensor([1 if wanted else 0], dtype=torch.int32, device=_collective_device(dist))
    dist.all_reduce(flag, op=dist.ReduceOp.MAX)
    return bool(flag.item())


def ddp_backend(on_gpu: bool) -> str | None:
    """The backend for the processes' exchange of gradients: NCCL between GPUs, gloo on CPUs;
    None for a run of one process."""
    if not is_distributed():
        return None
    return "nccl" if on_gpu else "gloo"


@contextmanager
def alone() -> Iterator[None]:
    """Inside it this process runs as if started alone (a mode that trains in one process:
    nothing in it waits for the others)."""
    saved = {name: os.environ.pop(name) for name in PLACE if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _collective_device(dist: Any) -> str:
    """NCCL only exchanges tensors that live on this process's GPU."""
    if dist.get_backend() == "nccl":
        return f"cuda:{_int_env('LOCAL_RANK', 0)}"
    return "cpu"


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
