"""A corpus of malformed and odd-but-valid input files, shared by the data and CLI tests.

CASES: (id, make(tmp_path) -> Path, expected) where `expected` is a lower-case phrase the
UserError message must contain, or None when the file must load and pass the health check.
CASE_OPTIONS: DataConfig fields (CLI flags) a case needs, by id.
CASE_WARNINGS: for odd files that load, the finding (code) the report must carry, by id: what a
user is told instead of being refused (labels "pos"/"POS" are merged, a class with one example
still trains, emoji a model cannot read are a warning since another model may read them).
`check_file(path, **options)` runs what `python -m core validate` runs: detect the task, load and
split, build the health report with the default model's tokenizer, and raise UserError for the
first error finding.
"""

from __future__ import annotations

import functools
import json

from fixtures_data import (BIG5_ROWS, GBK_ROWS, LATIN1_ROWS, NER_SENTENCES, bytes_io_zip, conll,
                           csv_text, jsonl, png_bytes, sentiment_rows, single_line, write, xlsx,
                           xlsx_with_title, zip_bomb_xlsx)

from core.config import DataConfig, RunConfig
from core.data import build_health_report, detect_task, make_splits
from core.errors import UserError

ROWS = sentiment_rows(10)


def _csv(name, text, encoding="utf-8"):
    return lambda tmp: write(tmp, name, text, encoding)


def _ragged_long(tmp):
    text = csv_text(ROWS[:3]) + "an extra,pos,field\n" + csv_text(ROWS[3:], header=None)
    return write(tmp, "ragged.csv", text)


def _ragged_short(tmp):
    text = csv_text(ROWS[:4]) + "no label field here\n" + csv_text(ROWS[4:], header=None)
    return write(tmp, "short.csv", text)


def _doccano(name, records):
    return lambda tmp: jsonl(tmp, name, records)


def _ner_jsonl_mismatch(tmp):
    return jsonl(tmp, "ner.jsonl", [
        {"tokens": ["John", "runs"], "tags": ["B-PER", "O"]},
        {"tokens": ["Mary", "Smith", "sings"], "tags": ["B-PER", "O"]}])


def _conll_missing_tag(tmp):
    text = "John\tB-PER\nlives\tO\nin\nParis\tB-LOC\n"
    return write(tmp, "missing_tag.conll", text)


def _label_studio_unannotated(tmp):
    tasks = [{"id": i, "data": {"text": f"Text number {i}"}, "annotations": []} for i in range(3)]
    return write(tmp, "export.json", json.dumps(tasks))


def _label_studio_ok(tmp):
    tasks = []
    for i, (text, start, end, kind) in enumerate([("John lives in Paris", 0, 4, "PER"),
                                                  ("Mary likes Rome", 11, 15, "LOC"),
                                                  ("IBM hired Tom", 0, 3, "ORG"),
                                                  ("Nothing to see", 0, 0, None)]):
        result = [] if kind is None else [{"type": "labels", "value": {
            "start": start, "end": end, "text": text[start:end], "labels": [kind]}}]
        tasks.append({"id": i, "data": {"text": text}, "annotations": [{"result": result}]})
    tasks.append({"id": 9, "data": {"text": "Not labeled yet"}, "annotations": []})
    return write(tmp, "label_studio.json", json.dumps(tasks))


def _doccano_ok(tmp):
    records = [{"text": "北京欢迎你", "label": [[0, 2, "LOC"]]},
               {"text": "张三去了上海", "label": [[0, 2, "PER"], [4, 6, "LOC"]]},
               {"text": "今天天气很好", "label": []},
               {"text": "李四在广州工作", "label": [[0, 2, "PER"], [3, 5, "LOC"]]}]
    return jsonl(tmp, "doccano.jsonl", records)


def _wnut_like(tmp):
    text = ("\ufeffJohn\tB-person\nlives\tO\n\nDubbz\ufeff\tB-person\nsays\tO\n\ufeff\n"
            "the\tO\nBig\tI-location\nApple\tI-location\n\nAnna\tB-person\nwon\tO\n\ufeff\n")
    return write(tmp, "wnut_like.conll", text)


def _iobes(tmp):
    sentences = [[("New", "B-LOC"), ("York", "E-LOC"), ("is", "O"), ("big", "O")],
                 [("Tom", "S-PER"), ("left", "O")],
                 [("Oslo", "S-LOC"), ("and", "O"), ("Anna", "S-PER")]]
    return conll(tmp, "iobes.bio", sentences)


def _iob1(tmp):
    sentences = [[("New", "I-LOC"), ("York", "I-LOC"), ("is", "O"), ("big", "O")],
                 [("Tom", "I-PER"), ("Anna", "B-PER"), ("left", "O")],
                 [("Oslo", "I-LOC"), ("and", "O"), ("Bergen", "I-LOC")]]
    return conll(tmp, "iob1.iob", sentences)


