"""Every bad file of the corpus uploaded on the Data page: one readable error, no exception,
nothing continues, and nothing already in the workspace changes.

The same files go through `python -m core validate` in test_cli.py and through the data layer in
test_data_malformed.py; here they arrive the way a user brings them, as an upload.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.fixtures_data import csv_text, sentiment_rows
from support.malformed_cases import CASES
from support.pages import APP, TIMEOUT, all_text, write_run
from support.workspace_state import snapshot

from core.data import detect_task, read_table, read_tagged
from core.errors import UserError
from core.workspace import uploads

BAD = [c for c in CASES if c[2] is not None]
# The app words a few refusals its own way: the upload is refused before it is read.
APP_EXPECTED = {"unsupported-extension": "cannot read"}
UPLOAD_SECONDS = 60


def unreadable(path: Path) -> bool:
    """True when the file cannot even be read as its kind (the app then keeps no copy)."""
    if path.suffix.lower() not in uploads.ALLOWED_SUFFIXES or not path.read_bytes():
        return True
    try:
        if detect_task(path) == "token-classification":
            read_tagged(path)
        else:
            read_table(path)
    except UserError:
        return True
    return False


@pytest.fixture
def lived_in(workspace: Path) -> Path:
    """A workspace with a finished run and an earlier upload, as a user's would be."""
    write_run("run-earlier", "completed")
    uploads.save_upload("earlier.csv", csv_text(sentiment_rows(10)).encode())
    return workspace


def upload_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["data_source"] = "upload"
    return at.run()


def upload(at: AppTest, path: Path) -> AppTest:
    content = path.read_bytes()
    return at.file_uploader(key="data_upload").set_value(
        (path.name, content, "application/octet-stream")).run()


def test_the_corpus_has_at_least_forty_bad_files():
    assert len(BAD) >= 40


@pytest.mark.parametrize("case_id,make,expected", BAD, ids=[c[0] for c in BAD])
def test_bad_upload_shows_one_readable_error(case_id, make, expected, tmp_path, lived_in):
    files = tmp_path / "files"
    files.mkdir()
    path = make(files)
    at = upload_page()
    before = snapshot(lived_in)  # the open app has made its queue lock by now
    started = time.monotonic()
    at = upload(at, path)
    if case_id == "missing-named-column":
        # The app offers only the file's own columns, so the missing one cannot be chosen.
        assert "body" not in at.selectbox(key="data_text").options
        assert not at.exception
        return
    if case_id == "split-column-bad-values":
        at.selectbox(key="data_split").set_value("part").run()
    assert time.monotonic() - started < UPLOAD_SECONDS

    assert not at.exception, [e.value for e in at.exception]
    errors = [str(e.value) for e in at.error]
    phrase = APP_EXPECTED.get(case_id, expected)
    assert any(phrase in e.lower() for e in errors), errors
    assert "Traceback" not in all_text(at)
    assert not any("Something went wrong" in e for e in errors)  # every error is explained
    assert at.session_state["data_ready"] is False
    assert all(b.disabled for b in at.button if b.label == "Continue to the model")

    after = snapshot(lived_in)
    assert {k: after.get(k) for k in before} == before  # nothing that was there changed
    added = set(after) - set(before)
    if unreadable(path):
        assert not added  # a file that cannot be read is not kept
    else:
        assert all(name.startswith("datasets/") for name in added), added


def test_a_path_like_upload_name_stays_inside_the_workspace(tmp_path, lived_in):
    good = csv_text(sentiment_rows(20)).encode()
    at = upload_page()
    at.file_uploader(key="data_upload").set_value(("../../x.csv", good, "text/csv")).run()
    assert not at.exception and not at.error
    kept = [d for d in uploads.list_uploads() if d.name == "x.csv"]
    assert len(kept) == 1
    assert kept[0].path.resolve().is_relative_to((lived_in / "datasets").resolve())
    assert not (tmp_path.parent / "x.csv").exists() and not (lived_in.parent / "x.csv").exists()


def test_the_same_bad_file_uploaded_earlier_is_not_removed(tmp_path, lived_in):
    """Discarding an unreadable upload never deletes a copy that was already kept."""
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    folder = lived_in / "datasets" / hashlib.sha256(content).hexdigest()[:uploads.HASH_LENGTH]
    folder.mkdir(parents=True)
    (folder / "picture.csv").write_bytes(content)
    at = upload_page()
    at.file_uploader(key="data_upload").set_value(("picture.csv", content, "text/csv")).run()
    assert any("png image" in e.value.lower() for e in at.error)
    assert (folder / "picture.csv").is_file()
