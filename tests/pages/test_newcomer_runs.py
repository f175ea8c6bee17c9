"""Issue 13, "a demo notices": the built-in model is named as the model it is, never 'default',
in the run list, the compared settings and the exported model card."""

from __future__ import annotations

from support.pages import assert_clean, open_app, write_run

from core.models import loading as models
from core.serve.export import model_card

BUILT_IN = "all-MiniLM-L6-v2"


def _config(model: str) -> dict:
    return {"task": "text-classification", "model": model, "preset": "quick",
            "data": {"train": "/d/reviews.csv"}, "training": {"epochs": 2}}


def test_the_built_in_models_folder_reads_as_its_name():
    folder = str(models.default_model_path())
    assert BUILT_IN in models.display_name(folder)
    assert BUILT_IN in models.display_name("default") and BUILT_IN in models.display_name("")
    assert models.display_name("/some/other/folder") == "/some/other/folder"
    assert models.display_name("distilbert-base-uncased") == "DistilBERT base (uncased)"


def test_run_list_names_the_built_in_model_however_the_run_gave_it(workspace):
    write_run("run-word", "completed", config=_config("default"))
    write_run("run-folder", "completed", config=_config(str(models.default_model_path())))
    at = open_app("pages/runs.py")
    assert_clean(at)
    shown = at.dataframe[0].value
    assert all(BUILT_IN in m for m in shown["Model"]), list(shown["Model"])


def test_compared_settings_name_the_model_not_default(workspace):
    write_run("run-a", "completed", config=_config("default"))
    write_run("run-b", "completed", config=_config("distilbert-base-uncased"))
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    diff = at.dataframe[2].value
    row = list(diff[diff["Setting"] == "model"].iloc[0])[1:]
    assert BUILT_IN in row[0] and row[1] == "DistilBERT base (uncased)"
    assert "default" not in row


def test_model_card_names_the_built_in_model_given_as_its_folder(workspace):
    folder = write_run("run-folder", "completed",
                       config=_config(str(models.default_model_path())))
    card = model_card(folder)
    assert f"fine-tuned with Finetune Studio from MiniLM-L6 ({BUILT_IN})" in card
    assert "local model folder" not in card
    other = write_run("run-local", "completed", config=_config("/home/me/models/my-bert"))
    assert "from the local model folder my-bert." in model_card(other)


def test_train_page_names_the_built_in_model(workspace):
    write_run("run-word", "completed", config=_config("default"))
    at = open_app("pages/train.py")
    assert_clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert BUILT_IN in captions, captions
    assert "model default" not in captions
