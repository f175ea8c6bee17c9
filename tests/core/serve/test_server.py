"""The HTTP API of a classification run on a real uvicorn server on a loopback port:
huggingface_hub's InferenceClient and plain HTTP get what transformers.pipeline answers on the
run's export, concurrent requests are answered together, malformed requests get a 4xx JSON
error naming the field (never a traceback) and the server keeps serving; /health, /info,
/docs and /openapi.json.
"""

from __future__ import annotations

import json
import shutil
import threading
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.tiny_runs import trained_run

from core.serve.export import export_run
from core.serve.formats import open_model
from core.serve.server import create_app, running_in_thread

TEXTS = ["the film was great and the cast too", "the plot was awful and boring",
         "Wonderful acting!", "a dreadful, poor ending", "ok"]
LIMITS = {"max_body_bytes": 20_000, "max_text_chars": 1_000, "max_inputs": 16}


def post(url, body, headers=None):
    """(status, parsed JSON answer) of a POST with a JSON (or raw bytes) body."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    return _answer(request)


def get(url, headers=None):
    return _answer(urllib.request.Request(url, headers=headers or {}))


def _answer(request):
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            raw = answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    text = raw.decode()
    assert "Traceback" not in text
    return status, json.loads(text) if text.startswith(("{", "[")) else text


def inference_client(url, monkeypatch, token=None):
    """huggingface_hub's InferenceClient on the loopback server. The tests keep the Hub offline
    (tests/conftest.py), which the client applies to every URL, this one included."""
    from huggingface_hub import InferenceClient

    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    return InferenceClient(base_url=url, token=token)


def served_run(kind, tiny_model_dir, factory, **settings):
    """(url generator context, export folder) for a copy of the session's trained run."""
    folder = factory.mktemp(f"served-{kind}")
    run_dir = folder / "run"
    shutil.copytree(trained_run(kind, tiny_model_dir, factory), run_dir)
    with zipfile.ZipFile(export_run(run_dir, folder / "export.zip")) as archive:
        archive.extractall(folder / "export")
    app = create_app(open_model(run_dir), **{**LIMITS, **settings})
    return running_in_thread(app), folder / "export"


@pytest.fixture(scope="module")
def server(tiny_model_dir, tmp_path_factory):
    from transformers import pipeline

    context, export = served_run("classification", tiny_model_dir, tmp_path_factory,
                                 batch_wait_ms=40.0)
    classifier = pipeline("text-classification", model=str(export), device=-1)
    with context as url:
        yield url, classifier


def test_the_inference_client_gets_the_pipelines_answers(server, monkeypatch):
    url, classifier = server
    client = inference_client(url, monkeypatch)
    for text in TEXTS:
        got = client.text_classification(text)
        expected = classifier(text, top_k=None)
        assert [g.label for g in got] == [e["label"] for e in expected]
        assert [g.score for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-5)
        [best] = client.text_classification(text, top_k=1)
        [pipeline_best] = classifier(text)  # the pipeline's own default: the best label
        assert best.label == pipeline_best["label"]
        assert best.score == pytest.approx(pipeline_best["score"], abs=1e-5)
        raw = client.text_classification(text, function_to_apply="none")
        logits = classifier(text, top_k=None, function_to_apply="none")
        assert [r.score for r in raw] == pytest.approx([e["score"] for e in logits], abs=1e-4)


def test_a_list_of_texts_is_answered_as_the_pipeline_answers_a_list(server):
    url, classifier = server
    status, answer = post(url + "/predict", {"inputs": TEXTS, "parameters": {"top_k": 2}})
    assert status == 200
    expected = classifier(TEXTS, top_k=2)
    assert [[a["label"] for a in one] for one in answer] == \
        [[e["label"] for e in one] for one in expected]
    status, single = post(url, {"inputs": TEXTS[0], "parameters": {"top_k": 1}})
    assert status == 200 and single == [answer[0][:1]]  # one list per input, one input


def test_sixteen_concurrent_requests_are_answered_in_batches(server):
    url, classifier = server
    texts = [f"{TEXTS[i % len(TEXTS)]} {i}" for i in range(16)]
    before = get(url + "/info")[1]["batching"]
    barrier = threading.Barrier(16)

    def one(text):
        barrier.wait()
        return post(url, {"inputs": text})

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(one, texts))
    after = get(url + "/info")[1]["batching"]
    for text, (status, answer) in zip(texts, answers):
        assert status == 200
        expected = classifier(text, top_k=None)
        assert [a["label"] for a in answer[0]] == [e["label"] for e in expected]
        assert answer[0][0]["score"] == pytest.approx(expected[0]["score"], abs=1e-5)
    assert after["requests"] - before["requests"] == 16
    calls = after["calls"] - before["calls"]
    assert calls < 16 and after["largest"] > 1, after  # some model calls carried several


