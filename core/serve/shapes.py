"""Requests and answers of the HTTP API in the Hugging Face Inference API's shapes.

A request is `{"inputs": ..., "parameters": {...}}`. What `inputs` may be depends on what the
model does (its mode, from the task):

- "classes" (text classification, pairs, multi-label): a text, `{"text", "text_pair"}`, or a
  list of those; parameters `top_k`, `function_to_apply`, `threshold`. The answer is one list
  of `{"label", "score"}` per input, best first (all labels unless `top_k`): what
  `transformers.pipeline("text-classification")` answers for a list of texts, and what
  `InferenceClient.text_classification` reads (it takes the first input's list).
- "entities": a text or a list of texts; parameters `aggregation_strategy` (none, simple,
  first, average, max; the exported model card's choice when absent) and `ignore_labels`.
  Answered as the token-classification pipeline answers: a list of entities for a text, a list
  of such lists for a list.
- "answers": `{"question", "context"}` or a list of them; parameter `top_k`. One
  `{"score", "start", "end", "answer"}` for one question and top_k 1, a list of them
  otherwise, as the question-answering pipeline answers.

Every refusal is a `RequestError`: an HTTP status (400 bad JSON, 413 too large, 422 a field
the server cannot use) and one catalogue sentence naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.text import t

CLASSES, ENTITIES, ANSWERS = "classes", "entities", "answers"
FUNCTIONS = ("softmax", "sigmoid", "none")
STRATEGIES = ("none", "simple", "first", "average", "max")
PARAMETERS = {CLASSES: ("top_k", "function_to_apply", "threshold"),
              ENTITIES: ("aggregation_strategy", "ignore_labels"),
              ANSWERS: ("top_k",)}
TOP_FIELDS = ("inputs", "parameters", "options")  # options: the Inference API's wait_for_model
MAX_TOP_K = 1000


def task_mode(kind: Any) -> str:
    """What a model of this task answers: classes, entities or answers."""
    if kind.shows_entities:
        return ENTITIES
    return ANSWERS if kind.answers_from_context else CLASSES


@dataclass(frozen=True)
class Limits:
    """What one request may hold."""
    max_body_bytes: int = 1_000_000
    max_text_chars: int = 20_000
    max_inputs: int = 64
    max_depth: int = 6


class RequestError(Exception):
    """A request the server refuses: its HTTP status, the field at fault and the sentence."""

    def __init__(self, status: int, key: str, field: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.field, self.params = status, key, field, params

    def body(self) -> dict[str, Any]:
        return {"error": t(f"serve.error.{self.key}", field=self.field, **self.params),
                "field": self.field}


@dataclass
class Parsed:
    """A request the server can answer: one item per input (a text, or a (text, pair) or
    (question, context) tuple), whether `inputs` was one input, and the checked parameters."""
    mode: str
    items: list[Any]
    single: bool
    params: dict[str, Any] = field(default_factory=dict)


def read_json(raw: bytes, limits: Limits) -> Any:
    """The body as JSON, refused when too large, not UTF-8, not JSON or nested too deep."""
    if len(raw) > limits.max_body_bytes:
        raise RequestError(413, "body_too_large", "body", size=len(raw),
                           limit=limits.max_body_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(400, "not_utf8", "body") from None
    if text.count("[") + text.count("{") > limits.max_depth \
            and _bracket_depth(text) > limits.max_depth:
        raise RequestError(422, "too_deep", "body", limit=limits.max_depth)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(400, "bad_json", "body", line=exc.lineno, column=exc.colno) from None


def _bracket_depth(text: str) -> int:
    """How deep JSON arrays and objects nest, counted before parsing (brackets inside strings
    are skipped), so a body of a million '[' never reaches the parser's recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_request(body: Any, mode: str, limits: Limits, labels: Sequence[str] = ()) -> Parsed:
    """The checked request, or a RequestError naming the first field the server cannot use."""
    if not isinstance(body, dict):
        raise RequestError(422, "not_object", "body")
    for name in body:
        if name not in TOP_FIELDS:
            raise RequestError(422, "unknown_field", str(name)[:100])
    if "inputs" not in body:
        raise RequestError(422, "missing_inputs", "inputs")
    items, single = _inputs(body["inputs"], mode, limits)
    return Parsed(mode, items, single, _parameters(body.get("parameters"), mode, labels))


def _inputs(inputs: Any, mode: str, limits: Limits) -> tuple[list[Any], bool]:
    if isinstance(inputs, list):
        if not inputs:
            raise RequestError(422, "empty_inputs", "inputs")
        if len(inputs) > limits.max_inputs:
            raise RequestError(413, "too_many_inputs", "inputs", count=len(inputs),
                               limit=limits.max_inputs)
        return [_one_input(v, f"inputs[{i}]", mode, limits) for i, v in enumerate(inputs)], False
    return [_one_input(inputs, "inputs", mode, limits)], True