def _ner_all_o(tmp):
    return conll(tmp, "all_o.conll", [[("a", "O"), ("b", "O")], [("c", "O")], [("d", "O")]])


def _two_sheets(tmp):
    data = [["text", "label"]] + [list(r) for r in ROWS]
    return xlsx(tmp, "book.xlsx", {"Notes": [], "Data": data})


def _header_only_xlsx(tmp):
    return xlsx(tmp, "header_only.xlsx", {"Sheet1": [["text", "label"]]})


def _empty_xlsx(tmp):
    return xlsx(tmp, "blank.xlsx", {"Sheet1": []})


def _utf16_csv(tmp):
    return write(tmp, "utf16.csv", csv_text(GBK_ROWS), "utf-16")  # Python's utf-16 writes a BOM


def _multi_label(tmp):
    rows = [(text, "joy|surprise" if i % 3 == 0 else ("joy" if i % 2 else "anger"))
            for i, (text, _) in enumerate(ROWS)]
    return write(tmp, "emotions.csv", csv_text(rows))


def _some_blank_labels(tmp):
    rows = [(t, "" if i in (2, 5) else label) for i, (t, label) in enumerate(ROWS)]
    return write(tmp, "blanks.csv", csv_text(rows))


def _float_labels(tmp):
    rows = [(t, "1.0" if label == "pos" else "0") for t, label in ROWS]
    return write(tmp, "floats.csv", csv_text(rows))


def _not_object_jsonl(tmp):
    return jsonl(tmp, "mixed.jsonl", [{"text": "fine", "label": "pos"}, "[1, 2]"])


def _mixed_delimiters(tmp):
    text = csv_text(ROWS[:5]) + "a text written with a semicolon;neg\n" + csv_text(ROWS[5:],
                                                                               header=None)
    return write(tmp, "mixed.csv", text)


def _many_labels(tmp):
    rows = [(f"{text} about topic {i}", f"topic-{i:04d}") for i, (text, _) in
            enumerate(sentiment_rows(1000))]
    return write(tmp, "topics.csv", csv_text(rows))


def _all_copies(tmp):
    return write(tmp, "copies.csv", csv_text(ROWS[:4] * 25))


def _invisible_texts(name, invisible):
    rows = [(invisible * (1 + i % 3), label) for i, (_, label) in enumerate(ROWS)]
    return lambda tmp: write(tmp, name, csv_text(rows))


def _quoted_newlines(tmp):
    rows = [(f"{text}\nsecond line of the review", label) for text, label in ROWS]
    return write(tmp, "multiline.csv", csv_text(rows))


def _single_example_class(tmp):
    return write(tmp, "rare.csv", csv_text(ROWS + [("A film about nothing at all", "neutral")]))


