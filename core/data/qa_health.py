"""What is wrong or surprising in question-answering data (the examples frame of
core.data.squad), before an hour of training, and a split that keeps each paragraph on one side.

`qa_findings` checks one part (answers that are not in the context, starts pointing elsewhere
or at -1, empty questions and contexts, repeated questions, questions with no valid answer, the
share without an answer, and with a tokenizer: windows per context and answers too long);
`leak_findings` finds the same context in train and in validation or test. Findings are
core.data.report's, their sentences from the catalogue (core/text/catalogue/qa.py).
`repair_answers` moves a start that points elsewhere to the only place its text occurs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from core.data.report import Finding
from core.errors import UserError
from core.text import Text, t

MAX_EXAMPLES = 5
DEFAULT_MAX_LENGTH = 384
DEFAULT_STRIDE = 128
DEFAULT_MAX_ANSWER_TOKENS = 30


@dataclass
class AnswerCheck:
    """Counts over the answers of a frame (an answer is one text with its start)."""
    answers: int = 0
    not_in_context: int = 0      # the text occurs nowhere in the context
    misplaced: int = 0           # the text is in the context, the start points elsewhere
    repairable: int = 0          # ...and the text occurs exactly once
    negative_start: int = 0      # answer_start of -1 (or below)
    no_valid_answer: int = 0     # questions with answers, none of them where it says
    unanswerable: int = 0        # questions without answers (SQuAD v2 is_impossible)
    questions: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, what: str, qid: str) -> None:
        found = self.examples.setdefault(what, [])
        if len(found) < MAX_EXAMPLES and qid not in found:
            found.append(qid)


def is_exact(context: str, text: str, start: int) -> bool:
    return bool(text) and start >= 0 and context[start:start + len(text)] == text


def check_answers(frame: pd.DataFrame) -> AnswerCheck:
    check = AnswerCheck(questions=len(frame))
    for qid, context, answers in zip(frame["id"], frame["context"], frame["answers"]):
        pairs = list(zip(answers["text"], answers["answer_start"]))
        if not pairs:
            check.unanswerable += 1
            continue
        valid = False
        for text, start in pairs:
            check.answers += 1
            valid |= _check_one(check, str(qid), context, text, start)
        if not valid:
            check.no_valid_answer += 1
            check.note("no_valid_answer", str(qid))
    return check


def _check_one(check: AnswerCheck, qid: str, context: str, text: str, start: int) -> bool:
    if start < 0:
        check.negative_start += 1
        check.note("negative_start", qid)
    if is_exact(context, text, start):
        return True
    occurrences = context.count(text) if text else 0
    if not occurrences:
        check.not_in_context += 1
        check.note("not_in_context", qid)
    elif start >= 0:
        check.misplaced += 1
        check.note("misplaced", qid)
    if occurrences == 1:
        check.repairable += 1
    return False


def repair_answers(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A copy of `frame` with each answer start that does not point at its text (-1 included)
    moved to the text's place, where the text occurs exactly once; and how many moved."""
    repaired, moved = [], 0
    for context, answers in zip(frame["context"], frame["answers"]):
        starts = []
        for text, start in zip(answers["text"], answers["answer_start"]):
            if not is_exact(context, text, start) and text and context.count(text) == 1:
                start, moved = context.find(text), moved + 1
            starts.append(start)
        repaired.append({"text": list(answers["text"]), "answer_start": starts})
    result = frame.copy()
    result["answers"] = repaired
    return result, moved


# ---- findings of one part ------------------------------------------------------------------

def qa_findings(frame: pd.DataFrame, source: str, tokenizer=None,
                max_length: int = DEFAULT_MAX_LENGTH, stride: int = DEFAULT_STRIDE,
                max_answer_tokens: int = DEFAULT_MAX_ANSWER_TOKENS) -> list[Finding]:
    """The findings of one part (train, validation or test) read from `source`."""
    check = check_answers(frame)
    findings = _answer_findings(check, source) + _empty_findings(frame, source)
    findings += _duplicate_findings(frame, source) + _located_findings(frame, source)
    findings += _unanswerable_findings(check, source)
    if tokenizer is not None:
        findings += token_findings(frame, source, tokenizer, max_length, stride,
                                   max_answer_tokens)
    return findings


def _finding(severity: str, code: str, count: int, examples: list[str], /,
             **params) -> Finding:
    """A finding whose sentences are qa.<code>.title / .message / .fix."""
    return Finding(severity, code, t(f"qa.{code}.title"),
                   t(f"qa.{code}.message", count=count, **params), t(f"qa.{code}.fix", **params),
                   count=count, examples=examples[:MAX_EXAMPLES])


