"""Question answering features and answers: windows over the context, answer tokens, offsets
back to characters, and the n-best span search with the built-in model's real tokenizer."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from core.data.squad import read_qa_json
from core.models.loading import load_tokenizer
from core.scoring import significance
from core.tasks import TASK_CLASSES, get_task
from core.tasks.protocol import PROTOCOL_MEMBERS
from core.tasks.question_answering import (
    NO_POSITION,
    QuestionAnswering,
    answer_tokens,
    best_null_threshold,
    default_stride,
    postprocess,
    prepare_eval_features,
    prepare_train_features,
    split_logits,
)

LONG = ("The Eiffel Tower stands on the Champ de Mars in Paris. It was designed by the company "
        "of Gustave Eiffel and finished in 1889 for the World's Fair. At first many artists "
        "criticised its design, but it became a symbol of France and one of the most visited "
        "monuments in the world.")


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer("default")


@pytest.fixture(scope="module")
def left_tokenizer():
    tokenizer = load_tokenizer("default")
    tokenizer.padding_side = "left"
    return tokenizer


def frame_of(*rows: tuple[str, str, list[str], list[int]]) -> pd.DataFrame:
    return pd.DataFrame({
        "id": [f"q{i}" for i in range(len(rows))], "title": [""] * len(rows),
        "context": [row[0] for row in rows], "question": [row[1] for row in rows],
        "answers": [{"text": row[2], "answer_start": row[3]} for row in rows]})


def answered(context: str, question: str, answer: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = context.index(answer, start + 1)
    return context, question, [answer], [start]


def context_tokens(features, i: int) -> list[tuple[int, list[int]]]:
    """(token index, [start, end]) of the context tokens of window i."""
    return [(k, o) for k, o in enumerate(features[i]["offset_mapping"]) if o is not None]


def labeled_spans(frame, tokenizer, max_length, stride) -> list[tuple[int, str]]:
    """(window, text) of each window labeled with an answer, decoded through its offsets."""
    train = prepare_train_features(frame, tokenizer, max_length, stride)
    evaluation = prepare_eval_features(frame, tokenizer, max_length, stride)
    assert train["input_ids"] == evaluation["input_ids"]
    contexts = dict(zip(frame["id"], frame["context"]))
    spans = []
    for i, (start, end) in enumerate(zip(train["start_positions"], train["end_positions"])):
        if (start, end) == (0, 0):
            continue
        offsets = evaluation[i]["offset_mapping"]
        assert offsets[start] is not None and offsets[end] is not None and start <= end
        context = contexts[evaluation[i]["example_id"]]
        spans.append((i, context[offsets[start][0]:offsets[end][1]]))
    return spans


# --- training features ---------------------------------------------------------------------

def test_a_long_context_is_cut_into_overlapping_windows(tokenizer):
    frame = frame_of(answered(LONG, "When was it finished?", "1889"))
    features = prepare_eval_features(frame, tokenizer, max_length=32, stride=8)
    assert len(features) > 3 and set(features["example_id"]) == {"q0"}
    assert all(len(ids) <= 32 for ids in features["input_ids"])
    first, second = context_tokens(features, 0), context_tokens(features, 1)
    # the last 8 context tokens of a window open the next one
    assert [o for _, o in first[-8:]] == [o for _, o in second[:8]]
    # the question comes first and has no offsets; the special tokens neither
    row = features[0]
    assert row["offset_mapping"][0] is None and row["offset_mapping"][-1] is None
    assert tokenizer.decode(row["input_ids"][1:6]).startswith("when was it finished")


def test_an_answer_at_a_windows_last_and_first_token_is_labeled(tokenizer):
    probe = prepare_eval_features(frame_of((LONG, "Where?", [], [])), tokenizer, 32, 8)
    last_index, (start, end) = context_tokens(probe, 0)[-1]
    frame = frame_of((LONG, "Where?", [LONG[start:end]], [start]))
    train = prepare_train_features(frame, tokenizer, 32, 8)
    assert (train[0]["start_positions"], train[0]["end_positions"]) == (last_index, last_index)
    # the next window shares that token (stride) and holds it too, near its start
    shared = [k for k, o in context_tokens(probe, 1) if o == [start, end]]
    assert (train[1]["start_positions"], train[1]["end_positions"]) == (shared[0], shared[0])
    first_index, (start, end) = context_tokens(probe, 0)[0]
    frame = frame_of((LONG, "Where?", [LONG[start:end]], [start]))
    train = prepare_train_features(frame, tokenizer, 32, 8)
    assert (train[0]["start_positions"], train[0]["end_positions"]) == (first_index, first_index)
    assert (train[1]["start_positions"], train[1]["end_positions"]) == (0, 0)


def test_an_answer_across_two_windows_is_labeled_only_where_it_is_whole(tokenizer):
    probe = prepare_eval_features(frame_of((LONG, "Where?", [], [])), tokenizer, 32, 8)
    window0 = context_tokens(probe, 0)
    window1 = context_tokens(probe, 1)
    # from two tokens before window 0 ends to two tokens after it: inside window 1 only
    start_char = window0[-2][1][0]
    after = [o for _, o in window1 if o[0] > window0[-1][1][1]]
    end_char = after[1][1]
    answer = LONG[start_char:end_char]
    frame = frame_of((LONG, "Where?", [answer], [start_char]))
    train = prepare_train_features(frame, tokenizer, 32, 8)
    assert (train[0]["start_positions"], train[0]["end_positions"]) == (0, 0)
    spans = labeled_spans(frame, tokenizer, 32, 8)
    assert spans == [(1, answer)]


@pytest.mark.parametrize(("context", "answer"), [
    ("Le café de Zoë à Montréal coûte trois euros.", "Montréal"),
    ("Le café de Zoë à Montréal coûte trois euros.", "Zoë"),
    ("Le café de Zoë à Montréal coûte trois euros.", "café de Zoë"),
    ("She wrote 😀 then 🎉🎉 and left for Zürich at noon.", "Zürich"),
    ("She wrote 😀 then 🎉🎉 and left for Zürich at noon.", "😀"),
    ("She wrote 😀 then 🎉🎉 and left for Zürich at noon.", "😀 then"),
    ("北京大学位于北京市海淀区，创建于1898年。", "海淀区"),
    ("北京大学位于北京市海淀区，创建于1898年。", "1898"),
    ("東京は日本の首都です。人口は約千四百万人です。", "日本の首都"),
])
def test_offsets_give_back_the_exact_answer_in_accented_emoji_and_cjk_text(
        tokenizer, context, answer):
    frame = frame_of(answered(context, "What is it?", answer))
    assert [text for _, text in labeled_spans(frame, tokenizer, 64, 16)] == [answer]


def test_an_unanswerable_question_labels_every_window_with_cls(tokenizer):
    frame = frame_of((LONG, "Who painted it?", [], []))
    train = prepare_train_features(frame, tokenizer, 32, 8)
    assert len(train) > 3
    assert set(train["start_positions"]) == {0} and set(train["end_positions"]) == {0}
    assert tokenizer.cls_token_id == train[0]["input_ids"][0]


def test_the_first_of_several_answers_is_trained_on(tokenizer):
    context = "Red apples and green apples grow here."
    frame = frame_of((context, "Which?", ["green apples", "apples"],
                      [context.index("green"), 4]))
    assert [text for _, text in labeled_spans(frame, tokenizer, 64, 16)] == ["green apples"]


def test_a_tokenizer_that_pads_left_takes_the_context_first(left_tokenizer):
    frame = frame_of(answered(LONG, "When was it finished?", "1889"))
    features = prepare_eval_features(frame, left_tokenizer, 32, 8)
    assert features[0]["offset_mapping"][1] is not None  # context right after [CLS]
    assert [text for _, text in labeled_spans(frame, left_tokenizer, 32, 8)] == ["1889"]


def test_windows_are_padded_to_max_length_only_when_asked(tokenizer):
    frame = frame_of(answered("A short context.", "What?", "short"))
    assert len(prepare_train_features(frame, tokenizer, 64, 16)[0]["input_ids"]) < 64
    padded = prepare_train_features(frame, tokenizer, 64, 16, pad=True)
    assert len(padded[0]["input_ids"]) == 64 and padded[0]["attention_mask"][-1] == 0
    evaluation = prepare_eval_features(frame, tokenizer, 64, 16, pad=True)
    assert evaluation[0]["offset_mapping"][-1] is None


def test_a_question_longer_than_the_window_is_cut_to_leave_room_for_the_context(tokenizer):
    question = "What " + "really " * 80 + "happened?"
    frame = frame_of(answered(LONG, question, "1889"))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    assert all(len(ids) <= 64 for ids in features["input_ids"])
    assert all(context_tokens(features, i) for i in range(len(features)))
    assert "1889" in [text for _, text in labeled_spans(frame, tokenizer, 64, 16)]
    with pytest.raises(ValueError, match="stride"):
        prepare_eval_features(frame, tokenizer, 16, 16)


def test_round_trip_of_every_answerable_example(tokenizer):
    rows = [answered(LONG, "Where is it?", "Champ de Mars"),
            answered(LONG, "Who designed it?", "Gustave Eiffel"),
            answered(LONG, "When?", "1889"),
            answered(LONG, "What did it become?", "a symbol of France"),
            answered(LONG, "Last word?", "world."),
            answered(LONG, "First words?", "The Eiffel Tower"),
            answered(LONG, "Which fair?", "World's Fair"),
            answered("Le café de Zoë à Montréal.", "Où?", "Montréal"),
            answered("北京大学位于北京市海淀区。", "在哪里？", "北京市海淀区"),
            answered("Emoji 😀 here and 🎉 there.", "Which?", "🎉 there"),
            answered(LONG, "Again?", "Eiffel", occurrence=1)]
    frame = frame_of(*rows, (LONG, "Unanswerable?", [], []))
    for max_length, stride in ((24, 6), (48, 12), (384, 128)):
        spans = labeled_spans(frame, tokenizer, max_length, stride)
        evaluation = prepare_eval_features(frame, tokenizer, max_length, stride)
        by_example = {}
        for window, text in spans:
            by_example.setdefault(evaluation[window]["example_id"], set()).add(text)
        assert by_example == {f"q{i}": {row[2][0]} for i, row in enumerate(rows)}


def test_an_answer_inside_a_word_decodes_to_the_whole_sub_word(tokenizer):
    context = "They kept on running all day."
    frame = frame_of((context, "What?", ["unn"], [context.index("unn")]))
    [(_, text)] = labeled_spans(frame, tokenizer, 64, 16)
    assert "unn" in text and text.strip() in context


def test_answer_tokens_of_a_window_without_context_is_cls():
    answers = {"text": ["x"], "answer_start": [0]}
    assert answer_tokens([(0, 0), (0, 1), (0, 0)], [None, 0, None], 1, answers, 0) == (0, 0)


# --- answers from logits -------------------------------------------------------------------

def logits_for(features, spans: dict[int, tuple[int, int, float]], width: int | None = None):
    """Start and end logits of zero with a bump (`value`) at each window's (start, end)."""
    width = width or max(len(ids) for ids in features["input_ids"])
    starts = np.full((len(features), width), -100.0)
    ends = np.full((len(features), width), -100.0)
    for i, ids in enumerate(features["input_ids"]):
        starts[i, :len(ids)] = 0.0
        ends[i, :len(ids)] = 0.0
    for i, (start, end, value) in spans.items():
        starts[i, start] += value
        ends[i, end] += value
    return starts, ends


