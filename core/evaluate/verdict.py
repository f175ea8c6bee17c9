"""What a comparison of two scores shows, in one sentence a non-expert reads.

Every sentence follows the range from core.scoring.significance: a difference inside the 95%
range is neither a win nor a loss, so it is never shown as a gain and never advises switching
models.
The sentences start with fixed words (WIN, LOSS, TIE) that tests and the page look for (in
English; the sentences come from the catalogue, verdict.*, in the reader's language).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.scoring.significance import Difference, many, texts
from core.text import number, percent, t

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
        return t("verdict.points.none")
    return t("verdict.points.ahead" if value > 0 else "verdict.points.behind",
             value=number(size, 1))


def spread(diff: Difference) -> str:
    """The 95% range of a difference, in words."""
    low, high = diff.low * 100, diff.high * 100
    if max(abs(low), abs(high)) < 0.05:
        return t("verdict.spread.zero")  # the same answers on every resample
    return t("verdict.spread.range", low=points(low), high=points(high))


def _range(diff: Difference, sign: float) -> str:
    low, high = sorted((diff.low * 100 * sign, diff.high * 100 * sign))
    return t("verdict.range", low=number(low, 1), high=number(high, 1))


def model_vs_baseline(diff: Difference, baseline: str, metric: str, unit: str = "text",
                      split: str = "test", correct: tuple[int, int] | None = None) -> Verdict:
    """Fine-tuned model (a) against the best quick baseline (b) on the same examples.

    `correct`: how many examples each got right, when the metric is a share of right answers.
    """
    held_out = texts(diff.n, f"{split} {unit}")
    named = {"baseline": baseline, "metric": metric, "held_out": held_out}
    if diff.winner == "a":
        return Verdict("win", t("verdict.baseline.win", points=number(diff.points, 1),
                                range=_range(diff, 1), **named))
    if diff.winner == "b":
        return Verdict("loss", t("verdict.baseline.loss", points=number(-diff.points, 1),
                                 range=_range(diff, -1), **named))
    tie = {"units": many(f"{split} {unit}"), "spread": spread(diff), **named}
    if correct is not None:
        return Verdict("tie", t("verdict.baseline.tie_correct", right=correct[0],
                                total=texts(diff.n, unit), other=correct[1], **tie))
    return Verdict("tie", t("verdict.baseline.tie_score", score=percent(diff.score_a),
                            other=percent(diff.score_b), **tie))


def run_vs_run(diff: Difference, name_a: str, name_b: str,
               correct: tuple[int, int] | None = None, metric: str = "",
               unit: str = "text") -> str:
    """Two runs on the same texts (right answers, or a metric), and whether that tells them
    apart."""
    named = {"name_a": name_a, "name_b": name_b, "total": texts(diff.n, unit)}
    if correct is not None:
        kind, named = "correct", {**named, "right_a": correct[0], "right_b": correct[1]}
    else:
        kind, named = "score", {**named, "metric": metric, "score_a": percent(diff.score_a),
                                "score_b": percent(diff.score_b)}
    if diff.winner == "tie":
        return t(f"verdict.runs.{kind}_tie", units=many(unit), spread=spread(diff), **named)
    ahead, behind, sign = (name_a, name_b, 1) if diff.winner == "a" else (name_b, name_a, -1)
    return t(f"verdict.runs.{kind}_ahead", ahead=ahead, behind=behind,
             points=number(abs(diff.points), 1), range=_range(diff, sign), **named)
