"""Core's sentences shown on the Test and Runs pages come out in Chinese under use_language."""

from __future__ import annotations

import json

from core.evaluate import compare, verdict
from core.scoring import significance
from core.scoring.metrics import METRIC_NAMES, metric_name
from core.serve.export import model_card
from core.tasks import task_title
from core.text import use_language


def test_core_sentences_in_chinese(tmp_path):
    win = significance.Difference(0.9, 0.78, 0.061, 0.179, 150)
    a = compare.TrainedOn("run a", ["neg", "pos"], {}, {}, 42, None)
    b = compare.TrainedOn("run b", ["neg", "neu", "pos"], {}, {}, 42, None)
    run = tmp_path / "run1"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"config": {"model": "default"}}))
    with use_language("zh"):
        said = verdict.model_vs_baseline(win, "关键词模型", metric_name("accuracy"))
        assert "微调" in said.sentence and "150 条测试集文本" in said.sentence
        assert "准确率" in said.sentence and "置信区间" in said.sentence
        assert "不可比较" in compare.not_comparable_sentence(a, b)
        assert task_title("text-classification") == "文本分类（每条文本一个标签）"
        assert metric_name("macro_f1") == "宏平均 F1" == METRIC_NAMES["macro_f1"]
        card = model_card(run)
        assert "## 数据" in card and "微调" in card
    assert metric_name("macro_f1") == "macro-F1"
    assert "## Data" in model_card(run)


# ----- core/models, core/label, core/train: errors, names and advice in Chinese -------------

_NAMES = {"config", "json", "model", "safetensors", "transformers", "save_pretrained", "default",
          "Hugging", "Face", "hub", "LoRA", "adapter_model", "pickle", "CSV", "TSV", "Excel",
          "xlsx", "JSONL", "TXT", "PER", "PRODUCT", "MiniLM", "all", "train", "validation",
          "test", "F1", "text", "classification", "token"}


def _english_words(sentence: str, *names: str) -> list[str]:
    """Latin words of `sentence` that are neither names nor placeholders' values."""
    import re

    allowed = _NAMES | {word for name in names for word in re.findall(r"[A-Za-z_]+", name)}
    return [w for w in re.findall(r"[A-Za-z_]+", sentence) if w not in allowed and len(w) > 1]


def _chinese_error(raise_it, *names: str) -> tuple[str, str]:
    import pytest

    from core.errors import UserError
    from core.text import error_parts

    with pytest.raises(UserError) as caught:
        raise_it()
    english = error_parts(caught.value, "en")
    message, fix = error_parts(caught.value, "zh")
    assert not _english_words(message, *names), message
    assert not _english_words(fix, *names), fix
    return english


def test_model_loading_errors_and_the_built_in_name_in_chinese(tmp_path):
    from core.models import loading as models

    folder = tmp_path / "mymodel"
    folder.mkdir()
    english = _chinese_error(lambda: models.resolve_model(str(folder)), "mymodel")
    assert english[0] == "The folder mymodel has no config.json, so it is not a model folder."
    (folder / "config.json").write_text("{}")
    (folder / "pytorch_model.bin").write_bytes(b"")
    english = _chinese_error(lambda: models.resolve_model(str(folder)), "mymodel",
                             "pytorch_model.bin")
    assert english == ("The folder mymodel has no model.safetensors weights (it has "
                       "pytorch_model.bin); the app does not open other weight formats, as they "
                       "can run code.", "Convert the weights to safetensors (transformers' "
                       "save_pretrained does), or choose another model.")
    english = _chinese_error(lambda: models.resolve_model("./missing"), "missing")
    assert english[0] == "The model folder ./missing does not exist."
    _chinese_error(lambda: models.resolve_model("bad id!"), "bad", "id", "distilbert-base-uncased")
    for error in (models.remote_code_error("x/y"), models.remote_code_error(),
                  models.unsafe_weights_error(), models.unreachable_error("org/name"),
                  models._offline_error("org/name", OSError("no"))):
        def raise_it(error=error):
            raise error
        _chinese_error(raise_it, "org/name", "x/y")
    good = tmp_path / "good"
    good.mkdir()
    (good / "config.json").write_text("{}")
    (good / "model.safetensors").write_bytes(b"")
    with use_language("zh"):
        assert models.display_name("default") == "MiniLM-L6（all-MiniLM-L6-v2），内置"
        assert models.describe_model(str(good)).note == "本地模型文件夹。"
    assert models.display_name("") == "MiniLM-L6 (all-MiniLM-L6-v2), built in"


