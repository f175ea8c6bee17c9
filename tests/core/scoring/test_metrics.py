import numpy as np
import pytest

from core.scoring import metrics


def test_single_label_scores_match_hand_computed_values():
    # gold: a a b b c ; predicted: a b b b a
    y_true, y_pred = [0, 0, 1, 1, 2], [0, 1, 1, 1, 0]
    scores = metrics.single_label_scalars(y_true, y_pred)
    assert scores["accuracy"] == pytest.approx(3 / 5)
    # per class F1: a: p=1/2 r=1/2 -> 0.5 ; b: p=2/3 r=1 -> 0.8 ; c: 0
    assert scores["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert scores["micro_f1"] == pytest.approx(0.6)
    assert scores["weighted_f1"] == pytest.approx((2 * 0.5 + 2 * 0.8 + 0) / 5)


def test_single_label_report_has_confusion_matrix_and_per_class():
    report = metrics.single_label_report([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ["a", "b", "c"])
    assert report["confusion_matrix"]["counts"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    assert report["per_class"]["b"] == {"precision": pytest.approx(2 / 3), "recall": 1.0,
                                        "f1": pytest.approx(0.8), "support": 2}
    assert report["correct"] == 3 and report["n"] == 5


def test_multi_label_scores():
    y_true = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0]])
    y_pred = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0]])
    scores = metrics.multi_label_scalars(y_true, y_pred)
    # 4 true positives, 0 false positives, 1 false negative
    assert scores["micro_f1"] == pytest.approx(2 * 4 / (2 * 4 + 1))
    assert scores["subset_accuracy"] == pytest.approx(2 / 3)
    report = metrics.multi_label_report(y_true, y_pred, ["x", "y", "z"])
    assert report["per_class"]["z"]["recall"] == 0.0 and report["per_class"]["z"]["support"] == 1


def test_ner_scores_are_entity_level():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "B-ORG"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["O", "B-ORG"]]
    scores = metrics.ner_scalars(gold, pred)
    # entities: gold 3, predicted 3, correct 2 (the truncated PER is wrong)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["token_accuracy"] == pytest.approx(5 / 6)
    report = metrics.ner_report(gold, pred)
    assert report["per_class"]["PER"]["f1"] == 0.0
    assert report["per_class"]["LOC"]["f1"] == 1.0
