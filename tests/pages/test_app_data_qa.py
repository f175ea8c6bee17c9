"""Data page for question answering: a SQuAD file gives the report, the charts, a preview with
each answer marked, and Continue; a table gets its paragraph, question and answer columns
mapped (guessed, changeable)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from support.pages import all_text, assert_clean, open_app

from core.data.samples import SAMPLES_DIR
from core.text import use_language

SQUAD = SAMPLES_DIR / "qa_product.json"
CONTEXTS = [f"The Model {i} kettle boils one litre in {i + 2} minutes and <b>holds</b> heat."
            for i in range(12)]


@pytest.fixture(autouse=True)
def app_language():
    with use_language("en"):
        yield


def upload(at, name: str, content: bytes, kind: str = "application/json"):
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value((name, content, kind)).run()
    return at


def qa_csv(header=("passage", "query", "reply")) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for i, context in enumerate(CONTEXTS):
        writer.writerow([context, f"How long does the Model {i} take?", f"{i + 2} minutes"])
        writer.writerow([context, f"What does the Model {i} boil?", "one litre"])
    return buffer.getvalue().encode()


def continue_button(at):
    return next(b for b in at.button if b.label == "Continue to the model")


def html_bodies(at) -> list[str]:
    return [str(e.proto.body) for e in at.get("html")]


def test_a_squad_file_gives_report_charts_preview_and_continue(workspace):
    at = upload(open_app(), "manual.json", SQUAD.read_bytes())
    assert_clean(at)
    assert at.selectbox(key="data_task").value == "question-answering"
    assert at.session_state["task"] == "question-answering"
    assert at.session_state["data_ready"] is True
    text = all_text(at)
    assert "Read as SQuAD JSON" in text
    assert "Health report" in text and "Paragraphs" in text and "Training windows" in text
    # answer length, questions per paragraph, paragraph length
    assert len(at.get("plotly_chart")) == 3
    assert any("<mark>" in body for body in html_bodies(at))
    assert "**Question:** Who makes the Nimbus" in "\n".join(m.value for m in at.markdown)
    stats = at.session_state["data_stats"]
    assert stats["n_windows"] >= stats["n_train"] > 0
    assert not continue_button(at).disabled


def test_a_qa_table_has_its_columns_guessed_and_changeable(workspace):
    at = upload(open_app(), "kettles.csv", qa_csv(), "text/csv")
    assert_clean(at)
    at.selectbox(key="data_task").set_value("question-answering").run()
    assert_clean(at)
    assert "Read as a table" in all_text(at)
    assert at.selectbox(key="data_qa_context").value == "passage"
    assert at.selectbox(key="data_qa_question").value == "query"
    assert at.selectbox(key="data_qa_answer").value == "reply"
    data = at.session_state["data_config"]
    assert (data["context_column"], data["question_column"], data["answer_column"]) == (
        "passage", "query", "reply")
    # the user's text is shown as text: the planted tag is escaped, the answer marked
    bodies = "\n".join(html_bodies(at))
    assert "&lt;b&gt;holds&lt;/b&gt;" in bodies and "<b>" not in bodies
    assert "<mark>2 minutes</mark>" in bodies
    at.selectbox(key="data_qa_question").set_value("reply").run()
    at.selectbox(key="data_qa_answer").set_value("query").run()
    assert at.session_state["data_config"]["answer_column"] == "query"


def test_one_column_for_two_parts_is_explained(workspace):
    at = upload(open_app(), "kettles.csv", qa_csv(), "text/csv")
    at.selectbox(key="data_task").set_value("question-answering").run()
    at.selectbox(key="data_qa_answer").set_value("query").run()
    assert not at.exception
    assert any("chosen for two parts" in e.value for e in at.error)


def test_answers_are_marked_in_escaped_text():
    from pages._data_qa import marked

    context = "Press <Reset> for 5 s."
    assert marked(context, {"text": ["<Reset>"], "answer_start": [6]}) == (
        "Press <mark>&lt;Reset&gt;</mark> for 5 s.")
    assert marked(context, {"text": [], "answer_start": []}) == "Press &lt;Reset&gt; for 5 s."


def test_the_table_shape_is_told_from_json(tmp_path: Path):
    from pages._data_qa import shape

    records = tmp_path / "records.json"
    records.write_text('[{"context": "a", "question": "b", "answer": "a"}]', encoding="utf-8")
    assert shape(str(SQUAD)) == "squad"
    assert shape(str(records)) == "table"
