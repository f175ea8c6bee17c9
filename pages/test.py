"""Step 4, Test: is the model good enough, where does it go wrong, and take it away.

Sections: the report on held-back examples (next to quick baselines), the examples it gets
wrong, a playground, batch prediction of a file, two runs compared on the same inputs, and the
export zip. Everything is read from the run folder or computed by core; the model is loaded
once per run and cached (st.cache_resource), never per keystroke.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core.errors import UserError
from core.evaluate import baseline, compare, error_analysis, verdict
from core.predict import batch_predict
from core.scoring import thresholds
from core.serve.export import model_card, prepared_export
from core.workspace import runs
from core.workspace.uploads import safe_filename
from pages import _calibration, _entry, _errors, _format, _learning_curve, _session
from pages import _report_visuals as visuals

_entry.run_through_app()

USABLE_STATES = ("completed", "stopped")
BASELINE_NAMES = {
    "tfidf_logreg": "Quick keyword model (TF-IDF + logistic regression)",
    "majority": "Always the most common answer",
    "word_memory": "Word memory (each word's most frequent tag)",
}
NER_BASELINE_NAMES = {**BASELINE_NAMES, "majority": "Marking no entities at all"}
BATCH_RESULT = "test_batch_result"
COMPARE_RESULT = "test_compare_result"
TEST_RUN = "test_run"  # the picker's key
TABLE_ROWS = 200  # rows of a table shown on the page; downloads have them all


# ----- loading ------------------------------------------------------------------------------

@st.cache_resource(max_entries=3, show_spinner="Loading the model (once per run)...")
def _load_predictor(run_path: str, stamp: tuple[float, float]) -> Any:
    from core.predict.inference import Predictor

    return Predictor(Path(run_path))


def predictor_for(run: runs.RunInfo) -> Any:
    """The run's model, loaded once; a retrained or rescored run gets a fresh load."""
    def mtime(path: Path) -> float:
        return path.stat().st_mtime if path.exists() else 0.0

    return _load_predictor(str(run.path), (mtime(run.path / "model" / "config.json"),
                                           mtime(run.path / "eval.json")))


@st.cache_data(max_entries=6, show_spinner=False)
def _records(run_path: str, split: str, stamp: float) -> list[dict[str, Any]]:
    return error_analysis.load_records(Path(run_path), split)


def records_for(run: runs.RunInfo, split: str) -> list[dict[str, Any]]:
    path = run.path / f"{split}_predictions.jsonl"
    return _records(str(run.path), split, path.stat().st_mtime if path.exists() else 0.0)


def kind_of(run: runs.RunInfo, evaluation: dict[str, Any]) -> str:
    if (evaluation.get("task") or run.task) == "token-classification":
        return "ner"
    return "multi_label" if evaluation.get("multi_label") else "single_label"


def entity_colours(evaluation: dict[str, Any], found: list[str]) -> dict[str, str]:
    """One colour per entity type of the run, the same in every section."""
    types = {str(x)[2:] for x in evaluation.get("labels") or [] if str(x)[:2] in ("B-", "I-")}
    return visuals.type_colours(sorted(types | set(found)))


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def scores_table(per_class: dict[str, dict[str, float]], what: str) -> pd.DataFrame:
    rows = [{what: name, "precision": v.get("precision", 0.0), "recall": v.get("recall", 0.0),
             "F1": v.get("f1", 0.0), "examples": int(v.get("support", 0))}
            for name, v in per_class.items()]
    return pd.DataFrame(rows, columns=[what, "precision", "recall", "F1", "examples"])


SCORE_COLUMNS = {c: st.column_config.NumberColumn(c, format="%.3f")
                 for c in ("precision", "recall", "F1")}


# ----- report -------------------------------------------------------------------------------

