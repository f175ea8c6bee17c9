"""Suggested labels for the texts not labeled yet, each with how sure the model is.

Two sources, the better one available wins:
- the quick model: TF-IDF word and character n-grams with logistic regression (the features
  and regularisation of the quick baseline in core.evaluate.baseline), refitted in-process in
  about a second once every label has a few examples; for entities, each word's most frequent
  tag so far;
- the fine-tuned model of the project's latest finished run, through
  core.predict.inference.Predictor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack

from core.data.spans import tokenize
from core.evaluate.error_analysis import load_records
from core.label.labeling import LabelState, Project, item_tokens
from core.predict.inference import Predictor
from core.tasks import saved_task
from core.text import number, t
from core.workspace import runs

MIN_PER_LABEL = 2        # examples of every label before the quick model suggests anything
MIN_ENTITY_TEXTS = 5     # tagged texts before word memory suggests entities
REFIT_SHARE = 0.1        # refit after this share of new labels (at least REFIT_MIN)
REFIT_MIN = 5


class TextFeatures:
    """TF-IDF word 1-2-grams and character 2-4-grams, fitted once on every text of a pool.

    Fitting on the unlabeled texts too is legitimate here: they are all known in advance, and
    it lets the labeled set grow without refitting the vocabulary.
    """

    def __init__(self, texts: Sequence[str], max_features: int = 200_000) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: loads sklearn

        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                     max_features=max_features)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                                     max_features=max_features)
        self.matrix = self._join(self.words.fit_transform(texts), self.chars.fit_transform(texts))

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return self._join(self.words.transform(texts), self.chars.transform(texts))

    @staticmethod
    def _join(words: Any, chars: Any) -> csr_matrix:
        # each half has unit length; halving the squares gives unit rows for cosine distances
        return (hstack([words, chars]).tocsr() * np.sqrt(0.5)).tocsr()


def fit_quick_classifier(x: csr_matrix, labels: Sequence[str]) -> Any:
    """Logistic regression with the quick baseline's regularisation, one label against the rest.

    One-vs-rest with liblinear gives the multinomial fit's accuracy here (banking77, 1,000
    labels: 67.7% against 67.9%) in a fifth of the time, which matters when it is refitted
    while the user labels.
    """
    from sklearn.linear_model import LogisticRegression  # lazy: loads sklearn
    from sklearn.multiclass import OneVsRestClassifier  # lazy: loads sklearn
    from threadpoolctl import threadpool_limits  # lazy: comes with sklearn

    model = OneVsRestClassifier(LogisticRegression(C=4.0, solver="liblinear"))
    # one BLAS thread: on a busy machine more threads make this small problem several times slower
    with threadpool_limits(limits=1):
        model.fit(x, list(labels))
    return model


def class_probabilities(model: Any, x: csr_matrix, labels: Sequence[str]) -> np.ndarray:
    """Probabilities in the order of `labels` (0 for a label the model has not seen)."""
    known = model.predict_proba(x)
    out = np.zeros((x.shape[0], len(labels)), dtype=np.float64)
    position = {label: j for j, label in enumerate(labels)}
    for k, label in enumerate(model.classes_):
        out[:, position[str(label)]] = known[:, k]
    return out


@dataclass
class Suggestions:
    """Class probabilities (classification) or entity spans (NER) for some items."""

    source: str
    n_labels: int                      # labels the model learned from
    labels: list[str]
    items: list[int]
    probabilities: np.ndarray | None = None                    # (len(items), len(labels))
    # NER: [first, end, type, score]
    spans: dict[int, list[list[Any]]] = field(default_factory=dict)
    _row: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._row = {item: row for row, item in enumerate(self.items)}

    def covers(self, item: int) -> bool:
        return item in self._row or item in self.spans

    def label_for(self, item: int) -> tuple[str, float] | None:
        """The suggested label of `item` and its probability."""
        if self.probabilities is None or item not in self._row:
            return None
        row = self.probabilities[self._row[item]]
        best = int(np.argmax(row))
        return self.labels[best], float(row[best])

    def probabilities_for(self, items: Sequence[int]) -> np.ndarray:
        assert self.probabilities is not None
        return self.probabilities[[self._row[i] for i in items]]


def quick_ready(project: Project, state: LabelState) -> str | None:
    """None when the quick model can suggest, else one sentence saying what is still needed."""
    if project.multi_label:
        return t("label.ready.multi_label")
    if project.kind.shows_entities:
        n = len(state.labels)
        return None if n >= MIN_ENTITY_TEXTS and state.counts() else (
            t("label.ready.entities", count=MIN_ENTITY_TEXTS))
    counts = state.counts()
    missing = [label for label in project.labels if counts[label] < MIN_PER_LABEL]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        return t("label.ready.per_label", count=MIN_PER_LABEL, labels=shown)
    return None


def refit_due(fitted_on: int | None, n_labels: int) -> bool:
    """Whether the quick model should be refitted with `n_labels` labels (last fit: `fitted_on`)."""
    if fitted_on is None:
        return True
    return n_labels - fitted_on >= max(REFIT_MIN, int(fitted_on * REFIT_SHARE)) \
        or n_labels < fitted_on


def quick_suggestions(project: Project, state: LabelState, texts: Sequence[str],
                      features: TextFeatures | None) -> Suggestions:
    """Suggestions for every unlabeled item from the quick model fitted on the labels so far."""
    unlabeled = [i for i in range(len(texts)) if i not in state.labels]
    if project.kind.shows_entities:
        return _word_memory(project, state, texts, unlabeled)
    assert features is not None
    labeled = sorted(state.labels)
    model = fit_quick_classifier(features.matrix[labeled], [state.labels[i][0] for i in labeled])
    probabilities = class_probabilities(model, features.matrix[unlabeled], project.labels) \
        if unlabeled else np.zeros((0, len(project.labels)))
    return Suggestions(t("label.source.quick"), len(labeled), project.labels, unlabeled,
                       probabilities)


def _word_memory(project: Project, state: LabelState, texts: Sequence[str],
                 unlabeled: list[int]) -> Suggestions:
    """Each word's most frequent tag in the tagged texts, as entity spans."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for item, spans in state.labels.items():
        tokens = item_tokens(texts[item])
        kinds = [None] * len(tokens)
        for first, end, kind in spans:
            for position in range(first, end):
                kinds[position] = kind
        for token, kind in zip(tokens, kinds, strict=False):
            seen[token.lower()][kind or ""] += 1
    suggested: dict[int, list[list[Any]]] = {}
    for item in unlabeled:
        guesses = []
        for token in item_tokens(texts[item]):
            counts = seen.get(token.lower())
            kind, n = counts.most_common(1)[0] if counts else ("", 0)
            guesses.append((kind, n / sum(counts.values()) if counts else 0.0))
        suggested[item] = _runs_of(guesses)
    return Suggestions(t("labeling.source.word_memory"), len(state.labels),
                       project.labels, [], spans=suggested)


