"""Model names: the offline default, local folders (safetensors only) and hub ids, safely."""

import shutil

import pytest

from core.errors import UserError
from core.models import loading as models


def test_default_resolves_to_the_packaged_folder():
    folder = models.resolve_model("default")
    assert (models.default_model_path() / "model.safetensors").is_file()
    assert folder == str(models.default_model_path())


def test_local_folder_loads_through_the_same_path(tiny_model_dir):
    tokenizer = models.load_tokenizer(str(tiny_model_dir))
    assert tokenizer("hello world")["input_ids"]


def test_local_folder_without_safetensors_is_refused(tiny_model_dir, tmp_path):
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_model_dir, folder)
    for weights in folder.glob("*.safetensors"):
        weights.rename(weights.with_suffix(".bin"))
    with pytest.raises(UserError, match="safetensors"):
        models.resolve_model(str(folder))


@pytest.mark.parametrize("name", ["../../etc", "./missing-folder", "a/b/c", "bad id!"])
def test_paths_and_odd_names_are_refused(name):
    with pytest.raises(UserError):
        models.resolve_model(name)


def test_unreachable_hub_id_gives_one_sentence(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert models.resolve_model("distilbert-base-uncased") == "distilbert-base-uncased"
    with pytest.raises(UserError) as caught:
        models.load_tokenizer("some-org/model-that-is-not-cached")
    assert "internet" in caught.value.message and "default" in caught.value.fix


def test_default_model_folder_gets_the_default_learning_rate(tmp_path):
    from core.models.loading import default_model_path, recommended_learning_rate

    assert recommended_learning_rate(str(default_model_path())) == \
        recommended_learning_rate("default") == 1e-4
    assert recommended_learning_rate(str(tmp_path)) == 5e-5
