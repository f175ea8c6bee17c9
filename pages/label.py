"""Label: label texts here, with suggestions, the most useful texts first, export and training.

A label project lives in the workspace (core.label.labeling) and every click is written to disk at
once. Suggestions come from the quick model refitted as labels arrive, or from the project's
latest fine-tuned run once it beats the quick model (core.label.prelabel); the order and the "label
these next" list come from core.label.active_learning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.data import read_table
from core.errors import UserError
from core.label import active_learning, label_training, labeling, prelabel
from core.workspace import csv_safe, uploads
from pages import _entry, _errors, _format, _session
from pages._label_spans import plain, tag_text

_entry.run_through_app()

PROJECT = "label_project"    # the open project's id
CURRENT = "label_current"    # (project id, item) opened on purpose: an edit or an undo
MODEL = "label_model"        # suggestions and ranking of the open project
MESSAGE = "label_message"    # (kind, text) from the last action
REFRESH = "label_refresh"    # set to recompute suggestions and ranking now
TAB = "label_tab"
OPEN_NEXT = "label_open_next"  # a project just created, to select on the next run
NEW = "__new__"
QUEUE_SIZE = 50
MODEL_POOL = 1000            # unlabeled texts the fine-tuned model scores for the ranking
TABLE_ROWS = 500
TABS = ["Label", "Labeled so far", "Label these next", "Export and train",
        "Does smart ordering help?"]
ORDERS = {"smart": "Most useful first", "file": "File order"}
TASK_NAMES = {labeling.CLASSIFICATION: "Text classification: a label per text",
              labeling.NER: "Entity recognition: mark names, places, products... in the text"}
STRATEGY_NAMES = {active_learning.RANDOM: "Random order",
                  active_learning.UNCERTAINTY: "Most uncertain first",
                  active_learning.MIXED: "Most uncertain and varied first (this app)"}
STRATEGY_COLOURS = {active_learning.RANDOM: "#9CA3AF", active_learning.UNCERTAINTY: "#0EA5E9",
                    active_learning.MIXED: "#4F46E5"}
BENCHMARK = Path(__file__).resolve().parent.parent / "bench" / "results" / "active_learning.json"


# ----- cached reads -------------------------------------------------------------------------

@st.cache_data(max_entries=4, show_spinner=False)
def _texts(project_id: str) -> list[str]:
    return labeling.load_texts(labeling.open_project(project_id))


@st.cache_resource(max_entries=4, show_spinner="Reading the texts (once per project)...")
def _features(project_id: str) -> prelabel.TextFeatures:
    return prelabel.TextFeatures(_texts(project_id))


@st.cache_resource(max_entries=2, show_spinner="Loading the fine-tuned model (once per run)...")
def _predictor(run_path: str) -> Any:
    return prelabel.load_predictor(Path(run_path))


@st.cache_data(max_entries=4, show_spinner=False)
def _columns(path: str) -> tuple[list[str], str]:
    frame = read_table(path)
    return [str(c) for c in frame.columns], labeling.text_column_guess(frame)


# ----- actions (button callbacks: they run before the page is drawn again) -------------------

def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def _guarded(action: Any) -> Any:
    """A callback running `action`; a UserError becomes the message at the top of the page."""
    def run(*args: Any) -> None:
        try:
            action(*args)
        except UserError as exc:
            _say("error", f"{exc.message} {exc.fix}".strip())
    return run


def _label_item(project_id: str, item: int, value: list[Any], source: str) -> None:
    project = labeling.open_project(project_id)
    labeling.label(project, item, value, _texts(project_id), source)
    st.session_state.pop(CURRENT, None)
    state = labeling.label_state(project)
    started = label_training.maybe_auto_train(project, state, _texts(project_id))
    if started is not None:
        _say("info", f"A model started training in the background on {len(state.labels):,} "
                     f"labels; its suggestions replace the quick model's once it is better.")


def _label_selected(project_id: str, item: int) -> None:
    chosen = st.session_state.get(f"label_choice_{project_id}_{item}") or []
    _label_item(project_id, item, list(chosen), "manual")


def _skip_item(project_id: str, item: int) -> None:
    labeling.skip(labeling.open_project(project_id), item, len(_texts(project_id)))
    st.session_state.pop(CURRENT, None)


def _undo_last(project_id: str) -> None:
    item = labeling.undo(labeling.open_project(project_id))
    if item is None:
        _say("info", "There is nothing to undo.")
    else:
        st.session_state[CURRENT] = (project_id, item)


def _open_chosen(project_id: str, key: str) -> None:
    st.session_state[CURRENT] = (project_id, int(st.session_state[key]))
    st.session_state[TAB] = TABS[0]


def _leave_item() -> None:
    st.session_state.pop(CURRENT, None)


def _table_edits(project_id: str, key: str, items: list[int]) -> None:
    project = labeling.open_project(project_id)
    changes = (st.session_state.get(key) or {}).get("edited_rows") or {}
    for row, change in changes.items():
        if change.get("label"):
            labeling.label(project, items[int(row)], [change["label"]], _texts(project_id),
                           "table")


def _auto_train_setting(project_id: str) -> None:
    project = labeling.open_project(project_id)
    project.auto_train = bool(st.session_state.get("label_auto_train"))
    labeling.save_project(project)


_give_label = _guarded(_label_item)
_give_selected = _guarded(_label_selected)
_skip = _guarded(_skip_item)
_undo = _guarded(_undo_last)
_open_item = _guarded(_open_chosen)
_apply_table_edits = _guarded(_table_edits)
_save_settings = _guarded(_auto_train_setting)


# ----- creating and choosing a project ------------------------------------------------------

def _keep_upload(file: Any) -> dict[str, str]:
    """Store the upload once it reads; a file that cannot be read is not kept, or the Data
    page would offer it as the newest earlier upload."""
    kept = uploads.save_upload(file.name, file.getvalue())
    try:
        _columns(str(kept.path))
    except Exception:
        uploads.discard_upload(kept)
        raise
    return {"file_id": file.file_id, "path": str(kept.path), "name": kept.name}


def create_form() -> None:
    st.subheader("New label project")
    file = st.file_uploader(
        "Texts to label", type=[s.lstrip(".") for s in labeling.TEXT_SUFFIXES],
        key="label_upload",
        help=f"CSV, TSV, Excel, JSONL or TXT with one text a line, up to "
             f"{uploads.max_upload_mb()} MB; labels are not needed.")
    if file is None:
        st.info("Upload the texts you want to label. You choose the labels below; the app "
                "suggests labels once you have given a few, and can train a model on them.")
        return
    saved = st.session_state.get("label_upload_saved") or {}
    if saved.get("file_id") != file.file_id:
        saved = _keep_upload(file)
        st.session_state["label_upload_saved"] = saved
    columns, guess = _columns(saved["path"])
    column = columns[0]
    if len(columns) > 1:
        column = st.selectbox("Column with the texts", columns, index=columns.index(guess),
                              key="label_new_column",
                              help="The column whose texts you will label; other columns are "
                                   "ignored.")
    task = st.radio("What to label", list(TASK_NAMES), format_func=TASK_NAMES.get,
                    key="label_new_task", horizontal=True,
                    help="A label for each whole text, or entities marked inside the texts.")
    ner = task == labeling.NER
    names = st.text_input("Entity types" if ner else "Labels", key="label_new_labels",
                          placeholder="PER, ORG, LOC" if ner else "positive, negative",
                          help="The names to choose from, separated by commas.")
    multi = False
    if not ner:
        multi = st.checkbox("A text can have several labels", key="label_new_multi",
                            help="Tick when one text may carry more than one label at once.")
    name = st.text_input("Project name", value=Path(saved["name"]).stem, max_chars=100,
                         key="label_new_name", help="A name to find the project again.")
    if st.button("Create the project", type="primary", icon=":material/add:",
                 key="label_create", help="Read the texts and start labeling."):
        texts, notes = labeling.read_texts(Path(saved["path"]), column)
        project = labeling.create_project(name, task, names.split(","), texts,
                                          source=saved["name"], multi_label=multi)
        st.session_state[PROJECT] = project.project_id
        st.session_state[OPEN_NEXT] = project.project_id
        _say("success", " ".join([f"Project created with {len(texts):,} texts.", *notes]))
        st.rerun()


def choose_project() -> labeling.Project | None:
    projects = {p.project_id: p for p in labeling.list_projects()}
    if not projects:
        create_form()
        return None
    options = [*projects, NEW]
    created = st.session_state.pop(OPEN_NEXT, None)
    if created in options:
        st.session_state["label_pick"] = created
    elif st.session_state.get("label_pick") not in options:  # first visit, or back on the page
        wanted = st.session_state.get(PROJECT)
        st.session_state["label_pick"] = wanted if wanted in options else next(iter(projects))
    chosen = st.selectbox(
        "Label project", options, key="label_pick",
        format_func=lambda k: "New project..." if k == NEW else
        f"{projects[k].name} ({_format.when(projects[k].created)})",
        help="Projects are kept in the workspace; pick one to go on labeling.")
    st.session_state[PROJECT] = chosen
    if chosen == NEW:
        create_form()
        return None
    return projects[chosen]


# ----- suggestions and ranking --------------------------------------------------------------

def model_view(project: labeling.Project, state: labeling.LabelState,
               texts: list[str]) -> dict[str, Any]:
    """Suggestions and the ranking, recomputed when enough labels or a better model arrived."""
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
    with st.spinner("Updating the suggestions..."):
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
              "ranking": ranking, "run_path": str(run.path) if run else None}
    st.session_state[MODEL] = cached
    return cached


def _pool_sample(unlabeled: list[int], seed: int) -> list[int]:
    if len(unlabeled) <= MODEL_POOL:
        return unlabeled
    import random

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
                                                 [item], suggestions.source, suggestions.n_labels)
    if suggestions is None:
        return None
    return suggestions.spans.get(item) if project.is_ner else suggestions.label_for(item)


def source_note(project: labeling.Project, state: labeling.LabelState,
                view: dict[str, Any]) -> str:
    suggestions = view["suggestions"]
    if suggestions is None:
        return prelabel.quick_ready(project, state) or "No suggestions yet."
    return (f"Suggestions and order from the {suggestions.source}, trained on "
            f"{suggestions.n_labels:,} labels.")


# ----- the views ----------------------------------------------------------------------------

def header(project: labeling.Project, state: labeling.LabelState, n_texts: int) -> None:
    progress = labeling.progress(state, n_texts)
    what = "entity types" if project.is_ner else "labels"
    st.caption(f"{TASK_NAMES[project.task].split(':')[0]} · {n_texts:,} texts from "
               f"{_format.md(project.source or 'a file')} · {what}: "
               f"{_format.md(', '.join(project.labels))}")
    st.progress(progress.share, text=f"{progress.labeled:,} of {progress.total:,} labeled"
                + (f" · {progress.skipped:,} skipped" if progress.skipped else ""))
    counts = state.counts()
    if counts:
        st.caption(" · ".join(f"{_format.md(k)}: {counts[k]:,}" for k in project.labels
                              if counts[k]))
    active = [r for r in label_training.project_runs(project) if r.is_active]
    if active:
        run = active[0]
        steps = f", step {run.step:,} of {run.total_steps:,}" if run.total_steps else ""
        st.caption(f":material/model_training: A model is "
                   f"{_format.STATE_WORDS.get(run.state, run.state)} in the background{steps}.")


def current_item(project: labeling.Project, state: labeling.LabelState, n_texts: int,
                 ranking: list[active_learning.RankedItem], order: str) -> tuple[int | None, bool]:
    """The item to show and whether it was opened on purpose (an edit or an undo)."""
    chosen = st.session_state.get(CURRENT)
    if chosen and chosen[0] == project.project_id and 0 <= chosen[1] < n_texts:
        return chosen[1], True
    queue = [r.item for r in ranking] if order == "smart" else None
    return labeling.next_item(state, n_texts, queue), False


def label_view(project: labeling.Project, state: labeling.LabelState, texts: list[str],
               view: dict[str, Any]) -> None:
    order = _session.widget(
        st.segmented_control, "Order", "label_order", "smart", options=list(ORDERS),
        format_func=ORDERS.get,
        help="Most useful first: the texts the model is least sure about, varied; "
             "file order: as in your file.") or "smart"
    item, opened = current_item(project, state, len(texts), view["ranking"], order)
    if item is None:
        st.success("Every text is labeled. Export the labels or train a model on them.",
                   icon=":material/task_alt:")
        return
    where = f"Text {item + 1:,} of {len(texts):,}"
    if item in state.labels:
        where += " · changing an earlier label"
    elif item in state.skipped:
        where += " · skipped before"
    st.caption(where)
    suggestion = suggestion_for(project, view, texts, item)
    note = view["suggestions"].source if view["suggestions"] is not None else ""
    if project.is_ner:
        tag_text(project, state, item, texts[item], suggestion, note, _give_label)
    elif project.multi_label:
        choose_labels(project, state, item, texts[item])
    else:
        choose_label(project, state, item, texts[item], suggestion, note)
    with st.container(horizontal=True):
        st.button("Skip", key="label_skip", icon=":material/skip_next:", shortcut="S",
                  on_click=_skip, args=(project.project_id, item),
                  help="Leave this text for later; it comes back when the others are done. "
                       "Shortcut: S.")
        st.button("Undo", key="label_undo", icon=":material/undo:", shortcut="U",
                  on_click=_undo, args=(project.project_id,),
                  help="Take back the last label or skip and show that text again. Shortcut: U.")
        if opened:
            st.button("Back to the queue", key="label_back", icon=":material/list:",
                      on_click=_leave_item,
                      help="Leave this text as it is and go on with the next one.")
    st.caption(plain(source_note(project, state, view)))


def choose_label(project: labeling.Project, state: labeling.LabelState, item: int, text: str,
                 suggestion: tuple[str, float] | None, source: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    current = (state.labels.get(item) or [None])[0]
    if suggestion is not None:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(f"Suggestion: **{plain(suggestion[0])}** ({suggestion[1]:.0%} sure, "
                      f"{plain(source)})")
        right.button("Accept", key="label_accept", icon=":material/done:", shortcut="A",
                     on_click=_give_label,
                     args=(project.project_id, item, [suggestion[0]], "suggestion"),
                     help="Give the text the suggested label. Shortcut: A.")
    with st.container(horizontal=True):
        for k, name in enumerate(project.labels):
            marked = name == current or (suggestion is not None and name == suggestion[0])
            st.button(_format.md(name), key=f"label_button_{k}",
                      type="primary" if marked else "secondary",
                      shortcut=str(k + 1) if k < 9 else None, on_click=_give_label,
                      args=(project.project_id, item, [name], "manual"),
                      help=f"Label this text {_format.md(name)}"
                           + (f" (shortcut: {k + 1})." if k < 9 else "."))


def choose_labels(project: labeling.Project, state: labeling.LabelState, item: int,
                  text: str) -> None:
    with st.container(border=True):
        st.markdown(plain(text))
    key = f"label_choice_{project.project_id}_{item}"
    if key not in st.session_state:
        st.session_state[key] = list(state.labels.get(item) or [])
    st.pills("Labels", project.labels, selection_mode="multi", key=key,
             format_func=_format.md, help="Every label that applies to this text.")
    st.button("Save and next", type="primary", key="label_save_labels", icon=":material/check:",
              shortcut="N", on_click=_give_selected, args=(project.project_id, item),
              help="Store the chosen labels and show the next text. Shortcut: N.")


def labeled_view(project: labeling.Project, state: labeling.LabelState,
                 texts: list[str]) -> None:
    if not state.labels:
        st.info("Nothing is labeled yet.")
        return
    items = list(reversed(state.order))[:TABLE_ROWS]
    st.caption(f"The {len(items):,} most recent labels, newest first"
               + (f" (of {len(state.labels):,})." if len(state.labels) > len(items) else "."))
    if project.is_ner or project.multi_label:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [describe(project, texts[i], state.labels[i])
                                        for i in items],
                              "by": [state.sources.get(i, "") for i in items]},
                             index=[i + 1 for i in items])
        st.dataframe(table, width="stretch", column_config=_table_columns())
    else:
        table = pd.DataFrame({"text": [texts[i] for i in items],
                              "label": [state.labels[i][0] for i in items],
                              "by": [state.sources.get(i, "") for i in items]},
                             index=[i + 1 for i in items])
        key = f"label_table_{state.n_events}"  # a fresh editor after every change
        st.data_editor(table, key=key, width="stretch", disabled=["text", "by"],
                       column_config={**_table_columns(), "label": st.column_config.SelectboxColumn(
                           "label", options=project.labels, required=True,
                           help="Pick another label to change it; it is saved at once.")},
                       on_change=_apply_table_edits, args=(project.project_id, key, items))
    key = "label_open_item"
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    left.selectbox("Open a labeled text", items, key=key,
                   format_func=lambda i: f"{i + 1}: {texts[i][:80]}",
                   help="Show this text in the Label tab to change its label.")
    right.button("Open", key="label_open", icon=":material/edit:", on_click=_open_item,
                 args=(project.project_id, key),
                 help="Show the chosen text in the Label tab.")


def _table_columns() -> dict[str, Any]:
    return {"_index": st.column_config.NumberColumn("#", help="The text's row in your file."),
            "text": st.column_config.TextColumn("text", width="large"),
            "by": st.column_config.TextColumn(
                "by", help="manual: a button; suggestion: an accepted suggestion; table: a "
                           "change in this table.")}


def describe(project: labeling.Project, text: str, value: list[Any]) -> str:
    if not project.is_ner:
        return " | ".join(value)
    tokens = labeling.item_tokens(text)
    return "; ".join(f"{' '.join(tokens[a:b])} ({kind})" for a, b, kind in value) or "(none)"


def next_view(project: labeling.Project, state: labeling.LabelState, texts: list[str],
              view: dict[str, Any]) -> None:
    ranking = [r for r in view["ranking"]
               if r.item not in state.labels and r.item not in state.skipped]
    if not ranking:
        st.info("No unlabeled text is left to rank.")
        return
    if view["suggestions"] is None:
        st.caption("Until the model can suggest labels, these are typical texts of different "
                   "kinds, so the first labels cover the data.")
    else:
        st.caption("The texts the model is least sure about, picked so that they differ from "
                   "each other: labeling these teaches it most.")
    table = pd.DataFrame({
        "text": [texts[r.item] for r in ranking],
        "suggestion": [r.suggestion for r in ranking],
        "confidence": [r.confidence for r in ranking],
        "why": [r.reason for r in ranking]}, index=[r.item + 1 for r in ranking])
    st.dataframe(table, width="stretch", column_config={
        **_table_columns(),
        "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0,
                                                      format="percent",
                                                      help="How sure the model is of its "
                                                           "suggestion.")})
    with st.container(horizontal=True):
        st.download_button("Download this list (CSV)",
                           data=csv_safe.frame_bytes(table.rename_axis("row"), index=True),
                           file_name="label-these-next.csv", mime="text/csv",
                           key="label_next_download", on_click="ignore",
                           icon=":material/download:",
                           help="The texts to label next, with the suggestions, as a table.")
        if st.button("Refresh the list", key="label_refresh_list", icon=":material/refresh:",
                     help="Refit the quick model on every label so far and rank again."):
            st.session_state[REFRESH] = True
            st.rerun()


def export_view(project: labeling.Project, state: labeling.LabelState,
                texts: list[str]) -> None:
    st.markdown("**Download the labels**")
    rows = labeling.labeled_rows(project, state, texts)
    with st.container(horizontal=True):
        for fmt in labeling.EXPORT_FORMATS[project.task]:
            st.download_button(
                f"Labels as {fmt.upper()}",
                data=labeling.export_bytes(project, rows, fmt) if rows else b"",
                file_name=labeling.export_filename(project, fmt), key=f"label_export_{fmt}",
                mime="text/csv" if fmt == "csv" else "text/plain", on_click="ignore",
                icon=":material/download:", disabled=not rows,
                help="Every labeled text in a format the Data page reads back.")
    st.markdown("**Train a model**")
    problem = label_training.training_readiness(project, state)
    previous = label_training.latest_model_run(project)
    st.caption("A run trains in the background on every label so far and goes on from the "
               "project's last model" if previous else
               "A run trains in the background on every label so far, from the built-in model")
    if st.button("Train a model on these labels", type="primary", key="label_train",
                 icon=":material/model_training:", disabled=problem is not None,
                 help=_format.md(problem) if problem else "Starts a run you can watch on the "
                      "Train page; this page keeps working meanwhile."):
        info = label_training.send_to_training(project, state, texts)
        st.session_state[_session.RUN_ID] = info.run_id
        _say("success", f"Training started on {len(state.labels):,} labels"
             + (" (it waits for the run training now)." if info.state == "queued" else "."))
        st.rerun()
    if problem:
        st.caption(_format.md(problem))
    st.toggle("Train in the background as I label", value=project.auto_train,
              key="label_auto_train", on_change=_save_settings, args=(project.project_id,),
              help=f"Starts a run after {label_training.AUTO_TRAIN_FIRST} labels and again "
                   f"after every {label_training.AUTO_TRAIN_EVERY} new ones.")
    project_runs = label_training.project_runs(project)
    if project_runs:
        st.dataframe(pd.DataFrame({
            "run": [r.name for r in project_runs],
            "state": [_format.STATE_WORDS.get(r.state, r.state) for r in project_runs],
            "test score": [label_training.run_score(r) for r in project_runs],
            "started": [_format.when(r.created) for r in project_runs]}), hide_index=True,
            width="stretch")
        if st.button("Open the Train page", key="label_to_train", icon=":material/monitoring:",
                     help="Watch the newest run of this project learn."):
            st.session_state[_session.RUN_ID] = project_runs[0].run_id
            st.switch_page("pages/train.py", query_params={"run": project_runs[0].run_id})
    with st.expander("Delete this project", icon=":material/delete:"):
        sure = st.checkbox("Yes, delete the project and its labels", key="label_delete_sure",
                           help="The labels are lost; runs trained from them are kept.")
        if st.button("Delete", key="label_delete", disabled=not sure,
                     help="Remove the project from the workspace."):
            labeling.delete_project(project.project_id)
            st.session_state.pop(PROJECT, None)
            st.session_state.pop(MODEL, None)
            _say("success", f"Project {project.name} was deleted.")
            st.rerun()


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


# ----- the page -----------------------------------------------------------------------------

def show_message() -> None:
    kind, text = st.session_state.pop(MESSAGE, (None, None))
    if text:  # the messages name projects, files, columns and labels: shown literally
        show = {"error": st.error, "warning": st.warning, "success": st.success}.get(kind, st.info)
        show(_format.md(text))


def render() -> None:
    st.title("Label")
    show_message()
    project = choose_project()
    if project is None:
        return
    texts = _texts(project.project_id)
    state = labeling.label_state(project)
    header(project, state, len(texts))
    view = model_view(project, state, texts)
    tabs = st.tabs(TABS, key=TAB, on_change="rerun")
    views = (lambda: label_view(project, state, texts, view),
             lambda: labeled_view(project, state, texts),
             lambda: next_view(project, state, texts, view),
             lambda: export_view(project, state, texts),
             lambda: smart_order_view(project, state, texts))
    for tab, draw in zip(tabs, views):
        if tab.open is not False:
            with tab, _errors.guarded("showing this part of the project"):
                draw()


try:
    render()
except UserError as exc:
    _errors.show_error(exc)
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "showing the label project")