def token_of(features, window: int, text: str, context: str, last: bool = False) -> int:
    """The window's token that starts `text` (or, `last`, ends it)."""
    start = context.index(text)
    if last:
        return next(k for k, o in context_tokens(features, window) if o[1] == start + len(text))
    return next(k for k, o in context_tokens(features, window) if o[0] == start)


def test_postprocess_picks_the_best_span_across_windows(tokenizer):
    frame = frame_of((LONG, "Who?", [], []))
    features = prepare_eval_features(frame, tokenizer, 32, 8)
    last = len(features) - 1
    s = token_of(features, last, "most visited", LONG)
    weak_s = token_of(features, 0, "Eiffel", LONG)
    starts, ends = logits_for(features, {0: (weak_s, weak_s, 3.0), last: (s, s + 1, 5.0)},
                              width=40)  # rows padded past the windows, as the trainer does
    answer = postprocess(frame, features, starts, ends)["q0"]
    assert answer["text"] == "most visited" and not answer["no_answer"]
    assert LONG[answer["start"]:answer["end"]] == "most visited"
    assert answer["score"] == pytest.approx(10.0) and 0 < answer["probability"] <= 1


def test_postprocess_skips_reversed_spans_and_question_tokens(tokenizer):
    frame = frame_of((LONG[:120], "Who designed the tower?", [], []))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    context = LONG[:120]
    s = token_of(features, 0, "Gustave", context)
    e = token_of(features, 0, "Gustave Eiffel", context, last=True)
    starts, ends = logits_for(features, {0: (s, e, 2.0)})
    starts[0, e + 2] += 3.0  # the best start lies after the best end
    starts[0, 2] += 20.0  # a question token
    ends[0, 3] += 20.0
    answer = postprocess(frame, features, starts, ends)["q0"]
    assert answer["text"] == "Gustave Eiffel"


