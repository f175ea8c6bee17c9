"""ONNX and ONNX int8 exports, run by onnxruntime, answer like the torch model.

One classification run is exported once for the module (fp32 and int8 zips, measured); the
entities and question-answering models are exported in their own tests. The zip's predict.py
runs in a process where torch and transformers cannot be imported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import zipfile

import numpy as np
import pytest
from support.qa_runs import install_qa_run
from support.tiny_runs import install_run, trained_run

from core.predict.inference import Predictor
from core.serve import formats, measure, onnx_export
from core.serve.export import export_onnx_zip, model_card

TEXTS = ["the film was great and the cast too", "the plot was awful and boring",
         "Wonderful acting!", "a dreadful, poor ending", "", "ok",
         "an utterly forgettable, dull and lifeless film from start to finish"]
NER_TEXTS = ["Alice Smith went to Paris .", "Bob Smith went to Tokyo.",
             "Carol and Dave Smith visited Berlin, then Lima", "nothing here", "Dave"]


@pytest.fixture(scope="module")
def exported(tiny_model_dir, tmp_path_factory):
    """A classification run with its onnx and onnx-int8 zips (measured at export)."""
    folder = tmp_path_factory.mktemp("onnx-export")
    run_dir = folder / "run-classification"
    shutil.copytree(trained_run("classification", tiny_model_dir, tmp_path_factory), run_dir)
    zips = {fmt: formats.export_format(run_dir, fmt, folder / f"sentiment-{fmt}.zip")
            for fmt in ("onnx", "onnx-int8")}
    return run_dir, zips


def _runner_predictor(run_dir, fmt):
    return Predictor(run_dir, onnx_file=onnx_export.run_onnx_file(run_dir, fmt))


def test_onnx_gives_the_labels_and_scores_of_torch(exported):
    run_dir, _ = exported
    expected = Predictor(run_dir).predict(TEXTS)
    got = _runner_predictor(run_dir, "onnx").predict(TEXTS)
    assert [g["label"] for g in got] == [e["label"] for e in expected]
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-4)


def test_int8_stays_close_to_torch(exported):
    run_dir, _ = exported
    expected = Predictor(run_dir).predict(TEXTS)
    got = _runner_predictor(run_dir, "onnx-int8").predict(TEXTS)
    same = sum(g["label"] == e["label"] for g, e in zip(got, expected))
    assert same >= len(TEXTS) - 1
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=0.05)


def test_int8_is_smaller(exported):
    run_dir, _ = exported
    fp32 = onnx_export.onnx_size_mb(onnx_export.run_onnx_file(run_dir, "onnx"))
    int8 = onnx_export.onnx_size_mb(onnx_export.run_onnx_file(run_dir, "onnx-int8"))
    assert int8 < fp32


def test_the_onnx_zip_holds_what_runs_without_torch(exported):
    _, zips = exported
    with zipfile.ZipFile(zips["onnx-int8"]) as zf:
        names = set(zf.namelist())
        info = json.loads(zf.read("format.json"))
        card = zf.read("README.md").decode()
        script = zf.read("predict.py").decode()
    assert {"model.onnx", "tokenizer.json", "config.json", "README.md", "predict.py",
            "format.json", "eval.json", "run_config.json"} <= names
    assert not any(n.endswith((".safetensors", ".bin")) for n in names)
    assert info["format"] == "onnx-int8" and info["decode"] == "labels"
    assert "import torch" not in script and "transformers" not in script
    assert len(script.splitlines()) <= 60
    assert "python predict.py" in card and "pipeline(" not in card


BLOCKER = textwrap.dedent("""
    import runpy, sys
    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("torch", "transformers"):
                raise ImportError(f"{name} is not installed here")
    sys.meta_path.insert(0, Blocker())
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")
""")


def _run_script(folder, *args):
    done = subprocess.run([sys.executable, "-c", BLOCKER, str(folder / "predict.py"), *args],
                          capture_output=True, text=True, timeout=120, cwd=folder)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_predict_py_runs_without_torch_and_agrees(exported, tmp_path):
    run_dir, zips = exported
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(zips["onnx"]) as zf:
        zf.extractall(folder)
    expected = Predictor(run_dir).predict(TEXTS[:3])
    for text, want in zip(TEXTS[:3], expected):
        assert _run_script(folder, text) == want["label"]


def test_measurements_are_saved_and_in_the_card(exported):
    run_dir, zips = exported
    saved = formats.measurements(run_dir)
    assert set(saved) == {"torch", "onnx", "onnx-int8"}
    for values in saved.values():
        assert set(measure.FIELDS) <= set(values)
        assert values["size_mb"] > 0 and values["sentences_per_s"] > 0 and values["p50_ms"] > 0
        assert values["score_name"] == "accuracy" and 0.0 <= values["score"] <= 1.0
    assert saved["torch"]["score_change_points"] == 0.0
    assert saved["onnx"]["score_change_points"] == pytest.approx(0.0, abs=0.01)
    text = measure.formats_file(run_dir).read_text()
    assert "token" not in text.lower()
    with zipfile.ZipFile(zips["onnx-int8"]) as zf:
        card = zf.read("README.md").decode()
    size, torch_size = saved["onnx-int8"]["size_mb"], saved["torch"]["size_mb"]
    assert size < 10 and torch_size < 10  # tiny models: sizes with a decimal
    assert f"ONNX int8: {size:.1f} MB instead of {torch_size:.1f}, " in card
    assert "x faster, accuracy " in card and " points." in card
    chinese = model_card(run_dir, "zh")
    assert "ONNX int8：" in chinese and "个百分点" in chinese


def test_a_drop_of_more_than_a_point_is_flagged(exported, tmp_path):
    run_dir, _ = exported
    copy = tmp_path / "run-copy"
    shutil.copytree(run_dir, copy)
    saved = formats.measurements(copy)
    saved["onnx-int8"].update(score_change_points=-2.5, flagged=True)
    measure.formats_file(copy).write_text(json.dumps(saved))
    card = model_card(copy, "en")
    assert "accuracy -2.5 points." in card
    assert "The score dropped by more than 1 point: check the mistakes before using this " \
           "format." in card
    assert card.count("more than 1 point") == 1


def test_open_model_from_an_onnx_zip(exported):
    run_dir, zips = exported
    served = formats.open_model(zips["onnx"])  # torch asked: the zip's own format is served
    assert served.format == "onnx" and served.predictor.format == "onnx"
    assert served.labels == ["negative", "positive"]
    expected = Predictor(run_dir).predict(TEXTS)
    got = served.predictor.predict(TEXTS)
    assert [g["label"] for g in got] == [e["label"] for e in expected]
    with pytest.raises(Exception, match="holds the onnx format, not onnx-int8"):
        formats.open_model(zips["onnx"], "onnx-int8")


def test_open_model_from_a_run_in_onnx(exported):
    run_dir, _ = exported
    served = formats.open_model(run_dir, "onnx-int8")
    assert served.format == "onnx-int8" and served.predictor.model is None
    assert len(served.predictor.predict(TEXTS)) == len(TEXTS)


def test_entities_from_onnx_match_torch(tiny_model_dir, tmp_path_factory, tmp_path):
    run_dir = install_run("ner", tiny_model_dir, tmp_path_factory)
    expected = Predictor(run_dir).predict(NER_TEXTS)
    assert any(e["entities"] for e in expected), "the tiny model should find some entities"
    served = formats.open_model(run_dir, "onnx")
    got = served.predictor.predict(NER_TEXTS)
    for want, have in zip(expected, got):
        assert [(e["type"], e["start"], e["end"]) for e in have["entities"]] == \
            [(e["type"], e["start"], e["end"]) for e in want["entities"]]
        assert [e["score"] for e in have["entities"]] == pytest.approx(
            [e["score"] for e in want["entities"]], abs=1e-4)
    archive = export_onnx_zip(run_dir, "onnx", tmp_path / "tags.zip", {"format": "onnx"})
    folder = tmp_path / "tags"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    for text, want in zip(NER_TEXTS[:3], expected):
        shown = json.loads(_run_script(folder, text))
        assert [(e["type"], e["start"], e["end"]) for e in shown] == \
            [(e["type"], e["start"], e["end"]) for e in want["entities"]]
    int8 = formats.open_model(run_dir, "onnx-int8").predictor
    tags_torch = Predictor(run_dir).runner.run_batch
    arrays = {k: np.asarray([v]) for k, v in Predictor(run_dir).tokenizer(NER_TEXTS[0]).items()}
    same = np.argmax(tags_torch(arrays), -1) == np.argmax(int8.runner.run_batch(arrays), -1)
    assert same.mean() >= 0.8


def test_answers_from_onnx_match_torch(tiny_model_dir, tmp_path_factory, tmp_path):
    from support.qa_runs import ENGLISH

    run_dir = install_qa_run(tiny_model_dir, tmp_path_factory)
    questions = [q for q, *_ in ENGLISH]
    contexts = [c for _, c, *_ in ENGLISH]
    expected = Predictor(run_dir).answer(questions, contexts)
    served = formats.open_model(run_dir, "onnx")
    got = served.predictor.answer(questions, contexts)
    assert [(g["text"], g["start"], g["end"]) for g in got] == \
        [(e["text"], e["start"], e["end"]) for e in expected]
    assert [g["score"] for g in got] == pytest.approx([e["score"] for e in expected], abs=1e-3)
    outputs = served.predictor.runner.outputs
    assert outputs == ["start_logits", "end_logits"]
    int8 = formats.open_model(run_dir, "onnx-int8").predictor.answer(questions, contexts)
    assert len(int8) == len(questions)
    archive = export_onnx_zip(run_dir, "onnx", tmp_path / "answers.zip", {"format": "onnx"})
    folder = tmp_path / "answers"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    for question, context, want in list(zip(questions, contexts, expected))[:3]:
        shown = _run_script(folder, question, context)
        assert shown in context
        if not want["no_answer"]:
            assert shown == want["text"]


def test_a_prepared_format_is_made_once_until_the_run_changes(exported, tmp_path):
    run_dir, _ = exported
    first = formats.prepared_format(run_dir, "onnx-int8", tmp_path)
    assert first.name == f"{run_dir.name}-onnx-int8.zip"
    made = first.stat().st_mtime_ns
    again = formats.prepared_format(run_dir, "onnx-int8", tmp_path)
    assert again == first and again.stat().st_mtime_ns == made
    figures = formats.measure_run(run_dir, "onnx-int8")
    assert figures["score_name"] == "accuracy"
    assert formats.measurements(run_dir)["onnx-int8"]["measured_at"] == figures["measured_at"]


def test_a_format_of_the_same_size_says_so_instead_of_naming_the_size_twice():
    from core.serve import measure

    torch_figures = {"size_mb": 90.9, "sentences_per_s": 28.0, "score": 0.80}
    same = measure._line("onnx", {"size_mb": 91.0, "sentences_per_s": 90.0,
                                  "score_change_points": 0.0}, torch_figures, "accuracy", "en")
    assert same == "ONNX: 91 MB, the same size, 3.2x faster, accuracy +0.0 points."
    smaller = measure._line("onnx-int8", {"size_mb": 23.0, "sentences_per_s": 106.0,
                                          "score_change_points": -1.46}, torch_figures,
                            "accuracy", "en")
    assert smaller == "ONNX int8: 23 MB instead of 91, 3.8x faster, accuracy -1.5 points."
