"""What a comparison of two scores shows, in one sentence a non-expert reads.

Every sentence follows the range from core.scoring.significance: a difference inside the 95%
range is neither a win nor a loss, so it is never shown as a gain and never advises switching
models.
The sentences start with fixed words (WIN, LOSS, TIE) that tests and the page look for.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.scoring.significance import Difference, texts

WIN = "Fine-tuning beats"
LOSS = "Fine-tuning does not beat"
TIE = "Too few"  # "Too few test texts to tell these apart" (or sentences)


@dataclass(frozen=True)
class Verdict:
    outcome: str   # "win", "loss" or "tie"
    sentence: str


def points(value: float) -> str:
    """A difference in points with its direction in words: "5.0 points ahead"."""
    size = abs(value)
    if size < 0.05:
        return "no difference"
    return f"{size:.1f} points {'ahead' if value > 0 else 'behind'}"


def spread(diff: Difference) -> str:
    """The 95% range of a difference, in words."""
    low, high = diff.low * 100, diff.high * 100
    if max(abs(low), abs(high)) < 0.05:
        return "only at zero"  # the same answers on every resample
    return f"anywhere from {points(low)} to {points(high)}"


def _range(diff: Difference, sign: float) -> str:
    low, high = sorted((diff.low * 100 * sign, diff.high * 100 * sign))
    return f"95% range {low:.1f} to {high:.1f} points"


def model_vs_baseline(diff: Difference, baseline: str, metric: str, unit: str = "text",
                      split: str = "test", correct: tuple[int, int] | None = None) -> Verdict:
    """Fine-tuned model (a) against the best quick baseline (b) on the same examples.

    `correct`: how many examples each got right, when the metric is a share of right answers.
    """
    held_out = texts(diff.n, f"{split} {unit}")
    if diff.winner == "a":
        return Verdict("win", f"{WIN} the quick baseline ({baseline}) by {diff.points:.1f} points "
                              f"of {metric} ({_range(diff, 1)}) on {held_out}.")
    if diff.winner == "b":
        return Verdict("loss", f"{LOSS} the quick baseline ({baseline}): it is "
                               f"{-diff.points:.1f} points of {metric} behind "
                               f"({_range(diff, -1)}) on {held_out}. Try more epochs, a bigger "
                               "preset or more data, or use the simpler model.")
    if correct is not None:
        scores = (f"fine-tuning gets {correct[0]:,} of {texts(diff.n, unit)} right against "
                  f"{correct[1]:,} for the quick baseline ({baseline})")
    else:
        scores = (f"on {held_out} fine-tuning scores {diff.score_a:.1%} {metric} against "
                  f"{diff.score_b:.1%} for the quick baseline ({baseline})")
    return Verdict("tie", f"Too few {split} {unit}s to tell these apart: {scores}, and the "
                          f"difference could lie {spread(diff)}. Neither model is shown to be "
                          "better; more test examples would tell.")


def run_vs_run(diff: Difference, name_a: str, name_b: str,
               correct: tuple[int, int] | None = None, metric: str = "",
               unit: str = "text") -> str:
    """Two runs on the same texts (right answers, or a metric), and whether that tells them
    apart."""
    if correct is not None:
        both = (f"{name_a} gets {correct[0]:,} of {texts(diff.n, unit)} right and {name_b} "
                f"gets {correct[1]:,}")
    else:
        both = (f"On the same {texts(diff.n, unit)}, {name_a} scores {diff.score_a:.1%} "
                f"{metric} and {name_b} {diff.score_b:.1%}")
    if diff.winner == "tie":
        return (f"{both}: too few {unit}s to tell these apart (the difference could lie "
                f"{spread(diff)}).")
    ahead, behind, sign = (name_a, name_b, 1) if diff.winner == "a" else (name_b, name_a, -1)
    return (f"{both}: {ahead} is ahead of {behind} by {abs(diff.points):.1f} points "
            f"({_range(diff, sign)}).")
