"""The search space: which run settings a search tries, over which ranges, and how a user
narrows them.

The ranges follow the run configuration's fields and the model: a learning rate around the
model's recommended one (higher with LoRA, whose adapters learn from zero), a few epochs (fewer
on large data, where one pass already holds many updates), batch sizes 8 to 32, a warm-up share
up to 0.2, weight decay up to 0.1, lengths that cover the data but never pass the model's
positions, and the LoRA rank when LoRA is on.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.text import Text

LARGE_DATA = 20_000  # training examples from which a search tries at most 3 epochs
LENGTHS = (64, 128, 256, 512)
BATCH_SIZES = (8, 16, 32)
LORA_RANKS = (4, 8, 16, 32)
FLOAT_PARAMS = ("learning_rate", "warmup_ratio", "weight_decay")
INT_PARAMS = ("epochs",)
CHOICE_PARAMS = ("batch_size", "max_length", "lora_r")
PARAMS = ("learning_rate", "epochs", "batch_size", "warmup_ratio", "weight_decay",
          "max_length", "lora_r")


@dataclass
class Space:
    """Ranges (low, high) of the numbers and the choices of the rest; a parameter left out
    keeps the run configuration's value."""

    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    choices: dict[str, list[int]] = field(default_factory=dict)

    def names(self) -> list[str]:
        return [name for name in PARAMS if name in self.ranges or name in self.choices]

    def to_dict(self) -> dict[str, Any]:
        return {"ranges": {k: list(v) for k, v in self.ranges.items()},
                "choices": {k: list(v) for k, v in self.choices.items()}}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Space:
        return cls(ranges={k: (float(v[0]), float(v[1]))
                           for k, v in (raw.get("ranges") or {}).items()},
                   choices={k: [int(c) for c in v] for k, v in (raw.get("choices") or {}).items()})


def default_space(config: RunConfig, n_train: int, model_max: int = 512,
                  longest: int | None = None, recommended_rate: float = 5e-5) -> Space:
    """The space for `config`'s model and data: `n_train` training examples, the model's
    `model_max` positions and `longest`, the token length covering nearly every text."""
    training = config.training
    if training.lora:
        low, high = recommended_rate, min(recommended_rate * 20, 1e-3)
    else:
        low, high = recommended_rate / 5, recommended_rate * 2.5
    epochs_high = 3 if n_train > LARGE_DATA else 5
    lengths = [n for n in LENGTHS if n <= model_max]
    if longest:
        enough = next((n for n in lengths if n >= longest), lengths[-1] if lengths else 64)
        lengths = [n for n in lengths if n <= enough]
    space = Space(ranges={"learning_rate": (low, high), "epochs": (1, epochs_high),
                          "warmup_ratio": (0.0, 0.2), "weight_decay": (0.0, 0.1)},
                  choices={"batch_size": list(BATCH_SIZES),
                           "max_length": lengths or [min(128, model_max)]})
    if training.lora:
        space.choices["lora_r"] = list(LORA_RANKS)
    return space


def narrow(space: Space, rules: list[str]) -> Space:
    """The space with each rule applied: 'name=low:high' for a number, 'name=a,b' for
    choices, 'name=value' to hold a setting fixed. A rule for an unknown setting or outside
    what the setting allows is refused with a sentence."""
    narrowed = dataclasses.replace(space, ranges=dict(space.ranges), choices=dict(space.choices))
    for rule in rules:
        name, _, value = rule.partition("=")
        name = name.strip().replace("-", "_")
        if name not in PARAMS or not value.strip():
            raise _bad_rule(rule)
        try:
            _apply_rule(narrowed, name, value.strip())
        except ValueError:
            raise _bad_rule(rule) from None
    return narrowed


def _apply_rule(space: Space, name: str, value: str) -> None:
    if name in CHOICE_PARAMS:
        space.ranges.pop(name, None)
        space.choices[name] = [int(v) for v in value.split(",") if v.strip()]
        if not space.choices[name] or min(space.choices[name]) < 1:
            raise ValueError(value)
        return
    low_text, _, high_text = value.partition(":")
    low = float(low_text)
    high = float(high_text) if high_text else low
    if not (math.isfinite(low) and math.isfinite(high)) or low > high or low < 0:
        raise ValueError(value)
    if name in INT_PARAMS and (low < 1 or high > 100):
        raise ValueError(value)
    if name == "learning_rate" and not (0 < low and high < 1):
        raise ValueError(value)
    if name in ("warmup_ratio", "weight_decay") and high >= 1:
        raise ValueError(value)
    space.choices.pop(name, None)
    space.ranges[name] = (low, high)


def _bad_rule(rule: str) -> UserError:
    return UserError(Text("search.space.bad_rule", {"rule": rule}),
                     Text("search.space.bad_rule_fix", {"names": ", ".join(PARAMS)}))


def suggest(trial: Any, space: Space) -> dict[str, Any]:
    """The settings an Optuna trial picks in `space`."""
    params: dict[str, Any] = {}
    for name in space.names():
        if name in space.choices:
            params[name] = trial.suggest_categorical(name, space.choices[name])
            continue
        low, high = space.ranges[name]
        if name in INT_PARAMS:
            params[name] = trial.suggest_int(name, int(low), int(high))
        elif low == high:
            params[name] = trial.suggest_float(name, low, high)
        else:
            params[name] = trial.suggest_float(name, low, high, log=name == "learning_rate")
    return params


def with_settings(config: RunConfig, params: dict[str, Any], name: str = "") -> RunConfig:
    """A copy of `config` training with `params` (a trial's or the best settings)."""
    copy = RunConfig.from_dict(config.to_dict())
    for key, value in params.items():
        if key in PARAMS:
            setattr(copy.training, key, int(value) if key in ("epochs", *CHOICE_PARAMS)
                    else float(value))
    if name:
        copy.name = name[:100]
    copy.validate()
    return copy
