"""Runs page: list (damaged folders included), compare, rename, delete with confirmation."""

from __future__ import annotations

from support.pages import (
    all_text,
    assert_clean,
    curve,
    mark_alive,
    open_app,
    read_json,
    write_run,
)

from core.workspace import runs


def table(at):
    return at.dataframe[0].value


def test_empty_workspace(workspace):
    at = open_app("pages/runs.py")
    assert_clean(at)
    assert "No runs yet" in all_text(at)


def test_lists_every_run_including_damaged_ones(workspace):
    write_run("run-a", "completed")
    write_run("run-b", "failed", error="Out of memory.", fix="Use a smaller batch.")
    (runs.runs_dir() / "run-broken").mkdir()
    at = open_app("pages/runs.py")
    assert_clean(at)
    frame = table(at)
    assert set(frame["Name"]) == {"run-a", "run-b", "run-broken"}
    states = dict(zip(frame["Name"], frame["State"], strict=True))
    assert states == {"run-a": "finished", "run-b": "failed", "run-broken": "damaged"}
    assert "Out of memory. Use a smaller batch." in set(frame["Note"])
    assert "could not be read" in all_text(at)


def test_compare_two_runs_curves_scores_and_config_diff(workspace):
    base = {"task": "text-classification", "model": "default", "preset": "quick",
            "data": {"train": "/d/reviews.csv"}, "training": {"epochs": 2, "seed": 42}}
    other = {**base, "preset": "best", "training": {"epochs": 5, "seed": 42}}
    write_run("run-a", "completed", config=base)
    write_run("run-b", "completed", config=other, events=curve(30))
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 3
    scores = at.dataframe[1].value
    assert list(scores.columns) == ["run-a", "run-b"]
    assert "Last validation accuracy" in scores.index
    diff = at.dataframe[2].value
    assert set(diff["Setting"]) == {"preset", "training.epochs"}
    at.toggle(key="runs_diff_all").set_value(True).run()
    assert "training.seed" in set(at.dataframe[2].value["Setting"])


def test_rename(workspace):
    folder = write_run("run-a", "completed")
    at = open_app("pages/runs.py")
    at.text_input(key="runs_name_run-a").set_value("My best model").run()
    at.button(key="runs_rename").click().run()
    assert_clean(at)
    assert runs.load_run(folder).name == "My best model"
    assert "My best model" in set(table(at)["Name"])


def test_delete_asks_for_confirmation(workspace):
    folder = write_run("run-a", "completed")
    at = open_app("pages/runs.py")
    at.button(key="runs_delete").click().run()
    assert folder.exists()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key="runs_delete_no").click().run()
    assert folder.exists()
    at.button(key="runs_delete").click().run()
    at.button(key="runs_delete_yes").click().run()
    assert not folder.exists()
    assert_clean(at)
    assert "No runs yet" in all_text(at)


def test_damaged_run_can_be_deleted(workspace):
    broken = runs.runs_dir() / "run-broken"
    broken.mkdir()
    at = open_app("pages/runs.py")
    at.button(key="runs_delete").click().run()
    at.button(key="runs_delete_yes").click().run()
    assert not broken.exists()


def test_active_run_cannot_be_deleted(workspace):
    folder = write_run("run-live", "running")
    mark_alive(folder)
    at = open_app("pages/runs.py")
    assert at.button(key="runs_delete").disabled
    assert "Stop the run before deleting it." in all_text(at)


def test_two_runs_on_the_same_test_texts_say_whether_they_can_be_told_apart(
        workspace, tiny_model_dir, tmp_path_factory):
    from support.tiny_runs import install_run

    install_run("classification", tiny_model_dir, tmp_path_factory, run_id="run-a")
    runs.rename_run(install_run("classification", tiny_model_dir, tmp_path_factory,
                                run_id="run-b"), "the copy")
    n = runs.read_eval(runs.run_path("run-a"))["test"]["n"]
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    scores = at.dataframe[1].value
    ranges = scores.loc["Held-out score, 95% range"]
    assert len(ranges) == 2 and all(cell.startswith("macro F1 ") and f"({n} test examples)" in cell
               for cell in ranges), ranges
    said = [m.value for m in at.markdown if "to tell these apart" in m.value]
    assert said and said[0].startswith(f"On the same {n} test examples, classification scores ")
    assert "too few test examples to tell these apart" in said[0]


def shown(widget) -> list[str] | str | None:
    """The label(s) the browser is told to show for a picker's choice in this run; None when
    it is told nothing and keeps showing the label it was sent before."""
    if not widget.proto.set_value:
        return None
    values = getattr(widget.proto, "raw_values", None)
    return list(values) if values is not None else widget.proto.raw_value


def test_after_a_rename_every_picker_on_the_page_shows_the_new_name(workspace):
    write_run("run-a", "completed", created=1000.0)
    write_run("run-b", "completed", created=2000.0)
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    at.selectbox(key="runs_manage").set_value("run-b").run()
    at.text_input(key="runs_name_run-b").set_value("My best model").run()
    at.button(key="runs_rename").click().run()
    assert_clean(at)
    manage = at.selectbox(key="runs_manage")
    assert "My best model (finished)" in manage.options
    assert shown(manage) == "My best model (finished)"
    compare = at.multiselect(key="runs_compare")
    assert any(o.startswith("My best model (") for o in compare.options)
    assert [label.split(" (")[0] for label in shown(compare)] == ["run-a", "My best model"]
    at.run()  # nothing renamed since: the browser's choice is left alone
    assert shown(at.selectbox(key="runs_manage")) is None


