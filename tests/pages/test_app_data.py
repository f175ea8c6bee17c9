"""Data page: sample data, uploads, column mapping, health report and its error paths."""

from __future__ import annotations

import pytest
from support.pages import all_text, assert_clean, open_app

from core.text import use_language
from core.workspace import uploads

CSV = "text,label\n" + "".join(
    f"{'great lovely film' if i % 2 else 'awful boring film'} number {i},"
    f"{'pos' if i % 2 else 'neg'}\n" for i in range(60))


@pytest.fixture(autouse=True)
def app_language():
    """AppTest writes each chosen option's label in the test's own thread, so that thread
    writes in the app's language: English (AppTest's browser), whatever FINETUNE_STUDIO_LANG
    says; a test of the Chinese page sets Chinese itself."""
    with use_language("en"):
        yield


def choose_source(at, source: str):
    """Pick where the examples come from."""
    return at.radio(key="data_source").set_value(source).run()


def upload(at, name: str, content: bytes):
    choose_source(at, "upload")
    at.file_uploader(key="data_upload").set_value((name, content, "text/csv")).run()
    return at


def continue_button(at):
    return next(b for b in at.button if b.label == "Continue to the model")


def test_sample_gives_health_report_charts_and_continue(workspace):
    at = open_app()
    assert_clean(at)
    assert at.session_state["data_ready"] is True
    assert at.session_state["task"] == "text-classification"
    text = all_text(at)
    assert "Health report" in text and "Train / validation / test 462 / 72 / 206" in text
    assert len(at.get("plotly_chart")) == 2  # labels, text length
    assert at.selectbox(key="data_text").value == "text"
    assert at.selectbox(key="data_label").value == "label"
    assert not continue_button(at).disabled


def test_entity_sample_detects_the_task_and_counts_entities(workspace):
    at = open_app()
    at.selectbox(key="data_sample").set_value("news-entities").run()
    assert_clean(at)
    assert at.selectbox(key="data_task").value == "token-classification"
    assert at.session_state["task"] == "token-classification"
    assert "Entities" in all_text(at)
    assert len(at.get("plotly_chart")) == 2  # entities per type, text length


def test_upload_is_kept_in_the_workspace_and_offered_again(workspace):
    at = upload(open_app(), "../../secret/My Reviews.csv", CSV.encode())
    assert_clean(at)
    saved = uploads.list_uploads()
    assert [d.name for d in saved] == ["My_Reviews.csv"]
    assert saved[0].path.is_relative_to(workspace)
    assert at.session_state["data_config"]["train"] == str(saved[0].path)
    fresh = open_app()  # a new browser session: the upload is listed for reuse
    choose_source(fresh, "earlier")
    assert fresh.selectbox(key="data_earlier").value == str(saved[0].path)
    assert fresh.session_state["data_ready"] is True


def test_binary_upload_shows_a_readable_error(workspace):
    at = upload(open_app(), "photo.csv", bytes(range(256)) * 20)
    assert not at.exception
    assert len(at.error) == 1 and "binary data" in at.error[0].value
    assert at.session_state["data_ready"] is False
    assert not [b for b in at.button if b.label == "Continue to the model"]


def test_empty_upload_is_refused(workspace):
    at = upload(open_app(), "empty.csv", b"")
    assert not at.exception
    assert "is empty" in at.error[0].value
    assert uploads.list_uploads() == []


def test_other_file_types_are_refused_with_the_types_to_use(workspace):
    at = upload(open_app(), "notes.docx", b"PK\x03\x04 not really a document")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The file notes.docx has a type the app cannot read (.docx). Save it as one of: .csv, "
        ".tsv, .txt, .json, .jsonl, .xlsx, .parquet, .conll, .conllu, .bio, .iob."]
    assert uploads.list_uploads() == []


def test_missing_label_column_is_explained(workspace):
    content = "text\n" + "".join(f"some text {i}\n" for i in range(30))
    at = upload(open_app(), "texts.csv", content.encode())
    assert not at.exception
    assert "has only one column ('text'), so it has no label column" in at.error[0].value
    assert at.session_state["data_ready"] is False


def test_same_column_for_text_and_label_is_explained(workspace):
    at = upload(open_app(), "reviews.csv", CSV.encode())
    at.selectbox(key="data_label").set_value("text").run()
    assert not at.exception
    assert "text column and the label column are the same" in at.error[0].value
    assert at.session_state["data_ready"] is False


