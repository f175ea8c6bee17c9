"""The training order a resumed run repeats: fixed by seed and epoch, not by global state."""

from __future__ import annotations

import torch

from core.train.sampling import EpochSeededLengthSampler

LENGTHS = [5, 40, 12, 7, 33, 18, 9, 25, 14, 3, 29, 21] * 4


def _order(seed: int, epoch: int) -> list[int]:
    sampler = EpochSeededLengthSampler(4, LENGTHS, seed)
    sampler.set_epoch(epoch)
    return list(sampler)


def test_an_epoch_has_the_same_order_in_a_fresh_sampler_whatever_the_global_state():
    first = _order(7, 2)
    torch.manual_seed(12345)
    torch.rand(100)  # a resumed process has drawn other random numbers before
    assert _order(7, 2) == first
    assert sorted(first) == list(range(len(LENGTHS)))  # every example once


def test_epochs_and_seeds_shuffle_differently():
    assert _order(7, 1) != _order(7, 2)
    assert _order(7, 1) != _order(8, 1)


def test_batches_still_group_similar_lengths():
    order = _order(0, 0)
    batches = [order[i:i + 4] for i in range(0, len(order), 4)]
    spread = sum(max(LENGTHS[i] for i in b) - min(LENGTHS[i] for i in b) for b in batches)
    random_spread = sum(max(LENGTHS[i] for i in b) - min(LENGTHS[i] for i in b)
                        for b in [list(range(j, j + 4)) for j in range(0, len(LENGTHS), 4)])
    assert spread < random_spread
