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
