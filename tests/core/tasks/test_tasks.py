import numpy as np
import pandas as pd

from core.tasks import get_task


def test_multi_label_threshold_is_tuned_on_validation_data():
    task = get_task("text-classification", ["a", "b"], multi_label=True)
    frame = pd.DataFrame({"text": ["x", "y", "z", "w"],
                          "labels": [["a"], ["b"], ["a", "b"], []]})
    # every probability is below 0.5, but the right labels score higher (~0.3 vs ~0.1)
    logits = np.array([[-0.8, -2.2], [-2.2, -0.8], [-0.8, -0.8], [-2.2, -2.2]])
    report_at_half, _ = task.report(frame, logits)
    assert report_at_half["micro_f1"] == 0.0
    threshold = task.tune_threshold(frame, logits)
    assert 0.1 < threshold < 0.35
    report, records = task.report(frame, logits)
    assert report["micro_f1"] == 1.0 and records[3]["predicted"] == []


def test_a_multi_label_head_starts_at_each_labels_frequency():
    task = get_task("text-classification", ["a", "b", "c"], multi_label=True)
    frame = pd.DataFrame({"text": list("wxyz"), "labels": [["a"], ["a", "b"], ["a"], []]})
    logits = np.array(task.prior_logits(frame))
    probabilities = 1.0 / (1.0 + np.exp(-logits))
    assert np.allclose(probabilities, [0.75, 0.25, 1e-3])  # a label never seen: near zero
    single = get_task("text-classification", ["a", "b"])
    assert single.prior_logits(frame) is None
    assert get_task("token-classification", ["O", "B-X"]).prior_logits(frame) is None
