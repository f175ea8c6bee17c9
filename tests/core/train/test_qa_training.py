"""Question answering through the whole core path with the tiny model: the CLI trains a run on
the built-in QA sample, answers questions about a context and a file of rows, scores a file,
and exports a zip that transformers.pipeline("question-answering") loads and answers with as
the app does; the parts in between (evaluation order, logits of answer spans, the overlap
baseline and its paired comparison, long contexts in windows) on their own."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.data.samples import SAMPLES_DIR
from core.tasks import QUESTION_ANSWERING, get_task
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = SAMPLES_DIR / "qa_product.json"
CONTEXT = ("The Lumio desk lamp charges over USB-C in two hours. Its battery lasts twelve hours "
           "at full brightness. The lamp was designed in Oslo by Kari Berg.")
QUESTIONS = ["How long does the battery last?", "Who designed the lamp?",
             "Where was the lamp designed?"]


def _cli(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ))


@pytest.fixture(scope="module")
def qa_run(tiny_model_dir, tmp_path_factory):
    """One CLI training run of the tiny model on the QA sample (its own workspace)."""
    workspace = tmp_path_factory.mktemp("qa-workspace")
    previous = os.environ.get("FINETUNE_STUDIO_WORKSPACE")
    os.environ["FINETUNE_STUDIO_WORKSPACE"] = str(workspace)
    try:
        result = _cli("train", "--data", str(SAMPLE), "--task", QUESTION_ANSWERING, "--model",
                      str(tiny_model_dir), "--preset", "quick", "--epochs", "2",
                      "--learning-rate", "0.003", "--json")
    finally:
        if previous is None:
            os.environ.pop("FINETUNE_STUDIO_WORKSPACE", None)
        else:
            os.environ["FINETUNE_STUDIO_WORKSPACE"] = previous
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_cli_trains_a_question_answering_run(qa_run):
    assert qa_run["state"] == "completed"
    assert {"exact_match", "f1"} <= set(qa_run["test"])
    run_dir = Path(qa_run["run_dir"])
    evaluation = json.loads(RunFolder(run_dir).evaluation.read_text())
    assert evaluation["task"] == QUESTION_ANSWERING and evaluation["labels"] == []
    assert evaluation["best_metric"] == "f1"
    assert evaluation["calibration"]["reason"] == "not_calibrated"
    assert evaluation["n_train_features"] >= evaluation["n_train"]
    overlap = evaluation["baselines"]["overlap"]
    assert 0.0 <= overlap["f1"] <= 1.0 and len(overlap["predicted"]) == evaluation["n_test"]
    resolved = json.loads(RunFolder(run_dir).config.read_text())["resolved_training"]
    assert resolved["stride"] == resolved["max_length"] // 4 and resolved["max_answer_length"] >= 30
    records = [json.loads(line) for line in RunFolder(run_dir).predictions("test").open()]
    assert len(records) == evaluation["n_test"]
    assert {"id", "question", "gold", "predicted", "start", "f1",
            "question_type"} <= set(records[0])
    assert np.isclose(np.mean([r["f1"] for r in records]), evaluation["test"]["f1"])
    curve = [json.loads(line) for line in RunFolder(run_dir).metrics.open()]
    assert any(point["type"] == "eval" and {"f1", "exact_match", "loss"} <= set(point)
               for point in curve)


def test_the_cli_answers_questions_about_a_context(qa_run, tmp_path):
    run_dir = qa_run["run_dir"]
    result = _cli("predict", run_dir, "--question", *QUESTIONS, "--context", CONTEXT)
    assert result.returncode == 0, result.stderr[-2000:]
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == QUESTIONS
    for answer in answers:
        assert answer["no_answer"] is False and answer["text"]
        assert CONTEXT[answer["start"]:answer["end"]] == answer["text"]
        assert 0.0 < answer["score"] <= 1.0 and 1 <= len(answer["alternatives"]) <= 3

    rows = tmp_path / "questions.csv"
    rows.write_text("question,context\n" + "".join(f'"{q}","{CONTEXT}"\n' for q in QUESTIONS)
                    + '"Empty?",""\n', encoding="utf-8")
    out = tmp_path / "answers.csv"
    done = _cli("predict", run_dir, "--input", str(rows), "--output", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    table = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["question"] for r in table] == [*QUESTIONS, "Empty?"]
    assert {"answer", "answer_start", "score"} <= set(table[0])
    for row, answer in zip(table, answers):
        assert row["answer"] == answer["text"] and int(row["answer_start"]) == answer["start"]
    assert table[-1]["answer"] == ""  # a row without a context is left unanswered

    labels_only = _cli("predict", run_dir, "--text", "a question without a context")
    assert labels_only.returncode == 2 and "Traceback" not in labels_only.stderr


def test_the_cli_scores_a_file_and_the_export_answers_through_pipeline(qa_run, tmp_path):
    run_dir = qa_run["run_dir"]
    scored = _cli("evaluate", run_dir, "--data", str(SAMPLE), "--json")
    assert scored.returncode == 0, scored.stderr[-2000:]
    report = json.loads(scored.stdout)
    assert report["n"] == 64 and 0.0 <= report["exact_match"] <= report["f1"] <= 1.0

    exported = _cli("export", run_dir, "--output", str(tmp_path / "qa.zip"))
    assert exported.returncode == 0, exported.stderr[-2000:]
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(tmp_path / "qa.zip") as archive:
        archive.extractall(folder)
    card = (folder / "README.md").read_text()
    assert 'pipeline("question-answering"' in card and "question=" in card
    assert "max_answer_len=" in card and "doc_stride=" in card

    from core.predict.inference import Predictor
    from core.serve.export import pipeline_call_kwargs

    resolved = RunFolder(Path(run_dir)).read_record().resolved_training
    mine = Predictor(Path(run_dir)).answer(QUESTIONS, [CONTEXT] * len(QUESTIONS))
    theirs = _pipeline_answers(folder, QUESTIONS, CONTEXT, pipeline_call_kwargs(resolved))
    assert [(t["answer"], t["start"], t["end"]) for t in theirs] == [
        (m["text"], m["start"], m["end"]) for m in mine]


PIPELINE_PATH = ROOT / ".venv" / "transformers4"
PIPELINE_SCRIPT = """
import json, sys
import transformers
from transformers import pipeline
folder, questions, context, settings = json.loads(sys.stdin.read())
answerer = pipeline("question-answering", model=folder, device=-1)
print(transformers.__version__)
print(json.dumps([answerer(question=q, context=context, **settings) for q in questions]))
"""


def _pipeline_answers(folder, questions, context, settings):
    """transformers.pipeline("question-answering") on the unzipped export. transformers 5
    removed that pipeline, so it runs in transformers 4 (make install-test puts it in
    .venv/transformers4, off the app's path) with the app's torch."""
    if not (PIPELINE_PATH / "transformers").is_dir():
        pytest.skip(f"{PIPELINE_PATH} is absent: `make install-test` installs the transformers "
                    "that still has the question-answering pipeline")
    done = subprocess.run([sys.executable, "-c", PIPELINE_SCRIPT], capture_output=True,
                          text=True, timeout=300, cwd=ROOT,
                          input=json.dumps([str(folder), questions, context, settings]),
                          env={**os.environ, "PYTHONPATH": str(PIPELINE_PATH)})
    assert done.returncode == 0, done.stderr[-3000:]
    version, answers = done.stdout.strip().splitlines()[-2:]
    assert version.startswith("4.")
    return json.loads(answers)


def test_a_context_of_tens_of_thousands_of_characters_is_read_in_windows(qa_run):
    from core.predict.inference import Predictor

    filler = " ".join(f"Paragraph {i} talks about shelves, cables and boxes." for i in range(600))
    long_context = f"{filler} The warranty lasts five years. {filler}"
    assert len(long_context) > 60_000
    predictor = Predictor(Path(qa_run["run_dir"]))
    [answer] = predictor.answer(["How long is the warranty?"], [long_context], top_k=2)
    assert answer["text"] == long_context[answer["start"]:answer["end"]] and answer["text"]
    with pytest.raises(Exception, match="contexts"):
        predictor.answer(["one", "two"], [CONTEXT])


def test_evaluation_keeps_the_windows_in_dataset_order(qa_run):
    """The Trainer groups evaluation batches by length when training does; answer spans are
    matched to their windows by position, so the evaluation sampler keeps the order."""
    from torch.utils.data import SequentialSampler
    from transformers import TrainingArguments

    from core.train.sampling import ResumableTrainer

    args = TrainingArguments(output_dir="unused", train_sampling_strategy="group_by_length",
                             use_cpu=True, report_to="none")
    trainer = ResumableTrainer.__new__(ResumableTrainer)
    trainer.args = args
    assert isinstance(trainer._get_eval_sampler(list(range(10))), SequentialSampler)


def test_the_overlap_baseline_is_compared_answer_by_answer(qa_run):
    from core.evaluate.baseline import compared_with_model
    from core.workspace import runs

    run_dir = Path(qa_run["run_dir"])
    evaluation = runs.read_eval(run_dir)
    records = [json.loads(line) for line in RunFolder(run_dir).predictions("test").open()]
    task = get_task(QUESTION_ANSWERING, [])
    difference = compared_with_model(evaluation, records, task, "f1")["overlap"]
    assert difference.paired and difference.n == evaluation["n_test"]
    assert np.isclose(difference.score_a, evaluation["test"]["f1"])
    assert np.isclose(difference.score_b, evaluation["baselines"]["overlap"]["f1"])


def test_answer_logits_come_back_stacked_for_every_window(tiny_model_dir):
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from core.predict.inference import dataset_logits

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = AutoModelForQuestionAnswering.from_pretrained(tiny_model_dir)
    task = get_task(QUESTION_ANSWERING, [])
    frame = pd.DataFrame({"id": ["a", "b"], "title": "", "context": [CONTEXT, CONTEXT * 4],
                          "question": QUESTIONS[:2],
                          "answers": [{"text": ["twelve hours"], "answer_start": [71]}] * 2})
    features = task.encode(frame, tokenizer, 48)
    assert {"start_positions", "example_id", "offset_mapping"} <= set(features.column_names)
    logits, labels = dataset_logits(model, features, task.collator(tokenizer), 4)
    assert logits.shape == (len(features), max(features["length"]), 2)
    assert (labels == -100).all()
    report, records = task.report(frame, logits, labels, features=features)
    assert report["n"] == 2 and len(records) == 2
