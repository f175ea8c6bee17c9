"""The Search page's charts, drawn by `optuna.visualization` from the study: the score of each
trial with the best so far, the settings of every trial in parallel coordinates, and how much
each setting mattered. A chart the study cannot draw yet (too few finished trials) is None."""

from __future__ import annotations

import warnings
from typing import Any

import optuna
from optuna.importance import PedAnovaImportanceEvaluator
from optuna.trial import TrialState

from core.text import t

HEIGHT = 360


def _complete(study: optuna.Study) -> int:
    return len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))


def _titled(figure: Any, key: str) -> Any:
    figure.update_layout(title=t(key), height=HEIGHT, margin={"l": 50, "r": 20, "t": 50,
                                                              "b": 40})
    return figure


def history(study: optuna.Study) -> Any | None:
    if not _complete(study):
        return None
    figure = optuna.visualization.plot_optimization_history(
        study, target_name=t("search.chart.score"))
    return _titled(figure, "search.chart.history")


def parallel(study: optuna.Study) -> Any | None:
    if _complete(study) < 2:
        return None
    figure = optuna.visualization.plot_parallel_coordinate(
        study, target_name=t("search.chart.score"))
    return _titled(figure, "search.chart.parallel")


def importance(study: optuna.Study) -> Any | None:
    """How much each setting mattered (PED-ANOVA: no model to fit, so it draws fast); None
    before there are enough finished trials to say."""
    if _complete(study) < 3:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            figure = optuna.visualization.plot_param_importances(
                study, evaluator=PedAnovaImportanceEvaluator(),
                target_name=t("search.chart.score"))
        except (ValueError, RuntimeError, ZeroDivisionError):  # all scores equal, one setting
            return None
    return _titled(figure, "search.chart.importance")
