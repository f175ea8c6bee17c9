"""The command line contract: exit codes, messages without tracebacks, JSON output, resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.malformed_cases import CASE_OPTIONS, CASE_WARNINGS, CASES

from core.cli import main, neutralise_cell
from core.workspace import runs

ROOT = Path(__file__).resolve().parents[2]


def _flags(options):
    flags = []
    for key, value in options.items():
        flags += [f"--{key.replace('_', '-')}", str(value)]
    return flags


CASE_SECONDS = 60  # per file, on two shared cores; a 10 MB file or a zip bomb must not hang


@pytest.mark.parametrize("case_id,make,expected", CASES, ids=[c[0] for c in CASES])
def test_validate_exit_codes_on_the_malformed_corpus(case_id, make, expected, tmp_path, capsys):
    path = make(tmp_path)
    started = time.monotonic()
    code = main(["validate", str(path), "--json", *_flags(CASE_OPTIONS.get(case_id, {}))])
    assert time.monotonic() - started < CASE_SECONDS
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    if expected is None:
        assert code == 0, captured.err
        report = json.loads(captured.out.strip().splitlines()[-1])
        codes = {f["code"] for f in report["findings"]}
        assert CASE_WARNINGS.get(case_id, "class_counts" if report["task"] ==
                                 "text-classification" else "entity_counts") in codes
    else:
        assert code == 2, (captured.out, captured.err)
        message = captured.err.strip()
        assert message.startswith("error: ") and expected in message.lower()
        assert path.name in message  # where: the file (and line or record when there is one)
        assert message.count("\n") == 0  # one clear message, not a dump
        assert message.endswith(".")  # ... that ends with what to do


def test_a_path_like_file_name_is_refused_without_reading_elsewhere(tmp_path, monkeypatch):
    """`../../x.csv` that does not exist: exit 2 naming the path; nothing is created."""
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = _cli("validate", "../../x.csv")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "../../x.csv does not exist" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


HEAVY_CASES = ("ten-mb-single-line", "zip-bomb-xlsx", "two-thousand-labels", "binary-csv")
MEMORY_LIMIT_MB = 1024
# The peak is read from /proc/self/status (VmHWM, this process image's own high-water mark):
# getrusage's ru_maxrss survives exec, so it would report the test runner's size instead.
_MEASURED = ("import re, sys, time; from core.cli import main; started = time.monotonic(); "
             "code = main(sys.argv[2:]); seconds = time.monotonic() - started; "
             "peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
             "open(sys.argv[1], 'w').write('%s %f' % (peak, seconds)); sys.exit(code)")


@pytest.mark.parametrize("case_id", HEAVY_CASES)
def test_heavy_inputs_stay_within_time_and_memory(case_id, tmp_path):
    """The biggest files of the corpus, each in its own process: peak memory and time bounded."""
    make = next(c[1] for c in CASES if c[0] == case_id)
    path = make(tmp_path)
    usage = tmp_path / "usage.txt"
    result = subprocess.run([sys.executable, "-c", _MEASURED, str(usage), "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    peak_kb, seconds = usage.read_text().split()
    assert int(peak_kb) / 1024 < MEMORY_LIMIT_MB
    assert float(seconds) < CASE_SECONDS


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
    done = _cli("predict", run_dir, "--input", str(sentiment_csv), "--output", str(out))
    assert done.returncode == 0
    assert len(out.read_text().splitlines()) == 81

    scored = _cli("evaluate", run_dir, "--data", str(sentiment_csv), "--json")
    assert scored.returncode == 0 and json.loads(scored.stdout)["n"] == 80

    exported = _cli("export", run_dir, "--output", str(tmp_path / "m.zip"))
    assert exported.returncode == 0 and (tmp_path / "m.zip").stat().st_size > 100_000


KILL_RUN = ["--epochs", "10", "--eval-steps", "10", "--batch-size", "8", "--preset", "quick",
            "--learning-rate", "0.003", "--seed", "7", "--json"]
CHECKPOINT_INTERVAL = 10  # --eval-steps: a checkpoint is saved at every evaluation


def _train_steps(run_dir):
    return [e["step"] for e in runs.read_metrics(run_dir)[0] if e["type"] == "train"]


def test_kill_minus_nine_then_resume_completes(sentiment_csv, tiny_model_dir, workspace):
    """A killed run is interrupted; resume continues from its last checkpoint, loses at most
    one checkpoint interval of work, and ends with the scores of a run never interrupted."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "core", "train", "--data", str(sentiment_csv), "--model",
         str(tiny_model_dir), *KILL_RUN], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, env={**os.environ, "FINETUNE_STUDIO_WORKSPACE": str(workspace)})
    deadline = time.time() + 240
    run_dir = None
    while time.time() < deadline:
        folders = list((workspace / "runs").glob("*")) if (workspace / "runs").exists() else []
        run_dir = next((f for f in folders if f.is_dir()), None)
        status = runs.read_status(run_dir) if run_dir else None
        # Half-way between two checkpoints, so the loss of work is measured, not zero.
        if status and status.get("last_checkpoint_step", 0) >= CHECKPOINT_INTERVAL and \
                max(_train_steps(run_dir), default=0) % CHECKPOINT_INTERVAL >= 5:
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("no checkpoint was written in time")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reached = max(_train_steps(run_dir))  # the last step logged before the kill
    from core.jobs import queue as jobs

    info = next(r for r in jobs.reconcile() if r.path == run_dir)
    assert info.state == "interrupted"
    checkpoint_step = runs.read_status(run_dir)["last_checkpoint_step"]

    result = _cli("resume", str(run_dir), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["state"] == "completed" and summary["test"]
    status = runs.read_status(run_dir)
    resumed_step = int(status["resumed_from"].split("-")[1])
    assert resumed_step >= checkpoint_step
    assert 0 < reached - resumed_step <= CHECKPOINT_INTERVAL  # the work lost
    assert status["step"] == status["total_steps"]
    assert max(_train_steps(run_dir)) == status["total_steps"]

    whole = _cli("train", "--data", str(sentiment_csv), "--model", str(tiny_model_dir), *KILL_RUN)
    assert whole.returncode == 0, whole.stderr
    uninterrupted = json.loads(whole.stdout.strip().splitlines()[-1])
    n_test = summary["test"]["n"]
    assert abs(summary["test"]["accuracy"] - uninterrupted["test"]["accuracy"]) <= 1 / n_test
    assert summary["test"]["macro_f1"] == pytest.approx(uninterrupted["test"]["macro_f1"],
                                                        abs=0.15)
    final_loss = [_final_eval_loss(Path(r["run_dir"])) for r in (summary, uninterrupted)]
    assert final_loss[0] == pytest.approx(final_loss[1], abs=0.02)


def _final_eval_loss(run_dir):
    evals = [e for e in runs.read_metrics(run_dir)[0] if e["type"] == "eval"]
    return max(evals, key=lambda e: e["step"])["loss"]


def test_formula_cells_are_neutralised():
    assert neutralise_cell("=SUM(A1)") == "'=SUM(A1)"
    assert neutralise_cell("@x") == "'@x" and neutralise_cell("plain") == "plain"


def test_a_closed_output_pipe_ends_quietly(workspace):
    """`python -m core runs | head`: the reader goes away before the list is written."""
    for i in range(3):
        folder = runs.run_path(f"20260101-00000{i}-run")
        folder.mkdir(parents=True)
        runs.write_json_atomic(folder / "config.json", {"config": {"task": "text-classification"}})
        runs.write_json_atomic(folder / "status.json", {"state": "completed", "created": i})
    proc = subprocess.Popen([sys.executable, "-m", "core", "runs"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `head` exiting: every write to the pipe now fails
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) != 1
    assert stderr == ""


def test_ctrl_c_leaves_the_run_interrupted_in_the_readers_language(workspace, monkeypatch):
    import core.cli as cli
    from core.config import RunConfig
    from core.train import training

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "train", interrupted)
    run_dir = runs.new_run_folder(RunConfig().to_dict(), "interrupted run")
    with pytest.raises(KeyboardInterrupt):
        cli._train_in_turn(RunConfig(), run_dir, run_dir.parent, resume=False)
    info = runs.load_run(run_dir)
    assert info.state == "interrupted"
    assert info.error == "Training was interrupted (Ctrl+C)."
    assert info.problem("zh")[0] == "训练被中断了（Ctrl+C）。"  # saved as a key, not only English
