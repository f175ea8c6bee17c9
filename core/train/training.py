"""`train(config, run_dir)`: from a RunConfig to a scored, saved model in a run folder.

Synchronous and free of UI code, so the CLI, the worker process and tests call it directly.
Built on transformers' Trainer: dynamic padding, batches grouped by length, mixed precision on a
GPU, the best checkpoint chosen by the task's metric, early stopping, resumable checkpoints.

Started by torchrun as one of several processes (core/jobs/distributed.py), every process calls
`train()` alike and the Trainer exchanges gradients between them; only rank 0 writes the run
folder (core/train/ranks.py), and it alone scores and saves the model after training.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import platform
import shutil
import signal
import threading
import time
import traceback
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from safetensors import safe_open

from core import data as datasets_io
from core.config import RunConfig, TrainingConfig
from core.errors import UserError
from core.evaluate.splits import evaluate_splits, run_summary
from core.models import loading as models
from core.models.loading import (
    is_remote_code_error,
    load_config,
    load_model,
    load_tokenizer,
    max_positions,
)
from core.tasks import get_task
from core.text import Text, error_key, has
from core.train import distill, ranks, speed, trackers
from core.train.few_shot import settle_mode, train_few_shot
from core.train.presets import resolve_training, steps_per_epoch
from core.train.saving import save_model
from core.train.vocabulary import extend_tokenizer, learn_new_rows_faster, resize_embeddings
from core.workspace import disk, runs
from core.workspace.folder import RunFolder, RunRecord

log = logging.getLogger("core.train.training")
LENGTH_SAMPLE = 5000


class TrainingFailed(Exception):
    """A run ended in failure; message and fix are already in status.json."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


def _device() -> dict[str, Any]:
    import torch  # lazy: loads torch

    if torch.cuda.is_available():
        bf16 = torch.cuda.is_bf16_supported()
        return {"name": "cuda", "gpu": torch.cuda.get_device_name(0), "bf16": bf16,
                "fp16": not bf16}
    return {"name": "cpu", "gpu": None, "bf16": False, "fp16": False}


def _precision(requested: str, device: dict[str, Any]) -> dict[str, bool]:
    if device["name"] != "cuda" or requested == "fp32":
        return {"bf16": False, "fp16": False}
    if requested == "bf16" or (requested == "auto" and device["bf16"]):
        return {"bf16": True, "fp16": False}
    return {"bf16": False, "fp16": True}


def file_hash(path: str | None) -> str | None:
    if not path or not Path(path).is_file():
        return None
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    import datasets  # lazy: loads datasets
    import torch  # lazy: loads torch
    import transformers  # lazy: loads transformers

    return {"python": platform.python_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "datasets": datasets.__version__}


