"""Label page: create a project from an uploaded file, label with buttons, suggestions, skip,
undo, edit, "label these next", export, training, entities and the smart-order comparison."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean, fake_launch

from core.jobs import queue as jobs
from core.label import active_learning, labeling

PAGE = Path(__file__).resolve().parents[2] / "pages" / "label.py"
BENCHMARK = PAGE.parent.parent / "bench" / "results" / "active_learning.json"
GOOD, BAD = ["great", "lovely", "superb"], ["awful", "dull", "poor"]


def open_page(tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    if tab:
        at.session_state["label_tab"] = tab
    return at.run()


def reviews(n: int) -> list[str]:
    return [f"review {i} the film was {(GOOD if i % 2 == 0 else BAD)[i % 3]}" for i in range(n)]


def gold(text: str) -> str:
    return "positive" if any(w in text for w in GOOD) else "negative"


def project_with(n_texts: int, n_labeled: int = 0) -> tuple[labeling.Project, list[str]]:
    texts = reviews(n_texts)
    project = labeling.create_project("Reviews", labeling.CLASSIFICATION,
                                      ["positive", "negative"], texts, source="reviews.csv")
    for item in range(n_labeled):
        labeling.label(project, item, [gold(texts[item])], texts)
    return project, texts


def shown_text(at: AppTest) -> str:
    return at.markdown[0].value.replace("\\", "")


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def state() -> labeling.LabelState:
    return labeling.label_state(labeling.list_projects()[0])


def test_a_project_is_created_from_an_uploaded_file(workspace):
    at = open_page()
    assert_clean(at)
    assert "Upload the texts" in all_text(at)
    body = "id,comment\n" + "\n".join(f"{i},{t}" for i, t in enumerate(reviews(12))) + "\n"
    at.file_uploader[0].set_value(("reviews.csv", body.encode(), "text/csv")).run()
    assert at.selectbox(key="label_new_column").value == "comment"
    at.text_input(key="label_new_labels").set_value("positive, negative, ").run()
    button(at, "Create the project").click().run()
    assert_clean(at)
    assert "Project created with 12 texts." in all_text(at)
    project = labeling.list_projects()[0]
    assert project.labels == ["positive", "negative"] and project.source == "reviews.csv"
    assert {"positive", "negative", "Skip", "Undo"} <= {b.label for b in at.button}


def test_too_few_labels_give_one_sentence(workspace):
    at = open_page()
    at.file_uploader[0].set_value(("a.txt", b"one text\nanother text\n", "text/plain")).run()
    at.text_input(key="label_new_labels").set_value("only").run()
    button(at, "Create the project").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "A project needs at least 2 labels; 1 given. Type the labels, separated by commas."]


def test_labeling_with_buttons_skip_and_undo_are_saved_at_once(workspace):
    project_with(30)
    at = open_page()
    assert_clean(at)
    first = shown_text(at)
    button(at, gold(first)).click().run()
    assert_clean(at)
    assert state().labels and list(state().labels.values())[0] == [gold(first)]
    second = shown_text(at)
    assert second != first
    button(at, "Skip").click().run()
    assert len(state().skipped) == 1 and shown_text(at) != second
    button(at, "Undo").click().run()
    assert not state().skipped and shown_text(at) == second  # the undone text comes back
    assert f"{gold(first)}: 1" in all_text(at)  # the count per label under the progress bar


def test_suggestions_appear_and_can_be_accepted(workspace):
    project_with(40)
    at = open_page()
    assert "every label has 2 examples" in all_text(at)
    at.segmented_control[0].set_value("file").run()  # reviews alternate positive, negative
    for _ in range(6):
        button(at, gold(shown_text(at))).click().run()
    assert_clean(at)
    text = all_text(at)
    assert "Suggestion: " in text and "quick model" in text
    suggested = next(m.value for m in at.markdown if m.value.startswith("Suggestion: "))
    current = shown_text(at)
    button(at, "Accept").click().run()
    labels = state()
    item = next(i for i in labels.labels if labels.sources[i] == "suggestion")
    assert labels.labels[item][0] in suggested and labeling.load_texts(
        labeling.list_projects()[0])[item] == current


def test_an_earlier_label_can_be_opened_and_changed(workspace):
    project, texts = project_with(10, n_labeled=3)
    at = open_page("Labeled so far")
    assert_clean(at)
    at.selectbox(key="label_open_item").set_value(1).run()
    button(at, "Open").click().run()
    assert_clean(at)
    assert "changing an earlier label" in all_text(at) and shown_text(at) == texts[1]
    button(at, "positive").click().run()
    assert state().labels[1] == ["positive"] and state().sources[1] == "manual"


def test_label_these_next_lists_and_downloads(workspace):
    project_with(60, n_labeled=10)
    at = open_page("Label these next")
    assert_clean(at)
    assert "least sure about" in all_text(at)
    table = at.dataframe[0].value
    assert len(table) == 50 and set(table["suggestion"]) <= {"positive", "negative"}
    assert not set(table.index) & set(range(1, 11))  # labeled texts are not listed
    assert at.get("download_button")


def test_export_and_training_start_from_the_page(workspace, monkeypatch):
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    project_with(30, n_labeled=6)
    at = open_page("Export and train")
    assert_clean(at)
    assert button(at, "Train a model on these labels").disabled
    assert "at least 10" in all_text(at)
    assert len(at.get("download_button")) == 1  # CSV for classification
    project, texts = labeling.list_projects()[0], reviews(30)
    for item in range(6, 16):
        labeling.label(project, item, [gold(texts[item])], texts)
    at.run()
    button(at, "Train a model on these labels").click().run()
    assert_clean(at)
    assert "Training started on 16 labels." in all_text(at)
    saved = labeling.list_projects()[0]
    assert len(saved.runs) == 1 and saved.runs[0]["n_labels"] == 16
    assert at.dataframe[0].value["state"].tolist() == ["training"]
    at.toggle(key="label_auto_train").set_value(True).run()
    assert labeling.list_projects()[0].auto_train


def test_entities_are_tagged_by_picking_words(workspace):
    texts = ["Alice Smith flew to Paris .", "Bob went to Lima ."]
    labeling.create_project("Trips", labeling.NER, ["PER", "LOC"], texts)
    at = open_page()
    assert_clean(at)
    assert len(at.pills[0].options) == 6  # one pill per word
    at.pills[0].set_value([0, 1]).run()
    button(at, "Tag as PER").click().run()
    assert_clean(at)
    project = labeling.list_projects()[0]
    assert labeling.read_draft(project, 0) == [[0, 2, "PER"]]
    at.pills[0].set_value([4]).run()
    button(at, "Tag as LOC").click().run()
    assert "Entities in this text" in all_text(at)
    button(at, "Remove").click().run()  # the first entity, PER
    at.pills[0].set_value([0, 1]).run()
    button(at, "Tag as PER").click().run()
    button(at, "Save and next").click().run()
    assert_clean(at)
    assert state().labels[0] == [[0, 2, "PER"], [4, 5, "LOC"]]
    assert labeling.read_draft(project, 0) is None
    assert "Bob went to Lima" in shown_text(at)


def test_several_labels_are_chosen_for_a_multi_label_project(workspace):
    texts = ["tasty food but slow service", "rude staff"]
    labeling.create_project("Menu", labeling.CLASSIFICATION, ["food", "service"], texts,
                            multi_label=True)
    at = open_page()
    assert_clean(at)
    at.pills[0].set_value(["food", "service"]).run()
    button(at, "Save and next").click().run()
    assert_clean(at)
    assert state().labels[0] == ["food", "service"]
    assert shown_text(at) == "rude staff"


def test_the_smart_order_comparison_runs_on_the_projects_labels(workspace):
    project_with(130, n_labeled=99)
    at = open_page("Does smart ordering help?")
    assert_clean(at)
    assert "at least 100 labels (99 so far)" in all_text(at)
    project, texts = labeling.list_projects()[0], reviews(130)
    labeling.label(project, 99, [gold(texts[99])], texts)
    at.run()
    # the shipped simulation results (bench/results/active_learning.json), one chart a dataset
    benchmark_charts = len(at.get("plotly_chart"))
    assert benchmark_charts == len(active_learning.load_benchmark(BENCHMARK))
    button(at, "Compare on my labels").click().run()
    assert_clean(at)
    assert len(at.get("plotly_chart")) == benchmark_charts + 1
    assert "The smart order reached" in all_text(at) or "did not reach" in all_text(at)


def test_the_page_reads_in_chinese(workspace, monkeypatch):
    from core.text import ENV_VAR

    monkeypatch.setenv(ENV_VAR, "zh")
    at = open_page()
    assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
    assert at.title[0].value == "标注" and "上传要标注的文本" in all_text(at)
    project_with(130, n_labeled=10)
    for tab in ("标注", "已标注", "接下来标注这些", "导出与训练", "智能排序有用吗？"):
        at = open_page(tab)
        assert_clean(at)
    at = open_page("标注")
    text = all_text(at)
    assert "文本分类 · 来自 reviews.csv 的 130 条文本 · 标签：positive、negative" in text
    assert "建议：" in text and "快速模型" in text
    button(at, "跳过").click().run()
    assert_clean(at)
    assert len(state().skipped) == 1
    at = open_page("导出与训练")
    assert "训练前请至少标注 10 条文本" not in all_text(at)
    assert not button(at, "用这些标签训练模型").disabled
    at = open_page("智能排序有用吗？")
    assert "比较至少需要 100 个标签（目前 10 个）。" in all_text(at)
