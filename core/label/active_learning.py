"""Which texts to label next, and a simulation that checks the choice pays off.

Ranking: the model's uncertainty about each unlabeled text (margin between its two most likely
labels, or entropy) mixed with diversity: among the most uncertain candidates, each next pick is
the one whose uncertainty times its distance to the texts already picked is largest, so a batch
is not twenty near-duplicates. Distances are cosine distances between TF-IDF vectors. Before any
model exists, the batch is the most central text of each of k clusters (k-means on TF-IDF).

Simulation: a labeler who answers with the gold labels, rounds of `batch` labels, the quick
model (TF-IDF + logistic regression, refitted each round because it takes a fraction of a
second) scored on a held-out test set; uncertainty sampling against random sampling, averaged
over several seeds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from core.errors import UserError
from core.label.labeling import LabelState, Project, item_tokens
from core.label.prelabel import (
    Suggestions,
    TextFeatures,
    class_probabilities,
    fit_quick_classifier,
)
from core.text import Text, number, percent, t
from core.workspace import runs

MEASURES = ("margin", "entropy")
RANDOM, UNCERTAINTY, MIXED = "random", "uncertainty", "uncertainty+diversity"
STRATEGIES = (RANDOM, UNCERTAINTY, MIXED)
CANDIDATE_FACTOR = 4     # the diverse batch is picked among this many times its size
COLD_START_SAMPLE = 3000
MIN_PROJECT_SIMULATION = 100
SIMULATION_FILE = "simulation.json"


# ----- ranking ------------------------------------------------------------------------------

def uncertainty(probabilities: np.ndarray, measure: str = "margin") -> np.ndarray:
    """From 0 (sure) to 1 (no idea), one value per row of class probabilities."""
    p = np.asarray(probabilities, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] < 2:
        return np.zeros(len(p))
    if measure == "margin":
        top2 = np.sort(p, axis=1)[:, -2:]
        return 1.0 - (top2[:, 1] - top2[:, 0])
    if measure == "entropy":
        safe = np.clip(p, 1e-12, 1.0)
        return -(p * np.log(safe)).sum(axis=1) / np.log(p.shape[1])
    raise ValueError(f"unknown uncertainty measure {measure!r}")


def diverse_top(scores: np.ndarray, vectors: csr_matrix, size: int,
                factor: int = CANDIDATE_FACTOR) -> list[int]:
    """Positions of `size` rows: uncertain ones, each far from those picked before it."""
    scores = np.asarray(scores, dtype=np.float64)
    size = min(size, len(scores))
    if size <= 0:
        return []
    candidates = np.argsort(-scores, kind="stable")[:size * factor]
    sub = vectors[candidates]
    similarity = (sub @ sub.T).toarray() if hasattr(sub, "toarray") else sub @ sub.T
    distance_to_picked = np.ones(len(candidates))
    weight = scores[candidates] + 1e-9  # a zero score still takes part in the diversity
    picked: list[int] = []
    available = np.ones(len(candidates), dtype=bool)
    for _ in range(size):
        value = np.where(available, weight * distance_to_picked, -1.0)
        best = int(np.argmax(value))
        picked.append(best)
        available[best] = False
        distance_to_picked = np.minimum(distance_to_picked,
                                        np.clip(1.0 - similarity[best], 0.0, 1.0))
    return [int(candidates[i]) for i in picked]


def representative_sample(vectors: csr_matrix, size: int, seed: int = 0) -> list[int]:
    """Positions of the most central row of each of `size` k-means clusters, biggest first."""
    from sklearn.cluster import MiniBatchKMeans  # lazy: loads sklearn

    n = vectors.shape[0]
    size = min(size, n)
    if size <= 0:
        return []
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, size=min(n, COLD_START_SAMPLE), replace=False))
    if size >= len(sample):
        return [int(i) for i in sample[:size]]
    rows = vectors[sample]
    kmeans = MiniBatchKMeans(n_clusters=size, random_state=seed, n_init=3,
                             batch_size=1024).fit(rows)
    distances = kmeans.transform(rows)
    clusters = np.bincount(kmeans.labels_, minlength=size)
    picked: list[int] = []
    for cluster in np.argsort(-clusters, kind="stable"):
        members = np.flatnonzero(kmeans.labels_ == cluster)
        if len(members):
            picked.append(int(sample[members[np.argmin(distances[members, cluster])]]))
    return picked


@dataclass(frozen=True)
class RankedItem:
    item: int
    score: float       # uncertainty (or novelty) from 0 to 1
    reason: str
    suggestion: str = ""
    confidence: float | None = None


def rank_unlabeled(project: Project, state: LabelState, texts: Sequence[str],
                   features: TextFeatures | None, suggestions: Suggestions | None,
                   size: int = 50, measure: str = "margin") -> list[RankedItem]:
    """The next `size` texts to label, most useful first."""
    unlabeled = [i for i in range(len(texts)) if i not in state.labels and i not in state.skipped]
    if not unlabeled or size <= 0:
        return []
    if project.kind.shows_entities:
        return _rank_entities(state, texts, unlabeled, features, suggestions, size)
    if features is None:
        return [RankedItem(i, 0.0, t("label.reason.file_order")) for i in unlabeled[:size]]
    covered = [i for i in unlabeled if suggestions is not None
               and suggestions.probabilities is not None and suggestions.covers(i)]
    if suggestions is None or not covered:
        picked = representative_sample(features.matrix[unlabeled], size)
        return [RankedItem(unlabeled[p], 0.0, t("label.reason.typical"))
                for p in picked]
    probabilities = suggestions.probabilities_for(covered)
    scores = uncertainty(probabilities, measure)
    ranked = []
    for p in diverse_top(scores, features.matrix[covered], size):
        best = int(np.argmax(probabilities[p]))
        ranked.append(RankedItem(covered[p], float(scores[p]),
                                 _unsure_because(probabilities[p], measure),
                                 project.labels[best], float(probabilities[p, best])))
    return ranked


def _unsure_because(probabilities: np.ndarray, measure: str) -> str:
    """Why a text is ranked high, in the terms a person reads: how close the top two labels are,
    or how spread the guess is."""
    if measure == "margin":
        top2 = np.sort(probabilities)[-2:]
        return t("label.reason.margin", percent=percent(float(top2[1] - top2[0]), 0))
    spread = float(uncertainty(probabilities[None], measure)[0])
    return t("label.reason.spread", percent=percent(spread, 0))


def _rank_entities(state: LabelState, texts: Sequence[str], unlabeled: list[int],
                   features: TextFeatures | None, suggestions: Suggestions | None,
                   size: int) -> list[RankedItem]:
    """Entities: texts with many words never tagged yet, or with unsure suggested entities."""
    known = {token.lower() for item in state.labels for token in item_tokens(texts[item])}
    scores = np.zeros(len(unlabeled))
    for k, item in enumerate(unlabeled):
        tokens = [t.lower() for t in item_tokens(texts[item])]
        novelty = sum(t not in known for t in tokens) / len(tokens) if tokens else 0.0
        spans = suggestions.spans.get(item, []) if suggestions is not None else []
        unsure = 1.0 - min(float(s[3]) for s in spans) if spans else 0.0
        scores[k] = max(novelty, unsure)
    if features is None:
        order = np.argsort(-scores, kind="stable")[:size]
    else:
        order = diverse_top(scores, features.matrix[unlabeled], size)
    return [RankedItem(unlabeled[p], float(scores[p]),
                       t("label.reason.entities", score=number(float(scores[p]), 2)))
            for p in order]


# ----- simulation ---------------------------------------------------------------------------

@dataclass
class Curve:
    strategy: str
    labels: list[int]
    accuracy: list[float]                 # mean over seeds
    per_seed: list[list[float]] = field(default_factory=list)


@dataclass
class SimulationResult:
    dataset: str
    model: str
    measure: str
    batch: int
    seeds: list[int]
    n_pool: int
    n_test: int
    n_classes: int
    full_accuracy: float                  # the quick model trained on the whole pool
    target: float                         # accuracy the labels_to_target counts reach
    curves: dict[str, Curve]
    labels_to_target: dict[str, int | None]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def saving(self, strategy: str, baseline: str = RANDOM) -> float | None:
        """Share of labels `strategy` saves against `baseline` to reach the target."""
        mine, theirs = self.labels_to_target.get(strategy), self.labels_to_target.get(baseline)
        if mine is None or theirs is None:
            return None
        return 1.0 - mine / theirs


def _accuracy(model: Any, x: csr_matrix, gold: np.ndarray) -> float:
    return float(np.mean(model.predict(x) == gold))


def _one_seed(features: TextFeatures, pool_y: np.ndarray, test_x: csr_matrix,
              test_y: np.ndarray, strategy: str, seed: int, batch: int, budget: int,
              measure: str) -> list[float]:
    rng = np.random.default_rng(seed)
    n = len(pool_y)
    labeled = list(rng.choice(n, size=min(batch, n), replace=False))
    is_labeled = np.zeros(n, dtype=bool)
    is_labeled[labeled] = True
    scores: list[float] = []
    while True:
        classes = np.unique(pool_y[labeled])
        model = fit_quick_classifier(features.matrix[labeled], pool_y[labeled]) \
            if len(classes) > 1 else None
        scores.append(_accuracy(model, test_x, test_y) if model is not None
                      else float(np.mean(test_y == classes[0])))
        if len(labeled) >= budget or is_labeled.all():
            return scores
        rest = np.flatnonzero(~is_labeled)
        size = min(batch, budget - len(labeled), len(rest))
        if strategy == RANDOM or model is None:
            chosen = rng.choice(rest, size=size, replace=False)
        else:
            probabilities = class_probabilities(model, features.matrix[rest],
                                                [str(c) for c in model.classes_])
            u = uncertainty(probabilities, measure)
            if strategy == UNCERTAINTY:
                chosen = rest[np.argsort(-u, kind="stable")[:size]]
            else:
                chosen = rest[diverse_top(u, features.matrix[rest], size)]
        labeled.extend(int(i) for i in chosen)
        is_labeled[chosen] = True


def labels_to_reach(labels: Sequence[int], accuracy: Sequence[float], target: float) -> int | None:
    """The first label count whose accuracy reaches `target`, or None."""
    for count, value in zip(labels, accuracy, strict=False):
        if value >= target - 1e-12:
            return int(count)
    return None


def simulate(pool_texts: Sequence[str], pool_labels: Sequence[str], test_texts: Sequence[str],
             test_labels: Sequence[str], batch: int = 50, budget: int = 1000,
             seeds: Sequence[int] = (0, 1, 2), strategies: Sequence[str] = STRATEGIES,
             measure: str = "margin", target: float | None = None,
             dataset: str = "") -> SimulationResult:
    """Accuracy after every round of `batch` gold labels, per strategy, averaged over seeds.

    Without a `target`, the target is the accuracy random order reaches with the whole budget,
    so the result says how many labels the other orders need to get as far.
    """
    started = time.time()
    features = TextFeatures(list(pool_texts))
    pool_y = np.array([str(y) for y in pool_labels])
    test_x = features.transform(list(test_texts))
    test_y = np.array([str(y) for y in test_labels])
    budget = min(budget, len(pool_y))
    full = _accuracy(fit_quick_classifier(features.matrix, pool_y), test_x, test_y)
    curves: dict[str, Curve] = {}
    for strategy in strategies:
        per_seed = [_one_seed(features, pool_y, test_x, test_y, strategy, seed, batch, budget,
                              measure) for seed in seeds]
        rounds = min(len(s) for s in per_seed)
        counts = [min(batch * (r + 1), budget) for r in range(rounds)]
        mean = [float(np.mean([s[r] for s in per_seed])) for r in range(rounds)]
        curves[strategy] = Curve(strategy, counts, mean, [s[:rounds] for s in per_seed])
    goal = target
    if goal is None:
        goal = curves[RANDOM].accuracy[-1] if RANDOM in curves else full
    return SimulationResult(
        dataset=dataset, model="TF-IDF + logistic regression (the quick baseline)",
        measure=measure, batch=batch, seeds=list(seeds), n_pool=len(pool_y),
        n_test=len(test_y), n_classes=len(set(pool_y.tolist())), full_accuracy=full, target=goal,
        curves=curves,
        labels_to_target={s: labels_to_reach(c.labels, c.accuracy, goal)
                          for s, c in curves.items()},
        seconds=round(time.time() - started, 1))


def simulation_from_dict(raw: dict[str, Any]) -> SimulationResult:
    curves = {name: Curve(**curve) for name, curve in (raw.get("curves") or {}).items()}
    return SimulationResult(**{**raw, "curves": curves})


# ----- the project's own labels -------------------------------------------------------------

def project_simulation_readiness(project: Project, state: LabelState) -> str | None:
    if not project.kind.stratify(project.multi_label):  # one label per text only
        return t("label.ready.sim_single")
    if len(state.labels) < MIN_PROJECT_SIMULATION:
        return t("label.ready.sim_count", needed=MIN_PROJECT_SIMULATION,
                 count=len(state.labels))
    if len(state.counts()) < 2:
        return t("label.ready.sim_kinds")
    return None


def simulate_project(project: Project, state: LabelState, texts: Sequence[str],
                     seeds: Sequence[int] = (0, 1, 2)) -> SimulationResult:
    """The simulation replayed on the project's own labels: 70% as pool, 30% as test set."""
    from sklearn.model_selection import train_test_split  # lazy: loads sklearn

    problem = project_simulation_readiness(project, state)
    if problem:
        raise UserError(Text("labeling.cannot_compare.message"), problem)
    items = sorted(state.labels)
    labels = [state.labels[i][0] for i in items]
    counts = state.counts()
    stratify = labels if min(counts.values()) >= 2 else None
    pool, test = train_test_split(items, test_size=0.3, random_state=0, stratify=stratify)
    batch = max(10, len(pool) // 10)
    result = simulate([texts[i] for i in pool], [state.labels[i][0] for i in pool],
                      [texts[i] for i in test], [state.labels[i][0] for i in test],
                      batch=batch, budget=len(pool), seeds=seeds, dataset=project.name)
    payload = {"n_labels": len(state.labels), "result": result.to_dict()}
    runs.write_json_atomic(project.path / SIMULATION_FILE, payload)
    return result


def saved_project_simulation(project: Project) -> tuple[int, SimulationResult] | None:
    """(labels it ran on, result) of the project's last comparison, if any."""
    return _read_result(project.path / SIMULATION_FILE)


def _read_result(path: Path) -> tuple[int, SimulationResult] | None:
    raw = runs.read_json(path)
    if not raw or not isinstance(raw.get("result"), dict):
        return None
    try:
        return int(raw.get("n_labels") or 0), simulation_from_dict(raw["result"])
    except (TypeError, KeyError):
        return None


def load_benchmark(path: Path) -> list[SimulationResult]:
    """The results `python -m bench.active_learning` wrote (empty when it has not run)."""
    raw = runs.read_json(path)
    results = []
    for entry in (raw or {}).get("results") or []:
        try:
            results.append(simulation_from_dict(entry))
        except (TypeError, KeyError):
            continue
    return results
