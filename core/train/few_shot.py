"""Few-shot mode: SetFit-style training for labels with only a handful of examples each.

Fine-tuning a classifier head on 8-32 examples per label is unstable. Here the sentence model
first learns from pairs of texts (same label: close, different labels: apart) with the `setfit`
package, then a logistic regression on its sentence embeddings makes the decisions.

The result is saved as a standard `BertForSequenceClassification`, so the Predictor, the export
and `transformers.pipeline` use it unchanged. BERT's classifier reads the first token, while the
sentence model averages all tokens; one extra encoder layer turns the first token into that
average: its attention weighs every token equally (query and key are zero), its value copies
the input and a large output scale drowns the residual, so the layer outputs the
layer-normalised mean of the tokens. The logistic regression is fitted on the saved model's own
pooled output, so the saved model predicts exactly what was scored.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core import text
from core.config import RunConfig, TrainingConfig
from core.errors import UserError
from core.evaluate.splits import evaluate_splits, run_summary
from core.models.loading import load_sentence_encoder, resolve_model
from core.tasks import is_task, task_kind
from core.train.presets import PAIR_BATCH_SIZE, PAIR_ITERATIONS, pair_steps
from core.train.saving import save_model
from core.train.vocabulary import learn_new_rows_faster, resize_embeddings
from core.workspace import runs
from core.workspace.folder import RunFolder

log = logging.getLogger("core.train.few_shot")

FEW_SHOT_BELOW = 32        # median training examples per label under which auto picks few-shot
BODY_LEARNING_RATE = 2e-5  # SetFit's rate for the sentence model
MEAN_LAYER_SCALE = 1000.0  # drowns the residual; small enough for fp16 (values stay << 65504)


@dataclass(frozen=True)
class ModeAdvice:
    mode: str            # "few-shot" or "fine-tune"
    reason: str          # one sentence for the page
    median_per_label: float
    possible: bool       # whether few-shot mode can serve this data and model


def label_counts(label_lists: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for labels in label_lists:
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
    return counts


def median_per_label(counts: dict[str, int]) -> float:
    return float(statistics.median(counts.values())) if counts else 0.0


def _model_config(name: str) -> dict[str, Any]:
    folder = Path(resolve_model(name))
    config = folder / RunFolder(folder).model_config.name  # a model's config, as in model/
    if not config.is_file():
        return {}
    return json.loads(config.read_text(encoding="utf-8"))


def _is_sentence_model(name: str) -> bool:
    return (Path(resolve_model(name)) / "modules.json").is_file()


def why_not_possible(config: RunConfig, multi_label: bool, has_pairs: bool) -> str:
    """Empty when few-shot mode can train this run, else one sentence saying why not."""
    key = obstacle_key(config, multi_label, has_pairs)
    return text.t(key) if key else ""


def obstacle_key(config: RunConfig, multi_label: bool, has_pairs: bool) -> str:
    """The catalogue key of why few-shot mode cannot train this run; empty when it can."""
    t = config.training
    if not is_task(config.task) or not task_kind(config.task).supports_few_shot(multi_label):
        return "advice.mode.only_single_label"
    if has_pairs:
        return "advice.mode.no_pairs"
    if t.lora or t.freeze_encoder:
        return "advice.mode.no_lora"
    model_type = _model_config(config.model).get("model_type")
    if model_type is None:
        return "advice.mode.needs_local_model"
    if model_type != "bert":
        return "advice.mode.needs_bert"
    return ""


def advise(config: RunConfig, counts: dict[str, int], multi_label: bool,
           has_pairs: bool) -> ModeAdvice:
    """The mode a run will train in, and one sentence saying why; `counts` are the training
    examples per label."""
    median = median_per_label(counts)
    about = int(median + 0.5)  # a median of 4794.5 reads as about 4,795
    obstacle_code = obstacle_key(config, multi_label, has_pairs)
    obstacle = text.t(obstacle_code) if obstacle_code else ""
    requested = config.training.mode
    if requested == "few-shot":
        if obstacle:  # rendered when read: it may be saved in status.json first
            raise UserError(text.Text(obstacle_code), text.Text("advice.mode.choose_another"))
        return ModeAdvice("few-shot", text.t("advice.mode.few_shot_chosen"), median, True)
    if requested == "fine-tune":
        return ModeAdvice("fine-tune", text.t("advice.mode.fine_tune_chosen"), median,
                          not obstacle)
    if not obstacle and median < FEW_SHOT_BELOW and _is_sentence_model(config.model):
        return ModeAdvice(
            "few-shot", text.t("advice.mode.few_shot_auto", count=about), median, True)
    if not obstacle and median < FEW_SHOT_BELOW:
        return ModeAdvice("fine-tune", text.t("advice.mode.fine_tune_not_sentence_model",
                                              count=about), median, True)
    if median >= FEW_SHOT_BELOW:
        return ModeAdvice("fine-tune", text.t("advice.mode.fine_tune_enough", count=about),
                          median, not obstacle)
    return ModeAdvice("fine-tune", text.t("advice.mode.fine_tune_because", reason=obstacle),
                      median, False)


def advise_for_splits(config: RunConfig, splits: Any) -> ModeAdvice:
    frame = splits.train.frame
    counts = label_counts(frame["labels"]) if "labels" in frame.columns else {}
    return advise(config, counts, splits.multi_label, "text_pair" in frame.columns)


def pair_training_monitor(run_dir: Path, examples_per_step: int, best_metric: str) -> Any:
    """A RunMonitor for SetFit's pair training, whose loss is logged as 'embedding_loss' and
    which keeps no checkpoints and has no evaluation set of its own. (Built on call: the
    callback base class comes with transformers, which the pages never load.)"""
    from core.train.callbacks import RunMonitor  # lazy: loads transformers

    class PairTrainingMonitor(RunMonitor):
        def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None,
                   **kwargs: Any) -> None:
            renamed = {("loss" if k == "embedding_loss" else k): v
                       for k, v in (logs or {}).items()}
            super().on_log(args, state, control, logs=renamed, **kwargs)

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
            control = super().on_step_end(args, state, control, **kwargs)
            control.should_evaluate = False
            control.should_save = False
            return control

    return PairTrainingMonitor(run_dir, examples_per_step, best_metric)


# ----- the saved classifier -------------------------------------------------------------------

def build_classifier(encoder: Any, labels: list[str]) -> Any:
    """A BertForSequenceClassification holding `encoder`'s weights plus the mean-pooling layer.

    The classifier's weights are set later by `fit_head`; the pooler maps the layer-normalised
    mean to about unit length (tanh of values around 0.05 is nearly linear).
    """
    import torch  # lazy: loads torch
    from transformers import BertForSequenceClassification  # lazy: loads transformers

    config = copy.deepcopy(encoder.config)
    config.num_hidden_layers += 1
    config.num_labels = len(labels)
    config.id2label = dict(enumerate(labels))
    config.label2id = {label: i for i, label in enumerate(labels)}
    config.problem_type = "single_label_classification"
    config.architectures = ["BertForSequenceClassification"]
    model = BertForSequenceClassification(config)
    state = {k: v for k, v in encoder.state_dict().items() if not k.startswith("pooler.")}
    result = model.bert.load_state_dict(state, strict=False)
    if result.unexpected_keys:
        raise ValueError(f"Encoder weights do not fit a BERT classifier: "
                         f"{result.unexpected_keys[:3]}")
    size = config.hidden_size
    layer = model.bert.encoder.layer[-1]
    with torch.no_grad():
        for linear in (layer.attention.self.query, layer.attention.self.key,
                       layer.intermediate.dense, layer.output.dense):
            linear.weight.zero_()
            linear.bias.zero_()
        layer.attention.self.value.weight.copy_(torch.eye(size))
        layer.attention.self.value.bias.zero_()
        layer.attention.output.dense.weight.copy_(torch.eye(size) * MEAN_LAYER_SCALE)
        layer.attention.output.dense.bias.zero_()
        for norm in (layer.attention.output.LayerNorm, layer.output.LayerNorm):
            norm.weight.fill_(1.0)
            norm.bias.zero_()
        model.bert.pooler.dense.weight.copy_(torch.eye(size) / math.sqrt(size))
        model.bert.pooler.dense.bias.zero_()
    return model.eval()


def pooled_features(model: Any, tokenizer: Any, texts: list[str], max_length: int,
                    batch_size: int = 64) -> np.ndarray:
    """The classifier's input (BERT's pooled output) for each text, in the input order."""
    import torch  # lazy: loads torch

    device = next(model.parameters()).device
    order = np.argsort([len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    model.eval()
    for start in range(0, len(order), batch_size):
        index = [int(i) for i in order[start:start + batch_size]]
        encoded = tokenizer([texts[i] for i in index], truncation=True, max_length=max_length,
                            padding=True, return_tensors="pt")
        with torch.inference_mode():
            pooled = model.bert(**{k: v.to(device) for k, v in encoded.items()}).pooler_output
        out[index] = pooled.float().cpu().numpy()
    return out


def fit_head(model: Any, features: np.ndarray, targets: list[int], balanced: bool,
             seed: int) -> None:
    """Logistic regression on the pooled features, copied into the classifier layer.

    Labels without a training example get a bias far below the others, so they are never
    predicted (as a fine-tuned head would learn).
    """
    import torch  # lazy: loads torch
    from sklearn.linear_model import LogisticRegression  # lazy: loads sklearn

    regression = LogisticRegression(max_iter=2000, class_weight="balanced" if balanced else None,
                                    random_state=seed)
    regression.fit(features, targets)
    n_labels, size = model.config.num_labels, model.config.hidden_size
    weight = np.zeros((n_labels, size), dtype=np.float32)
    bias = np.full(n_labels, -30.0, dtype=np.float32)
    classes = [int(c) for c in regression.classes_]
    if len(classes) == 2:  # one logit z: softmax over (-z/2, z/2) is the sigmoid of z
        half_w, half_b = regression.coef_[0] / 2.0, regression.intercept_[0] / 2.0
        weight[classes[0]], bias[classes[0]] = -half_w, -half_b
        weight[classes[1]], bias[classes[1]] = half_w, half_b
    else:
        for row, label in enumerate(classes):
            weight[label], bias[label] = regression.coef_[row], regression.intercept_[row]
    with torch.no_grad():
        model.classifier.weight.copy_(torch.from_numpy(weight))
        model.classifier.bias.copy_(torch.from_numpy(bias))


# ----- training -------------------------------------------------------------------------------

def train_pairs(name: str, tokenizer: Any, texts: list[str], targets: list[int],
                t: TrainingConfig, steps: int, run_dir: Path, monitor: Any,
                progress: bool, first_new_row: int | None = None) -> tuple[Any, int]:
    """SetFit's contrastive pair training of the sentence model: its BERT encoder, steps.

    The SetFit model is assembled here, not loaded with `SetFitModel.from_pretrained`, which
    unpickles a folder's model_head.pkl; the head is never used (fit_head makes the app's own).
    """
    import torch  # lazy: loads torch
    from datasets import Dataset  # lazy: loads datasets
    from setfit import SetFitModel, Trainer, TrainingArguments  # lazy: loads setfit
    from sklearn.linear_model import LogisticRegression  # lazy: loads sklearn

    on_gpu = torch.cuda.is_available()
    model = SetFitModel(model_body=load_sentence_encoder(name), model_head=LogisticRegression())
    module = model.model_body[0]
    encoder = module.auto_model
    if len(tokenizer) > encoder.get_input_embeddings().num_embeddings:
        module.processor = tokenizer
        resize_embeddings(encoder, tokenizer)
    model.model_body.max_seq_length = int(t.max_length)
    args = TrainingArguments(
        output_dir=str(RunFolder(run_dir).checkpoints), batch_size=(t.batch_size, t.batch_size),
        num_epochs=(1, 1), max_steps=steps, num_iterations=PAIR_ITERATIONS,
        body_learning_rate=(t.learning_rate, t.learning_rate), warmup_proportion=t.warmup_ratio,
        seed=t.seed, use_amp=on_gpu, report_to="none", save_strategy="no",
        logging_steps=max(1, min(25, steps // 50)), show_progress_bar=progress)
    trainer = Trainer(model=model, args=args, callbacks=[monitor],
                      train_dataset=Dataset.from_dict({"text": texts, "label": targets}))
    learn_new_rows_faster(trainer.st_trainer, encoder, first_new_row)
    trainer.st_trainer.args.disable_tqdm = not progress
    trainer.st_trainer.args.dataloader_pin_memory = on_gpu
    trainer.train_embeddings(texts, targets)
    return encoder, trainer.st_trainer.state.global_step


def settle_mode(config: RunConfig, splits: Any, t: TrainingConfig) -> TrainingConfig:
    """Write the mode the run trains in into `t`, with few-shot values for the settings the
    user left to the preset (the preset's rate and batch size are for fine-tuning)."""
    t.mode = advise_for_splits(config, splits).mode
    if t.mode == "few-shot":
        t.learning_rate = config.training.learning_rate or BODY_LEARNING_RATE
        t.batch_size = config.training.batch_size or PAIR_BATCH_SIZE
    return t


def train_few_shot(config: RunConfig, run_dir: Path, splits: Any, tokenizer: Any,
                   t: TrainingConfig, task: Any, started: float, progress: bool = False,
                   first_new_row: int | None = None) -> dict:
    """Train in few-shot mode and leave the run folder as a fine-tuned run leaves it
    (`first_new_row`: the first token added to the vocabulary, if any)."""
    frame = splits.train.frame
    texts = [str(x) for x in frame["text"]]
    targets = task.targets(frame)
    steps = pair_steps(len(texts), config.preset, t.batch_size)
    log.info("Few-shot mode: %d texts, %d pair steps of %d pairs.", len(texts), steps,
             t.batch_size)
    runs.update_status(run_dir, phase="training", total_steps=steps, resumed_from=None)
    monitor = pair_training_monitor(run_dir, t.batch_size, task.best_metric)
    encoder, step = train_pairs(config.model, tokenizer, texts, targets, t, steps, run_dir,
                                monitor, progress, first_new_row)
    runs.update_status(run_dir, phase="fitting the classifier")
    model = _fit_classifier(encoder, splits, tokenizer, t, task, texts, targets)
    evaluation = _score_and_save(model, run_dir, splits, tokenizer, t, task, step, started)
    shutil.rmtree(RunFolder(run_dir).checkpoints, ignore_errors=True)
    return _finish(run_dir, task, evaluation, step, monitor.stopped, started)


def _fit_classifier(encoder: Any, splits: Any, tokenizer: Any, t: TrainingConfig, task: Any,
                    texts: list[str], targets: Any) -> Any:
    """The model to save (a BERT classifier over the trained encoder), its head fitted by
    logistic regression on the model's own pooled output."""
    import torch  # lazy: loads torch

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = build_classifier(encoder.float().cpu(), splits.labels).to(device)
    balanced = task.class_weights(splits.train.frame, t.class_weighting) is not None
    fit_head(model, pooled_features(model, tokenizer, texts, t.max_length), targets, balanced,
             t.seed)
    return model


def _score_and_save(model: Any, run_dir: Path, splits: Any, tokenizer: Any, t: TrainingConfig,
                    task: Any, step: int, started: float) -> dict:
    """Score the model, save it to model/, add its evaluation to the curve and write
    eval.json; returns the evaluation. Scored before saving: the validation logits give the
    temperature folded into model/."""
    from core.evaluate.baseline import run_baselines  # lazy: loads sklearn

    runs.update_status(run_dir, phase="evaluating")
    evaluation = evaluate_splits(model, task, splits, tokenizer, t.max_length, run_dir)
    runs.update_status(run_dir, phase="saving")
    save_model(model, tokenizer, RunFolder(run_dir).model, evaluation["calibration"])
    _record_evaluation(run_dir, task, evaluation.get("validation") or {}, step, started)
    evaluation["baselines"] = run_baselines(splits)
    evaluation.update(run_summary(splits, task, started, multi_label=False, threshold=None,
                                  mode="few-shot"))
    runs.write_json_atomic(RunFolder(run_dir).evaluation, evaluation)
    return evaluation


def _record_evaluation(run_dir: Path, task: Any, validation: dict, step: int,
                       started: float) -> None:
    """The one evaluation as the run's curve shows it (an eval event) and its best score."""
    event = {"type": "eval", "step": step, "epoch": 1.0, "time": round(time.time() - started, 3),
             **{k: v for k, v in validation.items() if isinstance(v, float)}}
    runs.append_event(run_dir, event)
    if task.best_metric in validation:
        runs.update_status(run_dir, best_metric=validation[task.best_metric],
                           best_metric_name=task.best_metric, best_step=step)


def _finish(run_dir: Path, task: Any, evaluation: dict, step: int, stopped: bool,
            started: float) -> dict:
    """Write the run's final status (completed, or stopped) and return it."""
    final = runs.update_status(
        run_dir, state="stopped" if stopped else "completed", phase="done",
        finished=time.time(), pid=None, eta_s=0, step=step, best_metric_name=task.best_metric,
        test_metrics={k: v for k, v in (evaluation.get("test") or {}).items()
                      if isinstance(v, (int, float))})
    log.info("Run %s %s in few-shot mode in %.0f s.", run_dir.name, final["state"],
             time.time() - started)
    return final
