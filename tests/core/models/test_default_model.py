"""One real-model run: the offline default model learns a small fixture (about 30 s on CPU)."""

import pytest

from core.config import RunConfig
from core.predict.inference import Predictor
from core.train.training import train
from core.workspace import runs


@pytest.mark.slow
def test_default_model_learns_sentiment(sentiment_csv, workspace):
    config = RunConfig(model="default", preset="quick", name="default-model")
    config.data.train = str(sentiment_csv)
    run_dir = runs.run_path("default-model", workspace / "runs")
    run_dir.mkdir(parents=True)
    status = train(config, run_dir)
    evaluation = runs.read_eval(run_dir)
    assert status["state"] == "completed"
    assert evaluation["test"]["accuracy"] >= 0.75, evaluation["test"]
    predictions = Predictor(run_dir).predict(["the plot was wonderful and the cast too",
                                              "the acting was dreadful and the ending too"])
    assert [p["label"] for p in predictions] == ["positive", "negative"]