def test_postprocess_respects_max_answer_length(tokenizer):
    context = "Alpha beta gamma delta epsilon zeta eta theta."
    frame = frame_of((context, "Which?", [], []))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    s = token_of(features, 0, "beta", context)
    e = token_of(features, 0, "zeta", context)
    g = token_of(features, 0, "theta", context)
    starts, ends = logits_for(features, {0: (s, e, 5.0)})
    ends[0, g] += 3.0
    long_answer = postprocess(frame, features, starts, ends)["q0"]
    assert long_answer["text"] == "beta gamma delta epsilon zeta"
    short = postprocess(frame, features, starts, ends, max_answer_length=3)["q0"]
    assert short["text"] != long_answer["text"]
    assert len(tokenizer.tokenize(short["text"])) <= 3 and short["text"] in context


def test_the_null_threshold_says_no_answer_when_cls_beats_the_span(tokenizer):
    context = "The meeting is on Monday in Berlin."
    frame = frame_of((context, "When?", [], []))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    s = token_of(features, 0, "Monday", context)
    starts, ends = logits_for(features, {0: (s, s, 3.0)})
    starts[0, 0] += 4.0
    ends[0, 0] += 4.0  # null score 8 against a span of 6
    assert postprocess(frame, features, starts, ends)["q0"]["text"] == "Monday"
    none = postprocess(frame, features, starts, ends, null_threshold=0.0)["q0"]
    assert none["no_answer"] and none["text"] == ""
    assert (none["start"], none["end"]) == (NO_POSITION, NO_POSITION)
    assert none["score"] == pytest.approx(8.0)
    assert postprocess(frame, features, starts, ends, null_threshold=2.5)["q0"]["text"] \
        == "Monday"
    assert not postprocess(frame, features, starts, ends, null_threshold=1.5)["q0"]["text"]


