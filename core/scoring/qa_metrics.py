"""Scores for extractive question answering, and the quick baseline it is compared with.

English answers are scored as the official SQuAD v1.1 script scores them: after
`normalize_answer` (lower case, punctuation and the articles a/an/the removed, whitespace
collapsed), exact match and token F1, each the best over the question's gold answers.
Text containing CJK characters is scored as the CMRC 2018 script scores it: lower case,
Chinese and English punctuation dropped, each CJK character one token and each run of other
characters split into words ("mixed segmentation"); F1 from the longest common subsequence of
the two token lists. A question with no gold answer (SQuAD v2 style) counts as answered
correctly only by an empty prediction.

`question_type` buckets questions by their question word (English or Chinese) for per-type
breakdowns; `overlap_baseline` answers with the context sentence sharing the most words with
the question. Pure Python: numbers and codes, no files, no models.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

QUESTION_TYPES = ("who", "what", "when", "where", "why", "how", "which", "other")

_CJK = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef]"
)
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_WORD = re.compile(r"[^\W_]+")

_ENGLISH_TYPES = {"who": "who", "whom": "who", "whose": "who", "what": "what", "when": "when",
                  "where": "where", "why": "why", "how": "how", "which": "which"}
_CHINESE_TYPES = (
    ("什么时候", "when"), ("何时", "when"), ("哪年", "when"),
    ("为什么", "why"),
    ("哪里", "where"), ("哪儿", "where"), ("在哪", "where"),
    ("哪个", "which"), ("哪些", "which"),
    ("怎么", "how"), ("如何", "how"),
    ("谁", "who"),
    ("什么", "what"),
)

_STOP_WORDS = frozenset(
    "a an the of in on at to for from by with and or is are was were be been being do does did "
    "what which who whom whose when where why how that this these those it its as into than "
    "then there their they he she his her i you we".split()
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]|\n")


def has_cjk(text: str) -> bool:
    """Whether the text holds at least one CJK ideograph (then it is scored per character)."""
    return _CJK.search(text) is not None


def normalize_answer(text: str) -> str:
    """Official SQuAD v1.1 normalization: lower case, ASCII punctuation removed, the articles
    a/an/the removed, whitespace collapsed to single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _ASCII_PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _is_punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def mixed_segmentation(text: str) -> list[str]:
    """CMRC 2018 tokens: lower case, punctuation (Chinese and English) dropped, every CJK
    character one token, every run of other characters split on whitespace into words."""
    tokens: list[str] = []
    run: list[str] = []
    for char in text.lower():
        if _is_punctuation(char):
            continue
        if _CJK.match(char):
            tokens.extend("".join(run).split())
            run = []
            tokens.append(char)
        else:
            run.append(char)
    tokens.extend("".join(run).split())
    return tokens


def _lcs_length(first: Sequence[str], second: Sequence[str]) -> int:
    previous = [0] * (len(second) + 1)
    for item in first:
        current = [0]
        for j, other in enumerate(second):
            current.append(previous[j] + 1 if item == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _harmonic(same: int, n_prediction: int, n_gold: int) -> float:
    if same == 0:
        return 0.0
    precision, recall = same / n_prediction, same / n_gold
    return 2 * precision * recall / (precision + recall)


def _tokens(text: str, cjk: bool) -> list[str]:
    return mixed_segmentation(text) if cjk else normalize_answer(text).split()


def _pair_exact(prediction: str, gold: str) -> float:
    cjk = has_cjk(prediction) or has_cjk(gold)
    if cjk:
        return float(mixed_segmentation(prediction) == mixed_segmentation(gold))
    return float(normalize_answer(prediction) == normalize_answer(gold))


def _pair_f1(prediction: str, gold: str) -> float:
    cjk = has_cjk(prediction) or has_cjk(gold)
    predicted, wanted = _tokens(prediction, cjk), _tokens(gold, cjk)
    if not predicted or not wanted:
        return float(predicted == wanted)
    if cjk:
        same = _lcs_length(predicted, wanted)
    else:
        same = sum((Counter(predicted) & Counter(wanted)).values())
    return _harmonic(same, len(predicted), len(wanted))


def _is_empty(prediction: str) -> bool:
    return not (mixed_segmentation(prediction) if has_cjk(prediction)
                else normalize_answer(prediction))


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    """1.0 when the prediction equals one of the gold answers after normalization, else 0.0.
    No gold answers: 1.0 for an empty prediction, else 0.0."""
    if not golds:
        return float(_is_empty(prediction))
    return max(_pair_exact(prediction, gold) for gold in golds)


def f1(prediction: str, golds: Sequence[str]) -> float:
    """Token F1 (0..1), the best over the gold answers; per character for CJK text.
    No gold answers: 1.0 for an empty prediction, else 0.0."""
    if not golds:
        return float(_is_empty(prediction))
    return max(_pair_f1(prediction, gold) for gold in golds)


def squad_scores(predictions: Mapping[str, str],
                 golds: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Exact match and F1 averaged over every question in `golds` (0..1); a question without
    a prediction scores as an empty answer. Predictions for unknown ids are ignored."""
    per_question = {
        qid: {"exact_match": exact_match(predictions.get(qid, ""), answers),
              "f1": f1(predictions.get(qid, ""), answers)}
        for qid, answers in golds.items()
    }
    n = len(per_question)
    if n == 0:
        return {"exact_match": 0.0, "f1": 0.0, "n": 0, "per_question": {}}
    return {
        "exact_match": sum(s["exact_match"] for s in per_question.values()) / n,
        "f1": sum(s["f1"] for s in per_question.values()) / n,
        "n": n,
        "per_question": per_question,
    }


def _chinese_type(question: str) -> str | None:
    found = [(question.find(word), -len(word), kind)
             for word, kind in _CHINESE_TYPES if word in question]
    return min(found)[2] if found else None


def question_type(question: str) -> str:
    """The question's kind, one of QUESTION_TYPES: from its Chinese question word (the first
    one in the text) when it has one, else from its first English question word."""
    if has_cjk(question):
        kind = _chinese_type(question)
        if kind is not None:
            return kind
    for word in _WORD.findall(question.lower()):
        if word in _ENGLISH_TYPES:
            return _ENGLISH_TYPES[word]
    return "other"


def sentence_spans(context: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the context, surrounding whitespace left out; a
    sentence ends after . ! ? (followed by whitespace or the end), after 。！？, or at a line
    break. The sentence's own end mark is part of it."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for mark in _SENTENCE_END.finditer(context):
        spans.append((begin, mark.end()))
        begin = mark.end()
    spans.append((begin, len(context)))
    trimmed = []
    for start, end in spans:
        piece = context[start:end]
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        if text:
            trimmed.append((start + lead, start + lead + len(text)))
    return trimmed


def _overlap_words(text: str) -> set[str]:
    words: set[str] = set(_CJK.findall(text))
    for word in _WORD.findall(_CJK.sub(" ", text.lower())):
        if word not in _STOP_WORDS:
            words.add(word)
    return words


def overlap_baseline(context: str, question: str) -> tuple[str, int]:
    """The quick baseline's answer: the context sentence sharing the most words with the
    question (each CJK character a word; English stop words ignored), the first on a tie.
    Returns (sentence, its start in the context); ("", 0) for a context with no text."""
    wanted = _overlap_words(question)
    best, best_overlap = None, -1
    for start, end in sentence_spans(context):
        overlap = len(_overlap_words(context[start:end]) & wanted)
        if overlap > best_overlap:
            best, best_overlap = (start, end), overlap
    if best is None:
        return "", 0
    return context[best[0]:best[1]], best[0]
