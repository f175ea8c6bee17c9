"""The Test page's word on confidences: whether they were adjusted on the validation set, how
close they now are to how often the model is right, and the chart that shows it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.scoring import calibration as calib
from core.text import percent, t
from pages import _report_visuals as visuals

NOT_ADJUSTED = {  # the reason a run's confidences were not adjusted -> its sentence's key
    calib.TOO_FEW: "too_few",
    calib.NO_MISTAKES: "no_mistakes",
    calib.NO_OUTPUT_LAYER: "no_output_layer",
    calib.NO_VALIDATION: "no_validation",
}


def measured_split(calibration: dict[str, Any]) -> str | None:
    """The split the before/after figures are shown for: test (held out from the fit), else
    validation."""
    return next((s for s in ("test", "validation") if isinstance(calibration.get(s), dict)),
                None)


def sentence(calibration: dict[str, Any] | None, task: Any) -> str:
    """One paragraph a non-expert reads: what was done to the confidences and what it gave."""
    if not task.calibrated:  # answer spans: their scores are not the probabilities of classes
        return t("test.calibration.not_calibrated")
    if not isinstance(calibration, dict) or "applied" not in calibration:
        return t("test.calibration.older_run")
    if not calibration["applied"]:
        reason = NOT_ADJUSTED.get(calibration.get("reason"), "no_validation")
        return t(f"test.calibration.{reason}_{task.unit}", least=calib.MIN_EXAMPLES)
    split = measured_split(calibration)
    if split is None:
        return t("test.calibration.older_run")
    before = calibration[split]["before"]["ece"]
    after = calibration[split]["after"]["ece"]
    figures = {"before": percent(before), "after": percent(after)}
    if after < before:
        return t(f"test.calibration.adjusted_{task.kind}", **figures)
    return t(f"test.calibration.not_better_{split}_{task.unit}", **figures)


def render(evaluation: dict[str, Any], task: Any) -> None:
    """The paragraph on the run's confidences and, when they were adjusted, the chart; `task` is
    the run's core.tasks Task."""
    calibration = evaluation.get("calibration")
    st.markdown("**" + t("test.calibration.title") + "**")
    st.markdown(sentence(calibration, task))
    split = measured_split(calibration) if isinstance(calibration, dict) else None
    if not split or not calibration.get("applied") or not task.calibrated:
        return
    st.caption(t(f"test.calibration.explained_{split}_{task.unit}"))
    figures = calibration[split]
    what = t(f"test.chart.reliability_y_{task.kind}")
    with st.expander(t("test.calibration.show_chart")):
        st.plotly_chart(visuals.reliability_chart(figures["before"]["reliability"],
                                                  figures["after"]["reliability"], what),
                        key="test_reliability")