def headline(kind: str, report: dict[str, Any], evaluation: dict[str, Any], split: str,
             records: list[dict[str, Any]]) -> None:
    n, correct = int(report.get("n", 0)), int(report.get("correct", 0))
    unit = "sentences" if kind == "ner" else "texts"
    if kind == "ner":
        metric, name = "f1", "entity F1"
        st.markdown(f"### Gets every entity right in {correct} of {n} {split} {unit}")
        st.markdown(f"Of the entities it marks, **{percent(report.get('precision'))}** are "
                    f"right; it finds **{percent(report.get('recall'))}** of the real ones "
                    f"(entity F1 {percent(report.get('f1'))}).")
    elif kind == "multi_label":
        metric, name = "subset_accuracy", "exact match"
        st.markdown(f"### All labels exactly right on {correct} of {n} {split} {unit}")
        st.markdown(f"Micro-F1 **{report.get('micro_f1', 0):.3f}**, macro-F1 "
                    f"**{report.get('macro_f1', 0):.3f}** (1.0 would be perfect).")
    else:
        metric, name = "accuracy", "accuracy"
        st.markdown(f"### Correct on {correct} of {n} {split} {unit}")
        st.markdown(f"Accuracy **{percent(report.get('accuracy'))}**, macro-F1 "
                    f"**{report.get('macro_f1', 0):.3f}** (the average over labels, so rare "
                    f"labels count as much as common ones).")
    value = float(report.get(metric, 0.0))
    names = NER_BASELINE_NAMES if kind == "ner" else BASELINE_NAMES
    baselines = {names.get(k, k): float(v[metric])
                 for k, v in (evaluation.get("baselines") or {}).items()
                 if isinstance(v, dict) and isinstance(v.get(metric), (int, float))}
    if not baselines:
        st.caption("No quick baseline was saved with this run, so there is nothing to compare "
                   "with.")
        return
    best_key = max((k for k, v in (evaluation.get("baselines") or {}).items()
                    if names.get(k, k) in baselines), key=lambda k: baselines[names.get(k, k)])
    best_name = names.get(best_key, best_key)
    said = baseline_verdict(kind, evaluation, records, metric, name, split, best_key, best_name)
    colour = {"win": "normal", "loss": "normal", "tie": "off"}[said.outcome]
    cols = st.columns(1 + len(baselines))
    cols[0].metric(f"Fine-tuned model ({_format.md(name)})", percent(value),
                   delta=f"{(value - baselines[best_name]) * 100:+.1f} points vs the best "
                         "quick baseline", delta_color=colour,
                   help="The model you trained, on examples it never saw while learning. The "
                        "difference is grey when the test examples cannot tell the two apart.")
    for col, (label, score) in zip(cols[1:], baselines.items()):
        col.metric(label, percent(score), help="A simple model trained in seconds on the same "
                   "data: what you get without fine-tuning.")
    show = {"win": st.success, "loss": st.warning, "tie": st.info}[said.outcome]
    icon = {"win": ":material/trending_up:", "loss": ":material/trending_down:",
            "tie": ":material/trending_flat:"}[said.outcome]
    show(_format.md(said.sentence), icon=icon)
    st.plotly_chart(visuals.before_after(value, baselines, name), key="test_before_after")


def baseline_verdict(kind: str, evaluation: dict[str, Any], records: list[dict[str, Any]],
                     metric: str, name: str, split: str, key: str,
                     label: str) -> verdict.Verdict:
    """The model against the best baseline, with the range its test examples allow."""
    diff = baseline.compared_with_model(evaluation, records, kind, metric)[key]
    correct = None
    if metric in ("accuracy", "subset_accuracy"):
        correct = (round(diff.score_a * diff.n), round(diff.score_b * diff.n))
    return verdict.model_vs_baseline(diff, label, name, "sentence" if kind == "ner" else "text",
                                     split, correct)


