"""Question answering through core.data's verbs: load_examples reads SQuAD, Label Studio and
table files (columns named or guessed, answer starts repaired), detect_task recognises them,
make_splits keeps each paragraph on one side, build_health_report judges the answers as the
file wrote them; the built-in QA samples; and the real SQuAD and CMRC 2018 files (skipped
where absent)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest
from support.datasets import shared_dataset

from core import data
from core.config import DataConfig, RunConfig
from core.data.examples import load_examples
from core.data.samples import get_sample
from core.data.squad import guess_qa_columns, looks_like_qa_header
from core.errors import UserError
from core.tasks import QUESTION_ANSWERING, TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION
from core.text import error_parts, use_language

CONTEXT = "The Nimbus T3 is made by Cirrus Home Labs. It has a round screen."
OTHER = "The Lark S5 cleans floors. It was designed in Hangzhou by Qinglan."


def _squad(paragraphs) -> dict:
    """paragraphs: [(context, [(id, question, [(text, start), ...]), ...]), ...]."""
    return {"version": "1.1", "data": [{"title": "Manual", "paragraphs": [
        {"context": context,
         "qas": [{"id": qid, "question": question,
                  "answers": [{"text": text, "answer_start": start} for text, start in answers]}
                 for qid, question, answers in qas]}
        for context, qas in paragraphs]}]}


def _write(folder: Path, name: str, content) -> Path:
    path = folder / name
    if isinstance(content, pd.DataFrame):
        if name.endswith(".csv"):
            content.to_csv(path, index=False)
        elif name.endswith(".xlsx"):
            content.to_excel(path, index=False)
        elif name.endswith(".parquet"):
            content.to_parquet(path, index=False)
        else:
            content.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content),
                        encoding="utf-8")
    return path


def _load(path: Path, **options):
    return load_examples(path, DataConfig(train=str(path), **options), QUESTION_ANSWERING)


def _splits(path: Path, seed: int = 42, **options):
    config = RunConfig(task=QUESTION_ANSWERING, data=DataConfig(train=str(path), **options))
    config.training.seed = seed
    return data.make_splits(config)


def _paragraphs(n: int, questions: int = 3) -> dict:
    """n paragraphs "Paragraph 3 says the answer is word3 here." with `questions` each."""
    paragraphs = []
    for p in range(n):
        context = f"Paragraph {p} says the answer is word{p} here."
        paragraphs.append((context, [(f"p{p}-q{q}", f"What does paragraph {p} say ({q})?",
                                      [(f"word{p}", context.find(f"word{p}"))])
                                     for q in range(questions)]))
    return _squad(paragraphs)


@pytest.fixture(scope="module")
def default_tokenizer():
    from core.models.loading import load_tokenizer  # lazy: loads transformers

    return load_tokenizer("default")


def _codes(report) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.code] = counts.get(finding.code, 0) + finding.count
    return counts


# ---- load_examples -------------------------------------------------------------------------

def test_squad_json_loads_one_row_per_question_with_a_row_number(tmp_path):
    path = _write(tmp_path, "qa.json", _squad([(CONTEXT, [
        ("q1", "Who makes it?", [("Cirrus Home Labs", 25)]),
        ("q2", "What shape is the screen?", [("round", 52)])])]))
    examples = _load(path)
    frame = examples.frame
    assert examples.task == QUESTION_ANSWERING and not examples.multi_label
    assert list(frame.columns) == ["id", "title", "context", "question", "answers", "row"]
    assert frame["row"].tolist() == [1, 2] and frame["title"].tolist() == ["Manual"] * 2
    assert frame["answers"][0] == {"text": ["Cirrus Home Labs"], "answer_start": [25]}
    assert frame.attrs["columns"] is None and frame.attrs["repaired"] == 0


def test_label_studio_qa_export_loads(tmp_path):
    tasks = [{"id": 7, "data": {"context": CONTEXT, "question": "Who makes it?"},
              "annotations": [{"result": [{"type": "labels", "value": {
                  "start": 25, "end": 41, "labels": ["Answer"]}}]}]}]
    frame = _load(_write(tmp_path, "ls.json", tasks)).frame
    assert frame["id"].tolist() == ["7"]
    assert frame["answers"][0] == {"text": ["Cirrus Home Labs"], "answer_start": [25]}


def test_a_table_with_guessed_english_columns(tmp_path):
    table = pd.DataFrame({"qid": ["a", "b"], "Passage": [CONTEXT, CONTEXT],
                          "Query": ["Who makes it?", "Is it square?"],
                          "answer_text": ["Cirrus Home Labs", ""]})
    frame = _load(_write(tmp_path, "qa.csv", table)).frame
    assert frame.attrs["columns"] == {"context": "Passage", "question": "Query",
                                      "answer": "answer_text", "answer_start": None,
                                      "id": "qid", "split": None, "title": None}
    assert frame["id"].tolist() == ["a", "b"] and frame["row"].tolist() == [1, 2]
    assert frame["answers"].tolist() == [{"text": ["Cirrus Home Labs"], "answer_start": [25]},
                                         {"text": [], "answer_start": []}]


def test_a_table_with_chinese_headers(tmp_path):
    table = pd.DataFrame({"段落": ["北京是中国的首都。"] * 2,
                          "问题": ["首都是哪里？", "哪个国家？"], "答案": ["北京", "中国"]})
    for name in ("qa.csv", "qa.jsonl", "qa.xlsx", "qa.parquet"):
        frame = _load(_write(tmp_path, name, table)).frame
        assert frame["answers"].tolist() == [{"text": ["北京"], "answer_start": [0]},
                                             {"text": ["中国"], "answer_start": [3]}], name
        assert frame.attrs["columns"]["context"] == "段落"


def test_jsonl_in_the_hugging_face_squad_layout(tmp_path):
    lines = [{"id": "a", "context": CONTEXT, "question": "Who makes it?",
              "answers": {"text": ["Cirrus Home Labs", "Cirrus"], "answer_start": [25, 25]}},
             {"id": "b", "context": CONTEXT, "question": "Is it square?",
              "answers": {"text": [], "answer_start": []}}]
    path = _write(tmp_path, "qa.jsonl", "\n".join(json.dumps(line) for line in lines))
    assert data.detect_task(path) == QUESTION_ANSWERING
    frame = _load(path).frame
    assert frame["answers"].tolist() == [line["answers"] for line in lines]
    lines[0]["answers"]["answer_start"] = ["25", 25]
    path = _write(tmp_path, "bad.jsonl", "\n".join(json.dumps(line) for line in lines))
    with pytest.raises(UserError) as caught:
        _load(path)
    assert error_parts(caught.value, "en")[0] == (
        "bad.jsonl, row 1: the answer start '25' is not a whole number.")


def test_the_data_settings_name_the_columns(tmp_path):
    table = pd.DataFrame({"body": [CONTEXT], "ask": ["Who makes it?"], "gold": ["Cirrus"],
                          "at": ["25"], "question": ["not this one"]})
    path = _write(tmp_path, "qa.csv", table)
    frame = _load(path, context_column="body", question_column="ask", answer_column="gold",
                  answer_start_column="at").frame
    assert frame["question"].tolist() == ["Who makes it?"]
    assert frame["answers"][0] == {"text": ["Cirrus"], "answer_start": [25]}
    with pytest.raises(UserError) as caught:
        _load(path, context_column="nope", question_column="ask", answer_column="gold")
    assert error_parts(caught.value, "en")[0] == "qa.csv has no column nope."


def test_guesses_from_names_only():
    assert guess_qa_columns(["Context", "Question", "Answer", "answer_start", "ID"]) == {
        "context": "Context", "question": "Question", "answer": "Answer",
        "answer_start": "answer_start", "id": "ID", "title": None, "split": None}
    assert looks_like_qa_header(["上下文", "问题", "答案"])
    assert not looks_like_qa_header(["text", "label"])
    assert not looks_like_qa_header(["context", "label"])
    assert not looks_like_qa_header(["question", "passage", "label"])  # a text pair, BoolQ


def test_a_file_that_is_not_question_answering_is_one_clear_refusal(tmp_path):
    path = _write(tmp_path, "reviews.csv", "text,label\ngood,pos\nbad,neg\n")
    with pytest.raises(UserError) as caught:
        _load(path)
    assert error_parts(caught.value, "en") == (
        "reviews.csv does not look like questions with answers: it has no context column "
        "(its columns: text, label).",
        "Name the context, question and answer columns in the data settings, or call them "
        "context, question and answer; SQuAD JSON and Label Studio exports are read as they "
        "are.")
    with use_language("zh"):
        assert "没有上下文列" in error_parts(caught.value, "zh")[0]
    with pytest.raises(UserError):
        _load(_write(tmp_path, "other.json", {"rows": [1, 2]}))


def test_answer_starts_pointing_elsewhere_are_repaired_and_counted(tmp_path):
    table = pd.DataFrame({
        "context": [CONTEXT, CONTEXT, CONTEXT, OTHER],
        "question": ["Who makes it?", "What shape?", "What is it?", "Where?"],
        "answer": ["Cirrus Home Labs", "round", "The", "Hangzhou"],
        "answer_start": ["3", "-1", "0", "-1"]})
    frame = _load(_write(tmp_path, "qa.csv", table)).frame
    assert frame.attrs["repaired"] == 3  # "The" points at itself already
    assert [a["answer_start"][0] for a in frame["answers"]] == [25, 52, 0, OTHER.find("Hangz")]
    assert sorted(frame.attrs["read_answers"]) == [1, 2, 4]
    assert frame.attrs["read_answers"][2] == {"text": ["round"], "answer_start": [-1]}
    report = data.build_health_report(_splits(_write(tmp_path, "two.csv", pd.concat(
        [table] + [pd.DataFrame({"context": [f"Line {i} is here."], "question": ["Which?"],
                                 "answer": ["here"], "answer_start": [""]}) for i in range(9)])
    )))
    codes = _codes(report)
    # judged as the file wrote them, the repair said once
    assert codes["misplaced"] == 1 and codes["negative_start"] == 2
    assert codes["answers_repaired"] == 3
    assert report.stats["answers"]["repaired"] == 3
    assert report.stats["answers"]["negative_start"] == 2
    assert not report.has_errors


def test_a_split_column_of_a_table(tmp_path):
    rows = []
    for p, part in enumerate(["train"] * 4 + ["validation", "test"]):
        context = f"Paragraph {p} names word{p}."
        rows += [(context, f"Which word ({q})?", f"word{p}", part) for q in range(2)]
    table = pd.DataFrame(rows, columns=["context", "question", "answer", "split"])
    splits = _splits(_write(tmp_path, "qa.csv", table))
    assert [len(p.frame) for p in splits.parts().values()] == [8, 2, 2]
    assert splits.labels == [] and "Splits taken from the column 'split'." in splits.notes


# ---- detect_task ---------------------------------------------------------------------------

def test_detect_question_answering_files(tmp_path):
    assert data.detect_task(_write(tmp_path, "s.json", _paragraphs(2))) == QUESTION_ANSWERING
    tasks = [{"id": 1, "data": {"context": CONTEXT, "question": "Who?"},
              "annotations": [{"result": []}]}]
    assert data.detect_task(_write(tmp_path, "ls.json", tasks)) == QUESTION_ANSWERING
    table = pd.DataFrame({"Context": [CONTEXT], "Question": ["Who?"], "Answer": ["Cirrus"]})
    for name in ("t.csv", "t.jsonl", "t.xlsx", "t.parquet"):
        assert data.detect_task(_write(tmp_path, name, table)) == QUESTION_ANSWERING, name
    assert data.detect_task(_write(tmp_path, "t.tsv", "上下文\t问题\t答案\n北京\t哪里\t北京\n")) \
        == QUESTION_ANSWERING


def test_detect_leaves_other_files_alone(tmp_path):
    ner = [{"data": {"text": "Alice went to Paris"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}]
    assert data.detect_task(_write(tmp_path, "ner.json", ner)) == TOKEN_CLASSIFICATION
    assert data.detect_task(_write(tmp_path, "r.csv", "text,label\nquestion,context\n")) \
        == TEXT_CLASSIFICATION
    boolq = "question,passage,label\nis it round?,The screen is round.,true\n"
    assert data.detect_task(_write(tmp_path, "boolq.csv", boolq)) == TEXT_CLASSIFICATION
    table = pd.DataFrame({"text": ["a"], "label": ["b"]})
    assert data.detect_task(_write(tmp_path, "r.xlsx", table)) == TEXT_CLASSIFICATION
    assert data.detect_task(_write(tmp_path, "broken.xlsx", "not a zip")) == TEXT_CLASSIFICATION


# ---- make_splits ---------------------------------------------------------------------------

def test_held_out_parts_keep_each_paragraph_on_one_side_and_follow_the_seed(tmp_path):
    path = _write(tmp_path, "qa.json", _paragraphs(30))
    splits = _splits(path, seed=1)
    contexts = {name: set(part.frame["context"]) for name, part in splits.parts().items()}
    assert not contexts["train"] & contexts["validation"]
    assert not contexts["train"] & contexts["test"]
    assert not contexts["validation"] & contexts["test"]
    assert sum(len(p.frame) for p in splits.parts().values()) == 90
    assert len(splits.validation.frame) == 9 and len(splits.test.frame) == 9
    assert splits.labels == []
    assert splits.notes == [
        "No validation file: 9 of 90 training examples (10%) were held out for validation, by "
        "whole paragraphs at random, seed 1.",
        "No test file: 9 of 90 training examples (10%) were held out for the final test, by "
        "whole paragraphs at random, seed 1."]
    again = _splits(path, seed=1)
    assert again.validation.frame["id"].tolist() == splits.validation.frame["id"].tolist()
    other = _splits(path, seed=2)
    assert other.validation.frame["id"].tolist() != splits.validation.frame["id"].tolist()


def test_two_paragraphs_make_train_and_validation_one_is_refused(tmp_path):
    splits = _splits(_write(tmp_path, "two.json", _paragraphs(2)))
    assert len(splits.train.frame) == len(splits.validation.frame) == 3
    assert splits.test is None
    assert splits.notes[-1] == ("With only 6 examples there is no separate test set: the final "
                                "scores are measured on the validation set.")
    with pytest.raises(UserError) as caught:
        _splits(_write(tmp_path, "one.json", _paragraphs(1)))
    assert "paragraph" in " ".join(error_parts(caught.value, "en")).lower()


def test_validation_and_test_files_are_read_with_the_training_columns(tmp_path):
    def table(prefix):
        return pd.DataFrame({"body": [f"{prefix} {i} names word{i}." for i in range(4)],
                             "ask": ["Which word?"] * 4,
                             "gold": [f"word{i}" for i in range(4)],
                             "question": ["decoy"] * 4})
    train = _write(tmp_path, "train.csv", table("Train"))
    config = RunConfig(task=QUESTION_ANSWERING, data=DataConfig(
        train=str(train), validation=str(_write(tmp_path, "val.csv", table("Val"))),
        test=str(_write(tmp_path, "test.csv", table("Test"))),
        context_column="body", question_column="ask", answer_column="gold"))
    splits = data.make_splits(config)
    for part in splits.parts().values():
        assert part.frame["question"].tolist() == ["Which word?"] * 4
    assert splits.notes == []


# ---- build_health_report -------------------------------------------------------------------

def test_the_report_checks_answers_and_leaks_and_skips_the_text_checks(tmp_path):
    train = _paragraphs(6)
    train["data"][0]["paragraphs"][0]["qas"][0]["answers"][0]["text"] = "nowhere"
    validation = _paragraphs(2)
    config = RunConfig(task=QUESTION_ANSWERING, data=DataConfig(
        train=str(_write(tmp_path, "train.json", train)),
        validation=str(_write(tmp_path, "val.json", validation)), test_fraction=0.0))
    splits = data.make_splits(config)
    report = data.build_health_report(splits)
    codes = _codes(report)
    assert codes["not_in_context"] == 1 and codes["no_valid_answer"] == 1
    assert codes["context_leak"] == 6  # val.json's two paragraphs are in train.json
    assert not {"duplicates", "split_overlap", "conflicting_labels"} & set(codes)
    assert report.stats["answers"]["questions"] == 24
    assert "windows" not in report.stats and report.stats["unk_rate"] is None


def test_held_out_parts_are_named_in_the_findings(tmp_path):
    qa = _paragraphs(30)
    for paragraph in qa["data"][0]["paragraphs"]:
        paragraph["qas"][0]["answers"][0]["text"] = "nowhere"
    splits = _splits(_write(tmp_path, "qa.json", qa))
    sources = {f.message.split(",")[0] for f in data.build_health_report(splits).findings
               if f.code == "not_in_context"}
    assert sources == {"In qa.json", "In qa.json (validation)", "In qa.json (test)"}


def test_with_a_tokenizer_windows_and_unknown_tokens_are_reported(tmp_path, default_tokenizer):
    long = " ".join(f"word{i}" for i in range(300)) + " the end."
    qa = _squad([(long, [("q1", "How does it end?", [("the end.", len(long) - 8)])]),
                 (CONTEXT, [("q2", "Who makes it?", [("Cirrus Home Labs", 25)])]),
                 (OTHER, [("q3", "Where?", [("Hangzhou", OTHER.find("Hangzhou"))])])])
    splits = _splits(_write(tmp_path, "qa.json", qa), validation_fraction=0.3,
                     test_fraction=0.0)
    report = data.build_health_report(splits, default_tokenizer, max_length=128,
                                      max_answer_length=2)
    windows = report.stats["windows"]
    assert set(windows) == {"contexts", "longer", "windows", "most"}
    assert windows["contexts"] == len(set(splits.train.frame["context"]))
    assert report.stats["unk_rate"] is not None and report.stats["unk_rate"] < 0.05
    codes = _codes(report)
    assert "truncation" not in codes and "token_lengths" not in codes
    assert "long_answers" in codes  # "Cirrus Home Labs" is more than 2 tokens
    assert not report.has_errors


def test_a_long_question_does_not_break_the_report(tmp_path, default_tokenizer):
    question = "why " * 400
    qa = _squad([(CONTEXT, [("q1", question, [("Cirrus", 25)])]),
                 (OTHER, [("q2", "Where?", [("Hangzhou", OTHER.find("Hangzhou"))])])])
    splits = _splits(_write(tmp_path, "qa.json", qa), test_fraction=0.0)
    report = data.build_health_report(splits, default_tokenizer, max_length=64)
    assert report.stats["windows"]["most"] >= 1


# ---- the built-in samples ------------------------------------------------------------------

@pytest.mark.parametrize("key, language", [("qa-product", "en"), ("qa-product-zh", "zh")])
def test_the_question_answering_samples_load_with_a_clean_report(key, language,
                                                                  default_tokenizer):
    sample = get_sample(key)
    assert sample.task == QUESTION_ANSWERING and sample.language == language
    assert data.detect_task(sample.path) == QUESTION_ANSWERING
    for code in ("en", "zh"):
        assert sample.title_in(code) and sample.description_in(code)
    splits = data.make_splits(RunConfig(task=sample.task,
                                        data=DataConfig(train=str(sample.path))))
    assert len(splits.validation.frame) and len(splits.test.frame)
    report = data.build_health_report(splits, default_tokenizer, max_length=384)
    assert not report.has_errors, report.to_text()
    assert report.stats["answers"]["not_in_context"] == 0
    assert report.stats["windows"]["contexts"] >= 1


# ---- real data -----------------------------------------------------------------------------

@pytest.mark.realdata
def test_cmrc2018_and_squad_train_counts_in_the_health_report():
    started = time.monotonic()
    cmrc = shared_dataset("cmrc2018", "train.json")
    report = data.build_health_report(_splits(cmrc))
    answers = report.stats["answers"]
    assert (answers["questions"], answers["negative_start"], answers["repaired"],
            answers["no_valid_answer"], answers["not_in_context"]) == (3219, 193, 7, 3, 193)
    codes = _codes(report)
    assert (codes["negative_start"], codes["answers_repaired"], codes["no_valid_answer"],
            codes["misplaced"]) == (193, 7, 3, 7)
    assert not report.has_errors
    squad = data.build_health_report(_splits(shared_dataset("squad", "train.json")))
    assert squad.stats["answers"]["repaired"] == 0
    assert squad.stats["answers"]["misplaced"] == squad.stats["answers"]["negative_start"] == 0
    assert "answers_repaired" not in _codes(squad)
    assert time.monotonic() - started < 20
