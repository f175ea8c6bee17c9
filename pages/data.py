"""Step 1, Data: choose examples (built-in sample, upload, or an earlier upload), map columns,
read the health report and charts, set the split, then continue to the Model page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core import data as coredata
from core.config import TASKS, DataConfig, RunConfig, TrainingConfig
from core.data import cleaning
from core.data.samples import list_samples
from core.data.wording import counted, number
from core.errors import UserError
from core.models import loading as models
from core.train import presets
from core.workspace import uploads
from pages import _charts, _entry, _errors, _format, _session
from pages._session import widget

TASK_LABELS = {
    "text-classification": "Text classification: one label per text (e.g. sentiment, topic)",
    "token-classification": "Entity recognition: a tag per word (e.g. names, places)",
}
SOURCE_LABELS = {"sample": "A built-in sample", "upload": "Upload a file",
                 "earlier": "A file uploaded earlier"}
NONE = "(none)"
# Widget keys that describe one file; they are reset when another file is chosen.
FILE_KEYS = ("data_task", "data_text", "data_pair", "data_pair_mode", "data_label", "data_split",
             "data_multi", "data_sep", "data_label_names")
PAIR_MODES = {"join": "Joined into one text", "pair": "As a pair of texts"}

_entry.run_through_app()


# ----- cached reads (per file version, shared by sessions; they never change the file) -----

def _signature(path: str) -> tuple[str, float, int]:
    stat = Path(path).stat()
    return path, stat.st_mtime, stat.st_size


@st.cache_data(show_spinner=False, max_entries=16)
def _detect_task(sig: tuple[str, float, int]) -> str:
    return coredata.detect_task(sig[0])


@st.cache_data(show_spinner=False, max_entries=16)
def _read_table(sig: tuple[str, float, int]) -> Any:
    return coredata.read_table(sig[0])


@st.cache_data(show_spinner=False, max_entries=16)
def _read_tagged(sig: tuple[str, float, int]) -> Any:
    return coredata.read_tagged(sig[0])


@st.cache_data(show_spinner=False, max_entries=16)
def _guess_columns(sig: tuple[str, float, int]) -> Any:
    """Column guess once per file version, not on every rerun of the page."""
    return coredata.infer_columns(_read_table(sig))


@st.cache_data(show_spinner=False, max_entries=64)
def _unusable(sig: tuple[str, float, int]) -> bool:
    """True when the file cannot be read as labeled examples (a broken file, or texts kept by
    the Label page without a label column)."""
    try:
        if _detect_task(sig) == "token-classification":
            _read_tagged(sig)
            return False
        return len(_read_table(sig).columns) < 2
    except Exception:  # noqa: BLE001 - any failure to read means: not a file to propose
        return True


def newest_usable(paths: list[str]) -> tuple[str, set[str]]:
    """The newest of `paths` (newest first) that reads as labeled examples, and the newer ones
    that do not; only files up to the first usable one are read."""
    unusable: set[str] = set()
    for path in paths:
        try:
            bad = _unusable(_signature(path))
        except OSError:  # removed by another session meanwhile
            bad = True
        if not bad:
            return path, unusable
        unusable.add(path)
    return paths[0], unusable


def check_readable(path: str) -> None:
    """Read the file once as its detected kind; raises UserError when it cannot be read."""
    sig = _signature(path)
    if _detect_task(sig) == "token-classification":
        _read_tagged(sig)
    else:
        _read_table(sig)


@st.cache_resource(show_spinner=False, max_entries=4)
def _tokenizer(model: str) -> Any:
    return models.load_tokenizer(model)


@st.cache_data(show_spinner=False, max_entries=16)
def _check(config_json: str, sigs: tuple, model: str, max_length: int) -> tuple[Any, Any]:
    """Splits and health report for one configuration (sigs only invalidate the cache)."""
    config = RunConfig.from_dict(json.loads(config_json))
    splits = coredata.make_splits(config)
    try:
        tokenizer = _tokenizer(model)
    except UserError:
        tokenizer = _tokenizer(models.DEFAULT_MODEL)
    report = coredata.build_health_report(splits, tokenizer=tokenizer, max_length=max_length)
    return splits, report


# ----- choosing the file --------------------------------------------------------------------

URL_KEY = "data"  # ?data=<upload id> in the address: a refresh finds the same upload again


def keep_in_address(chosen: dict) -> None:
    """Write the chosen upload's id into the page address (a sample needs none)."""
    upload_id = chosen.get("id") if chosen.get("source") == "upload" else None
    if upload_id and st.query_params.get(URL_KEY) != upload_id:
        st.query_params[URL_KEY] = upload_id
    elif not upload_id and URL_KEY in st.query_params:
        del st.query_params[URL_KEY]