def classification_report(report: dict[str, Any]) -> None:
    st.markdown("**Scores per label**")
    table = scores_table(report.get("per_class") or {}, "label")
    st.dataframe(table, hide_index=True, column_config=SCORE_COLUMNS, key="test_per_class")
    st.caption("Precision: when the model says this label, how often it is right. Recall: of "
               "the texts that have this label, how many it finds. F1 combines both.")
    if not table.empty:
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_class_chart")
    matrix = report.get("confusion_matrix") or {}
    if matrix.get("counts"):
        st.markdown("**Which labels get confused** (rows: the correct label, columns: the "
                    "model's answer; the diagonal is right)")
        view = st.radio("Show", ["Counts", "Shares of each correct label"], horizontal=True,
                        key="test_matrix_view",
                        help="Counts: number of texts. Shares: each row adds up to 100%, "
                             "so rare labels are as easy to read as common ones.")
        st.plotly_chart(visuals.confusion_heatmap(matrix["labels"], matrix["counts"],
                                                  normalised=view != "Counts"),
                        key="test_confusion")


def multi_label_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
                       split: str) -> None:
    records = records_for(run, split)
    saved = float(evaluation.get("threshold") or 0.5)
    if records and any("scores" in r for r in records):
        threshold = st.slider(
            "Decision threshold", min_value=thresholds.LOWEST, max_value=0.95,
            value=min(0.95, max(thresholds.LOWEST, saved)), step=0.05, key="test_threshold",
            help="A label is given when the model is at least this sure. Lower: more labels, "
                 "fewer missed; higher: fewer labels, fewer wrong ones.")
        report = thresholds.scores_at_threshold(records, evaluation.get("labels") or
                                                list(report.get("per_class") or {}), threshold)
        cols = st.columns(3)
        cols[0].metric("Exact match", percent(report["subset_accuracy"]),
                       help="Texts whose labels are all exactly right.")
        cols[1].metric("Micro-F1", f"{report['micro_f1']:.3f}",
                       help="Over all label decisions together.")
        cols[2].metric("Macro-F1", f"{report['macro_f1']:.3f}",
                       help="The average over labels, so rare labels count as much.")
        if abs(threshold - saved) > 1e-9:
            st.caption(f"Scores recomputed at threshold {threshold:.2f}; the model was scored "
                       f"at {saved:.2f}. The downloaded model's usage snippet leaves the "
                       "threshold to you.")
    else:
        st.caption("This run saved no per-text probabilities, so the threshold cannot be "
                   "changed here; these are the scores at the saved threshold.")
    st.markdown("**Scores per label**")
    st.dataframe(scores_table(report.get("per_class") or {}, "label"), hide_index=True,
                 column_config=SCORE_COLUMNS, key="test_per_label")
    if report.get("per_class"):
        st.plotly_chart(visuals.per_class_bars(report["per_class"]), key="test_per_label_chart")


def ner_report(run: runs.RunInfo, report: dict[str, Any], evaluation: dict[str, Any],
               split: str) -> None:
    st.markdown("**Scores per entity type**")
    per_type = report.get("per_class") or {}
    st.dataframe(scores_table(per_type, "entity type"), hide_index=True,
                 column_config=SCORE_COLUMNS, key="test_per_type")
    st.caption("An entity counts as right only when its type and its exact words both match.")
    if per_type:
        st.plotly_chart(visuals.per_class_bars(per_type, "entity type"),
                        key="test_per_type_chart")
    records = records_for(run, split)
    if not records:
        st.caption("This run saved no per-sentence predictions to show.")
        return
    st.markdown(f"**{split.capitalize()} sentences: correct entities next to the model's**")
    left, right = st.columns([2, 1])
    only = left.toggle("Only sentences with mistakes", value=True, key="test_ner_only_mistakes",
                       help="Hide the sentences where the model found exactly the right "
                            "entities.")
    shown = right.number_input("Sentences to show", min_value=5, max_value=500, value=25,
                               step=25, key="test_ner_count",
                               help="How many sentences to list on the page.")
    sentences = error_analysis.ner_sentences(records, only_mistakes=only)
    if not sentences:
        st.success("No mistakes: every sentence has exactly the right entities.")
        return
    colours = entity_colours(evaluation, [k for s in sentences
                                          for k, _, _ in s["gold"] + s["predicted"]])
    rows = "".join(
        f"<tr><td>{s['number']}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['gold'], colours)}</td>"
        f"<td>{visuals.tokens_with_spans(s['tokens'], s['predicted'], colours)}</td></tr>"
        for s in sentences[:int(shown)])
    st.html(f"<div>{visuals.legend(colours)}</div>"
            '<table style="width:100%;border-collapse:collapse;line-height:1.9">'
            "<tr><th>#</th><th>Correct</th><th>Model</th></tr>" + rows + "</table>")
    st.caption(f"{min(len(sentences), int(shown))} of {len(sentences)} sentences shown.")


