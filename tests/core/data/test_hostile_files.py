"""Files a few KB long that used to cost minutes or crash the reader: each is refused in seconds
with one sentence naming the limit, in the CLI (exit 2, no run folder) and on the Data page
(a readable error, and the upload is not kept).

The time bound is a hang guard, not a speed target: before the limits, the .xlsx declaring the
whole grid and the CSV of 100,000 columns took minutes, so a broken guard shows as a timeout.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.fixtures_data import csv_text, sentiment_rows, write
from support.malformed_cases import (
    deep_json,
    deep_jsonl,
    huge_number_jsonl,
    huge_range_xlsx,
    same_name_header,
    tag_names_not_a_list,
    wide_csv,
)
from support.pages import APP, TIMEOUT

from core.cli import main
from core.workspace import uploads

ROOT = Path(__file__).resolve().parents[3]
HANG_GUARD_S = 30  # each file is answered in about a second; minutes mean a limit is missing

HOSTILE = [
    ("xlsx-declares-the-whole-grid", huge_range_xlsx, "beyond the limit of 1,000 columns"),
    ("3000-columns-of-one-name", same_name_header, "3,000 columns, more than the limit"),
    ("csv-100000-columns", lambda tmp: wide_csv(tmp, 100_000, "very_wide.csv"),
     "100,000 columns, more than the limit"),
    ("json-nested-100000-deep", deep_json, "nested more than 100 levels"),
    ("jsonl-nested-100000-deep", deep_jsonl, "line 2 has lists or objects nested"),
    ("jsonl-5000-digit-integer", huge_number_jsonl, "number of 5,000 digits"),
    ("tag-names-a-number", tag_names_not_a_list, "has tag names that are not a list"),
]
IDS = [case[0] for case in HOSTILE]


@pytest.mark.parametrize("case_id,make,phrase", HOSTILE, ids=IDS)
def test_validate_answers_in_seconds_with_one_line(case_id, make, phrase, tmp_path, workspace):
    path = make(tmp_path)
    result = subprocess.run([sys.executable, "-m", "core", "validate", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert "Traceback" not in message and message.count("\n") == 0
    assert message.startswith("error: ") and phrase in message and path.name in message
    assert message.endswith(".")


@pytest.mark.parametrize("case_id,make,phrase", HOSTILE, ids=IDS)
def test_train_refuses_and_leaves_no_run_folder(case_id, make, phrase, tmp_path, workspace,
                                                capsys):
    path = make(tmp_path)
    assert main(["train", "--data", str(path), "--no-wait"]) == 2
    assert phrase in capsys.readouterr().err
    runs_folder = workspace / "runs"  # may hold the queue's lock file, but no run folder
    assert not runs_folder.exists() or not [p for p in runs_folder.iterdir() if p.is_dir()]


def _upload(path: Path) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["data_source"] = "upload"
    at.run()
    return at.file_uploader(key="data_upload").set_value(
        (path.name, path.read_bytes(), "application/octet-stream")).run()


def test_a_csv_of_100000_columns_on_the_data_page(tmp_path, workspace):
    path = wide_csv(tmp_path, 100_000, "very_wide.csv")
    started = time.monotonic()
    at = _upload(path)
    assert time.monotonic() - started < TIMEOUT  # a hang guard: it takes seconds
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("100,000 columns, more than the limit of 1,000" in e for e in errors), errors
    assert at.session_state["data_ready"] is False
    assert uploads.list_uploads() == []  # a file that cannot be read is not kept


def test_columns_are_guessed_once_per_upload(tmp_path, workspace, monkeypatch):
    """The guess profiles every column; it ran again on every rerun and inside the check."""
    import core.data
    import core.data.examples

    calls = []
    real = core.data.infer_columns

    def counted(frame):
        calls.append(len(frame.columns))
        return real(frame)

    monkeypatch.setattr(core.data, "infer_columns", counted)
    monkeypatch.setattr(core.data.examples, "infer_columns", counted)
    path = write(tmp_path, "reviews_once.csv", csv_text(sentiment_rows(15)))
    at = _upload(path)
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.run()  # any widget change reruns the page
    assert len(calls) == 1


def test_a_bad_file_is_refused_before_waiting_behind_a_running_run(tmp_path, workspace):
    """While another run trains, a CLI run waits its turn; a file it could never use must be
    refused at once rather than after that run ends."""
    import os

    from core.workspace import runs

    busy = runs.new_run_folder({"task": "text-classification"}, "busy")
    runs.update_status(busy, state="running", pid=os.getpid(), pid_started=None)
    path = deep_json(tmp_path)
    result = subprocess.run([sys.executable, "-m", "core", "train", "--data", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert result.returncode == 2, result.stderr
    assert "nested more than 100 levels" in result.stderr
    assert "queued" not in result.stderr
    assert [p.name for p in (workspace / "runs").iterdir() if p.is_dir()] == [busy.name]
