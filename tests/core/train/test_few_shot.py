"""Few-shot mode: when it is chosen, the saved classifier, and a whole run with a tiny BERT."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from support.datasets import sentiment_rows

from core.config import RunConfig
from core.errors import UserError
from core.train import few_shot, presets
from core.workspace import runs


def _config(model: str = "default", **training) -> RunConfig:
    config = RunConfig(model=model, preset="quick", name="few")
    for key, value in training.items():
        setattr(config.training, key, value)
    return config


def _labels(per_class: dict[str, int]) -> dict[str, int]:
    return few_shot.label_counts([[label] for label, n in per_class.items() for _ in range(n)])


def test_auto_picks_few_shot_below_the_threshold_with_the_sentence_model():
    advice = few_shot.advise(_config(), _labels({"a": 8, "b": 12, "c": 30}), False, False)
    assert advice.mode == "few-shot" and advice.median_per_label == 12
    assert "12 examples per label" in advice.reason and advice.reason.count(".") == 1


def test_auto_fine_tunes_with_enough_examples():
    advice = few_shot.advise(_config(), _labels({"a": 40, "b": 32}), False, False)
    assert advice.mode == "fine-tune" and "enough" in advice.reason


def test_auto_fine_tunes_a_model_that_is_not_a_sentence_model(tiny_model_dir):
    advice = few_shot.advise(_config(str(tiny_model_dir)), _labels({"a": 8, "b": 8}), False,
                             False)
    assert advice.mode == "fine-tune" and advice.possible
    assert "sentence model" in advice.reason


@pytest.mark.parametrize("kwargs, task, multi, pairs, words", [
    ({}, "text-classification", True, False, "single-label"),
    ({}, "token-classification", False, False, "single-label"),
    ({}, "text-classification", False, True, "pairs"),
    ({"lora": True}, "text-classification", False, False, "LoRA"),
])
def test_asking_for_few_shot_where_it_cannot_serve_is_explained(kwargs, task, multi, pairs,
                                                                words):
    config = _config(mode="few-shot", **kwargs)
    config.task = task
    with pytest.raises(UserError) as error:
        few_shot.advise(config, _labels({"a": 8, "b": 8}), multi, pairs)
    assert words in error.value.message
    config.training.mode = "auto"
    auto = few_shot.advise(config, _labels({"a": 8, "b": 8}), multi, pairs)
    assert auto.mode == "fine-tune" and not auto.possible


def test_pair_steps_follow_the_data_and_the_preset_cap():
    assert presets.pair_steps(16, "quick", 16) == 40  # 20 iterations x 16 texts x 2 / 16
    assert presets.pair_steps(1232, "quick", 16) == presets.PAIR_MAX_STEPS["quick"]
    assert presets.pair_steps(1232, "best", 16) == presets.PAIR_MAX_STEPS["best"]


def test_the_classifier_reads_the_mean_of_the_tokens(tiny_model_dir):
    """Its pooled output is the layer-normalised mean of the encoder's token states."""
    import torch
    from transformers import AutoTokenizer, BertModel

    encoder = BertModel.from_pretrained(tiny_model_dir).eval()
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = few_shot.build_classifier(encoder, ["neg", "pos"])
    texts = ["a rather long text about the plot and the acting", "short one", "x"]
    pooled = few_shot.pooled_features(model, tokenizer, texts, 64)
    encoded = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        states = encoder(**encoded).last_hidden_state
    mask = encoded["attention_mask"][..., None].float()
    mean = (states * mask).sum(1) / mask.sum(1)
    size = encoder.config.hidden_size
    expected = torch.tanh(torch.nn.functional.layer_norm(mean, (size,), eps=1e-12)
                          / size ** 0.5).numpy()
    assert np.allclose(pooled, expected, atol=2e-3), np.abs(pooled - expected).max()
    assert model.config.num_hidden_layers == encoder.config.num_hidden_layers + 1


