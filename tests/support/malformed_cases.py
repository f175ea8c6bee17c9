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
import re
import zipfile

from core.config import DataConfig, RunConfig
from core.data import build_health_report, detect_task, make_splits
from core.errors import UserError
from support.fixtures_data import (
    BIG5_ROWS,
    GBK_ROWS,
    LATIN1_ROWS,
    NER_SENTENCES,
    bytes_io_zip,
    conll,
    csv_text,
    jsonl,
    parquet,
    png_bytes,
    sentiment_rows,
    single_line,
    write,
    xlsx,
    xlsx_with_title,
    zip_bomb_xlsx,
)

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


# ---- hostile files: small on disk, huge or deep once read (also in test_hostile_files.py) ----

def huge_range_xlsx(tmp, name="huge_range.xlsx", far_cell="XFD1048576"):
    """A few-KB workbook whose sheet declares the whole grid (A1:XFD1048576) and has one real
    cell far down: openpyxl's read-only mode pads every row to the declared width."""
    path = xlsx(tmp, name, {"Sheet1": [["text", "label"]] + [list(r) for r in ROWS]})
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    row = re.sub(r"\D", "", far_cell)
    far = f'<row r="{row}"><c r="{far_cell}" t="inlineStr"><is><t>stray</t></is></c></row>'
    members["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", far + "</sheetData>")\
        .encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def same_name_header(tmp, n=3000, name="same_names.csv"):
    """A header of `n` columns all called 'text' (numbering the repeats was cubic in n)."""
    return write(tmp, name, ",".join(["text"] * n) + "\n" + (",".join(["a"] * n) + "\n") * 3)


def wide_csv(tmp, n=20_000, name="wide.csv"):
    header = ",".join(f"c{i}" for i in range(n))
    body = "".join(",".join(f"v{j}" for _ in range(n)) + "\n" for j in range(3))
    return write(tmp, name, header + "\n" + body)


def deep_json(tmp, depth=100_000, name="deep.json"):
    nested = "[" * depth + "]" * depth
    return write(tmp, name, f'[{{"text": "hello", "label": {nested}}}]')


def deep_jsonl(tmp, depth=100_000, name="deep.jsonl"):
    nested = "[" * depth + "]" * depth
    return write(tmp, name, f'{{"text": "fine", "label": "pos"}}\n'
                            f'{{"text": "hello", "label": {nested}}}\n')


def huge_number_jsonl(tmp, digits=5000, name="huge_number.jsonl"):
    """An integer longer than Python converts by default (4,300 digits)."""
    return write(tmp, name, '{"text": "fine", "label": "pos"}\n'
                            '{"text": "hello", "label": ' + "9" * digits + "}\n")


def huge_number_json(tmp, digits=2000, name="huge_number.json"):
    """Fewer digits than Python refuses, more than the app's limit."""
    return write(tmp, name, '[{"text": "hello", "id": ' + "7" * digits + ', "label": "pos"}]')


def tag_names_not_a_list(tmp, name="tag_names.jsonl"):
    return jsonl(tmp, name, [{"tokens": ["John", "runs"], "ner_tags": [1, 0], "tag_names": 5}])


def _tag_names_a_string(tmp):
    return jsonl(tmp, "tag_names_text.jsonl", [{"tokens": ["John", "runs"], "ner_tags": [1, 0],
                                                "tag_names": "O B-PER"}])


def _label_studio_labels_a_number(tmp):
    tasks = [{"data": {"text": "John runs"}, "annotations": [{"result": [
        {"value": {"start": 0, "end": 4, "labels": 7}}]}]}]
    return write(tmp, "ls_numbers.json", json.dumps(tasks))


def _formulas_without_values(tmp):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", "label"])
    for i in range(2, 12):
        sheet.append([f'=CONCATENATE("review ", {i})', f'=IF(MOD({i},2)=0,"pos","neg")'])
    path = tmp / "formulas.xlsx"
    book.save(path)  # openpyxl saves formulas without results, as scripts do
    return path


def _wide_parquet(tmp):
    import pandas as pd

    return parquet(tmp, "wide.parquet", pd.DataFrame({f"c{i}": ["x", "y"] for i in range(1500)}))


