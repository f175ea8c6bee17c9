"""Label page: the suggestions and the ranking of the open project, recomputed when enough
labels or a better model arrived."""

from __future__ import annotations

import random
from typing import Any

import streamlit as st

from core.label import active_learning, label_training, labeling, prelabel
from core.text import t
from pages._label_state import MODEL, MODEL_POOL, QUEUE_SIZE, REFRESH, _features, _predictor


def model_view(project: labeling.Project, state: labeling.LabelState,
               texts: list[str]) -> dict[str, Any]:
    """Suggestions and the ranking, recomputed when enough labels or a better model arrived."""
    if not project.has_smart_features:
        return {"project": project.project_id, "run_id": None, "ready": False, "fitted_on": 0,
                "suggestions": None, "ranking": [], "run_path": None, "run_name": None}
    cached = st.session_state.get(MODEL)
    run = label_training.latest_model_run(project)
    run = run if run is not None and prelabel.model_beats_quick(run.path) else None
    ready = prelabel.quick_ready(project, state) is None
    if cached and cached["project"] == project.project_id \
            and cached["run_id"] == (run.run_id if run else None) and cached["ready"] == ready \
            and not st.session_state.pop(REFRESH, False) \
            and not prelabel.refit_due(cached["fitted_on"], len(state.labels)) \
            and sum(r.item not in state.labels and r.item not in state.skipped
                    for r in cached["ranking"]) >= min(5, len(texts) - len(state.labels)):
        return cached
    features = _features(project.project_id)
    suggestions = None
    with st.spinner(t("label.spinner.suggestions")):
        if run is not None:
            unlabeled = labeling.unlabeled_items(state, len(texts))
            pool = _pool_sample(unlabeled, len(state.labels))
            suggestions = prelabel.model_suggestions(_predictor(str(run.path)), project, texts,
                                                     pool, run.name, _run_labels(project, run))
        elif ready:
            suggestions = prelabel.quick_suggestions(project, state, texts, features)
        ranking = active_learning.rank_unlabeled(project, state, texts, features, suggestions,
                                                 QUEUE_SIZE)
    cached = {"project": project.project_id, "run_id": run.run_id if run else None,
              "ready": ready, "fitted_on": len(state.labels), "suggestions": suggestions,
              "ranking": ranking, "run_path": str(run.path) if run else None,
              "run_name": run.name if run else None}
    st.session_state[MODEL] = cached
    return cached


def _pool_sample(unlabeled: list[int], seed: int) -> list[int]:
    if len(unlabeled) <= MODEL_POOL:
        return unlabeled
    return sorted(random.Random(seed).sample(unlabeled, MODEL_POOL))


def _run_labels(project: labeling.Project, run: Any) -> int:
    return next((int(r.get("n_labels") or 0) for r in project.runs
                 if r.get("run_id") == run.run_id), 0)


def suggestion_for(project: labeling.Project, view: dict[str, Any], texts: list[str],
                   item: int) -> Any:
    """The suggestion for `item`: a (label, probability) pair, entity spans, or None."""
    suggestions = view["suggestions"]
    if suggestions is not None and not suggestions.covers(item) and view["run_path"]:
        suggestions = prelabel.model_suggestions(_predictor(view["run_path"]), project, texts,
                                                 [item], view.get("run_name"), suggestions.n_labels)
    if suggestions is None:
        return None
    return suggestions.spans.get(item) if project.kind.shows_entities \
        else suggestions.label_for(item)


def source_note(project: labeling.Project, state: labeling.LabelState,
                view: dict[str, Any]) -> str:
    suggestions = view["suggestions"]
    if suggestions is None:
        return prelabel.quick_ready(project, state) or t("label.source.none")
    return t("label.source.note", source=suggestions.source, count=suggestions.n_labels)