@pytest.mark.parametrize("n_labels", [2, 3])
def test_the_head_gives_the_logistic_regressions_probabilities(tiny_model_dir, n_labels):
    import torch
    from sklearn.linear_model import LogisticRegression
    from transformers import BertModel

    encoder = BertModel.from_pretrained(tiny_model_dir)
    labels = ["a", "b", "c", "unseen"][:n_labels] + ["unseen"]
    model = few_shot.build_classifier(encoder, labels)
    rng = np.random.default_rng(0)
    features = rng.normal(size=(30, encoder.config.hidden_size)).astype(np.float32)
    targets = [i % n_labels for i in range(30)]
    few_shot.fit_head(model, features, targets, balanced=False, seed=0)
    with torch.no_grad():
        logits = model.classifier(torch.from_numpy(features)).numpy()
    probs = np.exp(logits - logits.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    expected = LogisticRegression(max_iter=2000, random_state=0).fit(features, targets)
    assert np.allclose(probs[:, :n_labels], expected.predict_proba(features), atol=1e-4)
    assert probs[:, -1].max() < 1e-6  # a label with no training example is never predicted


def _write_few_rows(folder, per_class: int):
    import csv

    path = folder / "few.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(sentiment_rows(per_class * 2, seed=3))
    return path


def test_a_few_shot_run_leaves_the_run_folder_a_fine_tuned_run_leaves(
        tmp_path, tiny_model_dir, workspace):
    from transformers import pipeline

    from core.predict.inference import Predictor
    from core.serve.export import export_run
    from core.train.training import train

    config = _config(str(tiny_model_dir), mode="few-shot")
    config.data.train = str(_write_few_rows(tmp_path, 20))
    config.data.test_fraction = 0.2
    run_dir = runs.run_path("few-shot-run", workspace / "runs")
    run_dir.mkdir(parents=True)
    status = train(config, run_dir)
    assert status["state"] == "completed" and status["step"] == status["total_steps"] > 0
    assert not (run_dir / "checkpoints").exists()
    saved = json.loads((run_dir / "config.json").read_text())
    assert saved["resolved_training"]["mode"] == "few-shot"
    assert saved["resolved_training"]["learning_rate"] == few_shot.BODY_LEARNING_RATE
    events, _ = runs.read_metrics(run_dir)
    assert any(e["type"] == "train" and "loss" in e for e in events)
    final = [e for e in events if e["type"] == "eval"][-1]
    assert {"accuracy", "macro_f1", "loss"} <= set(final)
    evaluation = runs.read_eval(run_dir)
    assert evaluation["mode"] == "few-shot"
    test = evaluation["test"]
    assert test["n"] == 8 and "confusion_matrix" in test and set(test["per_class"]) == {
        "negative", "positive"}
    assert {"majority", "tfidf_logreg"} <= set(evaluation["baselines"])

    records = [json.loads(line) for line in
               (run_dir / "test_predictions.jsonl").read_text().splitlines()]
    predicted = Predictor(run_dir).predict([r["text"] for r in records])
    assert [p["label"] for p in predicted] == [r["predicted"] for r in records]
    assert all(abs(p["score"] - r["confidence"]) < 1e-3
               for p, r in zip(predicted, records, strict=False))

    archive = export_run(run_dir, tmp_path / "few.zip")
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(archive).extractall(unpacked)
    classifier = pipeline("text-classification", model=str(unpacked), device="cpu")
    answers = classifier([r["text"] for r in records])
    assert [a["label"] for a in answers] == [r["predicted"] for r in records]


# ----- the Model page -----------------------------------------------------------------------

def _model_page(rows: list[tuple[str, str]], header: str = "text,label"):
    """The Model page after uploading `rows` on the Data page; starting spawns nothing."""
    from streamlit.testing.v1 import AppTest
    from support.pages import APP, assert_clean

    content = "\n".join([header] + [f'"{a}",{b}' for a, b in rows]) + "\n"
    at = AppTest.from_file(str(APP), default_timeout=180).run()  # reads the data twice
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(("few.csv", content.encode(), "text/csv")).run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    return at


def test_the_model_page_explains_the_automatic_few_shot_choice(workspace, monkeypatch):
    from support.pages import assert_clean, fake_launch

    from core.jobs import queue as jobs

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = _model_page(sentiment_rows(24, seed=5))
    mode = at.selectbox(key="adv_mode")
    assert mode.value == "auto" and mode.help
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Few-shot mode: with about") for c in captions), captions
    mode.set_value("fine-tune").run()
    assert any(c.startswith("Fine-tuning, as chosen") for c in (c.value for c in at.caption))
    next(b for b in at.button if b.label == "Start training").click().run()
    assert_clean(at)
    [info] = runs.list_runs()
    assert info.config["training"]["mode"] == "fine-tune"


def test_the_model_page_refuses_few_shot_where_it_cannot_serve(workspace):
    rows = [(f"review {i} about food and service", "food|service" if i % 3 else "food")
            for i in range(30)]
    at = _model_page(rows)
    at.selectbox(key="adv_mode").set_value("few-shot").run()
    assert not at.exception
    assert len(at.error) == 1 and "single-label" in at.error[0].value
    assert not [b for b in at.button if b.label == "Start training"]


def test_the_model_page_estimate_counts_pair_steps_in_few_shot_mode():
    config = RunConfig(model="default", preset="quick")
    few = presets.estimate_run(config, 12, 2, 10.0, mode="few-shot")
    assert few["steps"] == presets.pair_steps(12, "quick", presets.PAIR_BATCH_SIZE) == 30
    fine = presets.estimate_run(config, 12, 2, 10.0)
    assert fine["steps"] != few["steps"] and few["seconds"] > 15


def test_a_few_shot_save_that_fails_halfway_keeps_the_previous_model(
        tmp_path, tiny_model_dir, workspace, monkeypatch):
    import errno
    import shutil
    from pathlib import Path

    from transformers import AutoModel

    from core.train.training import TrainingFailed, train

    def fail_halfway(folder, **kwargs):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "model.safetensors").write_bytes(b"half a model")
        raise OSError(errno.ENOSPC, "No space left on device")

    built = few_shot.build_classifier

    def classifier_that_fails_to_save(*args, **kwargs):
        model = built(*args, **kwargs)
        monkeypatch.setattr(model, "save_pretrained", fail_halfway)
        return model

    monkeypatch.setattr(few_shot, "build_classifier", classifier_that_fails_to_save)
    config = _config(str(tiny_model_dir), mode="few-shot")
    config.data.train = str(_write_few_rows(tmp_path, 20))
    run_dir = runs.run_path("few-shot-save", workspace / "runs")
    run_dir.mkdir(parents=True)
    shutil.copytree(tiny_model_dir, run_dir / "model")  # the model a run saved before
    before = {p.name: p.read_bytes() for p in (run_dir / "model").iterdir()}
    with pytest.raises(TrainingFailed):
        train(config, run_dir)
    assert {p.name: p.read_bytes() for p in (run_dir / "model").iterdir()} == before
    AutoModel.from_pretrained(run_dir / "model")
    assert not (run_dir / "model.partial").exists()
    assert not (run_dir / "model.previous").exists()
