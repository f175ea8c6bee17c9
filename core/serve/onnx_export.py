"""A run's model as ONNX (fp32) and ONNX int8, and the ONNX export zip.

    ensure_onnx(model_dir, target, fmt, task)   # the ONNX file, exported once and kept
    decode_info(run_dir)                        # format.json: how predict.py decodes

The model is exported with `torch.onnx.export` (optimum, whose exporters would do it, is not
installed), the TorchScript exporter first and torch 2.13's default torch.export based one
when that fails (see `_torch_export`), with dynamic batch and sequence axes. Inputs:
input_ids, attention_mask and token_type_ids when the model has them; outputs: `logits`, or
`start_logits` and `end_logits` for answer spans. int8 is
onnxruntime's dynamic quantisation (QInt8 weights) of the fp32 file. Weights are read only
from safetensors (core.models.loading); the ONNX files are protobuf, never pickles.

A run folder keeps its ONNX files in onnx/ (`run_onnx_file`). The ONNX zip (written by
core.serve.export.export_onnx_zip) holds model.onnx, the tokenizer and config.json (id2label),
README.md, PREDICT_PY (onnxruntime + tokenizers only, no torch), eval.json, the run's record
and format.json.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from core.errors import UserError
from core.models.loading import load_model
from core.predict.record import saved_record
from core.tasks import saved_task_kind
from core.text import Text
from core.workspace import runs

ONNX_FILE = "model.onnx"
INT8 = "onnx-int8"
ONNX_FOLDER = "onnx"  # inside a run folder
FORMAT_FILE = "format.json"  # inside an ONNX zip (formats.ZIP_FORMAT)
PREDICT_SCRIPT = "predict.py"
OPSET = 18
# files of a model folder an ONNX zip leaves out: the torch weights
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack")
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def file_name(fmt: str) -> str:
    """The ONNX file's name for a format: model.onnx, model-int8.onnx."""
    return "model-int8.onnx" if fmt == INT8 else ONNX_FILE


def run_onnx_file(run_dir: Path, fmt: str) -> Path:
    """Where a run folder keeps its ONNX file of `fmt`."""
    return Path(run_dir) / ONNX_FOLDER / file_name(fmt)


def _weights_time(model_dir: Path) -> float:
    return max((p.stat().st_mtime for p in Path(model_dir).iterdir()
                if p.is_file() and p.suffix in (".safetensors", ".json")), default=0.0)


def ensure_onnx(model_dir: Path, target: Path, fmt: str, task: str | None) -> Path:
    """`target`, the model folder's ONNX file of `fmt` (onnx or onnx-int8) for a model of
    `task`, exported when it is missing or older than the model (int8: from the fp32 file
    beside it, made first)."""
    target = Path(target)
    if target.is_file() and target.stat().st_mtime >= _weights_time(model_dir):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == INT8:
        quantize_int8(ensure_onnx(model_dir, target.parent / ONNX_FILE, "onnx", task), target)
    else:
        export_onnx(model_dir, target, task)
    return target


def _io_names(model: Any) -> tuple[list[str], list[str]]:
    """The exported graph's inputs (what the model's forward takes) and outputs."""
    import inspect  # lazy: only while exporting

    accepted = inspect.signature(model.forward).parameters
    inputs = [name for name in _INPUTS if name in accepted
              and (name != "token_type_ids" or getattr(model.config, "type_vocab_size", 0))]
    outputs = ["start_logits", "end_logits"] if hasattr(model, "qa_outputs") or \
        "start_positions" in accepted else ["logits"]
    return inputs, outputs


def export_onnx(model_dir: Path, target: Path, task: str | None) -> Path:
    """The model folder's model (of `task`) as one fp32 ONNX file at `target` (written
    atomically)."""
    import torch  # lazy: loads torch only while exporting

    kind = saved_task_kind(task)
    model = load_model(str(model_dir), kind.model_class(), attn_implementation="eager").eval()
    inputs, outputs = _io_names(model)
    wrapper = _wrapper(model, inputs, outputs)
    sample = tuple(torch.ones((2, 8), dtype=torch.long) if name != "token_type_ids"
                   else torch.zeros((2, 8), dtype=torch.long) for name in inputs)
    fd, tmp = tempfile.mkstemp(dir=Path(target).parent, suffix=".onnx.partial")
    os.close(fd)
    try:
        _torch_export(wrapper, sample, Path(tmp), inputs, outputs)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Path(target)


def _torch_export(wrapper: Any, sample: tuple[Any, ...], path: Path, inputs: list[str],
                  outputs: list[str]) -> None:
    """`torch.onnx.export` of the wrapped model to `path`, batch and sequence dynamic.

    The TorchScript exporter first: on BERT-like models with torch 2.13 and transformers 5.24 it
    gives the same outputs as the torch.export based one (the default) in a tenth of the time
    (seconds instead of half a minute for a tiny model). The latter when the former fails."""
    import torch  # lazy: loads torch only while exporting

    axes = {name: {0: "batch", 1: "sequence"} for name in inputs}
    dynamic = torch.export.Dim.DYNAMIC
    attempts = (
        {"dynamo": False, "dynamic_axes": axes, "opset_version": 17},
        {"dynamo": True, "dynamic_shapes": tuple({0: dynamic, 1: dynamic} for _ in inputs),
         "opset_version": OPSET, "external_data": False},
    )
    error: Exception | None = None
    for settings in attempts:
        try:
            with warnings.catch_warnings(), torch.no_grad():
                warnings.simplefilter("ignore")  # the tracer's notes on shape-dependent code
                torch.onnx.export(wrapper, sample, str(path), input_names=inputs,
                                  output_names=outputs, verbose=False, **settings)
            return
        except Exception as exc:  # the exporters raise many kinds; the next one is tried
            error = exc
    raise UserError(Text("formats.export_failed.message", {"error": str(error)[:300]}),
                    Text("formats.export_failed.fix"))


