"""Extractive question answering: the answer is a span of the context, found by a start and an
end logit per token.

Features are made as in transformers' examples/pytorch/question-answering (run_qa.py and
utils_qa.py): a context longer than the model's window is cut into overlapping windows
(`stride` tokens shared by neighbours), each window paired with its question; offsets map every
context token back to its characters. A training window is labeled with the answer's first and
last token when it holds the whole answer, else with the CLS token (as is a question without an
answer). `postprocess` searches the n best start and end tokens of every window of a question
for the best valid span and, for data with unanswerable questions, says "no answer" when the
CLS ("null") score beats that span by more than a threshold.

Nothing here builds an array over a whole context: the work is per window, so a context of
tens of thousands of characters costs its windows only.

Frames have one row per question: "id", "title", "context", "question" and "answers" ({"text":
[...], "answer_start": [...]}, empty lists for no answer; the first answer is the one trained on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from core.text import t

MAX_STRIDE = 128
"""run_qa.py's default doc_stride (with windows of 384 tokens)."""
NO_POSITION = -1
"""The "start" and "end" of a "no answer" prediction."""


def default_stride(max_length: int) -> int:
    """Tokens shared by neighbouring windows: a quarter of the window, at most `MAX_STRIDE`."""
    return max(0, min(MAX_STRIDE, max_length // 4))


def _pad_on_right(tokenizer: Any) -> bool:
    """Question first, context second, unless the tokenizer pads on the left (run_qa.py)."""
    return getattr(tokenizer, "padding_side", "right") == "right"


def _question_budget(max_length: int, stride: int) -> int:
    """The most question tokens a window can take and still hold more context than the
    stride (three special tokens are counted for the pair)."""
    budget = min((max_length - 3) // 2, max_length - 4 - stride)
    if budget < 1:
        raise ValueError(f"stride {stride} leaves no room in windows of {max_length} tokens")
    return budget


def _fit_questions(questions: list[str], tokenizer: Any, budget: int) -> list[str]:
    """Questions cut to `budget` tokens (a longer one would leave no room for its context)."""
    encoded = tokenizer(questions, add_special_tokens=False, return_offsets_mapping=True,
                        return_attention_mask=False, return_token_type_ids=False, verbose=False)
    return [question if len(offsets) <= budget else question[:offsets[budget - 1][1]]
            for question, offsets in zip(questions, encoded["offset_mapping"])]


def _windows(frame: Any, tokenizer: Any, max_length: int, stride: int, pad: bool) -> Any:
    questions = _fit_questions([str(q).lstrip() for q in frame["question"]], tokenizer,
                               _question_budget(max_length, stride))
    contexts = [str(c) for c in frame["context"]]
    right = _pad_on_right(tokenizer)
    return tokenizer(questions if right else contexts, contexts if right else questions,
                     truncation="only_second" if right else "only_first",
                     max_length=max_length, stride=stride, return_overflowing_tokens=True,
                     return_offsets_mapping=True, padding="max_length" if pad else False,
                     verbose=False)


def _cls_index(input_ids: list[int], tokenizer: Any) -> int:
    for token in (tokenizer.cls_token_id, tokenizer.bos_token_id):
        if token is not None and token in input_ids:
            return input_ids.index(token)
    return 0


def answer_tokens(offsets: list[tuple[int, int]], sequence_ids: list[int | None],
                  context_id: int, answers: dict[str, Any], cls_index: int) -> tuple[int, int]:
    """The first and last token of the (first) answer in one window, or (cls, cls) when the
    question has none or the window does not hold all of it."""
    if len(answers["answer_start"]) == 0:
        return cls_index, cls_index
    start_char = int(answers["answer_start"][0])
    end_char = start_char + len(str(answers["text"][0]))
    context = [i for i, sequence in enumerate(sequence_ids) if sequence == context_id]
    if not context:
        return cls_index, cls_index
    first, last = context[0], context[-1]
    if offsets[first][0] > start_char or offsets[last][1] < end_char:
        return cls_index, cls_index
    start = first
    while start < last and offsets[start + 1][0] <= start_char:
        start += 1
    end = last
    while end > start and offsets[end - 1][1] >= end_char:
        end -= 1
    return start, end


def prepare_train_features(frame: Any, tokenizer: Any, max_length: int, stride: int,
                           pad: bool = False) -> Any:
    """A datasets.Dataset of windows: input_ids, attention_mask (token_type_ids where the
    tokenizer makes them), start_positions and end_positions. `pad` pads every window to
    `max_length` (else a collator pads each batch)."""
    from datasets import Dataset  # lazy: loads datasets

    encoded = _windows(frame, tokenizer, max_length, stride, pad)
    samples = encoded["overflow_to_sample_mapping"]
    answers = list(frame["answers"])
    context_id = 1 if _pad_on_right(tokenizer) else 0
    starts, ends = [], []
    for i, offsets in enumerate(encoded["offset_mapping"]):
        cls_index = _cls_index(encoded["input_ids"][i], tokenizer)
        start, end = answer_tokens(offsets, encoded.sequence_ids(i), context_id,
                                   answers[samples[i]], cls_index)
        starts.append(start)
        ends.append(end)
    columns = {key: value for key, value in encoded.items()
               if key not in ("offset_mapping", "overflow_to_sample_mapping")}
    columns["start_positions"] = starts
    columns["end_positions"] = ends
    return Dataset.from_dict(columns)


def prepare_eval_features(frame: Any, tokenizer: Any, max_length: int, stride: int,
                          pad: bool = False) -> Any:
    """A datasets.Dataset of windows with "example_id" (the frame's "id" of its question) and
    "offset_mapping" ([start, end] characters of each context token, None for the question's
    and the special tokens)."""
    from datasets import Dataset  # lazy: loads datasets

    encoded = _windows(frame, tokenizer, max_length, stride, pad)
    ids = [str(i) for i in frame["id"]]
    context_id = 1 if _pad_on_right(tokenizer) else 0
    columns = {key: value for key, value in encoded.items()
               if key not in ("offset_mapping", "overflow_to_sample_mapping")}
    columns["example_id"] = [ids[s] for s in encoded["overflow_to_sample_mapping"]]
    columns["offset_mapping"] = [
        [list(offset) if sequence == context_id else None
         for offset, sequence in zip(offsets, encoded.sequence_ids(i))]
        for i, offsets in enumerate(encoded["offset_mapping"])]
    return Dataset.from_dict(columns)


def _window_spans(start_logits: np.ndarray, end_logits: np.ndarray, offsets: list[Any],
                  n_best: int, max_answer_length: int) -> Iterator[tuple[float, int, int]]:
    """(score, start char, end char) of the valid spans among the window's n best start and
    end tokens: both in the context, start <= end, at most `max_answer_length` tokens."""
    top_starts = np.argsort(start_logits)[::-1][:n_best]
    top_ends = np.argsort(end_logits)[::-1][:n_best]
    for s in top_starts:
        if offsets[s] is None:
            continue
        for e in top_ends:
            if offsets[e] is None or e < s or e - s + 1 > max_answer_length:
                continue
            yield float(start_logits[s] + end_logits[e]), int(offsets[s][0]), int(offsets[e][1])


def _example_spans(windows: list[int], offset_mapping: list[Any], start_logits: Any,
                   end_logits: Any, n_best: int, max_answer_length: int
                   ) -> tuple[list[tuple[float, int, int]], float | None]:
    """Every window's valid spans, and the lowest null (CLS) score over its windows."""
    spans: list[tuple[float, int, int]] = []
    null_score = None
    for i in windows:
        offsets = offset_mapping[i]
        starts = np.asarray(start_logits[i], dtype=np.float64)[:len(offsets)]
        ends = np.asarray(end_logits[i], dtype=np.float64)[:len(offsets)]
        window_null = float(starts[0] + ends[0])
        null_score = window_null if null_score is None else min(null_score, window_null)
        spans.extend(_window_spans(starts, ends, offsets, n_best, max_answer_length))
    return spans, null_score


def _probability(score: float, spans: list[tuple[float, int, int]], n_best: int,
                 null_score: float | None) -> float:
    """Softmax of `score` over the n best spans (and the null answer when it is a choice)."""
    scores = sorted((s for s, _, _ in spans), reverse=True)[:n_best]
    if null_score is not None:
        scores.append(null_score)
    values = np.asarray(scores)
    return float(np.exp(score - values.max()) / np.exp(values - values.max()).sum())


def _decide(context: str, spans: list[tuple[float, int, int]], null_score: float | None,
            n_best: int, null_threshold: float | None) -> dict[str, Any]:
    null = null_score if null_score is not None else 0.0
    no_answer = {"text": "", "start": NO_POSITION, "end": NO_POSITION, "score": null,
                 "no_answer": True}
    if not spans:
        return {**no_answer, "probability": 1.0}
    score, start, end = max(spans, key=lambda span: span[0])
    choice_null = null_score if null_threshold is not None else None
    if null_threshold is not None and null - score > null_threshold:
        return {**no_answer, "probability": _probability(null, spans, n_best, choice_null)}
    return {"text": context[start:end], "start": start, "end": end, "score": score,
            "no_answer": False, "probability": _probability(score, spans, n_best, choice_null)}


def postprocess(frame: Any, features: Any, start_logits: Any, end_logits: Any,
                n_best: int = 20, max_answer_length: int = 30,
                null_threshold: float | None = None) -> dict[str, dict[str, Any]]:
    """The answer to each question of `frame`, by its "id": {"text", "start", "end" (the
    span's characters in the context), "score" (start + end logit), "no_answer", "probability"
    (among the n best)}. `features` is `prepare_eval_features` of the frame; the logits have
    a row per feature (rows longer than a window, padded by the trainer, are cut to it).

    With `null_threshold` (data with unanswerable questions) the answer is "no answer" (text
    "", start and end -1) when the null score beats the best span by more than the threshold;
    without it the best span is always given. A question with no valid span has no answer."""
    windows: dict[str, list[int]] = defaultdict(list)
    for i, example_id in enumerate(features["example_id"]):
        windows[example_id].append(i)
    offset_mapping = features["offset_mapping"]
    answers = {}
    for example_id, context in zip(map(str, frame["id"]), map(str, frame["context"])):
        spans, null_score = _example_spans(windows.get(example_id, []), offset_mapping,
                                           start_logits, end_logits, n_best, max_answer_length)
        answers[example_id] = _decide(context, spans, null_score, n_best, null_threshold)
    return answers


class QuestionAnswering:
    """The answer to a question as a span of its context (SQuAD). Implements
    core.tasks.protocol.Task; what scores and reports comes with core/scoring/qa_metrics.py."""

    name = "question-answering"
    key = "question_answering"
    unit = "question"
    reader = "squad"
    answers = "answers"
    pipeline_task = "question-answering"
    pipeline_kwargs: dict[str, Any] = {}
    peft_task_type = "QUESTION_ANS"
    baseline_name = "overlap"
    export_format = "json"
    export_suffix = ".json"
    output_columns = ("answer", "answer_start", "score")
    shows_entities = False
    supports_cleaning = False
    health_checks = ("answers",)
    kind = "qa"
    multi_label = False

    prepare_train_features = staticmethod(prepare_train_features)
    prepare_eval_features = staticmethod(prepare_eval_features)
    postprocess = staticmethod(postprocess)

    def __init__(self, labels: list[str] | None = None) -> None:
        self.labels = list(labels or [])
        self.best_metric = self.primary_metric(False)

    @classmethod
    def with_labels(cls, labels: list[str], multi_label: bool = False) -> Any:
        """The task (answers are spans: it has no labels)."""
        return cls(labels)

    @classmethod
    def kind_of(cls, multi_label: bool) -> str:
        return "qa"

    @classmethod
    def primary_metric(cls, multi_label: bool) -> str:
        return "f1"

    @classmethod
    def headline_metric(cls, multi_label: bool) -> str:
        return "f1"

    @classmethod
    def stratify(cls, multi_label: bool) -> bool:
        return False

    @classmethod
    def supports_few_shot(cls, multi_label: bool) -> bool:
        return False

    @classmethod
    def title(cls) -> str:
        return t(f"tasks.title.{cls.key}")

    @classmethod
    def model_class(cls) -> Any:
        from transformers import AutoModelForQuestionAnswering  # lazy: loads transformers

        return AutoModelForQuestionAnswering

    @classmethod
    def answer_names(cls, frame: Any) -> set[str]:
        """None: answers are spans of text, not names."""
        return set()

    @classmethod
    def label_list(cls, names: set[str]) -> list[str]:
        """None: the model's head is a start and an end logit per token."""
        return []

    @classmethod
    def tokenize_inputs(cls, frame: Any, tokenizer: Any, max_chars: int, max_words: int
                        ) -> tuple[Any, bool]:
        """Each question with its context (the context cut to `max_chars` characters)."""
        questions = [str(q).lstrip()[:max_chars] for q in frame["question"]]
        contexts = [str(c)[:max_chars] for c in frame["context"]]
        encoded = tokenizer(questions, contexts, return_attention_mask=False,
                            return_token_type_ids=False, verbose=False)
        return encoded, True

    def model_kwargs(self) -> dict[str, Any]:
        return {}

    def encode(self, frame: Any, tokenizer: Any, max_length: int, with_targets: bool = True
               ) -> Any:
        """Windows of `max_length` tokens with a `default_stride`: training features (with
        answer positions) or evaluation features (with example ids and offsets), and a
        "length" column."""
        prepare = prepare_train_features if with_targets else prepare_eval_features
        dataset = prepare(frame, tokenizer, max_length, default_stride(max_length))
        return dataset.add_column("length", [len(ids) for ids in dataset["input_ids"]])

    def collator(self, tokenizer: Any, pad_to_multiple_of: int | None = None) -> Any:
        from transformers import DataCollatorWithPadding  # lazy: loads transformers

        return DataCollatorWithPadding(tokenizer, pad_to_multiple_of=pad_to_multiple_of)

    def class_weights(self, frame: Any, mode: str) -> None:
        return None

    def prior_logits(self, frame: Any) -> None:
        return None

    def loss_function(self, weights: Any) -> None:
        return None

    def compute_metrics(self) -> Callable[[Any], dict[str, float]]:
        """Comes with the scoring module (core/scoring/qa_metrics.py)."""
        raise NotImplementedError("question answering metrics come with core/scoring/qa_metrics.py")

    def report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray | None = None
               ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Comes with the scoring module (core/scoring/qa_metrics.py)."""
        raise NotImplementedError("question answering reports come with core/scoring/qa_metrics.py")

    def split_report(self, frame: Any, logits: np.ndarray, label_ids: np.ndarray, split: str
                     ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Comes with the scoring module (core/scoring/qa_metrics.py)."""
        raise NotImplementedError("question answering reports come with core/scoring/qa_metrics.py")

    def calibration_outputs(self, logits: np.ndarray, label_ids: np.ndarray
                            ) -> tuple[np.ndarray, np.ndarray]:
        """Comes with the scoring module (core/scoring/qa_metrics.py)."""
        raise NotImplementedError("question answering calibration comes with "
                                  "core/scoring/qa_metrics.py")

    def record_counts(self, records: list[dict[str, Any]], metric: str) -> Any:
        """Comes with the scoring module (core/scoring/qa_metrics.py)."""
        raise NotImplementedError("question answering record counts come with "
                                  "core/scoring/qa_metrics.py")
