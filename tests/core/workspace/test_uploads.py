from pathlib import Path

import pytest

from core.errors import UserError
from core.workspace import uploads


@pytest.mark.parametrize("name, expected", [
    ("reviews.csv", "reviews.csv"),
    ("../../etc/passwd.csv", "passwd.csv"),
    ("C:\\Users\\me\\My Data (1).CSV", "My_Data_1.csv"),
    ("/abs/path/x.tsv", "x.tsv"),
    ("..", "dataset"),
    ("", "dataset"),
    (".hidden.csv", "hidden.csv"),
    ("données été.jsonl", "données_été.jsonl"),
    ("a" * 300 + ".csv", "a" * 80 + ".csv"),
    ("评论.csv", "评论.csv"),
    ("ｄａｔａ.csv", "data.csv"),  # full-width letters
    ("ｒｅｖｉｅｗｓ．ＣＳＶ", "reviews.csv"),  # full-width dot and extension
    ("..／..／etc／x.csv", "x.csv"),  # a full-width slash is still a path separator
    ("\u202evsc.exe.csv", "vsc.exe.csv"),  # a right-to-left override is not kept
    ("客户 评论 (2024).xlsx", "客户_评论_2024.xlsx"),
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


def test_a_long_chinese_name_fits_the_file_system(workspace):
    name = uploads.safe_filename("评" * 300 + ".csv")
    assert name.endswith(".csv") and len(name.encode("utf-8")) <= 255
    saved = uploads.save_upload("评" * 300 + ".csv", b"text,label\nx,y\n")
    assert saved.path.is_file()


@pytest.mark.parametrize("name", ["评论.csv", "ｄａｔａ.csv", "отзывы.jsonl"])
def test_non_ascii_names_are_kept_with_their_extension(workspace, name):
    saved = uploads.save_upload(name, b"text,label\nnice,pos\n")
    assert saved.path.suffix in (".csv", ".jsonl")
    assert saved.name == uploads.safe_filename(name)
    assert [d.name for d in uploads.list_uploads()] == [saved.name]


def _leftover(folder: Path, age_s: float) -> Path:
    import os
    import time

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".upload.abc123.tmp"
    path.write_bytes(b"half a file")
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


def test_orphan_temporary_files_are_removed_at_start(workspace):
    kept = uploads.save_upload("kept.csv", b"text,label\nx,y\n")
    crashed = _leftover(workspace / "datasets" / "0123456789abcdef", 3600)
    beside_kept = _leftover(kept.path.parent, 3600)
    in_progress = _leftover(workspace / "datasets" / "fedcba9876543210", 5)
    assert uploads.remove_orphan_uploads() == 2
    assert not crashed.exists() and not crashed.parent.exists()  # its empty folder goes too
    assert not beside_kept.exists() and kept.path.is_file()
    assert in_progress.exists()  # may be an upload being written right now
    assert [d.name for d in uploads.list_uploads()] == ["kept.csv"]


def test_orphan_cleanup_never_creates_the_workspace(workspace):
    assert uploads.remove_orphan_uploads() == 0
    assert not workspace.exists()


def test_the_cli_removes_orphans_when_it_starts(workspace, tmp_path):
    from core.cli import main

    crashed = _leftover(workspace / "datasets" / "0123456789abcdef", 3600)
    assert main(["validate", str(tmp_path / "missing.csv")]) == 2
    assert not crashed.exists()


def test_an_upload_is_found_again_by_its_id(workspace):
    saved = uploads.save_upload("reviews.csv", b"text,label\nnice,pos\n")
    assert uploads.find_by_id(saved.content_hash).path == saved.path


@pytest.mark.parametrize("bad", ["", "..", "../../etc", "0123456789ABCDEF", "0123456789abcde",
                                 "0123456789abcdef/../x", None, 42, "0123456789abcdef\n"])
def test_an_id_that_is_not_an_upload_id_finds_nothing(workspace, bad):
    uploads.save_upload("reviews.csv", b"text,label\nnice,pos\n")
    assert uploads.find_by_id(bad) is None


def test_an_id_of_a_removed_upload_finds_nothing(workspace):
    saved = uploads.save_upload("reviews.csv", b"text,label\nnice,pos\n")
    saved.path.unlink()
    assert uploads.find_by_id(saved.content_hash) is None
