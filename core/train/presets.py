"""Presets: hyperparameters that adapt to the data, and an estimate of time and memory.

Values were chosen from runs of the default model on the shared benchmarks (see DESIGN.md):
small data needs more passes, many classes need more passes, and early stopping keeps the
best checkpoint so a generous epoch count costs time, not quality.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from pathlib import Path

from core import text
from core.config import RunConfig, TrainingConfig
from core.models.loading import (
    DEFAULT_MODEL,
    default_model_path,
    describe_model,
    recommended_learning_rate,
    resolve_model,
)
from core.train import speed


def preset_description(preset: str) -> str:
    """One sentence on what a preset does, in the reader's language (shown under its name)."""
    return text.t(f"advice.preset.{preset}")


# Few-shot mode (core/train/few_shot.py) trains on pairs of texts:
PAIR_ITERATIONS = 20       # pairs per training text and kind (same / different label), as SetFit
# Quick: 60 steps trained 2,000 banking77 texts in 49 s end to end on 2 CPU cores, test accuracy
# 0.83 (100 steps: 71 s, 0.805), so a first model stays within a minute.
PAIR_MAX_STEPS = {"quick": 60, "balanced": 300, "best": 1000}
PAIR_BATCH_SIZE = 16
LENGTH_CAP = {"quick": 128, "balanced": 256, "best": 512}
PATIENCE = {"quick": 0, "balanced": 2, "best": 3}
# Small data, few updates: at the built-in model's catalogue rate (1e-4) a Quick run has barely
# learned after its first epoch (validation accuracy 0.39, loss 0.685 on the sentiment sample;
# 0.35 on 500 SST-2 sentences). At twice the rate the validation curve rose sooner and ended
# higher on both (sample 0.788 -> 0.845, SST-2 0.81 -> 0.873; bench/recipe.py). A 10x rate for
# the new classifier head alone did not help (0.817): the encoder must move. With Balanced the
# sample's best validation score rose too (0.860 -> 0.903); on SST-2 it fell (0.872 -> 0.829,
# 200 texts) while the test score rose (0.812 -> 0.828). Measured for the
# built-in model with whole-model fine-tuning only, so other models and LoRA keep their rate.
SMALL_DATA = 1000           # training examples up to which the faster rate applies
SMALL_DATA_RATE_FACTOR = 2.0


def preset_epochs(preset: str, n_train: int, n_labels: int) -> float:
    if preset == "quick":
        steps = ((300, 6), (1000, 3), (5000, 2))
        return next((e for limit, e in steps if n_train <= limit), 1)
    steps = ((300, 10), (1000, 6), (5000, 4), (20000, 3))
    epochs = next((e for limit, e in steps if n_train <= limit), 2)
    if n_labels > 20:  # many classes keep improving for longer
        epochs += 2
    return epochs + 2 if preset == "best" else epochs


def auto_max_length(token_lengths: Sequence[int] | None, preset: str, model_max: int) -> int:
    """The smallest multiple of 16 covering 99% of texts, within the preset's cap."""
    cap = min(LENGTH_CAP.get(preset, 256), model_max)
    if not token_lengths:
        return min(128, cap)
    ordered = sorted(token_lengths)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return int(max(32, min(cap, math.ceil(p99 / 16) * 16)))


def resolve_training(config: RunConfig, n_train: int, n_labels: int,
                     token_lengths: Sequence[int] | None = None,
                     model_max: int = 512) -> TrainingConfig:
    """A copy of the training settings with every empty value filled from the preset."""
    t = dataclasses.replace(config.training)
    if t.epochs is None:
        t.epochs = preset_epochs(config.preset, n_train, n_labels)
    if t.learning_rate is None:
        lr = recommended_learning_rate(config.model)
        if t.freeze_encoder:
            lr = 1e-3
        elif t.lora:
            lr = min(lr * 5, 1e-3)
        elif n_train <= SMALL_DATA and _is_default_model(config.model):
            lr *= SMALL_DATA_RATE_FACTOR  # whole-model fine-tuning, as measured
        t.learning_rate = lr
    if t.batch_size is None:
        t.batch_size = 16 if n_train < 500 else 32
    if t.max_length is None:
        t.max_length = auto_max_length(token_lengths, config.preset, model_max)
    if t.early_stopping_patience is None:
        t.early_stopping_patience = PATIENCE.get(config.preset, 2)
    return t


def _is_default_model(name: str) -> bool:
    """'default', or the built-in model's own folder named by its path."""
    if name == DEFAULT_MODEL:
        return True
    try:
        return Path(name).is_dir() and Path(name).resolve() == default_model_path().resolve()
    except OSError:
        return False


