"""Shared fixtures: an isolated workspace and a tiny randomly initialised BERT in a local folder."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

POSITIVE = ["great", "lovely", "excellent", "wonderful", "good", "fantastic", "enjoyable"]
NEGATIVE = ["terrible", "awful", "bad", "boring", "horrible", "dreadful", "poor"]
NOUNS = ["film", "movie", "story", "plot", "acting", "ending", "soundtrack", "cast"]

# Tests that `make test` runs alone, after the others have run side by side (pytest -n): they
# drive a real browser, time themselves against a bound, or plant a file in the source tree
# that a test beside them would read.
SERIAL_FILES = {
    "test_e2e_browser.py", "test_e2e_label.py", "test_e2e_runs_layout.py",
    "test_concurrent_sessions.py",  # a real browser waits on what the page shows
    "test_access_guard.py",  # a server's answers are timed
}
SERIAL_TESTS = {
    "test_cli.py": {"test_heavy_inputs_stay_within_time_and_memory"},  # each case is timed
    "test_layers.py": {"test_the_contract_catches_an_upward_import_inside_a_function"},  # plants
    "test_stop_and_estimate.py": {  # checked against the measured time of a run
        "test_the_estimate_after_a_measured_run_holds_its_real_duration",
        "test_the_time_left_follows_the_runs_pace_evaluations_included"},
}

def _serial(item: pytest.Item) -> bool:
    name = getattr(item, "originalname", item.name)
    return item.path.name in SERIAL_FILES or name in SERIAL_TESTS.get(item.path.name, ())


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With exactly `-m serial`, files holding no such test are not even imported."""
    if config.getoption("markexpr", "") != "serial" or collection_path.is_dir():
        return None
    name = collection_path.name
    if name.startswith("test_") and name.endswith(".py"):
        return not (name in SERIAL_FILES or name in SERIAL_TESTS) or None
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


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `build` once per test run: the processes of `pytest -n`
    share it (the first one builds it, the others wait and use it)."""
    import fcntl
    import shutil

    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' temp folders sit side by side in one run's folder
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT with random weights and the default model's tokenizer (seconds on CPU)."""
    return built_once(tmp_path_factory, "tiny-bert", _save_tiny_bert)


def _save_tiny_bert(folder: Path) -> None:
    from transformers import AutoTokenizer, BertConfig, BertModel

    from core.models.loading import default_model_path

    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=128)
    BertModel(config).save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)


def sentiment_rows(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = "positive" if i % 2 == 0 else "negative"
        word = rng.choice(POSITIVE if label == "positive" else NEGATIVE)
        rows.append((f"the {rng.choice(NOUNS)} was {word} and {rng.choice(NOUNS)} too", label))
    return rows


def write_sentiment_csv(folder: Path) -> Path:
    """80 short reviews, half positive, half negative."""
    import csv

    path = folder / "sentiment.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(sentiment_rows(80))
    return path


@pytest.fixture
def sentiment_csv(tmp_path: Path) -> Path:
    return write_sentiment_csv(tmp_path)


def write_ner_conll(folder: Path) -> Path:
    """60 sentences "Alice Smith went to Paris ." with PER and LOC tags."""
    rng = random.Random(1)
    people, places = ["Alice", "Bob", "Carol", "Dave"], ["Paris", "Berlin", "Tokyo", "Lima"]
    lines = []
    for _ in range(60):
        person, place = rng.choice(people), rng.choice(places)
        sentence = [(person, "B-PER"), ("Smith", "I-PER"), ("went", "O"), ("to", "O"),
                    (place, "B-LOC"), (".", "O")]
        lines += [f"{token}\t{tag}" for token, tag in sentence] + [""]
    path = folder / "ner.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_multi_label_csv(folder: Path) -> Path:
    """60 reviews labelled food, service or both (labels separated by |)."""
    rows = ["text,labels"]
    for i in range(60):
        tags = ["food"] if i % 3 == 0 else ["service"] if i % 3 == 1 else ["food", "service"]
        rows.append(f"review number {i} about {' and '.join(tags)},{'|'.join(tags)}")
    path = folder / "multi.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def ner_conll(tmp_path: Path) -> Path:
    return write_ner_conll(tmp_path)


SHARED_DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def shared_dataset(*parts: str) -> Path:
    path = SHARED_DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-data test: {path} is absent (only present beside the team checkout)")
    return path