def _ids(check: AnswerCheck, what: str) -> list[str]:
    return [t("qa.example.question", id=qid) for qid in check.examples.get(what, [])]


def _answer_findings(check: AnswerCheck, source: str) -> list[Finding]:
    findings = []
    if check.questions and check.no_valid_answer + check.unanswerable == check.questions \
            and check.no_valid_answer:
        findings.append(_finding("error", "no_answers", check.questions, [], source=source))
    if check.not_in_context:
        findings.append(_finding("warning", "not_in_context", check.not_in_context,
                                 _ids(check, "not_in_context"), source=source))
    if check.misplaced:
        findings.append(_finding("warning", "misplaced", check.misplaced,
                                 _ids(check, "misplaced"), source=source,
                                 repaired=Text("qa.misplaced.repaired",
                                               {"count": check.repairable})))
    if check.negative_start:
        findings.append(_finding("warning", "negative_start", check.negative_start,
                                 _ids(check, "negative_start"), source=source))
    if check.no_valid_answer:
        findings.append(_finding("warning", "no_valid_answer", check.no_valid_answer,
                                 _ids(check, "no_valid_answer"), source=source))
    return findings


def _empty_findings(frame: pd.DataFrame, source: str) -> list[Finding]:
    findings = []
    for column in ("question", "context"):
        empty = [str(qid) for qid, value in zip(frame["id"], frame[column]) if not value.strip()]
        if empty:
            findings.append(_finding("warning", f"empty_{column}", len(empty),
                                     [t("qa.example.question", id=q) for q in empty],
                                     source=source))
    return findings


def _duplicate_findings(frame: pd.DataFrame, source: str) -> list[Finding]:
    key = frame["context"] + "\x1f" + frame["question"].str.strip().str.lower()
    repeated = key.duplicated()
    if not repeated.any():
        return []
    ids = [t("qa.example.question", id=str(q)) for q in frame.loc[repeated, "id"]]
    return [_finding("warning", "duplicate_questions", int(repeated.sum()), ids, source=source)]


def _located_findings(frame: pd.DataFrame, source: str) -> list[Finding]:
    located = frame.attrs.get("located") or {}
    if not located.get("several"):
        return []
    ids = [t("qa.example.question", id=q) for q in located.get("examples", [])]
    return [_finding("info", "several_places", located["several"], ids, source=source)]


def _unanswerable_findings(check: AnswerCheck, source: str) -> list[Finding]:
    if not check.unanswerable:
        return []
    share = check.unanswerable / check.questions
    percent = t("common.format.percent", value=format(share, ".0%")[:-1])
    return [_finding("info", "unanswerable", check.unanswerable, [], source=source,
                     total=check.questions, share=percent)]


# ---- tokens --------------------------------------------------------------------------------

def windows_needed(context_tokens: int, question_tokens: int, max_length: int, stride: int,
                   special_tokens: int = 3) -> int:
    """How many windows of `max_length` tokens (question, context, special tokens) cover a
    context, each window starting `stride` tokens before the previous one ends, as
    transformers' run_qa.py cuts them (truncation="only_second")."""
    room = max_length - question_tokens - special_tokens
    if room <= stride or room <= 0:
        raise UserError(Text("qa.window_room.message", {"max_length": max_length,
                                                         "stride": stride}),
                        Text("qa.window_room.fix", {"max_length": max_length, "stride": stride}))
    if context_tokens <= room:
        return 1
    return 1 + math.ceil((context_tokens - room) / (room - stride))


def token_counts(texts: list[str], tokenizer) -> list[int]:
    """Tokens of each text without special tokens (a Hugging Face tokenizer)."""
    if not texts:
        return []
    return [len(ids) for ids in tokenizer(list(texts), add_special_tokens=False)["input_ids"]]


