"""The data readers speak the reader's language: every refusal, warning, note and column reason
of core/data/{delimited,spans,tagged,encoding,readers,excel,limits,columns}.py, and of the modules
after them (examples, cleaning, splits, health, token_stats, detect, samples), comes from the
catalogue (reading.*), reads as Chinese under `use_language("zh")` (strict mode: a missing key
or parameter raises) and keeps its English sentence word for word."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pandas as pd
import pytest
from support.fixtures_data import csv_text, write
from support.malformed_cases import CASES

from core.config import DataConfig
from core.data import limits, read_table, read_tagged
from core.data.cleaning import CleanCopy
from core.data.columns import detect_multi_label, infer_columns
from core.data.delimited import parse_delimited
from core.data.encoding import check_size, decode, without_nul
from core.data.examples import load_examples, resolve_columns
from core.data.readers import records_frame
from core.data.samples import get_sample, list_samples
from core.data.spans import SpanStats, spans_to_bio
from core.errors import UserError
from core.text import CATALOGUE, Text, use_language

ROOT = Path(__file__).resolve().parents[3]
READERS = ("delimited", "spans", "tagged", "encoding", "readers", "excel", "limits", "columns")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Words a Chinese sentence keeps as they are: formats, programs, field names of file formats,
# the split names the file itself holds, units and tag examples.
KEPT = {"CSV", "TSV", "TXT", "JSON", "JSONL", "Lines", "Excel", "xlsx", "xls", "doc", "UTF",
        "NUL", "BIO", "Parquet", "LibreOffice", "Label", "Studio", "doccano", "train",
        "validation", "dev", "test", "tokens", "tags", "ner_tags", "tag_names", "label", "data",
        "text", "start", "end", "TYPE", "type", "MB", "PNG", "PDF", "JPEG", "GIF", "zip", "gzip",
        "Word", "Office", "SQLite", "null", "true", "false", "PER", "LOC", "Paris", "is", "TAB",
        "CoNLL"}


def _forms(template) -> list[str]:
    return list(template.values()) if isinstance(template, dict) else [template]


def _english_words(sentence: str) -> set[str]:
    """Latin words of a Chinese sentence outside placeholders, quotes and the KEPT words."""
    fixed = "".join(literal for literal, *_ in string.Formatter().parse(sentence))
    fixed = re.sub(r"'[^']*'|\"[^\"]*\"", " ", fixed)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_]+", fixed) if w not in KEPT}


READING_KEYS = sorted(key for key in CATALOGUE if key.startswith("reading."))


def test_the_readers_texts_are_in_the_catalogue():
    assert len(READING_KEYS) > 150


@pytest.mark.parametrize("key", READING_KEYS)
def test_every_reading_text_is_written_in_chinese(key):
    for sentence in _forms(CATALOGUE[key]["zh"]):
        assert HAN.search(sentence) or key == "reading.kind.other", (key, sentence)
        assert not _english_words(sentence), (key, sentence)


def _strings_outside_docstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(getattr(node, "body", None), list) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs]


@pytest.mark.parametrize("module", READERS)
def test_the_readers_hold_no_sentence_of_their_own(module):
    """Two words in a row outside a docstring would be a sentence written in the code."""
    path = ROOT / "core" / "data" / f"{module}.py"
    sentences = [s for s in _strings_outside_docstrings(path)
                 if re.search(r"[^\W\d_]{2,}[ \t]+[^\W\d_]", re.sub(r"\{[^}]*\}", " ", s))]
    assert not sentences, (module, sentences)
    assert "core.data.wording" not in path.read_text(encoding="utf-8"), module


AFTER_READING = ("examples", "cleaning", "splits", "health", "token_stats", "detect",
                 "samples/__init__")
# Codes kept in the data and written out from the catalogue where shown (health.py, splits.py).
CODES = {"empty text", "empty label", "stratified by label", "at random"}


@pytest.mark.parametrize("module", AFTER_READING)
def test_the_modules_after_the_readers_hold_no_sentence_of_their_own(module):
    path = ROOT / "core" / "data" / f"{module}.py"
    sentences = [s for s in _strings_outside_docstrings(path) if s not in CODES
                 and re.search(r"[^\W\d_]{2,}[ \t]+[^\W\d_]", re.sub(r"\{[^}]*\}", " ", s))]
    assert not sentences, (module, sentences)
    assert not (ROOT / "core" / "data" / "wording.py").exists()


# -- refusals raised by the readers, rendered in both languages ---------------------------------

def _refused(action) -> UserError:
    with pytest.raises(UserError) as caught:
        action()
    return caught.value


def _in(language: str, error: UserError) -> tuple[str, str]:
    with use_language(language):
        return error.message, error.fix


def _chinese(error: UserError) -> None:
    message, fix = _in("zh", error)
    assert HAN.search(message) and HAN.search(fix), (message, fix)
    english = " ".join(_in("en", error))
    assert not HAN.search(english), english


def _raise(error: UserError):
    raise error


ENGLISH = [  # (action, message, fix) exactly as the readers wrote them before the catalogue
    (lambda tmp: parse_delimited("text,label\na,b,c\n", "f.csv", ","),
     "f.csv line 2 has 3 fields but the first row has 2 (separator comma).",
     "Fix that line: wrap texts that contain the separator in double quotes, or remove the extra "
     "or missing fields."),
    (lambda tmp: parse_delimited("text\tlabel\n", "f.tsv", "\t"),
     "f.tsv has a header row but no data rows.", "Add your labeled examples below the header."),
    (lambda tmp: parse_delimited("x" * 100_001, "f.csv", ","),
     "f.csv is a single line of 0.1 million characters, with no line breaks.",
     "Put one example per line under a header line (save it as CSV from a spreadsheet), or check "
     "that the file was not joined into one line."),
    (lambda tmp: decode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "f.csv"),
     "f.csv is a PNG image, not a text file.",
     "Export the data as CSV, TSV, JSON or Excel (.xlsx) and use that file."),
    (lambda tmp: check_size(tmp / "gone.csv"), "The file gone.csv does not exist.",
     "Check the file name and upload it again."),
    (lambda tmp: read_table(write(tmp, "f.xls", "x")),
     "f.xls has the extension '.xls', which is not a supported table format.",
     "Open it in Excel and save it as .xlsx (Excel Workbook) or as CSV."),
    (lambda tmp: read_table(write(tmp, "f", "x")),
     "f has the extension '(none)', which is not a supported table format.",
     "Save the data as CSV, TSV, TXT, Excel (.xlsx), JSON, JSONL or Parquet."),
    (lambda tmp: read_table(write(tmp, "f.jsonl", '{"text": "a"}\n{"text": \n')),
     "f.jsonl line 2 is not valid JSON: Expecting value (column 10).",
     "Fix or delete that line; each line must be one complete JSON object."),
    (lambda tmp: read_table(write(tmp, "f.json", '{"a": 1, "b": 2}')),
     "f.json holds one JSON object (keys: a, b), not a list of examples.",
     'Write the examples as a JSON list of objects, e.g. [{"text": "...", "label": "..."}], or '
     "use JSON Lines."),
    (lambda tmp: records_frame([{"text": "a"}, [1, 2]], "f.json"),
     "f.json record 2 is a list, not an object with named fields.",
     'Make every record an object such as {"text": "...", "label": "..."}.'),
    (lambda tmp: read_tagged(write(tmp, "f.jsonl", '{"tokens": ["a", "b"], "tags": ["O"]}\n')),
     "f.jsonl line 1 has 2 tokens but 1 tag.", "Give exactly one tag per token on that line."),
    (lambda tmp: read_tagged(write(tmp, "f.json", '[{"tokens": ["a"], "tags": [3], '
                                                  '"tag_names": ["O"]}]')),
     "f.json record 1 has tag number 3, but only 1 tag name is known.",
     "Check the tag numbers or the list of tag names."),
    (lambda tmp: read_tagged(write(tmp, "f.conll", "Paris\n")),
     "f.conll line 1 has no tag column: 'Paris'.",
     "Write one token and its tag per line, separated by a tab (for example 'Paris<TAB>B-LOC'), "
     "with a blank line between sentences."),
    (lambda tmp: read_tagged(write(tmp, "f.jsonl", '{"what": 1, "ever": 2}\n')),
     "f.jsonl line 1 has neither tokens with tags nor a text with spans (keys: what, ever).",
     'Use {"tokens": [...], "tags": [...]} or doccano\'s {"text": "...", "label": '
     '[[start, end, "TYPE"]]}.'),
    (lambda tmp: read_tagged(write(tmp, "f.jsonl", '{"text": "ab cd", "label": [[0, 9, "X"]]}\n')),
     "f.jsonl line 1 has a span 0-9 (X) out of range: the text has 5 characters.",
     "Fix the span offsets or re-export the annotations from the tool."),
    (lambda tmp: read_tagged(write(tmp, "f.jsonl", '{"text": "abcd", "label": [[0, 3, "X"], '
                                                   '[1, 4, "Y"]]}\n')),
     "f.jsonl line 1 has overlapping spans 0-3 (X) and 1-4 (Y).",
     "Keep one of the two spans: word tags (BIO) cannot hold nested or overlapping entities."),
    (lambda tmp: read_tagged(write(tmp, "f.json", '[{"data": {"text": "a"}, "annotations": []}]')),
     "f.json has no annotations: its one task has not been labeled.",
     "Add tagged sentences to the file."),
    (lambda tmp: _raise(limits.too_many_rows("f.csv", limits.rows_count("lines", 2_000_001))),
     "f.csv has more than 2,000,000 rows (2,000,001 lines), the limit for one file.",
     "Use a sample of the data, or split it into several smaller files."),
    (lambda tmp: _raise(limits.too_many_columns("f.csv", 1500, limits.line_suffix(12))),
     "f.csv line 12 has 1,500 columns, more than the limit of 1,000.",
     "Keep only the text and label columns (and a split column if you have one), then save the "
     "file again."),
    (lambda tmp: _raise(limits.too_deep("f.jsonl", limits.line_suffix(3))),
     "f.jsonl line 3 has lists or objects nested more than 100 levels deep, the limit for JSON "
     "data.", 'Write each example as a flat object such as {"text": "...", "label": "..."}.'),
    (lambda tmp: _raise(limits.too_large_unpacked("f.parquet", 250_000_000)),
     "f.parquet expands to 250 MB when unpacked, more than the limit of 210 MB.",
     "Save the data as CSV, or split it into smaller files."),
]


@pytest.mark.parametrize("number", range(len(ENGLISH)))
def test_refusals_keep_their_english_and_read_as_chinese(tmp_path, number):
    action, message, fix = ENGLISH[number]
    error = _refused(lambda: action(tmp_path))
    assert _in("en", error) == (message, fix)
    _chinese(error)


def _raised_in_a_reader(error: UserError) -> bool:
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(Path(trace.tb_frame.f_code.co_filename))
        trace = trace.tb_next
    last = frames[-1]
    return last.parent == ROOT / "core" / "data" and last.stem in READERS


BAD_CASES = [c for c in CASES if c[2] is not None]


@pytest.mark.parametrize("case_id,make,expected", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_the_malformed_corpus_is_refused_in_chinese(tmp_path, case_id, make, expected):
    """Each file of the corpus through both readers; what a reader refuses reads as Chinese
    (files refused only later, by examples, splits or health, are skipped)."""
    path = make(tmp_path)
    refused = []
    for reader in (read_table, read_tagged):
        try:
            with use_language("zh"):
                reader(path)
        except UserError as error:
            assert _raised_in_a_reader(error), error
            _chinese(error)
            refused.append(error)
    if not refused:
        pytest.skip("refused after reading (examples, splits or health)")


# -- warnings, notes and reasons -----------------------------------------------------------------

def test_read_warnings_and_notes_follow_the_language_they_are_read_in():
    with use_language("zh"):
        frame = parse_delimited("text,text,label\na,b,c\n", "f.csv", ",")
        _, nul = without_nul("a\x00b", "f.csv")
        bare = parse_delimited("5,pos\n3,neg\n4,neg\n", "g.csv", ",")
    for warning in frame.attrs["warnings"] + nul:
        assert HAN.search(warning["message"]) and HAN.search(warning["fix"]), warning
        assert isinstance(warning["text"], Text)
        with use_language("en"):
            assert not HAN.search(f"{warning['text']} {warning['fix_text']}")
    assert bare.attrs["notes"] == ["g.csv 没有表头行，因此各列被命名为 column_1、column_2。"]
    with use_language("en"):
        english = parse_delimited("text,text,label\na,b,c\n", "f.csv", ",").attrs["warnings"][0]
    assert english["message"] == ("f.csv has columns with the same name: 'text' (2 times); the "
                                  "repeats were numbered (for example 'text_2').")
    with use_language("zh"):  # nested Text follow the current language
        chinese = str(english["text"])
    assert chinese == "f.csv 中有同名的列：'text'（2 次）；重复的列已加上编号（例如 'text_2'）。"


def test_tagged_warnings_and_span_notes_are_chinese(tmp_path):
    path = write(tmp_path, "f.jsonl", '{"tokens": ["a", "\u200b"], "tags": [1, 2]}\n')
    with use_language("zh"):
        frame = read_tagged(path)
        stats = SpanStats()
        spans_to_bio("abcd ef", [(1, 3, "X")], Text("reading.where.line", {"number": "4"}), "f",
                     stats)
    assert len(frame.attrs["warnings"]) == 2
    for warning in frame.attrs["warnings"]:
        assert HAN.search(warning["message"]) and HAN.search(warning["fix"]), warning
    assert stats.examples == ["第 4 行：片段 1-3（'bc'）切断了一个词"]


def test_column_reasons_are_written_when_read():
    frame = pd.DataFrame({"split": ["train", "test"] * 10, "review": [f"text {i}" for i in
                                                                      range(20)],
                          "label": ["a|b", "a", "b", "b|a"] * 5})
    guess = infer_columns(frame)
    with use_language("en"):
        english = guess.reasons
    with use_language("zh"):
        chinese = guess.reasons
    assert english == ["'split' holds only train / validation / test values, so it is used as "
                       "the split.", "'review' is named like a text column.",
                       "'label' is named like a label column.",
                       "10 label values contain '|', read as a separator between several labels."]
    assert len(chinese) == 4 and all(HAN.search(reason) for reason in chinese)
    reason = detect_multi_label(pd.Series(['["a", "b"]', '["c"]'] * 3))[2]
    assert reason.render("zh") == "标签写成了列表，因此一条文本可以有多个标签。"


def test_a_file_read_in_chinese_keeps_english_for_an_english_reader(tmp_path):
    path = write(tmp_path, "f.csv", csv_text([("a", "b")]) + "x,y,z\n")
    with use_language("zh"):
        error = _refused(lambda: read_table(path))
    assert _in("en", error)[0] == "f.csv line 3 has 3 fields but the first row has 2 (separator "\
                                  "comma)."
    assert _in("zh", error)[0] == "f.csv 第 3 行有 3 个字段，但第一行有 2 个（分隔符：逗号）。"


# -- examples, cleaning and samples: after the readers ------------------------------------------

TABLE = pd.DataFrame({"text": ["a", "b"], "label": ["x", "y"]})


def _chosen(**roles) -> dict:
    return {"text": "text", "text_pair": None, "label": "label", "split": None, "join": None,
            **roles}


def _examples(tmp, content: str, name: str = "f.csv", task: str | None = None, **data):
    path = write(tmp, name, content)
    return load_examples(path, DataConfig(train=str(path), **data), task)


def _clean_copy(tmp, task: str = "text-classification"):
    from core.config import RunConfig
    from core.data.cleaning import keep_clean_copy
    path = write(tmp, "f.csv", "text,label\na,x\nb,y\n")
    return keep_clean_copy(RunConfig(task=task, data=DataConfig(train=str(path))))


AFTER_ENGLISH = [  # (action, message, fix) as examples.py, cleaning.py and samples wrote them
    (lambda tmp: _examples(tmp, "text,label\na,x\n", task="qa"), "Unknown task 'qa'.",
     "Use text-classification, token-classification or question-answering."),
    (lambda tmp: _examples(tmp, "text,label\na,x\n", task="token-classification"),
     "f.csv is a table, which cannot hold entity tags per word.",
     "Use a CoNLL file (token<TAB>tag per line), JSONL with tokens and tags, or a doccano / Label "
     "Studio export."),
    (lambda tmp: resolve_columns(TABLE, DataConfig(text_column="body", label_column="label"),
                                 "f.csv"),
     "f.csv has no column 'body' (asked for as the text column); its columns are: text, label.",
     "Choose one of those columns as the text column."),
    (lambda tmp: resolve_columns(TABLE, DataConfig(text_column="text", label_column="label",
                                                   split_column="part"), "f.csv"),
     "f.csv has no column 'part' (asked for as the split column); its columns are: text, label.",
     "Choose one of those columns as the split column."),
    (lambda tmp: examples_module()._check_chosen(_chosen(text=None), ["n", "label"], "f.csv"),
     "f.csv has no column that looks like text; its columns are: n, label.",
     "Choose the text column."),
    (lambda tmp: resolve_columns(TABLE, DataConfig(text_column="text", label_column="label",
                                                   text_join_column="label"), "f.csv"),
     "f.csv: the column 'label' was chosen to be joined to the text, but it already has another "
     "role.", "Choose a different column to join, or none."),
    (lambda tmp: resolve_columns(TABLE, DataConfig(text_column="text", label_column="text"),
                                 "f.csv"),
     "f.csv: the column 'text' was chosen as both the text and the label.",
     "Choose different columns for the text and the label."),
    (lambda tmp: examples_module()._check_chosen(_chosen(label=None), ["text", "m"], "f.csv"),
     "f.csv has no label column next to the text column 'text'; its columns are: text, m.",
     "Add a column with the label of each text, or choose the label column."),
    (lambda tmp: _examples(tmp, "text,label\na,0\nb,pos\n", label_names={"0": "pos"}),
     "f.csv already has a label 'pos', the name given to another label.",
     "Give that label another name, so the two stay apart."),
    (lambda tmp: _examples(tmp, "text,label\n,x\n,y\n"),
     "f.csv has no usable rows: every row has an empty text in column 'text'.",
     "Fill in the text of each row, or choose another text column."),
    (lambda tmp: _examples(tmp, "text,label\n\u200b,x\n,y\n"),
     "f.csv has no usable rows: every row has an empty text or only invisible characters "
     "(zero-width spaces, direction marks) in column 'text'.",
     "Fill in the text of each row, or choose another text column."),
    (lambda tmp: _examples(tmp, "text,label\na,\nb,\n"),
     "f.csv has no usable rows: every row has an empty label in column 'label'.",
     "Fill in the label of each row, or choose another label column."),
    (lambda tmp: _clean_copy(tmp, "token-classification"),
     "A cleaned copy can be made only of a file with one label per text.",
     "Remove the repeated sentences in the file itself, then upload it again."),
    (lambda tmp: _clean_copy(tmp),
     "The file has no copies or overlapping texts to remove.",
     "Nothing to do: the file can be used as it is."),
    (lambda tmp: get_sample("nope"), "There is no built-in sample called 'nope'.",
     "Pick one of: reviews, news-entities, reviews-zh, news-entities-zh, qa-product, "
     "qa-product-zh."),
    (lambda tmp: _splits(tmp, "text,label,split\na,x,train\nb,y,later\nc,y,soon\n",
                         split_column="split"),
     "f.csv has split values that are not train, validation or test: 'later', 'soon'.",
     "Use train, validation (or dev) and test in the split column."),
    (lambda tmp: _splits(tmp, "text,label,split\na,x,test\nb,y,test\n", split_column="split"),
     "f.csv has no rows marked train in its split column.",
     "Mark the rows to learn from as train."),
    (lambda tmp: _splits(tmp, "text,label\na,x\n"),
     "f.csv has only 1 usable example, too few to keep one aside for validation.",
     "Add more labeled examples (a few dozen at the very least)."),
]


def _splits(tmp, content: str, **data):
    from core.config import RunConfig
    from core.data import make_splits
    path = write(tmp, "f.csv", content)
    return make_splits(RunConfig(data=DataConfig(train=str(path), **data)))


def examples_module():
    from core.data import examples
    return examples


@pytest.mark.parametrize("number", range(len(AFTER_ENGLISH)))
def test_refusals_after_reading_keep_their_english_and_read_as_chinese(tmp_path, number):
    action, message, fix = AFTER_ENGLISH[number]
    error = _refused(lambda: action(tmp_path))
    assert _in("en", error) == (message, fix)
    _chinese(error)


@pytest.mark.parametrize("rows,english", [
    (1, "The text column 'text' of f.jsonl holds lists or objects instead of text in 1 row (row "
        "2); it was read as its JSON spelling."),
    (3, "The text column 'text' of f.jsonl holds lists or objects instead of text in 3 rows (the "
        "first is row 2); they were read as their JSON spelling.")])
def test_a_text_column_of_lists_is_a_warning_in_both_languages(tmp_path, rows, english):
    lines = ['{"text": "plain", "label": "x"}'] + ['{"text": ["a", "b"], "label": "y"}'] * rows
    frame = _examples(tmp_path, "\n".join(lines) + "\n", name="f.jsonl").frame
    [warning] = [w for w in frame.attrs["warnings"] if "JSON" in w["message"]]
    assert warning["message"] == english
    assert warning["fix"] == ("Choose a column that holds plain text, or write the text itself in "
                              "that column.")
    chinese = warning["text"].render("zh")
    assert chinese == (f"f.jsonl 的文本列 'text' 中有 {rows} 行存放的是列表或对象而不是文本"
                       "（第一处在第 2 行）；已按其 JSON 写法读取。")
    assert HAN.search(warning["fix_text"].render("zh"))


def test_a_clean_copy_summary_reads_in_both_languages():
    copy = CleanCopy("f.csv", b"", rows_before=1205, rows_after=1200, copies=2, held_out=1,
                     repeated=2)
    with use_language("en"):
        assert copy.summary() == (
            "Removed 2 exact copies of earlier rows, 1 training row whose text is also in the "
            "validation or test set and 2 rows that repeat an earlier text with another label; "
            "1,200 rows of 1,205 are kept.")
    with use_language("zh"):
        assert copy.summary() == (
            "已删除 2 行与前面某行完全相同的重复行、1 行文本也出现在验证集或测试集中的训练行和2 行"
            "以另一个标签重复前面文本的行；1,205 行中保留了 1,200 行。")
        nothing = CleanCopy("f.csv", b"", 1200, 1200, 0, 0, 0).summary()
    assert nothing == "没有需要删除的行；f.csv 保留了全部 1,200 行。"


def test_sample_titles_and_descriptions_come_from_the_catalogue():
    for sample in list_samples():
        for part in ("title", "description"):
            key = f"reading.sample.{sample.key.replace('-', '_')}.{part}"
            assert key in CATALOGUE
        assert HAN.search(sample.title_in("zh")) and not HAN.search(sample.title_in("en")[:8])
    with use_language("zh"):
        assert get_sample("news-entities").title == "英文新闻句子（人名、机构、地名）"
