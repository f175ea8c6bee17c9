"""Model folders never run code: planted pickle files are never opened in any path that loads a
model (few-shot, fine-tune, LoRA, continuing from a run, prediction, a hub id), a model that
needs pickle files or code of its own is refused with one sentence, and the app saves no pickle.

Each planted pickle writes a marker file when it is unpickled; an audit hook also records every
file Python opens, so a pickle that is opened but fails to load is caught as well.
"""

from __future__ import annotations

import json
import os
import pathlib
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from support.datasets import write_sentiment_csv
from support.tiny_runs import install_run

from core.config import RunConfig
from core.errors import UserError
from core.models import loading as models
from core.workspace import runs

PICKLE_SUFFIXES = (".pkl", ".bin", ".pt", ".pth", ".joblib", ".pickle", ".ckpt")
_OPENED: list[str] | None = None  # paths opened while a test watches


def _record_open(event: str, args: tuple) -> None:
    """Files opened for reading (planting the pickles writes them)."""
    if event != "open" or _OPENED is None or not isinstance(args[0], (str, bytes, Path)):
        return
    path, mode, flags = args
    reads = mode.startswith("r") and "+" not in mode if isinstance(mode, str) else \
        not (flags or 0) & (os.O_WRONLY | os.O_RDWR)
    if reads:
        _OPENED.append(os.fsdecode(path))


sys.addaudithook(_record_open)  # hooks cannot be removed; it records only while _OPENED is set


