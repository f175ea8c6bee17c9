"""read_tagged on CoNLL and token/tag JSON files."""

from __future__ import annotations

import json

import pytest
from support.fixtures_data import NER_SENTENCES, conll, jsonl, write

from core.data import read_tagged
from core.errors import UserError


def test_conll_tab_separated(tmp_path):
    frame = read_tagged(conll(tmp_path, "a.conll", NER_SENTENCES[:2]))
    assert frame["tokens"].tolist() == [["John", "lives", "in", "Paris"],
                                        ["Mary", "Smith", "works", "at", "Acme"]]
    assert frame["tags"].iloc[1] == ["B-PER", "I-PER", "O", "O", "B-ORG"]
    assert frame["line"].tolist() == [1, 6]
    assert frame.attrs["bio_repairs"]["count"] == 0


def test_conll_multi_column_space_separated_tag_is_last(tmp_path):
    text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n"
    frame = read_tagged(write(tmp_path, "c.txt", text))
    assert frame["tokens"].tolist() == [["EU", "rejects"], ["Peter"]]
    assert frame["tags"].tolist() == [["B-ORG", "O"], ["B-PER"]]
    assert frame["line"].tolist() == [3, 6]


def test_conll_bom_lines_and_repairs(tmp_path):
    text = ("\ufeffJohn\tB-person\n\ufeff\nDubbz\ufeff\tB-person\nthe\tO\nBig\tI-location\n"
            "Apple\tI-location\n\r\n\r\nend\tO\n")
    frame = read_tagged(write(tmp_path, "w.conll", text))
    assert frame["tokens"].tolist() == [["John"], ["Dubbz", "the", "Big", "Apple"], ["end"]]
    assert frame["tags"].iloc[1] == ["B-person", "O", "B-location", "I-location"]
    assert frame.attrs["bio_repairs"] == {"scheme": "BIO", "count": 1, "lines": [3],
                                          "untyped": 0, "untyped_lines": []}


def test_conll_missing_tag_names_the_line(tmp_path):
    with pytest.raises(UserError, match=r"m\.conll line 4 has no tag column"):
        read_tagged(write(tmp_path, "m.conll", "a\tO\n\nb\tO\nlonely\n"))


def test_jsonl_tokens_and_tags(tmp_path):
    path = jsonl(tmp_path, "a.jsonl", [{"tokens": ["John", "runs"], "tags": ["B-PER", "O"]},
                                       "", {"words": ["Oslo"], "ner_tags": ["S-LOC"]}])
    frame = read_tagged(path)
    assert frame["tags"].tolist() == [["B-PER", "O"], ["B-LOC"]]
    assert frame["line"].tolist() == [1, 3]
    assert frame.attrs["bio_repairs"]["scheme"] == "IOBES"


def test_integer_tags_with_names(tmp_path):
    path = jsonl(tmp_path, "a.jsonl", [{"tokens": ["John", "runs"], "ner_tags": [1, 0]}])
    frame = read_tagged(path, tag_names=["O", "B-PER", "I-PER"])
    assert frame["tags"].iloc[0] == ["B-PER", "O"]
    assert frame.attrs["warnings"] == []
    with pytest.raises(UserError, match="tag number 7"):
        read_tagged(jsonl(tmp_path, "b.jsonl", [{"tokens": ["x"], "ner_tags": [7]}]),
                    tag_names=["O", "B-PER"])


def test_integer_tags_without_names_warn(tmp_path):
    frame = read_tagged(jsonl(tmp_path, "a.jsonl", [{"tokens": ["John", "runs"],
                                                    "ner_tags": [3, 0]}]))
    assert frame["tags"].iloc[0] == ["B-3", "O"]
    assert "numeric tags" in frame.attrs["warnings"][0]["message"]


def test_json_list_uses_record_numbers(tmp_path):
    records = [{"tokens": ["a"], "tags": ["O"]}, {"tokens": ["b", "c"], "tags": ["O"]}]
    with pytest.raises(UserError, match=r"record 2 has 2 tokens but 1 tag\."):
        read_tagged(write(tmp_path, "a.json", json.dumps(records)))


def test_record_of_unknown_shape(tmp_path):
    with pytest.raises(UserError, match="line 1 has neither tokens"):
        read_tagged(jsonl(tmp_path, "a.jsonl", [{"sentence": "hello"}]))


def test_a_prefix_without_a_type_is_read_as_outside_and_counted(tmp_path):
    text = "Oslo\tB-\nis\tO\nnice\tI_\n\nAnna\tB-PER\n"
    frame = read_tagged(write(tmp_path, "untyped.conll", text))
    assert frame["tags"].tolist() == [["O", "O", "O"], ["B-PER"]]
    assert frame.attrs["bio_repairs"]["untyped"] == 2
    assert frame.attrs["bio_repairs"]["untyped_lines"] == [1]


def test_entities_on_invisible_tokens_are_warned_about(tmp_path):
    records = [{"tokens": ["", "Anna", "\u200b"], "tags": ["B-PER", "B-PER", "I-PER"]},
               {"tokens": ["Oslo"], "tags": ["B-LOC"]}]
    frame = read_tagged(jsonl(tmp_path, "invisible.jsonl", records))
    assert len(frame.attrs["warnings"]) == 1
    assert "1 sentence, at line or record 1" in frame.attrs["warnings"][0]["message"]


@pytest.mark.parametrize("names", [5, "O B-PER", {"0": "O"}, [0, 1]])
def test_tag_names_of_the_wrong_type_are_bad_input(tmp_path, names):
    path = jsonl(tmp_path, "n.jsonl", [{"tokens": ["John"], "ner_tags": [0], "tag_names": names}])
    with pytest.raises(UserError, match="tag names that are not a list"):
        read_tagged(path)