def report_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    if split is None:
        st.warning("This run has no report: it was stopped before it could be scored, or its "
                   "eval.json is missing. Train it again to get one.", icon=":material/warning:")
        return
    if split == "validation":
        st.warning("This run kept no test examples, so the scores below are on the validation "
                   "examples. Those also chose the best checkpoint, so they may be slightly "
                   "optimistic. Give a test share above 0 on the Data page for a fair score.",
                   icon=":material/warning:")
    report = evaluation[split]
    kind = kind_of(run, evaluation)
    headline(kind, report, evaluation, split, records_for(run, split))
    st.divider()
    if kind == "ner":
        ner_report(run, report, evaluation, split)
    elif kind == "multi_label":
        multi_label_report(run, report, evaluation, split)
    else:
        classification_report(report)
    st.divider()
    _calibration.render(evaluation, kind)


# ----- mistakes -----------------------------------------------------------------------------

def download_table(table: pd.DataFrame, label: str, file_name: str, key: str, help: str) -> None:
    st.download_button(label, data=error_analysis.relabel_csv(table), file_name=file_name,
                       mime="text/csv", key=key, help=help, on_click="ignore",
                       icon=":material/download:", disabled=table.empty)


def mistakes_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    split = error_analysis.report_split(evaluation)
    records = records_for(run, split) if split else []
    if not records:
        st.info("This run saved no per-example predictions, so there are no mistakes to list.")
        return
    relabel_help = ("A CSV to open in a spreadsheet: fix the labels in the empty "
                    "'corrected_label' column, then train again with the corrected file.")
    if kind_of(run, evaluation) == "ner":
        table = error_analysis.ner_mistakes(records)
        st.markdown(f"**{len(table)} of {len(records)} {split} sentences have a mistake**")
        st.dataframe(table.head(TABLE_ROWS), hide_index=True, key="test_ner_mistakes")
        download_table(table, "Download these sentences (CSV)", f"{run.run_id}-mistakes.csv",
                       "test_download_mistakes", relabel_help)
        return
    wrong = error_analysis.mistakes(records)
    confidence = {"confidence": st.column_config.ProgressColumn(
        "confidence", min_value=0.0, max_value=1.0, format="percent",
        help="How sure the model was of its answer.")}
    st.markdown(f"**Wrong on {len(wrong)} of {len(records)} {split} texts**, the most "
                "confident mistakes first: those are often examples with a wrong label.")
    if wrong.empty:
        st.success("The model gets every example right.")
    else:
        st.dataframe(wrong.head(TABLE_ROWS), hide_index=True, column_config=confidence,
                     key="test_mistakes")
    download_table(wrong, "Download the mistakes to relabel (CSV)", f"{run.run_id}-mistakes.csv",
                   "test_download_mistakes", relabel_help)
    unsure = error_analysis.least_confident_correct(records)
    st.markdown("**Right, but barely**: the correct answers the model was least sure of.")
    st.dataframe(unsure, hide_index=True, column_config=confidence, key="test_unsure")
    download_table(unsure, "Download these (CSV)", f"{run.run_id}-least-confident.csv",
                   "test_download_unsure", relabel_help)


