"""Names for whole-number labels: DataConfig.label_names, applied where the labels are read."""

from __future__ import annotations

import pytest

from core.config import DataConfig, RunConfig, TrainingConfig
from core.data import (
    build_health_report,
    integer_label_values,
    load_examples,
    make_splits,
)
from core.data.readers import read_table
from core.errors import UserError

ROWS = "".join(f"review {i} was {'lovely' if i % 2 else 'dull'},{i % 2}\n" for i in range(40))


def binary_csv(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_text("text,label\n" + ROWS, encoding="utf-8")
    return path


def test_named_labels_reach_the_prepared_dataset(tmp_path):
    path = binary_csv(tmp_path)
    config = RunConfig(data=DataConfig(train=str(path),
                                       label_names={"0": "negative", "1": "positive"}),
                       training=TrainingConfig())
    config.validate()
    splits = make_splits(config)
    assert splits.labels == ["negative", "positive"]
    for part in splits.parts().values():
        assert {label for row in part.frame["labels"] for label in row} <= {"negative",
                                                                            "positive"}
    report = build_health_report(splits)
    assert set(report.stats["class_counts"]) == {"negative", "positive"}


def test_label_names_survive_the_saved_configuration(tmp_path):
    config = RunConfig(data=DataConfig(train="x.csv", label_names={"1": "one star"}),
                       training=TrainingConfig())
    again = RunConfig.from_dict(config.to_dict())
    assert again.data.label_names == {"1": "one star"}
    assert RunConfig.from_dict({"data": {"train": "x.csv"}}).data.label_names == {}


def test_a_label_left_unnamed_keeps_its_number(tmp_path):
    data = DataConfig(train=str(binary_csv(tmp_path)), label_names={"1": "positive"})
    labels = {label for row in load_examples(data.train, data).frame["labels"] for label in row}
    assert labels == {"0", "positive"}


@pytest.mark.parametrize("names, message", [
    ({"0": "good", "1": "Good"}, "The labels 0 and 1 have the same name, 'Good'."),
    ({"0": "  "}, "The label 0 has an empty name."),
    ({"pos": "positive"}, "'pos' is not one"),
    ({"0": "x" * 101}, "longer than 100 characters"),
    (["0", "1"], "not a mapping"),
])
def test_bad_label_names_are_refused_with_a_sentence(names, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        DataConfig(train="x.csv", label_names=names).validate()


def test_a_name_that_is_already_another_label_is_refused(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("text,label\n" + ROWS + "one more text,2\n", encoding="utf-8")
    data = DataConfig(train=str(path), label_names={"0": "2"})
    with pytest.raises(UserError, match="already has a label '2'"):
        load_examples(path, data)


def test_integer_label_values_are_offered_only_for_whole_numbers(tmp_path):
    table = read_table(binary_csv(tmp_path))
    assert integer_label_values(table, "label") == ["0", "1"]
    words = tmp_path / "words.csv"
    words.write_text("text,label\na,pos\nb,1\n", encoding="utf-8")
    assert integer_label_values(read_table(words), "label") == []
    stars = tmp_path / "stars.csv"
    stars.write_text("text,label\n" + "".join(f"t{i},{(i % 4) + 1}.0\n" for i in range(12))
                     + "t,10\n", encoding="utf-8")
    assert integer_label_values(read_table(stars), "label") == ["1", "2", "3", "4", "10"]
