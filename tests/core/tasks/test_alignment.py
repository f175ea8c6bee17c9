"""Label alignment on hand-built sub-word cases: only the first sub-token of a word is scored."""

from core.tasks.token_classification import IGNORE, TokenClassification, align_labels

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def test_first_subtoken_gets_the_tag_rest_ignored():
    # [CLS] jo ##hann ##es smith lives in [SEP]
    word_ids = [None, 0, 0, 0, 1, 2, 3, None]
    tags = [1, 2, 0, 0]
    assert align_labels(word_ids, tags) == [IGNORE, 1, IGNORE, IGNORE, 2, 0, 0, IGNORE]


def test_truncated_words_are_left_out():
    word_ids = [None, 0, 1, None]  # words 2.. were cut by max_length
    assert align_labels(word_ids, [3, 4, 0, 0]) == [IGNORE, 3, 4, IGNORE]


def test_encode_aligns_with_a_real_tokenizer():
    import pandas as pd
    from transformers import AutoTokenizer

    from core.models.loading import default_model_path

    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    task = TokenClassification(LABELS)
    frame = pd.DataFrame({"tokens": [["Schwarzenegger", "visited", "Reykjavik"]],
                          "tags": [["B-PER", "O", "B-LOC"]]})
    encoded = task.encode(frame, tokenizer, 64)
    labels = encoded["labels"][0]
    ids = encoded["input_ids"][0]
    scored = [(tokenizer.convert_ids_to_tokens(i), tag) for i, tag in zip(ids, labels)
              if tag != IGNORE]
    assert [tag for _, tag in scored] == [1, 0, 3]
    assert len(ids) > 5  # the names really were split into several sub-words
    assert all(not tok.startswith("##") for tok, _ in scored)
