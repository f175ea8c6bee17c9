"""The HTTP API of an entity run: InferenceClient.token_classification and every
aggregation strategy answer as transformers' token-classification pipeline does on the run's
export (field names, words, character spans; scores within float tolerance)."""

from __future__ import annotations

import pytest
from test_server import inference_client, post, served_run

from core.serve.shapes import STRATEGIES

TEXTS = ["Alice Smith went to Paris .", "Bob Smith went to Tokyo.",
         "Carol and Dave Smith visited Berlin, then Lima", "nothing here", "Dave"]


@pytest.fixture(scope="module")
def server(tiny_model_dir, tmp_path_factory):
    from transformers import pipeline

    context, export = served_run("ner", tiny_model_dir, tmp_path_factory)
    tagger = pipeline("token-classification", model=str(export), device=-1)
    with context as url:
        yield url, tagger


def _same(got, expected):
    assert len(got) == len(expected), (got, expected)
    for g, e in zip(got, expected):
        assert {k: v for k, v in g.items() if k != "score"} == \
            {k: (int(v) if k in ("start", "end", "index") else v)
             for k, v in e.items() if k != "score"}
        assert g["score"] == pytest.approx(float(e["score"]), abs=1e-5)


def test_the_inference_client_gets_the_pipelines_entities(server, monkeypatch):
    url, tagger = server
    client = inference_client(url, monkeypatch)
    for text in TEXTS:
        got = [dict(e.items()) for e in client.token_classification(text)]
        got = [{k: v for k, v in g.items() if v is not None} for g in got]
        _same(got, tagger(text, aggregation_strategy="first"))  # the model card's choice


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_aggregation_strategy_answers_as_the_pipeline(server, strategy):
    url, tagger = server
    status, answer = post(url, {"inputs": TEXTS,
                                "parameters": {"aggregation_strategy": strategy}})
    assert status == 200
    expected = tagger(TEXTS, aggregation_strategy=strategy)
    for got, wanted in zip(answer, expected):
        _same(got, wanted)
    status, single = post(url, {"inputs": TEXTS[0],
                                "parameters": {"aggregation_strategy": strategy.upper()}})
    assert status == 200 and single == answer[0]


def test_ignore_labels_and_the_wrong_shape_for_entities(server):
    url, tagger = server
    status, answer = post(url, {"inputs": TEXTS[0], "parameters": {
        "aggregation_strategy": "none", "ignore_labels": []}})
    assert status == 200
    _same(answer, tagger(TEXTS[0], aggregation_strategy="none", ignore_labels=[]))
    status, refused = post(url, {"inputs": {"text": "a", "text_pair": "b"}})
    assert status == 422 and refused["field"] == "inputs"
    status, refused = post(url, {"inputs": "a", "parameters": {"top_k": 2}})
    assert status == 422 and refused["field"] == "parameters.top_k"
    status, refused = post(url, {"inputs": "a", "parameters": {"aggregation_strategy": "mean"}})
    assert status == 422 and refused["field"] == "parameters.aggregation_strategy"