def restore_from_address() -> None:
    """A fresh session (a refresh, a shared link) opens the upload named in the address, when
    it is still kept; the id is checked by core.workspace.uploads, never used as a path as it comes."""
    if st.session_state.get("data_address_read"):
        return
    st.session_state["data_address_read"] = True
    if st.session_state.get(_session.DATASET) or "data_source" in st.session_state:
        return  # this session chose already
    wanted = st.query_params.get(URL_KEY)
    saved = uploads.find_by_id(wanted) if wanted else None
    if saved is None:
        if wanted:
            del st.query_params[URL_KEY]
        return
    st.session_state["data_source"] = "earlier"
    st.session_state["data_earlier"] = str(saved.path)


def choose_dataset(source: str) -> dict | None:
    """The chosen dataset as {"path", "label", "source"}, remembered in the session."""
    chosen = st.session_state.get(_session.DATASET)
    if source == "sample":
        samples = {s.key: s for s in list_samples()}
        key = widget(st.selectbox, "Sample dataset", "data_sample", next(iter(samples)),
                     options=list(samples), format_func=lambda k: samples[k].title,
                     help="Small example datasets that ship with the app; no file needed.")
        st.caption(samples[key].description)
        chosen = {"path": str(samples[key].path), "label": samples[key].title, "source": "sample"}
    elif source == "upload":
        # No `type=` filter: Streamlit would refuse another extension with an exception of
        # its own; save_upload refuses it with a sentence that says which types to save as.
        file = st.file_uploader(
            "Your file with labeled examples", key="data_upload",
            help=f"CSV, TSV, Excel, JSON, JSONL, Parquet or CoNLL, up to "
                 f"{uploads.max_upload_mb()} MB. It is kept in the workspace for reuse.")
        if file is not None:
            saved = st.session_state.get("data_upload_saved") or {}
            if saved.get("file_id") != file.file_id:  # hash and store each upload only once
                try:
                    kept = uploads.save_upload(file.name, file.getvalue())
                except UserError as exc:
                    _errors.show_error(exc)
                    return None
                try:
                    check_readable(str(kept.path))
                except UserError as exc:  # a file that cannot be read is not kept for reuse
                    uploads.discard_upload(kept)
                    _errors.show_error(exc)
                    return None
                except Exception:  # nor one that broke the reader: the page reports it
                    uploads.discard_upload(kept)
                    raise
                saved = {"file_id": file.file_id, "path": str(kept.path), "label": kept.name,
                         "id": kept.content_hash}
                st.session_state["data_upload_saved"] = saved
            chosen = {"path": saved["path"], "label": saved["label"], "source": "upload",
                      "id": saved.get("id")}
        elif not chosen or chosen.get("source") != "upload":
            st.info("Drop a file above. It needs a column with the text and a column with the "
                    "label; for entity recognition, a CoNLL file with one word and its tag per "
                    "line.")
            return None
        else:
            st.caption(f"Using {_format.md(chosen['label'])}, uploaded earlier in this session.")
    else:
        saved_files = {str(d.path): d for d in uploads.list_uploads()}
        if not saved_files:
            st.info("No files were uploaded yet. Choose 'Upload a file' to add one.")
            return None
        default, unusable = newest_usable(list(saved_files))

        def describe(p: str) -> str:
            kept = saved_files[p]
            about = f"{kept.name} ({_format.file_size(kept.size)}, {_format.when(kept.modified)})"
            return f"{about}, cannot be read as labeled examples" if p in unusable else about

        path = widget(
            st.selectbox, "Earlier upload", "data_earlier", default, options=list(saved_files),
            format_func=describe,
            help="Files uploaded before, kept in the workspace; newest first. The newest one "
                 "that reads as labeled examples is proposed.")
        chosen = {"path": path, "label": saved_files[path].name, "source": "upload",
                  "id": saved_files[path].content_hash}
    keep_in_address(chosen)
    if _session.choose_dataset(chosen):
        _session.forget(*FILE_KEYS)  # a new file: guess its columns afresh
    return chosen