def _case_variant_labels(tmp):
    spellings = {"pos": ["pos", "pos ", "POS", " Pos"], "neg": ["neg", "NEG", "neg  "]}
    rows = [(text, spellings[label][(i // 2) % len(spellings[label])]) for i, (text, label)
            in enumerate(ROWS)]
    return write(tmp, "variants.csv", csv_text(rows))


def _emoji_texts(tmp):
    faces = {"pos": ["😀", "😍", "🥰", "👍", "🎉"], "neg": ["😡", "😢", "👎", "💔", "😤"]}
    rows = [("".join(faces[label][(i + k) % 5] for k in range(1 + i % 3)), label)
            for i, (_, label) in enumerate(ROWS)]
    return write(tmp, "emoji.csv", csv_text(rows))


def _rtl_texts(tmp):
    pos = ["סרט נהדר", "אהבתי מאוד", "فيلم رائع", "أحببته كثيرا", "מומלץ בחום"]
    neg = ["סרט משעמם", "לא אהבתי", "فيلم ممل", "لم يعجبني", "בזבוז זמן"]
    rows = [(f"\u200f{(pos if label == 'pos' else neg)[i % 5]} {i}", label)
            for i, (_, label) in enumerate(ROWS)]
    return write(tmp, "rtl.csv", csv_text(rows))


def _merged_title(tmp):
    return xlsx_with_title(tmp, "survey.xlsx", "Customer feedback, spring survey",
                           [["text", "label"]] + [list(r) for r in ROWS])


def _several_sheets(tmp):
    other = [["name", "score"], ["a", "1"], ["b", "2"]]
    return xlsx(tmp, "several.xlsx", {"Reviews": [["text", "label"]] + [list(r) for r in ROWS],
                                      "Summary": other})


def _invalid_bio(tmp):
    broken = [[("New", "I-LOC"), ("York", "I-LOC"), ("is", "O"), ("big", "O")]]
    return conll(tmp, "broken_bio.conll", NER_SENTENCES + broken)


def _plain_tags(tmp):
    plain = [[(token, tag[2:] if tag != "O" else "O") for token, tag in sentence]
             for sentence in NER_SENTENCES]
    return conll(tmp, "plain.conll", plain)


CASES: list[tuple[str, object, str | None]] = [
    # --- bad files: a UserError whose message names the problem and where -----------------
    ("empty-file", _csv("empty.csv", b""), "empty"),
    ("whitespace-only", _csv("blank.csv", "  \n\n \n"), "empty"),
    ("header-only", _csv("header.csv", "text,label\n"), "no data rows"),
    ("binary-csv", _csv("binary.csv", bytes(range(256)) * 20), "binary"),
    ("png-named-csv", _csv("picture.csv", png_bytes()), "png image"),
    ("png-named-xlsx", _csv("sheet.xlsx", png_bytes()), "not a valid excel"),
    ("zip-not-excel", _csv("archive.xlsx", bytes_io_zip({"readme.txt": b"hello"})),
     "could not be read as an excel"),
    ("zip-bomb-xlsx", zip_bomb_xlsx, "expands to"),
    ("header-only-xlsx", _header_only_xlsx, "no data rows"),
    ("empty-xlsx", _empty_xlsx, "no data"),
    ("legacy-xls", _csv("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100), ".xls"),
    ("unsupported-extension", _csv("report.docx", b"PK\x03\x04"), "not a supported"),
    ("ragged-too-many-fields", _ragged_long, "line 5"),
    ("ragged-too-few-fields", _ragged_short, "line 6"),
    ("unclosed-quote", _csv("quote.csv", 'text,label\n"never closed,pos\nok,neg\n'), "line"),
    ("missing-named-column", lambda tmp: write(tmp, "named.csv", csv_text(ROWS)), "'body'"),
    ("no-label-column", _csv("texts.csv", csv_text([(t,) for t, _ in ROWS], header=("text",))),
     "no label column"),
    ("one-class-only", _csv("one.csv", csv_text([(t, "pos") for t, _ in ROWS])), "same label"),
    ("all-labels-blank", _csv("nolabels.csv", csv_text([(t, "") for t, _ in ROWS])),
     "empty label"),
    ("all-labels-nan", _csv("nan.csv", csv_text([(t, "NaN") for t, _ in ROWS])), "empty label"),
    ("all-texts-blank", _csv("notext.csv", csv_text([(" ", lab) for _, lab in ROWS])),
     "empty text"),
    ("broken-jsonl-line", lambda tmp: jsonl(tmp, "broken.jsonl", [
        {"text": "ok", "label": "pos"}, {"text": "fine", "label": "neg"}, '{"text": "oops",']),
     "line 3"),
    ("jsonl-not-object", _not_object_jsonl, "record 2"),
    ("json-object-not-list", _csv("obj.json", '{"text": "hello", "label": "pos"}'),
     "not a list"),
    ("json-truncated", _csv("cut.json", '[{"text": "hello", "label": "pos"},\n{"text": "x"'),
     "line 2"),
    ("json-list-of-numbers", _csv("numbers.json", "[1, 2, 3]"), "record 1"),
    ("parquet-corrupt", _csv("data.parquet", b"PAR1" + b"garbage" * 20), "parquet"),
    ("tokens-tags-mismatch", _ner_jsonl_mismatch, "line 2"),
    ("tokens-without-tags", lambda tmp: jsonl(tmp, "notags.jsonl", [{"tokens": ["a", "b"]}]),
     "no tags"),
    ("conll-missing-tag-column", _conll_missing_tag, "line 3"),
    ("conll-only-docstart", _csv("doc.conll", "-DOCSTART- -X- O O\n\n"), "no tagged sentences"),
    ("ner-no-entities", _ner_all_o, "entity tag"),
    ("span-out-of-range", _doccano("oor.jsonl", [{"text": "Hi John", "label": [[3, 7, "PER"]]},
                                                 {"text": "Bob", "label": [[0, 9, "PER"]]}]),
     "line 2"),
    ("span-reversed", _doccano("rev.jsonl", [{"text": "Hi John", "label": [[7, 3, "PER"]]}]),
     "reversed"),
    ("span-overlapping", _doccano("ovl.jsonl", [
        {"text": "New York City", "label": [[0, 8, "LOC"], [4, 13, "LOC"]]}]), "overlapping"),
    ("span-bad-shape", _doccano("shape.jsonl", [{"text": "Hi John", "label": [[3, "PER"]]}]),
     "line 1"),
    ("label-studio-no-annotations", _label_studio_unannotated, "no annotations"),
    ("split-column-bad-values", lambda tmp: write(tmp, "split.csv", csv_text(
        [(t, lab, "train" if i % 2 else "holdout") for i, (t, lab) in enumerate(ROWS)],
        header=("text", "label", "part"))), "holdout"),
    ("mixed-delimiters", _mixed_delimiters, "line 7"),
    ("ten-mb-single-line", lambda tmp: single_line(tmp, "one_line.csv"), "no line breaks"),
    ("two-thousand-labels", _many_labels, "different labels among"),
    ("all-rows-duplicates", _all_copies, "copies of earlier rows"),
    ("zero-width-texts", _invisible_texts("zero_width.csv", "\u200b\u200c\u200d"), "invisible"),
    ("rtl-marks-only-texts", _invisible_texts("rtl_marks.csv", "\u202e\u200f"), "invisible"),
    # --- odd but valid: must load and pass the health check ----------------------------------
    ("gbk-csv", _csv("gbk.csv", csv_text(GBK_ROWS * 3), "gbk"), None),
    ("gb18030-csv", _csv("gb18030.csv", csv_text(GBK_ROWS * 3), "gb18030"), None),
    ("big5-csv", _csv("big5.csv", csv_text(BIG5_ROWS * 3), "big5"), None),
    ("latin1-csv", _csv("latin1.csv", csv_text(LATIN1_ROWS * 3), "latin-1"), None),
    ("utf16-bom-csv", _utf16_csv, None),
    ("utf8-bom-csv", _csv("bom.csv", "\ufeff" + csv_text(ROWS)), None),
    ("crlf-csv", _csv("crlf.csv", csv_text(ROWS, newline="\r\n")), None),
    ("semicolon-csv", _csv("semi.csv", csv_text([(t + ", really", lab) for t, lab in ROWS],
                                                 sep=";")), None),
    ("tsv-raw-quotes", _csv("quotes.tsv", "label\tsentence\n" + "".join(
        f'{lab}\t"{t} said nobody\n' for t, lab in ROWS)), None),
    ("no-header-tsv", _csv("noheader.tsv", csv_text([(t + " and more words here", lab)
                                                      for t, lab in ROWS], header=None,
                                                     sep="\t")), None),
    ("some-blank-labels", _some_blank_labels, None),
    ("float-labels", _float_labels, None),
    ("multi-label-pipe", _multi_label, None),
    ("json-data-wrapper", lambda tmp: write(tmp, "wrapped.json", json.dumps(
        {"version": 2, "data": [{"text": t, "label": lab} for t, lab in ROWS]})), None),
    ("xlsx-second-sheet", _two_sheets, None),
    ("wnut-like-bom-lines", _wnut_like, None),
    ("iobes-tags", _iobes, None),
    ("iob1-tags", _iob1, None),
    ("doccano-cjk", _doccano_ok, None),
    ("label-studio-partly-annotated", _label_studio_ok, None),
    ("conll-space-separated", lambda tmp: conll(tmp, "spaces.conll", NER_SENTENCES, sep=" "),
     None),
    ("quoted-newlines", _quoted_newlines, None),
    ("single-example-class", _single_example_class, None),
    ("case-variant-labels", _case_variant_labels, None),
    ("emoji-only-texts", _emoji_texts, None),
    ("rtl-script-texts", _rtl_texts, None),
    ("xlsx-merged-title", _merged_title, None),
    ("xlsx-several-sheets", _several_sheets, None),
    ("conll-invalid-bio", _invalid_bio, None),
    ("conll-plain-tags", _plain_tags, None),
]

CASE_OPTIONS: dict[str, dict] = {
    "missing-named-column": {"text_column": "body"},
    "split-column-bad-values": {"split_column": "part"},
}

CASE_WARNINGS: dict[str, str] = {
    "single-example-class": "rare_classes",
    "case-variant-labels": "label_variants",
    "emoji-only-texts": "unknown_tokens",
    "xlsx-merged-title": "note",
    "xlsx-several-sheets": "note",
    "conll-invalid-bio": "bio_repairs",
    "conll-plain-tags": "tag_scheme",
}


@functools.lru_cache(maxsize=1)
def default_tokenizer():
    from core.models import load_tokenizer

    return load_tokenizer("default")


def check_file(path, **options) -> object:
    """Load, split and health-check one file as `python -m core validate` does."""
    task = detect_task(path)
    config = RunConfig(task=task, data=DataConfig(train=str(path), **options))
    report = build_health_report(make_splits(config), tokenizer=default_tokenizer())
    errors = report.by_severity("error")
    if errors:
        raise UserError(f"{path.name}: {errors[0].message}", errors[0].fix)
    return report