def _attach_log(run_dir: Path) -> logging.Handler:
    handler = logging.FileHandler(RunFolder(run_dir).log, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return handler


def _token_lengths(task: Any, frame: Any, tokenizer: Any, max_positions: int) -> list[int]:
    sample = frame.sample(n=min(LENGTH_SAMPLE, len(frame)), random_state=0)
    encoded = task.encode(sample, tokenizer, max_positions, with_targets=False)
    return list(encoded["length"])


def start_head_at(model: Any, logits: list[float] | None, fresh: set[str] | None = None) -> bool:
    """Set the bias of the classification head's output layer (the model's last linear layer,
    with one output per label) to `logits`. With `fresh` (the weights the checkpoint did not
    hold), only a newly made head is set: a head trained before keeps what it learned.
    False when nothing was set."""
    if logits is None:
        return False
    import torch  # lazy: loads torch

    linears = [(name, m) for name, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    if not linears:
        return False
    name, output = linears[-1]
    if output.out_features != len(logits) or output.bias is None:
        return False
    if fresh is not None and f"{name}.bias" not in fresh:
        return False
    with torch.no_grad():
        output.bias.copy_(torch.tensor(logits, dtype=output.bias.dtype))
    return True


def _prepare_model(task: Any, config: RunConfig, t: Any, vocab_size: int = 0,
                   train_frame: Any = None) -> Any:
    model, info = load_model(distill.model_source(config), task.model_class(),
                             ignore_mismatched_sizes=True, output_loading_info=True,
                             **task.model_kwargs(), **distill.student_kwargs(config))
    fresh = set(info.get("missing_keys") or []) | {
        k[0] if isinstance(k, (tuple, list)) else k for k in info.get("mismatched_keys") or []}
    extended = vocab_size > model.get_input_embeddings().num_embeddings
    resize_embeddings(model, vocab_size)  # only when the vocabulary was extended
    if train_frame is not None and start_head_at(model, task.prior_logits(train_frame), fresh):
        log.info("The classifier starts from each label's frequency in the training data.")
    if extended and (t.lora or t.freeze_encoder):
        log.warning("With LoRA or a frozen encoder the added tokens' embeddings are not trained.")
    if t.freeze_encoder:
        base = getattr(model, model.base_model_prefix, None)
        for param in (base.parameters() if base is not None else []):
            param.requires_grad = False
    if t.lora:
        from peft import LoraConfig, TaskType, get_peft_model  # lazy: loads peft

        lora = LoraConfig(task_type=getattr(TaskType, task.peft_task_type), r=t.lora_r,
                          lora_alpha=t.lora_alpha, lora_dropout=t.lora_dropout,
                          target_modules=t.lora_target_modules or None)
        model = get_peft_model(model, lora)
    return model


def _with_selection(compute: Any, metric: str, n_validation: int) -> Any:
    """Add a `selection` score: the task metric, less a small charge for validation loss.

    A drop of 0.25 in validation loss is worth one validation example of the metric. On a
    small validation set the metric moves in coarse steps (one text of 20 is 5 points) and
    often saturates early, when the model is still barely trained; the loss then decides.
    On a large set the metric dominates and the loss only separates near-ties.
    """
    weight = 4.0 / max(1, n_validation)

    def compute_with_selection(prediction: Any) -> dict[str, float]:
        scores = compute(prediction)
        losses = getattr(prediction, "losses", None)
        loss = float(np.mean(losses)) if losses is not None and np.size(losses) else 0.0
        scores["selection"] = scores[metric] - weight * min(loss, 10.0)
        return scores

    return compute_with_selection


def _eval_interval(total_steps: int, epochs: float, requested: int | None) -> int:
    """Evaluate once per epoch, but at least three times per run, unless the user chose."""
    if requested:
        return int(requested)
    evaluations = max(3, int(round(epochs)))
    return max(1, -(-total_steps // evaluations))


def train(config: RunConfig, run_dir: Path, resume: bool = False, progress: bool = False,
          callbacks: Sequence[Any] = ()) -> dict:
    """Train, evaluate and save a model in `run_dir`; returns the final status. `callbacks`:
    more Trainer callbacks for a fine-tuning run (a search's trial reports its scores through
    one, see core/search).

    Raises UserError for bad input and TrainingFailed for other failures, after writing the
    reason to status.json and the traceback to train.log.
    """
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    if not ranks.is_main_process():  # another process of a distributed run: it writes nothing
        return _train(config, run_dir, resume, progress, tuple(callbacks))
    handler = _attach_log(run_dir)

    def on_signal(signum: int, frame: Any) -> None:
        runs.request_stop(run_dir)

    # a distributed run's launcher turns SIGTERM into a stop request; torchrun's SIGTERM to a
    # rank means the run is over (another process died), so a rank keeps the default
    previous_handler = signal.signal(signal.SIGTERM, on_signal) \
        if _in_main_thread() and not ranks.is_distributed() else None
    own_pid = {} if ranks.is_distributed() else {"pid": os.getpid()}  # the launcher's pid stays
    runs.update_status(run_dir, state="running", phase="preparing", **own_pid,
                       finished=None, error="", fix="", failure=None,
                       defaults={"started": time.time(), "created": time.time(),
                                 "name": config.name or run_dir.name})
    try:
        disk.make_reserve(run_dir)  # lets the last status be written on a full disk
        result = _train(config, run_dir, resume, progress, tuple(callbacks))
        return result
    except UserError as exc:
        log.error("Stopped by a problem with the input: %s %s", exc.message, exc.fix)
        _record_failure(run_dir, resume, *error_texts(exc), "input")
        raise
    except Exception as exc:  # every failure must end as a readable status, never a hang
        reported = disk.disk_full_error(exc, run_dir) or exc  # torch's RuntimeError included
        message, fix = failure_texts(reported)
        log.error("Training failed: %s\n%s", message, traceback.format_exc())
        written = _record_failure(run_dir, resume, message, fix, failure_kind(reported))
        raise TrainingFailed(written, str(fix)) from exc
    finally:
        disk.release_reserve(run_dir)
        logging.getLogger().removeHandler(handler)
        handler.close()
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)


def _record_failure(run_dir: Path, resume: bool, message: str | Text, fix: str | Text,
                    kind: str) -> str:
    """Write a failure to status.json; returns the message written. A resumed run that still
    holds the model it saved when it was stopped stays `stopped` with that model, so it can
    still be tested, and says why the resume failed.

    `error` and `fix` hold the sentences in the language of the process; `error_text` and
    `fix_text` the catalogue keys (Text.to_dict, None for words not in the catalogue), which
    `status_error` renders in the reader's language. Rank 0 of a distributed run writes them
    as `rank_failure` instead, for its launcher to settle (core/jobs/distributed.py)."""
    state, resume_failed = "failed", bool(resume and _usable_model(run_dir))
    if resume_failed:
        state = "stopped"
    ending = {"state": state, "error": _failure_sentence(message, resume_failed),
              "fix": str(fix), "failure": kind, "finished": time.time(), "pid": None,
              "error_text": _as_dict(message), "fix_text": _as_dict(fix),
              "resume_failed": resume_failed}
    if ranks.is_distributed():  # the launcher knows whether another process failed first
        runs.record_status(run_dir, rank_failure=ending)
    else:
        runs.record_status(run_dir, **ending)
    return _failure_sentence(message, resume_failed)


def _failure_sentence(message: str | Text, resume_failed: bool,
                      language: str | None = None) -> str:
    shown = message.render(language) if isinstance(message, Text) else str(message)
    if not resume_failed:
        return shown
    return Text("training.resume_failed", {"message": shown}).render(language)


def _as_dict(value: str | Text) -> dict[str, Any] | None:
    return value.to_dict() if isinstance(value, Text) else None


def error_texts(exc: UserError) -> tuple[str | Text, str | Text]:
    """A UserError's message and fix as given: Text (rendered when read) or plain words."""
    if exc.code:
        fix_key = error_key(exc.code, "fix")
        return (Text(error_key(exc.code), exc.params),
                Text(fix_key, exc.params) if has(fix_key) else "")
    return exc.message_text, exc.fix_text


def status_error(status: dict[str, Any], language: str | None = None) -> tuple[str, str]:
    """(error, fix) of a run's status.json in `language` (default: the current one): from the
    saved catalogue keys where there are some, else the sentences as saved."""
    saved = status.get("error_text")
    message: str | Text = Text.from_dict(saved) if isinstance(saved, dict) \
        else str(status.get("error") or "")
    if isinstance(saved, dict):
        message = _failure_sentence(message, bool(status.get("resume_failed")), language)
    fix_saved = status.get("fix_text")
    fix = Text.from_dict(fix_saved).render(language) if isinstance(fix_saved, dict) \
        else str(status.get("fix") or "")
    return str(message), fix


def _usable_model(run_dir: Path) -> bool:
    folder = RunFolder(run_dir)
    return folder.has_model() and _weights_load(folder.model) \
        and runs.read_eval(run_dir) is not None


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def failure_kind(exc: BaseException) -> str:
    """out_of_memory, disk_full, unwritable, input or unexpected: the app's next offer depends
    on it (Resume cannot help a model that is refused)."""
    if isinstance(exc, pickle.UnpicklingError) or is_remote_code_error(exc):
        return "input"
    text = f"{type(exc).__name__}: {exc}".lower()
    if "out of memory" in text or "can't allocate memory" in text or isinstance(exc, MemoryError):
        return "out_of_memory"
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        return "disk_full"
    if isinstance(exc, PermissionError):
        return "unwritable"
    return "unexpected"


def explain_failure(exc: BaseException) -> tuple[str, str]:
    """What went wrong and what to do, in the current language."""
    message, fix = failure_texts(exc)
    return str(message), str(fix)


def failure_texts(exc: BaseException) -> tuple[Text, Text]:
    """What went wrong and what to do, as Text rendered when read (status.json keeps them)."""
    # the libraries advise loading anyway (weights_only off, trusting remote code): that runs code
    if isinstance(exc, pickle.UnpicklingError):
        refusal = models.unsafe_weights_error()
        return refusal.message_text, refusal.fix_text
    if models.is_remote_code_error(exc):
        refusal = models.remote_code_error()
        return refusal.message_text, refusal.fix_text
    kind = failure_kind(exc)
    if kind in ("out_of_memory", "disk_full", "unwritable"):
        return Text(f"training.{kind}.message"), Text(f"training.{kind}.fix")
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return Text("training.unexpected.message", {"detail": detail}), Text("training.unexpected.fix")


@dataclass
class _Prepared:
    """What every mode trains from: the splits, tokenizer and task, the settled settings, the
    training texts' token lengths, the first added token's id and the device."""

    splits: Any
    tokenizer: Any
    task: Any
    t: Any
    lengths: list[int]
    first_new_row: int | None
    device: dict[str, Any]
    n_train_features: int = 0
    """What the model trains on: one per example, or per window of a long context."""


def _train(config: RunConfig, run_dir: Path, resume: bool, progress: bool,
           callbacks: tuple[Any, ...] = ()) -> dict:
    """Prepare the run, then train it in the mode it settled on (fine-tuning or few-shot)."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    config.validate()
    started = time.time()
    checkpoint = _resume_point(run_dir) if resume else None
    device = _device()
    log.info("Run %s on %s (%s)", run_dir.name, device["name"],
             device["gpu"] or platform.processor())
    p = _prepare_run(config, run_dir, resume, device)
    if p.t.mode == "few-shot":
        if not ranks.is_main_process():
            return {}
        if ranks.is_distributed():
            log.info("Few-shot training runs in one process; the others have ended.")
        with ranks.alone():
            return train_few_shot(config, run_dir, p.splits, p.tokenizer, p.t, p.task, started,
                                  progress, p.first_new_row)
    return _fine_tune(config, run_dir, p, checkpoint, started, resume, progress, callbacks)


def _prepare_run(config: RunConfig, run_dir: Path, resume: bool,
                 device: dict[str, Any]) -> _Prepared:
    """Read the data, load the tokenizer (extended when asked), settle the training settings
    and mode, check the data (health.json) and write config.json."""
    splits = datasets_io.make_splits(config)
    source = distill.model_source(config)  # a smaller model's: its teacher's saved model
    tokenizer = load_tokenizer(source)
    first_new_row = _extend_vocabulary(config, tokenizer, splits)
    model_max = min(max_positions(load_config(source)),
                    int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
    task = get_task(splits.task, splits.labels, splits.multi_label)
    lengths = _token_lengths(task, splits.train.frame, tokenizer, model_max)
    t = _settle_training(config, run_dir, resume, splits, lengths, model_max)
    task.settle_settings(t, splits.train.frame, tokenizer)
    _check_data(run_dir, splits, tokenizer, t.max_length)
    if ranks.is_main_process():
        _write_run_config(config, run_dir, t, splits, device)
    return _Prepared(splits, tokenizer, task, t, lengths, first_new_row, device)


def _extend_vocabulary(config: RunConfig, tokenizer: Any, splits: Any) -> int | None:
    """Add the data's unknown characters or words to the tokenizer when the run asks for it;
    returns the first added token's id, None when nothing was added."""
    if not config.training.extend_vocabulary:
        return None
    added = extend_tokenizer(tokenizer, splits)
    log.info("Vocabulary extended by %d unknown characters or words.", len(added))
    return len(tokenizer) - len(added) if added else None


def _settle_training(config: RunConfig, run_dir: Path, resume: bool, splits: Any,
                     lengths: list[int], model_max: int) -> TrainingConfig:
    """The run's training settings: a resumed run's saved ones, else the preset's for this
    data; the length capped at the model's, and the mode (and its values) settled."""
    saved = RunFolder(run_dir).read_record() if resume else None
    if saved is not None and saved.resolved_training:
        t = TrainingConfig(**saved.resolved_training)
    else:
        t = resolve_training(config, len(splits.train.frame), len(splits.labels), lengths,
                             model_max)
    t.max_length = min(t.max_length, model_max)
    settle_mode(config, splits, t)
    return t


def _check_data(run_dir: Path, splits: Any, tokenizer: Any, max_length: int) -> None:
    """Write the data health report to health.json; its first error stops the run as a
    UserError, its other findings go to the log."""
    report = datasets_io.build_health_report(splits, tokenizer=tokenizer, max_length=max_length)
    if ranks.is_main_process():
        runs.write_json_atomic(RunFolder(run_dir).health, report.to_dict())
    if report.has_errors:
        first = next(f for f in report.findings if f.severity == "error")
        raise UserError(Text("training.data_error", {"title": first.title,
                                                     "message": first.message}), first.fix)
    for finding in report.findings:
        log.info("Data check (%s): %s: %s", finding.severity, finding.title, finding.message)


def _write_run_config(config: RunConfig, run_dir: Path, t: Any, splits: Any,
                      device: dict[str, Any]) -> None:
    """Write config.json: the run config, resolved settings, labels, data hashes, versions."""
    RunFolder(run_dir).write_record(RunRecord(
        config=config.to_dict(), resolved_training=t.__dict__, labels=splits.labels,
        multi_label=splits.multi_label, split_notes=splits.notes,
        data_hash={k: file_hash(getattr(config.data, k))
                   for k in ("train", "validation", "test")},
        versions=library_versions(), device=device))


def _fine_tune(config: RunConfig, run_dir: Path, p: _Prepared, checkpoint: Path | None,
               started: float, resume: bool, progress: bool,
               callbacks: tuple[Any, ...] = ()) -> dict:
    """Fine-tune with transformers' Trainer (from `checkpoint` when resuming), then score,
    save and finish the run; returns the final status."""
    trainer, monitor, total_steps = _build_trainer(config, run_dir, p, progress, callbacks)
    main = ranks.is_main_process()
    if main:
        runs.update_status(run_dir, phase="training", total_steps=total_steps,
                           resumed_from=checkpoint.name if checkpoint else None)
    output = trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    if not main:  # rank 0 alone scores and saves the model
        return {}
    stopped = monitor.stopped
    runs.update_status(run_dir, train_runtime=output.metrics.get("train_runtime"),
                       train_samples_per_second=output.metrics.get("train_samples_per_second"))
    evaluation = _score_and_save(trainer, run_dir, p, started)
    trackers.finish(trainer, run_dir, evaluation.get("test") or {})
    _remove_checkpoints_if_done(run_dir, stopped)
    if not resume and not stopped and not distill.is_distilled(config) \
            and not ranks.is_distributed():  # a teacher's pace too; estimates are of one process
        t, n_train = p.t, len(p.splits.train.frame)
        _record_speed(config.model, p.device, run_dir, trainer.state, total_steps,
                      float(t.epochs) * n_train * float(np.mean(p.lengths)),
                      output.metrics.get("train_runtime"))
    return _finish(run_dir, trainer, p.task, evaluation, stopped, started)


def _build_trainer(config: RunConfig, run_dir: Path, p: _Prepared, progress: bool,
                   callbacks: tuple[Any, ...] = ()) -> tuple[Any, Any, int]:
    """The Trainer for a fine-tuning run with its run monitor and the run's total steps: the
    encoded splits, class weights, the model (seeded head) and the run's callbacks."""
    from transformers import set_seed  # lazy: loads transformers

    from core.train.callbacks import RunMonitor  # lazy: loads transformers
    from core.train.sampling import ResumableTrainer  # lazy: loads transformers

    t, task, splits, tokenizer = p.t, p.task, p.splits, p.tokenizer
    train_ds = task.encode(splits.train.frame, tokenizer, t.max_length)
    eval_ds = task.encode(splits.validation.frame, tokenizer, t.max_length)
    p.n_train_features = len(train_ds)
    weights = task.class_weights(splits.train.frame, t.class_weighting)
    if weights:
        log.info("Class weights (imbalanced data): %s",
                 dict(zip(splits.labels, weights, strict=False)))
    set_seed(t.seed)  # the new head's weights: the Trainer seeds only after the model exists
    model = _prepare_model(task, config, t, len(tokenizer), splits.train.frame)
    on_gpu = p.device["name"] == "cuda"
    batch, world = _batch_split(t), ranks.world_size()
    per_epoch = steps_per_epoch(len(train_ds), batch[0] * world, batch[1])
    total_steps = max(1, int(round(per_epoch * float(t.epochs))))
    args = _training_arguments(run_dir, t, p.device, total_steps, progress, batch)
    monitor = RunMonitor(run_dir, batch[0] * world * batch[1], task.best_metric)
    trainer_class, teaching = ResumableTrainer, {}
    if distill.is_distilled(config):  # a smaller model learns from its teacher's outputs too
        from core.train.distill_trainer import DistillationTrainer  # lazy: loads transformers

        teacher = distill.load_teacher(config, task, splits.labels)
        distill.start_from_spread_layers(model, teacher)  # a resumed run's checkpoint wins
        trainer_class, teaching = DistillationTrainer, distill.trainer_options(teacher, task)
    trainer = trainer_class(
        model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
        processing_class=tokenizer, data_collator=task.collator(tokenizer, 8 if on_gpu else None),
        compute_metrics=_with_selection(task.compute_metrics(splits.validation.frame, eval_ds),
                                        task.best_metric, len(splits.validation.frame)),
        callbacks=[*_callbacks(monitor, t), *trackers.callbacks(config, run_dir), *callbacks],
        compute_loss_func=task.loss_function(weights), **teaching)
    learn_new_rows_faster(trainer, model, p.first_new_row)
    return trainer, monitor, total_steps


def _batch_split(t: Any) -> tuple[int, int]:
    """(batch per process, gradient accumulation): the run's batch shared by its processes,
    so an update still takes the examples the settings say; the log says what was chosen."""
    world = ranks.world_size()
    per_device, accumulation = ranks.split_batch(t.batch_size, t.gradient_accumulation, world)
    if world > 1 and ranks.is_main_process():
        log.info("%d processes train together: %d examples per process and step, gradient "
                 "accumulation %d, so %d examples per update (the settings ask for %d x %d).",
                 world, per_device, accumulation, per_device * world * accumulation,
                 t.batch_size, t.gradient_accumulation)
        if t.group_by_length:
            log.info("Batches are drawn at random, not grouped by length, across processes.")
    return per_device, accumulation


def _callbacks(monitor: Any, t: Any) -> list[Any]:
    """The run monitor, plus early stopping when the settings ask for it."""
    from transformers import EarlyStoppingCallback  # lazy: loads transformers

    callbacks = [monitor]
    if t.early_stopping_patience:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=t.early_stopping_patience,
                                               early_stopping_threshold=0.0))
    return callbacks


def _training_arguments(run_dir: Path, t: Any, device: dict[str, Any], total_steps: int,
                        progress: bool, batch: tuple[int, int] | None = None) -> Any:
    """The Trainer's arguments: the run's settings, evaluation and checkpoint interval, best
    checkpoint by the selection score, precision and loader settings for the device. `batch`:
    (batch per process, gradient accumulation), the settings' own by default.

    Across processes batches are not grouped by length: the Trainer then groups evaluation
    batches too, in an order the task's metrics (which match predictions to examples by
    position) cannot follow."""
    from transformers import TrainingArguments  # lazy: loads transformers

    precision = _precision(t.precision, device)
    on_gpu = device["name"] == "cuda"
    interval = _eval_interval(total_steps, float(t.epochs), t.eval_steps)
    per_device, accumulation = batch or (t.batch_size, t.gradient_accumulation)
    grouped = t.group_by_length and not ranks.is_distributed()
    return TrainingArguments(
        output_dir=str(RunFolder(run_dir).checkpoints),
        num_train_epochs=float(t.epochs),
        learning_rate=t.learning_rate,
        per_device_train_batch_size=per_device,
        per_device_eval_batch_size=max(t.batch_size, 64),
        gradient_accumulation_steps=accumulation,
        warmup_steps=t.warmup_ratio,  # a float below 1 is read as a share of the steps
        weight_decay=t.weight_decay,
        lr_scheduler_type=t.scheduler,
        seed=t.seed,
        eval_strategy="steps", eval_steps=interval,
        save_strategy="steps", save_steps=interval, save_total_limit=2,
        load_best_model_at_end=True, metric_for_best_model="selection",
        include_for_metrics=["loss"],
        greater_is_better=True,
        logging_strategy="steps", logging_steps=max(1, min(25, total_steps // 100)),
        train_sampling_strategy="group_by_length" if grouped else "random",
        ddp_backend=ranks.ddp_backend(on_gpu),
        # across processes the Trainer scales each one's loss by their number, for losses that
        # divide by the examples of all of them; the models' own losses take the mean of their
        # own batch, so the scaling would double the loss (and the gradients) of two processes
        average_tokens_across_devices=not ranks.is_distributed(),
        bf16=precision["bf16"], fp16=precision["fp16"], tf32=True if on_gpu else None,
        optim="adamw_torch_fused" if on_gpu else "adamw_torch",
        dataloader_pin_memory=on_gpu, dataloader_num_workers=2 if on_gpu else 0,
        use_cpu=not on_gpu, report_to="none", disable_tqdm=not progress,
        save_only_model=False, remove_unused_columns=True,
    )


def _score_and_save(trainer: Any, run_dir: Path, p: _Prepared, started: float) -> dict:
    """Score the trained model, save it to model/ and write eval.json; returns the evaluation.
    Scored before saving: the validation logits give the temperature folded into model/."""
    from core.evaluate.baseline import run_baselines  # lazy: loads sklearn

    splits, task, t = p.splits, p.task, p.t
    runs.update_status(run_dir, phase="evaluating")
    evaluation = evaluate_splits(trainer.model, task, splits, p.tokenizer, t.max_length, run_dir,
                                 trainer.args.per_device_eval_batch_size)
    runs.update_status(run_dir, phase="saving")
    _save_model(trainer, p.tokenizer, RunFolder(run_dir).model, t.lora, evaluation["calibration"])
    evaluation["baselines"] = run_baselines(splits)
    evaluation.update(run_summary(splits, task, started, multi_label=splits.multi_label,
                                  threshold=getattr(task, "threshold", None),
                                  n_train_features=p.n_train_features or None))
    runs.write_json_atomic(RunFolder(run_dir).evaluation, evaluation)
    return evaluation


def _finish(run_dir: Path, trainer: Any, task: Any, evaluation: dict, stopped: bool,
            started: float) -> dict:
    """Write the run's final status (completed, or stopped with what it keeps) and return it."""
    final = runs.finish_status(
        run_dir, state="stopped" if stopped else "completed", phase="done",
        finished=time.time(), pid=None, eta_s=0, step=trainer.state.global_step,
        **(_kept_after_stop(run_dir) if stopped else {}),
        best_metric_name=task.best_metric,
        test_metrics={k: v for k, v in (evaluation.get("test") or {}).items()
                      if isinstance(v, (int, float))})
    log.info("Run %s %s in %.0f s.", run_dir.name, final["state"], time.time() - started)
    return final


def _resume_point(run_dir: Path) -> Path | None:
    """The checkpoint a resumed attempt continues from. Rank 0 prepares the attempt (see
    `_begin_attempt`); the other processes of the run find the same checkpoint and leave
    the run folder as it is."""
    if ranks.is_main_process():
        return _begin_attempt(run_dir)
    return _last_checkpoint(run_dir, remove=False)


def _begin_attempt(run_dir: Path) -> Path | None:
    """Before a resumed attempt: the checkpoint it continues from, or None to start again.
    Curve points past that checkpoint would be trained again, so they move to
    metrics.attempt-N.jsonl with the rest of the old curve; starting again also clears the
    old attempt's step, time left and best score from the status."""
    checkpoint = _last_checkpoint(run_dir)
    step = int(checkpoint.name[11:]) if checkpoint else 0
    _cut_curve(run_dir, step)
    if checkpoint is None:
        log.info("No checkpoint to resume from; training starts from the beginning.")
        runs.update_status(run_dir, step=0, epoch=0.0, eta_s=None, best_metric=None,
                           best_step=None, best_selection=None, last_checkpoint_step=None,
                           early_stopped=None, early_stopped_at=None, kept_checkpoint_step=None)
    else:
        runs.update_status(run_dir, step=step, eta_s=None)
    return checkpoint


def _cut_curve(run_dir: Path, step: int) -> None:
    """Keep in metrics.jsonl only the events up to `step`; the whole old file, when anything
    is cut, is kept beside it as metrics.attempt-N.jsonl."""
    folder = RunFolder(run_dir)
    metrics = folder.metrics
    if not metrics.is_file():
        return
    lines = metrics.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if _event_step(json, line) <= step]
    if len(kept) == len(lines):
        return
    number = 1
    while folder.metrics_attempt(number).exists():
        number += 1
    os.replace(metrics, folder.metrics_attempt(number))
    if kept:
        partial = folder.metrics_partial
        partial.write_bytes(b"".join(kept))
        os.replace(partial, metrics)


def _event_step(json: Any, line: bytes) -> float:
    """The step of one metrics line; a damaged line counts as past every step."""
    try:
        step = json.loads(line).get("step")
    except (ValueError, AttributeError):
        return float("inf")
    return step if isinstance(step, (int, float)) else float("inf")


def _kept_after_stop(run_dir: Path) -> dict[str, Any]:
    """What a stopped run keeps, for the page to say: the step of the checkpoint Resume
    continues from (None when there is none) and whether a model was saved."""
    checkpoint = _last_checkpoint(run_dir)
    return {"kept_checkpoint_step": int(checkpoint.name[11:]) if checkpoint else None,
            "kept_model": _weights_load(RunFolder(run_dir).model)}


def _record_speed(model: str, device: dict[str, Any], run_dir: Path, state: Any,
                  total_steps: int, planned_tokens: float, train_s: float | None) -> None:
    """Measured pace of this run for the next estimates (core/train/speed.py). The wall time counts
    from when the run was started, so starting the process and loading the model are in it."""
    started = (runs.read_status(run_dir) or {}).get("started")
    if not isinstance(started, (int, float)) or not train_s:
        return
    tokens = planned_tokens * min(1.0, state.global_step / max(1, total_steps))
    name = device["gpu"] or "cpu"
    try:
        speed.record_run(model, name, tokens, float(train_s), time.time() - started)
    except OSError as exc:  # a full disk must not fail a finished run
        log.warning("The run's speed could not be recorded: %s", exc)


def _last_checkpoint(run_dir: Path, remove: bool = True) -> Path | None:
    """The newest checkpoint that loads. One cut short (a killed process, a full disk) lacks a
    readable trainer_state.json, which the Trainer writes last; one damaged later (a truncated
    weights file) fails to load. Either is removed (unless `remove` is False), and the one
    before is resumed instead."""
    folder = RunFolder(run_dir).checkpoints
    if not folder.is_dir():
        return None
    found = sorted((p for p in folder.glob("checkpoint-*") if p.name[11:].isdigit()),
                   key=lambda p: int(p.name[11:]), reverse=True)
    for checkpoint in found:
        if _checkpoint_loads(checkpoint):
            return checkpoint
        if not remove:
            continue
        log.warning("Checkpoint %s is incomplete or damaged and is removed.", checkpoint.name)
        shutil.rmtree(checkpoint, ignore_errors=True)
    return None


def _checkpoint_loads(checkpoint: Path) -> bool:
    """Whether the Trainer can resume from `checkpoint`, judged without loading it: its state
    parses, its weights' headers match their sizes, its torch files are whole archives."""
    if runs.read_json(checkpoint / "trainer_state.json") is None:
        return False
    try:  # another process of the run may be removing it
        torch_files = [p for p in checkpoint.iterdir() if p.suffix in (".pt", ".pth")]
    except OSError:
        return False
    return _weights_load(checkpoint) and all(zipfile.is_zipfile(p) for p in torch_files)


def _weights_load(folder: Path) -> bool:
    """True when `folder` holds safetensors weights and every file's header and size agree
    (a truncated file fails here, in a millisecond)."""
    files = list(folder.glob("*.safetensors"))
    try:
        for path in files:
            with safe_open(str(path), framework="pt"):
                pass
    except Exception:  # SafetensorError, OSError: a file that cannot be read back
        return False
    return bool(files)


def _save_model(trainer: Any, tokenizer: Any, folder: Path, lora: bool,
                calibration: dict[str, Any] | None = None) -> None:
    """Save the trainer's best model (LoRA merged in) with its tokenizer through the run's one
    saver, which keeps the previous model until the new one is complete (core/train/saving.py).
    """
    model = trainer.model
    if lora:
        model = model.merge_and_unload()
    save_model(model, tokenizer, folder, calibration)


def _remove_checkpoints_if_done(run_dir: Path, stopped: bool) -> None:
    """A completed run keeps only model/; a stopped one keeps checkpoints to resume from."""
    if not stopped:
        shutil.rmtree(RunFolder(run_dir).checkpoints, ignore_errors=True)