def test_an_unreadable_upload_is_not_kept_for_reuse(workspace):
    at = upload(open_app(), "broken.jsonl", b'{"text": "fine", "label": "pos"}\n{"text": \n')
    assert "line 2" in at.error[0].value
    assert uploads.list_uploads() == []
    choose_source(at, "earlier")
    assert "No files were uploaded yet" in all_text(at)


def test_health_errors_disable_continue(workspace):
    content = "text,label\n" + "".join(f"text number {i},same\n" for i in range(40))
    at = upload(open_app(), "one_class.csv", content.encode())
    assert not at.exception
    assert any("Only one class" in e.value for e in at.error)
    assert continue_button(at).disabled
    assert at.session_state["data_ready"] is False


def test_choices_survive_a_visit_to_another_page(workspace):
    at = open_app()
    at.selectbox(key="data_sample").set_value("news-entities").run()
    at.switch_page("pages/runs.py").run()
    at.switch_page("pages/data.py").run()
    assert at.selectbox(key="data_sample").value == "news-entities"


def test_continue_opens_the_model_page(workspace):
    at = open_app()
    continue_button(at).click().run()
    assert_clean(at)
    assert at.title[0].value == "Model and training"


def test_two_browser_sessions_keep_their_own_choices(workspace):
    first, second = open_app(), open_app()
    first.selectbox(key="data_sample").set_value("news-entities").run()
    second.run()
    assert second.selectbox(key="data_sample").value == "reviews"
    assert second.session_state["task"] == "text-classification"
    assert first.session_state["task"] == "token-classification"


def test_one_click_removes_copies_into_a_new_upload_and_keeps_the_original(workspace):
    copies = "".join(f"great lovely film number {i},pos\n" for i in (1, 3, 5))
    at = upload(open_app(), "reviews.csv", (CSV + copies).encode())
    assert any("Exact duplicates" in w.value for w in at.warning)
    original = uploads.list_uploads()[0]
    button = at.button(key="data_clean_copy")
    button.click().run()
    assert_clean(at)
    kept = {d.name: d for d in uploads.list_uploads()}
    assert set(kept) == {"reviews.csv", "reviews-cleaned.csv"}
    assert original.path.read_bytes() == (CSV + copies).encode()  # the original is untouched
    cleaned = kept["reviews-cleaned.csv"]
    assert at.session_state["data_config"]["train"] == str(cleaned.path)
    assert at.radio(key="data_source").value == "earlier"
    assert at.selectbox(key="data_earlier").value == str(cleaned.path)
    assert any(o.startswith("reviews.csv (") for o in at.selectbox(key="data_earlier").options)
    assert [s.value for s in at.success if "cleaned copy" in s.value] == [
        "A cleaned copy, reviews-cleaned.csv, is now chosen. Removed 3 exact copies of earlier "
        "rows; 60 rows of 63 are kept. Your original file reviews.csv is kept and can be chosen "
        "again under 'A file uploaded earlier'."]
    assert not any("Exact duplicates" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "data_clean_copy"]  # nothing left to clean


def test_no_clean_button_without_copies(workspace):
    at = upload(open_app(), "reviews.csv", CSV.encode())
    assert not [b for b in at.button if b.key == "data_clean_copy"]


NUMBERED = "text,label\n" + "".join(
    f"{'great lovely film' if i % 2 else 'awful boring film'} number {i},{i % 2}\n"
    for i in range(60))