# ----- mapping columns ----------------------------------------------------------------------

def column_settings(path: str, task: str) -> dict:
    """DataConfig fields for the column mapping (text classification only)."""
    if task != "text-classification":
        st.caption("Words and their tags are read from the file: CoNLL (one word and its tag "
                   "per line, a blank line between sentences) or JSON with marked spans.")
        return {}
    frame = _read_table(_signature(path))
    columns = [str(c) for c in frame.columns]
    if len(columns) < 2:
        raise UserError(f"{Path(path).name} has only one column ('{columns[0]}'), so it has no "
                        f"label column next to the text.",
                        "Add a column with the label of each text, then upload the file again.")
    guess = _guess_columns(_signature(path))
    optional = [NONE, *columns]
    # Collapsed when both columns were recognised; open when the user has to choose.
    sure = bool(guess.text and guess.label)
    with st.expander("Columns: which one holds the text and which the label",
                     expanded=not sure, icon=":material/view_column:"):
        left, right = st.columns(2)
        with left:
            text = widget(st.selectbox, "Text column", "data_text",
                          guess.text if guess.text in columns else columns[0], options=columns,
                          help="The column with the text the model reads.")
            second = guess.text_pair or guess.also_text
            others = [NONE, *(c for c in columns if c != text)]  # never the text twice
            pair = widget(st.selectbox, "Second text column (optional)", "data_pair",
                          second if second in others else NONE, options=others,
                          help="Another column the model reads too, such as a title beside "
                               "its description, or the answer to a question.")
            mode = "join"
            if pair != NONE:
                mode = widget(st.radio, "How the two texts are read", "data_pair_mode",
                              "pair" if guess.text_pair else "join", options=list(PAIR_MODES),
                              format_func=PAIR_MODES.get,
                              help="Joined: one longer text, best for a title and its "
                                   "description. As a pair: two texts the model compares, "
                                   "best for a question and its answer.")
        with right:
            label = widget(st.selectbox, "Label column", "data_label",
                           guess.label if guess.label in columns else columns[-1],
                           options=columns,
                           help="The column with the answer the model should learn to give.")
            split = widget(st.selectbox, "Split column (optional)", "data_split",
                           guess.split if guess.split in columns else NONE, options=optional,
                           help="A column saying train, validation or test for each row.")
        multi = widget(st.checkbox, "A text can have several labels", "data_multi",
                       bool(guess.multi_label),
                       help="Tick when one row can carry several labels, e.g. 'sport|politics'.")
        separator = None
        if multi:
            separator = widget(st.text_input, "Label separator", "data_sep",
                               guess.label_separator or "|", max_chars=3,
                               help="The character between labels in one cell, such as | or ,")
        if guess.reasons:
            st.caption("Suggested because: " + _format.md(" ".join(guess.reasons)))
    joined = pair if pair != NONE and mode == "join" else None
    read_from = (f"**{_format.md(text)}** joined with **{_format.md(joined)}**" if joined
                 else f"**{_format.md(text)}**")
    st.caption(f"The text is read from {read_from}, the label from **{_format.md(label)}**.")
    if text == label:
        raise UserError("The text column and the label column are the same.",
                        "Choose the column with the answers as the label column.")
    names = label_name_settings(frame, label, bool(multi), separator)
    return {"text_column": text, "label_column": label, "text_join_column": joined,
            "label_names": names,
            # "" turns the guess off
            "text_pair_column": "" if pair == NONE or joined else pair,
            "split_column": "" if split == NONE else split,
            "multi_label": bool(multi), "label_separator": separator or None}