def test_runs_with_equal_names_and_dates_can_each_be_picked(workspace):
    write_run("run-a", "completed", created=1000.0, name="same")
    write_run("run-b", "completed", created=1000.0, name="same")
    at = open_app("pages/runs.py")
    options = at.multiselect(key="runs_compare").options
    assert len(set(options)) == 2 and all("same (" in o for o in options)
    assert len(set(at.selectbox(key="runs_manage").options)) == 2


def _trained_on(folder, labels, train, texts):
    """config.json's labels and data, and saved test predictions, as training leaves them."""
    saved = read_json(folder / "config.json")
    saved["config"]["data"]["train"] = train
    saved["labels"] = labels
    runs.write_json_atomic(folder / "config.json", saved)
    runs.write_json_atomic(folder / "eval.json", {"labels": labels, "test": {"n": len(texts)}})
    (folder / "test_predictions.jsonl").write_text("".join(
        f'{{"text": "{t}", "gold": "{labels[0]}", "predicted": "{labels[0]}"}}\n'
        for t in texts), encoding="utf-8")


def test_compare_warns_when_runs_learned_other_labels_or_data(workspace):
    _trained_on(write_run("run-a", "completed"), ["neg", "pos"], "/d/reviews.csv", ["x", "y"])
    _trained_on(write_run("run-b", "completed"), ["neg", "pos"], "/d/reviews.csv", ["x", "y"])
    _trained_on(write_run("run-c", "completed"), ["neg", "neutral", "pos"], "/d/news.csv",
                ["z"])
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    assert not [w for w in at.warning if "not comparable" in w.value]
    at.multiselect(key="runs_compare").set_value(["run-a", "run-c"]).run()
    assert_clean(at)
    said = [w.value for w in at.warning if "not comparable" in w.value]
    assert said == ["The scores of run-a and run-c are not comparable: they learned different "
                    "labels (only run-c has neutral); and they learned from different files "
                    "(reviews.csv and news.csv). A higher score may come from easier data "
                    "rather than a better model."]


def test_runs_with_the_same_name_each_get_a_column(workspace):
    base = {"task": "text-classification", "model": "default", "preset": "quick",
            "data": {"train": "/d/reviews.csv"}, "training": {"epochs": 2}}
    write_run("run-a", "completed", name="baseline", config=base, best_metric=0.8)
    write_run("run-b", "completed", name="baseline", config={**base, "preset": "best"},
              best_metric=0.9)
    write_run("run-c", "completed", name="other", config=base)
    at = open_app("pages/runs.py")
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b", "run-c"]).run()
    assert_clean(at)
    scores = at.dataframe[1].value
    assert list(scores.columns) == ["baseline (run-a)", "baseline (run-b)", "other"]
    assert list(scores.loc["Best validation score"]) == ["accuracy 0.800", "accuracy 0.900",
                                                         "accuracy 0.900"]
    diff = at.dataframe[2].value
    assert list(diff.columns) == ["Setting", "baseline (run-a)", "baseline (run-b)", "other"]
    assert list(diff[diff["Setting"] == "preset"].iloc[0])[1:] == ["quick", "best", "quick"]


def open_in(language: str, monkeypatch):
    """The Runs page in `language`. AppTest runs a page file without app.py, so no session
    language is registered and core.text reads FINETUNE_STUDIO_LANG, as the CLI does."""
    from core import text

    monkeypatch.setenv(text.ENV_VAR, language)
    return open_app("pages/runs.py")


def test_the_runs_page_in_chinese(workspace, monkeypatch):
    """Every word of the list, the comparison and the delete dialog comes in Chinese (strict
    mode under pytest turns a missing Chinese text into an error)."""
    write_run("run-a", "completed")
    write_run("run-b", "failed", error="Out of memory.", fix="Use a smaller batch.",
              events=curve(30))
    (runs.runs_dir() / "run-broken").mkdir()
    at = open_in("zh", monkeypatch)
    assert_clean(at)
    assert at.title[0].value == "训练记录"
    frame = table(at)
    assert list(frame.columns) == ["名称", "状态", "任务", "模型", "数据", "最佳分数", "用时",
                                   "创建时间", "备注"]
    assert dict(zip(frame["名称"], frame["状态"], strict=True)) == {
        "run-a": "已完成", "run-b": "失败", "run-broken": "已损坏"}
    assert "有 1 个运行文件夹无法读取" in all_text(at)
    assert "run-a（已完成）" in at.selectbox(key="runs_manage").options
    at.multiselect(key="runs_compare").set_value(["run-a", "run-b"]).run()
    assert_clean(at)
    scores = at.dataframe[1].value
    assert {"状态", "最佳验证集分数", "用时", "步数", "留出数据分数（95% 范围）"} \
        <= set(scores.index)
    assert "最后一次验证集准确率" in scores.index
    assert at.dataframe[2].value.columns[0] == "设置"
    at.button(key="runs_delete").click().run()
    assert_clean(at)
    question = "要永久删除 **run-b** 及其训练好的模型吗？此操作无法撤销。"
    assert question in [w.value for w in at.warning]
    assert [b.label for b in at.button if b.key in ("runs_delete_yes", "runs_delete_no")] == \
        ["是的，删除", "取消"]


def test_the_plural_of_damaged_folders(workspace, monkeypatch):
    write_run("run-a", "completed")
    (runs.runs_dir() / "run-broken").mkdir()
    (runs.runs_dir() / "run-broken-2").mkdir()
    at = open_in("en", monkeypatch)
    assert "2 run folders could not be read and are marked damaged" in all_text(at)
