"""Training end to end with a tiny random BERT (seconds on CPU), through
`core.train.training.train`."""

import json
import zipfile

import pytest
from support.datasets import write_multi_label_csv

from core.config import RunConfig
from core.predict.inference import Predictor
from core.workspace import runs


def _config(train, model, task="text-classification", **training):
    config = RunConfig(task=task, model=str(model), preset="quick", name="tiny")
    config.data.train = str(train)
    config.training.epochs = training.pop("epochs", 2)
    for key, value in training.items():
        setattr(config.training, key, value)
    return config


def _run(config, workspace):
    from core.train.training import train

    run_dir = runs.run_path(runs.new_run_id("t"), workspace / "runs")
    run_dir.mkdir(parents=True)
    status = train(config, run_dir)
    return run_dir, status


def test_classification_run_folder_is_complete(sentiment_csv, tiny_model_dir, workspace):
    run_dir, status = _run(_config(sentiment_csv, tiny_model_dir), workspace)
    assert status["state"] == "completed"
    assert {"config.json", "status.json", "metrics.jsonl", "eval.json", "train.log",
            "health.json"} <= {p.name for p in run_dir.iterdir()}
    assert list((run_dir / "model").glob("*.safetensors"))
    model_config = json.loads((run_dir / "model" / "config.json").read_text())
    assert set(model_config["id2label"].values()) == {"negative", "positive"}
    events, _ = runs.read_metrics(run_dir)
    kinds = {e["type"] for e in events}
    assert {"train", "eval"} <= kinds
    train_event = next(e for e in events if e["type"] == "train")
    assert {"step", "epoch", "time", "loss", "learning_rate", "examples_per_s"} <= set(train_event)
    eval_events = [e for e in events if e["type"] == "eval"]
    assert len(eval_events) >= 3 and "macro_f1" in eval_events[-1]
    assert eval_events[-1]["step"] == status["step"]  # the final model is always scored
    evaluation = runs.read_eval(run_dir)
    assert evaluation["test"]["n"] > 0 and "confusion_matrix" in evaluation["test"]
    assert {"majority", "tfidf_logreg"} <= set(evaluation["baselines"])
    saved = json.loads((run_dir / "config.json").read_text())
    assert saved["resolved_training"]["epochs"] == 2 and saved["data_hash"]["train"]


def test_saved_predictions_match_the_exported_model(sentiment_csv, tiny_model_dir, workspace,
                                                    tmp_path):
    """The report pairs each text with its own prediction, and the export predicts the same."""
    run_dir, _ = _run(_config(sentiment_csv, tiny_model_dir, epochs=3), workspace)
    records = [json.loads(line) for line in
               (run_dir / "test_predictions.jsonl").read_text().splitlines()]
    texts = [r["text"] for r in records]
    predicted = Predictor(run_dir).predict(texts)
    assert [p["label"] for p in predicted] == [r["predicted"] for r in records]
    assert [p["score"] for p in predicted] == pytest.approx([r["confidence"] for r in records],
                                                            abs=2e-4)

    from transformers import pipeline

    from core.serve.export import export_run

    archive = export_run(run_dir, tmp_path / "model.zip")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    assert "README.md" in zf.namelist() and "## Usage" in (folder / "README.md").read_text()
    classifier = pipeline("text-classification", model=str(folder), device=-1)
    assert [r["label"] for r in classifier(texts)] == [p["label"] for p in predicted]


def test_multi_label_run(tmp_path, tiny_model_dir, workspace):
    path = write_multi_label_csv(tmp_path)
    config = _config(path, tiny_model_dir)
    config.data.multi_label = True
    run_dir, status = _run(config, workspace)
    evaluation = runs.read_eval(run_dir)
    assert status["state"] == "completed" and evaluation["multi_label"]
    assert {"micro_f1", "macro_f1", "subset_accuracy"} <= set(evaluation["test"])
    model_config = json.loads((run_dir / "model" / "config.json").read_text())
    assert model_config["problem_type"] == "multi_label_classification"
    assert "starts from each label's frequency" in (run_dir / "train.log").read_text()


def test_the_head_bias_is_set_on_the_output_layer(tiny_model_dir):
    import torch
    from transformers import AutoModelForSequenceClassification

    from core.train.training import start_head_at

    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=3)
    assert start_head_at(model, [-1.0, -2.0, -3.0])
    assert torch.allclose(model.classifier.bias, torch.tensor([-1.0, -2.0, -3.0]))
    assert not start_head_at(model, None)
    assert not start_head_at(model, [0.0] * 7)  # no layer with seven outputs
    assert not start_head_at(model, [0.0] * 3, fresh={"bert.pooler.dense.bias"})  # trained head
    assert start_head_at(model, [0.0] * 3, fresh={"classifier.bias", "classifier.weight"})


