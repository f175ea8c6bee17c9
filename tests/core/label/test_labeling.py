"""Label projects: stored as they are made, undo and edits, exports the Data page reads back,
training runs from the labels, and suggestions from the quick model or a fine-tuned run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.config import RunConfig
from core.data import load_examples, make_splits
from core.errors import UserError
from core.jobs import queue as jobs
from core.label import label_training, labeling, prelabel
from core.models.loading import resolve_model
from core.scoring import metrics
from core.workspace import runs

POSITIVE = ["great", "lovely", "excellent", "wonderful"]
NEGATIVE = ["awful", "boring", "dreadful", "poor"]


def review_texts(n: int) -> list[str]:
    return [f"review {i}: the film was {(POSITIVE if i % 2 == 0 else NEGATIVE)[i % 4]}"
            for i in range(n)]


def gold(text: str) -> str:
    return "positive" if any(w in text for w in POSITIVE) else "negative"


def sentiment_project(n: int = 40) -> tuple[labeling.Project, list[str]]:
    texts = review_texts(n)
    project = labeling.create_project("Reviews", labeling.CLASSIFICATION,
                                      ["positive", "negative"], texts, source="reviews.csv")
    return project, texts


def label_all(project: labeling.Project, texts: list[str], items) -> None:
    for item in items:
        labeling.label(project, item, [gold(texts[item])], texts)


def ner_project() -> tuple[labeling.Project, list[str]]:
    people, places = ["Alice", "Bob", "Carol"], ["Paris", "Berlin", "Lima"]
    texts = [f"{people[i % 3]} Smith flew to {places[i % 3]} on day {i}." for i in range(12)]
    return labeling.create_project("Trips", labeling.NER, ["PER", "LOC"], texts), texts


# ----- the project store --------------------------------------------------------------------

def test_project_is_stored_in_the_workspace_and_reopens(workspace):
    project, texts = sentiment_project()
    assert project.path.parent == workspace / "labeling"
    again = labeling.open_project(project.project_id)
    assert (again.name, again.task, again.labels) == ("Reviews", labeling.CLASSIFICATION,
                                                      ["positive", "negative"])
    assert labeling.load_texts(again) == texts
    assert [p.project_id for p in labeling.list_projects()] == [project.project_id]


def test_a_project_is_asked_for_its_task(workspace):
    from core.tasks import task_kind

    project, _ = sentiment_project(4)
    entities, _ = ner_project()
    assert project.kind is task_kind(project.task) and not project.kind.shows_entities
    assert entities.kind is task_kind(entities.task) and entities.kind.shows_entities
    assert not hasattr(project, "is_ner")
    assert labeling.export_formats(project) == ("csv",)
    assert labeling.export_formats(entities) == ("jsonl", "conll")


@pytest.mark.parametrize("bad", ["../escape", "a/b", "", ".hidden", "x" * 200])
def test_project_ids_cannot_leave_the_projects_folder(bad):
    with pytest.raises(UserError):
        labeling.project_path(bad)


@pytest.mark.parametrize("names, task, multi, words", [
    (["only"], labeling.CLASSIFICATION, False, "at least 2"),
    (["a|b", "c"], labeling.CLASSIFICATION, True, "'|'"),
    (["B-PER"], labeling.NER, False, "cannot be used as a tag"),
    (["PRODUCT NAME"], labeling.NER, False, "cannot be used as a tag"),
    (["O"], labeling.NER, False, "cannot be used as a tag"),
])
def test_label_names_are_checked(names, task, multi, words):
    with pytest.raises(UserError, match=words):
        labeling.create_project("x", task, names, ["a text"], multi_label=multi)


def test_label_skip_undo_and_edit_are_replayed_from_the_log():
    project, texts = sentiment_project(10)
    labeling.label(project, 0, ["positive"], texts)
    labeling.label(project, 1, ["negative"], texts)
    labeling.skip(project, 2, len(texts))
    state = labeling.label_state(project)
    assert state.labels == {0: ["positive"], 1: ["negative"]} and state.skipped == {2}
    assert labeling.progress(state, len(texts)).labeled == 2
    assert labeling.next_item(state, len(texts)) == 3

    assert labeling.undo(project) == 2  # the skip is taken back
    assert labeling.label_state(project).skipped == set()
    labeling.label(project, 0, ["negative"], texts, source="table")  # an edit
    state = labeling.label_state(project)
    assert state.labels[0] == ["negative"] and state.sources[0] == "table"
    assert state.order == [1, 0]
    assert labeling.undo(project) == 0  # undoing the edit restores the first label
    assert labeling.label_state(project).labels[0] == ["positive"]
    assert labeling.undo(project) == 1
    assert labeling.undo(project) == 0
    assert labeling.undo(project) is None
    assert labeling.label_state(project).labels == {}


def test_skipped_texts_come_back_when_everything_else_is_done():
    project, texts = sentiment_project(3)
    labeling.skip(project, 0, 3)
    label_all(project, texts, [1, 2])
    assert labeling.next_item(labeling.label_state(project), 3) == 0
    label_all(project, texts, [0])
    assert labeling.next_item(labeling.label_state(project), 3) is None


def test_next_item_follows_the_given_order_first():
    project, texts = sentiment_project(6)
    label_all(project, texts, [4])
    assert labeling.next_item(labeling.label_state(project), 6, order=[4, 5, 1]) == 5


def test_a_line_cut_short_by_a_crash_loses_only_that_line():
    project, texts = sentiment_project(5)
    label_all(project, texts, [0, 1])
    with open(project.path / "events.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"type": "label", "item": 2, "val')  # the process died mid-write
    assert sorted(labeling.label_state(project).labels) == [0, 1]
    reopened = labeling.open_project(project.project_id)
    labeling.label(reopened, 3, ["negative"], texts)  # later writes still land on new lines
    assert sorted(labeling.label_state(reopened).labels) == [0, 1, 3]


def test_wrong_labels_and_items_are_refused_with_a_sentence():
    project, texts = sentiment_project(4)
    with pytest.raises(UserError, match="not one of this project's labels"):
        labeling.label(project, 0, ["neutral"], texts)
    with pytest.raises(UserError, match="exactly one label"):
        labeling.label(project, 0, ["positive", "negative"], texts)
    with pytest.raises(UserError, match="no text number 9"):
        labeling.label(project, 9, ["positive"], texts)


def test_entity_spans_are_checked_and_drafts_survive_until_saved():
    project, texts = ner_project()
    with pytest.raises(UserError, match="overlap"):
        labeling.label(project, 0, [[0, 2, "PER"], [1, 3, "LOC"]], texts)
    with pytest.raises(UserError, match="does not fit"):
        labeling.label(project, 0, [[5, 40, "LOC"]], texts)
    labeling.save_draft(project, 0, [[0, 2, "PER"]])
    assert labeling.read_draft(labeling.open_project(project.project_id), 0) == [[0, 2, "PER"]]
    assert labeling.read_draft(project, 1) is None
    labeling.label(project, 0, [[4, 5, "LOC"], [0, 2, "PER"]], texts)
    assert labeling.read_draft(project, 0) is None
    assert labeling.label_state(project).labels[0] == [[0, 2, "PER"], [4, 5, "LOC"]]


# ----- reading unlabeled files --------------------------------------------------------------

def test_texts_are_read_from_txt_csv_jsonl_and_xlsx(tmp_path):
    import openpyxl

    (tmp_path / "a.txt").write_text("first text\n\nsecond text\nfirst text\n", encoding="utf-8")
    texts, notes = labeling.read_texts(tmp_path / "a.txt")
    assert texts == ["first text", "second text"] and "1 repeated" in " ".join(notes)

    (tmp_path / "b.csv").write_text("id,review\n1,\"good, really\"\n2,bad\n", encoding="utf-8")
    assert labeling.read_texts(tmp_path / "b.csv")[0] == ["good, really", "bad"]
    assert labeling.read_texts(tmp_path / "b.csv", "id")[0] == ["1", "2"]
    with pytest.raises(UserError, match="no column 'body'"):
        labeling.read_texts(tmp_path / "b.csv", "body")

    (tmp_path / "c.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    assert labeling.read_texts(tmp_path / "c.jsonl")[0] == ["one", "two"]

    book = openpyxl.Workbook()
    book.active.append(["text"])
    book.active.append(["from excel"])
    book.save(tmp_path / "d.xlsx")
    assert labeling.read_texts(tmp_path / "d.xlsx")[0] == ["from excel"]


# ----- exports round-trip through the Data page's loader ------------------------------------

def test_classification_export_loads_back_with_the_same_labels(tmp_path):
    texts = ['she said "wow", then left', "two\nlines, one review", "=1+2 is not a formula",
             "plain", "naïve café, très bon"]
    project = labeling.create_project("Odd", labeling.CLASSIFICATION, ["yes", "no"], texts)
    for item, value in enumerate(["yes", "no", "no", "yes", "yes"]):
        labeling.label(project, item, [value], texts)
    state = labeling.label_state(project)
    path = tmp_path / labeling.export_filename(project, "csv")
    path.write_bytes(labeling.export_bytes(project, labeling.labeled_rows(project, state, texts),
                                           "csv"))
    examples = load_examples(path, RunConfig().data)
    assert list(examples.frame["text"]) == texts
    assert [labels[0] for labels in examples.frame["labels"]] == ["yes", "no", "no", "yes", "yes"]


def test_multi_label_export_loads_back_as_multi_label(tmp_path):
    texts = ["tasty food, slow service", "rude staff", "great pasta", "quick and tasty"]
    project = labeling.create_project("Menu", labeling.CLASSIFICATION, ["food", "service"],
                                      texts, multi_label=True)
    for item, value in enumerate([["food", "service"], ["service"], ["food"], ["service", "food"]]):
        labeling.label(project, item, value, texts)
    state = labeling.label_state(project)
    path = tmp_path / "menu.csv"
    path.write_bytes(labeling.export_bytes(project, labeling.labeled_rows(project, state, texts),
                                           "csv"))
    examples = load_examples(path, RunConfig().data)
    assert examples.multi_label
    assert [sorted(labels) for labels in examples.frame["labels"]] == [
        ["food", "service"], ["service"], ["food"], ["food", "service"]]


@pytest.mark.parametrize("fmt", ["jsonl", "conll"])
def test_entity_export_loads_back_with_the_same_tags(tmp_path, fmt):
    project, texts = ner_project()
    labeling.label(project, 0, [[0, 2, "PER"], [4, 5, "LOC"]], texts)
    labeling.label(project, 1, [], texts)  # a text without entities is a valid answer
    state = labeling.label_state(project)
    path = tmp_path / f"trips.{fmt}"
    path.write_bytes(labeling.export_bytes(project, labeling.labeled_rows(project, state, texts),
                                           fmt))
    examples = load_examples(path, RunConfig().data)
    assert examples.task == "token-classification"
    assert list(examples.frame["tokens"][0]) == ["Alice", "Smith", "flew", "to", "Paris", "on",
                                                 "day", "0", "."]
    assert list(examples.frame["tags"][0]) == ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O",
                                               "O", "O"]
    assert set(examples.frame["tags"][1]) == {"O"}


def test_nothing_labeled_means_nothing_to_export():
    project, texts = sentiment_project(3)
    with pytest.raises(UserError, match="nothing to export"):
        labeling.export_bytes(project, [], "csv")
    with pytest.raises(UserError, match="not an export format"):
        labeling.export_bytes(project, [("a", ["positive"])], "conll")


# ----- training from the labels -------------------------------------------------------------

def test_splits_are_stable_as_the_project_grows():
    project, texts = sentiment_project(60)
    label_all(project, texts, range(30))
    first = label_training.assign_splits(project, labeling.label_state(project))
    assert sum(p == "validation" for p in first.values()) == 2  # the 8th of each label's ten
    assert sum(p == "test" for p in first.values()) == 2
    label_all(project, texts, range(30, 60))
    second = label_training.assign_splits(project, labeling.label_state(project))
    assert all(second[item] == part for item, part in first.items())
    assert sum(p == "test" for p in second.values()) == 6


def test_training_needs_a_few_labels_of_each_kind():
    project, texts = sentiment_project(40)
    label_all(project, texts, range(4))
    assert "at least 10" in label_training.training_readiness(project,
                                                              labeling.label_state(project))
    labeling.label(project, 4, ["positive"], texts)
    for item in range(5, 14):
        labeling.label(project, item, ["negative"], texts)
    for item in range(4):
        labeling.skip(project, item, 40)
    problem = label_training.training_readiness(project, labeling.label_state(project))
    assert problem is not None and "two labels" in problem
    with pytest.raises(UserError, match="not enough labels"):
        label_training.write_training_files(project, labeling.label_state(project), texts,
                                            project.path / "out")


def test_training_files_read_back_through_the_run_splits(tmp_path):
    project, texts = sentiment_project(40)
    label_all(project, texts, range(40))
    state = labeling.label_state(project)
    data = label_training.write_training_files(project, state, texts, tmp_path / "files")
    splits = make_splits(RunConfig(data=data))
    assert len(splits.train.frame) == 32 and len(splits.validation.frame) == 4
    assert len(splits.test.frame) == 4
    assert splits.labels == ["negative", "positive"]
    held_out = set(splits.validation.frame["text"]) | set(splits.test.frame["text"])
    assert not held_out & set(splits.train.frame["text"])


def test_send_to_training_then_continue_from_the_last_model(monkeypatch, tiny_model_dir):
    from support.pages import fake_launch

    from core.train.training import train

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    project, texts = sentiment_project(40)
    project.model = str(tiny_model_dir)
    label_all(project, texts, range(24))
    first = label_training.send_to_training(project, labeling.label_state(project), texts)
    saved = labeling.open_project(project.project_id)
    assert [r["run_id"] for r in saved.runs] == [first.run_id]
    assert saved.runs[0]["n_labels"] == 24
    config = RunConfig.load(first.path / "config.json")
    assert config.model == str(tiny_model_dir) and config.task == "text-classification"
    assert Path(config.data.train).parent.parent == project.path / "training_data"
    assert label_training.latest_model_run(saved) is None  # still training
    config.training.epochs = 1
    train(config, first.path)  # what the worker process would do

    label_all(project, texts, range(24, 40))
    second = label_training.send_to_training(saved, labeling.label_state(project), texts)
    config = RunConfig.load(second.path / "config.json")
    assert config.model == str(first.path / "model")
    assert resolve_model(config.model) == str((first.path / "model").resolve())
    config.training.epochs = 1
    assert train(config, second.path)["state"] == "completed"  # the previous model loads


def test_background_training_starts_after_enough_new_labels(monkeypatch):
    from support.pages import fake_launch

    monkeypatch.setattr(jobs, "_launch", fake_launch)
    first, every = label_training.AUTO_TRAIN_FIRST, label_training.AUTO_TRAIN_EVERY
    project, texts = sentiment_project(first + every)
    label_all(project, texts, range(first - 1))
    state = labeling.label_state(project)
    assert not label_training.auto_train_due(project, state)  # switched off by default
    project.auto_train = True
    assert label_training.maybe_auto_train(project, state, texts) is None
    label_all(project, texts, [first - 1])
    started = label_training.maybe_auto_train(project, labeling.label_state(project), texts)
    assert started is not None and started.state == "running"
    label_all(project, texts, range(first, first + every - 1))
    # its run is still active, so no second one starts
    assert label_training.maybe_auto_train(project, labeling.label_state(project), texts) is None
    runs.update_status(started.path, state="completed")
    assert not label_training.auto_train_due(project, labeling.label_state(project))
    label_all(project, texts, [first + every - 1])
    assert label_training.auto_train_due(project, labeling.label_state(project))


# ----- suggestions --------------------------------------------------------------------------

def test_quick_model_suggests_once_every_label_has_two_examples():
    project, texts = sentiment_project(40)
    label_all(project, texts, [0, 2, 1])
    state = labeling.label_state(project)
    assert "negative" in prelabel.quick_ready(project, state)
    label_all(project, texts, [3])
    state = labeling.label_state(project)
    assert prelabel.quick_ready(project, state) is None
    label_all(project, texts, range(4, 12))
    state = labeling.label_state(project)
    features = prelabel.TextFeatures(texts)
    suggestions = prelabel.quick_suggestions(project, state, texts, features)
    assert suggestions.n_labels == 12 and not suggestions.covers(0)
    right = [suggestions.label_for(i)[0] == gold(texts[i]) for i in range(12, 40)]
    assert sum(right) >= 0.9 * len(right)
    assert all(0.5 <= suggestions.label_for(i)[1] <= 1.0 for i in range(12, 40))


def test_refits_follow_the_growth_of_the_labels():
    assert prelabel.refit_due(None, 3)
    assert not prelabel.refit_due(20, 24)
    assert prelabel.refit_due(20, 25)
    assert not prelabel.refit_due(400, 430) and prelabel.refit_due(400, 440)
    assert prelabel.refit_due(20, 19)  # an undo


def test_word_memory_suggests_entities_seen_before():
    project, texts = ner_project()
    for item in range(5):
        labeling.label(project, item, [[0, 2, "PER"], [4, 5, "LOC"]], texts)
    state = labeling.label_state(project)
    assert prelabel.quick_ready(project, state) is None
    suggestions = prelabel.quick_suggestions(project, state, texts, None)
    spans = suggestions.spans[6]  # "Alice Smith flew to Paris on day 6."
    assert [s[:3] for s in spans] == [[0, 2, "PER"], [4, 5, "LOC"]]
    assert all(s[3] == 1.0 for s in spans)


class FakeEntityPredictor:
    """Answers like core.predict.inference.Predictor for entities (character offsets)."""

    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]

    def predict(self, texts):
        out = []
        for text in texts:
            start = text.index("Smith")
            out.append({"entities": [{"type": "PER", "start": 0, "end": start + 5, "score": 0.9},
                                     {"type": "MISC", "start": 0, "end": 1, "score": 0.5}]})
        return out


def test_fine_tuned_entities_become_word_spans_of_the_project_types():
    project, texts = ner_project()
    suggestions = prelabel.model_suggestions(FakeEntityPredictor(), project, texts, [3, 4],
                                             "run", 5)
    assert suggestions.spans[3] == [[0, 2, "PER", 0.9]]


@pytest.fixture
def trained_run(tiny_model_dir, tmp_path_factory):
    from support.tiny_runs import install_run

    return install_run("classification", tiny_model_dir, tmp_path_factory)


def test_a_fine_tuned_run_suggests_with_probabilities_for_every_label(trained_run):
    project, texts = sentiment_project(10)
    predictor = prelabel.load_predictor(trained_run)
    suggestions = prelabel.model_suggestions(predictor, project, texts, [1, 5], "tiny", 40)
    assert suggestions.items == [1, 5] and suggestions.probabilities.shape == (2, 2)
    assert suggestions.probabilities.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-4)
    label, confidence = suggestions.label_for(5)
    assert label in project.labels and 0.5 <= confidence <= 1.0


def _project_run(n_labels: int, model_dir: Path, run_id: str) -> Path:
    """A label project's run on `n_labels` labels that words cannot predict (the label is a
    coin flip), trained in-process as the worker would (tiny model, one epoch)."""
    from core.train.training import train

    rng = np.random.default_rng(7)
    words = ["table", "river", "green", "seven", "paper", "stone", "cloud", "lamp"]
    texts = [f"note {i}: " + " ".join(rng.choice(words, 6)) for i in range(n_labels)]
    project = labeling.create_project("Notes", labeling.CLASSIFICATION, ["yes", "no"], texts)
    project.model = str(model_dir)
    for item in range(n_labels):
        labeling.label(project, item, [str(rng.choice(["yes", "no"]))], texts)
    state = labeling.label_state(project)
    data = label_training.write_training_files(project, state, texts,
                                               project.path / "training_data" / run_id)
    config = label_training.next_run_config(project, data, n_labels)
    config.training.epochs = 1
    run_dir = runs.run_path(run_id)
    run_dir.mkdir(parents=True)
    train(config, run_dir)
    return run_dir


def _answers_right(run_dir: Path, right: list[bool]) -> None:
    """The run's test answers made right or wrong text by text (its quick baseline's answers,
    real TF-IDF predictions, stay as they are)."""
    evaluation = runs.read_eval(run_dir)
    path = run_dir / "test_predictions.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    swap = dict(zip(evaluation["labels"], reversed(evaluation["labels"])))
    for record, ok in zip(records, right):
        record["predicted"] = record["gold"] if ok else swap[record["gold"]]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    gold = [evaluation["labels"].index(r["gold"]) for r in records]
    predicted = [evaluation["labels"].index(r["predicted"]) for r in records]
    evaluation["test"].update(metrics.single_label_scalars(gold, predicted))
    (run_dir / "eval.json").write_text(json.dumps(evaluation), encoding="utf-8")


def test_a_21_label_project_never_switches_on_its_one_test_text(workspace, tiny_model_dir):
    run_dir = _project_run(21, tiny_model_dir, "project-21")
    assert runs.read_eval(run_dir)["test"]["n"] < prelabel.MIN_HELD_OUT
    _answers_right(run_dir, [True] * 5)  # even a perfect score on it proves nothing
    decision = prelabel.switch_decision(run_dir)
    assert not decision.switch and not prelabel.model_beats_quick(run_dir)
    assert decision.sentence.startswith("The fine-tuned model's score cannot be measured yet")
    assert "cannot be measured yet" in label_training.run_score(runs.load_run(run_dir))


def test_a_project_switches_only_when_the_model_is_clearly_better_on_enough_texts(
        workspace, tiny_model_dir):
    run_dir = _project_run(400, tiny_model_dir, "project-400")
    evaluation = runs.read_eval(run_dir)
    n = evaluation["test"]["n"]
    assert n >= prelabel.MIN_HELD_OUT
    quick = evaluation["baselines"]["tfidf_logreg"]["predicted"]
    gold = [evaluation["labels"].index(json.loads(line)["gold"]) for line in
            (run_dir / "test_predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    quick_right = [q == g for q, g in zip(quick, gold)]
    assert sum(quick_right) < 0.8 * n  # coin-flip labels: the real quick model guesses
    _answers_right(run_dir, quick_right)  # exactly as good as the quick model
    assert not prelabel.switch_decision(run_dir).switch
    _answers_right(run_dir, [True] * n)  # right wherever the quick model is wrong, too
    decision = prelabel.switch_decision(run_dir)
    assert decision.switch and prelabel.model_beats_quick(run_dir), decision.sentence
    assert decision.sentence.startswith("The fine-tuned model beats the quick model by")
    assert label_training.run_score(runs.load_run(run_dir)).startswith("macro-F1 1.000")


def test_label_names_typed_with_chinese_commas_are_separate_labels():
    assert labeling.split_names("正面，负面、中性") == ["正面", "负面", "中性"]
    assert labeling.split_names("pos, neg\nneutral") == ["pos", " neg", "neutral"]
    project = labeling.create_project("评论", labeling.CLASSIFICATION,
                                      labeling.split_names("正面，负面"), ["很好", "很差"])
    assert project.labels == ["正面", "负面"]