class WritesMarker:
    """Unpickling this writes the marker: what a crafted model file would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return pathlib.Path.write_text, (pathlib.Path(self.marker), "code from a pickle ran")


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "MARKER-code-ran"


@pytest.fixture
def opened():
    global _OPENED
    _OPENED = []
    yield _OPENED
    _OPENED = None


def plant_pickles(folder: Path, marker: Path) -> None:
    """A SetFit head and PyTorch weights that run code when unpickled, beside the real weights."""
    import joblib
    import torch

    joblib.dump(WritesMarker(marker), folder / "model_head.pkl")
    torch.save(WritesMarker(marker), folder / "pytorch_model.bin")
    (folder / "training_args.pt").write_bytes(pickle.dumps(WritesMarker(marker)))


def sentence_model_folder(tiny_model_dir: Path, tmp_path: Path, marker: Path) -> Path:
    """The tiny BERT laid out as a SetFit model (modules.json, pooling, config, pickled head)."""
    folder = tmp_path / "setfit-model"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.models.Pooling"},
    ]))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": 32, "pooling_mode_mean_tokens": True}))
    (folder / "config_setfit.json").write_text(json.dumps({"normalize_embeddings": False}))
    plant_pickles(folder, marker)
    return folder


def assert_no_pickle_touched(marker: Path, opened: list[str]) -> None:
    assert not marker.exists(), "a planted pickle was unpickled"
    touched = [p for p in opened if p.lower().endswith(PICKLE_SUFFIXES) and "MARKER" not in p]
    assert not touched, f"pickle files were opened: {touched}"


def pickles_in(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.suffix.lower() in PICKLE_SUFFIXES]


def _train(model: str, tmp_path: Path, workspace: Path, name: str, **training) -> Path:
    from core.train.training import train

    config = RunConfig(task="text-classification", model=model, preset="quick", name=name)
    config.data.train = str(write_sentiment_csv(tmp_path))
    config.data.test_fraction = 0.15
    config.training.epochs = 1
    for key, value in training.items():
        setattr(config.training, key, value)
    run_dir = runs.run_path(name, workspace / "runs")
    run_dir.mkdir(parents=True)
    assert train(config, run_dir)["state"] == "completed"
    return run_dir


# ----- every path that loads a model ---------------------------------------------------------

def test_few_shot_training_never_opens_the_setfit_head_or_pickled_weights(
        tiny_model_dir, tmp_path, workspace, marker, opened):
    folder = sentence_model_folder(tiny_model_dir, tmp_path, marker)
    run_dir = _train(str(folder), tmp_path, workspace, "few-shot", mode="few-shot")
    assert_no_pickle_touched(marker, opened)
    assert runs.read_eval(run_dir)["mode"] == "few-shot"
    assert pickles_in(run_dir) == []  # the app's own head is saved in safetensors


@pytest.mark.parametrize("lora", [False, True], ids=["fine-tune", "lora"])
def test_fine_tuning_never_opens_planted_pickles(tiny_model_dir, tmp_path, workspace, marker,
                                                 opened, lora):
    folder = sentence_model_folder(tiny_model_dir, tmp_path, marker)
    run_dir = _train(str(folder), tmp_path, workspace, "tuned", mode="fine-tune", lora=lora)
    assert_no_pickle_touched(marker, opened)
    assert pickles_in(run_dir / "model") == []


def test_continuing_from_a_run_and_predicting_never_open_planted_pickles(
        tiny_model_dir, tmp_path_factory, tmp_path, workspace, marker, opened):
    from core.predict.batch_predict import predict_file
    from core.predict.inference import Predictor

    previous = install_run("classification", tiny_model_dir, tmp_path_factory)
    plant_pickles(previous / "model", marker)
    predictor = Predictor(previous)  # the Test page, playground and batch prediction use this
    assert predictor.predict(["a lovely film"])[0]["label"] in ("positive", "negative")
    import pandas as pd

    predict_file(predictor, pd.DataFrame({"text": ["awful plot", "great cast"]}), "text",
                 tmp_path / "predicted.csv")
    # a label project's next run starts from its last run's model folder, as here
    _train(str(previous / "model"), tmp_path, workspace, "continued")
    assert_no_pickle_touched(marker, opened)


def test_a_hub_model_is_fetched_without_its_pickle_files(tiny_model_dir, tmp_path, monkeypatch,
                                                         marker, opened):
    """A hub id reads the same checked folder: the hub cache's snapshot of the safe files."""
    from huggingface_hub import constants
    from transformers import AutoModelForSequenceClassification

    cache = tmp_path / "hub"
    snapshot = cache / "models--some-org--tiny" / "snapshots" / ("a" * 40)
    shutil.copytree(tiny_model_dir, snapshot)
    plant_pickles(snapshot, marker)
    (cache / "models--some-org--tiny" / "refs").mkdir()
    (cache / "models--some-org--tiny" / "refs" / "main").write_text("a" * 40)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    model = models.load_model("some-org/tiny", AutoModelForSequenceClassification, num_labels=2)
    assert model.config.num_labels == 2
    assert_no_pickle_touched(marker, opened)

    (snapshot / "model.safetensors").unlink()
    with pytest.raises(UserError, match="pytorch_model.bin"):
        models.load_model("some-org/tiny", AutoModelForSequenceClassification)
    assert_no_pickle_touched(marker, opened)


# ----- folders that would need pickle files are refused ---------------------------------------

def _only_pickled_weights(tiny_model_dir: Path, tmp_path: Path, marker: Path) -> Path:
    folder = tmp_path / "pickled-only"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "model.safetensors").unlink()
    (folder / "adapter_model.safetensors").write_bytes(b"")  # some .safetensors is not enough
    plant_pickles(folder, marker)
    return folder


