"""The soft-label losses a smaller model learns its teacher's answers with (knowledge
distillation, as DistilBERT was trained): each task's `distillation_loss` is built from them.

Both are multiplied by T² so that their gradients keep the same size whatever the temperature
T (Hinton et al., 2015). Logits are compared in float32, whatever precision the models run in.
"""

from __future__ import annotations

from typing import Any

MASKED = -1e4
"""The logit, after dividing by T, given to positions left out of a distribution: a share of
exp(-10000) of it, which is zero in float32, and never -inf (0 · inf would be nan)."""


def softmax_kl(student: Any, teacher: Any, temperature: float, keep: Any = None,
               positions: Any = None) -> Any:
    """T² · KL(softmax(teacher / T) ‖ softmax(student / T)) over the last axis, averaged over
    the rows (every axis but the last). `keep` (a boolean tensor of the rows' shape) leaves
    rows out of the average (tokens not scored); `positions` (a boolean tensor of the logits'
    shape) leaves entries out of each distribution (padding). No row kept: zero."""
    import torch  # lazy: loads torch

    scaled_s = student.float() / temperature
    scaled_t = teacher.float() / temperature
    if positions is not None:
        scaled_s = scaled_s.masked_fill(~positions.bool(), MASKED)
        scaled_t = scaled_t.masked_fill(~positions.bool(), MASKED)
    if keep is not None:
        scaled_s, scaled_t = scaled_s[keep.bool()], scaled_t[keep.bool()]
    if scaled_s.numel() == 0:
        return student.sum() * 0.0
    log_s = torch.log_softmax(scaled_s, dim=-1)
    log_t = torch.log_softmax(scaled_t, dim=-1)
    divergence = (log_t.exp() * (log_t - log_s)).sum(dim=-1)
    return divergence.mean() * temperature ** 2


def binary_kl(student: Any, teacher: Any, temperature: float) -> Any:
    """T² · the mean over every text and label of KL(Bernoulli(sigmoid(teacher / T)) ‖
    Bernoulli(sigmoid(student / T))): each label of a multi-label text is its own yes/no
    soft target."""
    import torch  # lazy: loads torch

    scaled_s = student.float() / temperature
    scaled_t = teacher.float() / temperature
    log_s, log_not_s = torch.nn.functional.logsigmoid(scaled_s), \
        torch.nn.functional.logsigmoid(-scaled_s)
    log_t, log_not_t = torch.nn.functional.logsigmoid(scaled_t), \
        torch.nn.functional.logsigmoid(-scaled_t)
    divergence = log_t.exp() * (log_t - log_s) + log_not_t.exp() * (log_not_t - log_not_s)
    return divergence.mean() * temperature ** 2


def logits_of(outputs: Any, name: str = "logits") -> Any:
    """One output of a model's forward pass, as a ModelOutput or a plain dict."""
    return outputs[name] if isinstance(outputs, dict) else getattr(outputs, name)