# ----- playground ---------------------------------------------------------------------------

def playground_section(run: runs.RunInfo, evaluation: dict[str, Any]) -> None:
    kind = kind_of(run, evaluation)
    text = st.text_area("Text to try", key="test_play_text", height=110,
                        placeholder="Type or paste a text, then press Ctrl+Enter.",
                        help="The model answers when you press Ctrl+Enter or click outside "
                             "the box.")
    pair_column = (run.config.get("data") or {}).get("text_pair_column")
    pair = st.text_area("Second text", key="test_play_pair", height=80,
                        help=f"This model reads pairs of texts; this is the "
                             f"'{pair_column}' part.") if pair_column else None
    top_k = 5
    n_labels = len(evaluation.get("labels") or [])
    if kind != "ner" and n_labels > 2:
        top_k = st.slider("Labels to show", 1, min(10, n_labels), min(5, n_labels),
                          key="test_play_top_k", help="How many of the most likely labels "
                                                      "to draw.")
    if not (text or "").strip():
        st.caption("The answer appears here.")
        return
    predictor = predictor_for(run)
    started = time.perf_counter()
    result = predictor.predict([text], pairs=[pair or ""] if pair_column else None,
                               top_k=max(top_k, 2))[0]
    latency_ms = (time.perf_counter() - started) * 1000
    if kind == "ner":
        entities = result["entities"]
        colours = entity_colours(evaluation, [e["type"] for e in entities])
        st.html('<div style="line-height:2;font-size:1.05rem">'
                + visuals.text_with_entities(text, entities, colours) + "</div>")
        if entities:
            st.dataframe(pd.DataFrame(entities)[["text", "type", "score", "start", "end"]],
                         hide_index=True, key="test_play_entities")
        else:
            st.caption("No entities found in this text.")
    else:
        answer = ", ".join(result["labels"]) or "(no label reaches the threshold)"
        # the answer is a label name from the training file: shown literally
        st.metric("Model's answer", _format.md(answer),
                  help="The label the model picks for this text.",
                  delta=f"{result['score']:.1%} sure" if result["labels"] else None,
                  delta_arrow="off", delta_color="off")
        st.plotly_chart(visuals.top_k_bars(result["top"][:top_k],
                                           predictor.threshold if predictor.multi_label
                                           else None), key="test_play_chart")
    st.caption(f"Answered in {latency_ms:.0f} ms on {predictor.device.upper()}.")


# ----- batch --------------------------------------------------------------------------------

