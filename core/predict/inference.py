"""Prediction from a finished run: labels with probabilities, or entities with character spans.

Texts are sorted by length and batched so padding stays small, run under
`torch.inference_mode()`, and returned in the input order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from core.errors import UserError
from core.models.loading import load_model, load_tokenizer
from core.predict.record import saved_record
from core.tasks import saved_task_kind
from core.text import Text
from core.workspace import runs
from core.workspace.folder import RunFolder, RunRecord


def _torch_device() -> str:
    import torch  # lazy: loads torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def autocast(device: str) -> Any:
    """bf16 autocast on a GPU that has it; a no-op context on CPU."""
    import torch  # lazy: loads torch

    if device == "cuda" and torch.cuda.is_bf16_supported():
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


TOKENS_PER_BATCH = {"cpu": 2048, "cuda": 65536}
"""The most tokens (rows x the longest row) one inference batch holds, by device. On a CPU a
batch of 16 windows of 256 tokens runs about 1.5x faster per window than one of 64, whose
activations no longer fit the processor's caches; a GPU wants large batches."""


def length_batches(lengths: Sequence[int], max_rows: int, device: str = "cpu"
                   ) -> list[list[int]]:
    """Row indices in batches of similar lengths, shortest first: each batch holds at most
    `max_rows` rows and at most the device's token budget (its rows x its longest row), and
    never fewer than one row."""
    budget = TOKENS_PER_BATCH.get(device, TOKENS_PER_BATCH["cuda"])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in np.argsort(np.asarray(lengths), kind="stable"):
        longest = int(lengths[int(index)])  # sorted: the newest row is the batch's longest
        if current and (len(current) >= max_rows or (len(current) + 1) * longest > budget):
            batches.append(current)
            current = []
        current.append(int(index))
    if current:
        batches.append(current)
    return batches


def dataset_logits(model: Any, dataset: Any, collator: Any, batch_size: int = 64
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Logits and label ids for an encoded dataset, in the dataset's order. `model` is a torch
    model or a runner (`TorchRunner`, `core.predict.onnx_runner.OnnxRunner`).

    Batches are formed by length (little padding, see `length_batches`) and written back to
    their rows; token logits are padded to one width with label -100 so every row lines up.
    The Trainer's own predict is not used because in transformers 5 it reorders evaluation
    data when training groups by length.
    """
    runner = as_runner(model)
    lengths = dataset["length"]
    rows = dataset.select_columns([c for c in dataset.column_names if c in MODEL_COLUMNS])
    width = int(max(lengths)) if len(lengths) else 0
    logits_out = labels_out = None
    for index in length_batches(lengths, batch_size, runner.device):
        batch = collator([rows[i] for i in index])
        labels = np.asarray(batch.pop("labels")) if "labels" in batch else None
        part = runner.run_batch({k: np.asarray(v) for k, v in batch.items()})
        if labels is None:  # answer spans: the gold answers are in the frame
            labels = np.full(part.shape[:2] if part.ndim == 3 else part.shape[:1], -100)
        if part.ndim == 3:
            pad = width - part.shape[1]
            part = np.pad(part, ((0, 0), (0, pad), (0, 0)))
            labels = np.pad(labels, ((0, 0), (0, pad)), constant_values=-100)
        if logits_out is None:
            logits_out = np.zeros((len(lengths),) + part.shape[1:], dtype=np.float32)
            labels_out = np.zeros((len(lengths),) + labels.shape[1:], dtype=labels.dtype)
        logits_out[index], labels_out[index] = part, labels
    return logits_out, labels_out


class TorchRunner:
    """Runs a torch model on numpy batches: the model's logits as float32 numpy (see
    `output_logits`), under `torch.inference_mode()` and bf16 autocast on a GPU."""

    format = "torch"

    def __init__(self, model: Any) -> None:
        self.model = model.eval()
        self.device = next(model.parameters()).device.type

    def run_batch(self, arrays: dict[str, np.ndarray]) -> np.ndarray:
        import torch  # lazy: loads torch

        inputs = {k: torch.from_numpy(np.ascontiguousarray(v)).to(self.device)
                  for k, v in arrays.items()}
        with torch.inference_mode(), autocast(self.device):
            return output_logits(self.model(**inputs))


def as_runner(model: Any) -> Any:
    """`model` when it is already a runner (it has `run_batch`), else a torch model's runner."""
    return model if callable(getattr(model, "run_batch", None)) else TorchRunner(model)


MODEL_COLUMNS = ("input_ids", "attention_mask", "token_type_ids", "labels")
"""The columns of an encoded dataset the model reads (windows also carry their answers'
positions, example ids and offsets, which the report reads from the dataset)."""


def output_logits(output: Any) -> np.ndarray:
    """A model output's logits as float32 numpy: `logits`, or for answer spans the start and
    end logits stacked last, shape (rows, tokens, 2)."""
    import torch  # lazy: loads torch

    logits = getattr(output, "logits", None)
    if logits is None:
        logits = torch.stack([output.start_logits, output.end_logits], dim=-1)
    return logits.float().cpu().numpy()


