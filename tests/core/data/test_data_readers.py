"""read_table: each format, delimiters, headers, and values kept as written."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support.fixtures_data import csv_text, jsonl, parquet, sentiment_rows, write, xlsx

from core.data import read_table
from core.errors import UserError

ROWS = sentiment_rows(3)


@pytest.mark.parametrize("sep,name", [(",", "a.csv"), ("\t", "a.tsv"), (";", "a.csv"),
                                      ("|", "a.csv"), ("\t", "a.csv"), (",", "a.tsv")])
def test_delimiters_are_sniffed(tmp_path, sep, name):
    path = write(tmp_path, name, csv_text(ROWS, sep=sep))
    frame = read_table(path)
    assert list(frame.columns) == ["text", "label"]
    assert frame["text"].tolist() == [t for t, _ in ROWS]


def test_quoted_fields_with_commas_and_newlines(tmp_path):
    rows = [("Hello, world", "a"), ('She said "hi"\nthen left', "b"), ("plain", "a")]
    frame = read_table(write(tmp_path, "q.csv", csv_text(rows, newline="\r\n")))
    assert frame["text"].tolist() == [t for t, _ in rows]
    assert frame["label"].tolist() == ["a", "b", "a"]


def test_values_stay_strings_as_written(tmp_path):
    text = "text,label,score\nx,01,NA\ny,1,\nz,1.0,nan\n"
    frame = read_table(write(tmp_path, "v.csv", text))
    assert frame["label"].tolist() == ["01", "1", "1.0"]
    assert frame["score"].tolist() == ["NA", "", "nan"]
    assert all(isinstance(v, str) for v in frame["score"])


def test_header_less_file_gets_column_names(tmp_path):
    rows = [("My favourite food is anything I did not have to cook myself", "27", "id1"),
            ("Now if he does that everyone will think he is having a laugh", "2,6", "id2")]
    frame = read_table(write(tmp_path, "g.tsv", csv_text(rows, header=None, sep="\t")))
    assert list(frame.columns) == ["column_1", "column_2", "column_3"]
    assert len(frame) == 2
    assert "no header" in frame.attrs["notes"][0]


def test_numeric_header_above_numeric_column_means_no_header(tmp_path):
    frame = read_table(write(tmp_path, "n.csv", "1,good film\n0,bad film\n1,great\n"))
    assert len(frame) == 3 and frame["column_1"].tolist() == ["1", "0", "1"]


def test_duplicate_and_empty_header_names(tmp_path):
    frame = read_table(write(tmp_path, "d.csv", "text,text,\na,b,c\n"))
    assert list(frame.columns) == ["text", "text_2", "column_3"]


def test_blank_lines_are_skipped(tmp_path):
    frame = read_table(write(tmp_path, "b.csv", "text,label\n\na,x\n\n\nb,y\n\n"))
    assert frame["text"].tolist() == ["a", "b"]


def test_txt_is_one_text_per_line(tmp_path):
    frame = read_table(write(tmp_path, "t.txt", "first text, with comma\n\nsecond text\n"))
    assert frame["text"].tolist() == ["first text, with comma", "second text"]


def test_txt_with_tabs_is_read_as_tsv(tmp_path):
    frame = read_table(write(tmp_path, "t.txt", csv_text(ROWS, sep="\t")))
    assert list(frame.columns) == ["text", "label"]


def test_json_list_and_wrapper_and_strings(tmp_path):
    records = [{"text": t, "label": lab, "n": 1.0, "tags": ["a", "b"], "x": None}
               for t, lab in ROWS]
    plain = read_table(write(tmp_path, "a.json", json.dumps(records)))
    wrapped = read_table(write(tmp_path, "b.json", json.dumps({"meta": 1, "data": records})))
    for frame in (plain, wrapped):
        assert frame["text"].tolist() == [t for t, _ in ROWS]
        assert frame["n"].iloc[0] == "1"
        assert json.loads(frame["tags"].iloc[0]) == ["a", "b"]
        assert frame["x"].iloc[0] == ""
    strings = read_table(write(tmp_path, "c.json", json.dumps(["one", "two"])))
    assert strings["text"].tolist() == ["one", "two"]


def test_jsonl_with_missing_keys_and_blank_lines(tmp_path):
    path = jsonl(tmp_path, "a.jsonl", [{"text": "a", "label": 1}, "", {"text": "b"}])
    frame = read_table(path)
    assert frame["label"].tolist() == ["1", ""]


def test_parquet(tmp_path):
    source = pd.DataFrame({"text": ["a", "b"], "label": [1, 2], "score": [0.5, None]})
    frame = read_table(parquet(tmp_path, "a.parquet", source))
    assert frame["label"].tolist() == ["1", "2"]
    assert frame["score"].tolist() == ["0.5", ""]


def test_xlsx_first_sheet_with_data_is_used_and_named(tmp_path):
    path = xlsx(tmp_path, "b.xlsx", {"Empty": [], "Reviews": [["text", "label"], ["good", 1],
                                                                ["bad", 0.0], ["ok", "01"]]})
    frame = read_table(path)
    assert frame["label"].tolist() == ["1", "0", "01"]
    assert frame.attrs["sheet"] == "Reviews"
    assert "Reviews" in frame.attrs["notes"][0]


def test_xlsx_short_rows_are_padded(tmp_path):
    frame = read_table(xlsx(tmp_path, "p.xlsx", {"S": [["text", "label"], ["a"], ["b", "y"]]}))
    assert frame["label"].tolist() == ["", "y"]


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.csv", csv_text(ROWS))
    with pytest.raises(UserError, match="larger than the limit"):
        read_table(path, max_bytes=10)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        read_table(tmp_path / "nope.csv")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(UserError, match="folder"):
        read_table(tmp_path / "dir.csv")


def test_error_messages_name_only_the_basename(tmp_path):
    path = write(tmp_path, "ragged.csv", "a,b\n1,2\n1,2,3\n")
    with pytest.raises(UserError) as caught:
        read_table(path)
    assert "ragged.csv line 3" in caught.value.message
    assert str(tmp_path) not in caught.value.message


def test_repeated_names_are_numbered_as_before():
    from core.data.delimited import unique_names

    assert unique_names(["a", "a", "a_2", "a", " ", ""]) == \
        ["a", "a_2", "a_2_2", "a_3", "column_5", "column_6"]


def test_numbering_thousands_of_equal_names_is_linear():
    """Numbering was cubic in the count (3,000 equal names took a minute)."""
    import time

    from core.data.delimited import unique_names

    started = time.monotonic()
    names = unique_names(["text"] * 50_000)
    assert time.monotonic() - started < 20  # a hang guard: this takes milliseconds
    assert len(set(names)) == 50_000 and names[:3] == ["text", "text_2", "text_3"]


def test_a_repeated_column_name_is_a_warning(tmp_path):
    frame = read_table(write(tmp_path, "r.csv", "text,label,text\na,b,c\n"))
    assert list(frame.columns) == ["text", "label", "text_2"]
    assert "'text' (2 times)" in frame.attrs["warnings"][0]["message"]


def test_nul_bytes_past_the_binary_check_are_removed_with_a_warning(tmp_path):
    text = csv_text(sentiment_rows(300))
    cut = text.index("\n", 9000) + 1
    path = write(tmp_path, "nul.csv", text[:cut] + "bad\x00text,pos\n" + text[cut:])
    frame = read_table(path)
    assert "badtext" in frame["text"].tolist()
    assert "NUL" in frame.attrs["warnings"][0]["message"]


@pytest.mark.parametrize("levels,ok", [(98, True), (99, False)])
def test_json_nesting_limit(tmp_path, levels, ok):
    """The record list is level 1 and each record level 2: 98 more levels make 100."""
    nested = "[" * levels + "]" * levels
    path = write(tmp_path, "n.json", f'[{{"text": "a", "label": {nested}}}]')
    if ok:
        assert len(read_table(path)) == 1
    else:
        with pytest.raises(UserError, match="nested more than 100 levels"):
            read_table(path)


def test_json_number_digit_limit(tmp_path):
    assert read_table(write(tmp_path, "a.json", '[{"text": "a", "n": -' + "1" * 1000 + "}]"))\
        ["n"].iloc[0] == "-" + "1" * 1000
    with pytest.raises(UserError, match="1,001 digits"):
        read_table(write(tmp_path, "b.jsonl", '{"text": "a", "n": ' + "1" * 1001 + "}\n"))


def test_records_with_too_many_keys_are_refused_early(tmp_path):
    records = [{f"k{i}": "x" for i in range(j * 600, j * 600 + 600)} for j in range(3)]
    with pytest.raises(UserError, match=r"1,200 columns \(different fields in records 1 to 2\)"):
        read_table(jsonl(tmp_path, "keys.jsonl", records))


def test_parquet_struct_columns_are_noted(tmp_path):
    frame = pd.DataFrame({"text": [{"a": 1}, {"a": 2}], "label": ["x", "y"]})
    table = read_table(parquet(tmp_path, "s.parquet", frame))
    assert table["text"].tolist() == ['{"a": 1}', '{"a": 2}']
    assert table.attrs["structured"] == {"text": [2, 1]}