def test_the_null_score_is_the_lowest_over_the_windows(tokenizer):
    frame = frame_of((LONG, "What?", [], []))
    features = prepare_eval_features(frame, tokenizer, 32, 8)
    window = next(i for i in range(len(features))
                  if any(LONG[o[0]:o[1]] == "Gustave" for _, o in context_tokens(features, i)))
    s = token_of(features, window, "Gustave", LONG)
    starts, ends = logits_for(features, {window: (s, s, 3.0)})
    starts[:, 0] += 5.0  # every window's null is 5, except the last one's: 1
    starts[len(features) - 1, 0] -= 4.0
    answer = postprocess(frame, features, starts, ends, null_threshold=0.0)["q0"]
    assert answer["text"] == "Gustave" and not answer["no_answer"]


def test_several_questions_each_get_their_own_windows(tokenizer):
    frame = frame_of(answered(LONG, "When?", "1889"),
                     answered("Le café de Zoë à Montréal.", "Où?", "Montréal"))
    features = prepare_eval_features(frame, tokenizer, 32, 8)
    spans = {}
    for i, example_id in enumerate(features["example_id"]):
        context = dict(zip(frame["id"], frame["context"]))[example_id]
        word = "1889" if example_id == "q0" else "Montréal"
        hits = [k for k, o in context_tokens(features, i) if context[o[0]:o[1]] == word]
        if hits:
            spans[i] = (hits[0], hits[0], 6.0)
    starts, ends = logits_for(features, spans)
    answers = postprocess(frame, features, starts, ends)
    assert {k: v["text"] for k, v in answers.items()} == {"q0": "1889", "q1": "Montréal"}


def test_a_context_of_fifty_thousand_characters_goes_through(tokenizer):
    sentences = [f"Sentence number {i} talks about café, 北京 and 😀 item {i * 7}."
                 for i in range(1200)]
    context = " ".join(sentences)[:50_000]
    assert len(context) == 50_000
    frame = frame_of((context, "What does sentence 600 talk about?", [], []))
    features = prepare_eval_features(frame, tokenizer, 384, 128)
    assert len(features) > 20 and all(len(ids) <= 384 for ids in features["input_ids"])
    rng = np.random.default_rng(0)
    width = max(len(ids) for ids in features["input_ids"])
    starts = rng.normal(size=(len(features), width))
    ends = rng.normal(size=(len(features), width))
    answer = postprocess(frame, features, starts, ends, max_answer_length=30)["q0"]
    assert answer["text"] and context[answer["start"]:answer["end"]] == answer["text"]
    train = prepare_train_features(frame, tokenizer, 384, 128)
    assert len(train) == len(features)