def _null_threshold(evaluation: dict[str, Any]) -> float | None:
    """The no-answer threshold a question-answering run was scored with (data with
    unanswerable questions), else None: the best span is always given."""
    for split in ("test", "validation"):
        value = (evaluation.get(split) or {}).get("null_threshold")
        if isinstance(value, (int, float)):
            return float(value)
    return None


def _answer_result(found: dict[str, Any], top_k: int) -> dict[str, Any]:
    return {"text": found["text"], "start": int(found["start"]), "end": int(found["end"]),
            "score": float(found["probability"]), "no_answer": bool(found["no_answer"]),
            "alternatives": [{"text": a["text"], "start": a["start"], "end": a["end"],
                              "score": float(a["probability"])}
                             for a in found.get("alternatives", [])[:top_k]]}


class Predictor:
    """A finished run's model answering texts. `Predictor(run_dir)` reads the run folder;
    `Predictor.from_folder(model_dir, record, evaluation)` a model folder with the run's record
    and evaluation beside it (an unpacked export). `onnx_file`: run the model with onnxruntime
    from that file instead of torch (the folder's tokenizer and config.json still used)."""

    def __init__(self, run_dir: Path, batch_size: int = 64, onnx_file: Path | None = None
                 ) -> None:
        self.run_dir = Path(run_dir)
        runs.refuse_escaping_links(self.run_dir)  # never load weights a planted link points to
        run = RunFolder(self.run_dir)
        if not run.has_model():
            raise UserError(Text("prediction.no_model.message", {"run": self.run_dir.name}),
                            Text("prediction.no_model.fix"))
        self._load(run.model, saved_record(self.run_dir), runs.read_eval(self.run_dir) or {},
                   batch_size, onnx_file)

    @classmethod
    def from_folder(cls, model_dir: Path, record: RunRecord, evaluation: dict[str, Any],
                    batch_size: int = 64, onnx_file: Path | None = None) -> Predictor:
        """A predictor for a model folder (config.json, tokenizer, weights unless `onnx_file`
        is given) and the run's record and evaluation."""
        predictor = cls.__new__(cls)
        predictor.run_dir = Path(model_dir)
        predictor._load(Path(model_dir), record, evaluation or {}, batch_size, onnx_file)
        return predictor

    def _load(self, folder: Path, record: RunRecord, evaluation: dict[str, Any],
              batch_size: int, onnx_file: Path | None) -> None:
        self.kind = saved_task_kind(record.config.get("task"))
        self.task = self.kind.name
        self.multi_label = record.multi_label
        self.max_length = int((record.resolved_training or {}).get("max_length") or 256)
        if onnx_file is None:
            # the same checked loading as training: safetensors only, never a pickle file
            self.tokenizer = load_tokenizer(str(folder))
            self.model = load_model(str(folder), self.kind.model_class())
            self.runner = TorchRunner(self.model.to(_torch_device()))
            id2label = self.model.config.id2label
            self.labels = [id2label[i] for i in range(self.model.config.num_labels)]
        else:
            from core.predict import onnx_runner  # lazy: onnxruntime only for an ONNX model

            self.model = None
            self.runner = onnx_runner.OnnxRunner(onnx_file)
            self.tokenizer = onnx_runner.folder_tokenizer(folder)
            self.labels = onnx_runner.folder_labels(folder)
        self.device = self.runner.device
        self.format = self.runner.format
        self.batch_size = batch_size
        # Multi-label decisions use the threshold the run was scored with (0.5 unless saved).
        saved_threshold = evaluation.get("threshold")
        self.threshold = float(saved_threshold) if isinstance(saved_threshold, (int, float)) \
            and 0.0 < saved_threshold < 1.0 else 0.5
        self.run_task = self.kind.with_labels(self.labels, self.multi_label)
        self.run_task.settle_settings(SimpleNamespace(**{
            "stride": None, "max_answer_length": None, **(record.resolved_training or {}),
            "max_length": self.max_length}), None, self.tokenizer)
        self.null_threshold = _null_threshold(evaluation)

    def _batches(self, lengths: Sequence[int]) -> Iterable[list[int]]:
        """Row indices in batches of similar token counts, shortest first."""
        return length_batches(lengths, self.batch_size, self.device)

    def _padded(self, encoded: Any, batch: list[int]) -> dict[str, np.ndarray]:
        """The rows of a whole-list tokenizer result, padded to the batch's longest row."""
        width = max(len(encoded["input_ids"][i]) for i in batch)
        pad_id = self.tokenizer.pad_token_id or 0
        arrays = {}
        for key in ("input_ids", "attention_mask", "token_type_ids"):
            if key not in encoded:
                continue
            out = np.full((len(batch), width), pad_id if key == "input_ids" else 0,
                          dtype=np.int64)
            for row, i in enumerate(batch):
                values = encoded[key][i]
                out[row, :len(values)] = values
            arrays[key] = out
        return arrays

    def _logits(self, arrays: dict[str, np.ndarray]) -> np.ndarray:
        return self.runner.run_batch(arrays)

    def predict(self, texts: Sequence[str], pairs: Sequence[str] | None = None,
                top_k: int = 5) -> list[dict[str, Any]]:
        """Tokenizes the whole list once, then runs batches of similar length (little padding)."""
        texts = ["" if t is None else str(t) for t in texts]
        if self.kind.shows_entities:
            return self.predict_entities(texts)
        if self.kind.answers_from_context:
            return self.answer(texts, ["" if p is None else str(p) for p in pairs or []])
        results: list[dict[str, Any]] = [{} for _ in texts]
        if not texts:
            return results
        encoded = self.tokenizer(texts, [str(p) for p in pairs] if pairs else None,
                                 truncation=True, max_length=self.max_length)
        lengths = [len(ids) for ids in encoded["input_ids"]]
        for batch in self._batches(lengths):
            logits = self._logits(self._padded(encoded, batch))
            for row, i in zip(logits, batch, strict=False):
                results[i] = self._decode_labels(row, top_k)
        return results

    def _decode_labels(self, logits: np.ndarray, top_k: int) -> dict[str, Any]:
        if self.multi_label:
            probs = 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))
            chosen = [self.labels[j] for j in np.flatnonzero(probs >= self.threshold)]
        else:
            shifted = np.exp(logits - logits.max())
            probs = shifted / shifted.sum()
            chosen = [self.labels[int(np.argmax(probs))]]
        top = np.argsort(-probs)[:top_k]
        return {"labels": chosen, "label": chosen[0] if chosen else "",
                "score": float(probs[self.labels.index(chosen[0])]) if chosen else 0.0,
                "top": [{"label": self.labels[j], "score": float(probs[j])} for j in top]}

    def answer(self, questions: Sequence[str], contexts: Sequence[str], top_k: int = 1
               ) -> list[dict[str, Any]]:
        """The answer to each question in its context (a model that answers questions): text,
        start and end characters ("" and -1 for no answer), score (its probability among the
        n best spans), no_answer, and the `top_k` best spans as alternatives. A long context is
        read in overlapping windows, a batch at a time."""
        import pandas as pd  # lazy: loads pandas

        if len(questions) != len(contexts):
            raise UserError(Text("prediction.question_without_context.message",
                                 {"questions": len(questions), "contexts": len(contexts)}),
                            Text("prediction.question_without_context.fix"))
        if not questions:
            return []
        frame = pd.DataFrame({"id": [str(i) for i in range(len(questions))], "title": "",
                              "context": [str(c) for c in contexts],
                              "question": [str(q) for q in questions],
                              "answers": [{"text": [], "answer_start": []}] * len(questions)})
        features = self.run_task.encode(frame, self.tokenizer, self.max_length,
                                        with_targets=False)
        logits, _ = dataset_logits(self.runner, features, self.run_task.collator(self.tokenizer),
                                   self.batch_size)
        found = self.run_task.answer(frame, features, logits, top_k, self.null_threshold)
        return [_answer_result(found[str(i)], top_k) for i in range(len(questions))]

    def predict_entities(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = [{} for _ in texts]
        if not texts:
            return results
        encoded = self.tokenizer(list(texts), truncation=True, max_length=self.max_length,
                                 return_offsets_mapping=True)
        lengths = [len(ids) for ids in encoded["input_ids"]]
        for batch in self._batches(lengths):
            logits = self._logits(self._padded(encoded, batch))
            for row, i in enumerate(batch):
                results[i] = {"entities": self._entities(
                    texts[i], logits[row], encoded["offset_mapping"][i], encoded.word_ids(i))}
        return results

    def _entities(self, text: str, logits: np.ndarray, offsets: np.ndarray,
                  word_ids: list[int | None]) -> list[dict[str, Any]]:
        shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
        probs = shifted / shifted.sum(axis=-1, keepdims=True)
        words: list[dict[str, Any]] = []  # one per word: tag from its first sub-token
        for position, word in enumerate(word_ids):
            if word is None:
                continue
            start, end = int(offsets[position][0]), int(offsets[position][1])
            if words and words[-1]["word"] == word:
                words[-1]["end"] = end
                continue
            best = int(np.argmax(probs[position]))
            words.append({"word": word, "start": start, "end": end, "tag": self.labels[best],
                          "score": float(probs[position][best])})
        entities: list[dict[str, Any]] = []
        for item in words:
            tag = item["tag"]
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            continues = (tag.startswith("I-") and entities and entities[-1]["type"] == kind
                         and entities[-1]["_open"])
            if kind is None:
                if entities:
                    entities[-1]["_open"] = False
                continue
            if continues:
                entity = entities[-1]
                entity["end"] = item["end"]
                entity["_scores"].append(item["score"])
            else:
                if entities:
                    entities[-1]["_open"] = False
                entities.append({"type": kind, "start": item["start"], "end": item["end"],
                                 "_scores": [item["score"]], "_open": True})
        return [{"type": e["type"], "start": e["start"], "end": e["end"],
                 "text": text[e["start"]:e["end"]],
                 "score": float(np.mean(e["_scores"]))} for e in entities]
