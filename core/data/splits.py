"""`make_splits`: train / validation / test from the user's files, a split column, or a
deterministic stratified hold-out of the training file. A task whose rows come in groups (its
`split_group`: a paragraph's questions) holds out whole groups, so none is on both sides.

Stratification is done by hand rather than with scikit-learn so that tiny data still works:
a class with one example stays in training instead of making the split fail.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core.config import DataConfig, RunConfig
from core.data.columns import SPLIT_VALUES
from core.data.examples import Examples, label_key, load_examples
from core.data.limits import listed, refusal
from core.data.qa_health import split_by_context
from core.tasks import task_kind
from core.text import t


@dataclass
class DatasetSplits:
    task: str
    train: Examples
    validation: Examples
    test: Examples | None
    labels: list[str]
    multi_label: bool
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> Any:
        """The task's description (core.tasks.task_kind)."""
        return task_kind(self.task)

    def parts(self) -> dict[str, Examples]:
        out = {"train": self.train, "validation": self.validation}
        if self.test is not None:
            out["test"] = self.test
        return out


def make_splits(config: RunConfig) -> DatasetSplits:
    data, task = config.data, config.task
    train = load_examples(data.train, data, task)
    other_data = _fixed_mapping(data, train)
    validation = load_examples(data.validation, other_data, task) if data.validation else None
    test = load_examples(data.test, other_data, task) if data.test else None
    notes: list[str] = []
    for part in (validation, test):
        if part is not None and train.kind.answers == "labels":
            notes += _match_label_spelling(part, train)
    if "split" in train.frame.columns and not (validation or test):
        train, validation, test = _by_split_column(train, notes)
    train, validation, test = _hold_out(train, validation, test, data,
                                        config.training.seed, notes, bool(data.test))
    for part in (validation, test):
        if part is not None and part.multi_label != train.multi_label:
            part.multi_label = train.multi_label
    return DatasetSplits(task=train.task, train=train, validation=validation, test=test,
                         labels=_labels(train, validation, test), multi_label=train.multi_label,
                         notes=notes)


def _fixed_mapping(data: DataConfig, train: Examples) -> DataConfig:
    """Validation and test files are read with the columns resolved on the training file."""
    columns = train.frame.attrs.get("columns")
    if not columns:
        return data
    if "text" not in columns:  # a question-answering table: its own columns
        return dataclasses.replace(data, split_column="", **{
            field: columns.get(role) or "" for role, field in _QA_FIELDS.items()})
    return dataclasses.replace(
        data, text_column=columns["text"], text_pair_column=columns["text_pair"],
        label_column=columns["label"], split_column=None, multi_label=train.multi_label,
        label_separator=train.frame.attrs.get("label_separator") or data.label_separator)


# The data settings that name a question-answering table's columns (core.data.squad roles).
_QA_FIELDS = {"context": "context_column", "question": "question_column",
              "answer": "answer_column", "answer_start": "answer_start_column",
              "id": "id_column"}


def _match_label_spelling(part: Examples, train: Examples) -> list[str]:
    """Labels of a validation or test file written as in the training file ("POS" -> "pos")."""
    spelling = {label_key(label): label for labels in train.frame["labels"] for label in labels}
    renamed: dict[str, str] = {}

    def respell(labels: list[str]) -> list[str]:
        out = []
        for label in labels:
            target = spelling.get(label_key(label), label)
            if target != label:
                renamed[label] = target
            out.append(target)
        return list(dict.fromkeys(out))

    attrs = part.frame.attrs
    part.frame["labels"] = part.frame["labels"].map(respell)
    part.frame.attrs = attrs
    pairs = ", ".join(f"'{a}' -> '{b}'" for a, b in sorted(renamed.items())[:5])
    return [t("health.label_respelled", source=part.source, pairs=pairs)] if renamed else []


def _subset(source: Examples, frame: pd.DataFrame, keep_attrs: bool) -> Examples:
    frame = frame.reset_index(drop=True)
    # File-level facts (dropped rows, repairs) stay with one part so the report counts them once.
    frame.attrs = dict(source.frame.attrs) if keep_attrs else {}
    return Examples(source.task, frame, source.multi_label, source.source)


def _by_split_column(train: Examples, notes: list[str]):
    frame = train.frame
    names = frame["split"].map(lambda v: SPLIT_VALUES.get(v, "?" if v else "train"))
    unknown = sorted(set(frame.loc[names == "?", "split"]))
    if unknown:
        raise refusal("split_values", source=train.source,
                      values=listed(map(repr, unknown[:5])))
    parts = {n: _subset(train, frame[names == n], n == "train")
             for n in ("train", "validation", "test")}
    if parts["train"].frame.empty:
        raise refusal("split_no_train", source=train.source)
    notes.append(t("health.split_column", column=frame.attrs["columns"]["split"]))
    return (parts["train"], parts["validation"] if len(parts["validation"].frame) else None,
            parts["test"] if len(parts["test"].frame) else None)


