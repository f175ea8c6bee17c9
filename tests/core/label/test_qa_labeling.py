"""Question-answering label projects: paragraphs read from a file, questions with answer spans
(exact character offsets, Chinese included), no-answer questions, undo, and the SQuAD export
that core.data.squad reads back as the same frame."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core.config import DataConfig
from core.data import load_examples
from core.data.squad import FRAME_COLUMNS, read_qa_json
from core.errors import UserError
from core.label import labeling, qa_labeling
from core.tasks import QUESTION_ANSWERING

PARAGRAPHS = ["Marie Curie was born in Warsaw in 1867. She won two Nobel prizes.",
              "The Amazon is the largest rainforest on Earth."]
CHINESE = "北京是中华人民共和国的首都，位于华北平原。长城建于两千多年前。"


def qa_project(texts=PARAGRAPHS) -> tuple[labeling.Project, list[str]]:
    project = labeling.create_project("Science", QUESTION_ANSWERING, [], texts,
                                      source="science.txt")
    return project, labeling.load_texts(project)


def span_of(context: str, words: str) -> tuple[int, int]:
    start = context.index(words)
    return start, start + len(words)


def test_a_project_of_paragraphs_needs_no_labels(workspace):
    project, texts = qa_project()
    again = labeling.open_project(project.project_id)
    assert again.asks_questions and not again.has_smart_features
    assert again.labels == [] and not again.multi_label and texts == PARAGRAPHS
    assert labeling.export_formats(again) == ("json",)
    assert labeling.export_filename(again, "json") == "science-labels.json"


def test_questions_export_as_squad_and_read_back_as_the_same_frame(workspace, tmp_path):
    project, texts = qa_project()
    first = labeling.add_question(project, 0, " Where was  Marie Curie born? ",
                                  span_of(texts[0], "Warsaw"), texts)
    labeling.add_question(project, 0, "How many Nobel prizes did she win?",
                          span_of(texts[0], "two"), texts)
    labeling.add_question(project, 0, "What did she eat?", None, texts)
    labeling.add_question(project, 1, "Which forest is the largest?",
                          span_of(texts[1], "The Amazon"), texts)
    labeling.add_question(project, 1, "A mistake", span_of(texts[1], "Earth"), texts)
    assert labeling.undo(project) == 1
    state = labeling.label_state(project)
    assert first == {"id": f"{project.project_id}-1-1", "question": "Where was Marie Curie born?",
                     "answers": [{"text": "Warsaw", "answer_start": 24}]}
    assert [q["question"] for q in labeling.questions_of(state, 1)] == [
        "Which forest is the largest?"]
    assert labeling.progress(state, len(texts)).labeled == 2
    assert qa_labeling.question_counts(list(state.labels.values())) == (4, 1)

    rows = labeling.labeled_rows(project, state, texts)
    data = json.loads(labeling.export_bytes(project, rows, "json"))
    assert data["version"] == "v2.0" and data["data"][0]["title"] == "Science"
    qas = data["data"][0]["paragraphs"][0]["qas"]
    assert qas[2] == {"id": f"{project.project_id}-1-3", "question": "What did she eat?",
                      "answers": [], "is_impossible": True}
    assert qas[0]["is_impossible"] is False
    ids = [qa["id"] for p in data["data"][0]["paragraphs"] for qa in p["qas"]]
    assert len(ids) == len(set(ids)) == 4

    path = tmp_path / "science.json"
    path.write_bytes(labeling.export_bytes(project, rows, "json"))
    read = read_qa_json(path)
    expected = qa_labeling.questions_frame(project.name, rows)
    pd.testing.assert_frame_equal(read[list(FRAME_COLUMNS)].reset_index(drop=True), expected)
    for _, row in read.iterrows():
        for text, start in zip(row["answers"]["text"], row["answers"]["answer_start"]):
            assert row["context"][start:start + len(text)] == text


def test_a_paragraph_without_no_answer_questions_exports_as_v1(workspace):
    project, texts = qa_project()
    labeling.add_question(project, 1, "Which forest?", span_of(texts[1], "The Amazon"), texts)
    rows = labeling.labeled_rows(project, labeling.label_state(project), texts)
    data = json.loads(labeling.export_bytes(project, rows, "json"))
    assert data["version"] == "v1.1"
    assert [p["context"] for p in data["data"][0]["paragraphs"]] == [texts[1]]


def test_chinese_answers_start_at_their_exact_characters(workspace, tmp_path):
    project, texts = qa_project([CHINESE])
    words = qa_labeling.word_span(texts[0], [3, 4, 5, 6, 7, 8, 9])  # 中华人民共和国
    assert texts[0][words[0]:words[1]] == "中华人民共和国"
    labeling.add_question(project, 0, "北京是哪个国家的首都？", words, texts)
    wall = span_of(texts[0], "两千多年前")
    labeling.add_question(project, 0, "长城是什么时候建的？", wall, texts)
    rows = labeling.labeled_rows(project, labeling.label_state(project), texts)
    path = tmp_path / "zh.json"
    path.write_bytes(labeling.export_bytes(project, rows, "json"))
    assert "中华人民共和国" in path.read_text(encoding="utf-8")
    read = read_qa_json(path)
    assert [a["answer_start"][0] for a in read["answers"]] == [3, wall[0]]
    assert [a["text"][0] for a in read["answers"]] == ["中华人民共和国", "两千多年前"]
    examples = load_examples(path, DataConfig(train=str(path)), QUESTION_ANSWERING).frame
    pd.testing.assert_frame_equal(examples[list(FRAME_COLUMNS)].reset_index(drop=True),
                                  qa_labeling.questions_frame(project.name, rows))


def test_selected_words_give_the_characters_from_the_first_to_the_last(workspace):
    context = "Marie Curie, a physicist, was born in Warsaw."
    start, end = qa_labeling.word_span(context, [3, 0])
    assert context[start:end] == "Marie Curie, a"
    with pytest.raises(UserError, match="No words of the answer are selected"):
        qa_labeling.word_span(context, [])


def test_wrong_questions_and_answers_are_refused_with_a_sentence(workspace):
    project, texts = qa_project()
    with pytest.raises(UserError, match="The question is empty"):
        labeling.add_question(project, 0, "  ", None, texts)
    with pytest.raises(UserError, match="not a part of the paragraph"):
        labeling.add_question(project, 0, "Where?", (5, 500), texts)
    with pytest.raises(UserError, match="not a part of the paragraph"):
        labeling.label(project, 0, [{"id": "x", "question": "Where?",
                                     "answers": [{"text": "Paris", "answer_start": 0}]}], texts)
    with pytest.raises(UserError, match="used twice"):
        labeling.label(project, 0, [{"id": "x", "question": "A?", "answers": []},
                                    {"id": "x", "question": "B?", "answers": []}], texts)
    assert labeling.label_state(project).labels == {}


def test_ids_stay_unique_after_an_undo_and_survive_a_reload(workspace):
    project, texts = qa_project()
    labeling.add_question(project, 0, "One?", None, texts)
    labeling.add_question(project, 0, "Two?", None, texts)
    labeling.undo(project)
    labeling.add_question(project, 0, "Three?", None, texts)
    reopened = labeling.open_project(project.project_id)
    asked = labeling.questions_of(labeling.label_state(reopened), 0)
    assert [(q["id"].rsplit("-", 1)[1], q["question"]) for q in asked] == [("1", "One?"),
                                                                         ("2", "Three?")]


def test_a_question_is_removed_and_undo_puts_it_back(workspace):
    project, texts = qa_project()
    one = labeling.add_question(project, 0, "One?", None, texts)
    two = labeling.add_question(project, 0, "Two?", None, texts)
    labeling.remove_question(project, 0, one["id"], texts)
    assert labeling.questions_of(labeling.label_state(project), 0) == [two]
    labeling.remove_question(project, 0, two["id"], texts)
    state = labeling.label_state(project)
    assert 0 not in state.labels and labeling.next_item(state, len(texts)) == 0
    assert labeling.undo(project) == 0
    assert labeling.questions_of(labeling.label_state(project), 0) == [two]


def test_a_text_file_of_paragraphs_is_read_by_blank_lines(tmp_path):
    (tmp_path / "p.txt").write_text("First paragraph,\nstill the first.\n\n\nSecond one.\n",
                                    encoding="utf-8")
    texts, _ = labeling.read_texts(tmp_path / "p.txt", paragraphs=True)
    assert texts == ["First paragraph,\nstill the first.", "Second one."]
    (tmp_path / "lines.txt").write_text("one\ntwo\n", encoding="utf-8")
    assert labeling.read_texts(tmp_path / "lines.txt", paragraphs=True)[0] == ["one", "two"]
    (tmp_path / "t.csv").write_text("id,paragraph\n1,A long paragraph of text here.\n",
                                    encoding="utf-8")
    assert labeling.read_texts(tmp_path / "t.csv", paragraphs=True)[0] == [
        "A long paragraph of text here."]