def _runs_of(guesses: list[tuple[str, float]]) -> list[list[Any]]:
    """Consecutive words with the same entity type as spans [first, end, type, score]."""
    spans: list[list[Any]] = []
    for position, (kind, score) in enumerate(guesses):
        if not kind:
            continue
        if spans and spans[-1][2] == kind and spans[-1][1] == position:
            spans[-1][1] = position + 1
            spans[-1][3] = min(spans[-1][3], score)
        else:
            spans.append([position, position + 1, kind, score])
    return spans


MIN_HELD_OUT = 30  # held-out texts a run needs before its score can be told from another's
QUICK_BASELINES = ("tfidf_logreg", "word_memory")


@dataclass(frozen=True)
class SwitchDecision:
    switch: bool
    sentence: str  # why, in one sentence


def switch_decision(run_dir: Any) -> SwitchDecision:
    """Whether a finished run's suggestions should replace the quick model's.

    Only on a difference its held-out texts support: the run and the quick model (trained on
    the same labels) are compared on the same test texts with a paired bootstrap, and the run
    must win by more than the 95% range. Below MIN_HELD_OUT texts that comparison means
    nothing: one text moves the score by more than 3 points, and resampling a handful of texts
    gives ranges far too narrow (2 right of 2 resamples to 100% every time), so the quick model
    stays.
    """
    from core.evaluate.baseline import compared_with_model  # lazy: loads sklearn

    evaluation = runs.read_eval(run_dir) or {}
    baselines = evaluation.get("baselines") or {}
    split = baselines.get("split") or "test"
    records = load_records(run_dir, split) if evaluation.get(split) else []
    quick = next((name for name in QUICK_BASELINES if isinstance(baselines.get(name), dict)),
                 None)
    if quick is None or not records:
        return SwitchDecision(False, t("label.switch.no_scores"))
    if len(records) < MIN_HELD_OUT:
        return SwitchDecision(False, t("label.switch.too_few", needed=MIN_HELD_OUT, texts=(
            t("label.held_out.validation" if split == "validation"
                else "label.held_out.test", count=len(records)))))
    task = saved_task(evaluation)
    metric = str(evaluation.get("best_metric") or task.primary_metric(task.multi_label))
    diff = compared_with_model(evaluation, records, task, metric).get(quick)
    if diff is None or diff.winner != "a":
        return SwitchDecision(False, t("label.switch.not_better", texts=(
            t("label.held_out.validation" if split == "validation"
                else "label.held_out.test", count=len(records)))))
    return SwitchDecision(True, t(
        "label.switch.better", points=number(diff.points, 1), low=number(diff.low * 100, 1),
        high=number(diff.high * 100, 1),
        texts=t("label.held_out.validation" if split == "validation" else "label.held_out.test",
                count=len(records))))


