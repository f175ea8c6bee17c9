"""Temperature scaling (core/scoring/calibration.py): the fit, the calibration error, the saved
model, the export and the Test page's sentence."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import numpy as np
import pytest
from scipy.special import softmax

from core.scoring import calibration
from core.workspace import runs

# ----- the fit on synthetic logits -----------------------------------------------------------


def synthetic(true_t: float, n: int = 4000, classes: int = 3, seed: int = 0):
    """Logits whose labels are drawn from softmax(logits / true_t): a model that is calibrated
    once its logits are divided by `true_t` (over-confident for true_t > 1)."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 3.0, size=(n, classes))
    probs = softmax(logits / true_t, axis=1)
    gold = np.array([rng.choice(classes, p=p) for p in probs])
    return logits, gold


def synthetic_multi_label(true_t: float, n: int = 3000, labels: int = 4, seed: int = 1):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 3.0, size=(n, labels))
    gold = (rng.random((n, labels)) < 1.0 / (1.0 + np.exp(-logits / true_t))).astype(float)
    return logits, gold


@pytest.mark.parametrize("true_t", [0.5, 2.5])
def test_fit_recovers_a_known_temperature_and_the_error_drops(true_t):
    logits, gold = synthetic(true_t)
    fitted = calibration.fit_temperature(logits, gold, multi_label=False)
    assert fitted == pytest.approx(true_t, rel=0.1)
    result = calibration.before_after(logits, gold, False, fitted)
    assert result["after"]["ece"] < 0.03 < result["before"]["ece"]
    assert result["after"]["nll"] < result["before"]["nll"]


def test_multi_label_fit_recovers_the_temperature():
    logits, gold = synthetic_multi_label(2.0)
    fitted = calibration.fit_temperature(logits, gold, multi_label=True)
    assert fitted == pytest.approx(2.0, rel=0.1)
    result = calibration.before_after(logits, gold, True, fitted)
    assert result["after"]["ece"] < result["before"]["ece"]


def test_nll_matches_cross_entropy_by_hand():
    logits = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    gold = np.array([0, 0, -100])  # the last row has no label and is left out
    by_hand = -np.mean([math.log(softmax([1.0, 0.0])[0]), math.log(softmax([0.0, 0.5])[0])])
    assert calibration.nll(logits, gold, False, 2.0) == pytest.approx(by_hand)


def test_reliability_bins_and_ece_by_hand():
    confidence = np.array([0.95, 0.95, 0.95, 0.95, 0.55, 0.55])
    outcome = np.array([1, 1, 1, 0, 1, 0])
    table = calibration.reliability(confidence, outcome, bins=10)
    assert [row["count"] for row in table] == [0, 0, 0, 0, 0, 2, 0, 0, 0, 4]
    assert table[9]["accuracy"] == pytest.approx(0.75)
    # 4/6 * |0.95 - 0.75| + 2/6 * |0.55 - 0.5|
    assert calibration.expected_calibration_error(table) == pytest.approx(0.15)


def test_all_right_or_too_few_texts_keep_the_model_as_it_is():
    logits, gold = synthetic(1.0, n=200)
    right = logits.argmax(axis=1)  # every validation answer right: nothing to fit
    chosen = calibration.choose_temperature(logits, right, False, 200, foldable=True)
    assert (chosen["applied"], chosen["temperature"]) == (False, 1.0)
    assert chosen["reason"] == calibration.NO_MISTAKES
    few = calibration.choose_temperature(logits[:5], gold[:5], False, 5, foldable=True)
    assert few["reason"] == calibration.TOO_FEW and not few["applied"]
    fitted = calibration.choose_temperature(logits, gold, False, 200, foldable=True)
    assert fitted["applied"] and fitted["reason"] == ""


# ----- folding T into the output layer -------------------------------------------------------

def tiny_classifier(num_labels: int = 3):
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    config = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=32, num_labels=num_labels)
    return BertForSequenceClassification(config).eval()


