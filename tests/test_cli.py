"""The command line contract: exit codes, messages without tracebacks, JSON output, resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from malformed_cases import CASE_OPTIONS, CASES

from core import runs
from core.cli import main, neutralise_cell

ROOT = Path(__file__).resolve().parent.parent


def _flags(options):
    flags = []
    for key, value in options.items():
        flags += [f"--{key.replace('_', '-')}", str(value)]
    return flags


@pytest.mark.parametrize("case_id,make,expected", CASES, ids=[c[0] for c in CASES])
def test_validate_exit_codes_on_the_malformed_corpus(case_id, make, expected, tmp_path, capsys):
    path = make(tmp_path)
    code = main(["validate", str(path), "--json", *_flags(CASE_OPTIONS.get(case_id, {}))])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    if expected is None:
        assert code == 0, captured.err
        assert json.loads(captured.out.strip().splitlines()[-1])["findings"] is not None
    else:
        assert code == 2, (captured.out, captured.err)
        assert expected in captured.err.lower()
        assert captured.err.count("\n") <= 2  # one clear message, not a dump


def _cli(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def test_subprocess_errors_have_no_traceback(tmp_path, workspace):
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    for args in (["validate", str(bad)], ["train", "--data", str(bad)],
                 ["train", "--data", str(tmp_path / "missing.csv")],
                 ["predict", str(tmp_path), "--text", "hi"],
                 ["export", "../../etc", "--output", "x.zip"],
                 ["train", "--data", str(bad), "--model", "../../nope"]):
        result = _cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert not list((workspace / "runs").glob("*"))  # refused data leaves no run folder
    usage = _cli("train", "--epochs", "many")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_cli_train_predict_evaluate_export(sentiment_csv, tiny_model_dir, workspace, tmp_path):
    result = _cli("train", "--data", str(sentiment_csv), "--model", str(tiny_model_dir),
                  "--preset", "quick", "--epochs", "1", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["state"] == "completed" and "accuracy" in summary["test"]
    run_dir = summary["run_dir"]
    assert Path(run_dir).parent == workspace / "runs"

    predicted = _cli("predict", run_dir, "--text", "the film was great", "=cmd|' /C calc'!A0")
    lines = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert predicted.returncode == 0 and len(lines) == 2 and lines[0]["label"]

    out = tmp_path / "predictions.csv"
    assert _cli("predict", run_dir, "--input", str(sentiment_csv), "--output", str(out)).returncode == 0
    assert len(out.read_text().splitlines()) == 81

    scored = _cli("evaluate", run_dir, "--data", str(sentiment_csv), "--json")
    assert scored.returncode == 0 and json.loads(scored.stdout)["n"] == 80

    exported = _cli("export", run_dir, "--output", str(tmp_path / "m.zip"))
    assert exported.returncode == 0 and (tmp_path / "m.zip").stat().st_size > 100_000


def test_kill_minus_nine_then_resume_completes(sentiment_csv, tiny_model_dir, workspace):
    """A killed run is interrupted, and resume continues from its last checkpoint to the end."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "core", "train", "--data", str(sentiment_csv), "--model",
         str(tiny_model_dir), "--epochs", "10", "--eval-steps", "10", "--batch-size", "8",
         "--preset", "quick",
         "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env={**os.environ, "FINETUNE_STUDIO_WORKSPACE": str(workspace)})
    deadline = time.time() + 240
    run_dir = None
    while time.time() < deadline:
        folders = list((workspace / "runs").glob("*")) if (workspace / "runs").exists() else []
        run_dir = next((f for f in folders if f.is_dir()), None)
        status = runs.read_status(run_dir) if run_dir else None
        if status and status.get("last_checkpoint_step", 0) >= 10:
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("no checkpoint was written in time")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    from core import jobs

    info = next(r for r in jobs.refresh() if r.path == run_dir)
    assert info.state == "interrupted"
    checkpoint_step = runs.read_status(run_dir)["last_checkpoint_step"]

    result = _cli("resume", str(run_dir), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["state"] == "completed" and summary["test"]
    status = runs.read_status(run_dir)
    assert status["resumed_from"] == f"checkpoint-{checkpoint_step}"
    assert status["step"] == status["total_steps"]
    events, _ = runs.read_metrics(run_dir)
    assert max(e["step"] for e in events) == status["total_steps"]


def test_formula_cells_are_neutralised():
    assert neutralise_cell("=SUM(A1)") == "'=SUM(A1)"
    assert neutralise_cell("@x") == "'@x" and neutralise_cell("plain") == "plain"
