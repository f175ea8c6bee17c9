"""Sentences a run saved in English are shown in the reader's language: a failed run's error
on the Runs table and the Train page (status.json keeps error_text and fix_text), and the
label-budget advice and its score axis (curve.json keeps advice_code and the metric key)."""

from __future__ import annotations

from pathlib import Path

from core.label import labeling
from core.text import use_language
from core.train import learning_curve, training
from core.workspace import runs
from core.workspace.folder import RunFolder, RunRecord

MESSAGE_ZH, FIX_ZH = "没有可标注的文本。", "请选择一个包含文本的文件。"
MESSAGE_EN = "There are no texts to label."


def _failed_run(tmp_path: Path) -> runs.RunInfo:
    """A run whose failure was written in English, with its catalogue keys."""
    run_dir = tmp_path / "run-failed"
    run_dir.mkdir()
    folder = RunFolder(run_dir)
    folder.write_record(RunRecord(config={"name": "failed", "task": "text-classification",
                                          "model": "m", "data": {"train": "train.csv"}}))
    folder.write_json(folder.status, {"state": "running", "name": "failed"})
    with use_language("en"):
        training._record_failure(run_dir, False,
                                 *training.error_texts(labeling.label_error("no_texts")),
                                 "input")
    info = runs.load_run(run_dir)
    assert (info.state, info.error) == ("failed", MESSAGE_EN)
    return info


def test_the_runs_table_shows_a_failure_saved_in_english_in_chinese(tmp_path):
    from pages import _runs_list

    info = _failed_run(tmp_path)
    with use_language("zh"):
        assert _runs_list.note(info) == f"{MESSAGE_ZH} {FIX_ZH}"
    with use_language("en"):
        assert _runs_list.note(info).startswith(MESSAGE_EN)


def test_the_train_page_shows_a_failure_saved_in_english_in_chinese(tmp_path, monkeypatch):
    from pages import _train_live

    info = _failed_run(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(_train_live.st, "error", lambda text, **kw: shown.append(text))
    with use_language("zh"):
        _train_live.show_state(info)
    assert len(shown) == 1 and MESSAGE_ZH in shown[0] and FIX_ZH in shown[0]
    assert MESSAGE_EN not in shown[0]


def test_the_label_budget_advice_and_axis_follow_the_reader(tmp_path):
    from pages import _learning_curve

    with use_language("en"):
        curve = learning_curve.summary({"baseline": [(10, 0.5), (20, 0.6), (40, 0.7)]}, "f1", 40)
    assert "entity F1" in curve["advice"] and "entity F1" == curve["metric_name"]
    with use_language("zh"):
        advice = _learning_curve.advice_sentence(curve)
        axis = _learning_curve.figure(curve).layout.yaxis.title.text
    assert "实体 F1" in advice and advice == learning_curve.render_advice(curve["advice_code"],
                                                                         "zh")
    assert axis == "实体 F1"
    # a curve saved before the advice was kept as a key shows its sentence as saved
    old = {k: v for k, v in curve.items() if k not in ("advice_code", "metric")}
    with use_language("zh"):
        assert _learning_curve.advice_sentence(old) == curve["advice"]