def label_name_settings(frame: Any, column: str, multi: bool, separator: str | None) -> dict:
    """Names for whole-number labels (0/1, 1-5), typed into a small table; {} otherwise."""
    values = coredata.integer_label_values(frame, column, multi, separator)
    if not values:
        return {}
    kept = st.session_state.get("data_label_names") or {}
    # One editor per label column and set of values: another column starts a fresh table.
    key = "data_label_names_" + hashlib.sha256(
        json.dumps([column, values]).encode()).hexdigest()[:12]
    table = pd.DataFrame({"Label": values, "Name": [kept.get(v, "") for v in values]})
    st.markdown("**Names for your labels**")
    st.caption("The labels are numbers. Type a name for each (for example 0 = negative, "
               "1 = positive), and training, reports and exports show the names; a label left "
               "empty keeps its number.")
    edited = st.data_editor(
        table, key=key, hide_index=True, disabled=["Label"], num_rows="fixed",
        column_config={"Label": st.column_config.TextColumn("Label in the file"),
                       "Name": st.column_config.TextColumn("Name", max_chars=100)})
    names = {str(v): str(n).strip() for v, n in zip(edited["Label"], edited["Name"])
             if isinstance(n, str) and n.strip()}
    st.session_state["data_label_names"] = names
    return names


def split_settings(has_split_column: bool) -> dict:
    with st.expander("Split settings: how many examples are held back for checking"):
        if has_split_column:
            st.caption("The split column decides which rows are for training, validation and "
                       "testing; the shares below apply only to rows it leaves empty.")
        left, right = st.columns(2)
        with left:
            val = widget(st.slider, "Validation share", "data_val", 0.1, min_value=0.05,
                         max_value=0.3, step=0.05,
                         help="Part of the examples used during training to pick the best "
                              "checkpoint.")
        with right:
            test = widget(st.slider, "Test share", "data_test", 0.1, min_value=0.05,
                          max_value=0.3, step=0.05,
                          help="Part of the examples kept unseen to measure the final model.")
    return {"validation_fraction": float(val), "test_fraction": float(test)}


# ----- the health report --------------------------------------------------------------------

def show_findings(report: Any) -> None:
    show = {"error": st.error, "warning": st.warning, "info": st.info}
    icons = {"error": ":material/error:", "warning": ":material/warning:",
             "info": ":material/info:"}
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(report.findings, key=lambda f: order.get(f.severity, 3))
    if not findings:
        st.success("No problems found in the data.", icon=":material/check_circle:")
    for f in findings:
        # findings quote labels, columns and texts from the file: all shown literally
        text = f"**{_format.md(f.title)}.** {_format.md(f.message)}"
        if f.fix:
            text += f"  \n*What to do:* {_format.md(f.fix)}"
        examples = [str(e) for e in (f.examples or [])][:3]
        if examples:
            text += "  \n*For example:* " + _format.md("; ".join(e[:120] for e in examples))
        show.get(f.severity, st.info)(text, icon=icons.get(f.severity))


