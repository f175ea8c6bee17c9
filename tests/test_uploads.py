from pathlib import Path

import pytest

from core import uploads
from core.errors import UserError


@pytest.mark.parametrize("name, expected", [
    ("reviews.csv", "reviews.csv"),
    ("../../etc/passwd.csv", "passwd.csv"),
    ("C:\\Users\\me\\My Data (1).CSV", "My_Data_1.csv"),
    ("/abs/path/x.tsv", "x.tsv"),
    ("..", "dataset"),
    ("", "dataset"),
    (".hidden.csv", "hidden.csv"),
    ("données été.jsonl", "donn_es_t.jsonl"),
    ("a" * 300 + ".csv", "a" * 80 + ".csv"),
])
def test_safe_filename_keeps_only_a_safe_base_name(name, expected):
    assert uploads.safe_filename(name) == expected


def test_save_upload_stores_inside_the_workspace(workspace):
    saved = uploads.save_upload("../../evil/../reviews.csv", b"text,label\nnice,pos\n")
    assert saved.path.read_bytes() == b"text,label\nnice,pos\n"
    assert saved.path.resolve().is_relative_to((workspace / "datasets").resolve())
    assert saved.name == "reviews.csv"


def test_same_content_is_stored_once(workspace):
    first = uploads.save_upload("a.csv", b"text,label\nx,y\n")
    second = uploads.save_upload("renamed.csv", b"text,label\nx,y\n")
    assert second.path == first.path
    assert len(uploads.list_uploads()) == 1


def test_list_uploads_newest_first(workspace):
    import os

    old = uploads.save_upload("old.csv", b"text,label\na,b\n")
    new = uploads.save_upload("new.csv", b"text,label\nc,d\n")
    os.utime(old.path, (1, 1))
    assert [d.name for d in uploads.list_uploads()] == ["new.csv", "old.csv"]
    assert uploads.find_upload(new.path) == uploads.list_uploads()[0]
    assert uploads.find_upload(Path("/etc/passwd")) is None


def test_too_large_file_is_refused_with_a_fix(workspace):
    with pytest.raises(UserError) as caught:
        uploads.save_upload("big.csv", b"x" * (1024 * 1024 + 1), max_mb=1)
    assert "larger than 1 MB" in caught.value.message and caught.value.fix
    assert uploads.list_uploads() == []


@pytest.mark.parametrize("name, content", [("tool.exe", b"MZ..."), ("notes", b"abc"),
                                           ("empty.csv", b"")])
def test_unreadable_types_and_empty_files_are_refused(workspace, name, content):
    with pytest.raises(UserError):
        uploads.save_upload(name, content)


def test_max_upload_size_comes_from_streamlit_config(tmp_path):
    assert uploads.max_upload_mb() == 200  # .streamlit/config.toml
    config = tmp_path / "config.toml"
    config.write_text("[server]\nmaxUploadSize = 5\n")
    assert uploads.max_upload_mb(config) == 5
    config.write_text("not toml [")
    assert uploads.max_upload_mb(config) == uploads.DEFAULT_MAX_UPLOAD_MB
