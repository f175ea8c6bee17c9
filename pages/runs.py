"""Runs: every run in the workspace, compared side by side; rename and delete.

The list comes from disk, so every browser session sees the same runs. A folder that cannot be
read is listed as damaged and never breaks the page. The panels live beside this file:
pages/_runs_list.py (the table), _runs_compare.py (compare runs), _runs_manage.py (rename,
open, delete).
"""

from __future__ import annotations

import streamlit as st

from core.jobs import queue as jobs
from core.text import t
from pages import _entry, _errors, _session
from pages._runs_compare import compare
from pages._runs_list import runs_table
from pages._runs_manage import manage

_entry.run_through_app()


def render() -> None:
    st.title(t("runs.title"))
    st.caption(t("runs.caption"))
    _session.show_flash()
    all_runs = jobs.current_runs()
    if not all_runs:
        st.info(t("runs.empty"))
        return
    st.dataframe(runs_table(all_runs), hide_index=True,
                 height=min(400, 38 + 35 * len(all_runs)))
    damaged = sum(r.damaged for r in all_runs)
    if damaged:
        st.caption(t("runs.damaged", count=damaged))
    with _errors.guarded("runs.error.comparing"):
        compare(all_runs)
    with _errors.guarded("runs.error.changing"):
        manage(all_runs)


_errors.page(render, "runs.error.listing")
