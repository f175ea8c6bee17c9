"""The Trainer of a smaller model: it learns from its teacher's answers and from the gold ones.

    loss = alpha · soft + (1 - alpha) · the task's own loss

where `soft` is the task's `distillation_loss` (T² · KL(softmax(teacher / T) ‖
softmax(student / T)), per text, label, token or answer position; see core/tasks) of the
student's outputs against the teacher's on the same batch. The teacher runs on the student's
device, in eval mode and without gradients; it is not part of the model the Trainer saves.
Evaluation scores the student alone, with the task's loss, so its validation loss reads as any
run's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from core.train.sampling import ResumableTrainer


class DistillationTrainer(ResumableTrainer):
    """A ResumableTrainer whose training loss mixes imitation of `teacher` with the task's."""

    # each batch's loss is a mean over that batch: the Trainer divides it by the accumulation
    loss_is_scaled_for_ga = False

    def __init__(self, *args: Any, teacher: Any, soft_loss: Callable[..., Any], alpha: float,
                 temperature: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.teacher, self.soft_loss = teacher, soft_loss
        self.alpha, self.temperature = float(alpha), float(temperature)

    def compute_loss(self, model: Any, inputs: dict[str, Any], return_outputs: bool = False,
                     num_items_in_batch: Any = None) -> Any:
        batch = dict(inputs)  # the Trainer takes the labels out of the dict it is given
        task_loss, outputs = super().compute_loss(model, inputs, return_outputs=True)
        if not model.training:
            return (task_loss, outputs) if return_outputs else task_loss
        teacher_outputs = self.teacher_outputs(model, batch)
        soft = self.soft_loss(outputs, teacher_outputs, batch, self.temperature)
        loss = self.alpha * soft + (1.0 - self.alpha) * task_loss
        return (loss, outputs) if return_outputs else loss

    def teacher_outputs(self, model: Any, batch: dict[str, Any]) -> Any:
        """The teacher's outputs on the batch's inputs (no labels: its own loss is not
        needed), on the student's device."""
        device = next(model.parameters()).device
        if next(self.teacher.parameters()).device != device:
            self.teacher.to(device)
        self.teacher.eval()
        inputs = {k: v for k, v in batch.items() if k not in self.label_names}
        with torch.no_grad():
            return self.teacher(**inputs)
