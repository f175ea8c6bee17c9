"""Smaller models trained end to end through core.train.training, one per task (text
classification, entities, question answering) on the tiny 2-layer model: each is an ordinary
run with curves, test scores in eval.json and a saved 1-layer model, whose record says what it
was made from."""

from __future__ import annotations

import json
import os

import pytest
from support.qa_runs import install_qa_run
from support.tiny_runs import install_run

from core.data.samples import SAMPLES_DIR
from core.models.loading import load_model
from core.tasks import task_kind
from core.train import distill
from core.train.training import train
from core.workspace import runs
from core.workspace.folder import RunFolder, RunRecord

KINDS = ("classification", "ner", "qa")


@pytest.fixture(scope="module")
def distilled(tiny_model_dir, tmp_path_factory):
    """{kind: (teacher run folder, smaller model's run folder)} in one workspace."""
    previous = os.environ.get("FINETUNE_STUDIO_WORKSPACE")
    os.environ["FINETUNE_STUDIO_WORKSPACE"] = str(tmp_path_factory.mktemp("distill-workspace"))
    try:
        made = {}
        for kind in KINDS:
            teacher = _teacher(kind, tiny_model_dir, tmp_path_factory)
            config = distill.distilled_config(teacher, 1)
            config.training.epochs = 1
            run_dir = runs.new_run_folder(config.to_dict(), config.name)
            train(config, run_dir)
            made[kind] = (teacher, run_dir)
        yield made
    finally:
        if previous is None:
            os.environ.pop("FINETUNE_STUDIO_WORKSPACE", None)
        else:
            os.environ["FINETUNE_STUDIO_WORKSPACE"] = previous


def _teacher(kind, tiny_model_dir, factory):
    if kind != "qa":
        return install_run(kind, tiny_model_dir, factory)
    run_dir = install_qa_run(tiny_model_dir, factory)  # a finished run, its data the sample
    folder = RunFolder(run_dir)
    record = folder.read_record()
    record.config["data"]["train"] = str(SAMPLES_DIR / "qa_product.json")
    folder.write_record(RunRecord(config=record.config,
                                  resolved_training=record.resolved_training))
    return run_dir


@pytest.mark.parametrize("kind", KINDS)
def test_a_smaller_model_is_an_ordinary_run(distilled, kind):
    teacher, run_dir = distilled[kind]
    folder = RunFolder(run_dir)
    status = runs.read_status(run_dir)
    assert status["state"] == "completed", runs.log_tail(run_dir)
    assert status["name"] == "Smaller model (1 of 2 layers)"
    record = folder.read_record()
    assert (record.config["distill_from"], record.config["student_layers"],
            record.config["teacher_layers"]) == (teacher.name, 1, 2)
    evaluation = json.loads(folder.evaluation.read_text(encoding="utf-8"))
    kind_class = task_kind(record.config["task"])
    headline = kind_class.headline_metric(bool(record.multi_label))
    assert isinstance(evaluation["test"][headline], float)
    assert folder.metrics.is_file() and folder.metrics.read_text().strip()  # live curves
    model = load_model(str(folder.model), kind_class.model_class())
    assert model.config.num_hidden_layers == 1 and len(model.bert.encoder.layer) == 1
    assert "learning from its outputs" in folder.log.read_text(encoding="utf-8")
    assert not folder.checkpoints.exists()
