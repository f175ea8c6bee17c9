"""A smaller model made from a finished run: k of its model's encoder layers, trained to
imitate it (knowledge distillation, as DistilBERT's student was made: the teacher's layers
spread over its depth, the last one included, [1, 3, 5] of 6).

A smaller model is an ordinary run: `distilled_config(teacher_run, layers)` gives its
RunConfig (the teacher's data, columns, task and settings, with `distill_from`, the teacher's
run id, and `student_layers`), started like any run (core.jobs.queue.start_run). Its live
curves, scores, test report, export and serving are those of any run.

What training does differently, through the hooks here (core/train/training.py):

    model_source(config)    the folder its tokenizer, configuration and weights come from:
                            the teacher's saved model (safetensors, through core.models.loading)
    student_kwargs(config)  {"num_hidden_layers": k}: from_pretrained then keeps the
                            embeddings, the first k layers and the head, all the teacher's;
    start_from_spread_layers(student, teacher)  the k layers replaced by the teacher's spread
                            ones (on 462 sample reviews, 3 of 6 layers: test accuracy 0.71
                            against 0.64 from the first three; the teacher 0.80)
    load_teacher(config, task, labels)  the teacher, in eval mode, without gradients
    trainer_options(config, teacher, task)  the DistillationTrainer's extra arguments

The loss (core/train/distill_trainer.py) is ALPHA · T² · KL(teacher/T ‖ student/T) + (1 -
ALPHA) · the task's own loss, the teacher's logits computed on each batch; the per-task soft
part is the task's `distillation_loss` (core/tasks).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.models.loading import load_config, load_model
from core.text import Text, t
from core.workspace import runs
from core.workspace.folder import RunFolder

log = logging.getLogger("core.train.distill")

ALPHA = 0.5
"""The share of the loss that imitates the teacher; the rest is the task's loss on the gold
labels."""
TEMPERATURE = 2.0
"""The softmax temperature of both models' logits in the imitation loss."""


def teacher_folder(teacher_run: Path | str) -> RunFolder:
    """The run folder of a finished run in the workspace, named by its folder or its run id,
    that holds a model; else a UserError saying which is missing."""
    given = Path(teacher_run)
    run_id = given.name
    if not runs.RUN_ID_PATTERN.match(run_id) or ".." in run_id:
        raise UserError(Text("distill.bad_run_id.message", {"run": repr(str(teacher_run))}),
                        Text("workspace.run_id.invalid_fix"))
    folder = RunFolder(runs.run_path(run_id))
    inside = len(given.parts) == 1 or _same(given, folder.path)
    if not inside or not folder.path.is_dir():
        raise UserError(Text("distill.unknown_run.message", {"run": run_id}),
                        Text("distill.unknown_run.fix"))
    if not folder.has_model() or not any(folder.model.glob("*.safetensors")):
        raise UserError(Text("distill.no_model.message", {"run": run_id}),
                        Text("distill.no_model.fix"))
    return folder


def _same(given: Path, found: Path) -> bool:
    try:
        return given.resolve() == found.resolve()
    except OSError:
        return False


def teacher_layers(folder: RunFolder) -> int:
    """How many encoder layers the run's saved model has."""
    layers = getattr(load_config(str(folder.model)), "num_hidden_layers", None)
    if not isinstance(layers, int) or layers < 1:
        raise UserError(Text("distill.no_layers.message", {"run": folder.run_id}),
                        Text("distill.no_model.fix"))
    return layers


def student_layers_choices(teacher_run: Path | str) -> list[int]:
    """The layer counts a smaller model of the run is offered with: from a third to two thirds
    of the teacher's layers ([2, 3, 4] of 6), never all of them ([1] of 2)."""
    total = teacher_layers(teacher_folder(teacher_run))
    if total < 2:
        return []
    low, high = max(1, math.ceil(total / 3)), min(total - 1, math.ceil(2 * total / 3))
    return list(range(low, high + 1))


