"""Active learning: uncertainty, diverse batches, the "label these next" ranking, and a simulated
labeler showing that the smart order needs fewer labels than random order."""

from __future__ import annotations

import json
import random
import string

import numpy as np
import pandas as pd
import pytest
from scipy.sparse import csr_matrix

from core.errors import UserError
from core.label import active_learning, labeling, prelabel
from core.label.active_learning import MIXED, RANDOM, UNCERTAINTY

# ----- uncertainty and diversity ------------------------------------------------------------

def test_margin_and_entropy_rank_sure_and_unsure_rows():
    p = np.array([[0.98, 0.01, 0.01], [0.5, 0.45, 0.05], [1 / 3, 1 / 3, 1 / 3]])
    margin = active_learning.uncertainty(p, "margin")
    entropy = active_learning.uncertainty(p, "entropy")
    assert margin == pytest.approx([0.03, 0.95, 1.0])
    assert entropy[0] < entropy[1] < entropy[2] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        active_learning.uncertainty(p, "variance")


def test_a_diverse_batch_skips_near_duplicates():
    # rows 0-3 are the same text (most uncertain), rows 4-5 are different texts
    vectors = csr_matrix(np.array([[1.0, 0, 0]] * 4 + [[0, 1.0, 0], [0, 0, 1.0]]))
    scores = np.array([0.99, 0.98, 0.97, 0.96, 0.6, 0.5])
    assert active_learning.diverse_top(scores, vectors, 3) == [0, 4, 5]
    assert sorted(np.argsort(-scores)[:3]) == [0, 1, 2]  # what uncertainty alone would take


def test_the_first_batch_covers_every_group_of_texts():
    rng = random.Random(0)
    topics = {"football match goal striker": 40, "bank card payment transfer": 40,
              "recipe oven flour sugar": 40}
    texts = [f"{' '.join(rng.sample(words.split(), 3))} note {i}"
             for words, n in topics.items() for i in range(n)]
    features = prelabel.TextFeatures(texts)
    picked = active_learning.representative_sample(features.matrix, 3)
    assert sorted(p // 40 for p in picked) == [0, 1, 2]


# ----- the ranking in a project -------------------------------------------------------------

def sentiment_texts(n: int) -> list[str]:
    good, bad = ["great", "lovely", "superb"], ["awful", "dull", "poor"]
    return [f"item {i} was {(good if i % 2 == 0 else bad)[i % 3]}" for i in range(n)]


def test_ranking_starts_with_typical_texts_then_follows_the_model():
    texts = sentiment_texts(60)
    project = labeling.create_project("r", labeling.CLASSIFICATION, ["pos", "neg"], texts)
    features = prelabel.TextFeatures(texts)
    state = labeling.label_state(project)
    cold = active_learning.rank_unlabeled(project, state, texts, features, None, 10)
    assert len({r.item for r in cold}) == 10 and all("typical" in r.reason for r in cold)

    for item in range(8):
        labeling.label(project, item, ["pos" if item % 2 == 0 else "neg"], texts)
    labeling.skip(project, 8, len(texts))
    state = labeling.label_state(project)
    suggestions = prelabel.quick_suggestions(project, state, texts, features)
    ranked = active_learning.rank_unlabeled(project, state, texts, features, suggestions, 10)
    assert len(ranked) == 10
    assert not {r.item for r in ranked} & (set(state.labels) | state.skipped)
    assert all(r.suggestion in ("pos", "neg") and 0.5 <= r.confidence <= 1 for r in ranked)
    scores = active_learning.uncertainty(suggestions.probabilities_for(
        [i for i in range(9, 60)]))
    assert ranked[0].score == pytest.approx(scores.max())


def test_entity_ranking_prefers_texts_with_new_words():
    texts = ["Alice met Bob in Paris .", "Alice met Bob in Lima .",
             "Zanele Okoye opened Kigali offices", "Alice met Bob in Rome ."]
    project = labeling.create_project("e", labeling.NER, ["PER", "LOC"], texts)
    labeling.label(project, 0, [[0, 1, "PER"], [2, 3, "PER"], [4, 5, "LOC"]], texts)
    state = labeling.label_state(project)
    ranked = active_learning.rank_unlabeled(project, state, texts, prelabel.TextFeatures(texts),
                                            None, 3)
    assert ranked[0].item == 2 and ranked[0].score == pytest.approx(1.0)


# ----- the simulated labeler ----------------------------------------------------------------

def rare_word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(8))


