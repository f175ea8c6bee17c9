"""Text lengths in model tokens and the tokenizer's unknown-token rate, on a sample.

Lengths decide max_length (and so speed and memory); the unknown rate catches a model that
cannot read the language at all, such as Chinese text with the English default model.
"""

from __future__ import annotations

import numpy as np

from core.data.splits import DatasetSplits
from core.tasks import task_kind

SAMPLE_SIZE = 20_000
# Far past any model's max length: a 10 MB text is measured by its start, in bounded time.
MAX_CHARS = 20_000
MAX_WORDS = 5_000


def token_stats(splits: DatasetSplits, tokenizer, max_length: int, seed: int = 0) -> dict:
    frame = splits.train.frame
    if len(frame) > SAMPLE_SIZE:  # a fixed sample keeps the report fast on big files
        frame = frame.sample(SAMPLE_SIZE, random_state=seed)
    encoded, pair = task_kind(splits.task).tokenize_inputs(frame, tokenizer, MAX_CHARS, MAX_WORDS)
    ids = encoded["input_ids"]
    lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
    special = tokenizer.num_special_tokens_to_add(pair=pair)
    content = int(np.maximum(lengths - special, 0).sum())
    unk_id = getattr(tokenizer, "unk_token_id", None)
    unknown = sum(row.count(unk_id) for row in ids) if unk_id is not None else 0
    return {
        "token_lengths": _summary(lengths),
        "truncated_share": float((lengths > max_length).mean()) if len(lengths) else 0.0,
        "unk_rate": unknown / content if content else 0.0,
        "sampled": int(len(lengths)),
        "model_max_length": model_max_length(tokenizer),
    }


def model_max_length(tokenizer) -> int | None:
    """The most tokens the model reads, or None when the tokenizer does not say (transformers
    puts a huge placeholder there then)."""
    value = getattr(tokenizer, "model_max_length", None)
    return int(value) if isinstance(value, int) and 0 < value <= 1_000_000 else None


def _summary(lengths: np.ndarray) -> dict:
    if not len(lengths):
        return {"mean": 0, "p50": 0, "p95": 0, "p99": 0, "max": 0,
                "histogram": {"edges": [], "counts": []}}
    bins = min(30, int(lengths.max() - lengths.min()) + 1)
    counts, edges = np.histogram(lengths, bins=bins)
    return {
        "mean": round(float(lengths.mean()), 1),
        "p50": int(np.percentile(lengths, 50)),
        "p95": int(np.percentile(lengths, 95)),
        "p99": int(np.percentile(lengths, 99)),
        "max": int(lengths.max()),
        "histogram": {"edges": [round(float(e), 1) for e in edges], "counts": counts.tolist()},
    }