def default_layers(teacher_run: Path | str) -> int:
    """Half the teacher's layers (DistilBERT's choice): 3 of 6."""
    return max(1, teacher_layers(teacher_folder(teacher_run)) // 2)


def smaller_model_name(layers: int, total: int) -> str:
    """'Smaller model (3 of 6 layers)' in the current language."""
    return t("distill.name", layers=layers, count=total)


def distilled_config(teacher_run: Path | str, layers: int, name: str | None = None
                     ) -> RunConfig:
    """A RunConfig for a new run: the teacher's data, columns, task and settings from its
    record, its model's first `layers` encoder layers as the start, trained on the teacher's
    soft labels and the gold labels. Named 'Smaller model (3 of 6 layers)' unless `name` is
    given. UserError (catalogue sentences) for an unknown run id, a run without a model or
    unreadable settings, and a layer count that is not smaller than the teacher's."""
    folder = teacher_folder(teacher_run)
    record = folder.read_record()
    if record is None or not record.config:
        raise UserError(Text("distill.no_record.message", {"run": folder.run_id}),
                        Text("distill.no_record.fix"))
    config = record.run_config()
    total = teacher_layers(folder)
    _check_layers(folder.run_id, layers, total)
    config.distill_from, config.student_layers, config.teacher_layers = \
        folder.run_id, int(layers), total
    config.name = name or smaller_model_name(int(layers), total)
    # the tokenizer is the teacher's (extended already); the whole student trains
    config.training = dataclasses.replace(config.training, mode="fine-tune", lora=False,
                                          freeze_encoder=False, extend_vocabulary=False)
    config.validate()
    return config


def _check_layers(run_id: str, layers: Any, total: int) -> None:
    if total < 2:
        raise UserError(Text("distill.one_layer.message", {"run": run_id}),
                        Text("distill.one_layer.fix"))
    if isinstance(layers, bool) or not isinstance(layers, int) or layers < 1:
        raise UserError(Text("distill.too_few_layers.message", {"layers": str(layers)}),
                        Text("distill.too_many_layers.fix", {"count": total - 1}))
    if layers >= total:
        raise UserError(Text("distill.too_many_layers.message",
                             {"run": run_id, "count": total, "layers": layers}),
                        Text("distill.too_many_layers.fix", {"count": total - 1}))


def made_from(config: dict[str, Any] | RunConfig) -> str | None:
    """What a run's record says it was made from, as a sentence ('A smaller model: the first 3
    of 6 layers of run ...'); None for an ordinary run."""
    raw = config.to_dict() if isinstance(config, RunConfig) else (config or {})
    run, layers = raw.get("distill_from"), raw.get("student_layers")
    if not run or not layers:
        return None
    return t("distill.made_from", run=run, layers=layers,
             count=raw.get("teacher_layers") or "?")


# ----- hooks of the training path ---------------------------------------------------------

def is_distilled(config: RunConfig) -> bool:
    return bool(config.distill_from)


def model_source(config: RunConfig) -> str:
    """What the run's tokenizer, configuration and weights are loaded from: for a smaller
    model its teacher's saved model folder, else the run's model."""
    if not is_distilled(config):
        return config.model
    return str(teacher_folder(str(config.distill_from)).model)


def student_kwargs(config: RunConfig) -> dict[str, Any]:
    """`from_pretrained` arguments that make the student: the teacher's configuration with
    only its first layers (their weights, the embeddings' and the head's are the teacher's;
    the later layers' weights are not loaded)."""
    return {"num_hidden_layers": int(config.student_layers)} if is_distilled(config) else {}


def spread_layers(layers: int, total: int) -> list[int]:
    """The teacher's layers a student of `layers` starts from: spread evenly over the depth and
    ending with the last, as DistilBERT took every other layer ([1, 3, 5] of 6). The first
    layers alone are a poor start for sentence-embedding models, whose first token carries the
    sentence only in the last layers."""
    return [max(0, round((i + 1) * total / layers) - 1) for i in range(layers)]


def _layer_list(model: Any) -> Any:
    """The encoder's list of layers (a torch ModuleList as long as the model's depth)."""
    import torch  # lazy: loads torch

    depth = int(model.config.num_hidden_layers)
    for module in model.modules():
        if isinstance(module, torch.nn.ModuleList) and len(module) == depth:
            return module
    return None


def start_from_spread_layers(student: Any, teacher: Any) -> bool:
    """Copy the teacher's spread layers (see spread_layers) into the student's, which
    from_pretrained filled with the teacher's first layers; False when either model's layer
    list is not found (the student keeps the first layers)."""
    import torch  # lazy: loads torch

    mine, theirs = _layer_list(student), _layer_list(teacher)
    if mine is None or theirs is None:
        return False
    with torch.no_grad():
        for target, source in zip(mine, spread_layers(len(mine), len(theirs)), strict=True):
            target.load_state_dict(theirs[source].state_dict())
    return True


def load_teacher(config: RunConfig, task: Any, labels: list[str]) -> Any:
    """The teacher's model, in eval mode and without gradients, after checking it was trained
    on the labels the run now reads from the same data (else its logits mean other labels)."""
    model = load_model(model_source(config), task.model_class(), **task.model_kwargs())
    names = [model.config.id2label[i] for i in range(len(model.config.id2label))] \
        if getattr(model.config, "id2label", None) else []
    if labels and names and list(names) != list(labels):
        raise UserError(Text("distill.labels_changed.message", {"run": config.distill_from}),
                        Text("distill.labels_changed.fix"))
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    log.info("A smaller model of run %s: %s of %s layers, learning from its outputs "
             "(alpha %.2f, temperature %.1f).", config.distill_from, config.student_layers,
             config.teacher_layers or "?", ALPHA, TEMPERATURE)
    return model


def trainer_options(teacher: Any, task: Any) -> dict[str, Any]:
    """The DistillationTrainer's arguments besides the Trainer's own."""
    return {"teacher": teacher, "soft_loss": task.distillation_loss, "alpha": ALPHA,
            "temperature": TEMPERATURE}
