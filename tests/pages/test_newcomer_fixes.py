"""What a newcomer hit in a first session: the Test page's run picker, the column guess, the
catalogue offline, settings of one dataset, broken uploads, names and counts.

Page tests use AppTest through app.py (so page switches behave as in the browser) and run
folders written in core/workspace/runs.py's format; no training is involved.
"""

from __future__ import annotations

import time

from support.pages import open_app, write_run


def _picked_run(at) -> str:
    return at.selectbox(key="test_run").value


def test_test_page_shows_the_newest_finished_run_after_a_new_one_finished(workspace):
    write_run("run-first", "completed", created=time.time() - 600)
    at = open_app("pages/test.py")
    assert _picked_run(at) == "run-first"
    at.switch_page("pages/train.py").run()
    write_run("run-second", "completed", created=time.time() - 60)  # finished meanwhile
    at.query_params.clear()  # the browser's page links drop ?run= (AppTest keeps it)
    at.switch_page("pages/test.py").run()
    assert _picked_run(at) == "run-second"


def test_a_run_picked_during_the_visit_stays_picked(workspace):
    write_run("run-first", "completed", created=time.time() - 600)
    write_run("run-second", "completed", created=time.time() - 60)
    at = open_app("pages/test.py")
    at.selectbox(key="test_run").set_value("run-first").run()
    at.run()
    assert _picked_run(at) == "run-first"
    assert at.query_params["run"] == "run-first"  # a reload shows it again


def test_continue_to_test_opens_the_run_just_finished(workspace):
    write_run("run-old", "completed", created=time.time() - 600)
    write_run("run-new", "completed", created=time.time() - 60)
    at = open_app("pages/test.py")
    at.selectbox(key="test_run").set_value("run-new").run()
    at.switch_page("pages/train.py")
    at.query_params["run"] = "run-old"  # the Train page shows an older run that just finished
    at.run()
    next(b for b in at.button if b.label == "Continue to Test").click().run()
    assert _picked_run(at) == "run-old"


def test_continue_to_test_is_offered_only_for_runs_the_test_page_shows(workspace):
    write_run("run-failed", "failed", error="The GPU ran out of memory.")
    at = open_app("pages/train.py")
    assert not [b for b in at.button if b.label == "Continue to Test"]


# ----- column guess: the column with the most text, and a second text joined --------------

NEWS = "title,description,label\n" + "".join(
    f"Headline {i},A longer description of story number {i} with the details {i * 7},"
    f"{'sport' if i % 2 else 'world'}\n" for i in range(60))


def test_the_guess_takes_the_column_with_most_text_and_offers_the_other(tmp_path):
    import io

    import pandas as pd

    from core.data.columns import infer_columns

    guess = infer_columns(pd.read_csv(io.StringIO(NEWS)))
    assert (guess.text, guess.also_text, guess.label) == ("description", "title", "label")
    assert guess.text_pair is None
    assert any("'title' holds text too" in r for r in guess.reasons)


def test_joined_text_reads_both_columns_in_the_file_order(tmp_path):
    from core.config import DataConfig
    from core.data.examples import load_examples

    path = tmp_path / "news.csv"
    path.write_text(NEWS + ",only a description here,world\nonly a title,,sport\n",
                    encoding="utf-8")
    data = DataConfig(train=str(path), text_column="description", text_join_column="title")
    frame = load_examples(path, data).frame
    assert frame["text"].iloc[3] == ("Headline 3\nA longer description of story number 3 with "
                                     "the details 21")
    assert list(frame["text"].iloc[-2:]) == ["only a description here", "only a title"]
    assert "text_pair" not in frame.columns