# --- the task's protocol -------------------------------------------------------------------

def test_the_task_answers_every_protocol_member():
    task = QuestionAnswering.with_labels([])
    missing = [name for name in PROTOCOL_MEMBERS if not hasattr(task, name)]
    assert not missing
    assert (task.name, task.key, task.unit, task.reader, task.answers) == (
        "question-answering", "question_answering", "question", "squad", "answers")
    assert (task.pipeline_task, task.pipeline_kwargs, task.peft_task_type) == (
        "question-answering", {}, "QUESTION_ANS")
    assert (task.baseline_name, task.export_format, task.export_suffix) == (
        "overlap", "json", ".json")
    assert task.output_columns == ("answer", "answer_start", "score")
    assert not task.shows_entities and not task.supports_cleaning
    assert task.health_checks == ("answers",)
    for multi_label in (False, True):
        assert task.kind_of(multi_label) == "qa"
        assert task.primary_metric(multi_label) == task.headline_metric(multi_label) == "f1"
        assert not task.stratify(multi_label) and not task.supports_few_shot(multi_label)
    assert task.kind == "qa" and task.best_metric == "f1" and task.model_kwargs() == {}
    assert task.model_class().__name__ == "AutoModelForQuestionAnswering"
    assert task.class_weights(None, "auto") is None and task.prior_logits(None) is None
    assert task.loss_function(None) is None


def test_calibration_says_question_answering_is_not_calibrated():
    with pytest.raises(ValueError, match="not calibrated"):
        QuestionAnswering.with_labels([]).calibration_outputs(None, None)


def test_the_task_is_registered_by_its_name():
    assert TASK_CLASSES["question-answering"] is QuestionAnswering
    assert get_task("question-answering", []).calibrated is False


def test_encode_gives_windows_with_lengths(tokenizer):
    task = QuestionAnswering.with_labels([])
    frame = frame_of(answered(LONG, "When?", "1889"))
    train = task.encode(frame, tokenizer, 32)
    assert {"start_positions", "end_positions", "length"} <= set(train.column_names)
    assert train["length"] == [len(ids) for ids in train["input_ids"]]
    evaluation = task.encode(frame, tokenizer, 32, with_targets=False)
    assert {"example_id", "offset_mapping", "length"} <= set(evaluation.column_names)
    assert default_stride(32) == 8 and default_stride(384) == 96 and default_stride(4096) == 128
    batch = task.collator(tokenizer)([{k: train[i][k] for k in ("input_ids", "attention_mask",
                                                                 "start_positions")}
                                      for i in range(2)])
    assert batch["input_ids"].shape[0] == 2


def test_tokenize_inputs_pairs_questions_with_contexts(tokenizer):
    frame = frame_of(answered(LONG, "When?", "1889"))
    encoded, is_pair = QuestionAnswering.tokenize_inputs(frame, tokenizer, 40, 10)
    assert is_pair
    assert tokenizer.decode(encoded["input_ids"][0]).count("[SEP]") == 2
    assert QuestionAnswering.answer_names(frame) == set()
    assert QuestionAnswering.label_list(set()) == []


# --- reports and scores --------------------------------------------------------------------

MEETING = "The meeting is on Monday in Berlin."
TOWER = LONG[:120]


def window_of(features, example_id: str) -> int:
    return list(features["example_id"]).index(example_id)


def two_questions(tokenizer):
    """q0 answered "Monday" (right), q1 answered "company of Gustave Eiffel" against the gold
    "Gustave Eiffel": EM 0, F1 2/3 (precision 2/4, recall 2/2)."""
    frame = frame_of(answered(MEETING, "When is the meeting?", "Monday"),
                     answered(TOWER, "Who designed the tower?", "Gustave Eiffel"))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    w0, w1 = window_of(features, "q0"), window_of(features, "q1")
    s0 = token_of(features, w0, "Monday", MEETING)
    s1 = token_of(features, w1, "company of Gustave Eiffel", TOWER)
    e1 = token_of(features, w1, "company of Gustave Eiffel", TOWER, last=True)
    return frame, features, logits_for(features, {w0: (s0, s0, 4.0), w1: (s1, e1, 4.0)})


