"""Inference batches: sorted by length, bounded by rows and by the device's token budget."""

from core.predict.inference import TOKENS_PER_BATCH, length_batches


def test_every_row_once_shortest_first_within_both_bounds():
    lengths = [256, 12, 200, 30, 256, 90, 5, 256, 140, 64] * 7
    batches = length_batches(lengths, max_rows=16, device="cpu")
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat)
    for batch in batches:
        assert len(batch) <= 16
        assert len(batch) * max(lengths[i] for i in batch) <= TOKENS_PER_BATCH["cpu"]


def test_short_rows_fill_to_the_row_limit_and_long_rows_to_the_token_budget():
    short = length_batches([20] * 100, max_rows=64, device="cpu")
    assert [len(b) for b in short] == [64, 36]
    long = length_batches([256] * 20, max_rows=64, device="cpu")
    assert {len(b) for b in long[:-1]} == {TOKENS_PER_BATCH["cpu"] // 256}
    on_gpu = length_batches([256] * 200, max_rows=64, device="cuda")
    assert [len(b) for b in on_gpu] == [64, 64, 64, 8]


def test_a_row_longer_than_the_budget_still_gets_a_batch_of_its_own():
    assert length_batches([10, 100_000, 10], max_rows=8, device="cpu") == [[0, 2], [1]]
    assert length_batches([], max_rows=8) == []
