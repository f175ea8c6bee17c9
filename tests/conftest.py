"""Shared fixtures: an isolated workspace and a tiny randomly initialised BERT in a local folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.datasets import write_ner_conll, write_sentiment_csv
from support.once import built_once

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# Tests that `make test` runs alone, after the others have run side by side (pytest -n): they
# drive a real browser, time themselves against a bound, or plant a file in the source tree
# that a test beside them would read. Files are named by their path under tests/.
TESTS = Path(__file__).resolve().parent
SERIAL_FILES = {
    "e2e/test_e2e_browser.py", "e2e/test_e2e_label.py", "e2e/test_e2e_runs_layout.py",
    "e2e/test_concurrent_sessions.py", "e2e/test_e2e_qa.py",  # a real browser waits on the page
    "e2e/test_e2e_deploy.py",
    "e2e/test_access_guard.py",  # a server's answers are timed
}
SERIAL_TESTS = {
    "core/test_cli.py": {"test_heavy_inputs_stay_within_time_and_memory"},  # each case is timed
    "project/test_layers.py": {  # plants a module in core/
        "test_the_contract_catches_an_upward_import_inside_a_function"},
    "core/train/test_stop_and_estimate.py": {  # checked against the measured time of a run
        "test_the_estimate_after_a_measured_run_holds_its_real_duration",
        "test_the_time_left_follows_the_runs_pace_evaluations_included"},
}


def _under_tests(path: Path) -> str:
    """The path of a test file relative to tests/, as SERIAL_FILES and SERIAL_TESTS name it."""
    try:
        return path.resolve().relative_to(TESTS).as_posix()
    except ValueError:
        return path.name


def _serial(item: pytest.Item) -> bool:
    name = getattr(item, "originalname", item.name)
    where = _under_tests(item.path)
    return where in SERIAL_FILES or name in SERIAL_TESTS.get(where, ())


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With exactly `-m serial`, files holding no such test are not even imported."""
    if config.getoption("markexpr", "") != "serial" or collection_path.is_dir():
        return None
    name = collection_path.name
    if name.startswith("test_") and name.endswith(".py"):
        where = _under_tests(collection_path)
        return not (where in SERIAL_FILES or where in SERIAL_TESTS) or None
    return None


@pytest.hookimpl(tryfirst=True)  # marked before `-m serial` / `-m "not serial"` selects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _serial(item):
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "workspace"
    monkeypatch.setenv("FINETUNE_STUDIO_WORKSPACE", str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT with random weights and the default model's tokenizer (seconds on CPU)."""
    return built_once(tmp_path_factory, "tiny-bert", _save_tiny_bert)


def _save_tiny_bert(folder: Path) -> None:
    import torch  # lazy: loads torch only for the tests that need the model
    from transformers import AutoTokenizer, BertConfig, BertModel

    from core.models.loading import default_model_path

    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=128)
    torch.manual_seed(0)  # the same tiny model in every run: tests that train it are repeatable
    BertModel(config).save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)


@pytest.fixture
def sentiment_csv(tmp_path: Path) -> Path:
    return write_sentiment_csv(tmp_path)


@pytest.fixture
def ner_conll(tmp_path: Path) -> Path:
    return write_ner_conll(tmp_path)
