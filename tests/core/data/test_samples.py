import csv
import re
from collections import Counter

import pytest

from core import data
from core.config import DataConfig, RunConfig
from core.data.samples import get_sample, list_samples
from core.errors import UserError
from core.evaluate.baseline import run_baselines


def test_samples_exist_with_a_task_each():
    samples = list_samples()
    assert {s.task for s in samples} == {"text-classification", "token-classification",
                                         "question-answering"}
    for sample in samples:
        assert sample.path.is_file() and sample.title and sample.description
        assert get_sample(sample.key) == sample
    with pytest.raises(UserError):
        get_sample("nope")


def _sentiment_rows():
    with open(get_sample("reviews").path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sentiment_sample_is_balanced_and_varied():
    sample = get_sample("reviews")
    rows = _sentiment_rows()
    assert sample.path.stat().st_size < 150_000
    assert 700 <= len(rows) <= 1000
    assert Counter(r["label"] for r in rows) == {"positive": 370, "negative": 370}
    by_split = Counter((r["split"], r["label"]) for r in rows)
    assert {part for part, _ in by_split} == {"train", "validation", "test"}
    for part in ("train", "validation", "test"):
        assert by_split[part, "positive"] == by_split[part, "negative"]
    # Fewer than 500 training texts keeps the Quick preset at batch 16 and about a minute
    # on two cores; 200+ test texts make a comparison with the baseline mean something.
    assert by_split["train", "positive"] * 2 < 500
    assert by_split["test", "positive"] * 2 >= 200
    assert len({r["text"] for r in rows}) == len(rows)  # no duplicates
    # nor near duplicates: the same words up to case and punctuation
    assert len({" ".join(re.sub(r"[^a-z ]", " ", r["text"].lower()).split())
                for r in rows}) == len(rows)
    words = [(set(re.findall(r"[a-z']+", r["text"].lower())), r["label"]) for r in rows]
    for i, (first, label) in enumerate(words):
        for second, other in words[i + 1:]:
            if label == other:  # pairs of opposite labels that differ in a word are wanted
                assert len(first & second) / len(first | second) < 0.7, rows[i]["text"]


def test_sentiment_words_are_spread_over_both_labels():
    """Common sentiment words appear about as often in positive as in negative reviews
    (negation, contrast, sarcasm), so a model cannot get far by counting them."""
    rows = _sentiment_rows()

    def count(words):
        pattern = re.compile(r"\b(" + "|".join(words) + r")\b")
        found = Counter(r["label"] for r in rows if pattern.search(r["text"].lower()))
        return found["positive"], found["negative"]

    praise = ["great", "good", "excellent", "amazing", "wonderful", "perfect", "brilliant"]
    blame = ["terrible", "bad", "awful", "disappointing", "poor", "horrible"]
    for words in (praise, blame, ["not", "never", "but"]):
        positive, negative = count(words)
        assert positive >= 20 and negative >= 20, words
        assert 0.6 <= positive / negative <= 1.6, (words, positive, negative)
    for word in praise + blame:
        assert min(count([word])) >= 2, word  # each one in both labels


def test_bag_of_words_baseline_stays_low_on_the_sample_test_split():
    """The TF-IDF + logistic regression baseline that every report shows stays near chance on
    the sample's own test split (a Quick fine-tuning run reaches about 0.80 there), and the health
    report finds no duplicates or overlap between the splits."""
    sample = get_sample("reviews")
    config = RunConfig(task=sample.task, data=DataConfig(train=str(sample.path)))
    splits = data.make_splits(config)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (462, 72, 206)
    scores = run_baselines(splits)
    assert scores["split"] == "test"
    assert scores["tfidf_logreg"]["accuracy"] <= 0.65
    report = data.build_health_report(splits)
    codes = {f.code for f in report.findings}
    assert not codes & {"duplicates", "mostly_duplicates", "split_overlap", "conflicting_labels"}
    assert not report.has_errors


def test_entity_sample_is_valid_bio():
    sample = get_sample("news-entities")
    sentences, current = [], []
    for line in sample.path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            sentences.append(current)
            current = []
            continue
        word, tag = line.split(" ")
        current.append((word, tag))
    assert 80 <= len(sentences) <= 150
    for sentence in sentences:
        previous = "O"
        for _, tag in sentence:
            assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in ("PER", "ORG", "LOC")
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], sentence  # I- continues the same entity
            previous = tag


@pytest.mark.parametrize("key", ["reviews", "news-entities", "reviews-zh", "news-entities-zh"])
def test_samples_load_through_core_data(key):
    sample = get_sample(key)
    assert data.detect_task(sample.path) == sample.task
    examples = data.load_examples(sample.path, DataConfig(train=str(sample.path)), sample.task)
    assert len(examples.frame) >= 100


# --- the Chinese samples (written by bench/make_zh_sample.py) -------------------------------

