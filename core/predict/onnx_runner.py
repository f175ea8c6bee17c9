"""Running an exported ONNX model with onnxruntime, as `inference.TorchRunner` runs torch.

`OnnxRunner(path).run_batch(arrays)` takes the tokenizer's numpy arrays (input_ids,
attention_mask and token_type_ids when the model has them) and gives float32 logits: the
`logits` output, or for answer spans `start_logits` and `end_logits` stacked last (rows,
tokens, 2), exactly the shapes the torch runner gives. The CPU provider always; CUDA's first
when onnxruntime has it. onnxruntime is imported only when a runner is made.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import UserError
from core.text import Text

SPAN_OUTPUTS = ("start_logits", "end_logits")


def providers() -> list[str]:
    """onnxruntime's execution providers for this machine: CUDA first when available."""
    import onnxruntime  # lazy: loads onnxruntime

    available = onnxruntime.get_available_providers()
    chosen = [p for p in ("CUDAExecutionProvider",) if p in available]
    return chosen + ["CPUExecutionProvider"]


class OnnxRunner:
    """One onnxruntime session over an ONNX file (see the module docstring)."""

    format = "onnx"

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import onnxruntime  # lazy: loads onnxruntime

        self.path = Path(path)
        if not self.path.is_file():
            raise UserError(Text("formats.no_onnx.message", {"file": self.path.name}),
                            Text("formats.no_onnx.fix"))
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = int(threads)
        try:
            self.session = onnxruntime.InferenceSession(str(self.path), options,
                                                        providers=providers())
        except Exception as exc:  # onnxruntime raises its own error kinds for a bad file
            raise UserError(Text("formats.bad_onnx.message", {"file": self.path.name,
                                                              "error": str(exc)[:200]}),
                            Text("formats.bad_onnx.fix")) from None
        used = self.session.get_providers()
        self.device = "cuda" if used and used[0] == "CUDAExecutionProvider" else "cpu"
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.outputs = [o.name for o in self.session.get_outputs()]

    def run_batch(self, arrays: dict[str, np.ndarray]) -> np.ndarray:
        feed = {name: np.asarray(arrays[name], dtype=np.int64) for name in self.inputs
                if name in arrays}
        if "token_type_ids" in self.inputs and "token_type_ids" not in feed:
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        if all(name in self.outputs for name in SPAN_OUTPUTS):
            start, end = self.session.run(list(SPAN_OUTPUTS), feed)
            return np.stack([start, end], axis=-1).astype(np.float32)
        (logits,) = self.session.run([self.outputs[0]], feed)
        return np.asarray(logits, dtype=np.float32)


def folder_labels(folder: Path) -> list[str]:
    """The labels of the model in `folder` from its config.json's id2label, in id order."""
    try:
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    id2label = config.get("id2label") if isinstance(config, dict) else None
    if not isinstance(id2label, dict):
        return []
    return [str(id2label.get(str(i), id2label.get(i, f"LABEL_{i}")))
            for i in range(len(id2label))]


def folder_tokenizer(folder: Path) -> Any:
    """The tokenizer saved in `folder` (its JSON and vocabulary files; no code, no pickle)."""
    from transformers import AutoTokenizer  # lazy: loads transformers

    try:
        return AutoTokenizer.from_pretrained(str(folder), trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise UserError(Text("formats.no_tokenizer.message", {"folder": Path(folder).name,
                                                              "error": str(exc)[:200]}),
                        Text("formats.no_tokenizer.fix")) from None
