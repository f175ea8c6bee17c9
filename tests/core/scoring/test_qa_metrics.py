"""Question-answering scores: SQuAD v1.1 exact match and token F1, CMRC 2018 per-character F1,
question types and the sentence-overlap baseline, against hand-computed values."""

import json

import pytest
from support.datasets import shared_dataset

from core.scoring import qa_metrics as qa


def test_normalize_answer_is_squad_v1_1():
    assert qa.normalize_answer("The  Quick, Brown fox!") == "quick brown fox"
    assert qa.normalize_answer("an apple a day") == "apple day"
    # articles only as whole words; punctuation goes before the article check ("the." -> "")
    assert qa.normalize_answer("theatre, the.") == "theatre"
    assert qa.normalize_answer("  U.S.  ") == "us"


def test_exact_match_ignores_case_articles_punctuation():
    assert qa.exact_match("The Eiffel Tower!", ["eiffel tower"]) == 1.0
    assert qa.exact_match("a cat", ["the cat"]) == 1.0
    assert qa.exact_match("Eiffel", ["Eiffel Tower"]) == 0.0
    # best over the golds
    assert qa.exact_match("Paris", ["London", "paris."]) == 1.0


def test_f1_partial_overlap_by_hand():
    # prediction "the Eiffel tower" -> tokens [eiffel, tower] (2)
    # gold "Eiffel Tower in Paris" -> tokens [eiffel, tower, in, paris] (4)
    # common 2: precision 2/2 = 1, recall 2/4 = 0.5, F1 = 2 * 1 * 0.5 / 1.5 = 2/3
    assert qa.f1("the Eiffel tower", ["Eiffel Tower in Paris"]) == pytest.approx(2 / 3)
    assert qa.f1("Eiffel Tower", ["eiffel tower"]) == 1.0
    assert qa.f1("Rome", ["Paris"]) == 0.0


def test_f1_counts_repeated_tokens_once_each():
    # prediction [paris, paris] vs gold [paris]: common 1 (min of counts)
    # precision 1/2, recall 1/1, F1 = 2 * 0.5 * 1 / 1.5 = 2/3
    assert qa.f1("Paris Paris", ["Paris"]) == pytest.approx(2 / 3)


def test_f1_is_max_over_golds():
    # prediction [paris, france]
    # "London": 0 ; "Paris": P 1/2, R 1 -> 2/3 ; "in Paris, France" [in, paris, france]:
    # P 2/2, R 2/3 -> 2 * 1 * 2/3 / (5/3) = 0.8
    golds = ["London", "Paris", "in Paris, France"]
    assert qa.f1("Paris France", golds) == pytest.approx(0.8)
    assert qa.exact_match("Paris France", golds) == 0.0


def test_no_gold_answers_want_an_empty_prediction():
    assert qa.exact_match("", []) == 1.0
    assert qa.f1("", []) == 1.0
    assert qa.exact_match(" the . ", []) == 1.0   # nothing left after normalization
    assert qa.exact_match("Paris", []) == 0.0
    assert qa.f1("Paris", []) == 0.0
    assert qa.exact_match("", ["Paris"]) == 0.0
    assert qa.f1("", ["Paris"]) == 0.0


def test_chinese_f1_per_character():
    # prediction 北京大学 (4 chars) vs gold 北京 (2): common 2, P 2/4 = 0.5, R 2/2 = 1,
    # F1 = 2 * 0.5 * 1 / 1.5 = 0.667; the other way round P = 1, R = 0.5, same F1
    assert qa.f1("北京大学", ["北京"]) == pytest.approx(2 / 3)
    assert qa.f1("北京", ["北京大学"]) == pytest.approx(2 / 3)
    assert qa.exact_match("北京大学", ["北京"]) == 0.0


def test_chinese_f1_uses_longest_common_subsequence_as_cmrc():
    # 京北 vs 北京: the longest common subsequence is one character, P = R = 1/2, F1 = 0.5
    # (a bag-of-characters overlap would say 1.0)
    assert qa.f1("京北", ["北京"]) == pytest.approx(0.5)


def test_chinese_and_english_punctuation_dropped():
    assert qa.exact_match("《红楼梦》。", ["红楼梦"]) == 1.0
    assert qa.exact_match("北京，上海", ["北京上海"]) == 1.0
    assert qa.f1("“北京”!", ["北京"]) == 1.0


def test_mixed_segmentation_keeps_latin_words_whole():
    assert qa.mixed_segmentation("使用Python 3编程。") == ["使", "用", "python", "3", "编", "程"]
    # prediction [python, 语, 言] vs gold [python]: LCS 1, P 1/3, R 1 -> 2 * (1/3) / (4/3) = 0.5
    assert qa.f1("Python语言", ["python"]) == pytest.approx(0.5)
    # English articles are words like any other in CJK text (CMRC does not drop them)
    assert qa.exact_match("the 长城", ["长城"]) == 0.0


