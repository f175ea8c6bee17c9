"""A smaller model of a finished run (core/train/distill.py): its RunConfig, the layers it is
offered with, the refusals, the student built from the teacher's first layers, and the
distillation loss of each task against a value computed by hand."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pytest
import torch
from support.tiny_runs import install_run

from core.config import RunConfig
from core.errors import UserError
from core.tasks import (
    QUESTION_ANSWERING,
    TASK_MEMBERS,
    TEXT_CLASSIFICATION,
    TOKEN_CLASSIFICATION,
    get_task,
)
from core.train import distill
from core.workspace import runs
from core.workspace.folder import RunFolder

T = 2.0


@pytest.fixture
def teacher(tiny_model_dir, tmp_path_factory):
    """The finished tiny classification run (2 layers) in this test's workspace."""
    return install_run("classification", tiny_model_dir, tmp_path_factory)


# ----- the config ---------------------------------------------------------------------------

def test_the_config_is_the_teachers_with_what_it_was_made_from(teacher):
    config = distill.distilled_config(teacher, 1)
    own = RunFolder(teacher).read_record().run_config()
    assert (config.task, config.data, config.model) == (own.task, own.data, own.model)
    assert (config.distill_from, config.student_layers, config.teacher_layers) == (
        teacher.name, 1, 2)
    assert config.name == "Smaller model (1 of 2 layers)"
    assert config.training.mode == "fine-tune" and not config.training.lora
    assert config.training.epochs == own.training.epochs
    again = RunConfig.from_dict(config.to_dict())  # as config.json keeps it
    assert again.distill_from == teacher.name and again.student_layers == 1
    assert distill.made_from(again.to_dict()) == (
        f"A smaller model: 1 of the 2 layers of run {teacher.name}, trained to "
        "imitate it.")
    assert distill.made_from(own) is None
    assert distill.distilled_config(teacher.name, 1, name="small").name == "small"


def test_the_name_in_english_and_chinese():
    from core.text import use_language

    assert distill.smaller_model_name(3, 6) == "Smaller model (3 of 6 layers)"
    with use_language("zh"):
        assert distill.smaller_model_name(3, 6) == "精简模型（6 层中的 3 层）"


def test_layer_choices(teacher, tmp_path):
    assert distill.student_layers_choices(teacher) == [1]
    assert distill.default_layers(teacher) == 1
    from transformers import BertConfig

    six = runs.run_path("six-layers")
    BertConfig(num_hidden_layers=6).save_pretrained(RunFolder(six).model)
    (RunFolder(six).model / "model.safetensors").write_bytes(b"")
    assert distill.student_layers_choices(six) == [2, 3, 4]
    assert distill.default_layers(six) == 3


# ----- refusals -----------------------------------------------------------------------------

def _refused(call):
    with pytest.raises(UserError) as caught:
        call()
    return str(caught.value.message), str(caught.value.fix)


def test_a_student_keeps_fewer_layers_than_its_teacher(teacher):
    assert _refused(lambda: distill.distilled_config(teacher, 2)) == (
        f"A smaller model of run {teacher.name} must keep fewer than its 2 layers; 2 asked.",
        "Keep 1 layer.")
    assert _refused(lambda: distill.distilled_config(teacher, 0))[0] == (
        "A smaller model must keep at least one layer; 0 asked.")


def test_a_run_without_a_model_is_refused(teacher):
    shutil.rmtree(RunFolder(teacher).model)
    assert _refused(lambda: distill.distilled_config(teacher, 1)) == (
        f"Run {teacher.name} has no saved model to make a smaller model from.",
        "Let the run finish training first, or pick a run that has finished.")


def test_an_unknown_run_is_refused(tmp_path):
    assert _refused(lambda: distill.distilled_config(runs.run_path("no-such-run"), 1)) == (
        "There is no run no-such-run in the workspace to make a smaller model from.",
        "Pick a finished run from the run list.")
    assert _refused(lambda: distill.distilled_config("..", 1))[0] == (
        "'..' is not a run id, so no smaller model can be made from it.")
    elsewhere = tmp_path / "elsewhere" / "run-x"
    elsewhere.mkdir(parents=True)
    assert _refused(lambda: distill.distilled_config(elsewhere, 1))[0].startswith(
        "There is no run ")