def _repeated_header(tmp):
    rows = [(t, t.upper(), lab) for t, lab in ROWS]
    return write(tmp, "repeated.csv", csv_text(rows, header=("text", "text", "label")))


def _object_texts(tmp):
    records = [{"text": {"title": t, "body": t} if i % 4 == 0 else t, "label": lab}
               for i, (t, lab) in enumerate(ROWS)]
    return jsonl(tmp, "objects.jsonl", records)


def _nul_after_8kb(tmp):
    rows = [(f"{t} number {i}", lab) for i, (t, lab) in enumerate(sentiment_rows(200))]
    text = csv_text(rows)
    cut = text.index("\n", 9000) + 1
    return write(tmp, "nul_late.csv", text[:cut] + "A text with a \x00 NUL byte,pos\n" + text[cut:])


def _untyped_tags(tmp):
    return conll(tmp, "untyped.conll", NER_SENTENCES + [[("Oslo", "B-"), ("is", "O")]])


def _invisible_entity_token(tmp):
    return conll(tmp, "invisible.conll", NER_SENTENCES + [[("\u200b", "B-PER"), ("Anna", "O")]])


def _parquet_list_texts(tmp):
    import pandas as pd

    frame = pd.DataFrame({"text": [t.split() for t, _ in ROWS], "label": [lab for _, lab in ROWS]})
    return parquet(tmp, "lists.parquet", frame)


def _formatted_far_right(tmp):
    """5,000 rows that each end in a formatted empty cell in column XFD: every row is padded to
    16,384 cells, 80 million in all, from a 70 KB file."""
    path = huge_range_xlsx(tmp, "formatted.xlsx", far_cell="A2")
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>text {n}</t></is></c>'
                   f'<c r="XFD{n}" s="0"/></row>' for n in range(30, 5030))
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", rows + "</sheetData>")\
        .encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _far_down_cell(tmp):
    return huge_range_xlsx(tmp, "far_down.xlsx", far_cell="A1048576")


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
    ("xlsx-huge-declared-range", huge_range_xlsx, "beyond the limit of 1,000 columns"),
    ("xlsx-formatted-cells-far-right", _formatted_far_right, "spans more than 10,000,000 cells"),
    ("xlsx-formulas-without-values", _formulas_without_values, "formulas whose results"),
    ("same-name-header-3000", same_name_header, "3,000 columns"),
    ("csv-20000-columns", wide_csv, "20,000 columns, more than the limit"),
    ("parquet-1500-columns", _wide_parquet, "1,500 columns"),
    ("json-nested-deeply", deep_json, "nested more than 100 levels"),
    ("jsonl-nested-deeply", deep_jsonl, "line 2 has lists or objects nested"),
    ("jsonl-5000-digit-number", huge_number_jsonl, "line 2 holds a number of 5,000 digits"),
    ("json-2000-digit-number", huge_number_json, "number of 2,000 digits"),
    ("tag-names-a-number", tag_names_not_a_list, "has tag names that are not a list"),
    ("tag-names-a-string", _tag_names_a_string, "has tag names that are not a list"),
    ("label-studio-labels-a-number", _label_studio_labels_a_number, "record 1 has a field of"),
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
    ("xlsx-huge-range-far-down-cell", _far_down_cell, None),
    ("repeated-header-names", _repeated_header, None),
    ("objects-in-text-field", _object_texts, None),
    ("nul-byte-after-8kb", _nul_after_8kb, None),
    ("entity-tag-without-type", _untyped_tags, None),
    ("entity-on-zero-width-token", _invisible_entity_token, None),
    ("parquet-list-column-as-text", _parquet_list_texts, None),
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
    "xlsx-huge-range-far-down-cell": "missing_values",
    "repeated-header-names": "read_warning",
    "objects-in-text-field": "read_warning",
    "nul-byte-after-8kb": "read_warning",
    "entity-tag-without-type": "untyped_tags",
    "entity-on-zero-width-token": "read_warning",
    "parquet-list-column-as-text": "read_warning",
}


@functools.lru_cache(maxsize=1)
def default_tokenizer():
    from core.models.loading import load_tokenizer

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