def model_beats_quick(run_dir: Any) -> bool:
    """Whether a finished run's suggestions should replace the quick model's (see
    switch_decision)."""
    return switch_decision(run_dir).switch


def load_predictor(run_dir: Any) -> Any:
    return Predictor(run_dir)


def model_suggestions(predictor: Any, project: Project, texts: Sequence[str],
                      items: Sequence[int], run_name: str, n_labels: int) -> Suggestions:
    """Suggestions for `items` from a fine-tuned run (its Predictor)."""
    items = list(items)
    chosen = [texts[i] for i in items]
    source = t("label.source.run", run=run_name)
    if project.kind.shows_entities:
        results = predictor.predict(chosen) if chosen else []
        spans = {item: _entity_spans(texts[item], result.get("entities") or [], project.labels)
                 for item, result in zip(items, results, strict=False)}
        return Suggestions(source, n_labels, project.labels, [], spans=spans)
    results = predictor.predict(chosen, top_k=len(predictor.labels)) if chosen else []
    probabilities = np.zeros((len(items), len(project.labels)))
    position = {label: j for j, label in enumerate(project.labels)}
    for row, result in enumerate(results):
        for entry in result.get("top") or []:
            if entry["label"] in position:
                probabilities[row, position[entry["label"]]] = float(entry["score"])
    return Suggestions(source, n_labels, project.labels, items, probabilities)


def _entity_spans(text: str, entities: list[dict[str, Any]],
                  types: Sequence[str]) -> list[list[Any]]:
    """Character entities of the Predictor as word spans [first, end, type, score]."""
    offsets = tokenize(text)[1]
    spans: list[list[Any]] = []
    for entity in entities:
        if str(entity["type"]) not in types:
            continue
        inside = [i for i, (s, e) in enumerate(offsets)
                  if s < int(entity["end"]) and e > int(entity["start"])]
        if inside and (not spans or inside[0] >= spans[-1][1]):
            spans.append([inside[0], inside[-1] + 1, str(entity["type"]),
                          float(entity.get("score", 0.0))])
    return spans
