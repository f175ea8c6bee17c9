"""Quick baselines computed in seconds, so every report shows "before vs after fine-tuning".

Classification: the majority class, and TF-IDF word and character n-grams with logistic
regression. NER: each word's most frequent tag in the training data.

Each baseline keeps its answer per evaluated example ("predicted": label indices, or
"entity_counts": right, extra and missed entities per sentence), in the order of the run's
saved predictions, so the fine-tuned model can be compared with it on the very same examples
(core.scoring.significance). Indices rather than names keep eval.json small.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

import numpy as np

from core.scoring import metrics, significance
from core.tasks import saved_task, saved_task_kind


def _texts(frame: Any) -> list[str]:
    if "text_pair" in frame:
        return [f"{a} [SEP] {b}" for a, b in zip(frame["text"], frame["text_pair"], strict=False)]
    return [str(t) for t in frame["text"]]


def _classification(splits: Any, evaluation: Any) -> dict[str, Any]:
    from scipy.sparse import hstack  # lazy: loads scipy
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: loads sklearn
    from sklearn.linear_model import LogisticRegression  # lazy: loads sklearn
    from sklearn.multiclass import OneVsRestClassifier  # lazy: loads sklearn
    from sklearn.preprocessing import MultiLabelBinarizer  # lazy: loads sklearn

    labels = splits.labels
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=200_000)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                            max_features=200_000)
    train_texts, eval_texts = _texts(splits.train.frame), _texts(evaluation.frame)
    x_train = hstack([words.fit_transform(train_texts), chars.fit_transform(train_texts)]).tocsr()
    x_eval = hstack([words.transform(eval_texts), chars.transform(eval_texts)]).tocsr()
    result: dict[str, Any] = {}
    if splits.multi_label:
        binarizer = MultiLabelBinarizer(classes=labels)
        y_train = binarizer.fit_transform(splits.train.frame["labels"])
        y_eval = binarizer.transform(evaluation.frame["labels"])
        counts = y_train.sum(axis=0)
        majority = np.tile((counts >= len(y_train) / 2).astype(int), (len(y_eval), 1))
        result["majority"] = {**metrics.multi_label_scalars(y_eval, majority),
                              "predicted": _label_sets(majority)}
        trainable = counts > 0
        model = OneVsRestClassifier(LogisticRegression(max_iter=1000, C=4.0))
        predicted = np.zeros_like(y_eval)
        if trainable.sum() and (counts < len(y_train)).any():
            model.fit(x_train, y_train[:, trainable])
            predicted[:, trainable] = model.predict(x_eval)
        result["tfidf_logreg"] = {**metrics.multi_label_scalars(y_eval, predicted),
                                  "predicted": _label_sets(predicted)}
        return result
    index = {label: i for i, label in enumerate(labels)}
    y_train = np.array([index[row[0]] for row in splits.train.frame["labels"]])
    y_eval = np.array([index.get(row[0], -1) for row in evaluation.frame["labels"]])
    keep = y_eval >= 0
    majority = np.full(keep.sum(), Counter(y_train.tolist()).most_common(1)[0][0])
    result["majority"] = {**metrics.single_label_scalars(y_eval[keep], majority),
                          "predicted": majority.tolist()}
    if len(set(y_train.tolist())) > 1:
        model = LogisticRegression(max_iter=1000, C=4.0)
        model.fit(x_train, y_train)
        predicted = model.predict(x_eval[keep])
        result["tfidf_logreg"] = {**metrics.single_label_scalars(y_eval[keep], predicted),
                                  "predicted": predicted.tolist()}
    return result


def _label_sets(matrix: np.ndarray) -> list[list[int]]:
    return [np.flatnonzero(row).tolist() for row in matrix]


def _word_memory(splits: Any, evaluation: Any) -> dict[str, Any]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for tokens, tags in zip(splits.train.frame["tokens"], splits.train.frame["tags"], strict=False):
        for token, tag in zip(tokens, tags, strict=False):
            counts[str(token).lower()][tag] += 1
    gold, predicted = [], []
    for tokens, tags in zip(evaluation.frame["tokens"], evaluation.frame["tags"], strict=False):
        guess = [counts[str(t).lower()].most_common(1)[0][0] if counts.get(str(t).lower())
                 else "O" for t in tokens]
        # a memorised I- tag without a B- before it starts a new entity
        repaired = [f"B-{g[2:]}" if g.startswith("I-") and (i == 0 or guess[i - 1][2:] != g[2:]
                                                          or guess[i - 1] == "O") else g
                    for i, g in enumerate(guess)]
        gold.append(list(tags))
        predicted.append(repaired)
    nothing = [["O"] * len(g) for g in gold]
    return {name: {**metrics.ner_scalars(gold, answers),
                   "entity_counts": significance.sentence_entity_counts(gold, answers).tolist()}
            for name, answers in (("majority", nothing), ("word_memory", predicted))}


def _overlap(splits: Any, evaluation: Any) -> dict[str, Any]:
    """Answer spans: the context sentence sharing the most words with the question, scored as
    the model is, with its answer to each question (there is no majority answer to give)."""
    task = saved_task_kind(splits.task).with_labels([])
    report, records = task.baseline_report(evaluation.frame)
    return {"overlap": {**report, "predicted": [r["predicted"] for r in records]}}


# a task's learned baseline (TaskKind.baseline_name) -> what computes it (with "majority"
# where the task has a majority answer)
_LEARNED = {"tfidf_logreg": _classification, "word_memory": _word_memory, "overlap": _overlap}


def run_baselines(splits: Any) -> dict[str, Any]:
    """Baseline scores on the test split (or validation when there is no test split)."""
    evaluation = splits.test if splits.test is not None and len(splits.test.frame) else \
        splits.validation
    started = time.time()
    result = _LEARNED[saved_task_kind(splits.task).baseline_name](splits, evaluation)
    result["split"] = "test" if evaluation is splits.test else "validation"
    result["seconds"] = round(time.time() - started, 2)
    return result


def _answer_counts(saved: dict[str, Any], records: list[dict[str, Any]], labels: list[str],
                   task: Any, metric: str) -> significance.Counts | None:
    """A baseline's per-example counts, when it kept one answer per example of `records`."""
    if task.shows_entities:
        rows = np.asarray(saved.get("entity_counts") or [], dtype=int).reshape(-1, 3)
        return significance.entity_counts(rows[:, 0], rows[:, 1], rows[:, 2]) \
            if len(rows) == len(records) else None
    predicted = saved.get("predicted")
    if not isinstance(predicted, list) or len(predicted) != len(records):
        return None
    as_names = [[labels[i] for i in p] if isinstance(p, list)
                else p if isinstance(p, str) else labels[int(p)]  # answer texts stay texts
                for p in predicted]
    return task.record_counts(
        [{"gold": r.get("gold"), "predicted": p} for r, p in zip(records, as_names, strict=False)],
        metric)


