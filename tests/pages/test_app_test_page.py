"""The Test page (pages/test.py) with AppTest: every section, and its error paths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import all_text, assert_clean
from support.tiny_runs import install_run

from core.workspace import runs

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "test.py")
TIMEOUT = 90


def open_page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=TIMEOUT).run()


def table(at: AppTest, column: str, nth: int = 0):
    """The nth dataframe on the page that has `column`."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    return found[nth]


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


@pytest.fixture
def classification(tiny_model_dir, tmp_path_factory):
    return install_run("classification", tiny_model_dir, tmp_path_factory)


def test_no_finished_runs(workspace):
    at = open_page()
    assert_clean(at)
    assert "No finished runs yet" in all_text(at)
    assert at.title[0].value == "4. Test"


def test_report_headline_baselines_tables_and_confusion_matrix(classification):
    at = open_page()
    assert_clean(at)
    evaluation = runs.read_eval(classification)
    test = evaluation["test"]
    text = all_text(at)
    assert f"Correct on {test['correct']} of {test['n']} test texts" in text
    labels = [m.label for m in at.metric]
    assert "Fine-tuned model (accuracy)" in labels
    assert "Quick keyword model (TF-IDF + logistic regression)" in labels
    assert "Always the most common answer" in labels
    assert "vs the best quick baseline" in str(at.metric[0].proto.delta)
    per_class = table(at, "label")
    assert set(per_class["label"]) == {"positive", "negative"}
    assert per_class["examples"].sum() == test["n"]
    before = charts(at)
    assert before >= 3  # before/after, per-class bars, confusion matrix
    at.radio(key="test_matrix_view").set_value("shares").run()
    assert_clean(at)
    assert charts(at) == before
    # every widget explains itself in one line
    for widget in [*at.radio, *at.selectbox, *at.text_area, *at.button, *at.toggle]:
        assert widget.help, widget


def test_run_without_a_test_split_reports_on_validation(tiny_model_dir, tmp_path_factory):
    install_run("no_test", tiny_model_dir, tmp_path_factory)
    at = open_page()
    assert_clean(at)
    assert any("kept no test examples" in w.value for w in at.warning)
    evaluation = runs.read_eval(runs.run_path("run-no-test"))
    assert "test" not in evaluation
    assert f"of {evaluation['validation']['n']} validation texts" in all_text(at)


def test_run_without_any_report_or_predictions(classification):
    (classification / "eval.json").unlink()
    (classification / "test_predictions.jsonl").unlink()
    at = open_page()
    assert_clean(at)
    assert any("has no report" in w.value for w in at.warning)
    assert "no per-example predictions" in all_text(at)


def test_mistakes_tables_and_downloads(classification):
    records = [json.loads(x) for x in
               (classification / "test_predictions.jsonl").read_text().splitlines()]
    wrong = [r for r in records if r["gold"] != r["predicted"]]
    at = open_page()
    assert_clean(at)
    assert f"Wrong on {len(wrong)} of {len(records)} test texts" in all_text(at)
    keys = {b.proto.id.split("-")[-1] for b in at.get("download_button")}
    assert keys  # the relabel downloads are offered
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the mistakes to relabel (CSV)" in labels
    assert "Download the model (.zip)" in labels
    unsure = table(at, "confidence", 1)
    assert list(unsure["confidence"]) == sorted(unsure["confidence"])


def test_playground_predicts_with_top_k_chart_and_latency(classification):
    at = open_page()
    before = charts(at)
    at.text_area(key="test_play_text").input("the film was lovely").run()
    assert_clean(at)
    answer = next(m for m in at.metric if m.label == "Model's answer")
    assert answer.value in ("positive", "negative")
    assert charts(at) == before + 1
    assert "Answered in" in all_text(at) and " ms on CPU" in all_text(at)


