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

from core.errors import UserError
from core.scoring import qa_metrics
from core.tasks import distillation
from core.tasks.base import TaskBase
from core.text import Text

MAX_STRIDE = 128
"""run_qa.py's default doc_stride (with windows of 384 tokens)."""
NO_POSITION = -1
"""The "start" and "end" of a "no answer" prediction."""
DEFAULT_NULL_THRESHOLD = 0.0
"""The null threshold before one is tuned on validation (utils_qa.py's default)."""
EXCERPT = 150
"""Characters of context kept on each side of the answer in a prediction record."""
N_BEST = 20
"""Start and end tokens searched per window (utils_qa.py's n_best_size)."""
DEFAULT_MAX_ANSWER_LENGTH = 30
"""The longest answer in tokens unless the data needs more (utils_qa.py's default)."""


def longest_answer(frame: Any, tokenizer: Any, max_length: int) -> int:
    """The longest answer the model may give: covering the training answers' tokens (their
    99th percentile, with a margin of a quarter), at least DEFAULT_MAX_ANSWER_LENGTH and at
    most half the window."""
    ceiling = max(1, max_length // 2)
    if frame is None or tokenizer is None or len(frame) == 0:
        return min(DEFAULT_MAX_ANSWER_LENGTH, ceiling)
    texts = [str(text) for answers in frame["answers"] for text in answers["text"]][:5000]
    if not texts:
        return min(DEFAULT_MAX_ANSWER_LENGTH, ceiling)
    counts = sorted(len(ids) for ids in tokenizer(texts, add_special_tokens=False,
                                                  verbose=False)["input_ids"])
    p99 = counts[min(len(counts) - 1, int(0.99 * len(counts)))]
    return int(min(ceiling, max(DEFAULT_MAX_ANSWER_LENGTH, -(-p99 * 5 // 4))))


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
    context_id = 1 if _pad_on_right(tokenizer) else 0
    columns = {key: value for key, value in encoded.items()
               if key not in ("offset_mapping", "overflow_to_sample_mapping")}
    columns["start_positions"], columns["end_positions"] = _positions(
        encoded, list(frame["answers"]), tokenizer, context_id)
    return Dataset.from_dict(columns)


def _positions(encoded: Any, answers: list[dict[str, Any]], tokenizer: Any, context_id: int
               ) -> tuple[list[int], list[int]]:
    """The answer's first and last token in every window (CLS where it is not inside)."""
    samples = encoded["overflow_to_sample_mapping"]
    starts, ends = [], []
    for i, offsets in enumerate(encoded["offset_mapping"]):
        cls_index = _cls_index(encoded["input_ids"][i], tokenizer)
        start, end = answer_tokens(offsets, encoded.sequence_ids(i), context_id,
                                   answers[samples[i]], cls_index)
        starts.append(start)
        ends.append(end)
    return starts, ends


def prepare_eval_features(frame: Any, tokenizer: Any, max_length: int, stride: int,
                          pad: bool = False, with_positions: bool = False) -> Any:
    """A datasets.Dataset of windows with "example_id" (the frame's "id" of its question) and
    "offset_mapping" ([start, end] characters of each context token, None for the question's
    and the special tokens); `with_positions` adds the answers' start_positions and
    end_positions as for training (so the evaluation has a loss)."""
    from datasets import Dataset  # lazy: loads datasets

    encoded = _windows(frame, tokenizer, max_length, stride, pad)
    ids = [str(i) for i in frame["id"]]
    context_id = 1 if _pad_on_right(tokenizer) else 0
    columns = {key: value for key, value in encoded.items()
               if key not in ("offset_mapping", "overflow_to_sample_mapping")}
    if with_positions:
        columns["start_positions"], columns["end_positions"] = _positions(
            encoded, list(frame["answers"]), tokenizer, context_id)
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
        return {**no_answer, "probability": 1.0, "null_score": null}
    score, start, end = max(spans, key=lambda span: span[0])
    choice_null = null_score if null_threshold is not None else None
    alternatives = _alternatives(context, spans, n_best, choice_null)
    if null_threshold is not None and null - score > null_threshold:
        return {**no_answer, "probability": _probability(null, spans, n_best, choice_null),
                "null_score": null, "alternatives": alternatives}
    return {"text": context[start:end], "start": start, "end": end, "score": score,
            "no_answer": False, "probability": _probability(score, spans, n_best, choice_null),
            "null_score": null, "alternatives": alternatives}


def _alternatives(context: str, spans: list[tuple[float, int, int]], n_best: int,
                  null_score: float | None) -> list[dict[str, Any]]:
    """The n best distinct spans, best first: text, start, end and probability."""
    seen: set[tuple[int, int]] = set()
    out = []
    for score, start, end in sorted(spans, key=lambda span: -span[0]):
        if (start, end) in seen:
            continue  # the same characters found in two overlapping windows
        seen.add((start, end))
        out.append({"text": context[start:end], "start": start, "end": end,
                    "probability": _probability(score, spans, n_best, null_score)})
        if len(out) == n_best:
            break
    return out


def postprocess(frame: Any, features: Any, start_logits: Any, end_logits: Any,
                n_best: int = 20, max_answer_length: int = 30,
                null_threshold: float | None = None) -> dict[str, dict[str, Any]]:
    """The answer to each question of `frame`, by its "id": {"text", "start", "end" (the
    span's characters in the context), "score" (start + end logit), "no_answer", "probability"
    (among the n best), "null_score" (the CLS score; 0 without windows)}. `features` is
    `prepare_eval_features` of the frame; the logits have a row per feature (rows longer than
    a window, padded by the trainer, are cut to it).

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


def split_logits(logits: Any) -> tuple[np.ndarray, np.ndarray]:
    """(start logits, end logits), one row per evaluation feature, from what the model gives:
    a pair (the trainer's predictions for a question-answering model) or one array of shape
    (features, tokens, 2) with the start and end logits last (the qa_outputs layer's output,
    which a temperature can divide)."""
    if isinstance(logits, (tuple, list)) and len(logits) == 2:
        return np.asarray(logits[0]), np.asarray(logits[1])
    array = np.asarray(logits)
    if array.ndim == 3 and array.shape[-1] == 2:
        return array[..., 0], array[..., 1]
    raise ValueError("question answering logits are a (start, end) pair or an array of shape "
                     "(features, tokens, 2)")


def _golds(frame: Any) -> dict[str, list[str]]:
    return {str(qid): [str(text) for text in answers["text"]]
            for qid, answers in zip(frame["id"], frame["answers"])}


def _unanswerable(frame: Any) -> bool:
    """Whether some question of the frame has no answer (SQuAD v2 style)."""
    return any(len(answers["text"]) == 0 for answers in frame["answers"])


def _excerpt(context: str, start: int, end: int) -> tuple[str, int]:
    """The context around characters start..end, and where the excerpt begins."""
    begin = max(0, start - EXCERPT)
    return context[begin:max(end, start) + EXCERPT], begin


def answer_records(frame: Any, answers: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per question of `frame` (in its order) for the answers of `postprocess`:
    id, title, question, a context excerpt (and its start), gold answers and starts, the
    predicted text, start, score and no_answer, its exact_match and f1, and question_type."""
    records = []
    for row in frame[["id", "title", "context", "question", "answers"]].itertuples(index=False):
        qid, context = str(row.id), str(row.context)
        golds = [str(text) for text in row.answers["text"]]
        answer = answers[qid]
        anchor = answer["start"] if not answer["no_answer"] else (
            int(row.answers["answer_start"][0]) if golds else 0)
        excerpt, excerpt_start = _excerpt(context, anchor, max(anchor, int(answer["end"])))
        records.append({
            "id": qid, "title": str(row.title), "question": str(row.question),
            "context": excerpt, "context_start": excerpt_start, "gold": golds,
            "gold_start": [int(s) for s in row.answers["answer_start"]],
            "predicted": answer["text"], "start": int(answer["start"]),
            "score": round(float(answer["score"]), 4), "no_answer": bool(answer["no_answer"]),
            "exact_match": qa_metrics.exact_match(answer["text"], golds),
            "f1": qa_metrics.f1(answer["text"], golds),
            "question_type": qa_metrics.question_type(str(row.question))})
    return records


def _means(records: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(records)
    return {"exact_match": sum(r["exact_match"] for r in records) / n if n else 0.0,
            "f1": sum(r["f1"] for r in records) / n if n else 0.0, "n": n}


def scores_of(records: list[dict[str, Any]], unanswerable: bool) -> dict[str, Any]:
    """exact_match, f1 (0..1, means over the questions) and n of the records, the same per
    question type ("question_types"), and, for data with unanswerable questions, over the
    questions with an answer ("has_answer") and without ("no_answer"), as the SQuAD v2
    script splits them."""
    report = _means(records)
    report["question_types"] = {
        kind: _means([r for r in records if r["question_type"] == kind])
        for kind in qa_metrics.QUESTION_TYPES
        if any(r["question_type"] == kind for r in records)}
    if unanswerable:
        report["has_answer"] = _means([r for r in records if r["gold"]])
        report["no_answer"] = _means([r for r in records if not r["gold"]])
    return report


def best_null_threshold(frame: Any, answers: dict[str, dict[str, Any]]) -> float:
    """The null threshold with the best mean F1 over `frame`, as the official SQuAD v2
    script's best_f1_thresh: from "no answer" everywhere, questions are answered in the order
    of null score minus best-span score, and the threshold is that difference at the best
    total (the lowest on a tie). `answers` are `postprocess`'s without a threshold."""
    golds = _golds(frame)
    steps = []
    for qid, answer in answers.items():
        if answer["no_answer"]:
            continue  # no valid span: "no answer" whatever the threshold
        gain = qa_metrics.f1(answer["text"], golds[qid]) - qa_metrics.f1("", golds[qid])
        steps.append((answer["null_score"] - answer["score"], gain))
    if not steps:
        return DEFAULT_NULL_THRESHOLD
    steps.sort(key=lambda step: step[0])
    best_gain, best = 0.0, steps[0][0] - 1.0  # below every difference: "no answer" for all
    total = 0.0
    for i, (difference, gain) in enumerate(steps):
        total += gain
        last_of_tie = i + 1 == len(steps) or steps[i + 1][0] > difference
        if last_of_tie and total > best_gain + 1e-12:
            best_gain, best = total, difference
    return float(best)


class QuestionAnswering(TaskBase):
    """The answer to a question as a span of its context (SQuAD). Implements
    core.tasks.protocol.Task, with these differences:

    - logits are a (start, end) pair over the evaluation features (`split_logits`), and the
      members that turn them into answers take those features too: `report` and
      `split_report` as a `features` keyword, `compute_metrics(frame, features)` as a closure
      (both raise ValueError without them); `label_ids` are unused (gold answers come from
      the frame);
    - `calibration_outputs` raises ValueError: question answering is not calibrated;
    - `record_counts` covers "exact_match" and "f1";
    - `null_threshold` is tuned by `split_report` on validation for data with unanswerable
      questions, and `baseline_report(frame)` scores the overlap baseline."""

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
    answers_from_context = True
    shows_entities = False
    supports_cleaning = False
    health_checks = ("answers",)
    calibrated = False
    split_group = "context"
    kind = "qa"
    variant = "qa"
    metric = "f1"
    auto_class = "AutoModelForQuestionAnswering"
    multi_label = False

    prepare_train_features = staticmethod(prepare_train_features)
    prepare_eval_features = staticmethod(prepare_eval_features)
    postprocess = staticmethod(postprocess)

    def __init__(self, labels: list[str] | None = None) -> None:
        self.labels = list(labels or [])
        self.null_threshold: float | None = None
        self.best_metric = self.primary_metric(False)
        self.stride: int | None = None
        self.max_answer_length = DEFAULT_MAX_ANSWER_LENGTH

    def settle_settings(self, training: Any, frame: Any = None, tokenizer: Any = None) -> None:
        """The window overlap (`default_stride` of the window unless set) and the longest
        answer (unless set: what covers the training answers, at least utils_qa.py's 30
        tokens, at most the window), written back to `training` and kept here."""
        max_length = int(getattr(training, "max_length", None) or 384)
        if getattr(training, "stride", None) is None:
            training.stride = default_stride(max_length)
        if getattr(training, "max_answer_length", None) is None:
            training.max_answer_length = longest_answer(frame, tokenizer, max_length)
        if int(training.stride) >= max_length // 2:
            raise UserError(Text("tasks.stride_too_long.message",
                                 {"stride": int(training.stride), "max_length": max_length}),
                            Text("tasks.stride_too_long.fix", {"most": max_length // 2 - 1}))
        self.stride = int(training.stride)
        self.max_answer_length = int(training.max_answer_length)

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
        stride = self.stride if self.stride is not None else default_stride(max_length)
        dataset = prepare_eval_features(frame, tokenizer, max_length, stride,
                                        with_positions=with_targets)
        return dataset.add_column("length", [len(ids) for ids in dataset["input_ids"]])

    def answer(self, frame: Any, features: Any, logits: Any, top_k: int = 1,
               null_threshold: float | None = None) -> dict[str, dict[str, Any]]:
        """`postprocess` with the task's longest answer and `top_k` alternatives each."""
        start_logits, end_logits = split_logits(logits)
        return postprocess(frame, features, start_logits, end_logits,
                           n_best=max(N_BEST, top_k), max_answer_length=self.max_answer_length,
                           null_threshold=null_threshold)

    def collator(self, tokenizer: Any, pad_to_multiple_of: int | None = None) -> Any:
        from transformers import DataCollatorWithPadding  # lazy: loads transformers

        return DataCollatorWithPadding(tokenizer, pad_to_multiple_of=pad_to_multiple_of)

    def class_weights(self, frame: Any, mode: str) -> None:
        return None

    def prior_logits(self, frame: Any) -> None:
        return None

    def loss_function(self, weights: Any) -> None:
        return None

    def distillation_loss(self, student: Any, teacher: Any, inputs: dict[str, Any],
                          temperature: float) -> Any:
        """The mean of the start and the end distributions' soft-label losses, over the
        window's tokens (padding left out)."""
        mask = inputs.get("attention_mask")
        return sum(distillation.softmax_kl(distillation.logits_of(student, name),
                                           distillation.logits_of(teacher, name),
                                           temperature, positions=mask)
                   for name in ("start_logits", "end_logits")) / 2

    def compute_metrics(self, frame: Any = None, features: Any = None
                        ) -> Callable[[Any], dict[str, float]]:
        """The trainer's compute_metrics, a closure over the evaluation `frame` and its
        `prepare_eval_features` (needed to turn logits into spans): the EvalPrediction's
        `predictions` are the (start, end) logits of those features; it returns "exact_match"
        and "f1" (0..1). Raises ValueError without the frame and features."""
        if frame is None or features is None:
            raise ValueError("question answering metrics need the evaluation frame and its "
                             "features: compute_metrics(frame, features)")

        def compute(prediction: Any) -> dict[str, float]:
            answers = self._answers(frame, features, prediction.predictions,
                                    self._threshold(frame))
            scores = qa_metrics.squad_scores({k: a["text"] for k, a in answers.items()},
                                             _golds(frame))
            return {"exact_match": scores["exact_match"], "f1": scores["f1"]}

        return compute

    def report(self, frame: Any, logits: Any, label_ids: np.ndarray | None = None,
               features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The report (exact_match, f1, n; has_answer and no_answer scores when the frame has
        unanswerable questions, with the null_threshold used; per question type) and one
        record per question. `logits` are the (start, end) logits of `features` (see
        `split_logits`); the gold answers come from the frame, `label_ids` is unused."""
        threshold = self._threshold(frame)
        answers = self._answers(frame, features, logits, threshold)
        records = answer_records(frame, answers)
        report = scores_of(records, _unanswerable(frame))
        if threshold is not None:
            report["null_threshold"] = threshold
        return report, records

    def split_report(self, frame: Any, logits: Any, label_ids: np.ndarray, split: str,
                     features: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """`report` of one split; on the validation split of data with unanswerable questions
        the null threshold is first tuned to the best F1 (as the official SQuAD v2 script's
        best_f1_thresh) and kept for the test split; the report adds "best_f1_threshold"."""
        if split == "validation" and _unanswerable(frame):
            best = self._answers(frame, features, logits, None)
            self.null_threshold = best_null_threshold(frame, best)
            report, records = self.report(frame, logits, label_ids, features)
            report["best_f1_threshold"] = self.null_threshold
            return report, records
        return self.report(frame, logits, label_ids, features)

    def calibration_outputs(self, logits: Any, label_ids: Any) -> tuple[np.ndarray, np.ndarray]:
        """Not calibrated: a temperature over start and end logits has no answer classes to
        fit, and a span's score against the null score needs the frame and features this
        member does not get. Always raises ValueError."""
        raise ValueError("question answering is not calibrated: its logits are start and end "
                         "scores over tokens, not classes")

    def record_counts(self, records: list[dict[str, Any]], metric: str) -> Any:
        """Counts of saved records for "exact_match" (a question right or wrong) or "f1" (a
        record without the score is scored from its "predicted" and "gold"): each
        question one unit with tp = F1 and fp = fn = 1 - F1, so the micro F1 of summed counts,
        2·ΣF1 / (2·ΣF1 + 2·Σ(1 - F1)), is the mean F1 over the questions."""
        from core.scoring import significance  # lazy: loads scipy

        if metric not in ("exact_match", "f1"):
            raise ValueError(f"no per-question counts for {metric}")
        score = qa_metrics.exact_match if metric == "exact_match" else qa_metrics.f1
        return significance.correct_counts([
            float(r[metric]) if metric in r else score(str(r["predicted"]), list(r["gold"]))
            for r in records])

    def baseline_report(self, frame: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The overlap baseline (qa_metrics.overlap_baseline: the context sentence sharing the
        most words with the question) scored as `report` scores the model, with its records.
        It always answers, so a no-answer question scores 0."""
        answers = {}
        for qid, context, question in zip(map(str, frame["id"]), map(str, frame["context"]),
                                          map(str, frame["question"])):
            text, start = qa_metrics.overlap_baseline(context, question)
            answers[qid] = {"text": text, "start": start, "end": start + len(text),
                            "score": 0.0, "no_answer": False}
        records = answer_records(frame, answers)
        return scores_of(records, _unanswerable(frame)), records

    def _threshold(self, frame: Any) -> float | None:
        """The tuned null threshold, else 0.0 for data with unanswerable questions, else None
        (always the best span)."""
        if self.null_threshold is not None:
            return self.null_threshold
        return DEFAULT_NULL_THRESHOLD if _unanswerable(frame) else None

    def _answers(self, frame: Any, features: Any, logits: Any, threshold: float | None
                 ) -> dict[str, dict[str, Any]]:
        if features is None:
            raise ValueError("question answering reports need the evaluation features "
                             "(prepare_eval_features) the logits were computed on")
        return self.answer(frame, features, logits, null_threshold=threshold)
