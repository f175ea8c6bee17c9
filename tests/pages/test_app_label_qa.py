"""Label page, question answering: a project of paragraphs from an uploaded file, questions
typed and answered by clicking words, a question the paragraph does not answer, undo, next
paragraph, the SQuAD JSON export, and the smart features left out with a note."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean

from core import text
from core.label import labeling
from core.tasks import QUESTION_ANSWERING
from core.text import t, use_language

PAGE = Path(__file__).resolve().parents[2] / "pages" / "label.py"
CHINESE = "北京是中华人民共和国的首都，位于华北平原。"
PARAGRAPHS = ["Marie Curie was born in Warsaw in 1867.",
              "The Amazon is the largest rainforest on Earth."]


def open_page(tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    if tab:
        at.session_state["label_tab"] = tab
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def questions(item: int) -> list[dict]:
    project = labeling.list_projects()[0]
    return labeling.questions_of(labeling.label_state(project), item)


def test_questions_are_asked_of_paragraphs_from_an_uploaded_file(workspace):
    at = open_page()
    body = "\n\n".join(PARAGRAPHS).encode()
    at.file_uploader[0].set_value(("science.txt", body, "text/plain")).run()
    at.radio(key="label_new_task").set_value(QUESTION_ANSWERING).run()
    assert_clean(at)
    assert "one paragraph" in all_text(at)
    assert not [w for w in at.text_input if w.key == "label_new_labels"]
    button(at, "Create the project").click().run()
    assert_clean(at)
    assert "Project created with 2 texts." in all_text(at)
    assert "Question answering · 2 paragraphs from science.txt" in all_text(at)
    assert "Paragraph 1 of 2" in all_text(at)
    assert button(at, "Next paragraph").disabled

    pid = labeling.list_projects()[0].project_id
    at.text_input(key=f"label_question_{pid}_0").set_value("Where was Marie Curie born?").run()
    at.pills[0].set_value([5]).run()  # Warsaw
    assert "Answer: Warsaw" in all_text(at)
    button(at, "Add the question").click().run()
    assert_clean(at)
    assert questions(0) == [{"id": f"{pid}-1-1", "question": "Where was Marie Curie born?",
                             "answers": [{"text": "Warsaw", "answer_start": 24}]}]
    assert at.text_input(key=f"label_question_{pid}_0").value == ""
    assert "Paragraph 1 of 2" in all_text(at)  # stays open for more questions

    at.text_input(key=f"label_question_{pid}_0").set_value("What did she eat?").run()
    button(at, "No answer here").click().run()
    assert questions(0)[1]["answers"] == []
    assert "(no answer in this paragraph)" in all_text(at)
    button(at, "Undo").click().run()
    assert [q["question"] for q in questions(0)] == ["Where was Marie Curie born?"]
    button(at, "Remove").click().run()
    assert questions(0) == [] and button(at, "Next paragraph").disabled
    button(at, "Undo").click().run()
    assert [q["question"] for q in questions(0)] == ["Where was Marie Curie born?"]
    button(at, "Next paragraph").click().run()
    assert_clean(at)
    assert "Paragraph 2 of 2" in all_text(at) and "The Amazon" in all_text(at)

    at = open_page("Export and train")
    assert_clean(at)
    assert [b.proto.label for b in at.get("download_button")] == ["Labels as JSON"]
    assert "download the JSON and open it on the Data page" in all_text(at)
    project = labeling.list_projects()[0]
    rows = labeling.labeled_rows(project, labeling.label_state(project), PARAGRAPHS)
    exported = json.loads(labeling.export_bytes(project, rows, "json"))
    assert exported["version"] == "v1.1"
    assert exported["data"][0]["paragraphs"][0]["qas"][0]["answers"] == [
        {"text": "Warsaw", "answer_start": 24}]


def test_a_question_being_written_survives_a_reload(workspace):
    project = labeling.create_project("Science", QUESTION_ANSWERING, [], PARAGRAPHS)
    key = f"label_question_{project.project_id}_0"
    at = open_page()
    at.text_input(key=key).set_value("Where was she born?").run()
    at.pills[0].set_value([5]).run()
    at = open_page()  # a fresh session: the page reloaded
    assert at.text_input(key=key).value == "Where was she born?"
    assert at.pills[0].value == [5] and "Answer: Warsaw" in all_text(at)
    button(at, "Add the question").click().run()
    assert questions(0)[0]["answers"] == [{"text": "Warsaw", "answer_start": 24}]
    assert labeling.read_question_draft(project, 0) is None


def test_an_empty_question_or_no_selected_words_give_one_sentence(workspace):
    project = labeling.create_project("Science", QUESTION_ANSWERING, [], PARAGRAPHS)
    at = open_page()
    button(at, "Add the question").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The question is empty. Type or paste the question first."]
    at.text_input(key=f"label_question_{project.project_id}_0").set_value("Where?").run()
    button(at, "Add the question").click().run()
    assert "No words of the answer are selected." in at.error[0].value
    assert questions(0) == []


def test_the_smart_tabs_say_they_do_not_serve_questions(workspace):
    project = labeling.create_project("Science", QUESTION_ANSWERING, [], PARAGRAPHS)
    labeling.add_question(project, 0, "Where?", (24, 30), PARAGRAPHS)
    for tab in ("Label these next", "Does smart ordering help?", "Labeled so far"):
        at = open_page(tab)
        assert_clean(at)
    assert at.dataframe[0].value["label"].tolist() == ["Where? → Warsaw"]
    at = open_page("Label these next")
    assert "not offered for question answering" in all_text(at)


def test_a_chinese_answer_is_picked_by_characters_in_chinese(workspace, monkeypatch):
    project = labeling.create_project("地理", QUESTION_ANSWERING, [], [CHINESE])
    monkeypatch.setenv(text.ENV_VAR, "zh")
    with use_language("zh"):
        at = open_page()
        assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
        at.text_input(key=f"label_question_{project.project_id}_0").set_value(
            "北京是哪个国家的首都？").run()
        at.pills[0].set_value([3, 9]).run()  # 中 ... 国: the first and last character
        assert t("label.qa.answer", answer="中华人民共和国") in all_text(at)
        next(b for b in at.button if b.label == t("label.qa.add")).click().run()
        assert_clean(at)
    assert questions(0)[0]["answers"] == [{"text": "中华人民共和国", "answer_start": 3}]
