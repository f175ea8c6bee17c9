"""The order training examples are drawn in, the same again after a resume.

Trainer's length-grouped sampler draws each epoch's shuffle from torch's global random state. A
run resumed in the middle of an epoch builds that epoch's order in a fresh process, before it
loads the checkpoint's random state, so it would train on other batches than the run it
continues. Here each epoch's shuffle is seeded from (seed, epoch) instead, so a resumed epoch
repeats the order the interrupted one had.
"""

from __future__ import annotations

from typing import Any

import torch
from torch.utils.data import SequentialSampler
from transformers import Trainer
from transformers.trainer_pt_utils import LengthGroupedSampler


class EpochSeededLengthSampler(LengthGroupedSampler):
    """Batches of similar length in an order fixed by the seed and the epoch."""

    def __init__(self, batch_size: int, lengths: list[int], seed: int) -> None:
        super().__init__(batch_size, lengths=lengths, generator=torch.Generator())
        self.seed, self.epoch = seed, 0

    def set_epoch(self, epoch: int | float) -> None:  # called by the Trainer at each epoch
        self.epoch = int(epoch)

    def __iter__(self) -> Any:
        self.generator.manual_seed(self.seed * 100_003 + self.epoch)
        return super().__iter__()


class ResumableTrainer(Trainer):
    """Trainer whose length-grouped training order survives an interruption, and whose
    evaluation keeps the dataset's order (the Trainer groups evaluation batches by length too
    when training does; answer spans are matched to their windows by position)."""

    def _get_eval_sampler(self, eval_dataset: Any) -> Any:
        if self.args.world_size <= 1 and eval_dataset is not None:
            return SequentialSampler(eval_dataset)
        return super()._get_eval_sampler(eval_dataset)

    def _get_train_sampler(self, train_dataset: Any = None) -> Any:
        sampler = super()._get_train_sampler(train_dataset)
        if type(sampler) is LengthGroupedSampler:
            return EpochSeededLengthSampler(sampler.batch_size, sampler.lengths, self.args.seed)
        return sampler