def test_continuing_from_a_trained_multi_label_model_keeps_its_head(tmp_path, tiny_model_dir,
                                                                     workspace):
    import torch
    from transformers import AutoModelForSequenceClassification

    from core.tasks import get_task
    from core.train.training import _prepare_model

    path = write_multi_label_csv(tmp_path)
    config = _config(path, tiny_model_dir)
    config.data.multi_label = True
    run_dir, _ = _run(config, workspace)
    trained = AutoModelForSequenceClassification.from_pretrained(run_dir / "model")
    labels = [trained.config.id2label[i] for i in range(trained.config.num_labels)]
    task = get_task("text-classification", labels, multi_label=True)
    import pandas as pd

    frame = pd.DataFrame({"text": ["a", "b"], "labels": [[labels[0]], []]})
    again = _config(path, run_dir / "model")
    model = _prepare_model(task, again, again.training, 0, frame)
    assert torch.equal(model.classifier.bias, trained.classifier.bias)


def test_ner_run_reports_seqeval_and_predicts_spans(ner_conll, tiny_model_dir, workspace):
    run_dir, status = _run(_config(ner_conll, tiny_model_dir, task="token-classification",
                                   epochs=3, learning_rate=5e-3), workspace)
    evaluation = runs.read_eval(run_dir)
    assert status["state"] == "completed" and status["best_metric_name"] == "f1"
    assert {"f1", "precision", "recall", "token_accuracy"} <= set(evaluation["test"])
    assert evaluation["labels"][0] == "O" and "B-PER" in evaluation["labels"]
    text = "Alice Smith went to Paris ."
    entities = Predictor(run_dir).predict([text])[0]["entities"]
    for entity in entities:  # spans point into the text
        assert text[entity["start"]:entity["end"]] == entity["text"]
        assert entity["type"] in ("PER", "LOC")


def test_stop_request_keeps_a_model(sentiment_csv, tiny_model_dir, workspace):
    from core.train.training import train

    run_dir = runs.run_path("stop-test", workspace / "runs")
    run_dir.mkdir(parents=True)
    runs.request_stop(run_dir)
    status = train(_config(sentiment_csv, tiny_model_dir, epochs=5), run_dir)
    assert status["state"] == "stopped"
    assert status["step"] < 5 * 4  # stopped well before the end
    assert (run_dir / "model" / "config.json").is_file()


def test_lora_and_frozen_encoder_train(sentiment_csv, tiny_model_dir, workspace):
    _, status = _run(_config(sentiment_csv, tiny_model_dir, epochs=1, lora=True,
                             lora_target_modules=["query", "value"]), workspace)
    assert status["state"] == "completed"
    _, status = _run(_config(sentiment_csv, tiny_model_dir, epochs=1, freeze_encoder=True),
                     workspace)
    assert status["state"] == "completed"


def test_bad_data_fails_with_a_readable_status(tmp_path, tiny_model_dir, workspace):
    from core.errors import UserError

    path = tmp_path / "one_class.csv"
    path.write_text("text,label\n" + "\n".join(f"text {i},same" for i in range(20)))
    run_dir = runs.run_path("bad", workspace / "runs")
    run_dir.mkdir(parents=True)
    from core.train.training import train

    with pytest.raises(UserError):
        train(_config(path, tiny_model_dir), run_dir)
    status = runs.read_status(run_dir)
    assert status["state"] == "failed" and status["error"] and status["fix"]


def test_small_data_fine_tunes_the_built_in_model_at_twice_its_rate():
    """Up to presets.SMALL_DATA training texts the built-in model learns at twice its
    catalogue rate (measured); other models, LoRA, a frozen encoder and a rate the user chose
    are left as they were."""
    from core.models.loading import default_model_path, recommended_learning_rate
    from core.train import presets

    base = recommended_learning_rate("default")

    def rate(n_train, model="default", **training):
        config = RunConfig(model=model)
        for key, value in training.items():
            setattr(config.training, key, value)
        return presets.resolve_training(config, n_train, 2).learning_rate

    assert rate(462) == rate(presets.SMALL_DATA) == pytest.approx(2 * base)
    assert rate(462, str(default_model_path())) == pytest.approx(2 * base)  # named by folder
    assert rate(presets.SMALL_DATA + 1) == pytest.approx(base)
    assert rate(462, "bert-base-uncased") == recommended_learning_rate("bert-base-uncased")
    assert rate(462, lora=True) == pytest.approx(min(base * 5, 1e-3))
    assert rate(462, freeze_encoder=True) == pytest.approx(1e-3)
    assert rate(462, learning_rate=3e-5) == pytest.approx(3e-5)