def _scored_task(evaluation: dict[str, Any], task: Any, labels: list[str]) -> Any:
    """`task` with the run's saved labels. A string (a variant name, `Task.kind`, as callers
    passed before) stands for the task `evaluation` describes."""
    if isinstance(task, str):
        return saved_task(evaluation)
    return task.with_labels(labels, task.multi_label)


def compared_with_model(evaluation: dict[str, Any], records: list[dict[str, Any]], task: Any,
                        metric: str) -> dict[str, significance.Difference]:
    """Model minus each baseline on `metric`, with its 95% range: paired over the same examples
    when both kept their answers, else from the two scores alone (runs saved before).

    `task`: the run's task (core.tasks); its labels are taken from `evaluation`."""
    labels = [str(x) for x in evaluation.get("labels") or []]
    task = _scored_task(evaluation, task, labels)
    split = (evaluation.get("baselines") or {}).get("split") or "test"
    report = evaluation.get(split) or {}
    mine = None
    try:
        if records and (labels or task.answers_from_context):  # answer spans have no labels
            mine = task.record_counts(records, metric)
    except ValueError:  # answers outside the run's labels: only the two scores can be used
        mine = None
    result = {}
    for name, saved in (evaluation.get("baselines") or {}).items():
        if not isinstance(saved, dict) or not isinstance(saved.get(metric), (int, float)):
            continue
        theirs = _answer_counts(saved, records, labels, task, metric) if mine else None
        if mine is not None and theirs is not None:
            result[name] = significance.paired_difference(mine, theirs)
        else:
            result[name] = significance.unpaired_difference(
                float(report.get(metric, 0.0)), float(saved[metric]), int(report.get("n", 0)))
    return result
