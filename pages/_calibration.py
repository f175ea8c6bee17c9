"""The Test page's word on confidences: whether they were adjusted on the validation set, how
close they now are to how often the model is right, and the chart that shows it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.scoring import calibration as calib
from pages import _report_visuals as visuals

UNITS = {"single_label": "texts", "multi_label": "texts", "ner": "sentences"}
ADJUSTED = {
    "single_label": "Confidences were adjusted on the validation texts: when the model says 80% "
                    "it is now right about 80% of the time (calibration error {before} before, "
                    "{after} after).",
    "multi_label": "Confidences were adjusted on the validation texts: when the model gives a "
                   "label 80%, the text now has that label about 80% of the time (calibration "
                   "error {before} before, {after} after). The decision threshold was chosen "
                   "after this adjustment.",
    "ner": "Confidences were adjusted on the validation sentences: when the model tags a word "
           "with 80% confidence, the tag is now right about 80% of the time (calibration error "
           "{before} before, {after} after).",
}
NOT_BETTER = ("Confidences were adjusted on the validation {unit}, but on the {split} {unit} "
              "they are no closer to how often the model is right (calibration error {before} "
              "before, {after} after). More validation {unit} would give a better adjustment.")
NOT_ADJUSTED = {
    calib.TOO_FEW: "Confidences were not adjusted: the validation set has fewer than {least} "
                   "{unit}, too few to measure how often the model is right. A confidence of "
                   "80% may not mean right 80% of the time.",
    calib.NO_MISTAKES: "Confidences were not adjusted: the model made no mistakes on the "
                       "validation {unit}, so there was nothing to measure its confidence "
                       "against.",
    calib.NO_OUTPUT_LAYER: "Confidences were not adjusted: this model's output layer is of a "
                           "kind the app cannot adjust. A confidence of 80% may not mean "
                           "right 80% of the time.",
    calib.NO_VALIDATION: "Confidences were not adjusted: the run had no validation {unit} to "
                         "measure them on. A confidence of 80% may not mean right 80% of the "
                         "time.",
}
OLDER_RUN = ("This run was trained before the app adjusted confidences, so a confidence of 80% "
             "may not mean right 80% of the time. Train it again to get adjusted confidences.")
EXPLAINED = ("The calibration error is how far, on average, the model's confidence is from how "
             "often it is right, measured on the {split} {unit}.")


def measured_split(calibration: dict[str, Any]) -> str | None:
    """The split the before/after figures are shown for: test (held out from the fit), else
    validation."""
    return next((s for s in ("test", "validation") if isinstance(calibration.get(s), dict)),
                None)


def sentence(calibration: dict[str, Any] | None, kind: str) -> str:
    """One paragraph a non-expert reads: what was done to the confidences and what it gave."""
    unit = UNITS.get(kind, "texts")
    if not isinstance(calibration, dict) or "applied" not in calibration:
        return OLDER_RUN
    if not calibration["applied"]:
        template = NOT_ADJUSTED.get(calibration.get("reason"), NOT_ADJUSTED[calib.NO_VALIDATION])
        return template.format(unit=unit, least=calib.MIN_EXAMPLES)
    split = measured_split(calibration)
    if split is None:
        return OLDER_RUN
    before = calibration[split]["before"]["ece"]
    after = calibration[split]["after"]["ece"]
    figures = {"before": f"{before:.1%}", "after": f"{after:.1%}"}
    if after < before:
        return ADJUSTED.get(kind, ADJUSTED["single_label"]).format(**figures)
    return NOT_BETTER.format(unit=unit, split=split, **figures)


def render(evaluation: dict[str, Any], kind: str) -> None:
    calibration = evaluation.get("calibration")
    st.markdown("**How far to trust the confidences**")
    st.markdown(sentence(calibration, kind))
    split = measured_split(calibration) if isinstance(calibration, dict) else None
    if not split or not calibration.get("applied"):
        return
    st.caption(EXPLAINED.format(split=split, unit=UNITS.get(kind, "texts")))
    figures = calibration[split]
    what = "how often the label is there" if kind == "multi_label" else "how often right"
    with st.expander("Show the chart"):
        st.plotly_chart(visuals.reliability_chart(figures["before"]["reliability"],
                                                  figures["after"]["reliability"], what),
                        key="test_reliability")
