"""The HTTP API of a question-answering run: InferenceClient.question_answering and a list of
questions get the answers transformers 4's question-answering pipeline gives on the run's
export with the run's settings (transformers 5 removed that pipeline; the comparison runs in
.venv/transformers4 and is skipped with the reason when that is absent); top_k gives a list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.qa_runs import install_qa_run
from test_server import inference_client, post

from core.serve.export import export_run, pipeline_call_kwargs
from core.serve.formats import open_model
from core.serve.server import create_app, running_in_thread
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[3]
PIPELINE_PATH = ROOT / ".venv" / "transformers4"
CONTEXT = ("The Lumio desk lamp charges over USB-C in two hours. Its battery lasts twelve hours "
           "at full brightness. The lamp was designed in Oslo by Kari Berg.")
QUESTIONS = ["How long does the battery last?", "Who designed the lamp?"]
PIPELINE_SCRIPT = """
import json, sys
import transformers
from transformers import pipeline
folder, questions, context, settings = json.loads(sys.stdin.read())
answerer = pipeline("question-answering", model=folder, device=-1)
print(transformers.__version__)
print(json.dumps([answerer(question=q, context=context, **settings) for q in questions]))
"""


@pytest.fixture(scope="module")
def server(tiny_model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-qa")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FINETUNE_STUDIO_WORKSPACE", str(folder / "workspace"))
        run_dir = install_qa_run(tiny_model_dir, tmp_path_factory)
        with zipfile.ZipFile(export_run(run_dir, folder / "export.zip")) as archive:
            archive.extractall(folder / "export")
        with running_in_thread(create_app(open_model(run_dir))) as url:
            yield url, run_dir, folder / "export"


def _pipeline_answers(folder, settings):
    if not (PIPELINE_PATH / "transformers").is_dir():
        pytest.skip(f"{PIPELINE_PATH} is absent: `make install-test` installs the transformers "
                    "that still has the question-answering pipeline")
    done = subprocess.run([sys.executable, "-c", PIPELINE_SCRIPT], capture_output=True,
                          text=True, timeout=300, cwd=ROOT,
                          input=json.dumps([str(folder), QUESTIONS, CONTEXT, settings]),
                          env={**os.environ, "PYTHONPATH": str(PIPELINE_PATH)})
    assert done.returncode == 0, done.stderr[-3000:]
    version, answers = done.stdout.strip().splitlines()[-2:]
    assert version.startswith("4.")
    return json.loads(answers)


def test_the_inference_client_gets_the_pipelines_answers(server, monkeypatch):
    url, run_dir, export = server
    client = inference_client(url, monkeypatch)
    got = [client.question_answering(question=q, context=CONTEXT) for q in QUESTIONS]
    resolved = RunFolder(run_dir).read_record().resolved_training
    expected = _pipeline_answers(export, pipeline_call_kwargs(resolved))
    assert [(g.answer, g.start, g.end) for g in got] == \
        [(e["answer"], e["start"], e["end"]) for e in expected]
    assert all(0.0 <= g.score <= 1.0 for g in got)


def test_a_list_of_questions_and_top_k(server):
    url, _, _ = server
    inputs = [{"question": q, "context": CONTEXT} for q in QUESTIONS]
    status, answers = post(url, {"inputs": inputs})
    assert status == 200 and len(answers) == 2
    assert all(set(a) == {"score", "start", "end", "answer"} for a in answers)
    assert all(CONTEXT[a["start"]:a["end"]] == a["answer"] for a in answers)
    status, single = post(url, {"inputs": inputs[0]})
    assert status == 200 and single == answers[0]
    status, several = post(url, {"inputs": inputs[0], "parameters": {"top_k": 3}})
    assert status == 200 and isinstance(several, list) and 1 <= len(several) <= 3
    assert several[0] == answers[0]
    status, nested = post(url, {"inputs": inputs, "parameters": {"top_k": 2}})
    assert status == 200 and [n[0] for n in nested] == answers


def test_the_wrong_shape_for_questions(server):
    url, _, _ = server
    for body, field in [({"inputs": "just a text"}, "inputs"),
                        ({"inputs": {"question": "Who?"}}, "inputs.context"),
                        ({"inputs": [{"question": "Who?", "context": 3}]}, "inputs[0].context"),
                        ({"inputs": {"question": "q", "context": "c"},
                          "parameters": {"function_to_apply": "none"}},
                         "parameters.function_to_apply")]:
        status, answer = post(url, body)
        assert status == 422 and answer["field"] == field, answer
