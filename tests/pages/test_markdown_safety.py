"""User text is shown as text: label, column, run, file and project names and the texts themselves
never become markdown (an image link in a label would make every viewer's browser fetch a URL
of the uploader's choice) nor HTML. The pages are walked with such data in every place a user can
put text, and every element that renders markdown is checked.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from support.pages import open_app, write_run

from core.config import RunConfig
from core.label import labeling
from core.serve import export
from core.workspace import runs
from pages import _format

ROOT = Path(__file__).resolve().parents[2]
IMAGE = "![x](http://example.invalid/x.png)"
BOLD = "**bold**"
TAG = "<img src=x onerror=alert(1)>"
LABELS = [f"{IMAGE} good", f"{BOLD} bad", f"{TAG} odd"]
# un-escaped, these would render: an image or link to the planted host, bold text, an HTML tag
RENDERED = [re.compile(r"(?<!\\)\]\(http://example\.invalid"), re.compile(r"(?<!\\)\*\*bold"),
            re.compile(r"(?<!\\)<img src=x")]
PLAIN_ELEMENTS = {"text", "code", "json", "exception", "arrow_data_frame", "html"}
MARKDOWN_FIELDS = {"body", "label", "help", "text", "content", "caption", "captions", "delta"}


def _strings(proto: Message) -> list[str]:
    found = []
    for field, value in proto.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                found += _strings(item)
            elif isinstance(item, str) and field.name in MARKDOWN_FIELDS:
                found.append(item)
    return found


def unsafe_markdown(at: AppTest) -> list[str]:
    """Strings of markdown-rendering elements (and HTML) that would render planted markup."""
    bad = []

    def walk(node) -> None:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if kind == "html":  # st.html bodies must carry the tag escaped as &lt;img
            bad.extend(s for s in _strings(proto) if "<img src=x" in s)
        elif proto is not None and kind not in PLAIN_ELEMENTS:
            bad.extend(s for s in _strings(proto) if any(p.search(s) for p in RENDERED))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return bad


def evil_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"review {IMAGE}", f"label {BOLD}"])
    for i in range(60):
        label = LABELS[i % 2] if i < 58 else LABELS[2]  # a rare third label gets a finding
        writer.writerow([f"text {i} {IMAGE} {BOLD} {TAG} was {'great' if i % 2 else 'awful'}",
                         label])
    return buffer.getvalue().encode()


def test_the_escape_keeps_the_characters():
    assert _format.md(IMAGE) == r"!\[x\](http://example.invalid/x.png)"
    assert _format.md(TAG) == r"\<img src=x onerror=alert(1)\>"
    assert _format.md("macro-F1 0.91 (test): fine!") == "macro-F1 0.91 (test): fine!"


def test_data_and_model_pages_show_uploaded_names_as_text(workspace):
    at = open_app()
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(
        (f"{IMAGE}.csv", evil_csv(), "text/csv")).run()
    assert not at.exception
    assert any("bold" in m.value for m in at.caption)  # the column caption names the columns
    assert unsafe_markdown(at) == []
    at.switch_page("pages/model.py").run()
    assert not at.exception
    assert unsafe_markdown(at) == []


def test_train_and_runs_pages_show_run_names_as_text(workspace):
    config = {"task": "text-classification", "model": f"{IMAGE}-model", "preset": "quick",
              "name": IMAGE, "data": {"train": f"/data/{IMAGE}.csv"}, "training": {"epochs": 2}}
    write_run("run-evil", "failed", config=config, name=f"{IMAGE} {BOLD}",
              error=f"The label {TAG} {IMAGE} broke it.", fix=f"Rename {BOLD}.")
    at = open_app("pages/train.py")
    assert not at.exception
    assert "bold" in at.header[0].value
    assert unsafe_markdown(at) == []
    at.switch_page("pages/runs.py").run()
    next(b for b in at.button if b.key == "runs_delete").click().run()
    assert any("bold" in w.value for w in at.warning)  # the delete question names the run
    assert unsafe_markdown(at) == []


@pytest.mark.parametrize("tab", ["Label", "Labeled so far", "Label these next",
                                 "Export and train", "Does smart ordering help?"])
def test_label_page_shows_labels_and_texts_as_text(workspace, tab):
    texts = [f"{IMAGE} {BOLD} {TAG} review {i} was {'great' if i % 2 else 'awful'}"
             for i in range(30)]
    project = labeling.create_project(f"{IMAGE} project", labeling.CLASSIFICATION, LABELS,
                                      texts, source=f"{IMAGE}.csv")
    for item in range(8):
        labeling.label(project, item, [LABELS[item % 2]], texts)
    at = AppTest.from_file(str(ROOT / "pages" / "label.py"), default_timeout=60)
    at.session_state["label_tab"] = tab
    at.run()
    assert not at.exception
    assert unsafe_markdown(at) == []


def test_entity_tagging_shows_types_and_words_as_text(workspace):
    texts = [f"Alice {IMAGE} went to Paris" for _ in range(5)]
    project = labeling.create_project("trips", labeling.NER, [IMAGE, BOLD], texts)
    labeling.label(project, 0, [[0, 2, IMAGE]], texts)
    at = AppTest.from_file(str(ROOT / "pages" / "label.py"), default_timeout=60).run()
    assert not at.exception
    assert unsafe_markdown(at) == []


@pytest.fixture
def evil_run(tiny_model_dir, tmp_path, workspace):
    """A tiny model trained on labels that hold an image link, bold text and an HTML tag."""
    from core.train.training import train

    data = tmp_path / f"{BOLD} data.csv"  # a file name cannot hold the link's slashes
    rows = [[f"the film was {w}", LABELS[k]] for k, words in enumerate(
        [["great", "lovely", "superb"], ["awful", "dull", "poor"]]) for w in words * 6]
    with open(data, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["text", "label"], *rows])
    config = RunConfig(model=str(tiny_model_dir), preset="quick", name=f"{IMAGE} run")
    config.data.train = str(data)
    config.training.epochs = 1
    run_dir = runs.run_path("run-evil-labels")
    run_dir.mkdir(parents=True)
    train(config, run_dir)
    return run_dir


def test_test_page_and_model_card_show_labels_as_text(evil_run):
    at = AppTest.from_file(str(ROOT / "pages" / "test.py"), default_timeout=120).run()
    assert not at.exception
    at.text_area(key="test_play_text").input("the film was lovely").run()
    assert not at.exception
    answer = next(m for m in at.metric if m.label == "Model's answer")
    assert "example.invalid" in answer.value or "bold" in answer.value
    assert unsafe_markdown(at) == []
    card = export.model_card(evil_run)
    assert not any(p.search(card) for p in RENDERED), card