def test_folding_divides_the_logits_by_t_and_restores_the_weights_exactly():
    import torch

    model = tiny_classifier()
    ids = torch.randint(0, 50, (4, 7))
    with torch.no_grad():
        raw = model(input_ids=ids).logits
    before = {k: v.clone() for k, v in model.state_dict().items()}
    note = {"applied": True, "temperature": 2.5}
    with calibration.folded(model, note):
        with torch.no_grad():
            scaled = model(input_ids=ids).logits
        assert model.config.calibration["temperature"] == 2.5
    torch.testing.assert_close(scaled, raw / 2.5)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert not hasattr(model.config, "calibration")


# ----- a tiny-model run ----------------------------------------------------------------------

def noisy_sentiment_csv(folder: Path, n: int = 300, flipped: float = 0.2) -> Path:
    """Short reviews with a share of labels flipped: the validation set always holds mistakes
    a temperature can be fitted on."""
    import csv
    import random

    from support.datasets import sentiment_rows

    rng = random.Random(3)
    path = folder / "noisy.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for text, label in sentiment_rows(n, seed=5):
            if rng.random() < flipped:
                label = "negative" if label == "positive" else "positive"
            writer.writerow([text, label])
    return path


@pytest.fixture(scope="module")
def calibrated_run(tiny_model_dir, tmp_path_factory):
    """A finished tiny run that keeps its checkpoints, so the model as trained (before T was
    folded into model/) can be loaded next to the saved one."""
    from core.config import RunConfig
    from core.train import training

    folder = tmp_path_factory.mktemp("calibrated")
    config = RunConfig(task="text-classification", model=str(tiny_model_dir), preset="quick",
                       name="calibrated")
    config.data.train = str(noisy_sentiment_csv(folder))
    config.data.validation_fraction, config.data.test_fraction = 0.3, 0.2
    config.training.epochs, config.training.learning_rate = 6, 5e-3
    run_dir = folder / "run-calibrated"
    run_dir.mkdir()
    keep = pytest.MonkeyPatch()
    keep.setattr(training, "_remove_checkpoints_if_done", lambda run_dir, stopped: None)
    try:
        training.train(config, run_dir)
    finally:
        keep.undo()
    return run_dir


def trained_model(run_dir: Path):
    """The best checkpoint the Trainer kept: the model before calibration."""
    from transformers import AutoModelForSequenceClassification

    checkpoints = sorted((run_dir / "checkpoints").glob("checkpoint-*"),
                         key=lambda p: int(p.name.split("-")[1]))
    state = json.loads((checkpoints[-1] / "trainer_state.json").read_text())
    best = Path(state["best_model_checkpoint"]).name
    return AutoModelForSequenceClassification.from_pretrained(run_dir / "checkpoints" / best).eval()


def validation_logits(model, run_dir: Path, texts: list[str]) -> np.ndarray:
    import torch

    from core.predict.inference import Predictor

    tokenizer = Predictor(run_dir).tokenizer
    with torch.no_grad():
        encoded = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
        return model(**encoded).logits.double().numpy()


def split_texts(run_dir: Path, split: str) -> tuple[list[str], list[str]]:
    records = [json.loads(line) for line in
               (run_dir / f"{split}_predictions.jsonl").read_text().splitlines()]
    return [r["text"] for r in records], [r["gold"] for r in records]


def test_eval_json_holds_the_temperature_and_the_error_before_and_after(calibrated_run):
    evaluation = runs.read_eval(calibrated_run)
    chosen = evaluation["calibration"]
    assert chosen["applied"] and chosen["reason"] == ""
    assert chosen["temperature"] != pytest.approx(1.0, abs=0.02)
    for split in ("validation", "test"):
        for when in ("before", "after"):
            figures = chosen[split][when]
            assert 0.0 <= figures["ece"] <= 1.0 and figures["nll"] > 0.0
            assert sum(r["count"] for r in figures["reliability"]) == chosen[split]["n"]
    # the fit minimises the validation NLL, so it can only fall there
    assert chosen["validation"]["after"]["nll"] < chosen["validation"]["before"]["nll"]
    config = json.loads((calibrated_run / "model" / "config.json").read_text())
    assert config["calibration"]["temperature"] == pytest.approx(chosen["temperature"])
    assert config["calibration"]["folded_into_weights"] is True