def _wrapper(model: Any, inputs: list[str], outputs: list[str]) -> Any:
    """A module taking the inputs positionally (input_ids, attention_mask, token_type_ids:
    those of `inputs`) and giving the outputs as a tuple."""
    import torch  # lazy: loads torch only while exporting

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any = None,
                    token_type_ids: Any = None) -> tuple[Any, ...]:
            given = dict(zip(("input_ids", "attention_mask", "token_type_ids"),
                             (input_ids, attention_mask, token_type_ids)))
            result = self.model(**{k: v for k, v in given.items() if k in inputs},
                                return_dict=True)
            return tuple(getattr(result, name) for name in outputs)

    return Exported().eval()


def quantize_int8(source: Path, target: Path) -> Path:
    """onnxruntime's dynamic int8 quantisation of `source` (QInt8 weights, one scale per
    output channel), at `target`. One scale per whole weight matrix cost WNUT-17's entity F1
    3.2 points against torch; per channel 0.2 (default model, 3,000 training sentences)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic  # lazy: onnxruntime

    fd, tmp = tempfile.mkstemp(dir=Path(target).parent, suffix=".onnx.partial")
    os.close(fd)
    try:
        quantize_dynamic(str(source), tmp, weight_type=QuantType.QInt8, per_channel=True)
        os.replace(tmp, target)
    except Exception as exc:  # onnxruntime's own error kinds
        raise UserError(Text("formats.export_failed.message", {"error": str(exc)[:300]}),
                        Text("formats.export_failed.fix")) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Path(target)


def onnx_size_mb(path: Path) -> float:
    """The ONNX file's size on disk with any external data beside it, in MB."""
    path = Path(path)
    extra = [p for p in path.parent.glob(path.name + ".data") if p.is_file()]
    return (path.stat().st_size + sum(p.stat().st_size for p in extra)) / 1e6


# the zip ------------------------------------------------------------------------------------
def decode_info(run_dir: Path) -> dict[str, Any]:
    """What predict.py needs to turn outputs into answers (format.json)."""
    record = saved_record(run_dir)
    kind = saved_task_kind(record.config.get("task"))
    evaluation = runs.read_eval(run_dir) or {}
    threshold = evaluation.get("threshold")
    resolved = record.resolved_training or {}
    decode = "answer" if kind.answers_from_context else \
        "entities" if kind.shows_entities else "labels"
    return {"decode": decode, "multi_label": bool(record.multi_label),
            "threshold": float(threshold) if isinstance(threshold, (int, float)) else 0.5,
            "max_length": int(resolved.get("max_length") or 256),
            "max_answer_length": int(resolved.get("max_answer_length") or 30)}


def remove_onnx(run_dir: Path) -> None:
    """The run folder's ONNX files removed (they are made again on the next use)."""
    shutil.rmtree(Path(run_dir) / ONNX_FOLDER, ignore_errors=True)


PREDICT_PY = '''"""Run the exported model without torch: python predict.py "a text" [context]."""
import json, sys
from pathlib import Path
import numpy as np, onnxruntime as ort
from tokenizers import Tokenizer

here = Path(__file__).resolve().parent
info = json.loads((here / "format.json").read_text(encoding="utf-8"))
labels = json.loads((here / "config.json").read_text(encoding="utf-8")).get("id2label", {})
tokenizer = Tokenizer.from_file(str(here / "tokenizer.json"))
tokenizer.no_padding()
tokenizer.enable_truncation(info["max_length"], strategy="only_second"
                            if info["decode"] == "answer" else "longest_first")
session = ort.InferenceSession(str(here / "model.onnx"), providers=["CPUExecutionProvider"])
enc = tokenizer.encode(*sys.argv[1:3])
given = {"input_ids": enc.ids, "attention_mask": enc.attention_mask, "token_type_ids": enc.type_ids}
out = session.run(None, {i.name: np.array([given[i.name]], dtype=np.int64)
                         for i in session.get_inputs()})
if info["decode"] == "answer":
    inside = [i for i, s in enumerate(enc.sequence_ids) if s == 1]
    start, end = max(((a, b) for a in inside for b in inside
                      if a <= b < a + info["max_answer_length"]),
                     key=lambda pair: out[0][0][pair[0]] + out[1][0][pair[1]])
    print(sys.argv[2][enc.offsets[start][0]:enc.offsets[end][1]])
elif info["decode"] == "entities":
    words, found = [], []
    for i, word in enumerate(enc.word_ids):
        if word is not None and words and words[-1][0] == word:
            words[-1][2] = enc.offsets[i][1]
        elif word is not None:
            tag = labels[str(int(np.argmax(out[0][0][i])))]
            words.append([word, enc.offsets[i][0], enc.offsets[i][1], tag])
    for _, start, end, tag in words:
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind and tag[:2] == "I-" and found and found[-1][0] == kind and found[-1][3]:
            found[-1][2] = end
        elif kind:
            found.append([kind, start, end, True])
        elif found:
            found[-1][3] = False
    print(json.dumps([{"type": k, "text": sys.argv[1][s:e], "start": s, "end": e}
                      for k, s, e, _ in found], ensure_ascii=False))
elif info["multi_label"]:
    probs = 1 / (1 + np.exp(-out[0][0]))
    print(", ".join(labels[str(i)] for i, p in enumerate(probs) if p >= info["threshold"]))
else:
    print(labels[str(int(np.argmax(out[0][0])))])
'''
