"""Label page, the "Does smart ordering help?" tab: the simulated comparison of label orders."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from core.label import active_learning, labeling
from pages import _format
from pages._label_state import BENCHMARK, STRATEGY_COLOURS, STRATEGY_NAMES


def curve_figure(result: active_learning.SimulationResult, title: str) -> go.Figure:
    fig = go.Figure()
    for name, curve in result.curves.items():
        fig.add_trace(go.Scatter(x=curve.labels, y=curve.accuracy, mode="lines+markers",
                                 name=STRATEGY_NAMES.get(name, name),
                                 line={"color": STRATEGY_COLOURS.get(name)}))
    fig.add_hline(y=result.target, line_dash="dash", line_color="#DC2626",
                  annotation_text=f"target {result.target:.1%}", annotation_position="top left")
    fig.update_layout(title={"text": title, "font": {"size": 15}}, height=300,
                      template="plotly_white", margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis_title="labels", yaxis_title="accuracy on held-out texts",
                      legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
                      hovermode="x unified")
    return fig


def result_sentence(result: active_learning.SimulationResult) -> str:
    needed = result.labels_to_target
    if active_learning.MIXED not in result.curves or active_learning.RANDOM not in result.curves:
        return ""
    mine, theirs = needed.get(active_learning.MIXED), needed.get(active_learning.RANDOM)
    goal = f"{result.target:.1%} accuracy"
    if mine is None:
        return f"Within {result.curves[active_learning.MIXED].labels[-1]:,} labels the smart " \
               f"order did not reach {goal}."
    if theirs is None:
        return f"The smart order reached {goal} with {mine:,} labels; random order did not " \
               f"within {result.curves[active_learning.RANDOM].labels[-1]:,}."
    return f"The smart order reached {goal} with {mine:,} labels, random order with {theirs:,}."


def smart_order_view(project: labeling.Project, state: labeling.LabelState,
                     texts: list[str]) -> None:
    st.caption("A simulated labeler gives the true labels, in rounds, either in random order or "
               "most-useful first; the quick model (TF-IDF + logistic regression) is scored on "
               "held-out texts after every round. Averaged over three orders.")
    for index, result in enumerate(active_learning.load_benchmark(BENCHMARK)):
        st.plotly_chart(curve_figure(result, f"{result.dataset}: {result.n_pool:,} texts, "
                                             f"rounds of {result.batch}"),
                        key=f"label_bench_{index}")
        st.caption(result_sentence(result))
    saved = active_learning.saved_project_simulation(project)
    problem = active_learning.project_simulation_readiness(project, state)
    if problem:
        st.info(f"On your own labels: {_format.md(problem)}")
    elif st.button("Compare on my labels", key="label_simulate", icon=":material/science:",
                   help="Replays your labels in both orders (a few seconds to a minute)."):
        with st.spinner("Replaying your labels..."):
            active_learning.simulate_project(project, state, texts)
        saved = active_learning.saved_project_simulation(project)
    if saved is not None:
        n_labels, result = saved
        st.plotly_chart(curve_figure(result, f"Your labels ({n_labels:,}): 70% replayed, 30% "
                                             f"held out"), key="label_own_simulation")
        st.caption(result_sentence(result))
