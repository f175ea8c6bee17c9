"""The question-answering reference script (bench/references/qa_reference.py): a real run on a
tiny BERT and a tiny SQuAD file, and its own copy of the official SQuAD v1.1 scores."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "references" / "qa_reference.py"

PARAGRAPHS = [
    ("The pump stops when the tank is full. A float switch inside the tank cuts the power to the "
     "motor. Reset the switch by pressing the red button on the side of the housing for three "
     "seconds. The green light shows that the pump is ready again.",
     [("What cuts the power to the motor?", "A float switch"),
      ("Which button resets the switch?", "the red button"),
      ("How long do you press the button?", "three seconds"),
      ("What shows that the pump is ready?", "The green light")]),
    ("Clean the filter every two weeks with warm water. Do not use soap, because it damages the "
     "membrane. Replace the filter after six months or when the flow drops below two litres per "
     "minute. Spare filters are sold by the manufacturer in Lyon.",
     [("How often should the filter be cleaned?", "every two weeks"),
      ("Why should soap not be used?", "it damages the membrane"),
      ("When should the filter be replaced?", "after six months"),
      ("Where is the manufacturer?", "Lyon")]),
    ("The heater warms the water to forty degrees in about ten minutes. Its thermostat is set "
     "with the dial on the front panel. When the red lamp blinks, the heater has found a fault "
     "and switches itself off until the fault is cleared by a technician.",
     [("How warm does the heater make the water?", "forty degrees"),
      ("How is the thermostat set?", "with the dial on the front panel"),
      ("What does a blinking red lamp mean?", "the heater has found a fault"),
      ("Who clears the fault?", "a technician")]),
]


def write_squad(path: Path) -> int:
    paragraphs, count = [], 0
    for context, questions in PARAGRAPHS:
        qas = []
        for question, answer in questions:
            start = context.index(answer)
            qas.append({"id": f"q{count}", "question": question,
                        "answers": [{"text": answer, "answer_start": start}]})
            count += 1
        paragraphs.append({"context": context, "qas": qas})
    path.write_text(json.dumps({"version": "1.1", "data": [
        {"title": "Manual", "paragraphs": paragraphs}]}), encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("qa_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_trains_predicts_and_scores_a_tiny_squad_file(tmp_path, tiny_model_dir):
    data = tmp_path / "squad.json"
    questions = write_squad(data)
    output = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--train", str(data), "--validation", str(data),
         "--model", str(tiny_model_dir), "--max-length", "64", "--stride", "16",
         "--epochs", "1", "--batch-size", "8", "--lr", "1e-4", "--seed", "7",
         "--threads", "1", "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    printed = json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])
    written = json.loads((output / "result.json").read_text(encoding="utf-8"))
    assert printed == written
    for key in ("exact_match", "f1"):
        assert isinstance(written[key], float) and 0.0 <= written[key] <= 100.0
        assert written["test"][key] == written[key]
    assert written["f1"] >= written["exact_match"]
    assert written["train_questions"] == written["eval_questions"] == questions
    # every context is longer than 64 tokens with its question, so each gives several windows
    assert written["train_windows"] > questions and written["eval_windows"] > questions
    assert written["train_seconds"] > 0 and written["train_windows_per_s"] > 0
    assert written["eval_seconds"] > 0 and written["wall_seconds"] >= written["train_seconds"]
    assert written["device"] == "cpu" or written["settings"]["bf16"] or written["settings"]["fp16"]
    expected = {"max_length": 64, "stride": 16, "max_answer_length": 30, "epochs": 1.0,
                "learning_rate": 1e-4, "batch_size": 8, "seed": 7, "threads": 1}
    assert {key: written["settings"][key] for key in expected} == expected


def test_the_limits_take_the_first_questions(tmp_path, reference):
    data = tmp_path / "squad.json"
    write_squad(data)
    rows = reference.read_squad(data, 5)
    assert [row["id"] for row in rows] == ["q0", "q1", "q2", "q3", "q4"]
    assert rows[4]["answers"] == {"text": ["every two weeks"],
                                  "answer_start": [PARAGRAPHS[1][0].index("every two weeks")]}
    assert rows[0]["title"] == "Manual"


def test_the_official_squad_scores_by_hand(reference):
    assert reference.normalize_answer("The  Red, button!") == "red button"
    assert reference.normalize_answer("an apple a day") == "apple day"
    assert reference.exact_match_score("the red button", "Red button.")
    assert not reference.exact_match_score("red", "red button")
    # prediction "red button now" vs gold "the red button": 2 common, P 2/3, R 2/2, F1 0.8
    assert reference.f1_score("red button now", "the red button") == pytest.approx(0.8)
    assert reference.f1_score("blue", "red button") == 0
    golds = {"a": ["the red button", "red switch"], "b": ["three seconds"],
             "c": ["Lyon"], "d": ["forty degrees"]}
    predictions = {"a": "red switch", "b": "three long seconds", "c": "Paris"}  # d missing
    # EM: a 1, b 0, c 0, d 0 -> 25; F1: a 1, b 2*(2/3*1)/(2/3+1)=0.8, c 0, d 0 -> 45
    scores = reference.evaluate(golds, predictions)
    assert scores["exact_match"] == pytest.approx(25.0)
    assert scores["f1"] == pytest.approx(45.0)


def test_the_best_span_is_searched_over_all_windows(reference):
    context = "alpha beta gamma delta"
    examples = [{"id": "x", "context": context}]
    offsets = [None, (0, 5), (6, 10), (11, 16), (17, 22)]
    features = {"example_id": ["x", "x"], "offset_mapping": [offsets, offsets]}
    start = [[9.0, 0.0, 1.0, 0.0, 0.0], [9.0, 0.0, 0.0, 5.0, 0.0]]
    end = [[9.0, 0.0, 1.0, 0.0, 0.0], [9.0, 0.0, 0.0, 4.0, 5.0]]
    # the CLS token (no offsets) is never an answer; the second window's span wins
    assert reference.postprocess_qa_predictions(examples, features, start, end, 20, 30) == {
        "x": "gamma delta"}
    # a span longer than max_answer_length tokens is not allowed
    assert reference.postprocess_qa_predictions(examples, features, start, end, 20, 1) == {
        "x": "gamma"}
