"""The Test page (pages/test.py) with AppTest for a question-answering run, in English and in
Chinese: the report's exact match and F1 beside the overlap baseline and per question type,
the wrong answers marked in their context, the playground and batch prediction of questions."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean
from support.qa_runs import install_qa_run

from core import text
from core.predict import batch_predict
from core.predict.inference import Predictor
from core.text import percent, t, use_language
from core.workspace import runs

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "test.py")
TIMEOUT = 90
HAS_ANSWER = hasattr(Predictor, "answer")
READS_CONTEXTS = "pair_column" in inspect.signature(
    batch_predict.predict_file).parameters


def open_page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=TIMEOUT).run()


def html_of(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def chart(at: AppTest, key: str) -> dict:
    found = [c for c in at.get("plotly_chart") if key in str(c.proto.id)]
    assert found, key
    return json.loads(found[0].proto.spec)


@pytest.fixture
def qa_run(tiny_model_dir, tmp_path_factory):
    return install_qa_run(tiny_model_dir, tmp_path_factory)


def test_report_shows_exact_match_and_f1_beside_the_overlap_baseline(qa_run):
    at = open_page()
    assert_clean(at)
    evaluation = runs.read_eval(qa_run)
    test, overlap = evaluation["test"], evaluation["baselines"]["overlap"]
    shown = all_text(at)
    correct = round(test["exact_match"] * test["n"])
    assert f"Exactly right on {correct} of {test['n']} test questions" in shown
    assert f"Exact match **{percent(test['exact_match'])}**, F1 **{percent(test['f1'])}**" \
        in shown
    labels = [m.label for m in at.metric]
    assert "Fine-tuned model (answer F1)" in labels
    assert "The sentence sharing most words with the question" in labels
    scores = next(d.value for d in at.dataframe if "exact match" in d.value.columns)
    assert list(scores["F1"]) == [percent(test["f1"]), percent(overlap["f1"])]
    assert list(scores["exact match"]) == [percent(test["exact_match"]),
                                           percent(overlap["exact_match"])]
    # the comparison's range, in the sentence every task gets
    assert any("question" in s.value for s in [*at.success, *at.warning, *at.info])
    assert "1 question without an answer" in labels
    assert "5 questions with an answer" in labels
    spec = chart(at, "test_qa_types")
    # the question types in their fixed order, only those the test questions have
    assert spec["data"][0]["x"] == ["who", "when", "where", "why", "how", "which"]
    # not calibrated: one sentence, no reliability chart
    assert "Answer scores are not calibrated" in shown
    assert not [c for c in at.get("plotly_chart") if "test_reliability" in str(c.proto.id)]


def test_compare_says_it_does_not_compare_question_answering_runs(qa_run, tiny_model_dir,
                                                                 tmp_path_factory):
    install_qa_run(tiny_model_dir, tmp_path_factory, run_id="run-qa-copy")
    at = open_page()
    assert_clean(at)
    assert any(i.value.startswith("Comparing two runs that answer questions is not available")
               for i in at.info)
    assert not [b for b in at.button if b.key == "test_compare_run"]


def test_mistakes_mark_both_answers_in_the_context_worst_first(qa_run):
    at = open_page()
    assert_clean(at)
    assert "Not fully right on 3 of 6 test questions" in all_text(at)
    html = html_of(at)
    # the user's text is escaped: its tags and markdown stay as written
    assert "&lt;b&gt;reset&lt;/b&gt;" in html and "<b>reset</b>" not in html
    assert "*power*" in html
    marks = re.findall(r'<mark style="background:(#[0-9A-F]+)[^"]*">([^<]*)</mark>', html)
    assert ("#A7F3D0", "on the back panel") in marks  # the correct answer
    assert ("#FDE68A", "next to the *power* socket") in marks  # the model's
    assert ("#BEF264", "1843") in marks  # where both lie
    order = [html.find(q) for q in ("Where is the", "Why does the light blink?",
                                    "When was the manual")]
    # F1 0 (the surer first), then the part answer
    assert order == sorted(order) and -1 not in order
    assert "Who wrote the manual?" not in html  # exactly right: not a mistake
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert "Download the questions to check (CSV)" in buttons


def test_the_relabel_table_has_the_questions_to_fix():
    from pages._test_qa import relabel_table, wrong_answers

    records = [{"id": "a", "question": "Q1", "context": "C", "gold": ["x", "y"],
                "predicted": "z", "f1": 0.0, "score": 0.2},
               {"id": "b", "question": "Q2", "context": "C", "gold": ["x"], "predicted": "x",
                "f1": 1.0, "score": 0.9},
               {"id": "c", "question": "Q3", "context": "C", "gold": ["x"],
                "predicted": "x y", "f1": 0.5, "score": 0.5}]
    table = relabel_table(wrong_answers(records))
    assert list(table.columns) == ["id", "question", "context", "gold", "predicted"]
    assert table.to_dict("records") == [
        {"id": "a", "question": "Q1", "context": "C", "gold": "x | y", "predicted": "z"},
        {"id": "c", "question": "Q3", "context": "C", "gold": "x", "predicted": "x y"}]


def _fake_answer(self, questions, contexts, top_k=1):
    """Predictor.answer as the contract gives it: the word 'Ada Lovelace' if the context has
    it, else no answer."""
    out = []
    for context in contexts:
        start = context.find("Ada Lovelace")
        if start < 0:
            out.append({"text": "", "start": -1, "end": -1, "score": 0.7, "no_answer": True,
                        "alternatives": []})
            continue
        best = {"text": "Ada Lovelace", "start": start, "end": start + 12, "score": 0.8}
        out.append({**best, "no_answer": False,
                    "alternatives": [best, {"text": "Ada", "start": start, "end": start + 3,
                                            "score": 0.1}][:top_k]})
    return out


def _ask(at: AppTest, context: str, questions: str) -> AppTest:
    at.text_area(key="test_qa_context").set_value(context)
    return at.text_area(key="test_qa_questions").set_value(questions).run()


def test_playground_marks_each_answer_in_the_context_with_its_score(qa_run, monkeypatch):
    monkeypatch.setattr(Predictor, "answer", _fake_answer, raising=False)
    at = open_page()
    assert "Paste a context and ask at least one question" in all_text(at)
    at = _ask(at, "Written by <i>Ada Lovelace</i> in 1843.", "Who wrote it?\nWhen?")
    assert_clean(at)
    html = html_of(at)
    assert "&lt;i&gt;<mark" in html and ">Ada Lovelace</mark>&lt;/i&gt;" in html
    shown = all_text(at)
    assert f"Answer: Ada Lovelace (score {percent(0.8)})" in shown
    assert any(d.value["other candidate"].tolist() == ["Ada"] for d in at.dataframe
               if "other candidate" in d.value.columns)
    at = _ask(at, "Nothing here.", "Who wrote it?")
    assert f"No answer: the model finds none in the context (score {percent(0.7)})." in [
        i.value for i in at.info]


@pytest.mark.skipif(not HAS_ANSWER, reason="core.predict.inference.Predictor has no answer()")
def test_playground_asks_the_runs_model(qa_run):
    at = _ask(open_page(), "The manual was written by Ada Lovelace in 1843.",
              "Who wrote the manual?\nWhen was it written?")
    assert_clean(at)
    shown = all_text(at)
    answered = shown.count("Answer: ") + shown.count("No answer: ")
    assert answered == 2  # one answer (or no answer) per question, from the tiny model


def test_batch_picks_the_question_and_the_context_columns(qa_run):
    at = open_page()
    content = ("id,query,passage\n1,Who wrote it?,Ada Lovelace wrote it.\n"
               "2,When?,It was 1843.\n")
    at.file_uploader(key="test_batch_file").set_value(("questions.csv", content.encode(),
                                                        "text/csv")).run()
    assert_clean(at)
    assert at.selectbox(key="test_batch_column").label == "Column with the questions"
    assert at.selectbox(key="test_batch_column").value == "query"
    assert at.selectbox(key="test_batch_context_column").value == "passage"
    assert "questions.csv: 2 questions." in all_text(at)
    assert at.button(key="test_batch_run").proto.label == "Answer 2 questions"
    if not (READS_CONTEXTS and HAS_ANSWER):
        pytest.skip("batch_predict.predict_file takes no pair_column yet")
    at.button(key="test_batch_run").click().run()
    assert_clean(at)
    preview = next(d.value for d in at.dataframe if "answer" in d.value.columns)
    assert list(preview.columns) == ["id", "query", "passage", "answer", "answer_start",
                                     "score"]
    assert len(preview) == 2
    for _, row in preview.iterrows():  # the tiny model's answer lies in its own context
        start = int(row["answer_start"])
        assert start == -1 or row["passage"][start:start + len(row["answer"])] == row["answer"]
    written = list((runs.workspace_dir() / "predictions" / qa_run.name).glob("*.csv"))
    assert len(written) == 1 and len(written[0].read_text().splitlines()) == 3


def test_the_page_in_chinese_names_question_types_in_chinese(tiny_model_dir, tmp_path_factory,
                                                             monkeypatch):
    install_qa_run(tiny_model_dir, tmp_path_factory, chinese=True)
    monkeypatch.setenv(text.ENV_VAR, "zh")
    with use_language("zh"):
        at = open_page()
        assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
        shown = all_text(at)
        assert t("test.calibration.not_calibrated") in shown
        assert "在 5 个测试集问题中，有 2 个回答完全正确" in shown
        assert "在 5 个测试集问题中，有 3 个没有完全答对" in shown
    spec = chart(at, "test_qa_types")
    assert set(spec["data"][0]["x"]) == {"谁", "何时", "哪里", "为什么", "哪个"}
    assert spec["data"][0]["name"] == "完全匹配率"
    html = html_of(at)
    assert ">机器背面</mark>" in html and ">电源插座旁边</mark>" in html


def test_spans_are_marked_in_the_excerpt_and_the_text_stays_escaped():
    from pages._report_visuals import BOTH_COLOUR, GOLD_COLOUR, PREDICTED_COLOUR
    from pages._report_visuals import context_with_spans as marked
    from pages._test_qa import _spans

    # an excerpt starting at character 100 of its context: positions are the full context's
    record = {"context": "say <b>hi</b> & bye", "context_start": 100, "gold": ["<b>hi</b>"],
              "gold_start": [104], "predicted": "hi</b> & bye", "start": 107}
    gold, predicted = _spans(record)
    assert gold == [(4, 13)] and predicted == [(7, 19)]
    html = marked(record["context"], gold, predicted)
    assert html == (f'say <mark style="background:{GOLD_COLOUR};padding:1px 2px;'
                    f'border-radius:4px">&lt;b&gt;</mark>'
                    f'<mark style="background:{BOTH_COLOUR};padding:1px 2px;'
                    f'border-radius:4px">hi&lt;/b&gt;</mark>'
                    f'<mark style="background:{PREDICTED_COLOUR};padding:1px 2px;'
                    f'border-radius:4px"> &amp; bye</mark>')
    # no answer, and a gold answer outside the excerpt: nothing marked, nothing lost
    gold, predicted = _spans({**record, "predicted": "", "start": -1, "gold_start": [-1]})
    assert (gold, predicted) == ([], [])
    assert marked("a<b", [(50, 60)], []) == "a&lt;b"