def steps_per_epoch(n_train: int, batch_size: int, accumulation: int) -> int:
    return max(1, math.ceil(n_train / (batch_size * accumulation)))


# Used only before this machine's speed was measured: the default model on 2 CPU cores, in
# padded tokens per second.
CPU_TOKENS_PER_S = 2000.0
GPU_SPEEDUP = 40.0
# Few-shot pair training ran at about 58 texts/s on 2 CPU cores (banking77): ~0.55 of the above.
FEW_SHOT_SPEED_SHARE = 0.55


def estimate_run(config: RunConfig, n_train: int, n_labels: int, mean_tokens: float,
                 gpu: bool | None = None, mode: str = "fine-tune",
                 probe: bool = False) -> dict[str, float | int | str]:
    """Time (a range, `low_s` to `high_s`) and memory for a run, for the Model page. The time
    comes from this machine's measured speed (core/train/speed.py); with `probe`, a model that was
    never measured here is timed for a few steps first. `mode` is the one the run will train
    in (few-shot mode counts pair steps, not epochs)."""
    device = speed.device_name() if gpu is None else ("gpu" if gpu else "cpu")
    on_gpu = device != "cpu"
    t = resolve_training(config, n_train, n_labels)
    info = describe_model(config.model)
    params_m = info.params_m or 110.0
    rough_speed = CPU_TOKENS_PER_S * (GPU_SPEEDUP if on_gpu else 1.0) / (params_m / 22.7)
    padded = max(8.0, mean_tokens + 2)
    if mode == "few-shot":
        return _few_shot_estimate(config, n_train, t, params_m, padded, rough_speed, on_gpu)
    tokens = float(t.epochs) * n_train * max(1.0, mean_tokens)
    if t.freeze_encoder:
        rough_speed *= 2.5
    rough_s = tokens * padded / max(1.0, mean_tokens) / rough_speed * 1.1 + 15
    padding = speed.PADDING[bool(t.group_by_length)]
    length = int(min(t.max_length or 128, max(8, math.ceil(mean_tokens * padding))))
    measured = speed.measured_runs(config.model, device)
    pace = None if measured else speed.probed_pace(config.model, device, t.batch_size, length)
    if probe and not measured and pace is None and _local_model(config.model):
        pace = speed.probe(config.model, n_labels, t.batch_size, length)
    times = speed.estimate_range(tokens, measured, pace, padding, rough_s)
    trainable = 0.02 if (t.lora or t.freeze_encoder) else 1.0
    # weights + gradients + Adam state (4 bytes each) + activations + runtime
    memory_mb = (params_m * 4 * (1 + 3 * trainable)
                 + t.batch_size * t.max_length * params_m * 0.02 + 700)
    return {**times, "seconds": round((times["low_s"] + times["high_s"]) / 2),
            "memory_mb": round(memory_mb),
            "steps": int(steps_per_epoch(n_train, t.batch_size, t.gradient_accumulation)
                         * math.ceil(float(t.epochs))),
            "epochs": float(t.epochs), "device": "GPU" if on_gpu else "CPU"}


def _local_model(name: str) -> bool:
    """Whether the model is on this machine already (timing a hub model would download it)."""
    try:
        return Path(resolve_model(name)).is_dir()
    except Exception:  # a bad name is reported elsewhere on the page
        return False


def pair_steps(n_train: int, preset: str, batch_size: int) -> int:
    """The pair-training steps of a few-shot run: PAIR_ITERATIONS pairs of each kind per text,
    capped per preset."""
    pairs = PAIR_ITERATIONS * n_train * 2
    cap = PAIR_MAX_STEPS.get(preset, PAIR_MAX_STEPS["balanced"])
    return max(1, min(cap, math.ceil(pairs / batch_size)))


def _few_shot_estimate(config: RunConfig, n_train: int, t: TrainingConfig, params_m: float,
                       padded: float, speed: float, on_gpu: bool) -> dict[str, float | int | str]:
    batch = config.training.batch_size or PAIR_BATCH_SIZE
    steps = pair_steps(n_train, config.preset, batch)
    # two texts a pair, trained at the measured few-shot share of the speed; then one
    # forward pass over the training texts for the classifier on top
    seconds = (steps * 2 * batch * padded / (speed * FEW_SHOT_SPEED_SHARE)
               + n_train * padded / (speed * 3) + 15)
    memory_mb = params_m * 16 + 2 * batch * t.max_length * params_m * 0.02 + 700
    return {"low_s": seconds * 0.5, "high_s": seconds * 2.5, "basis": "rough",
            "seconds": round(seconds), "memory_mb": round(memory_mb), "steps": steps,
            "epochs": 1.0, "device": "GPU" if on_gpu else "CPU"}
