"""Every CSV the app writes neutralises spreadsheet formulas, and what it wrote reads back as it
was: label exports, the "label these next" download, the relabel file, learning-curve subsets,
and a check that no other CSV writer exists in core/ or pages/."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from core.config import RunConfig
from core.data import load_examples, read_table
from core.evaluate import error_analysis
from core.label import labeling
from core.tasks import TEXT_CLASSIFICATION, task_kind
from core.train import learning_curve
from core.workspace import csv_safe

ROOT = Path(__file__).resolve().parents[3]
EVIL = ['=HYPERLINK("http://example.invalid/x","click")', "@SUM(1)", "+1+1", "-2+3 is fine",
        "\tindented", "\rreturn"]
EVIL_LABELS = ['=HYPERLINK("http://example.invalid")', "@SUM(1)"]


def formula_cells(data: bytes) -> list[str]:
    """Cells a spreadsheet would run: those starting with = + - @ tab or CR."""
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if cell.startswith(csv_safe.FORMULA_PREFIXES)]


@pytest.mark.parametrize("value", EVIL + ["-1", "+0.5"])
def test_a_formula_cell_gets_an_apostrophe_and_reads_back(value):
    assert csv_safe.neutralise_cell(value) == "'" + value
    assert csv_safe.restore_cell(csv_safe.neutralise_cell(value)) == value


@pytest.mark.parametrize("value", ["plain", "it's", "'quoted'", 3, -1.5, None])
def test_other_cells_and_numbers_are_left_alone(value):
    assert csv_safe.neutralise_cell(value) == value


def test_label_export_neutralises_and_reads_back(tmp_path):
    texts = EVIL + ["- a dash first", "-1", "'quoted' stays", "plain"]
    project = labeling.create_project("Evil", labeling.CLASSIFICATION, EVIL_LABELS + ["-1"],
                                      texts)
    values = [EVIL_LABELS[i % 2] for i in range(len(texts) - 1)] + ["-1"]
    for item, value in enumerate(values):
        labeling.label(project, item, [value], texts)
    state = labeling.label_state(project)
    data = labeling.export_bytes(project, labeling.labeled_rows(project, state, texts), "csv")
    assert formula_cells(data) == []
    path = tmp_path / "evil.csv"
    path.write_bytes(data)
    examples = load_examples(path, RunConfig().data)
    assert list(examples.frame["text"]) == [t.strip() for t in texts]
    assert [labels[0] for labels in examples.frame["labels"]] == values


def test_multi_label_export_neutralises(tmp_path):
    texts = ["@SUM(1) and more", "=1+2"]
    project = labeling.create_project("Menu", labeling.CLASSIFICATION, EVIL_LABELS, texts,
                                      multi_label=True)
    labeling.label(project, 0, EVIL_LABELS, texts)
    labeling.label(project, 1, EVIL_LABELS[1:], texts)
    state = labeling.label_state(project)
    data = labeling.export_bytes(project, labeling.labeled_rows(project, state, texts), "csv")
    assert formula_cells(data) == []


def test_label_these_next_download_neutralises(workspace, monkeypatch):
    downloads: dict[str, bytes] = {}
    real_store = MemoryMediaFileStorage.load_and_get_id

    def keep_a_copy(self, path_or_data, mimetype, kind, filename=None):
        downloads[filename] = path_or_data
        return real_store(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep_a_copy)
    texts = [f"{EVIL[i % len(EVIL)]} review {i} was {'great' if i % 2 else 'awful'}"
             for i in range(40)]
    project = labeling.create_project("Reviews", labeling.CLASSIFICATION, EVIL_LABELS, texts)
    for item in range(10):
        labeling.label(project, item, [EVIL_LABELS[item % 2]], texts)
    at = AppTest.from_file(str(ROOT / "pages" / "label.py"), default_timeout=60)
    at.session_state["label_tab"] = "Label these next"
    at.run()
    assert not at.exception
    data = downloads["label-these-next.csv"]
    assert formula_cells(data) == []
    assert "'=HYPERLINK" in data.decode() and "'@SUM(1)" in data.decode()


def test_relabel_file_neutralises_headers_and_cells():
    table = pd.DataFrame({"=text": EVIL, "label": EVIL_LABELS * 3})
    assert formula_cells(error_analysis.relabel_csv(table)) == []


def test_learning_curve_subsets_neutralise_and_train_on_the_same_texts(tmp_path):
    frame = pd.DataFrame({"text": EVIL + ["-1 star"], "labels": [["a"], ["b"]] * 3 + [["a"]]})
    path = tmp_path / "train-7.csv"
    learning_curve._write_part(frame, path, task_kind(TEXT_CLASSIFICATION))
    assert formula_cells(path.read_bytes()) == []
    back = read_table(path)
    assert list(back["text"]) == EVIL + ["-1 star"]


WRITES_CSV = re.compile(r"\.to_csv\(|csv\.writer\(|csv\.DictWriter\(")


def test_every_csv_goes_through_the_one_writer():
    offenders = [str(p.relative_to(ROOT)) for folder in ("core", "pages")
                 for p in (ROOT / folder).rglob("*.py")
                 if p.name != "csv_safe.py" and WRITES_CSV.search(p.read_text(encoding="utf-8"))]
    offenders += ["app.py"] if WRITES_CSV.search((ROOT / "app.py").read_text()) else []
    assert offenders == []