def _keep_clean_copy(config: dict, original: str) -> None:
    """Button callback: write the cleaned copy as a new upload and choose it in this session
    (before the widgets are drawn, so the pickers can show it)."""
    try:
        saved, copy = cleaning.keep_clean_copy(RunConfig.from_dict(config))
    except UserError as exc:
        _session.flash("warning", f"{exc.message} {exc.fix}")
        return
    except Exception:  # noqa: BLE001 - never a stack trace; the original is untouched
        _session.flash("warning", "The cleaned copy could not be made; your file is unchanged. "
                                  "Remove the copies in the file itself and upload it again.")
        return
    st.session_state["data_source"] = "earlier"
    st.session_state["data_earlier"] = str(saved.path)
    # The same columns and split as before: the choices made for the original carry over.
    st.session_state[_session.DATASET] = {"path": str(saved.path), "label": saved.name,
                                          "source": "upload", "id": saved.content_hash}
    _session.flash("success", f"A cleaned copy, {saved.name}, is now chosen. {copy.summary()} "
                              f"Your original file {original} is kept and can be chosen again "
                              f"under 'A file uploaded earlier'.")


def offer_clean_copy(config: RunConfig, report: Any, dataset: dict) -> None:
    """One click for the copies and overlapping texts the report warns about."""
    if config.task != "text-classification":
        return
    if not any(f.code in cleaning.FINDINGS for f in report.findings):
        return
    st.button("Remove the copies and overlapping texts", key="data_clean_copy",
              icon=":material/cleaning_services:", on_click=_keep_clean_copy,
              args=(config.to_dict(), dataset["label"]),
              help="Saves a cleaned copy of the file as a new upload and uses it; your "
                   "original file is kept as it is.")


def show_summary(splits: Any, report: Any, max_length: int) -> None:
    stats = report.stats
    n_test = len(splits.test) if splits.test is not None else 0
    cols = st.columns(4)
    cols[0].metric("Examples", f"{len(splits.train) + len(splits.validation) + n_test:,}",
                   help="All usable examples, over training, validation and test.")
    cols[1].metric("Train / validation / test",
                   f"{len(splits.train):,} / {len(splits.validation):,} / {n_test:,}",
                   help="How the examples are split for learning, checking and the final test.")
    cols[2].metric("Labels" if splits.task == "text-classification" else "Tags",
                   f"{len(splits.labels):,}", help="Different answers the model learns to give.")
    truncated = stats.get("truncated_share")
    cols[3].metric("Texts cut at max length",
                   "-" if truncated is None else f"{100 * truncated:.1f}%",
                   help=f"Share of texts longer than {max_length} tokens; the rest is ignored.")


def preview(splits: Any) -> Any:
    frame = splits.train.frame.head(50)
    if "tokens" in frame.columns:  # entity data: one row per sentence, readable
        return frame.assign(tokens=frame["tokens"].map(" ".join),
                            tags=frame["tags"].map(" ".join))
    return frame


def show_charts(splits: Any, report: Any, task: str, max_length: int) -> None:
    stats = report.stats
    names = ["Labels", "Text length", "Preview"]
    if task == "token-classification":
        names[0] = "Entities"
    tabs = dict(zip(names, st.tabs(names)))
    if "Labels" in tabs:
        with tabs["Labels"]:
            counts = stats.get("class_counts") or {}
            if counts:
                st.plotly_chart(_charts.label_distribution(counts), key="chart_labels")
            else:
                st.caption("No label counts to show.")
    if "Entities" in tabs:
        with tabs["Entities"]:
            entities = stats.get("entity_counts") or {}
            if entities:
                st.plotly_chart(_charts.entity_counts(entities), key="chart_entities")
            else:
                st.caption("No entities found.")
    with tabs["Text length"]:
        lengths = stats.get("token_lengths") or {}
        histogram = lengths.get("histogram") or {}
        if histogram.get("counts"):
            st.plotly_chart(_charts.token_length_histogram(
                histogram["edges"], histogram["counts"], max_length), key="chart_lengths")
            st.caption(f"Half the texts have up to "
                       f"{counted(lengths.get('p50') or 0, 'token', 'tokens')}, 99% up to "
                       f"{number(lengths.get('p99') or 0)}; the longest has "
                       f"{number(lengths.get('max') or 0)}.")
        else:
            st.caption("Text lengths are shown once the tokenizer is available.")
    with tabs["Preview"]:
        st.dataframe(preview(splits), hide_index=True, height=300)