def test_squad_scores_average_and_per_question():
    predictions = {"q1": "Eiffel Tower", "q2": "the Eiffel tower", "q3": "wrong", "extra": "zz"}
    golds = {"q1": ["Eiffel Tower"], "q2": ["Eiffel Tower in Paris"], "q3": ["right"],
             "q4": ["missing"]}
    scores = qa.squad_scores(predictions, golds)
    assert scores["n"] == 4   # every gold question, the unknown "extra" left out
    assert scores["exact_match"] == pytest.approx(1 / 4)
    # F1: 1 + 2/3 + 0 + 0 (q4 has no prediction) over 4 = 5/12
    assert scores["f1"] == pytest.approx(5 / 12)
    assert set(scores["per_question"]) == {"q1", "q2", "q3", "q4"}
    assert scores["per_question"]["q2"] == {"exact_match": 0.0, "f1": pytest.approx(2 / 3)}
    assert scores["per_question"]["q4"] == {"exact_match": 0.0, "f1": 0.0}


def test_squad_scores_with_no_questions():
    assert qa.squad_scores({}, {}) == {"exact_match": 0.0, "f1": 0.0, "n": 0,
                                       "per_question": {}}


@pytest.mark.parametrize("question, kind", [
    ("Who wrote Hamlet?", "who"),
    ("Whom did she marry?", "who"),
    ("What is the capital of France?", "what"),
    ("When was the tower built?", "when"),
    ("Where is Paris?", "where"),
    ("Why is the sky blue?", "why"),
    ("How many people live there?", "how"),
    ("Which river flows through Paris?", "which"),
    ("In which year did the war end?", "which"),
    ("The tower was built by whom?", "who"),
    ("Name the largest city.", "other"),
    ("谁写了红楼梦？", "who"),
    ("红楼梦的作者是谁？", "who"),
    ("中国的首都是什么？", "what"),
    ("长城是什么时候建成的？", "when"),
    ("他何时出生？", "when"),
    ("这座桥建于哪年？", "when"),
    ("故宫在哪里？", "where"),
    ("他住在哪儿？", "where"),
    ("会议在哪举行？", "where"),
    ("天空为什么是蓝色的？", "why"),
    ("怎么去北京？", "how"),
    ("如何制作豆腐？", "how"),
    ("哪个城市最大？", "which"),
    ("哪些国家参加了会议？", "which"),
    ("请列出三个城市。", "other"),
])
def test_question_type(question, kind):
    assert qa.question_type(question) == kind
    assert kind in qa.QUESTION_TYPES


ENGLISH_CONTEXT = ("Paris is the capital of France. The Eiffel Tower was built in 1889! "
                   "It is 330 metres tall and weighs 7.3 million kilograms.\nIt is made of iron.")


def test_overlap_baseline_picks_the_sentence_sharing_most_words():
    answer, start = qa.overlap_baseline(ENGLISH_CONTEXT, "When was the Eiffel Tower built?")
    assert answer == "The Eiffel Tower was built in 1889!"
    assert ENGLISH_CONTEXT[start:start + len(answer)] == answer
    # "7.3" does not end a sentence; the line break does
    answer, start = qa.overlap_baseline(ENGLISH_CONTEXT, "How many kilograms does it weigh?")
    assert answer == "It is 330 metres tall and weighs 7.3 million kilograms."
    assert ENGLISH_CONTEXT[start:start + len(answer)] == answer
    answer, _ = qa.overlap_baseline(ENGLISH_CONTEXT, "What is it made of? Iron?")
    assert answer == "It is made of iron."


def test_overlap_baseline_ignores_stop_words_and_takes_the_first_on_a_tie():
    context = "The cat is on the mat. The dog is in the house."
    # only stop words shared with both sentences: a tie at 0, the first sentence wins
    assert qa.overlap_baseline(context, "What is the?") == ("The cat is on the mat.", 0)
    assert qa.overlap_baseline(context, "Where is the dog?") == ("The dog is in the house.", 23)


def test_overlap_baseline_counts_characters_for_chinese():
    context = "北京是中国的首都。长城很长！故宫在北京市中心。"
    # question characters {长, 城, 有, 多}: sentence 1 shares 0, sentence 2 {长, 城}, sentence 3 0
    assert qa.overlap_baseline(context, "长城有多长？") == ("长城很长！", 9)
    # {故, 宫, 在, 哪, 里}: sentence 3 shares {故, 宫, 在}
    assert qa.overlap_baseline(context, "故宫在哪里？") == ("故宫在北京市中心。", 14)


def test_overlap_baseline_on_empty_context():
    assert qa.overlap_baseline("", "Who?") == ("", 0)
    assert qa.overlap_baseline("  \n ", "Who?") == ("", 0)


def _gold_answers(path):
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return {qa_item["id"]: [a["text"] for a in qa_item["answers"]]
            for article in data for paragraph in article["paragraphs"]
            for qa_item in paragraph["qas"]}


@pytest.mark.parametrize("parts", [("squad", "dev.json"), ("cmrc2018", "test.json")])
def test_real_gold_answers_score_perfectly_against_themselves(parts):
    golds = _gold_answers(shared_dataset(*parts))
    predictions = {qid: answers[0] for qid, answers in golds.items() if answers}
    scores = qa.squad_scores(predictions, golds)
    assert scores["n"] == len(golds) > 1000
    assert scores["exact_match"] == 1.0
    assert scores["f1"] == 1.0