def _stored_upload(name: str, content: bytes) -> Path:
    """The uploaded file kept under the workspace (not among the training datasets)."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    folder = runs.workspace_dir() / "predictions" / "inputs" / digest
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_filename(name)
    if not path.exists():
        path.write_bytes(content)
    return path


@st.cache_data(max_entries=2, show_spinner="Reading the file...")
def _read_batch(path: str, size: int) -> pd.DataFrame:
    return batch_predict.read_batch_file(path)


def _joined_column(run: runs.RunInfo, frame: pd.DataFrame, column: str,
                   quiet: bool = False) -> str | None:
    """The column a model trained on two joined columns gets joined to `column`, if the file
    has it (and, unless `quiet`, one sentence saying what is read)."""
    join = (run.config.get("data") or {}).get("text_join_column")
    if not join or join == column:
        return None
    if join in frame.columns:
        if not quiet:
            st.caption(f"As in training, each text is joined with its '{_format.md(join)}' "
                       "column.")
        return str(join)
    if not quiet:
        st.warning(f"This model was trained on texts joined with a '{_format.md(join)}' column, "
                   "which this file does not have, so its answers may be off.",
                   icon=":material/warning:")
    return None


def batch_section(run: runs.RunInfo) -> None:
    uploaded = st.file_uploader(
        "File with texts to label", type=[s.lstrip(".") for s in batch_predict.BATCH_SUFFIXES],
        key="test_batch_file",
        help="CSV, Excel, JSONL, or TXT with one text per line. Up to 100,000 rows work fine; "
             "the page shows a preview and the download has every row.")
    if uploaded is None:
        st.caption("The predictions appear here, and as a CSV to download.")
        return
    content = uploaded.getvalue()
    if not content:
        raise UserError(f"{safe_filename(uploaded.name)} is empty, so there is nothing to "
                        "predict.", "Choose a file with one text per row.")
    path = _stored_upload(uploaded.name, content)
    frame = _read_batch(str(path), len(content))
    columns = [str(c) for c in frame.columns]
    default = batch_predict.guess_text_column(frame)
    remembered = st.session_state.get("test_batch_column")
    if remembered is not None and remembered not in columns:
        # A choice kept from another file: say so, then offer this file's columns.
        st.session_state.pop("test_batch_column")
        try:
            batch_predict.check_text_column(frame, remembered, path.name)
        except UserError as exc:
            _errors.show_error(exc)
    column = _session.widget(st.selectbox, "Column with the texts", "test_batch_column",
                             default, options=columns,
                             help="The column the model reads; the other columns are copied "
                                  "to the output unchanged.")
    column = batch_predict.check_text_column(frame, column, path.name)
    job = f"{run.run_id}|{path}|{column}|{_joined_column(run, frame, column, quiet=True)}"
    if (run.config.get("data") or {}).get("text_pair_column"):
        st.warning("This model reads pairs of texts; batch prediction gives it only the "
                   "column above, so its answers may be off.", icon=":material/warning:")
    join = _joined_column(run, frame, column)
    st.caption(f"{_format.md(path.name)}: {len(frame):,} rows.")
    if st.button(f"Predict {len(frame):,} rows", type="primary", key="test_batch_run",
                 icon=":material/play_arrow:",
                 help="Runs the model on every row; you can keep this tab open to watch."):
        bar = st.progress(0.0, text="Starting...")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=f"{done:,} of {total:,} rows")

        output = runs.workspace_dir() / "predictions" / run.run_id / \
            f"{Path(path.name).stem}-{hashlib.sha1(job.encode()).hexdigest()[:8]}.csv"
        result = batch_predict.predict_file(predictor_for(run), frame, column, output,
                                            progress=progress, join_column=join)
        st.session_state[BATCH_RESULT] = {"job": job, "path": str(result.path),
                                          "rows": result.rows, "seconds": result.seconds,
                                          "preview": result.preview, "name": path.stem}
    saved = st.session_state.get(BATCH_RESULT)
    if not saved or saved["job"] != job or not Path(saved["path"]).is_file():
        return
    st.success(f"Predicted {saved['rows']:,} rows in {_format.duration(saved['seconds'])}.")
    st.dataframe(saved["preview"], hide_index=True, key="test_batch_preview")
    if saved["rows"] > len(saved["preview"]):
        st.caption(f"The first {len(saved['preview'])} rows are shown; the CSV has all "
                   f"{saved['rows']:,}.")
    result_path = Path(saved["path"])
    st.download_button("Download the predictions (CSV)", data=result_path.read_bytes,
                       file_name=f"{saved['name']}-predictions.csv", mime="text/csv",
                       key="test_batch_download", on_click="ignore",
                       icon=":material/download:",
                       help="Every row of your file with the model's answer and how sure it "
                            "is; cells that look like formulas are made safe for spreadsheets.")


# ----- compare ------------------------------------------------------------------------------

def compare_section(run: runs.RunInfo, usable: list[runs.RunInfo]) -> None:
    others = {r.run_id: r for r in usable if r.run_id != run.run_id}
    if not others:
        st.info("Train a second run to compare it with this one on the same texts.")
        return
    same_task = [k for k, r in others.items() if r.task == run.task] or list(others)
    labels = run_labels(list(others.values()))
    resend_if_renamed("test_compare_other", labels)
    # sticky options: a choice that is now the tested run itself falls back to the first other
    other_id = _session.widget(st.selectbox, "Compare with", "test_compare_other", same_task[0],
                               options=same_task, format_func=labels.__getitem__,
                               help="Another run of the same task; both answer the same texts.")
    other = others[other_id]
    source = st.radio("On which texts", ["The test set of this run", "Texts I paste"],
                      horizontal=True, key="test_compare_source",
                      help="The test set shows who is right too; pasted texts show only where "
                           "the two runs disagree.")
    pasted = ""
    if source == "Texts I paste":
        pasted = st.text_area("Texts, one per line", key="test_compare_texts", height=120,
                              help="Each line is one text for both runs to answer.")
    if st.button("Compare the two runs", key="test_compare_run", icon=":material/compare:",
                 help="Runs both models on the same texts."):
        compare.check_same_task(run.task, other.task)
        if any((r.config.get("data") or {}).get("text_pair_column") for r in (run, other)):
            raise UserError("Runs that read pairs of texts cannot be compared here yet.",
                            "Try pairs one at a time in the Try it tab.")
        if source == "Texts I paste":
            inputs = compare.pasted_inputs(pasted)
        else:
            split, records = error_analysis.split_inputs(run.path)
            inputs = compare.split_inputs(records, split or "test", run.name or run.run_id)
        with st.spinner("Both runs are answering..."):
            results_a = predictor_for(run).predict(inputs.texts)
            results_b = predictor_for(other).predict(inputs.texts)
        names = (run.name or run.run_id, other.name or other.run_id)
        st.session_state[COMPARE_RESULT] = {
            "key": (run.run_id, other_id), "source": inputs.source,
            "truncated": inputs.truncated, "names": names,
            "result": compare.compare_answers(inputs.texts, results_a, results_b, names,
                                              inputs.gold)}
    saved = st.session_state.get(COMPARE_RESULT)
    if not saved or saved["key"] != (run.run_id, other_id):
        return
    result: compare.Comparison = saved["result"]
    st.markdown(f"On {_format.md(saved['source'])}: the two runs agree on **{result.agree} of "
                f"{result.total}** texts.")
    if saved["truncated"]:
        st.caption(f"Only the first {compare.MAX_TEXTS:,} texts were compared.")
    if result.correct_a is not None:
        cols = st.columns(2)
        for col, name, correct in zip(cols, saved["names"], (result.correct_a,
                                                             result.correct_b)):
            col.metric(f"{_format.md(name)}: right", f"{correct} of {result.total}",
                       help="Texts where this run's answer equals the correct answer.")
        if result.difference is not None:
            st.markdown(_format.md(verdict.run_vs_run(result.difference, *saved["names"],
                                                      (result.correct_a, result.correct_b))))
    if result.disagreements.empty:
        st.success("No disagreements: both runs give the same answer on every text.")
        return
    st.markdown(f"**The {len(result.disagreements)} texts they disagree on**")
    st.dataframe(result.disagreements.head(TABLE_ROWS), hide_index=True,
                 key="test_compare_table")
    download_table(result.disagreements, "Download the disagreements (CSV)",
                   "disagreements.csv", "test_compare_download",
                   "Every text the two runs answer differently.")


# ----- export -------------------------------------------------------------------------------

def export_section(run: runs.RunInfo) -> None:
    if not (run.path / "model" / "config.json").is_file():
        raise UserError(f"Run {run.name or run.run_id} has no saved model to export.",
                        "Export a finished or stopped run.")
    st.markdown("The zip holds the model (safetensors), its tokenizer, a config with the label "
                "names, the scores, the run's settings and this model card. It loads with "
                "`transformers.pipeline`, as the card's Usage section shows.")
    st.download_button("Download the model (.zip)",
                       data=lambda: prepared_export(run.path).read_bytes(),
                       file_name=f"{run.run_id}.zip", mime="application/zip",
                       key="test_export_download", on_click="ignore", type="primary",
                       icon=":material/download:",
                       help="The zip is made when you click (a few seconds for a large model).")
    with st.container(border=True):
        st.markdown(model_card(run.path))


# ----- page ---------------------------------------------------------------------------------

def run_labels(choices: list[runs.RunInfo]) -> dict[str, str]:
    """'name (state, date)' per run id, with the id added where two labels would be equal.

    A select box reports the chosen label, so two equal labels would make the choice jump.
    """
    labels = {r.run_id: _format.run_label(r, with_date=True) for r in choices}
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in labels.items()}


def resend_if_renamed(key: str, labels: dict[str, str]) -> None:
    """Send picker `key` its value again when its chosen run's label changed since last shown.

    The browser keeps the label it was last sent, not the run id behind it, so after a rename
    on the Runs page (or in another tab) it would go on showing the old name until the app
    restarts. Writing the value back makes Streamlit send the choice with its new label.
    """
    shown_key = f"_labels_shown_{key}"
    before = st.session_state.get(shown_key) or {}
    st.session_state[shown_key] = dict(labels)
    value = st.session_state.get(key)
    if value in labels and value in before and before[value] != labels[value]:
        st.session_state[key] = value


def _keep_run_in_url() -> None:
    st.query_params["run"] = st.session_state[TEST_RUN]  # a reload shows the same run


def pick_run(usable: list[runs.RunInfo]) -> runs.RunInfo:
    """The run a link asked for (Continue to Test), else the newest finished one.

    The choice is not remembered across visits: Streamlit drops the widget's value when the
    page is left, so coming back after another run finished shows that newer run, while a
    pick made during this visit holds until the page is left.
    """
    by_id = {r.run_id: r for r in usable}
    labels = run_labels(usable)
    wanted = st.query_params.get("run")
    if st.session_state.get(TEST_RUN) not in by_id:
        st.session_state[TEST_RUN] = wanted if wanted in by_id else usable[0].run_id
    resend_if_renamed(TEST_RUN, labels)
    run_id = st.selectbox("Run to test", list(by_id), key=TEST_RUN,
                          format_func=labels.__getitem__, on_change=_keep_run_in_url,
                          help="Any finished run; the newest is chosen for you.")
    return by_id[run_id]


def render() -> None:
    st.title("4. Test")
    st.caption("How good is the model, where does it go wrong, and take it with you.")
    usable = [r for r in runs.list_runs() if not r.damaged and r.state in USABLE_STATES]
    if not usable:
        st.info("No finished runs yet. Train one on the Train page; it appears here when it "
                "finishes.", icon=":material/info:")
        return
    run = pick_run(usable)
    evaluation = runs.read_eval(run.path) or {}
    if run.state == "stopped":
        st.caption("This run was stopped early; it is tested with its best checkpoint.")
    if evaluation.get("mode") == "few-shot":
        st.caption("Trained in few-shot mode: the model learned from pairs of texts which ones "
                   "share a label, then a simple classifier on top decides.")
    tabs = st.tabs(["Report", "Mistakes", "Try it", "Batch prediction", "Compare",
                    "Label budget", "Export"])
    sections = [
        ("showing the report", lambda: report_section(run, evaluation)),
        ("listing the mistakes", lambda: mistakes_section(run, evaluation)),
        ("running the model on your text", lambda: playground_section(run, evaluation)),
        ("predicting the file", lambda: batch_section(run)),
        ("comparing the runs", lambda: compare_section(run, usable)),
        ("drawing the learning curve", lambda: _learning_curve.render(run)),
        ("preparing the export", lambda: export_section(run)),
    ]
    for tab, (doing, draw) in zip(tabs, sections):
        with tab, _errors.guarded(doing):
            draw()


try:
    render()
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    _errors.show_error(exc, "showing the test page")