MALFORMED = [  # (body, status, field)
    (b"{not json", 400, "body"),
    (b"\xff\xfe{}", 400, "body"),
    (b'"just a string"', 422, "body"),
    ({"parameters": {}}, 422, "inputs"),
    ({"input": "typo"}, 422, "input"),
    ({"inputs": []}, 422, "inputs"),
    ({"inputs": 42}, 422, "inputs"),
    ({"inputs": ["fine", 7]}, 422, "inputs[1]"),
    ({"inputs": "x" * 1_001}, 413, "inputs"),
    ({"inputs": ["x"] * 17}, 413, "inputs"),
    ({"inputs": ["a" * 990] * 22}, 413, "body"),
    ({"inputs": "x", "parameters": {"top_k": 0}}, 422, "parameters.top_k"),
    ({"inputs": "x", "parameters": {"top_k": "2"}}, 422, "parameters.top_k"),
    ({"inputs": "x", "parameters": {"function_to_apply": "tanh"}}, 422,
     "parameters.function_to_apply"),
    ({"inputs": "x", "parameters": {"threshold": 3}}, 422, "parameters.threshold"),
    ({"inputs": "x", "parameters": {"aggregation_strategy": "simple"}}, 422,
     "parameters.aggregation_strategy"),
    ({"inputs": "x", "parameters": "fast"}, 422, "parameters"),
    ({"inputs": [[[[[[["deep"]]]]]]]}, 422, "body"),
    ({"inputs": {"question": "Who?", "context": "Ada."}}, 422, "inputs.text"),
    ({"inputs": {"text": "a", "text_pair": 5}}, 422, "inputs.text_pair"),
]


@pytest.mark.parametrize(("body", "status", "field"), MALFORMED,
                         ids=[str(i) for i in range(len(MALFORMED))])
def test_a_malformed_request_gets_a_json_error_naming_the_field(server, body, status, field):
    url, _ = server
    got, answer = post(url, body)
    assert (got, answer["field"]) == (status, field), answer
    assert field in answer["error"] or field == "body" and "body" in answer["error"]
    assert post(url, {"inputs": "still serving"})[0] == 200


def test_unknown_paths_and_methods_answer_in_json(server):
    url, _ = server
    status, answer = get(url + "/nowhere")
    assert status == 404 and answer["field"] == "/nowhere"
    status, answer = get(url + "/predict")
    assert status == 405 and "error" in answer


def test_health_info_docs_and_openapi(server):
    url, _ = server
    assert get(url + "/health") == (200, {"status": "ok"})
    status, info = get(url + "/info")
    assert status == 200
    assert {"task", "labels", "model", "scores", "format", "version", "batching"} <= set(info)
    assert info["format"] == "torch" and info["labels"] and info["scores"]
    status, docs = get(url + "/docs")
    assert status == 200 and "swagger" in docs.lower()
    status, spec = get(url + "/openapi.json")
    assert status == 200 and {"/", "/predict", "/health", "/info"} <= set(spec["paths"])


@pytest.fixture(scope="module")
def multi_label(tiny_model_dir, tmp_path_factory):
    from transformers import pipeline

    context, export = served_run("multi_label", tiny_model_dir, tmp_path_factory)
    classifier = pipeline("text-classification", model=str(export), device=-1)
    with context as url:
        yield url, classifier


def test_multi_label_scores_are_sigmoids_and_a_threshold_keeps_the_labels_that_reach_it(
        multi_label):
    url, classifier = multi_label
    texts = ["review about food", "review about service and food"]
    status, answer = post(url, {"inputs": texts})
    assert status == 200
    expected = classifier(texts, top_k=None)
    for got, wanted in zip(answer, expected):
        assert [g["label"] for g in got] == [w["label"] for w in wanted]
        assert [g["score"] for g in got] == pytest.approx([w["score"] for w in wanted], abs=1e-5)
    threshold = sorted(g["score"] for g in answer[0])[len(answer[0]) // 2]
    status, kept = post(url, {"inputs": texts[0], "parameters": {"threshold": threshold}})
    assert status == 200
    assert [k["label"] for k in kept[0]] == [g["label"] for g in answer[0]
                                             if g["score"] >= threshold]


def test_an_onnx_server_answers_like_the_torch_one(server, tmp_path_factory, tiny_model_dir):
    url, _ = server
    folder = tmp_path_factory.mktemp("served-onnx")
    shutil.copytree(trained_run("classification", tiny_model_dir, tmp_path_factory),
                    folder / "run")
    model = open_model(folder / "run", "onnx")
    with running_in_thread(create_app(model)) as onnx_url:
        status, onnx = post(onnx_url, {"inputs": TEXTS})
        assert status == 200 and get(onnx_url + "/info")[1]["format"] == "onnx"
    torch_answer = post(url, {"inputs": TEXTS})[1]
    assert [[a["label"] for a in one] for one in onnx] == \
        [[a["label"] for a in one] for one in torch_answer]
    assert [one[0]["score"] for one in onnx] == \
        pytest.approx([one[0]["score"] for one in torch_answer], abs=1e-4)


def test_an_exported_zip_is_served_like_its_run(server, tmp_path_factory, tiny_model_dir):
    url, _ = server
    folder = tmp_path_factory.mktemp("served-zip")
    shutil.copytree(trained_run("classification", tiny_model_dir, tmp_path_factory),
                    folder / "run")
    archive = export_run(folder / "run", folder / "sentiment.zip")
    with running_in_thread(create_app(open_model(archive))) as zip_url:
        status, answer = post(zip_url, {"inputs": TEXTS})
        assert status == 200 and get(zip_url + "/info")[1]["run"] == "sentiment"
    assert answer == post(url, {"inputs": TEXTS})[1]