def synthetic(n: int, seed: int) -> tuple[list[str], list[str]]:
    """Most texts carry an obvious word; a few carry only rare words a model must be shown.

    Random order spends its labels on the obvious texts; the smart order asks about the texts
    whose words the model has not seen.
    """
    rng = random.Random(seed)
    vocab = random.Random(99)  # the same rare words in pool and test
    rare = {label: [rare_word(vocab) for _ in range(40)] for label in ("yes", "no")}
    filler = ["today", "we", "saw", "that", "it", "was", "the", "one", "thing"]
    texts, labels = [], []
    for _ in range(n):
        label = rng.choice(["yes", "no"])
        words = rng.sample(filler, 4)
        if rng.random() < 0.7:
            words.append("splendid" if label == "yes" else "dreadful")
        else:
            words.append(rng.choice(rare[label]))
        rng.shuffle(words)
        texts.append(" ".join(words))
        labels.append(label)
    return texts, labels


def test_smart_order_reaches_the_target_with_fewer_labels_on_synthetic_data():
    pool, pool_labels = synthetic(1200, seed=1)
    test, test_labels = synthetic(500, seed=2)
    result = active_learning.simulate(pool, pool_labels, test, test_labels, batch=20,
                                      budget=240, seeds=(0, 1, 2), dataset="synthetic")
    assert set(result.curves) == {RANDOM, UNCERTAINTY, MIXED}
    assert result.curves[RANDOM].labels == list(range(20, 241, 20))
    assert len(result.curves[MIXED].per_seed) == 3
    assert result.full_accuracy > 0.95
    needed = result.labels_to_target  # to reach what random order reaches with 240 labels
    assert needed[MIXED] is not None and needed[UNCERTAINTY] is not None
    assert needed[MIXED] < needed[RANDOM] and needed[UNCERTAINTY] < needed[RANDOM]
    assert result.saving(MIXED) > 0.3
    again = active_learning.simulation_from_dict(result.to_dict())
    assert again.curves[MIXED].accuracy == result.curves[MIXED].accuracy


def test_smart_order_needs_fewer_labels_on_sst2():
    from support.datasets import shared_dataset

    folder = shared_dataset("sst2")
    def read(name):
        return pd.read_csv(folder / name, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    train, test = read("train.tsv").sample(3000, random_state=0), read("test.tsv")
    result = active_learning.simulate(list(train["sentence"]), list(train["label"]),
                                      list(test["sentence"]), list(test["label"]), batch=50,
                                      budget=1000, seeds=(0, 1), strategies=(RANDOM, MIXED),
                                      dataset="SST-2")
    # the target is what random order reaches with all 1,000 labels: the smart order gets there
    # with fewer
    assert result.target == result.curves[RANDOM].accuracy[-1]
    needed = result.labels_to_target
    assert needed[MIXED] is not None and needed[MIXED] < needed[RANDOM]
    assert np.mean(result.curves[MIXED].accuracy) > np.mean(result.curves[RANDOM].accuracy)


def test_the_comparison_on_a_projects_own_labels_is_saved(workspace):
    texts, labels = synthetic(140, seed=3)
    project = labeling.create_project("s", labeling.CLASSIFICATION, ["yes", "no"], texts)
    for item in range(99):
        labeling.label(project, item, [labels[item]], texts)
    state = labeling.label_state(project)
    with pytest.raises(UserError, match="at least 100 labels"):
        active_learning.simulate_project(project, state, texts)
    labeling.label(project, 99, [labels[99]], texts)
    result = active_learning.simulate_project(project, labeling.label_state(project), texts,
                                              seeds=(0,))
    assert result.n_pool == 70 and result.n_test == 30 and result.batch == 10
    n_labels, saved = active_learning.saved_project_simulation(project)
    assert n_labels == 100 and saved.curves[MIXED].labels == result.curves[MIXED].labels


def test_benchmark_results_are_read_back(tmp_path):
    texts, labels = synthetic(200, seed=4)
    result = active_learning.simulate(texts[:150], labels[:150], texts[150:], labels[150:],
                                      batch=25, budget=100, seeds=(0,), strategies=(RANDOM,))
    path = tmp_path / "al.json"
    path.write_text(json.dumps({"results": [result.to_dict()]}), encoding="utf-8")
    loaded = active_learning.load_benchmark(path)
    assert [r.curves[RANDOM].labels for r in loaded] == [[25, 50, 75, 100]]
    assert active_learning.load_benchmark(tmp_path / "missing.json") == []


def test_the_reason_shown_is_the_gap_between_the_top_two_labels():
    from core.label.active_learning import _unsure_because

    assert _unsure_because(np.array([0.606, 0.394]), "margin") == \
        "the model is unsure (its top two labels are 21% apart)"
    assert "spread of its guess 100%" in _unsure_because(np.array([0.5, 0.5]), "entropy")
