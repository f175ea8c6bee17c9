"""The language switch (app.py, pages/_lang.py): the URL's ?lang=, the browser's language on a
first visit, the sidebar selector, and that switching keeps everything else the user chose.

AppTest (1.67) keeps the entry script's sidebar only in the first run of a session, so the
selector is used in the run right after the first, and checks after it read the session state
and the URL.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from support.pages import APP, TIMEOUT, assert_clean

from core.text import use_language
from pages import _lang, _session

CHINESE_TITLES = ["1. 数据", "2. 模型", "3. 训练", "4. 测试", "5. 部署", "标注文本", "训练记录",
                  "搜索设置"]
ENGLISH_TITLES = ["1. Data", "2. Model", "3. Train", "4. Test", "5. Deploy", "Label texts",
                  "Runs", "Search settings"]


def first_visit(query: dict | None = None, locale: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    if locale:
        at.context = {"locale": locale}
    return at.run()


def page_titles(at: AppTest) -> list[str]:
    # the titles st.navigation registered in the run (AppTest has no public view of the menu)
    return [page["page_name"] for page in at._registered_pages.values()]


def language_of(at: AppTest) -> str:
    return at.session_state[_session.LANGUAGE]


def test_lang_zh_in_the_url_opens_the_app_in_chinese():
    at = first_visit({"lang": "zh"})
    assert_clean(at)
    assert page_titles(at) == CHINESE_TITLES
    assert language_of(at) == "zh" and at.query_params["lang"] == "zh"
    selector = at.sidebar.selectbox(key=_lang.WIDGET)
    assert selector.value == "zh" and selector.label == "语言 / Language" and selector.help
    captions = [c.value for c in at.sidebar.caption]
    assert "目前没有正在训练的任务。" in captions
    assert any(c.startswith("工作区：") for c in captions)


def test_english_by_default_and_the_url_keeps_the_language():
    at = first_visit()
    assert_clean(at)
    assert page_titles(at) == ENGLISH_TITLES
    assert language_of(at) == "en" and at.query_params["lang"] == "en"  # a refresh keeps it
    assert "No run is training right now." in [c.value for c in at.sidebar.caption]


def test_a_first_visit_follows_a_chinese_browser():
    assert language_of(first_visit(locale="zh-CN")) == "zh"
    assert language_of(first_visit(locale="zh-TW")) == "zh"
    assert language_of(first_visit(locale="en-US")) == "en"
    assert language_of(first_visit(locale="fr-FR")) == "en"


def test_the_url_wins_over_the_browser_and_a_wrong_value_is_replaced():
    assert language_of(first_visit({"lang": "en"}, locale="zh-CN")) == "en"
    at = first_visit({"lang": "fr"}, locale="zh-CN")
    assert language_of(at) == "zh" and at.query_params["lang"] == "zh"


def test_switching_keeps_what_the_user_chose(workspace):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["data_sample"] = "news-entities"  # chosen on the Data page
    at.session_state[_session.MODEL] = "my-model"
    at.run()
    assert_clean(at)
    assert at.selectbox(key="data_task").value == "token-classification"
    kept = {key: at.session_state[key] for key in ("data_sample", _session.MODEL)}

    at.sidebar.selectbox(key=_lang.WIDGET).set_value("zh").run()
    assert_clean(at)
    assert language_of(at) == "zh" and at.query_params["lang"] == "zh"
    assert {key: at.session_state[key] for key in kept} == kept
    assert at.selectbox(key="data_sample").value == "news-entities"
    assert at.selectbox(key="data_task").value == "token-classification"

    # AppTest turns each widget's value back into its shown label in the test's own thread:
    # that thread must write Chinese too once the page does
    with use_language("zh"):
        at.switch_page("pages/runs.py").run()  # another page: still Chinese, URL says so
    assert_clean(at)
    assert language_of(at) == "zh" and at.query_params["lang"] == "zh"


def test_switching_back_to_english():
    at = first_visit({"lang": "zh"})
    with use_language("zh"):  # the widgets' labels AppTest sends back are the Chinese ones
        at.sidebar.selectbox(key=_lang.WIDGET).set_value("en").run()
    assert_clean(at)
    assert language_of(at) == "en" and at.query_params["lang"] == "en"


def test_the_sign_in_page_has_the_selector_too(monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_PASSWORD", "a shared demo password")
    at = first_visit({"lang": "zh"})
    assert not at.exception
    assert at.sidebar.selectbox(key=_lang.WIDGET).value == "zh"
    assert page_titles(at) == CHINESE_TITLES  # the hidden navigation is titled too


def test_outside_a_session_core_text_follows_the_environment(monkeypatch):
    from core import text

    first_visit({"lang": "zh"})  # registers the app's language source in this process
    monkeypatch.setenv(text.ENV_VAR, "en")
    assert _lang.session_language() is None  # no script run here
    assert text.t("app.nav.data") == "1. Data"