def window_stats(frame: pd.DataFrame, tokenizer, max_length: int = DEFAULT_MAX_LENGTH,
                 stride: int = DEFAULT_STRIDE) -> dict:
    """Windows per context: {"contexts", "longer" (contexts needing more than one window),
    "windows" (in all, one question per context), "most" (one context's most)}. A question
    longer than half a window counts as cut to what training keeps of it."""
    contexts = list(dict.fromkeys(frame["context"]))
    first_question = frame.drop_duplicates("context").set_index("context")["question"]
    context_tokens = token_counts(contexts, tokenizer)
    question_tokens = token_counts([first_question[c] for c in contexts], tokenizer)
    special = _special_tokens(tokenizer)
    # Training cuts a longer question to leave its context more room than the stride.
    budget = max(0, min((max_length - special) // 2, max_length - special - 1 - stride))
    windows = [windows_needed(c, min(q, budget), max_length, stride, special)
               for c, q in zip(context_tokens, question_tokens)]
    return {"contexts": len(contexts), "longer": sum(w > 1 for w in windows),
            "windows": sum(windows), "most": max(windows, default=0)}


def _special_tokens(tokenizer) -> int:
    count = getattr(tokenizer, "num_special_tokens_to_add", None)
    return int(count(pair=True)) if callable(count) else 3


def token_findings(frame: pd.DataFrame, source: str, tokenizer, max_length: int,
                   stride: int, max_answer_tokens: int) -> list[Finding]:
    findings = []
    stats = window_stats(frame, tokenizer, max_length, stride)
    if stats["longer"]:
        findings.append(_finding("info", "long_contexts", stats["longer"], [], source=source,
                                 max_length=max_length, stride=stride,
                                 windows=stats["windows"], most=stats["most"],
                                 total=stats["contexts"]))
    pairs = [(str(qid), text) for qid, answers in zip(frame["id"], frame["answers"])
             for text in answers["text"]]
    lengths = token_counts([text for _, text in pairs], tokenizer)
    long = [qid for (qid, _), n in zip(pairs, lengths) if n > max_answer_tokens]
    if long:
        findings.append(_finding(
            "warning", "long_answers", len(long),
            [t("qa.example.question", id=q) for q in dict.fromkeys(long)], source=source,
            limit=max_answer_tokens, longest=max(lengths)))
    return findings


# ---- between parts -------------------------------------------------------------------------

def leak_findings(parts: Mapping[str, pd.DataFrame]) -> list[Finding]:
    """The same context in train and in validation or test: those questions are answered from
    a paragraph the model has read, so their score says more than it should."""
    if "train" not in parts:
        return []
    seen = set(parts["train"]["context"])
    findings = []
    for name, frame in parts.items():
        if name == "train":
            continue
        shared = frame["context"].map(lambda c: c in seen)
        if shared.any():
            contexts = frame.loc[shared, "context"].nunique()
            ids = [t("qa.example.question", id=str(q)) for q in frame.loc[shared, "id"]]
            findings.append(_finding("warning", "context_leak", int(shared.sum()), ids,
                                     part=_part(name), total=len(frame),
                                     shared=Text("qa.context_leak.shared",
                                                 {"count": int(contexts)})))
    return findings


def _part(name: str) -> str:
    return t(f"health.part.{name}") if name in ("train", "validation", "test") else name


# ---- a split by paragraph ------------------------------------------------------------------

def split_by_context(frame: pd.DataFrame, fractions: Mapping[str, float],
                     seed: int = 0) -> dict[str, pd.DataFrame]:
    """Parts (e.g. {"train": 0.8, "validation": 0.1, "test": 0.1}) holding about those shares
    of the questions, every paragraph's questions in one part only; the same seed gives the
    same parts. Each part with a share gets at least one paragraph."""
    names = [n for n, share in fractions.items() if share > 0]
    total = sum(fractions[n] for n in names)
    if not names or any(share < 0 for share in fractions.values()) or total > 1 + 1e-9:
        raise UserError(Text("qa.split_fractions.message", {"count": len(fractions)}),
                        Text("qa.split_fractions.fix"))
    contexts = list(dict.fromkeys(frame["context"]))
    if len(contexts) < len(names):
        raise UserError(Text("qa.split_too_few.message", {"count": len(contexts),
                                                          "parts": len(names)}),
                        Text("qa.split_too_few.fix"))
    random.Random(seed).shuffle(contexts)
    sizes = frame.groupby("context", sort=False).size().to_dict()
    targets = {n: fractions[n] / total * len(frame) for n in names}
    filled = {n: 0 for n in names}
    assigned: dict[str, str] = {}
    for i, context in enumerate(contexts):
        # the first paragraphs go one to each part, then each to the part furthest short
        name = names[i] if i < len(names) else max(names, key=lambda n: targets[n] - filled[n])
        assigned[context] = name
        filled[name] += sizes[context]
    part_of = frame["context"].map(assigned)
    return {n: frame[part_of == n].reset_index(drop=True) for n in names}
