"""The shared datasets written as JSON-lines splits that the app and the references both read.

Classification rows are {"text", "label"}, multi-label rows {"text", "labels": [...]}, entity
rows {"tokens", "tags"}. The app reads the same files through its normal loader (multi-label
labels are joined with "|" for it), so every contender trains and tests on identical rows.
A dataset without a validation file gets a stratified 10% of its training file, removed from
the training rows for everyone.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SEPARATOR = "|"


@dataclass
class Prepared:
    name: str
    task: str  # classification | multi-label | ner (the reference script's names)
    metric: str  # the headline metric's key in both reports
    paths: dict[str, Path]  # split -> file for the references
    app_paths: dict[str, Path]  # split -> file for the app
    counts: dict[str, int]


def _tsv(path: Path, names: list[str] | None = None) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3,
                       header=None if names else "infer", names=names)


def _conll(path: Path) -> list[dict]:
    from core.data.tagged import read_tagged

    frame = read_tagged(path)
    return [{"tokens": list(t), "tags": list(g)} for t, g in zip(frame["tokens"], frame["tags"])]


def _hold_out(rows: list[dict], key: str, share: float = 0.1, seed: int = 42
              ) -> tuple[list[dict], list[dict]]:
    by_label: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_label.setdefault(str(row[key]), []).append(i)
    rng = random.Random(seed)
    held: set[int] = set()
    for indices in by_label.values():
        rng.shuffle(indices)
        held.update(indices[:max(1, round(share * len(indices)))] if len(indices) > 1 else [])
    return ([r for i, r in enumerate(rows) if i not in held],
            [r for i, r in enumerate(rows) if i in held])


def _sst2(root: Path) -> tuple[str, str, dict[str, list[dict]]]:
    def read(name):
        return [{"text": s, "label": label} for label, s in
                _tsv(root / "sst2" / name)[["label", "sentence"]].itertuples(index=False)]

    return "classification", "accuracy", {"train": read("train.tsv"),
                                          "validation": read("dev.tsv"), "test": read("test.tsv")}


def _banking77(root: Path) -> tuple[str, str, dict[str, list[dict]]]:
    def read(name):
        return [{"text": t, "label": c} for t, c in pd.read_csv(
            root / "banking77" / name, dtype=str, keep_default_na=False)[["text", "category"]]
            .itertuples(index=False)]

    train, validation = _hold_out(read("train.csv"), "label")
    return "classification", "macro_f1", {"train": train, "validation": validation,
                                          "test": read("test.csv")}


def _goemotions(root: Path) -> tuple[str, str, dict[str, list[dict]]]:
    folder = root / "goemotions"
    names = (folder / "labels.txt").read_text(encoding="utf-8").split()

    def read(name: str) -> list[dict]:
        frame = _tsv(folder / name, ["text", "ids", "id"])
        return [{"text": t, "labels": [names[int(i)] for i in ids.split(",")]}
                for t, ids in frame[["text", "ids"]].itertuples(index=False)]

    return "multi-label", "micro_f1", {"train": read("train.tsv"),
                                       "validation": read("dev.tsv"), "test": read("test.tsv")}


def _wnut17(root: Path) -> tuple[str, str, dict[str, list[dict]]]:
    folder = root / "wnut17"
    return "ner", "f1", {"train": _conll(folder / "wnut17train.conll"),
                         "validation": _conll(folder / "emerging.dev.conll"),
                         "test": _conll(folder / "emerging.test.annotated")}


def _weibo(root: Path) -> tuple[str, str, dict[str, list[dict]]]:
    folder = root / "weibo_ner" / "bio"
    return "ner", "f1", {split: _conll(folder / f"{name}.txt") for split, name in
                         (("train", "train"), ("validation", "dev"), ("test", "test"))}


DATASETS = {"sst2": _sst2, "banking77": _banking77, "goemotions": _goemotions,
            "wnut17": _wnut17, "weibo_ner": _weibo}


def _sample(rows: list[dict], limit: int | None, seed: int = 42) -> list[dict]:
    if limit is None or len(rows) <= limit:
        return rows
    picked = sorted(random.Random(seed).sample(range(len(rows)), limit))
    return [rows[i] for i in picked]


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def prepare(name: str, data_dir: Path, folder: Path,
            limits: dict[str, int] | None = None) -> Prepared:
    """Write the dataset's splits (sampled down to `limits` per split) under `folder`."""
    task, metric, splits = DATASETS[name](data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths, app_paths, counts = {}, {}, {}
    for split, rows in splits.items():
        rows = _sample(rows, (limits or {}).get(split))
        counts[split] = len(rows)
        paths[split] = _write(folder / f"{name}-{split}.jsonl", rows)
        if task == "multi-label":  # the app reads a separator-joined label column
            app_rows = [{"text": r["text"], "labels": SEPARATOR.join(r["labels"])} for r in rows]
            app_paths[split] = _write(folder / f"{name}-{split}-app.jsonl", app_rows)
        else:
            app_paths[split] = paths[split]
    return Prepared(name, task, metric, paths, app_paths, counts)


def available(data_dir: Path) -> list[str]:
    marker = {"sst2": "sst2/train.tsv", "banking77": "banking77/train.csv",
              "goemotions": "goemotions/train.tsv", "wnut17": "wnut17/wnut17train.conll",
              "weibo_ner": "weibo_ner/bio/train.txt"}
    return [name for name in DATASETS if (data_dir / marker[name]).is_file()]