def p99_length(stats: dict) -> int | None:
    lengths = stats.get("token_lengths")
    return int(lengths["p99"]) if isinstance(lengths, dict) and lengths.get("p99") else None


def check_data(config: RunConfig, dataset: dict) -> tuple[Any, Any, int]:
    """Health report at the max length training will use (auto: covers 99% of texts)."""
    sigs = tuple(_signature(p) for p in (config.data.train, config.data.validation,
                                         config.data.test) if p)
    model = st.session_state.get(_session.MODEL) or models.DEFAULT_MODEL
    chosen = st.session_state.get("_kept_adv_max_length")
    config_json = json.dumps(config.to_dict(), sort_keys=True)
    max_length = int(chosen or 128)
    with st.spinner("Checking the data..."):
        splits, report = _check(config_json, sigs, model, max_length)
        p99 = p99_length(report.stats)
        if not chosen and p99:
            auto = presets.auto_max_length([p99], config.preset, 512)
            if auto != max_length:
                max_length = auto
                splits, report = _check(config_json, sigs, model, max_length)
    return splits, report, max_length


def remember_ready(config: RunConfig, splits: Any, report: Any) -> None:
    lengths = report.stats.get("token_lengths") or {}
    p99 = p99_length(report.stats)
    st.session_state[_session.DATA_CONFIG] = config.to_dict()["data"]
    st.session_state[_session.TASK] = config.task
    st.session_state[_session.DATA_READY] = not report.has_errors
    st.session_state[_session.DATA_STATS] = {
        "n_train": len(splits.train), "n_labels": len(splits.labels),
        "mean_tokens": float(lengths.get("mean") or 32.0),
        # presets take a list of lengths; the 99th percentile alone gives the same max length
        "token_lengths": [p99] if p99 else None}


def render() -> None:
    st.title("Your data")
    st.caption("Choose the labeled examples the model should learn from. The app checks them "
               "and shows what it found before anything is trained. Texts without labels "
               "yet? Open **Label texts** in the sidebar to label them here.")
    _session.show_flash()
    restore_from_address()
    source = widget(st.radio, "Where are your examples?", "data_source", "sample",
                    options=list(SOURCE_LABELS), format_func=SOURCE_LABELS.get, horizontal=True,
                    help="Try a built-in sample first, or use your own labeled file.")
    left, right = st.columns(2)
    with left:
        dataset = choose_dataset(source)
    if dataset is None:
        st.session_state[_session.DATA_READY] = False
        return
    path = dataset["path"]
    guess = _detect_task(_signature(path))
    with right:
        task = widget(st.selectbox, "What should the model learn?", "data_task", guess,
                      options=list(TASKS), format_func=TASK_LABELS.get,
                      help="Detected from the file; change it if the guess is wrong.")
    fields = column_settings(path, task)
    fields.update(split_settings(bool(fields.get("split_column"))))
    # training is passed explicitly: RunConfig's default for it is the class, not an instance.
    config = RunConfig(task=task, data=DataConfig(train=path, **fields), training=TrainingConfig(),
                       preset=st.session_state.get("_kept_model_preset", "balanced"))
    config.validate()
    splits, report, max_length = check_data(config, dataset)
    remember_ready(config, splits, report)

    st.subheader("Health report")
    show_summary(splits, report, max_length)
    show_findings(report)
    offer_clean_copy(config, report, dataset)
    show_charts(splits, report, task, max_length)
    if st.button("Continue to the model", type="primary", disabled=report.has_errors,
                 icon=":material/arrow_forward:",
                 help="Fix the errors above first." if report.has_errors
                 else "Choose the model and how long to train."):
        st.switch_page("pages/model.py")


try:
    render()
except UserError as exc:
    st.session_state[_session.DATA_READY] = False
    _errors.show_error(exc)
except Exception as exc:  # noqa: BLE001 - never a stack trace on the page
    st.session_state[_session.DATA_READY] = False
    _errors.show_error(exc, "reading the data")
