"""How sure a comparison is: per-example counts give the library's scores, the paired bootstrap
tells a one-text gap from a real one, and the sentences follow the range."""

from __future__ import annotations

import numpy as np
import pytest
from seqeval.metrics import f1_score as seqeval_f1
from seqeval.scheme import IOB2
from sklearn.metrics import accuracy_score, f1_score

from core.evaluate import baseline, verdict
from core.scoring import significance
from core.tasks import saved_task


def test_counts_rebuild_the_scores_of_scikit_learn_and_seqeval():
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 4, 200)
    predicted = np.where(rng.random(200) < 0.7, gold, rng.integers(0, 5, 200))  # 5: unseen
    for metric, expected in (("accuracy", accuracy_score(gold, predicted)),
                             ("macro_f1", f1_score(gold, predicted, average="macro"))):
        counts = significance.single_label_counts(gold, predicted, 5, metric)
        assert significance.score(counts) == pytest.approx(expected)
    sets = (rng.random((150, 6)) < 0.3).astype(int)
    sets[:, 5] = 0  # a label nobody has and nobody predicts
    guessed = np.where(rng.random((150, 6)) < 0.85, sets, 1 - sets)
    guessed[:, 5] = 0
    for metric, expected in (
            ("micro_f1", f1_score(sets, guessed, average="micro", zero_division=0)),
            ("macro_f1", f1_score(sets, guessed, average="macro", zero_division=0)),
            ("subset_accuracy", accuracy_score(sets, guessed))):
        counts = significance.multi_label_counts(sets, guessed, metric)
        assert significance.score(counts) == pytest.approx(expected)
    tags = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "B-ORG"], ["I-LOC", "O"], ["O"]]
    found = [["B-PER", "I-PER", "O", "B-ORG"], ["O", "B-ORG"], ["B-LOC", "O"], ["B-PER"]]
    rows = significance.sentence_entity_counts(tags, found)
    counts = significance.entity_counts(rows[:, 0], rows[:, 1], rows[:, 2])
    assert significance.score(counts) == pytest.approx(
        seqeval_f1(tags, found, mode="strict", scheme=IOB2))


def test_one_text_apart_on_twenty_is_a_tie_and_a_clear_gain_on_many_is_a_win():
    gold = np.zeros(20, dtype=int)
    model = gold.copy()
    model[:2] = 1                      # 18 of 20
    quick = gold.copy()
    quick[:1] = 1                      # 19 of 20
    tie = significance.paired_difference(significance.single_label_counts(gold, model, 2,
                                                                          "accuracy"),
                                         significance.single_label_counts(gold, quick, 2,
                                                                          "accuracy"))
    assert tie.winner == "tie" and tie.points == pytest.approx(-5.0)
    assert tie.low < 0 <= tie.high
    right_model = np.r_[np.ones(140), np.zeros(10)]      # 140 of 150
    right_quick = np.r_[np.ones(115), np.zeros(35)]      # 115 of 150, wrong where model is too
    win = significance.paired_difference(significance.correct_counts(right_model),
                                         significance.correct_counts(right_quick))
    assert win.winner == "a" and 0 < win.low < win.points / 100 < win.high
    assert win == significance.paired_difference(significance.correct_counts(right_model),
                                                 significance.correct_counts(right_quick))
    same = significance.paired_difference(significance.correct_counts(right_model),
                                          significance.correct_counts(right_model))
    assert (same.low, same.high, same.winner) == (0.0, 0.0, "tie")


def test_pairing_is_narrower_than_two_separate_intervals():
    """The same examples are hard for both models; pairing takes that out of the range."""
    rng = np.random.default_rng(0)
    hard = rng.random(400) < 0.3
    right_a = ~hard | (rng.random(400) < 0.3)
    right_b = right_a & (rng.random(400) < 0.95)
    paired = significance.paired_difference(significance.correct_counts(right_a),
                                            significance.correct_counts(right_b))
    unpaired = significance.unpaired_difference(right_a.mean(), right_b.mean(), 400)
    assert paired.winner == "a" and unpaired.winner == "tie"
    assert paired.high - paired.low < (unpaired.high - unpaired.low) / 2


def test_wilson_interval_and_the_bootstrap_range_of_one_score():
    low, high = significance.wilson(18, 20)
    assert (low, high) == pytest.approx((0.699, 0.972), abs=1e-3)
    counts = significance.correct_counts(np.r_[np.ones(90), np.zeros(10)])
    low, high = significance.score_range(counts)
    assert low < 0.9 < high and high - low == pytest.approx(0.12, abs=0.03)


def test_the_sentences_follow_the_range():
    gold = np.zeros(20, dtype=int)
    model, quick = gold.copy(), gold.copy()
    model[:2], quick[:1] = 1, 1
    tie = significance.paired_difference(significance.correct_counts(model == gold),
                                         significance.correct_counts(quick == gold))
    said = verdict.model_vs_baseline(tie, "Quick keyword model", "accuracy",
                                     correct=(18, 19))
    assert said.outcome == "tie"
    assert said.sentence.startswith("Too few test texts to tell these apart: fine-tuning gets "
                                    "18 of 20 texts right against 19")
    assert "simpler model" not in said.sentence and "behind" in said.sentence
    win = significance.Difference(0.9, 0.78, 0.061, 0.179, 150)
    said = verdict.model_vs_baseline(win, "Quick keyword model", "accuracy")
    assert said.sentence == ("Fine-tuning beats the quick baseline (Quick keyword model) by 12.0 "
                             "points of accuracy (95% range 6.1 to 17.9 points) on 150 test "
                             "texts.")
    loss = significance.Difference(0.7, 0.8, -0.15, -0.05, 1)
    said = verdict.model_vs_baseline(loss, "Word memory", "entity F1", unit="sentence")
    assert said.outcome == "loss" and "on 1 test sentence." in said.sentence
    assert "use the simpler model" in said.sentence and "5.0 to 15.0 points" in said.sentence
    sentence = verdict.run_vs_run(tie, "run A", "run B", (18, 19))
    assert sentence.startswith("run A gets 18 of 20 texts right and run B gets 19: too few")


def test_baselines_keep_their_answers_so_the_model_is_compared_on_the_same_texts(
        tiny_model_dir, tmp_path_factory, workspace):
    from support.tiny_runs import install_run

    from core.evaluate import error_analysis
    from core.workspace import runs

    for kind, metric, unit in (("classification", "accuracy", "single_label"),
                               ("multi_label", "subset_accuracy", "multi_label"),
                               ("ner", "f1", "ner")):
        run_dir = install_run(kind, tiny_model_dir, tmp_path_factory)
        evaluation = runs.read_eval(run_dir)
        records = error_analysis.load_records(run_dir, "test")
        diffs = baseline.compared_with_model(evaluation, records, unit, metric)
        assert diffs and all(d.paired and d.n == len(records) for d in diffs.values()), kind
        # the run's task gives the same, its labels taken from eval.json
        task = saved_task(evaluation).with_labels([], evaluation.get("multi_label", False))
        assert baseline.compared_with_model(evaluation, records, task, metric) == diffs, kind
        for name, diff in diffs.items():
            assert diff.score_b == pytest.approx(evaluation["baselines"][name][metric]), name
            assert diff.score_a == pytest.approx(evaluation["test"][metric]), name
            assert diff.low <= diff.score_a - diff.score_b <= diff.high