def test_a_folder_with_only_pickled_weights_is_refused_with_one_sentence(
        tiny_model_dir, tmp_path, workspace, marker, opened):
    from core.train.training import train

    folder = _only_pickled_weights(tiny_model_dir, tmp_path, marker)
    with pytest.raises(UserError) as caught:
        models.resolve_model(str(folder))
    message = caught.value.message
    assert "pytorch_model.bin" in message and "can run code" in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    assert "safetensors" in caught.value.fix

    config = RunConfig(task="text-classification", model=str(folder), preset="quick")
    config.data.train = str(write_sentiment_csv(tmp_path))
    for mode in ("few-shot", "fine-tune"):
        config.training.mode = mode
        run_dir = runs.run_path(f"refused-{mode}", workspace / "runs")
        run_dir.mkdir(parents=True)
        with pytest.raises(UserError, match="can run code"):
            train(config, run_dir)
        assert runs.read_status(run_dir)["failure"] == "input"  # no Resume is offered
    assert_no_pickle_touched(marker, opened)


def _pointing_elsewhere(tiny_model_dir: Path, tmp_path: Path, marker: Path, how: str) -> Path:
    """A folder whose safetensors index or config.json sends transformers to a pickled file."""
    folder = tmp_path / f"elsewhere-{how}"
    shutil.copytree(tiny_model_dir, folder)
    plant_pickles(folder, marker)
    if how == "index":
        (folder / "model.safetensors").unlink()
        (folder / "model.safetensors.index.json").write_text(json.dumps(
            {"metadata": {}, "weight_map": {"bert.embeddings.word_embeddings.weight":
                                            "pytorch_model.bin"}}))
    elif how == "index-outside":
        (folder / "model.safetensors").rename(tmp_path / "outside.safetensors")
        (folder / "model.safetensors.index.json").write_text(json.dumps(
            {"metadata": {}, "weight_map": {"x": "../outside.safetensors"}}))
    else:
        config = json.loads((folder / "config.json").read_text())
        config["transformers_weights"] = "pytorch_model.bin"
        (folder / "config.json").write_text(json.dumps(config))
    return folder


@pytest.mark.parametrize("how", ["index", "index-outside", "config"])
def test_a_folder_naming_other_weight_files_is_refused(how, tiny_model_dir, tmp_path, marker,
                                                       opened):
    """The safetensors index and config.json's transformers_weights can send transformers to a
    pickled or outside file even beside safetensors weights: such a folder is refused."""
    from transformers import AutoModelForSequenceClassification

    folder = _pointing_elsewhere(tiny_model_dir, tmp_path, marker, how)
    with pytest.raises(UserError, match="can run code") as caught:
        models.load_model(str(folder), AutoModelForSequenceClassification, num_labels=2)
    assert caught.value.message.count(". ") == 0
    assert_no_pickle_touched(marker, opened)


def test_a_run_whose_model_has_only_pickled_weights_is_not_loaded_for_prediction(
        tiny_model_dir, tmp_path_factory, marker, opened):
    from core.predict.inference import Predictor

    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory, "run-swapped")
    (run_dir / "model" / "model.safetensors").unlink()
    plant_pickles(run_dir / "model", marker)
    with pytest.raises(UserError, match="can run code"):
        Predictor(run_dir)
    assert_no_pickle_touched(marker, opened)


def test_a_lora_adapter_with_pickled_weights_is_refused(tiny_model_dir, tmp_path, marker,
                                                        opened):
    folder = tmp_path / "adapter"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "adapter_config.json").write_text(json.dumps(
        {"peft_type": "LORA", "base_model_name_or_path": str(tiny_model_dir), "r": 2,
         "target_modules": ["query", "value"], "task_type": "SEQ_CLS"}))
    import torch

    torch.save(WritesMarker(marker), folder / "adapter_model.bin")
    with pytest.raises(UserError, match="LoRA adapter"):
        models.resolve_model(str(folder))
    assert_no_pickle_touched(marker, opened)


# ----- models that need their own code, and the libraries' advice ------------------------------

