"""An exported zip, unzipped and loaded with `transformers.pipeline`, answers like the app.

The app's answers come from core.predict.inference.Predictor (the playground, batch prediction and
compare all use it); the zip is what a user takes away. Both must agree on the same texts.
"""

from __future__ import annotations

import zipfile

import pytest
from support.tiny_runs import install_run

from core.predict.inference import Predictor
from core.serve.export import export_run, prepared_export

TEXTS = ["the film was great and the cast too", "the plot was awful and boring",
         "Wonderful acting!", "a dreadful, poor ending", "", "ok"]
NER_TEXTS = ["Alice Smith went to Paris .", "Bob Smith went to Tokyo.",
             "Carol and Dave Smith visited Berlin, then Lima", "nothing here", "Dave"]


def _unzip(run_dir, tmp_path):
    archive = export_run(run_dir, tmp_path / "export.zip")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        zf.extractall(folder)
    assert {"README.md", "config.json", "model.safetensors", "eval.json",
            "run_config.json"} <= names
    assert any(n.startswith("tokenizer") for n in names)
    return folder


def test_classification_export_matches_the_app(tiny_model_dir, tmp_path_factory, tmp_path):
    from transformers import pipeline

    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    folder = _unzip(run_dir, tmp_path)
    classifier = pipeline("text-classification", model=str(folder), device=-1)
    expected = Predictor(run_dir).predict(TEXTS)
    got = classifier(TEXTS)
    assert [g["label"] for g in got] == [e["label"] for e in expected]
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-4)


def test_multi_label_export_matches_the_app(tiny_model_dir, tmp_path_factory, tmp_path):
    from transformers import pipeline

    run_dir = install_run("multi_label", tiny_model_dir, tmp_path_factory)
    folder = _unzip(run_dir, tmp_path)
    classifier = pipeline("text-classification", model=str(folder), device=-1, top_k=None)
    predictor = Predictor(run_dir)
    texts = ["review about food", "review about service", "review about food and service"]
    for _text, expected, scores in zip(texts, predictor.predict(texts, top_k=10),
                                      classifier(texts)):
        chosen = sorted(s["label"] for s in scores if s["score"] >= predictor.threshold)
        assert chosen == sorted(expected["labels"])


def test_ner_export_matches_the_app(tiny_model_dir, tmp_path_factory, tmp_path):
    from transformers import pipeline

    run_dir = install_run("ner", tiny_model_dir, tmp_path_factory)
    folder = _unzip(run_dir, tmp_path)
    tagger = pipeline("token-classification", model=str(folder), device=-1,
                      aggregation_strategy="first")
    predicted = Predictor(run_dir).predict(NER_TEXTS)
    assert any(p["entities"] for p in predicted), "the tiny model should find some entities"
    for text, expected, got in zip(NER_TEXTS, predicted, tagger(NER_TEXTS)):
        app = [(e["type"], e["start"], e["end"]) for e in expected["entities"]]
        exported = [(g["entity_group"], g["start"], g["end"]) for g in got]
        assert exported == app, text
        assert [g["score"] for g in got] == pytest.approx(
            [e["score"] for e in expected["entities"]], abs=1e-4)


def test_prepared_export_is_reused_until_the_run_changes(tiny_model_dir, tmp_path_factory,
                                                         tmp_path):
    import os
    import time

    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    first = prepared_export(run_dir, tmp_path)
    made = first.stat().st_mtime
    assert prepared_export(run_dir, tmp_path).stat().st_mtime == made
    later = time.time() + 5
    os.utime(run_dir / "eval.json", (later, later))
    assert prepared_export(run_dir, tmp_path).stat().st_mtime > made


def test_the_card_s_usage_sample_comes_from_the_task():
    from core.serve.export import _usage

    def say(key):
        return {"card.usage.example_text": "hi", "card.usage.example_question": "Who?",
                "card.usage.example_context": "Kari did."}[key]

    assert _usage("text-classification", say, {})[3:5] == [
        'classifier = pipeline("text-classification", model="path/to/unzipped/folder")',
        'print(classifier("hi"))']
    assert _usage("token-classification", say, {})[3] == (
        'classifier = pipeline("token-classification", model="path/to/unzipped/folder", '
        'aggregation_strategy="first")')
    # a run saved without a task name reads as text classification
    assert _usage("", say, {})[3] == _usage("text-classification", say, {})[3]
    # answer spans: a question and a context, with the run's window, overlap, longest answer
    resolved = {"max_length": 256, "stride": 64, "max_answer_length": 40}
    assert _usage("question-answering", say, resolved)[3:5] == [
        'answerer = pipeline("question-answering", model="path/to/unzipped/folder")',
        'print(answerer(question="Who?", context="Kari did.", max_seq_len=256, doc_stride=64, '
        'max_answer_len=40, align_to_words=False))']