def test_the_report_scores_hand_made_answers(tokenizer):
    frame, features, logits = two_questions(tokenizer)
    report, records = QuestionAnswering.with_labels([]).report(frame, logits, features=features)
    assert report["exact_match"] == pytest.approx(0.5)
    assert report["f1"] == pytest.approx((1 + 2 / 3) / 2)
    assert report["n"] == 2
    assert "has_answer" not in report and "null_threshold" not in report
    assert report["question_types"] == {
        "when": {"exact_match": 1.0, "f1": 1.0, "n": 1},
        "who": {"exact_match": 0.0, "f1": pytest.approx(2 / 3), "n": 1}}
    first, second = records
    assert (first["id"], first["predicted"], first["gold"], first["start"]) == (
        "q0", "Monday", ["Monday"], MEETING.index("Monday"))
    assert first["question"] == "When is the meeting?" and first["question_type"] == "when"
    assert first["context"] == MEETING and first["context_start"] == 0
    assert first["score"] == pytest.approx(8.0) and not first["no_answer"]
    assert second["predicted"] == "company of Gustave Eiffel"
    assert (second["exact_match"], second["f1"]) == (0.0, pytest.approx(2 / 3))


def test_logits_as_one_stacked_array_give_the_same_report(tokenizer):
    frame, features, (starts, ends) = two_questions(tokenizer)
    task = QuestionAnswering.with_labels([])
    stacked = np.stack([starts, ends], axis=-1)
    assert task.report(frame, stacked, features=features)[0] == \
        task.report(frame, [starts, ends], features=features)[0]
    assert split_logits(stacked)[1].tolist() == ends.tolist()
    with pytest.raises(ValueError, match="pair"):
        split_logits(starts)
    with pytest.raises(ValueError, match="features"):
        task.report(frame, (starts, ends))


def test_a_record_of_a_long_context_keeps_an_excerpt_around_the_answer(tokenizer):
    context = "Filler words here. " * 40 + "The answer is 42 exactly."
    frame = frame_of(answered(context, "What is the answer?", "42"))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    window = next(i for i in range(len(features))
                  if any(context[o[0]:o[1]] == "42" for _, o in context_tokens(features, i)))
    s = token_of(features, window, "42", context)
    logits = logits_for(features, {window: (s, s, 5.0)})
    record = QuestionAnswering.with_labels([]).report(frame, logits, features=features)[1][0]
    assert record["predicted"] == "42" and len(record["context"]) < len(context)
    start = record["start"] - record["context_start"]
    assert record["context"][start:start + 2] == "42"


def unanswerable_frame(tokenizer):
    """Differences null - span of 1 (q0, right answer), 3 (q1, no gold: any answer is wrong)
    and 5 (q2, right answer): answering q0 only is best, at threshold 1 (F1 2/3)."""
    shop = "The shop sells bread and milk."
    door = "Anna painted the red door in May."
    frame = frame_of(answered(MEETING, "When is the meeting?", "Monday"),
                     (shop, "Who owns the shop?", [], []),
                     answered(door, "What did Anna paint?", "red door"))
    features = prepare_eval_features(frame, tokenizer, 64, 16)
    spans = {}
    for qid, context, text in (("q0", MEETING, "Monday"), ("q1", shop, "bread"),
                               ("q2", door, "red door")):
        w = window_of(features, qid)
        spans[w] = (token_of(features, w, text, context),
                    token_of(features, w, text, context, last=True), 3.0)
    starts, ends = logits_for(features, spans)
    for qid, null in (("q0", 7.0), ("q1", 9.0), ("q2", 11.0)):
        starts[window_of(features, qid), 0] += null
    return frame, features, (starts, ends)


