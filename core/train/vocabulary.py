"""Unknown vocabulary: when the model cannot read the data's characters or words.

The English default model turns most Chinese characters into [UNK], so every such text looks
alike to it. Two ways out: a model for the language from the catalogue (needs internet the
first time), or adding the data's frequent unknown characters/words to the tokenizer and
giving each a new embedding row, so offline training can learn them. The extended tokenizer
is saved with the model, so prediction, the export and `transformers.pipeline` read the same
tokens.

The new rows start as random vectors typical of the old ones and each appears in few batches, so
at the fine-tuning learning rate they barely move in a short run (measured: extending alone did
not raise the score). During fine-tuning they therefore learn at NEW_ROW_LEARNING_RATE_FACTOR
times the learning rate, while the model's own rows stay as they are.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from core.data.health import UNK_WARNING
from core.models.loading import CATALOGUE

log = logging.getLogger(__name__)

SAMPLE_SIZE = 20_000   # texts read to find unknown pieces
MIN_COUNT = 2          # a piece seen once cannot be learned
MAX_NEW_TOKENS = 10_000
NEW_ROW_LEARNING_RATE_FACTOR = 30.0  # the added rows' learning rate, times the run's
CJK_MODELS = ("bert-base-chinese", "xlm-roberta-base", "bert-base-multilingual-cased")
OTHER_MODELS = ("xlm-roberta-base", "bert-base-multilingual-cased")


@dataclass(frozen=True)
class VocabularyAdvice:
    unk_rate: float              # share of content tokens that are [UNK]
    distinct_unknown: int        # different unknown characters/words
    learnable: int               # of those, seen at least MIN_COUNT times (what would be added)
    examples: list[str]          # the most frequent ones
    models: list[str]            # catalogue keys suited to the script of the unknown pieces

    @property
    def warns(self) -> bool:
        return self.unk_rate > UNK_WARNING


def _items(splits: Any) -> tuple[list[Any], bool]:
    """Training texts (word lists for NER; questions and their paragraphs for question
    answering), a fixed sample of them, and whether split."""
    frame = splits.train.frame
    if len(frame) > SAMPLE_SIZE:
        frame = frame.sample(SAMPLE_SIZE, random_state=0)
    if "tokens" in frame.columns:
        return [list(map(str, words)) for words in frame["tokens"]], True
    if "context" in frame.columns:  # questions about paragraphs: each paragraph once
        return [str(q) for q in frame["question"]] + [
            str(c) for c in dict.fromkeys(frame["context"])], False
    texts = [str(t) for t in frame["text"]]
    if "text_pair" in frame.columns:
        texts += [str(t) for t in frame["text_pair"]]
    return texts, False


def unknown_pieces(splits: Any, tokenizer: Any) -> tuple[Counter, int]:
    """How often each piece of text became [UNK], and the number of content tokens read."""
    unk_id = getattr(tokenizer, "unk_token_id", None)
    items, split_words = _items(splits)
    counts: Counter = Counter()
    if unk_id is None or not items:
        return counts, 0
    encoded = tokenizer(items, is_split_into_words=split_words, add_special_tokens=False,
                        return_offsets_mapping=True, return_attention_mask=False,
                        return_token_type_ids=False, verbose=False)
    total = 0
    for row, ids in enumerate(encoded["input_ids"]):
        total += len(ids)
        if unk_id not in ids:
            continue
        offsets = encoded["offset_mapping"][row]
        words = encoded.word_ids(row) if split_words else None
        for position, token_id in enumerate(ids):
            if token_id != unk_id:
                continue
            start, end = offsets[position]
            source = items[row][words[position]] if split_words else items[row]
            piece = source[start:end].strip()
            if piece:
                counts[piece] += 1
    return counts, total


def _normalised(tokenizer: Any, piece: str) -> str:
    """The piece as the tokenizer sees it after normalising (e.g. lower case)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    normalizer = getattr(backend, "normalizer", None)
    return normalizer.normalize_str(piece).strip() if normalizer is not None else piece


def learnable_pieces(counts: Counter, tokenizer: Any, limit: int = MAX_NEW_TOKENS) -> list[str]:
    """The unknown pieces worth a new token: seen at least MIN_COUNT times, most frequent first."""
    chosen: dict[str, None] = {}
    for piece, count in counts.most_common():
        if count < MIN_COUNT or len(chosen) >= limit:
            break
        normal = _normalised(tokenizer, piece)
        if normal and not any(ch.isspace() for ch in normal):
            chosen.setdefault(normal, None)
    return list(chosen)