def test_label_project_errors_in_chinese(tmp_path, monkeypatch):
    from core.label import labeling

    ner, cls = labeling.NER, labeling.CLASSIFICATION
    english = _chinese_error(lambda: labeling.clean_label_names(["a"], cls))
    assert english == ("A project needs at least 2 labels; 1 given.",
                       "Type the labels, separated by commas.")
    _chinese_error(lambda: labeling.clean_label_names([], ner))
    _chinese_error(lambda: labeling.clean_label_names([str(i) for i in range(201)], cls))
    _chinese_error(lambda: labeling.clean_label_names(["B-PER"], ner), "B-PER")
    _chinese_error(lambda: labeling.clean_label_names(["a|b", "c"], cls, True))
    _chinese_error(lambda: labeling.clean_label_names(["x" * 70, "c"], cls), "x" * 40)
    _chinese_error(lambda: labeling.check_project_id("../up"), "up")
    _chinese_error(lambda: labeling.create_project("p", "other", ["a", "b"], ["t"]), "other",
                   labeling.CLASSIFICATION, labeling.NER)
    _chinese_error(lambda: labeling.create_project("p" * 101, cls, ["a", "b"], ["t"]))
    _chinese_error(lambda: labeling.create_project("p", cls, ["a", "b"], []))
    texts = tmp_path / "texts.pdf"
    texts.write_text("x")
    _chinese_error(lambda: labeling.read_texts(texts), "texts.pdf")
    table = tmp_path / "t.csv"
    table.write_text("body\nhello\n")
    english = _chinese_error(lambda: labeling.read_texts(table, "words"), "t.csv", "body",
                             "words")
    assert english == ("t.csv has no column 'words'; its columns are: body.",
                       "Choose one of those columns as the text.")
    project = labeling.Project("p1", tmp_path, "p", cls, ["neg", "pos"])
    english = _chinese_error(lambda: labeling.check_value(project, ["meh"]), "meh", "neg", "pos")
    assert english == ("'meh' is not one of this project's labels.", "Use one of: neg, pos.")
    _chinese_error(lambda: labeling.check_value(project, ["neg", "pos"]))
    _chinese_error(lambda: labeling.export_bytes(project, [], "csv"))
    _chinese_error(lambda: labeling.export_bytes(project, [], "xml"), "xml", "csv")
    tagged = labeling.Project("p2", tmp_path, "p", ner, ["PER", "ORG"])
    _chinese_error(lambda: labeling.check_value(tagged, [[0, 2, "LOC"]]), "LOC", "ORG")
    _chinese_error(lambda: labeling.check_value(tagged, [[0, 9, "PER"]], 3))
    english = _chinese_error(lambda: labeling.check_value(tagged, [[0, 2, "PER"],
                                                                   [1, 3, "ORG"]]), "ORG")
    assert english[0] == "The PER and ORG entities overlap."
    _chinese_error(lambda: labeling._check_item(7, 3))
    monkeypatch.setattr(labeling, "projects_dir", lambda: tmp_path)
    _chinese_error(lambda: labeling.open_project("gone"), "gone")