def _zh_rows():
    with open(get_sample("reviews-zh").path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _strip(text):
    return re.sub(r"[，。！？、“”：；\s]", "", text)


def test_chinese_sentiment_sample_is_balanced_split_and_without_copies():
    sample = get_sample("reviews-zh")
    assert sample.language == "zh" and sample.task == "text-classification"
    rows = _zh_rows()
    assert 600 <= len(rows) <= 800
    assert Counter(r["label"] for r in rows) == {"正面": 360, "负面": 360}
    by_split = Counter((r["split"], r["label"]) for r in rows)
    assert {part: by_split[part, "正面"] for part in ("train", "validation", "test")} == {
        "train": 216, "validation": 36, "test": 108}
    for part in ("train", "validation", "test"):
        assert by_split[part, "正面"] == by_split[part, "负面"]
    assert len({r["text"] for r in rows}) == len(rows)            # no duplicates
    assert len({_strip(r["text"]) for r in rows}) == len(rows)    # nor up to punctuation
    train = {_strip(r["text"]) for r in rows if r["split"] == "train"}
    test = {_strip(r["text"]) for r in rows if r["split"] == "test"}
    assert not train & test
    assert all(re.search(r"[\u4e00-\u9fff]", r["text"]) for r in rows)


def test_chinese_sentiment_words_are_in_both_labels():
    """Negation, contrast and praising/blaming characters appear in both labels."""
    rows = _zh_rows()
    for words in (["不"], ["没"], ["但是", "不过", "可是", "然而", "只是"], ["很", "非常", "特别"],
                  ["好"], ["差", "糟", "烂", "难"], ["本来以为", "还以为", "原以为", "本以为"]):
        found = Counter(r["label"] for r in rows if any(w in r["text"] for w in words))
        assert found["正面"] >= 10 and found["负面"] >= 10, (words, found)
        # blaming characters come more often in 正面 (一点也不难吃): counting them misleads
        assert 1 / 3.5 <= found["正面"] / found["负面"] <= 3.5, (words, found)
    assert any("“" in r["text"] for r in rows if r["label"] == "负面")  # sarcasm in quotes


def test_chinese_sentiment_sample_reads_with_its_own_split_and_a_clean_report():
    sample = get_sample("reviews-zh")
    assert data.detect_task(sample.path) == sample.task
    config = RunConfig(task=sample.task, data=DataConfig(train=str(sample.path)))
    splits = data.make_splits(config)
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (432, 72, 216)
    assert sorted(splits.labels) == sorted(["正面", "负面"])
    report = data.build_health_report(splits)
    codes = {f.code for f in report.findings}
    assert not codes & {"duplicates", "mostly_duplicates", "split_overlap", "conflicting_labels"}
    assert not report.has_errors
    # measured on the committed file: TF-IDF + logistic regression 0.667 (chance 0.5)
    assert run_baselines(splits)["tfidf_logreg"]["accuracy"] <= 0.75


def test_chinese_entity_sample_is_one_character_per_token_with_all_three_types():
    sample = get_sample("news-entities-zh")
    assert sample.language == "zh" and data.detect_task(sample.path) == sample.task
    examples = data.load_examples(sample.path, DataConfig(train=str(sample.path)), sample.task)
    frame = examples.frame
    assert 100 <= len(frame) <= 150
    assert len({"".join(tokens) for tokens in frame["tokens"]}) == len(frame)  # no duplicates
    kinds = Counter()
    for tokens, tags in zip(frame["tokens"], frame["tags"], strict=True):
        assert len(tokens) == len(tags) and all(len(token) == 1 for token in tokens)
        previous = "O"
        for tag in tags:
            assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in ("PER", "ORG", "LOC")
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], tokens
            if tag.startswith("B-"):
                kinds[tag[2:]] += 1
            previous = tag
    assert min(kinds[k] for k in ("PER", "ORG", "LOC")) >= 40, kinds
    config = RunConfig(task=sample.task, data=DataConfig(train=str(sample.path)))
    assert not data.build_health_report(data.make_splits(config)).has_errors


def test_samples_of_the_current_language_come_first():
    from core.data.samples import samples_for_language
    from core.text import use_language

    with use_language("zh"):
        ordered = samples_for_language()
        assert [s.language for s in ordered] == ["zh", "zh", "zh", "en", "en", "en"]
        assert ordered[0].key == "reviews-zh"
        assert get_sample("reviews-zh").title == "中文评论（情感）"
    with use_language("en"):
        ordered = samples_for_language()
        assert [s.key for s in ordered][:2] == ["reviews", "news-entities"]
        assert get_sample("reviews-zh").title == "Chinese reviews (sentiment)"
    assert [s.key for s in samples_for_language("zh")][:2] == ["reviews-zh", "news-entities-zh"]
    assert [s.key for s in list_samples()][:2] == ["reviews", "news-entities"]  # fixed order
    for sample in list_samples():  # every title and description in both languages
        for code in ("en", "zh"):
            assert sample.title_in(code) and sample.description_in(code)
            assert sample.titles[code] and sample.descriptions[code]