def test_data_page_proposes_description_joined_with_title(workspace):
    at = open_app()
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(("news.csv", NEWS.encode(), "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="data_text").value == "description"
    assert at.selectbox(key="data_pair").value == "title"
    assert at.radio(key="data_pair_mode").value == "join"
    data = at.session_state["data_config"]
    assert (data["text_join_column"], data["text_pair_column"]) == ("title", "")
    at.radio(key="data_pair_mode").set_value("pair").run()
    data = at.session_state["data_config"]
    assert (data["text_join_column"], data["text_pair_column"]) == (None, "title")


# ----- the catalogue offline: marked before a click, no wait on the hub --------------------

def _model_page(monkeypatch):
    from core.jobs import queue as jobs

    monkeypatch.setattr(jobs, "_launch", lambda run_dir: None)
    at = open_app()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    return at


def _captions(at) -> dict[str, str]:
    radio = at.radio(key="model_choice")
    return dict(zip(radio.options, radio.proto.captions))


def test_hub_models_are_marked_unreachable_before_they_are_picked(workspace, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    captions = _captions(_model_page(monkeypatch))
    assert "needs internet — not reachable now" in captions["DistilBERT base (uncased)"]
    assert "works offline" in captions["MiniLM-L6 (all-MiniLM-L6-v2), built in"]


def test_reachability_is_one_short_attempt_remembered_for_minutes(monkeypatch):
    import socket

    from core.models import loading as models

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(models, "_hub_checks", {})
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    assert models.hub_reachable()
    server.close()
    assert models.hub_reachable()  # remembered: no second attempt within the minutes
    monkeypatch.setattr(models, "HUB_CHECK_TTL_S", 0.0)
    assert not models.hub_reachable()  # the closed port refuses at once
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(models, "HUB_CHECK_TTL_S", 300.0)
    monkeypatch.setattr(models, "_hub_checks", {})
    assert not models.hub_reachable()


def test_an_unreachable_hub_model_fails_at_once_with_one_sentence(monkeypatch):
    import socket

    from core.errors import UserError
    from core.models import loading as models

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(models, "_hub_checks", {})
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: like a machine without network
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    attempts = []
    real = models.hub_reachable
    monkeypatch.setattr(models, "hub_reachable", lambda: attempts.append(1) or real())
    try:
        models.model_folder("some-org/model-that-is-not-cached", weights=False)
    except UserError as exc:
        assert "cannot be reached from this computer now" in exc.message
        assert "'default'" in exc.fix
    else:
        raise AssertionError("an unreachable hub model loaded")
    assert attempts == [1]


# ----- settings of one dataset ------------------------------------------------------------

def test_extend_vocabulary_is_forgotten_when_another_dataset_is_chosen(workspace, monkeypatch):
    at = _model_page(monkeypatch)
    at.checkbox(key="adv_extend_vocabulary").check().run()
    at.switch_page("pages/data.py").run()  # the same dataset again: the setting stays
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert at.checkbox(key="adv_extend_vocabulary").value is True
    at.switch_page("pages/data.py").run()
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(("news.csv", NEWS.encode(), "text/csv")).run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert not at.exception
    assert at.checkbox(key="adv_extend_vocabulary").value is False


# ----- a broken file on the Label page ------------------------------------------------------

def test_a_broken_file_uploaded_for_labeling_is_not_kept(workspace):
    from core.workspace import uploads

    at = open_app("pages/label.py")
    at.file_uploader(key="label_upload").set_value(
        ("photo.csv", bytes(range(256)) * 20, "text/csv")).run()
    assert not at.exception
    assert any("binary data" in e.value for e in at.error)
    assert uploads.list_uploads() == []
    at.switch_page("pages/data.py").run()
    at.radio(key="data_source").set_value("earlier").run()
    assert "No files were uploaded yet" in " ".join(i.value for i in at.info)


def test_a_readable_file_for_labeling_is_kept(workspace):
    from core.workspace import uploads

    at = open_app("pages/label.py")
    at.file_uploader(key="label_upload").set_value(
        ("texts.csv", b"text\nfirst text\nsecond text\n", "text/csv")).run()
    assert not at.exception and not at.error
    assert [d.name for d in uploads.list_uploads()] == ["texts.csv"]


# ----- the first install says it takes a while --------------------------------------------

def test_make_install_says_the_first_install_takes_minutes_before_pip_runs(tmp_path):
    import shutil
    import subprocess
    from pathlib import Path

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make is not installed here")
    root = Path(__file__).resolve().parents[2]
    planned = subprocess.run(["make", "-n", "-B", "install", f"VENV={tmp_path / 'venv'}"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    lines = planned.splitlines()
    pip = next(i for i, line in enumerate(lines) if "pip install" in line)
    said = [line for line in lines[:pip] if line.startswith("echo ")]
    assert said and "first install takes a few minutes" in said[-1]


# ----- 'default' reads as the model it is -------------------------------------------------

def test_run_list_and_model_card_name_the_default_model(workspace):
    from core.serve.export import model_card

    folder = write_run("run-default", "completed")  # config model: "default"
    at = open_app("pages/runs.py")
    assert not at.exception
    shown = [d.value for d in at.dataframe if "Model" in d.value.columns][0]
    assert "all-MiniLM-L6-v2" in shown["Model"].iloc[0]
    card = model_card(folder)
    assert "all-MiniLM-L6-v2" in card and "from default" not in card


# ----- counts read as counts --------------------------------------------------------------

def test_examples_per_label_is_a_whole_number():
    from core.config import RunConfig, TrainingConfig
    from core.train import few_shot

    config = RunConfig(task="text-classification", training=TrainingConfig())
    advice = few_shot.advise(config, {"world": 4794, "sport": 4795}, False, False)
    assert advice.median_per_label == 4794.5
    assert "about 4,795 examples per label" in advice.reason