def test_the_config_checks_its_distillation_fields():
    config = RunConfig()
    config.data.train = "x.csv"
    config.validate()  # an ordinary run has neither
    config.distill_from = "../../etc"
    config.student_layers = 1
    assert _refused(config.validate)[0] == (
        "'../../etc' is not a run id, so no smaller model can be made from it.")
    config.distill_from = None
    assert _refused(config.validate)[0].startswith("A smaller model needs both")
    config.distill_from, config.student_layers = "run-a", 0
    assert _refused(config.validate)[0] == "The setting student_layers is 0."


# ----- the student ------------------------------------------------------------------------

def test_the_student_has_the_teachers_first_layers(teacher):
    from transformers import AutoModelForSequenceClassification

    from core.train.training import _prepare_model

    config = distill.distilled_config(teacher, 1)
    record = RunFolder(teacher).read_record()
    task = get_task(TEXT_CLASSIFICATION, record.labels)
    student = _prepare_model(task, config, config.training)
    original = AutoModelForSequenceClassification.from_pretrained(RunFolder(teacher).model)
    assert student.config.num_hidden_layers == 1 and len(student.bert.encoder.layer) == 1
    assert len(original.bert.encoder.layer) == 2
    pairs = [(student.bert.embeddings.word_embeddings.weight,
              original.bert.embeddings.word_embeddings.weight),
             (student.bert.encoder.layer[0].attention.self.query.weight,
              original.bert.encoder.layer[0].attention.self.query.weight),
             (student.classifier.weight, original.classifier.weight)]
    for mine, theirs in pairs:
        assert torch.equal(mine, theirs)
    teacher_model = distill.load_teacher(config, task, record.labels)
    assert not teacher_model.training
    assert not any(p.requires_grad for p in teacher_model.parameters())


# ----- the loss, by hand --------------------------------------------------------------------

def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _kl(teacher_logits, student_logits):
    """T² · KL(softmax(t / T) || softmax(s / T)) per row."""
    p, q = _softmax(teacher_logits / T), _softmax(student_logits / T)
    return (p * np.log(p / q)).sum(axis=-1) * T * T


def _tensor(values):
    return torch.tensor(values, dtype=torch.float32)


def test_distillation_loss_is_a_task_member():
    assert "distillation_loss" in TASK_MEMBERS


def test_one_label_per_text():
    s, t = [[1.0, 2.0, 0.0], [0.5, -1.0, 2.0]], [[2.0, 0.0, 1.0], [1.0, 1.0, -1.0]]
    task = get_task(TEXT_CLASSIFICATION, ["a", "b", "c"])
    loss = task.distillation_loss({"logits": _tensor(s)}, {"logits": _tensor(t)}, {}, T)
    assert float(loss) == pytest.approx(_kl(np.array(t), np.array(s)).mean(), rel=1e-5)
    same = task.distillation_loss({"logits": _tensor(t)}, {"logits": _tensor(t)}, {}, T)
    assert float(same) == pytest.approx(0.0, abs=1e-6)


def test_multi_label_texts_are_yes_or_no_per_label():
    s, t = np.array([[1.0, -2.0], [0.0, 3.0]]), np.array([[-1.0, 0.5], [2.0, 2.0]])
    task = get_task(TEXT_CLASSIFICATION, ["a", "b"], multi_label=True)
    loss = task.distillation_loss({"logits": _tensor(s)}, {"logits": _tensor(t)}, {}, T)
    p, q = 1 / (1 + np.exp(-t / T)), 1 / (1 + np.exp(-s / T))
    expected = (p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))).mean() * T * T
    assert float(loss) == pytest.approx(expected, rel=1e-5)


def test_entities_per_scored_token():
    s = np.array([[[9.0, -9.0], [1.0, 0.0], [0.0, 2.0]]])
    t = np.array([[[-9.0, 9.0], [0.0, 1.0], [1.0, 1.0]]])
    labels = torch.tensor([[-100, 1, 0]])
    task = get_task(TOKEN_CLASSIFICATION, ["O", "B-PER"])
    loss = task.distillation_loss({"logits": _tensor(s)}, {"logits": _tensor(t)},
                                  {"labels": labels}, T)
    expected = _kl(t[0, 1:], s[0, 1:]).mean()  # the first token (-100) is left out
    assert float(loss) == pytest.approx(expected, rel=1e-5)
    none = task.distillation_loss({"logits": _tensor(s)}, {"logits": _tensor(t)},
                                  {"labels": torch.full((1, 3), -100)}, T)
    assert float(none) == 0.0


