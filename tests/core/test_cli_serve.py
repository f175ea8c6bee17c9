"""`python -m core serve`, `export --format` and `distill` from the command line.

The server runs as a real subprocess on a loopback port with --ready-file: bound to 0.0.0.0 it
needs a token (refused in one sentence without one), answers 401 without the right Bearer
token and 200 with it, never writes the token to its log or into the run folder, and exits 0
on SIGTERM. User errors exit 2 with one sentence, as the other commands do.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from support.tiny_runs import install_run, trained_run

from core.cli import main

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-Token-4711-xyz"


def _request(url, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _wait_for(path, process, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.is_file():
            return json.loads(path.read_text())
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1][-3000:])
        time.sleep(0.2)
    raise AssertionError("the server never became ready")


def test_a_served_run_checks_its_token_and_stops_on_sigterm(tiny_model_dir, tmp_path_factory,
                                                           tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(trained_run("classification", tiny_model_dir, tmp_path_factory), run_dir)
    ready = tmp_path / "ready.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "core", "serve", str(run_dir), "--host", "0.0.0.0", "--port", "0",
         "--ready-file", str(ready)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "FINETUNE_SERVE_TOKEN": TOKEN})
    try:
        info = _wait_for(ready, process)
        url = info["url"]
        assert info["pid"] == process.pid and info["format"] == "torch"
        assert _request(url + "/health") == (200, {"status": "ok"})
        body = {"inputs": "a great film"}
        for token in (None, "wrong", TOKEN[:-1], ""):
            status, answer = _request(url + "/predict", body, token)
            assert status == 401 and answer["field"] == "Authorization"
        assert _request(url + "/info")[0] == 401
        status, answer = _request(url + "/predict", body, TOKEN)
        assert status == 200 and answer[0][0]["label"]
        assert _request(url + "/info", token=TOKEN)[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-3000:]
    assert "GET /health" in out + err  # the access log was captured
    assert TOKEN not in out + err
    for path in [*run_dir.rglob("*"), ready]:
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_public_address_without_a_token_is_refused(tiny_model_dir, tmp_path_factory,
                                                     monkeypatch, capsys):
    monkeypatch.delenv("FINETUNE_SERVE_TOKEN", raising=False)
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    assert main(["serve", str(run_dir), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "Binding 0.0.0.0 lets other machines reach the model, so the server needs a token" \
        in err and "--token" in err and "Traceback" not in err


@pytest.mark.parametrize(("args", "words"), [
    (["nowhere/run"], "There is no run folder or model zip at nowhere/run."),
    (["missing.zip"], "There is no run folder or model zip at missing.zip."),
    (["RUN", "--format", "tflite"], "tflite"),
    (["RUN", "--port", "70000"], "Port 70000 is not a port number."),
    (["RUN", "--workers", "0"], "--workers is 0"),
])
def test_user_errors_exit_2_with_one_sentence(args, words, tiny_model_dir, tmp_path_factory,
                                              capsys):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    args = [str(run_dir) if a == "RUN" else a for a in args]
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and err.startswith("error: ")


def test_export_takes_a_format(tiny_model_dir, tmp_path_factory, tmp_path, capsys):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    output = tmp_path / "model-onnx.zip"
    assert main(["export", str(run_dir), "--output", str(output), "--format", "onnx"]) == 0
    with zipfile.ZipFile(output) as archive:
        assert "model.onnx" in archive.namelist()
    assert main(["export", str(run_dir), "--output", str(tmp_path / "x.zip"),
                 "--format", "tflite"]) == 2
    assert "tflite" in capsys.readouterr().err


def test_distill_starts_a_smaller_run_like_train(tiny_model_dir, tmp_path_factory, capsys):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    assert main(["distill", run_dir.name, "--layers", "1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["state"] == "completed"
    record = json.loads((Path(summary["run_dir"]) / "config.json").read_text())
    assert record["config"]["distill_from"] == run_dir.name
    assert record["config"]["student_layers"] == 1
    assert main(["distill", run_dir.name, "--layers", "2"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_run_without_a_model_is_refused_before_any_worker_starts(tiny_model_dir,
                                                                   tmp_path_factory, capsys):
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory)
    shutil.rmtree(run_dir / "model")
    assert main(["serve", str(run_dir), "--workers", "2", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "has no saved model" in err and "Traceback" not in err


def test_several_workers_share_one_port_and_stop_together(tiny_model_dir, tmp_path_factory,
                                                           tmp_path):
    import psutil

    run_dir = tmp_path / "run"
    shutil.copytree(trained_run("classification", tiny_model_dir, tmp_path_factory), run_dir)
    ready = tmp_path / "ready.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "core", "serve", str(run_dir), "--port", "0", "--workers", "2",
         "--ready-file", str(ready)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        url = _wait_for(ready, process)["url"]
        workers = [p for p in psutil.Process(process.pid).children()
                   if "spawn_main" in " ".join(p.cmdline())]  # not the resource tracker
        assert len(workers) == 2, [p.cmdline() for p in workers]
        for text in ("a great film", "a dull plot", "I loved it", "boring"):
            status, answer = _request(url + "/predict", {"inputs": text})
            assert status == 200 and answer[0][0]["label"]
        status, info = _request(url + "/info")
        assert status == 200 and info["format"] == "torch"
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=90)
    assert process.returncode == 0, err[-3000:]
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, [p.cmdline() for p in alive]