def _one_input(value: Any, where: str, mode: str, limits: Limits) -> Any:
    if mode == ANSWERS:
        if not isinstance(value, dict):
            raise RequestError(422, "wrong_inputs.answers", where)
        return (_text(value, "question", where, limits), _text(value, "context", where, limits))
    if mode == CLASSES and isinstance(value, dict):
        pair = _text(value, "text_pair", where, limits) if "text_pair" in value else None
        return (_text(value, "text", where, limits), pair)
    if not isinstance(value, str):
        raise RequestError(422, f"wrong_inputs.{mode}", where)
    _check_length(value, where, limits)
    return (value, None) if mode == CLASSES else value


def _text(value: dict, key: str, where: str, limits: Limits) -> str:
    name = f"{where}.{key}"
    if key not in value:
        raise RequestError(422, "missing_key", name)
    if not isinstance(value[key], str):
        raise RequestError(422, "not_text", name)
    _check_length(value[key], name, limits)
    return value[key]


def _check_length(text: str, where: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise RequestError(413, "text_too_long", where, count=len(text),
                           limit=limits.max_text_chars)


def _parameters(raw: Any, mode: str, labels: Sequence[str]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RequestError(422, "parameters_not_object", "parameters")
    allowed = PARAMETERS[mode]
    checked: dict[str, Any] = {}
    for name, value in raw.items():
        where = f"parameters.{str(name)[:100]}"
        if name not in allowed:
            raise RequestError(422, "unknown_parameter", where, names=", ".join(allowed))
        if value is not None:
            checked[name] = _parameter(name, value, where, labels)
    return checked


def _parameter(name: str, value: Any, where: str, labels: Sequence[str]) -> Any:
    if name == "top_k":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TOP_K:
            raise RequestError(422, "bad_integer", where, low=1, high=MAX_TOP_K)
        return value
    if name == "threshold":
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not 0.0 <= value <= 1.0:
            raise RequestError(422, "bad_number", where, low=0, high=1)
        return float(value)
    if name == "ignore_labels":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RequestError(422, "bad_labels", where)
        return value
    choices = FUNCTIONS if name == "function_to_apply" else STRATEGIES
    if not isinstance(value, str) or value.lower() not in choices:
        raise RequestError(422, "bad_choice", where, choices=", ".join(choices))
    return value.lower()


# answers -------------------------------------------------------------------------------------

def _softmax(values: np.ndarray) -> np.ndarray:
    shifted = np.exp(values - np.max(values, axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def class_scores(logits: np.ndarray, labels: Sequence[str], params: dict[str, Any],
                 multi_label: bool) -> list[dict[str, Any]]:
    """One input's labels with scores, best first, as the text-classification pipeline gives
    them with `top_k` (its default function: sigmoid for multi-label or one label, else
    softmax); with `threshold`, only the labels that reach it."""
    outputs = np.asarray(logits, dtype=np.float32)
    default = "sigmoid" if multi_label or len(labels) == 1 else "softmax"
    function = params.get("function_to_apply", default)
    if function == "sigmoid":
        scores = 1.0 / (1.0 + np.exp(-outputs))
    elif function == "softmax":
        scores = _softmax(outputs)
    else:
        scores = outputs
    ranked = sorted(({"label": labels[i], "score": score.item()} for i, score in enumerate(scores)),
                    key=lambda x: x["score"], reverse=True)
    ranked = ranked[:params.get("top_k", len(ranked))]
    if "threshold" in params:
        ranked = [r for r in ranked if r["score"] >= params["threshold"]]
    return ranked


def answers_shape(results: list[dict[str, Any]], single: bool, top_k: int) -> Any:
    """Predictor.answer's results as the question-answering pipeline answers: a dict for one
    question and top_k 1, else a list (of dicts, or of lists for several questions)."""
    shaped = [_answer_list(result, top_k) for result in results]
    if top_k == 1:
        shaped = [answers[0] for answers in shaped]
    return shaped[0] if single else shaped


def _answer_list(result: dict[str, Any], top_k: int) -> list[dict[str, Any]]:
    def one(text: str, start: int, end: int, score: float) -> dict[str, Any]:
        if start < 0:  # no answer: the pipeline's impossible answer
            start = end = 0
        return {"score": float(score), "start": int(start), "end": int(end), "answer": text}

    best = one(result["text"], result["start"], result["end"], result["score"])
    others = [one(a["text"], a["start"], a["end"], a["score"])
              for a in result.get("alternatives", [])
              if (a["start"], a["end"]) != (best["start"], best["end"])]
    return [best, *others][:top_k]


def shaped_classes(rows: list[np.ndarray], parsed: Parsed, labels: Sequence[str],
                   multi_label: bool) -> list[list[dict[str, Any]]]:
    """The classification answer: one ranked list per input, a single input included."""
    return [class_scores(row, labels, parsed.params, multi_label) for row in rows]


# entities: the token-classification pipeline's post-processing, on the server's logits -------

@dataclass
class Tokens:
    """One text's tokens as the model saw them: logits (tokens x labels), ids, character
    offsets and which tokens are special ([CLS], [SEP])."""
    text: str
    logits: np.ndarray
    input_ids: Sequence[int]
    offsets: Sequence[Sequence[int]]
    special: Sequence[int]


def entities_answer(tokens: Tokens, tokenizer: Any, labels: Sequence[str],
                    strategy: str, ignore_labels: Sequence[str] = ("O",)) -> list[dict[str, Any]]:
    """The entities of one text exactly as `pipeline("token-classification",
    aggregation_strategy=strategy)` gives them (scores as plain floats)."""
    scores = _softmax(np.asarray(tokens.logits, dtype=np.float32))
    pre = _pre_entities(tokens, scores, tokenizer)
    if strategy in ("none", "simple"):
        found = [{"entity": labels[int(p["scores"].argmax())],
                  "score": p["scores"][int(p["scores"].argmax())], "index": p["index"],
                  "word": p["word"], "start": p["start"], "end": p["end"]} for p in pre]
    else:
        found = _words(pre, strategy, tokenizer, labels)
    if strategy != "none":
        found = _groups(found, tokenizer)
    kept = [e for e in found if e.get("entity") not in ignore_labels
            and e.get("entity_group") not in ignore_labels]
    return [{**e, "score": float(e["score"])} for e in kept]


def _pre_entities(tokens: Tokens, scores: np.ndarray, tokenizer: Any) -> list[dict[str, Any]]:
    model = getattr(getattr(tokenizer, "_tokenizer", None), "model", None)
    word_aware = bool(getattr(model, "continuing_subword_prefix", None))
    pre = []
    for index, token_scores in enumerate(scores):
        if tokens.special[index]:
            continue
        token_id = int(tokens.input_ids[index])
        word = tokenizer.convert_ids_to_tokens(token_id)
        start, end = int(tokens.offsets[index][0]), int(tokens.offsets[index][1])
        reference = tokens.text[start:end]
        if word_aware:
            subword = len(word) != len(reference)
        else:
            subword = start > 0 and " " not in tokens.text[start - 1:start + 1]
        if token_id == tokenizer.unk_token_id:
            word, subword = reference, False
        pre.append({"word": word, "scores": token_scores, "start": start, "end": end,
                    "index": index, "is_subword": subword})
    return pre


def _words(pre: list[dict[str, Any]], strategy: str, tokenizer: Any,
           labels: Sequence[str]) -> list[dict[str, Any]]:
    """Sub-tokens joined into words, each word labelled by its first, most sure or average
    sub-token (the pipeline's first, max and average)."""
    groups: list[list[dict[str, Any]]] = []
    for entity in pre:
        if groups and entity["is_subword"]:
            groups[-1].append(entity)
        else:
            groups.append([entity])
    words = []
    for group in groups:
        if strategy == "first":
            scores = group[0]["scores"]
        elif strategy == "max":
            scores = max(group, key=lambda e: e["scores"].max())["scores"]
        else:
            scores = np.nanmean(np.stack([e["scores"] for e in group]), axis=0)
        best = int(scores.argmax())
        words.append({"entity": labels[best], "score": scores[best],
                      "word": tokenizer.convert_tokens_to_string([e["word"] for e in group]),
                      "start": group[0]["start"], "end": group[-1]["end"]})
    return words


def _tag(name: str) -> tuple[str, str]:
    if name.startswith(("B-", "I-")):
        return name[0], name[2:]
    return "I", name


def _groups(entities: list[dict[str, Any]], tokenizer: Any) -> list[dict[str, Any]]:
    """Adjacent tokens or words of the same entity type in one group (a B- starts a new one)."""
    runs: list[list[dict[str, Any]]] = []
    for entity in entities:
        bi, tag = _tag(entity["entity"])
        if runs and tag == _tag(runs[-1][-1]["entity"])[1] and bi != "B":
            runs[-1].append(entity)
        else:
            runs.append([entity])
    return [{"entity_group": run[0]["entity"].split("-", 1)[-1],
             "score": np.mean(np.nanmean([e["score"] for e in run])),
             "word": tokenizer.convert_tokens_to_string([e["word"] for e in run]),
             "start": run[0]["start"], "end": run[-1]["end"]} for run in runs]