def _custom_code_folder(tiny_model_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "custom-code"
    shutil.copytree(tiny_model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config.update(model_type="my-own-bert", auto_map={
        "AutoConfig": "configuration_mine.MyConfig",
        "AutoModelForSequenceClassification": "modeling_mine.MyModel"})
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "modeling_mine.py").write_text(f"open({str(tmp_path / 'MARKER-py')!r}, 'w')\n")
    (folder / "configuration_mine.py").write_text(f"open({str(tmp_path / 'MARKER-py')!r}, 'w')\n")
    return folder


def test_a_model_that_needs_its_own_code_is_refused_up_front_without_resume(
        tiny_model_dir, tmp_path, workspace):
    from core.train.training import train
    from pages.train import RESUMABLE_FAILURES

    folder = _custom_code_folder(tiny_model_dir, tmp_path)
    with pytest.raises(UserError) as caught:
        models.load_tokenizer(str(folder))  # what the Model page checks a chosen model with
    assert "never runs code" in caught.value.message and "trust_" not in str(caught.value)

    config = RunConfig(task="text-classification", model=str(folder), preset="quick")
    config.data.train = str(write_sentiment_csv(tmp_path))
    run_dir = runs.run_path("custom-code", workspace / "runs")
    run_dir.mkdir(parents=True)
    with pytest.raises(UserError, match="never runs code"):
        train(config, run_dir)
    status = runs.read_status(run_dir)
    assert status["failure"] not in RESUMABLE_FAILURES and "Resume" not in status["fix"]
    assert not (tmp_path / "MARKER-py").exists()


def test_the_libraries_advice_to_run_code_never_reaches_the_user(tiny_model_dir, tmp_path,
                                                                 marker):
    """Errors that escape the loaders (a checkpoint, a library call) get the app's sentence."""
    import torch
    from transformers import AutoConfig

    from core.train.training import explain_failure, failure_kind
    from pages.train import RESUMABLE_FAILURES

    torch.save(WritesMarker(marker), tmp_path / "weights.bin")
    with pytest.raises(pickle.UnpicklingError) as unpickling:
        torch.load(tmp_path / "weights.bin", weights_only=True)
    assert "weights_only" in str(unpickling.value)  # torch tells users how to load it anyway
    with pytest.raises(ValueError) as remote:
        AutoConfig.from_pretrained(_custom_code_folder(tiny_model_dir, tmp_path),
                                   trust_remote_code=False)
    for exc, words in ((unpickling.value, "unsafe format"), (remote.value, "never runs code")):
        message, fix = explain_failure(exc)
        assert words in message and message.endswith(".")
        assert "weights_only" not in message + fix and "trust_remote" not in message + fix
        assert "Resume" not in fix and failure_kind(exc) not in RESUMABLE_FAILURES
    assert not marker.exists()


def test_a_model_type_transformers_does_not_know_is_named(tiny_model_dir, tmp_path):
    folder = tmp_path / "future-type"
    shutil.copytree(tiny_model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "model_type": "bert-of-2030"}))
    with pytest.raises(UserError, match="'bert-of-2030'.*does not know"):
        models.load_tokenizer(str(folder))


# ----- the Model page's "Another model" ------------------------------------------------------

@pytest.mark.parametrize("kind", ["pickled", "custom-code"])
def test_the_model_page_refuses_such_a_folder_with_its_sentence(
        tiny_model_dir, tmp_path, workspace, monkeypatch, marker, opened, kind):
    from support.pages import all_text, fake_launch, open_app

    from core.jobs import queue as jobs

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    folder = _only_pickled_weights(tiny_model_dir, tmp_path, marker) if kind == "pickled" \
        else _custom_code_folder(tiny_model_dir, tmp_path)
    at = open_app()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    at.radio(key="model_choice").set_value("other").run()
    at.text_input(key="model_other").set_value(str(folder)).run()
    errors = " ".join(e.value for e in at.error)
    assert ("can run code" if kind == "pickled" else "never runs code") in errors, errors
    assert not at.exception and "trust_" not in all_text(at)
    assert not [b for b in at.button if b.label == "Start training" and not b.disabled]
    assert runs.list_runs() == []
    assert_no_pickle_touched(marker, opened)