def test_answer_spans_over_start_and_end_positions():
    s_start, s_end = np.array([[1.0, 2.0, 0.0, 5.0]]), np.array([[0.0, 0.0, 1.0, -5.0]])
    t_start, t_end = np.array([[2.0, 1.0, 0.0, -3.0]]), np.array([[1.0, -1.0, 3.0, 7.0]])
    mask = torch.tensor([[1, 1, 1, 0]])  # the last position is padding
    task = get_task(QUESTION_ANSWERING, [])
    student = {"start_logits": _tensor(s_start), "end_logits": _tensor(s_end)}
    teacher = {"start_logits": _tensor(t_start), "end_logits": _tensor(t_end)}
    loss = task.distillation_loss(student, teacher, {"attention_mask": mask}, T)
    expected = (_kl(t_start[:, :3], s_start[:, :3]) + _kl(t_end[:, :3], s_end[:, :3])) / 2
    assert float(loss) == pytest.approx(float(expected[0]), rel=1e-5)
    assert math.isfinite(float(loss))


def test_the_trainer_mixes_imitation_with_the_task_loss(teacher, tmp_path):
    from transformers import TrainingArguments

    from core.models.loading import load_tokenizer
    from core.train.distill_trainer import DistillationTrainer
    from core.train.training import _prepare_model

    config = distill.distilled_config(teacher, 1)
    labels = RunFolder(teacher).read_record().labels
    task = get_task(TEXT_CLASSIFICATION, labels)
    student = _prepare_model(task, config, config.training)
    for module in student.modules():  # the same outputs in train mode, for the comparison
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    teacher_model = distill.load_teacher(config, task, labels)
    trainer = DistillationTrainer(
        model=student, args=TrainingArguments(output_dir=str(tmp_path / "out"), use_cpu=True,
                                              report_to="none"),
        **distill.trainer_options(teacher_model, task))
    tokenizer = load_tokenizer(distill.model_source(config))
    batch = dict(tokenizer(["a fine film", "dull and slow"], padding=True, return_tensors="pt"))
    batch["labels"] = torch.tensor([1, 0])
    student.train()
    loss = trainer.compute_loss(student, dict(batch))
    with torch.no_grad():
        own = student(**batch)
        soft = task.distillation_loss(
            own, teacher_model(**{k: v for k, v in batch.items() if k != "labels"}), batch,
            distill.TEMPERATURE)
    expected = distill.ALPHA * soft + (1 - distill.ALPHA) * own.loss
    assert float(loss.detach()) == pytest.approx(float(expected), rel=1e-5)
    student.eval()  # evaluation scores the student alone, by the task's loss
    with torch.no_grad():
        assert float(trainer.compute_loss(student, dict(batch))) == pytest.approx(
            float(student(**batch).loss), rel=1e-5)


def test_the_students_layers_are_spread_over_the_teachers_depth_ending_with_the_last():
    assert distill.spread_layers(3, 6) == [1, 3, 5]
    assert distill.spread_layers(2, 6) == [2, 5]
    assert distill.spread_layers(1, 2) == [1]
    assert distill.spread_layers(4, 6)[-1] == 5 and len(set(distill.spread_layers(4, 6))) == 4


def test_the_student_starts_from_the_teachers_spread_layers(teacher):
    from transformers import AutoModelForSequenceClassification

    from core.train.training import _prepare_model

    config = distill.distilled_config(teacher, 1)
    record = RunFolder(teacher).read_record()
    task = get_task(TEXT_CLASSIFICATION, record.labels)
    student = _prepare_model(task, config, config.training)
    original = AutoModelForSequenceClassification.from_pretrained(RunFolder(teacher).model)
    assert distill.start_from_spread_layers(student, original)
    query = [m.bert.encoder.layer[i].attention.self.query.weight
             for m, i in ((student, 0), (original, 1), (original, 0))]
    assert torch.equal(query[0], query[1]) and not torch.equal(query[0], query[2])
