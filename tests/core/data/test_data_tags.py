"""Tag schemes normalised to BIO; I- tags that start an entity are repaired and counted."""

from __future__ import annotations

import pytest

from core.data.tags import detect_scheme, entity_types, label_list, normalise, split_tag


def _bio(*sentences):
    tags, report = normalise([s.split() for s in sentences], list(range(1, len(sentences) + 1)))
    return [" ".join(t) for t in tags], report


def test_bio_stays_as_is():
    tags, report = _bio("B-PER I-PER O B-LOC", "O O")
    assert tags == ["B-PER I-PER O B-LOC", "O O"]
    assert (report.scheme, report.repairs) == ("BIO", 0)


def test_bio_violations_are_repaired_and_counted_with_lines():
    tags, report = _bio("B-PER I-PER O B-LOC", "O I-LOC I-LOC O", "B-PER I-LOC", "B-ORG O O")
    assert tags[1] == "O B-LOC I-LOC O"
    assert tags[2] == "B-PER B-LOC"
    assert report.scheme == "BIO"
    assert report.repairs == 2 and report.repair_examples == [2, 3]
    assert report.as_attrs()["count"] == 2


def test_iob1_is_converted_without_counting_repairs():
    tags, report = _bio("I-LOC I-LOC O", "I-PER B-PER O", "I-ORG O I-LOC")
    assert tags == ["B-LOC I-LOC O", "B-PER B-PER O", "B-ORG O B-LOC"]
    assert (report.scheme, report.repairs) == ("IOB1", 0)


@pytest.mark.parametrize("source,expected", [
    ("B-LOC E-LOC O S-PER", "B-LOC I-LOC O B-PER"),
    ("B-LOC I-LOC E-LOC S-LOC S-LOC", "B-LOC I-LOC I-LOC B-LOC B-LOC"),
    ("B-LOC L-LOC U-PER O", "B-LOC I-LOC B-PER O"),
])
def test_iobes_and_bilou(source, expected):
    tags, report = _bio(source)
    assert tags == [expected] and report.scheme == "IOBES" and report.repairs == 0


def test_iobes_continuation_after_single_is_repaired():
    tags, report = _bio("S-PER I-PER")
    assert tags == ["B-PER B-PER"] and report.repairs == 1


def test_plain_tags_become_entities_per_run():
    tags, report = _bio("PER PER O LOC", "O ORG ORG")
    assert tags == ["B-PER I-PER O B-LOC", "O B-ORG I-ORG"]
    assert report.scheme == "plain"


def test_prefix_case_and_underscore():
    assert split_tag("b-per") == ("B", "per")
    assert split_tag("I_LOC") == ("I", "LOC")
    assert split_tag("O") == ("O", None)
    assert split_tag("PER") == ("", "PER")


def test_scheme_detection_and_helpers():
    assert detect_scheme([["O", "O"]]) == "BIO"
    assert label_list({"PER", "LOC"}) == ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
    assert entity_types([["B-PER", "I-PER", "B-LOC"], ["B-PER"]]) == {"LOC": 1, "PER": 2}
