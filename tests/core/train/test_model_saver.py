"""The one model saver (core/train/saving.py): the previous model stays until the new one is
complete, through the fine-tuning path as through the saver itself."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import torch

from core.train import saving, training


def _model(seed: int):
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(seed)
    config = BertConfig(vocab_size=64, hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=32, max_position_embeddings=32,
                        num_labels=2)
    return BertForSequenceClassification(config)


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)


def _head(folder: Path) -> torch.Tensor:
    from transformers import AutoModelForSequenceClassification

    return AutoModelForSequenceClassification.from_pretrained(folder).classifier.weight.detach()


def _fail_halfway(folder, **kwargs):
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / "model.safetensors").write_bytes(b"half a model")
    raise OSError(errno.ENOSPC, "No space left on device")


class _Trainer:
    def __init__(self, model):
        self.model = model


def _save_fine_tuned(model, tokenizer, folder):
    training._save_model(_Trainer(model), tokenizer, folder, lora=False)


SAVERS = {"saver": saving.save_model, "fine-tuning": _save_fine_tuned}


@pytest.mark.parametrize("save", SAVERS.values(), ids=SAVERS.keys())
def test_a_successful_save_replaces_the_previous_model(save, tokenizer, tmp_path):
    folder = tmp_path / "model"
    first, second = _model(1), _model(2)
    save(first, tokenizer, folder)
    save(second, tokenizer, folder)
    assert torch.equal(_head(folder), second.classifier.weight.detach())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


@pytest.mark.parametrize("save", SAVERS.values(), ids=SAVERS.keys())
def test_a_save_that_fails_halfway_keeps_the_previous_model(save, tokenizer, tmp_path,
                                                            monkeypatch):
    folder = tmp_path / "model"
    first, second = _model(1), _model(2)
    save(first, tokenizer, folder)
    monkeypatch.setattr(second, "save_pretrained", _fail_halfway)
    with pytest.raises(OSError):
        save(second, tokenizer, folder)
    assert torch.equal(_head(folder), first.classifier.weight.detach())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no temporary folder


def test_a_swap_that_fails_puts_the_previous_model_back(tokenizer, tmp_path, monkeypatch):
    folder = tmp_path / "model"
    first = _model(1)
    saving.save_model(first, tokenizer, folder)
    real_replace = saving.os.replace

    def replace(source, target):
        if Path(source).name == "model.partial":
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(saving.os, "replace", replace)
    with pytest.raises(OSError):
        saving.save_model(_model(2), tokenizer, folder)
    assert torch.equal(_head(folder), first.classifier.weight.detach())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_save_killed_between_the_renames_is_undone_by_the_next(tokenizer, tmp_path):
    folder = tmp_path / "model"
    first = _model(1)
    saving.save_model(first, tokenizer, folder)
    folder.rename(tmp_path / "model.previous")  # killed after the old model went aside
    (tmp_path / "model.partial").mkdir()
    assert saving.restore_aside(folder)
    assert torch.equal(_head(folder), first.classifier.weight.detach())
    second = _model(2)
    saving.save_model(second, tokenizer, folder)
    assert torch.equal(_head(folder), second.classifier.weight.detach())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_the_calibration_is_folded_into_the_saved_copy_only(tokenizer, tmp_path):
    model = _model(1)
    trained = model.classifier.weight.detach().clone()
    calibration = {"applied": True, "temperature": 2.0}
    saving.save_model(model, tokenizer, tmp_path / "model", calibration)
    assert torch.allclose(_head(tmp_path / "model"), trained / 2.0)
    assert torch.equal(model.classifier.weight.detach(), trained)