def test_batch_prediction_upload_predict_preview_download(classification):
    at = open_page()
    content = "id,review\n" + "".join(f"{i},the film number {i} was great\n" for i in range(250))
    at.file_uploader(key="test_batch_file").set_value(("reviews.csv", content.encode(),
                                                        "text/csv")).run()
    assert_clean(at)
    assert at.selectbox(key="test_batch_column").value == "review"
    at.button(key="test_batch_run").click().run()
    assert_clean(at)
    assert "Predicted 250 rows" in all_text(at)
    preview = table(at, "predicted_label")
    assert len(preview) == 100 and list(preview.columns)[-2:] == ["predicted_label",
                                                                   "confidence"]
    assert "the CSV has all 250" in all_text(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the predictions (CSV)" in labels
    written = list((runs.workspace_dir() / "predictions" / classification.name).glob("*.csv"))
    assert len(written) == 1 and len(written[0].read_text().splitlines()) == 251


def test_batch_empty_file_shows_an_error(classification):
    at = open_page()
    at.file_uploader(key="test_batch_file").set_value(("empty.csv", b"", "text/csv")).run()
    assert not at.exception
    assert any("is empty" in e.value for e in at.error)
    at.file_uploader(key="test_batch_file").set_value(("header.csv", b"text\n",
                                                        "text/csv")).run()
    assert not at.exception
    assert any("no data rows" in e.value for e in at.error)


def test_batch_text_column_that_does_not_exist(classification):
    at = open_page()
    at.session_state["test_batch_column"] = "comment"  # kept from an earlier file
    at.file_uploader(key="test_batch_file").set_value(("texts.csv", b"id,review\n1,good\n",
                                                        "text/csv")).run()
    assert not at.exception
    assert any("has no column named 'comment'" in e.value and "'review'" in e.value
               for e in at.error)
    assert at.selectbox(key="test_batch_column").value == "review"  # the page recovers
    at.button(key="test_batch_run").click().run()
    assert "Predicted 1 row in" in all_text(at)


def test_batch_txt_one_text_per_line(classification):
    at = open_page()
    at.file_uploader(key="test_batch_file").set_value(
        ("lines.txt", b"a lovely film\nan awful plot\n", "text/plain")).run()
    at.button(key="test_batch_run").click().run()
    assert_clean(at)
    assert list(table(at, "predicted_label")["text"]) == ["a lovely film",
                                                                        "an awful plot"]


def test_compare_two_runs_on_the_test_set_and_pasted_texts(classification, tiny_model_dir,
                                                           tmp_path_factory):
    install_run("classification", tiny_model_dir, tmp_path_factory, run_id="run-copy")
    at = open_page()
    at.button(key="test_compare_run").click().run()
    assert_clean(at)
    n = runs.read_eval(classification)["test"]["n"]
    assert f"agree on **{n} of {n}** texts" in all_text(at)
    assert "No disagreements" in all_text(at)
    at.radio(key="test_compare_source").set_value("paste").run()
    at.text_area(key="test_compare_texts").input("a good film\n\nan awful film\n").run()
    at.button(key="test_compare_run").click().run()
    assert_clean(at)
    assert "On 2 pasted texts" in all_text(at)


def test_compare_refuses_runs_of_different_tasks(classification, tiny_model_dir,
                                                 tmp_path_factory):
    install_run("ner", tiny_model_dir, tmp_path_factory)
    at = open_page()
    at.selectbox(key="test_run").set_value(classification.name).run()
    at.button(key="test_compare_run").click().run()
    assert not at.exception
    assert any("different tasks" in e.value for e in at.error)


def test_compare_shows_disagreements(classification, tiny_model_dir, tmp_path_factory,
                                     monkeypatch):
    install_run("classification", tiny_model_dir, tmp_path_factory, run_id="run-other")
    from core.predict import inference

    real = inference.Predictor.predict

    def contrary(self, texts, pairs=None, top_k=5):  # the copy always says the other label
        results = real(self, texts, pairs, top_k)
        if self.run_dir.name == "run-other":
            for r in results:
                r["labels"] = ["positive" if r["label"] == "negative" else "negative"]
        return results

    monkeypatch.setattr(inference.Predictor, "predict", contrary)
    at = open_page()
    at.selectbox(key="test_run").set_value(classification.name).run()
    at.button(key="test_compare_run").click().run()
    assert_clean(at)
    n = runs.read_eval(classification)["test"]["n"]
    disagreements = table(at, "correct answer")
    assert len(disagreements) == n
    assert f"agree on **0 of {n}**" in all_text(at)


def test_export_shows_the_model_card_and_a_download(classification):
    at = open_page()
    assert_clean(at)
    text = all_text(at)
    assert f"# {classification.name}" in text and "## Usage" in text
    button = next(b for b in at.get("download_button")
                  if b.proto.label == "Download the model (.zip)")
    assert button.proto.help


def test_ner_report_sentences_and_playground(tiny_model_dir, tmp_path_factory):
    run_dir = install_run("ner", tiny_model_dir, tmp_path_factory)
    at = open_page()
    assert_clean(at)
    test = runs.read_eval(run_dir)["test"]
    assert f"Gets every entity right in {test['correct']} of {test['n']} test sentences" \
        in all_text(at)
    assert "Word memory (each word's most frequent tag)" in [m.label for m in at.metric]
    per_type = table(at, "entity type")
    assert set(per_type["entity type"]) <= {"PER", "LOC"}
    at.toggle(key="test_ner_only_mistakes").set_value(False).run()
    assert_clean(at)
    html = "".join(h.proto.body for h in at.get("html"))
    assert "<mark" in html and "Smith" in html and "<th>Correct</th>" in html
    at.text_area(key="test_play_text").input("Alice Smith went to <b>Paris</b> .").run()
    assert_clean(at)
    html = at.get("html")[-1].proto.body
    # the user's text is escaped, never run as HTML (read past the entity marks the tiny model
    # may put anywhere, even on the "b" of "</b>")
    text = re.sub(r"</?mark[^>]*>", "", re.sub(r"\s*<small>.*?</small>", "", html))
    assert "&lt;/b&gt;" in text and "<b>Paris" not in html and "</b> ." not in html
    assert "Answered in" in all_text(at)


def test_multi_label_threshold_slider_recomputes_scores(tiny_model_dir, tmp_path_factory):
    install_run("multi_label", tiny_model_dir, tmp_path_factory)
    at = open_page()
    assert_clean(at)
    assert "All labels exactly right on" in all_text(at)
    low = {m.label: m.value for m in at.metric}
    at.slider(key="test_threshold").set_value(0.05).run()
    assert_clean(at)
    everything = {m.label: m.value for m in at.metric}
    at.slider(key="test_threshold").set_value(0.95).run()
    nothing = {m.label: m.value for m in at.metric}
    assert "recomputed at threshold 0.95" in all_text(at)
    assert len({low["Micro-F1"], everything["Micro-F1"], nothing["Micro-F1"]}) > 1


def _rescore(run_dir: Path, model_right: list[bool], quick_right: list[bool]) -> None:
    """The run's test answers and its quick baseline's answers set text by text (the labels
    and texts stay the run's own), with the scores eval.json would hold for them."""
    evaluation = runs.read_eval(run_dir)
    labels = evaluation["labels"]
    records = [json.loads(line) for line in
               (run_dir / "test_predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    other = {labels[0]: labels[1], labels[1]: labels[0]}
    lines = []
    for record, right in zip(records, model_right, strict=True):
        record["predicted"] = record["gold"] if right else other[record["gold"]]
        lines.append(json.dumps(record))
    (run_dir / "test_predictions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    quick = [labels.index(r["gold"] if right else other[r["gold"]])
             for r, right in zip(records, quick_right, strict=True)]
    n = len(records)
    evaluation["test"].update(accuracy=sum(model_right) / n, correct=sum(model_right))
    evaluation["baselines"]["tfidf_logreg"].update(accuracy=sum(quick_right) / n,
                                                   predicted=quick)
    evaluation["baselines"]["majority"]["accuracy"] = 0.0
    (run_dir / "eval.json").write_text(json.dumps(evaluation), encoding="utf-8")


def test_a_one_text_difference_is_too_few_test_texts_to_tell_apart(classification):
    n = runs.read_eval(classification)["test"]["n"]
    _rescore(classification, [True] * (n - 1) + [False], [True] * n)
    at = open_page()
    assert_clean(at)
    said = [i.value for i in at.info if "tell these apart" in i.value]
    assert said and said[0].startswith(f"Too few test texts to tell these apart: fine-tuning "
                                       f"gets {n - 1} of {n} texts right against {n}")
    assert "simpler model" not in all_text(at)
    assert not [w for w in at.warning if "does not beat" in w.value]
    assert at.metric[0].proto.color == 2  # GRAY: neither a gain nor a loss


def test_a_clear_gain_beats_the_baseline_with_its_range(classification):
    n = runs.read_eval(classification)["test"]["n"]
    _rescore(classification, [True] * n, [False] * (n // 2) + [True] * (n - n // 2))
    at = open_page()
    assert_clean(at)
    said = [s.value for s in at.success if s.value.startswith("Fine-tuning beats")]
    assert said and "points of accuracy (95% range" in said[0]
    assert f"on {n} test texts." in said[0]


def test_run_pickers_show_a_new_name_at_once(workspace):
    from support.pages import write_run

    write_run("run-a", "completed", created=1000.0)
    write_run("run-b", "completed", created=2000.0)
    at = open_page()
    picker = at.selectbox(key="test_run")
    assert picker.value == "run-b"
    at.selectbox(key="test_compare_other").set_value("run-a").run()
    runs.rename_run(runs.run_path("run-b"), "Renamed run")  # on the Runs page, or another tab
    runs.rename_run(runs.run_path("run-a"), "Other name")
    at.run()
    picker = at.selectbox(key="test_run")
    assert picker.value == "run-b" and picker.proto.set_value
    assert picker.proto.raw_value.startswith("Renamed run (finished, ")
    other = at.selectbox(key="test_compare_other")
    assert other.proto.set_value and other.proto.raw_value.startswith("Other name (finished, ")