def _hold_out(train: Examples, validation, test, data: DataConfig, seed: int, notes: list[str],
              test_given: bool):
    need_val = validation is None
    need_test = test is None and not test_given and data.test_fraction > 0
    if not (need_val or need_test):
        return train, validation, test
    n = len(train.frame)
    # A validation set is always needed to pick the best checkpoint, even if the share is 0.
    val_fraction = (data.validation_fraction or 0.1) if need_val else 0.0
    test_fraction = data.test_fraction if need_test else 0.0
    n_val, n_test = _sizes(n, val_fraction, test_fraction)
    if need_val and n_val == 0:
        raise refusal("too_few_to_split", count=n, source=train.source)
    group = train.kind.split_group
    if group:
        order = _grouped_assignment(train.frame, group, n_val, n_test, seed)
        n_val, n_test = len(order["validation"]), len(order["test"])
    else:
        order = _assignment(train.frame, n_val, n_test, seed,
                            train.kind.stratify(train.multi_label))
    frame = train.frame
    new_train = _subset(train, frame.iloc[order["train"]], True)
    how = t(_HOW[order["how"]]) if order["how"] in _HOW else order["how"]
    if need_val:
        validation = _subset(train, frame.iloc[order["validation"]], False)
        notes.append(t("health.held_out_validation", count=n_val, total=n,
                       share=_percent(n_val / n), how=how, seed=str(seed)))
    if need_test:
        if n_test:
            test = _subset(train, frame.iloc[order["test"]], False)
            notes.append(t("health.held_out_test", count=n_test, total=n,
                           share=_percent(n_test / n), how=how, seed=str(seed)))
        else:
            notes.append(t("health.no_test_set", count=n))
    if order.get("kept_singletons"):
        notes.append(t("health.kept_singletons", count=order["kept_singletons"]))
    return new_train, validation, test


_HOW = {"stratified by label": "health.split_how.stratified",
        "at random": "health.split_how.random",
        "grouped": "health.split_how.grouped"}


def _grouped_assignment(frame: pd.DataFrame, group: str, n_val: int, n_test: int,
                        seed: int) -> dict:
    """Row positions of each part with every value of the `group` column (a paragraph) on one
    side only, about n_val and n_test rows held out (core.data.qa_health.split_by_context)."""
    n = len(frame)
    if frame[group].nunique() < 3:  # two paragraphs make train and validation, no test
        n_test = 0
    shares = {"train": (n - n_val - n_test) / n, "validation": n_val / n, "test": n_test / n}
    indexed = pd.DataFrame({"context": frame[group].tolist(), "position": range(n)})
    parts = split_by_context(indexed, shares, seed)
    out: dict = {name: np.sort(parts[name]["position"].to_numpy()) if name in parts
                 else np.array([], dtype=np.int64) for name in shares}
    out["how"] = "grouped"
    return out


def _percent(share: float) -> str:
    """A share as a whole percentage, rounded as Python's '%' format rounds."""
    return t("common.format.percent", value=format(share, ".0%")[:-1])


def _sizes(n: int, val_fraction: float, test_fraction: float) -> tuple[int, int]:
    # Tiny data still gets one example per held-out split where possible; training keeps >= 1.
    n_val = max(round(n * val_fraction), 1) if val_fraction and n >= 2 else 0
    n_test = max(round(n * test_fraction), 1) if test_fraction and n >= 3 else 0
    while n_val + n_test > n - 1:
        if n_test > 1 or (n_test and n_val <= 1):
            n_test -= 1
        else:
            n_val -= 1
    return n_val, n_test


def _assignment(frame: pd.DataFrame, n_val: int, n_test: int, seed: int,
                stratify: bool) -> dict:
    rng = np.random.default_rng(seed)
    if stratify:
        labels = frame["labels"].map(lambda v: v[0]).to_numpy()
        groups = {label: rng.permutation(np.flatnonzero(labels == label))
                  for label in sorted(set(labels))}
        val_quota = _quotas(groups, n_val, {k: 0 for k in groups})
        test_quota = _quotas(groups, n_test, val_quota)
        if sum(val_quota.values()) == n_val and sum(test_quota.values()) == n_test:
            parts = {"train": [], "validation": [], "test": []}
            for label, idx in groups.items():
                v, t = val_quota[label], test_quota[label]
                parts["validation"].append(idx[:v])
                parts["test"].append(idx[v:v + t])
                parts["train"].append(idx[v + t:])
            out = {k: np.sort(np.concatenate(v)) for k, v in parts.items()}
            out["how"] = "stratified by label"
            out["kept_singletons"] = sum(1 for idx in groups.values() if len(idx) == 1)
            return out
    # Too many one-example classes to stratify (or nothing to stratify on): a plain shuffle.
    order = rng.permutation(len(frame))
    return {"validation": np.sort(order[:n_val]), "test": np.sort(order[n_val:n_val + n_test]),
            "train": np.sort(order[n_val + n_test:]), "how": "at random"}


def _quotas(groups: dict, total: int, used: dict) -> dict:
    """Largest-remainder shares of `total`, never taking a class's last training example."""
    n = sum(len(idx) for idx in groups.values())
    room = {k: max(len(idx) - 1 - used[k], 0) for k, idx in groups.items()}
    exact = {k: total * len(idx) / n for k, idx in groups.items()}
    quota = {k: min(int(exact[k]), room[k]) for k in groups}
    left = total - sum(quota.values())
    # Largest remainder first, then the biggest classes, then the label name for determinism.
    ranked = sorted(groups, key=lambda k: (-(exact[k] - int(exact[k])), -len(groups[k]), k))
    while left > 0:
        progressed = False
        for k in ranked:
            if left and quota[k] < room[k]:
                quota[k] += 1
                left -= 1
                progressed = True
        if not progressed:
            break
    return quota


def _labels(train: Examples, validation: Examples | None, test: Examples | None) -> list[str]:
    frames = [p.frame for p in (train, validation, test) if p is not None]
    kind = train.kind
    return kind.label_list(set().union(*(kind.answer_names(f) for f in frames)))
