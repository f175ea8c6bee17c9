"""Label page, the "Does smart ordering help?" tab: the simulated comparison of label orders."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from core.label import active_learning, labeling
from core.text import number, percent, t
from pages import _format
from pages._label_state import BENCHMARK, STRATEGY_COLOURS, strategy_name


def curve_figure(result: active_learning.SimulationResult, title: str) -> go.Figure:
    fig = go.Figure()
    for name, curve in result.curves.items():
        fig.add_trace(go.Scatter(x=curve.labels, y=curve.accuracy, mode="lines+markers",
                                 name=strategy_name(name),
                                 line={"color": STRATEGY_COLOURS.get(name)}))
    fig.add_hline(y=result.target, line_dash="dash", line_color="#DC2626",
                  annotation_text=t("label.smart.target", percent=percent(result.target)),
                  annotation_position="top left")  # text: not user-facing
    fig.update_layout(title={"text": title, "font": {"size": 15}}, height=300,
                      template="plotly_white", margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis_title=t("label.smart.x_axis"), yaxis_title=t("label.smart.y_axis"),
                      legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
                      hovermode="x unified")
    return fig


def result_sentence(result: active_learning.SimulationResult) -> str:
    needed = result.labels_to_target
    if active_learning.MIXED not in result.curves or active_learning.RANDOM not in result.curves:
        return ""
    mine, theirs = needed.get(active_learning.MIXED), needed.get(active_learning.RANDOM)
    target = percent(result.target)
    if mine is None:
        return t("label.smart.not_reached", target=target,
                 labels=number(result.curves[active_learning.MIXED].labels[-1]))
    if theirs is None:
        return t("label.smart.random_not_reached", target=target, mine=number(mine),
                 labels=number(result.curves[active_learning.RANDOM].labels[-1]))
    return t("label.smart.both", target=target, mine=number(mine), theirs=number(theirs))


def smart_order_view(project: labeling.Project, state: labeling.LabelState,
                     texts: list[str]) -> None:
    if not project.has_smart_features:
        st.info(t("label.qa.no_smart"))
        return
    st.caption(t("label.smart.intro"))
    for index, result in enumerate(active_learning.load_benchmark(BENCHMARK)):
        title = t("label.smart.chart_title", dataset=result.dataset, texts=number(result.n_pool),
                  batch=number(result.batch))
        st.plotly_chart(curve_figure(result, title), key=f"label_bench_{index}")
        st.caption(result_sentence(result))
    saved = active_learning.saved_project_simulation(project)
    problem = active_learning.project_simulation_readiness(project, state)
    if problem:
        st.info(t("label.smart.own_problem", problem=_format.md(problem)))
    elif st.button(t("label.smart.compare"), key="label_simulate", icon=":material/science:",
                   help=t("label.smart.compare_help")):
        with st.spinner(t("label.smart.replaying")):
            active_learning.simulate_project(project, state, texts)
        saved = active_learning.saved_project_simulation(project)
    if saved is not None:
        n_labels, result = saved
        st.plotly_chart(curve_figure(result, t("label.smart.own_title", count=number(n_labels))),
                        key="label_own_simulation")
        st.caption(result_sentence(result))