def test_validation_tunes_the_null_threshold_to_the_best_f1(tokenizer):
    frame, features, logits = unanswerable_frame(tokenizer)
    task = QuestionAnswering.with_labels([])
    plain = postprocess(frame, features, *logits)
    assert [plain[q]["null_score"] - plain[q]["score"] for q in ("q0", "q1", "q2")] == \
        pytest.approx([1.0, 3.0, 5.0])
    before, _ = task.report(frame, logits, features=features)
    assert before["null_threshold"] == 0.0 and before["f1"] == pytest.approx(1 / 3)
    by_threshold = {}
    for threshold in (-10.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 10.0):
        task.null_threshold = threshold
        by_threshold[threshold] = task.report(frame, logits, features=features)[0]["f1"]
    task.null_threshold = None
    report, records = task.split_report(frame, logits, None, "validation", features=features)
    assert task.null_threshold == report["best_f1_threshold"] == report["null_threshold"] == 1.0
    assert report["f1"] == pytest.approx(max(by_threshold.values())) == pytest.approx(2 / 3)
    assert [r["no_answer"] for r in records] == [False, True, True]
    assert report["has_answer"] == {"exact_match": 0.5, "f1": 0.5, "n": 2}
    assert report["no_answer"] == {"exact_match": 1.0, "f1": 1.0, "n": 1}
    test_report, _ = task.split_report(frame, logits, None, "test", features=features)
    assert test_report["null_threshold"] == 1.0 and "best_f1_threshold" not in test_report


def test_the_best_threshold_answers_nothing_when_every_answer_is_wrong():
    frame = frame_of(("Some text.", "What?", [], []), ("More text.", "Why?", [], []))
    answers = {"q0": {"text": "Some", "score": 5.0, "null_score": 4.0, "no_answer": False},
               "q1": {"text": "", "score": 0.0, "null_score": 0.0, "no_answer": True}}
    assert best_null_threshold(frame, answers) < -1.0
    assert best_null_threshold(frame, {}) == 0.0


def test_record_counts_give_back_the_reports_scores(tokenizer):
    frame, features, logits = unanswerable_frame(tokenizer)
    task = QuestionAnswering.with_labels([])
    task.null_threshold = 3.0
    report, records = task.report(frame, logits, features=features)
    for metric in ("exact_match", "f1"):
        counts = task.record_counts(records, metric)
        assert counts.n == 3
        assert significance.score(counts) == pytest.approx(report[metric])
        assert significance.score(counts) == pytest.approx(np.mean([r[metric] for r in records]))
    frame, features, logits = two_questions(tokenizer)
    report, records = task.report(frame, logits, features=features)
    assert significance.score(task.record_counts(records, "f1")) == pytest.approx(5 / 6)
    baseline = task.baseline_report(frame)[1]
    difference = significance.paired_difference(task.record_counts(records, "f1"),
                                                task.record_counts(baseline, "f1"))
    assert difference.n == 2 and difference.low <= difference.points / 100 <= difference.high
    with pytest.raises(ValueError, match="accuracy"):
        task.record_counts(records, "accuracy")


def test_compute_metrics_is_a_closure_over_the_evaluation_features(tokenizer):
    frame, features, logits = two_questions(tokenizer)
    task = QuestionAnswering.with_labels([])
    compute = task.compute_metrics(frame, features)
    scores = compute(SimpleNamespace(predictions=logits, label_ids=None))
    assert scores == {"exact_match": pytest.approx(0.5), "f1": pytest.approx(5 / 6)}
    with pytest.raises(ValueError, match="compute_metrics"):
        task.compute_metrics()


def test_the_overlap_baseline_on_the_product_manual_sample():
    frame = read_qa_json("core/data/samples/qa_product.json")
    report, records = QuestionAnswering.with_labels([]).baseline_report(frame)
    assert report["n"] == len(frame) == len(records) == 64
    assert report["exact_match"] == 0.0  # a whole sentence is never the short gold answer
    assert 0.30 < report["f1"] < 0.40  # 0.339
    assert sum(v["n"] for v in report["question_types"].values()) == 64
    first = records[0]
    assert first["predicted"] == ("The Nimbus T3 is a smart thermostat made by Cirrus Home "
                                  "Labs.") and first["gold"] == ["Cirrus Home Labs"]


def test_the_overlap_baseline_gets_nothing_right_on_unanswerable_questions():
    frame = frame_of(answered(MEETING, "When is the meeting?", "Monday"),
                     ("The shop sells bread.", "Who owns the shop?", [], []))
    report, _ = QuestionAnswering.with_labels([]).baseline_report(frame)
    assert report["no_answer"] == {"exact_match": 0.0, "f1": 0.0, "n": 1}
    assert report["has_answer"]["f1"] == pytest.approx(2 * (1 / 6) / (1 / 6 + 1))
