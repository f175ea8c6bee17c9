"""make_splits: given files, split column, stratified hold-out, tiny data, determinism."""

from __future__ import annotations

from collections import Counter

import pytest
from support.fixtures_data import NER_SENTENCES, conll, csv_text, write

from core.config import DataConfig, RunConfig, TrainingConfig
from core.data import DatasetSplits, make_splits
from core.errors import UserError


def _config(train, seed=42, task="text-classification", **data) -> RunConfig:
    return RunConfig(task=task, data=DataConfig(train=str(train), **data),
                     training=TrainingConfig(seed=seed))


def _rows(n_pos, n_neg, n_other=0):
    rows = [(f"good text {i}", "pos") for i in range(n_pos)]
    rows += [(f"bad text {i}", "neg") for i in range(n_neg)]
    return rows + [(f"other text {i}", "meh") for i in range(n_other)]


def _counts(examples):
    return Counter(labels[0] for labels in examples.frame["labels"])


def test_stratified_hold_out(tmp_path):
    path = write(tmp_path, "d.csv", csv_text(_rows(80, 40, 20)))
    splits = make_splits(_config(path))
    assert isinstance(splits, DatasetSplits)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (112, 14, 14)
    assert _counts(splits.validation) == {"pos": 8, "neg": 4, "meh": 2}
    assert _counts(splits.test) == {"pos": 8, "neg": 4, "meh": 2}
    assert splits.labels == ["meh", "neg", "pos"]
    assert any("stratified by label, seed 42" in note for note in splits.notes)
    everything = set().union(*(set(p.frame["row"]) for p in splits.parts().values()))
    assert everything == set(range(1, 141))


def test_deterministic_and_seed_dependent(tmp_path):
    path = write(tmp_path, "d.csv", csv_text(_rows(30, 30)))
    first, again = make_splits(_config(path)), make_splits(_config(path))
    other = make_splits(_config(path, seed=7))
    assert first.validation.frame["row"].tolist() == again.validation.frame["row"].tolist()
    assert first.validation.frame["row"].tolist() != other.validation.frame["row"].tolist()


def test_given_files_are_used_and_mapping_carries_over(tmp_path):
    train = write(tmp_path, "train.tsv", csv_text([(label, t) for t, label in _rows(5, 5)],
                                                  header=("label", "sentence"), sep="\t"))
    dev = write(tmp_path, "dev.tsv", csv_text([("neg", "x dev"), ("pos", "y dev")],
                                              header=("label", "sentence"), sep="\t"))
    test = write(tmp_path, "test.tsv", csv_text([("pos", "z test")],
                                                header=("label", "sentence"), sep="\t"))
    splits = make_splits(_config(train, validation=str(dev), test=str(test)))
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (10, 2, 1)
    assert splits.notes == []
    assert splits.validation.frame["text"].tolist() == ["x dev", "y dev"]


def test_only_test_file_given_holds_out_validation(tmp_path):
    train = write(tmp_path, "train.csv", csv_text(_rows(20, 20)))
    test = write(tmp_path, "test.csv", csv_text(_rows(3, 3)))
    splits = make_splits(_config(train, test=str(test)))
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (36, 4, 6)
    assert len(splits.notes) == 1 and splits.notes[0].startswith("No validation file")


def test_split_column(tmp_path):
    rows = [(t, lab, ["train", "train", "dev", "test"][i % 4]) for i, (t, lab) in
            enumerate(_rows(8, 8))]
    path = write(tmp_path, "s.csv", csv_text(rows, header=("text", "label", "split")))
    splits = make_splits(_config(path))
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (8, 4, 4)
    assert "split" in splits.notes[0]
    assert splits.validation.frame.attrs == {}  # file facts are counted once, with train


@pytest.mark.parametrize("n,expected", [(2, (1, 1, None)), (3, (1, 1, 1)), (5, (3, 1, 1)),
                                        (12, (10, 1, 1)), (29, (23, 3, 3))])
def test_tiny_data_never_empties_train(tmp_path, n, expected):
    rows = [(f"text {i}", "ab"[i % 2]) for i in range(n)]
    splits = make_splits(_config(write(tmp_path, "t.csv", csv_text(rows))))
    sizes = (len(splits.train), len(splits.validation),
             None if splits.test is None else len(splits.test))
    assert sizes == expected
    if splits.test is None:
        assert any("no separate test set" in note for note in splits.notes)


def test_single_example_is_an_error(tmp_path):
    with pytest.raises(UserError, match="only 1 usable example"):
        make_splits(_config(write(tmp_path, "one.csv", csv_text([("a", "x"), ("", "y")]))))


def test_singleton_classes_stay_in_training(tmp_path):
    rows = _rows(20, 20) + [("rare one", "rare1"), ("rare two", "rare2")]
    splits = make_splits(_config(write(tmp_path, "r.csv", csv_text(rows))))
    assert {"rare1", "rare2"} <= set(_counts(splits.train))
    assert any("single example stay in training" in note for note in splits.notes)


def test_all_singletons_fall_back_to_random(tmp_path):
    rows = [(f"text {i}", f"label{i}") for i in range(6)]
    splits = make_splits(_config(write(tmp_path, "u.csv", csv_text(rows))))
    assert len(splits.validation) >= 1
    assert any("at random" in note for note in splits.notes)


def test_multi_label_splits_at_random_and_labels_cover_all(tmp_path):
    rows = [(f"text {i}", "x|y" if i % 3 == 0 else "x") for i in range(30)]
    splits = make_splits(_config(write(tmp_path, "m.csv", csv_text(rows))))
    assert splits.multi_label and splits.labels == ["x", "y"]
    assert any("at random" in note for note in splits.notes)


def test_ner_labels_and_random_split(tmp_path):
    path = conll(tmp_path, "n.conll", NER_SENTENCES)
    splits = make_splits(_config(path, task="token-classification"))
    assert splits.labels == ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER"]
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (8, 1, 1)


def test_test_fraction_zero_means_no_test(tmp_path):
    splits = make_splits(_config(write(tmp_path, "d.csv", csv_text(_rows(20, 20))),
                                 test_fraction=0.0))
    assert splits.test is None and len(splits.validation) == 4
