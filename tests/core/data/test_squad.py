"""Reading question-answering files (core.data.squad): SQuAD v1.1 and v2.0 JSON, flat tables and
Label Studio span exports into the examples frame; refusals of malformed and hostile files; the
built-in product samples; and the real SQuAD and CMRC 2018 files (skipped where absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from support.datasets import shared_dataset

from core.data import limits
from core.data.qa_health import check_answers
from core.data.squad import (
    FRAME_COLUMNS,
    MAX_ANSWERS,
    label_studio_frame,
    looks_like_label_studio_qa,
    looks_like_squad,
    read_qa_json,
    squad_frame,
    table_frame,
)
from core.errors import UserError
from core.text import error_parts

SAMPLES = Path(__file__).resolve().parents[3] / "core" / "data" / "samples"
CONTEXT = "The Nimbus T3 is made by Cirrus Home Labs. It has a round screen."


def _squad(qas, context=CONTEXT, version="1.1", title="Nimbus"):
    return {"version": version,
            "data": [{"title": title, "paragraphs": [{"context": context, "qas": qas}]}]}


def _qa(qid, question, *answers):
    return {"id": qid, "question": question,
            "answers": [{"text": text, "answer_start": start} for text, start in answers]}


def _write(tmp_path, data, name="qa.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _refusal(call, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)
    return error_parts(caught.value, "en")


# ---- SQuAD JSON ----------------------------------------------------------------------------

def test_squad_v1_reads_one_row_per_question_in_the_hugging_face_layout():
    frame = squad_frame(_squad([_qa("q1", "Who makes it?", ("Cirrus Home Labs", 25),
                                    ("Cirrus", 25)),
                                _qa("q2", "What shape is the screen?", ("round", 52))]), "a.json")
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert frame["id"].tolist() == ["q1", "q2"]
    assert frame.loc[0, "answers"] == {"text": ["Cirrus Home Labs", "Cirrus"],
                                       "answer_start": [25, 25]}
    assert frame.loc[0, "title"] == "Nimbus" and frame.loc[1, "context"] == CONTEXT
    assert frame.attrs["version"] == "1.1"


def test_squad_v2_impossible_questions_have_no_answers_and_keep_plausible_ones():
    impossible = {"id": "q9", "question": "What colour is it?", "is_impossible": True,
                  "answers": [], "plausible_answers": [{"text": "round", "answer_start": 52}]}
    frame = squad_frame(_squad([_qa("q1", "Who?", ("Cirrus", 25)), impossible],
                               version="v2.0"), "v2.json")
    assert frame.loc[1, "answers"] == {"text": [], "answer_start": []}
    assert frame.attrs["plausible"] == {"q9": {"text": ["round"], "answer_start": [52]}}
    assert check_answers(frame).unanswerable == 1


def test_a_question_without_id_or_title_gets_its_place():
    data = {"data": [{"paragraphs": [{"context": "abc", "qas": [
        {"question": "q?", "answers": [{"text": "b", "answer_start": 1}]}]}]}]}
    frame = squad_frame(data, "x.json")
    assert frame.loc[0, "id"] == "1-1-1" and frame.loc[0, "title"] == ""


def test_read_qa_json_reads_squad_and_label_studio_files(tmp_path):
    squad = read_qa_json(_write(tmp_path, _squad([_qa("q1", "Who?", ("Cirrus", 25))])))
    assert squad.loc[0, "answers"]["text"] == ["Cirrus"]
    studio = read_qa_json(_write(tmp_path, [_ls_task(1, [_label(25, 31)])], "ls.json"))
    assert studio.loc[0, "answers"] == {"text": ["Cirrus"], "answer_start": [25]}


def test_looks_like_squad():
    head = json.dumps(_squad([_qa("q1", "Who?", ("Cirrus", 25))]))
    assert looks_like_squad(head) and looks_like_squad(b"\xef\xbb\xbf" + head.encode())
    assert looks_like_squad('{"version": "1.1", "data": [{"paragraphs": [')
    assert not looks_like_squad('[{"text": "a", "label": "b"}]')
    assert not looks_like_squad('{"data": [{"text": "a", "label": "b"}]}')
    assert not looks_like_squad(b"text,label\nhello,pos\n")
    assert not looks_like_squad(b"\xff\xfe\x00")
    assert looks_like_label_studio_qa(json.dumps([_ls_task(1, [_label(25, 31)])]))
    assert not looks_like_label_studio_qa(head)


@pytest.mark.parametrize("data,expected", [
    ({"version": "1.1"}, "qa.json is not a SQuAD file"),
    ([1, 2], "qa.json is not a SQuAD file"),
    ({"data": ["x"]}, "qa.json, article 1: article should be an object."),
    ({"data": [{"paragraphs": {}}]}, "qa.json, article 1: paragraphs should be a list."),
    (_squad([], context=5), "qa.json, article 1, paragraph 1: context should be text."),
    (_squad([{"id": "q", "question": 3, "answers": []}]),
     "qa.json, article 1, paragraph 1, question 1: question should be text."),
    (_squad([{"id": "q", "question": "q?", "answers": [{"text": "a", "answer_start": "1"}]}]),
     "qa.json, article 1, paragraph 1, question 1: the answer start '1' is not a whole number."),
    (_squad([{"id": "q", "question": "q?", "answers": [{"answer_start": 1}]}]),
     "qa.json, article 1, paragraph 1, question 1: text should be text."),
    ({"data": [{"paragraphs": []}]}, "qa.json has no questions."),
])
def test_malformed_squad_files_are_refused_with_the_place(tmp_path, data, expected):
    message, fix = _refusal(read_qa_json, _write(tmp_path, data))
    assert message.startswith(expected) and fix


def test_refusals_read_in_chinese(tmp_path):
    with pytest.raises(UserError) as caught:
        read_qa_json(_write(tmp_path, _squad([], context=5)))
    message, fix = error_parts(caught.value, "zh")
    assert message == "qa.json，第 1 篇文章第 1 段：context 应当是文本。"
    assert fix.startswith("请按 SQuAD 的格式")


# ---- hostile files -------------------------------------------------------------------------

def test_deep_nesting_is_refused(tmp_path):
    path = _write(tmp_path, '{"data": ' + "[" * 5000 + "]" * 5000 + "}")
    message, _ = _refusal(read_qa_json, path)
    assert "nested" in message or str(limits.MAX_NESTING) in message


def test_a_file_declaring_too_many_questions_is_refused_before_reading_them(tmp_path):
    qas = "[" + ",".join(["0"] * (limits.MAX_ROWS + 1)) + "]"
    path = _write(tmp_path, '{"data": [{"paragraphs": [{"context": "c", "qas": ' + qas + "}]}]}")
    message, _ = _refusal(read_qa_json, path)
    assert "2,000,000" in message


def test_too_many_answers_and_long_numbers_are_refused(tmp_path):
    answers = [("a", 0)] * (MAX_ANSWERS + 1)
    message, _ = _refusal(read_qa_json, _write(tmp_path, _squad([_qa("q", "q?", *answers)])))
    assert f"{MAX_ANSWERS + 1:,} answers to one question" in message
    long = '{"data": [{"paragraphs": [{"context": "c", "qas": [{"answers": [{"answer_start": ' \
        + "9" * 5000 + "}]}]}]}]}"
    message, _ = _refusal(read_qa_json, _write(tmp_path, long, "long.json"))
    assert "5,000" in message and "digits" in message


def test_broken_json_is_refused_with_the_line(tmp_path):
    message, _ = _refusal(read_qa_json, _write(tmp_path, '{"data": [\n{"paragraphs": ]}'))
    assert "qa.json" in message and "line 2" in message


# ---- tables --------------------------------------------------------------------------------

def _table(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=str)


def test_a_table_with_answer_starts_reads_them_as_written():
    table = _table(passage=[CONTEXT, CONTEXT], ask=["Who?", "Shape?"],
                   reply=["Cirrus", "round"], at=["25", "52.0"], key=["a", ""])
    frame = table_frame(table, context="passage", question="ask", answer="reply",
                        answer_start="at", id="key", name="t.csv")
    assert frame["id"].tolist() == ["a", "row-2"]
    assert frame["answers"].tolist() == [{"text": ["Cirrus"], "answer_start": [25]},
                                         {"text": ["round"], "answer_start": [52]}]
    assert frame["title"].tolist() == ["", ""]


def test_a_table_without_starts_finds_them_and_counts_several_and_missing():
    context = "red, green, red and blue"
    table = _table(context=[context] * 4, question=["a?", "b?", "c?", "d?"],
                   answer=["green", "red", "purple", ""], start=["", "", "", ""])
    frame = table_frame(table, context="context", question="question", answer="answer",
                        answer_start="start", name="t.csv")
    assert [a["answer_start"] for a in frame["answers"]] == [[5], [0], [-1], []]
    assert frame.loc[3, "answers"] == {"text": [], "answer_start": []}
    assert frame.attrs["located"] == {"found": 2, "several": 1, "missing": 1,
                                      "examples": ["row-2"]}
    no_column = table_frame(table, context="context", question="question", answer="answer")
    assert no_column["answers"].tolist() == frame["answers"].tolist()


def test_table_refusals_name_the_column_and_the_row():
    table = _table(context=["abc"], question=["q?"], answer=["b"], start=["one"])
    message, fix = _refusal(table_frame, table, context="text", question="question",
                            answer="answer", name="t.csv")
    assert message == "t.csv has no column text."
    assert fix == "Choose one of these columns: context, question, answer, start."
    message, _ = _refusal(table_frame, table, context="context", question="question",
                          answer="answer", answer_start="start", name="t.csv")
    assert message == "t.csv, row 1: the answer start 'one' is not a whole number."
    message, _ = _refusal(table_frame, table.iloc[:0], context="context", question="question",
                          answer="answer", name="t.csv")
    assert message == "t.csv has no questions."


# ---- Label Studio --------------------------------------------------------------------------

def _label(start, end, text=None):
    value = {"start": start, "end": end, "labels": ["Answer"]}
    if text is not None:
        value["text"] = text
    return {"type": "labels", "from_name": "answer", "to_name": "context", "value": value}


def _ls_task(number, result, question="Who makes it?", key="context", **extra):
    return {"id": number, "data": {key: CONTEXT, "question": question},
            "annotations": [{"result": result, **extra}]}


def test_label_studio_spans_become_answers():
    tasks = [_ls_task(1, [_label(25, 31, "Cirrus"), _label(25, 41)]),
             _ls_task(2, [], question="What colour?", key="text"),
             {"id": 3, "data": {"context": CONTEXT, "question": "Shape?"}, "annotations": []},
             {"id": 4, "data": {"context": CONTEXT, "question": "Shape?"},
              "annotations": [{"was_cancelled": True, "result": [_label(0, 3)]},
                              {"result": [_label(52, 57)]}]}]
    frame = label_studio_frame(tasks, "ls.json")
    assert frame["id"].tolist() == ["1", "2", "4"]
    assert frame.loc[0, "answers"] == {"text": ["Cirrus", "Cirrus Home Labs"],
                                       "answer_start": [25, 25]}
    assert frame.loc[1, "answers"] == {"text": [], "answer_start": []}
    assert frame.loc[2, "answers"] == {"text": ["round"], "answer_start": [52]}
    assert frame.attrs["unannotated"] == 1


def test_label_studio_typed_answers_are_found_in_the_context():
    typed = {"type": "textarea", "value": {"text": ["round", "square"]}}
    frame = label_studio_frame([_ls_task(7, [typed])], "ls.json")
    assert frame.loc[0, "answers"] == {"text": ["round", "square"], "answer_start": [52, -1]}
    assert frame.attrs["located"]["found"] == 1 and frame.attrs["located"]["missing"] == 1


@pytest.mark.parametrize("tasks,expected", [
    ({"data": {}}, "ls.json is not a Label Studio export of answer spans"),
    ([{"text": "a"}], "ls.json is not a Label Studio export of answer spans"),
    ([_ls_task(1, [], question=None)], "ls.json, task 1 has no question"),
    ([{"data": {"question": "q?", "n": 3}, "annotations": [{"result": []}]}],
     "ls.json, task 1 has no context"),
    ([_ls_task(1, [{"type": "choices", "value": {"choices": ["yes"]}}])],
     "ls.json, task 1: the annotation holds only results of type choices"),
    ([_ls_task(1, [_label(60, 90)])],
     "ls.json, task 1: the answer span 60-90 is not inside the context (65 characters)."),
    ([_ls_task(1, [_label("a", 3)])], "ls.json, task 1: the answer span 'a'-3"),
    ([{"data": {"context": "c", "question": "q"}}], "ls.json has 1 task and it has no"),
])
def test_label_studio_refusals(tasks, expected):
    message, fix = _refusal(label_studio_frame, tasks, "ls.json")
    assert message.startswith(expected) and fix


# ---- built-in samples ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["qa_product.json", "qa_product_zh.json"])
def test_the_product_samples_read_with_exact_answer_starts(name):
    path = SAMPLES / name
    assert looks_like_squad(path.read_bytes()[:4096])
    frame = read_qa_json(path)
    assert len(frame) >= 60 and frame["id"].is_unique
    assert frame["context"].nunique() >= 8
    for context, answers in zip(frame["context"], frame["answers"]):
        assert answers["text"]
        for text, start in zip(answers["text"], answers["answer_start"]):
            assert context[start:start + len(text)] == text
    check = check_answers(frame)
    assert (check.not_in_context, check.misplaced, check.no_valid_answer) == (0, 0, 0)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == "1.1"


def test_the_chinese_sample_is_in_chinese():
    frame = read_qa_json(SAMPLES / "qa_product_zh.json")
    assert all(any("\u4e00" <= c <= "\u9fff" for c in q) for q in frame["question"])


# ---- real data -----------------------------------------------------------------------------

@pytest.mark.realdata
@pytest.mark.parametrize("parts,n", [
    (("squad", "train.json"), 7604), (("squad", "dev.json"), 1776),
    (("cmrc2018", "train.json"), 3219), (("cmrc2018", "test.json"), 1002),
])
def test_real_files_read_every_question(parts, n):
    path = shared_dataset(*parts)
    assert looks_like_squad(path.read_bytes()[:65536])
    frame = read_qa_json(path)
    assert len(frame) == n and frame["id"].is_unique
