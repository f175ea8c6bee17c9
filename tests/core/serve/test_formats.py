"""Opening a model in a format: a run folder or an exported zip (core.serve.formats).

Zips are unpacked once into the workspace's cache; a zip that could write outside its folder,
holds a link, is too big or is no zip at all is refused with one sentence.
"""

from __future__ import annotations

import stat
import zipfile

import pytest
from support.tiny_runs import install_run

from core.errors import UserError
from core.predict.inference import Predictor
from core.serve import formats
from core.serve.export import export_run
from core.workspace import runs

TEXTS = ["the film was great and the cast too", "the plot was awful and boring", "ok", ""]


@pytest.fixture
def run_dir(tiny_model_dir, tmp_path_factory):
    return install_run("classification", tiny_model_dir, tmp_path_factory)


def test_formats_are_named():
    assert formats.FORMATS == ("torch", "onnx", "onnx-int8")


def test_open_a_run_folder_in_torch(run_dir):
    served = formats.open_model(run_dir)
    assert served.format == "torch" and served.run_id == run_dir.name
    assert served.task == "text-classification"
    assert served.labels == ["negative", "positive"]
    assert served.scores["accuracy"] == runs.read_eval(run_dir)["test"]["accuracy"]
    assert all(isinstance(v, (int, float)) for v in served.scores.values())
    assert served.model_name and "/" not in served.model_name  # a local folder by its name
    expected = Predictor(run_dir).predict(TEXTS)
    got = served.predictor.predict(TEXTS)
    assert [g["label"] for g in got] == [e["label"] for e in expected]
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-6)


def test_open_an_exported_zip_in_torch(run_dir, tmp_path, workspace):
    archive = export_run(run_dir, tmp_path / "sentiment.zip")
    served = formats.open_model(archive)
    assert served.format == "torch" and served.run_id == "sentiment"
    assert served.labels == ["negative", "positive"]
    assert served.scores == formats.open_model(run_dir).scores
    expected = Predictor(run_dir).predict(TEXTS)
    got = served.predictor.predict(TEXTS)
    assert [g["label"] for g in got] == [e["label"] for e in expected]
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-6)
    cached = list((workspace / "served").iterdir())
    assert len(cached) == 1 and (cached[0] / "config.json").is_file()
    assert formats.unpack_zip(archive) == cached[0]  # unpacked once, kept by content


def test_unknown_format_and_missing_source_are_refused(run_dir, tmp_path):
    with pytest.raises(UserError, match="no model format called onnx-fp16"):
        formats.open_model(run_dir, "onnx-fp16")
    with pytest.raises(UserError, match="neither a run folder nor an exported zip"):
        formats.open_model(tmp_path / "nowhere")


def test_a_run_without_a_model_is_refused(tmp_path):
    folder = runs.run_path("empty")
    folder.mkdir(parents=True)
    with pytest.raises(UserError, match="empty"):
        formats.open_model(folder)


def _zip(path, entries):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "model.zip"
    fake.write_text("not a zip at all")
    with pytest.raises(UserError, match="model.zip is not a zip file, or it is damaged"):
        formats.open_model(fake)


@pytest.mark.parametrize("entry", ["../evil.txt", "model/../../evil.txt", "/etc/evil.txt",
                                   "C:/evil.txt", "..\\evil.txt"])
def test_a_zip_writing_outside_its_folder_is_refused(tmp_path, workspace, entry):
    archive = _zip(tmp_path / "slip.zip", [("config.json", "{}"), (entry, "x")])
    with pytest.raises(UserError, match="would be written outside its folder") as caught:
        formats.open_model(archive)
    assert "exported by Finetune Studio" in caught.value.fix
    assert not (tmp_path / "evil.txt").exists() and not (workspace / "evil.txt").exists()
    assert not any((workspace / "served").glob("*/config.json"))


def test_a_zip_holding_a_link_is_refused(tmp_path):
    link = zipfile.ZipInfo("tokenizer.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = _zip(tmp_path / "link.zip", [("config.json", "{}"), (link, "/etc/passwd")])
    with pytest.raises(UserError, match=r"holds a link \(tokenizer.json\)"):
        formats.open_model(archive)


def test_a_zip_too_big_is_refused(tmp_path, monkeypatch):
    archive = _zip(tmp_path / "big.zip", [("config.json", "{}"), ("weights", b"0" * 3_000_000)])
    monkeypatch.setattr(formats, "ZIP_MAX_BYTES", 2 * 1024 ** 2)
    with pytest.raises(UserError, match="big.zip unpacks to more than 2 MB"):
        formats.open_model(archive)


def test_declared_sizes_that_lie_are_caught_while_unpacking(tmp_path):
    archive = _zip(tmp_path / "liar.zip", [("config.json", "{}"), ("weights", b"0" * 3_000_000)])
    data = bytearray(archive.read_bytes())
    # the central directory's uncompressed size of "weights" claims 10 bytes
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("weights")
    size = info.file_size.to_bytes(4, "little")
    start = data.rfind(b"PK\x01\x02")
    at = data.index(size, start)
    data[at:at + 4] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(UserError):  # a lying size is too big, or a damaged zip
        formats.unpack_zip(archive, max_bytes=1024 ** 2)


def test_a_zip_without_a_model_is_refused(tmp_path):
    archive = _zip(tmp_path / "notes.zip", [("README.md", "# notes")])
    with pytest.raises(UserError, match="holds no model"):
        formats.open_model(archive)


def test_nothing_measured_yet(run_dir):
    assert formats.measurements(run_dir) == {}