def test_numeric_labels_can_be_given_names(workspace):
    at = upload(open_app(), "numbered.csv", NUMBERED.encode())
    assert_clean(at)
    editor = at.data_editor[0]
    assert list(editor.value["Label"]) == ["0", "1"]
    at.session_state[editor.key] = {"edited_rows": {0: {"Name": "negative"},
                                                    1: {"Name": "positive"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    assert_clean(at)
    assert at.session_state["data_config"]["label_names"] == {"0": "negative", "1": "positive"}
    classes = next(i.value for i in at.info if "Classes" in i.value)
    assert "negative: 24" in classes and "positive: 24" in classes
    at.switch_page("pages/runs.py").run()
    at.switch_page("pages/data.py").run()  # the names are still there after another page
    assert list(at.data_editor[0].value["Name"]) == ["negative", "positive"]
    assert at.session_state["data_config"]["label_names"] == {"0": "negative", "1": "positive"}


def test_word_labels_get_no_name_table(workspace):
    at = upload(open_app(), "reviews.csv", CSV.encode())
    assert not at.data_editor


def fresh_app_with_address(**params):
    from streamlit.testing.v1 import AppTest
    from support.pages import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_a_refresh_keeps_the_chosen_upload(workspace):
    at = upload(open_app(), "reviews.csv", CSV.encode())
    saved = uploads.list_uploads()[0]
    assert at.query_params["data"] == saved.content_hash
    uploads.save_upload("newer.csv", CSV.replace("film", "movie").encode())  # now the newest
    fresh = fresh_app_with_address(data=saved.content_hash)  # the refreshed page
    assert_clean(fresh)
    assert fresh.radio(key="data_source").value == "earlier"
    assert fresh.selectbox(key="data_earlier").value == str(saved.path)
    assert fresh.session_state["data_config"]["train"] == str(saved.path)
    choose_source(fresh, "sample")  # a sample needs no address
    assert "data" not in fresh.query_params


def test_an_address_naming_no_upload_opens_the_sample(workspace):
    uploads.save_upload("reviews.csv", CSV.encode())
    for bad in ("../../etc/passwd", "0123456789abcdef"):
        at = fresh_app_with_address(data=bad)
        assert_clean(at)
        assert at.radio(key="data_source").value == "sample"
        assert "data" not in at.query_params


def test_the_proposed_earlier_upload_is_the_newest_that_reads(workspace):
    import os

    good = uploads.save_upload("reviews.csv", CSV.encode())
    os.utime(good.path, (good.modified - 60, good.modified - 60))  # uploaded a minute earlier
    broken = uploads.save_upload("photo.csv", bytes(range(256)) * 20)  # kept by an older version
    at = open_app("pages/label.py")  # texts to label: kept, but they have no labels
    at.file_uploader(key="label_upload").set_value(
        ("texts.csv", b"text\nfirst text\nsecond text\n", "text/csv")).run()
    assert uploads.list_uploads()[0].name == "texts.csv"
    at.switch_page("pages/data.py").run()
    choose_source(at, "earlier")
    assert_clean(at)
    picker = at.selectbox(key="data_earlier")
    assert picker.value == str(good.path)
    assert at.session_state["data_ready"] is True
    shown = {o.split(" (")[0]: o for o in picker.options}
    assert shown["texts.csv"].endswith(", cannot be read as labeled examples")
    assert shown["photo.csv"].endswith(", cannot be read as labeled examples")
    assert not shown["reviews.csv"].endswith("labeled examples")
    assert broken.path.exists()  # listed, so it can still be chosen and its error read


def test_the_page_reads_in_chinese(workspace):
    with use_language("zh"):  # the language the page is shown in (see app_language)
        check_the_page_in_chinese()


def check_the_page_in_chinese():
    at = fresh_app_with_address(lang="zh")
    assert_clean(at)  # strict mode: a key without Chinese would be an error on the page
    assert at.title[0].value == "你的数据"
    text = all_text(at)
    # in Chinese the Chinese review sample is offered first (720 reviews, split 432 / 72 / 216)
    assert at.selectbox(key="data_sample").value == "reviews-zh"
    assert "数据检查报告" in text and "训练集 / 验证集 / 测试集 432 / 72 / 216" in text
    assert at.radio(key="data_source").options == ["内置示例", "上传文件", "之前上传的文件"]
    assert any(b.label == "继续选择模型" for b in at.button)
    upload(at, "numbered.csv", NUMBERED.encode())
    assert_clean(at)
    assert "文本读取自 **text** 列，标签读取自 **label** 列。" in [c.value for c in at.caption]
    assert "为标签命名" in all_text(at)
    choose_source(at, "earlier")
    assert_clean(at)
    assert at.selectbox(key="data_earlier").options[0].startswith("numbered.csv（")


def test_the_address_helper_keeps_the_upload_for_other_pages(workspace):
    """pages/_data_address.keep_across_pages, for app.py to call on every page: a page switch
    in the browser clears the address, and `?data=` is written back from the session."""
    from streamlit.testing.v1 import AppTest

    from pages import _session

    at = AppTest.from_string("from pages import _data_address\n"
                             "_data_address.keep_across_pages()\n")
    at.session_state[_session.DATASET] = {"path": "x.csv", "label": "x.csv", "source": "upload",
                                          "id": "0123456789abcdef"}
    assert at.run().query_params["data"] == "0123456789abcdef"
    at.session_state[_session.DATASET] = {"path": "s.csv", "label": "s", "source": "sample"}
    assert "data" not in at.run().query_params  # a sample needs no address
    fresh = AppTest.from_string("from pages import _data_address\n"
                                "_data_address.keep_across_pages()\n")
    fresh.query_params["data"] = "0123456789abcdef"  # a refresh on another page
    fresh.run()
    fresh.query_params.pop("data")  # the switch to the Data page clears the address
    assert fresh.run().query_params["data"] == "0123456789abcdef"