def _is_cjk(piece: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
               for ch in piece)


def suggested_models(pieces: list[str]) -> list[str]:
    """Catalogue models that read the script of the unknown pieces."""
    keys = {info.key for info in CATALOGUE}
    cjk = sum(_is_cjk(p) for p in pieces[:200])
    wanted = CJK_MODELS if pieces and cjk >= len(pieces[:200]) / 2 else OTHER_MODELS
    return [key for key in wanted if key in keys]


def advise(splits: Any, tokenizer: Any) -> VocabularyAdvice:
    counts, total = unknown_pieces(splits, tokenizer)
    learnable = learnable_pieces(counts, tokenizer)
    frequent = [piece for piece, _ in counts.most_common(12)]
    return VocabularyAdvice(unk_rate=sum(counts.values()) / total if total else 0.0,
                            distinct_unknown=len(counts), learnable=len(learnable),
                            examples=frequent, models=suggested_models(frequent))


def extend_tokenizer(tokenizer: Any, splits: Any) -> list[str]:
    """Add the training data's frequent unknown pieces to `tokenizer`; returns those added.

    The same data always adds the same tokens in the same order, so a resumed run rebuilds the
    vocabulary its checkpoint was trained with.
    """
    counts, _ = unknown_pieces(splits, tokenizer)
    pieces = [p for p in learnable_pieces(counts, tokenizer)
              if tokenizer.convert_tokens_to_ids(p) in (None, tokenizer.unk_token_id)]
    if pieces:
        tokenizer.add_tokens(pieces)
    return pieces


def resize_embeddings(model: Any, tokenizer_or_size: Any) -> None:
    """Give the model one embedding row per token; new rows start near the existing ones."""
    size = tokenizer_or_size if isinstance(tokenizer_or_size, int) else len(tokenizer_or_size)
    if size > model.get_input_embeddings().num_embeddings:
        model.resize_token_embeddings(size, mean_resizing=True)


def train_new_rows_faster(optimizer: Any, model: Any, first_new_row: int,
                          factor: float = NEW_ROW_LEARNING_RATE_FACTOR) -> bool:
    """Move the input embeddings into an optimizer group of their own at `factor` times the
    learning rate, and let only the rows from `first_new_row` on (the added tokens) change.

    Call before the learning-rate schedule is made, so it scales this group like the others.
    Returns False (and changes nothing) when the embeddings are not trained, e.g. with LoRA or
    a frozen encoder.
    """
    import torch  # lazy: loads torch

    weight = model.get_input_embeddings().weight
    if not weight.requires_grad or first_new_row >= weight.shape[0]:
        return False
    groups = [g for g in optimizer.param_groups if any(p is weight for p in g["params"])]
    if not groups:
        return False
    for group in groups:
        group["params"] = [p for p in group["params"] if p is not weight]
    base = groups[0]["lr"]
    optimizer.add_param_group({"params": [weight], "lr": base * factor, "weight_decay": 0.0})
    keep = torch.zeros(weight.shape[0], 1, dtype=weight.dtype, device=weight.device)
    keep[first_new_row:] = 1.0
    # Adam moves a weight only once it has had a gradient, so zeroed rows stay exactly as loaded.
    weight.register_hook(lambda grad: grad * keep.to(grad))
    return True


def learn_new_rows_faster(trainer: Any, model: Any, first_new_row: int | None) -> None:
    """Have a transformers `Trainer` apply `train_new_rows_faster` to the optimizer it builds
    (fine-tuning, and the sentence-embedding training of few-shot mode)."""
    if first_new_row is None:
        return
    create = trainer.create_optimizer

    def create_optimizer(*args: Any, **kwargs: Any) -> Any:
        fresh = trainer.optimizer is None
        optimizer = create(*args, **kwargs)
        if fresh and train_new_rows_faster(optimizer, model, first_new_row):
            log.info("The added tokens learn at %gx the learning rate; the model's own rows "
                     "stay as loaded.", NEW_ROW_LEARNING_RATE_FACTOR)
        return optimizer

    trainer.create_optimizer = create_optimizer