def test_run_failures_are_saved_as_keys_and_read_in_chinese(tmp_path):
    from core.train import training
    from core.workspace import runs

    for failure in (MemoryError(), OSError(28, "No space left"), PermissionError("no"),
                    RuntimeError("boom")):
        message, fix = training.failure_texts(failure)
        assert not _english_words(message.render("zh"), "RuntimeError", "boom"), message
        assert not _english_words(fix.render("zh")), fix
    assert training.explain_failure(MemoryError())[0] == "Training ran out of memory."
    training._record_failure(tmp_path, False, *training.failure_texts(MemoryError()),
                             "out_of_memory")
    status = runs.read_json(tmp_path / "status.json")
    assert status["error"] == "Training ran out of memory."
    assert training.status_error(status, "zh") == (
        "训练时内存不足。", "请把批大小减半（同时把梯度累积加倍，以保持有效批大小），降低最大长度，"
        "或选择一个更小的模型。")
    assert training.status_error({"error": "Old words.", "fix": "Do it."}) == ("Old words.",
                                                                               "Do it.")


def test_few_shot_refusal_is_rendered_when_read():
    import pytest

    from core.config import RunConfig, TrainingConfig
    from core.errors import UserError
    from core.text import Text, error_parts
    from core.train import few_shot

    config = RunConfig(task="token-classification", training=TrainingConfig(mode="few-shot"))
    with pytest.raises(UserError) as caught:
        few_shot.advise(config, {"a": 3}, False, False)
    assert isinstance(caught.value.message_text, Text)
    message, fix = error_parts(caught.value, "zh")
    assert not _english_words(message + fix), (message, fix)


def test_label_budget_advice_in_chinese():
    from core.train import learning_curve

    fit = learning_curve.LogFit(0.5, 0.05)
    for n_held_out in (None, 40):
        for slope in (0.05, 0.02, 0.001):
            line = learning_curve.LogFit(0.5, slope)
            code = learning_curve.advice_code(line, 200, "macro_f1", "quick baseline", n_held_out)
            chinese = learning_curve.render_advice(code, "zh")
            assert "宏平均 F1" in chinese and "快速基线模型" in chinese
            assert not _english_words(chinese), chinese
            assert learning_curve.render_advice(code, "en") == learning_curve.advice(
                line, 200, "macro_f1", "quick baseline", n_held_out)
    noisy = learning_curve.advice_code(fit, 200, "macro_f1", "model", 40)
    assert "40 个测试集样本" in learning_curve.render_advice(noisy, "zh")
    assert "each is scored on 40 test examples" in learning_curve.render_advice(noisy, "en")
    none = learning_curve.advice_code(None, 100, "f1", "model")
    assert learning_curve.render_advice(none, "zh") == "数据点太少，还无法判断更多标签是否有帮助。"


def test_word_memory_suggestions_name_their_source_in_chinese(tmp_path):
    from core.label import labeling, prelabel

    project = labeling.Project("p3", tmp_path, "p", labeling.NER, ["PER"])
    state = labeling.LabelState(labels={0: [[0, 1, "PER"]]})
    texts = ["Ada wrote", "Ada read"]
    with use_language("zh"):
        assert prelabel.quick_suggestions(project, state, texts, None).source == \
            "词记忆（每个词目前最常见的标记）"
    assert prelabel.quick_suggestions(project, state, texts, None).source == \
        "word memory (each word's most frequent tag so far)"


def test_saved_curve_and_input_errors_keep_their_keys(tmp_path):
    from core.label import labeling
    from core.train import learning_curve, training
    from core.workspace import runs

    curve = learning_curve.summary({"baseline": [(10, 0.5), (20, 0.6), (40, 0.7)]}, "f1", 40)
    assert curve["advice"] == learning_curve.render_advice(curve["advice_code"], "en")
    assert "实体 F1" in learning_curve.render_advice(curve["advice_code"], "zh")
    refused = labeling.label_error("no_texts")
    training._record_failure(tmp_path, False, *training.error_texts(refused), "input")
    status = runs.read_json(tmp_path / "status.json")
    assert status["error_text"]["key"] == "labeling.no_texts.message"
    assert status["error"] == "There are no texts to label." == refused.message
    assert training.status_error(status, "zh") == ("没有可标注的文本。",
                                                   "请选择一个包含文本的文件。")
