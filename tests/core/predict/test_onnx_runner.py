"""The model call behind prediction goes through a runner (torch or onnxruntime); batches keep
their length order whichever runner runs them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.errors import UserError
from core.predict import onnx_runner
from core.predict.inference import dataset_logits, length_batches


class Recording:
    """A runner that gives each row its token count as its one logit."""

    device = "cpu"
    format = "fake"

    def __init__(self):
        self.shapes = []

    def run_batch(self, arrays):
        self.shapes.append(arrays["input_ids"].shape)
        return arrays["attention_mask"].sum(axis=1, keepdims=True).astype(np.float32)


def _collate(rows):
    width = max(len(r["input_ids"]) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, row in enumerate(rows):
        ids[i, :len(row["input_ids"])] = row["input_ids"]
        mask[i, :len(row["input_ids"])] = 1
    return {"input_ids": ids, "attention_mask": mask}


def test_a_runner_gets_the_length_batches_and_rows_come_back_in_order():
    from datasets import Dataset

    lengths = [5, 1, 9, 3, 3, 7, 2]
    dataset = Dataset.from_dict({"input_ids": [[1] * n for n in lengths], "length": lengths})
    runner = Recording()
    logits, labels = dataset_logits(runner, dataset, _collate, batch_size=3)
    assert logits[:, 0].tolist() == lengths  # each row's logits written back to its row
    assert (labels == -100).all()
    expected = [(len(b), max(lengths[i] for i in b)) for b in length_batches(lengths, 3)]
    assert runner.shapes == expected


def test_labels_come_from_id2label_in_id_order(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps(
        {"id2label": {"1": "positive", "0": "negative", "2": "mixed"}}))
    assert onnx_runner.folder_labels(tmp_path) == ["negative", "positive", "mixed"]
    (tmp_path / "config.json").write_text("{}")
    assert onnx_runner.folder_labels(tmp_path) == []


def test_the_cpu_provider_is_always_there():
    chosen = onnx_runner.providers()
    assert chosen[-1] == "CPUExecutionProvider"
    assert chosen.count("CPUExecutionProvider") == 1


def test_a_missing_or_damaged_onnx_file_is_one_sentence(tmp_path):
    with pytest.raises(UserError, match="The ONNX file model.onnx is missing"):
        onnx_runner.OnnxRunner(tmp_path / "model.onnx")
    (tmp_path / "model.onnx").write_bytes(b"not protobuf at all")
    with pytest.raises(UserError, match="onnxruntime could not read model.onnx"):
        onnx_runner.OnnxRunner(tmp_path / "model.onnx")