def test_saved_model_gives_softmax_of_the_trained_logits_over_t(calibrated_run):
    from core.predict.inference import Predictor

    temperature = runs.read_eval(calibrated_run)["calibration"]["temperature"]
    texts, _ = split_texts(calibrated_run, "test")
    trained = softmax(validation_logits(trained_model(calibrated_run), calibrated_run, texts)
                      / temperature, axis=1)
    predictor = Predictor(calibrated_run)
    labels = predictor.labels
    for row, result in zip(trained, predictor.predict(texts, top_k=2)):
        scores = {t["label"]: t["score"] for t in result["top"]}
        assert [scores[label] for label in labels] == pytest.approx(row, abs=1e-5)
    # and the trained model itself was left as it was: its own scores differ
    raw = softmax(validation_logits(trained_model(calibrated_run), calibrated_run, texts), axis=1)
    assert not np.allclose(raw, trained, atol=1e-3)


def test_saved_model_is_calibrated_on_validation(calibrated_run):
    """Fitting T again on the saved model's validation logits finds nothing left to fix."""
    from core.predict.inference import Predictor

    predictor = Predictor(calibrated_run)
    texts, gold = split_texts(calibrated_run, "validation")
    logits = validation_logits(predictor.model, calibrated_run, texts)
    ids = np.array([predictor.labels.index(g) for g in gold])
    assert calibration.fit_temperature(logits, ids, False) == pytest.approx(1.0, abs=1e-2)
    after = runs.read_eval(calibrated_run)["calibration"]["validation"]["after"]
    assert calibration.nll(logits, ids, False) == pytest.approx(after["nll"], abs=1e-4)


def test_prediction_files_hold_calibrated_confidences(calibrated_run):
    from core.predict.inference import Predictor

    texts, _ = split_texts(calibrated_run, "test")
    records = [json.loads(line) for line in
               (calibrated_run / "test_predictions.jsonl").read_text().splitlines()]
    answers = Predictor(calibrated_run).predict(texts)
    assert [r["confidence"] for r in records] == pytest.approx(
        [a["score"] for a in answers], abs=1e-4)


def test_export_loaded_with_pipeline_gives_the_calibrated_score(calibrated_run, tmp_path):
    from transformers import pipeline

    from core.predict.inference import Predictor
    from core.serve.export import export_run, model_card

    archive = export_run(calibrated_run, tmp_path / "export.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "unzipped")
    classifier = pipeline("text-classification", model=str(tmp_path / "unzipped"), device=-1)
    texts, _ = split_texts(calibrated_run, "test")
    temperature = runs.read_eval(calibrated_run)["calibration"]["temperature"]
    expected = softmax(validation_logits(trained_model(calibrated_run), calibrated_run, texts)
                       / temperature, axis=1).max(axis=1)
    got = classifier(texts)
    assert [g["score"] for g in got] == pytest.approx(list(expected), abs=1e-5)
    answers = Predictor(calibrated_run).predict(texts)
    assert [g["label"] for g in got] == [a["label"] for a in answers]
    assert f"T = {temperature:.3f}" in model_card(calibrated_run)


def test_test_page_says_how_far_to_trust_the_confidences(calibrated_run):
    import shutil

    from streamlit.testing.v1 import AppTest
    from support.pages import all_text, assert_clean

    shutil.copytree(calibrated_run, runs.run_path(calibrated_run.name),
                    ignore=shutil.ignore_patterns("checkpoints"))
    page = Path(__file__).resolve().parents[3] / "pages" / "test.py"
    at = AppTest.from_file(str(page), default_timeout=90).run()
    assert_clean(at)
    test = runs.read_eval(calibrated_run)["calibration"]["test"]
    before, after = f"{test['before']['ece']:.1%}", f"{test['after']['ece']:.1%}"
    text = all_text(at)
    if test["after"]["ece"] < test["before"]["ece"]:
        assert ("Confidences were adjusted on the validation texts: when the model says 80% it "
                "is now right about 80% of the time") in text
    else:
        assert "they are no closer to how often the model is right" in text
    assert f"calibration error {before} before, {after} after" in text
    assert "measured on the test texts" in text
    assert at.get("plotly_chart")  # the reliability chart among the report's charts
