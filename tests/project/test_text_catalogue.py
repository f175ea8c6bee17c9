"""The text catalogue (core/text): complete in both languages, placeholders that agree, plural
forms, per-language formats, fallbacks, coded errors, and no literal sentence left in a page.

The scan at the bottom is how the page conversion is tracked: NOT_CONVERTED lists the files
whose sentences are still written in the page; converting a file means removing its line.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from core import text
from core.errors import UserError
from core.text import catalogue, translate
from core.text.catalogue import CATALOGUE, CatalogueError
from core.text.coded import Text

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = ROOT / "core" / "text" / "catalogue"
LANGUAGES = list(text.LANGUAGES)
# The plural categories each language's sentences must give when they have plural forms (CLDR).
PLURAL_CATEGORIES = {"en": {"one", "other"}, "zh": {"other"}}


def forms(template) -> list[str]:
    return list(template.values()) if isinstance(template, dict) else [template]


def fields(sentence: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of each placeholder."""
    return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(sentence)
            if name is not None]


def placeholders(template) -> set[str]:
    return {name for sentence in forms(template) for name, _, _ in fields(sentence)}


# -- (a) complete: every key in both languages, nothing empty ---------------------------------

@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_every_language(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    for language, template in entry.items():
        assert isinstance(template, (str, dict)), f"{key} [{language}]"
        if isinstance(template, dict):
            assert set(template) == PLURAL_CATEGORIES[language], (
                f"{key} [{language}]: plural forms {sorted(template)}, "
                f"expected {sorted(PLURAL_CATEGORIES[language])}")
        for sentence in forms(template):
            assert isinstance(sentence, str) and sentence.strip(), f"{key} [{language}] is empty"


# -- (b) placeholders: the same names in every language, plain names only ---------------------

@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_placeholders_agree_between_languages(key):
    entry = CATALOGUE[key]
    english = placeholders(entry["en"])
    for language in LANGUAGES:
        assert placeholders(entry[language]) == english, (
            f"{key}: {language} has {sorted(placeholders(entry[language]))}, "
            f"en has {sorted(english)}")
        for sentence in forms(entry[language]):
            for name, spec, conversion in fields(sentence):
                # format numbers with core.text.formats before passing them; names only here
                assert re.fullmatch(r"[a-z][a-z0-9_]*", name), f"{key}: placeholder {{{name}}}"
                assert not spec and not conversion, f"{key}: {{{name}:{spec}}} has a format"
    if any(isinstance(entry[language], dict) for language in LANGUAGES):
        assert "count" in english | placeholders(entry["zh"]), f"{key}: plural without count"


def test_a_placeholder_missing_in_one_language_is_caught():
    assert placeholders({"one": "One file.", "other": "{count} files."}) == {"count"}
    assert placeholders("{name}：第 {step} 步") != placeholders("{name}: step {step} of {total}")


# -- one module per area, no key twice --------------------------------------------------------

def test_each_area_module_keeps_to_its_prefix_and_no_key_is_written_twice():
    assert {"app", "common", "errors", "health", "data"} <= set(catalogue.area_modules())
    for path in sorted(CATALOGUE_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        (texts,) = [node.value for node in tree.body
                    if isinstance(node, (ast.Assign, ast.AnnAssign))
                    and getattr(node.targets[0] if isinstance(node, ast.Assign) else node.target,
                                "id", None) == "TEXTS"]
        keys = [k.value for k in texts.keys]  # a dict literal keeps only the last of two
        assert len(keys) == len(set(keys)), (path.name, [k for k in keys if keys.count(k) > 1])
        assert all(k.startswith(path.stem + ".") for k in keys), path.name


def test_merge_refuses_a_key_outside_its_area():
    entry = {"en": "Hi", "zh": "你好"}
    merged = catalogue.merge({"data": {"data.hi": entry}, "model": {"model.hi": entry}})
    assert merged == {"data.hi": entry, "model.hi": entry}
    with pytest.raises(CatalogueError, match="must start with 'model.'"):
        catalogue.merge({"model": {"data.hi": entry}})


# -- t(): languages, plurals, fallbacks -------------------------------------------------------

@pytest.fixture
def sample_texts(monkeypatch):
    """A few test-only entries beside the real catalogue."""
    entries = dict(CATALOGUE)
    entries.update({
        "data.t.rows": {"en": {"one": "{count} row appears twice.",
                               "other": "{count} rows appear twice."},
                        "zh": "有 {count} 行重复。"},
        "data.t.only_en": {"en": "Only English.", "zh": ""},
        "errors.t_column.message": {"en": "There is no column {column}.",
                                    "zh": "没有名为 {column} 的列。"},
        "errors.t_column.fix": {"en": "Pick one of {columns}.", "zh": "请从 {columns} 中选择。"},
        "errors.t_nofix.message": {"en": "The file is empty.", "zh": "文件是空的。"},
    })
    monkeypatch.setattr(translate, "CATALOGUE", entries)
    return entries


def test_t_writes_the_current_language():
    assert text.t("app.nav.data") == "1. Data"
    with text.use_language("zh"):
        assert text.t("app.nav.data") == "1. 数据"
        assert text.t("app.nav.data", language="en") == "1. Data"
    assert text.t("app.nav.data", language="zh-CN") == "1. 数据"


def test_plural_forms_follow_each_language(sample_texts):
    assert text.t("data.t.rows", count=1) == "1 row appears twice."
    assert text.t("data.t.rows", count=3) == "3 rows appear twice."
    assert text.t("data.t.rows", count=0) == "0 rows appear twice."
    assert text.t("data.t.rows", count=1234) == "1,234 rows appear twice."
    assert text.t("data.t.rows", language="zh", count=1) == "有 1 行重复。"
    assert text.plural_category("en", 1) == "one" and text.plural_category("en", 1.5) == "other"
    assert text.plural_category("zh", 1) == "other"


def test_a_nested_text_is_written_in_the_language_asked_for(sample_texts):
    outer = Text("errors.t_column.message", {"column": Text("app.nav.data")})
    assert outer.render("zh") == "没有名为 1. 数据 的列。"  # the nested text too, not English
    assert outer.render("en") == "There is no column 1. Data."
    with text.use_language("zh"):
        assert outer.render("en") == "There is no column 1. Data."


def test_missing_texts_are_loud_under_tests(sample_texts):
    assert text.strict()
    with pytest.raises(text.MissingText, match="no text for"):
        text.t("data.no_such_key")
    with pytest.raises(text.MissingText, match="needs the parameter 'total'"):
        text.t("app.active.progress_no_eta", name="x", step=1)
    with pytest.raises(text.MissingText, match="has no 'zh' text"):
        text.t("data.t.only_en", language="zh")
    with pytest.raises(text.MissingText, match="needs the parameter 'count'"):
        text.t("data.t.rows")


def test_missing_texts_never_crash_for_a_user(sample_texts, monkeypatch, caplog):
    monkeypatch.setenv(translate.STRICT_ENV, "0")
    assert not text.strict()
    assert text.t("data.no_such_key") == "data.no_such_key"
    assert text.t("data.t.only_en", language="zh") == "Only English."  # English, then the key
    assert text.t("app.active.progress_no_eta", name="x", step=1) == "x: step 1 of {total}"
    assert "no text for 'data.no_such_key'" in caplog.text


# -- language state -----------------------------------------------------------------------------

def test_language_precedence_context_then_source_then_environment(monkeypatch):
    monkeypatch.delenv(text.ENV_VAR, raising=False)
    assert text.current_language() == "en"
    monkeypatch.setenv(text.ENV_VAR, "zh_CN")
    assert text.current_language() == "zh"  # the CLI: FINETUNE_STUDIO_LANG=zh
    monkeypatch.setattr("core.text.language._source", lambda: "en")
    assert text.current_language() == "en"  # the browser session's choice beats the env
    monkeypatch.setattr("core.text.language._source", lambda: None)
    assert text.current_language() == "zh"  # no session here: the environment again
    with text.use_language("en"):
        assert text.current_language() == "en"
    monkeypatch.setattr("core.text.language._source", lambda: 1 / 0)
    assert text.current_language() == "zh"  # a broken source is ignored


def test_normalize_reads_browser_language_tags():
    assert [text.normalize(c) for c in ("zh", "zh-CN", "zh_Hans_CN", "ZH-tw", "en-US", "en")] \
        == ["zh", "zh", "zh", "zh", "en", "en"]
    assert [text.normalize(c) for c in ("fr-FR", "", None, 3)] == [None] * 4


# -- formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize("language, expected", [
    ("en", ["45 s", "3 min 05 s", "2 h 05 min", "-", "75.7%", "12,345", "0.50", "2.5",
            "+34.0 points", "a, b and c", "a and b"]),
    ("zh", ["45 秒", "3 分 05 秒", "2 小时 05 分", "-", "75.7%", "12,345", "0.50", "2.5",
            "+34.0 个百分点", "a、b和c", "a和b"]),
])
def test_formats_per_language(language, expected):
    with text.use_language(language):
        got = [text.duration(45), text.duration(185), text.duration(7500), text.duration(None),
               text.percent(0.757), text.number(12345), text.number(0.5, 2), text.number(2.5),
               text.points(0.34), text.join(["a", "b", "c"]), text.join(["a", "b"])]
    assert got == expected
    assert text.join([]) == "" and text.join(["a"]) == "a"
    assert text.percent(float("nan")) == "-" and text.number(None) == "-"


# -- coded errors and lazy texts -----------------------------------------------------------

def test_a_coded_user_error_renders_in_the_readers_language(sample_texts):
    error = UserError("There is no column body.")  # what core/errors.py will set by itself
    error.code, error.params = "t_column", {"column": "body", "columns": "text, label"}
    assert text.error_parts(error) == ("There is no column body.", "Pick one of text, label.")
    assert text.error_parts(error, "zh") == ("没有名为 body 的列。", "请从 text, label 中选择。")
    nofix = UserError("The file is empty.")
    nofix.code, nofix.params = "t_nofix", {}
    assert text.error_line(nofix, "zh") == "文件是空的。"


def test_plain_and_lazy_user_errors(sample_texts):
    assert text.error_parts(UserError("Bad file.", "Use CSV.")) == ("Bad file.", "Use CSV.")
    lazy = UserError(text.lazy("errors.t_column.message", column="body"),
                     text.lazy("errors.t_column.fix", columns="a"))
    assert text.error_line(lazy, "zh") == "没有名为 body 的列。请从 a 中选择。"
    with text.use_language("zh"):
        assert str(lazy) == "没有名为 body 的列。请从 a 中选择。"  # rendered when read
    finding = text.Text("data.t.rows", {"count": 2})
    assert text.Text.from_dict(finding.to_dict()) == finding
    assert f"{finding}" == "2 rows appear twice." and finding.render("zh") == "有 2 行重复。"


# -- the lowest layer ---------------------------------------------------------------------------

def test_core_text_imports_nothing_else_from_core():
    for path in sorted((ROOT / "core" / "text").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            for name in names:
                assert name == "core.text" or name.startswith("core.text.") \
                    or not (name == "core" or name.startswith("core.")), f"{path}: {name}"
                assert not name.startswith("streamlit"), path


# -- (c) no literal sentence passed to st.* in a page -------------------------------------------

# Files whose sentences are still written in the page. Converting a file to the catalogue means
# deleting its line here (the scan then enforces it). One entry per line, each with a comment
# line of its own, so that engineers deleting neighbouring entries do not get a merge conflict.
NOT_CONVERTED = [
    # end of the list
]

# Keyword arguments that are always words for the user, whatever function takes them.
TEXT_KEYWORDS = {"help", "label", "placeholder", "title", "page_title", "caption", "text",
                 "body", "tooltip", "x_label", "y_label", "xaxis_title", "yaxis_title"}
# Project helpers whose positional arguments are shown to the user.
TEXT_HELPERS = {"flash", "guarded", "show_error", "error", "warning", "info", "success", "toast"}
# Parts of st.* that take keys and settings, not words.
NOT_TEXT_ST = {"session_state", "query_params", "context", "secrets", "cache_data",
               "cache_resource", "switch_page", "set_option", "get_option", "html"}
# Receivers that write to a log or a file, not to the page.
NOT_PAGE = {"log", "logger", "logging", "handle", "file", "buffer", "os", "re", "json", "sys",
            "config"}
KEY_LIKE = re.compile(r"[a-z0-9_.:/\-]*")        # widget keys, kinds, states, paths
ICON = re.compile(r":material/[a-z0-9_]+:|[^\w\s]+")
ST_NAMES = {name for name in dir(__import__("streamlit")) if not name.startswith("_")}
EXEMPT = "# text: not user-facing"  # a comment that exempts its line (logs, CSS, file formats)


def literal_parts(node: ast.AST) -> list[str]:
    """The literal text in an argument: a string, an f-string's fixed parts, both sides of
    `+`, `%` and of `a if c else b`, the string whose .format() is called."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return literal_parts(node.left) + literal_parts(node.right)
    if isinstance(node, ast.IfExp):
        return literal_parts(node.body) + literal_parts(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format":
        return literal_parts(node.func.value)
    if isinstance(node, (ast.List, ast.Tuple)):  # st.tabs(["Report", "Playground"])
        return [part for element in node.elts for part in literal_parts(element)]
    return []


def is_sentence(part: str, keyword: bool) -> bool:
    words = part.strip()
    if not any(ch.isalpha() for ch in words) or ICON.fullmatch(words):
        return False
    return keyword or not KEY_LIKE.fullmatch(words)  # "Train", "Start training" but not "upload"


def chain(node: ast.AST) -> list[str]:
    """st.sidebar.button -> ['st', 'sidebar', 'button']."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return names[::-1]


def shows_its_arguments(call: ast.Call) -> bool:
    names = chain(call.func)
    if not names:
        return False
    if names[0] == "st":
        return not set(names[1:]) & NOT_TEXT_ST
    if any(chain(arg)[:1] == ["st"] for arg in call.args):  # widget(st.selectbox, "Label", ...)
        return True
    if len(names) == 1:
        return names[0] in TEXT_HELPERS
    return names[-1] in ST_NAMES | TEXT_HELPERS and names[0] not in NOT_PAGE  # col.button(...)


MARKUP = re.compile(r"<[^>]*>|%[a-zA-Z]|\{[^}]*\}|&[a-z]+;")  # tags, date formats, fields
# two words ("macro F1"), an icon before a word (":material/schedule: waiting"), or Chinese
WORDS = re.compile(r"[^\W\d_]{2,}[ \t]+[^\W\d_]|^:material/[a-z0-9_]+: *[^\W\d_]|[\u3400-\u9fff]")


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def is_logging(call: ast.Call) -> bool:
    names = chain(call.func)
    return names[:1] in (["log"], ["logger"], ["logging"]) or names[-1:] == ["t"]


def stray_sentences(tree: ast.AST, lines: list[str]) -> list[str]:
    """Words anywhere else in the file: a chart title given to a helper, a table of state
    names, a default argument. Two words or any Chinese character count; docstrings, logs and
    exempt lines do not."""
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and is_logging(node):
            skip |= {id(sub) for arg in [*node.args, *node.keywords] for sub in ast.walk(arg)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip and EXEMPT not in lines[node.lineno - 1] \
                and WORDS.search(MARKUP.sub(" ", node.value)):
            found.append(f"{node.lineno}: {node.value.strip()[:60]!r}")
    return found


def literal_sentences(source: str) -> list[str]:
    """'line: text' for each literal sentence passed to st.* or as help=, label=, ..., and
    each stray sentence elsewhere in the file (see stray_sentences)."""
    lines = source.splitlines()
    tree = ast.parse(source)
    found = stray_sentences(tree, lines)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or EXEMPT in lines[node.lineno - 1]:
            continue
        candidates = [(arg, False) for arg in node.args] if shows_its_arguments(node) else []
        candidates += [(kw.value, True) for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for arg, keyword in candidates:
            for part in literal_parts(arg):
                finding = f"{node.lineno}: {part.strip()[:60]!r}"
                if is_sentence(part, keyword) and finding not in found:
                    found.append(finding)
    return sorted(found, key=lambda f: int(f.split(":")[0]))


def ui_files() -> list[str]:
    return ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def test_the_scan_finds_literal_sentences():
    caught = literal_sentences(
        'st.button("Train")\nst.write(f"Step {n} of {m}")\n'
        'st.sidebar.caption("Workspace: " + path)\nleft.metric("Accuracy", value)\n'
        'st.selectbox(key, options, help="Pick one.")\nwidget(st.radio, "Where from?", "k", 1)\n'
        'st.tabs(["Report", "Playground"])\n_session.flash("success", "Run started.")\n'
        'st.Page("pages/data.py", title="1. Data")\nst.info("Texts" if a else "Sentences")\n'
        'make(label="Model")\nst.markdown("**{}** found".format(x))\n')
    assert [line.split(":")[0] for line in caught] == [str(n) for n in
                                                       (1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 10,
                                                        11, 12)]


def test_the_scan_finds_sentences_outside_streamlit_calls():
    caught = literal_sentences(
        'STATES = {"queued": ":material/schedule: waiting"}\n'
        'def chart(title="Examples per label"):\n    """A docstring is not shown."""\n'
        '    return _layout(fig, "How likely each label is", "probability")\n'
        'NAMES = {"macro_f1": "macro F1"}\nlabel = "标签"\n'
        'log.warning("could not read the file %s", path)\n'
        'html = "<small><b></b></small>"\nwhen = "%Y-%m-%d %H:%M"\n')
    assert [line.split(":")[0] for line in caught] == ["1", "2", "4", "5", "6"]


def test_the_scan_leaves_keys_icons_logs_and_catalogue_calls_alone():
    assert literal_sentences(
        'st.button(t("train.start"), key="train_start", type="primary", icon=":material/x:")\n'
        'st.session_state.get("dataset")\nst.query_params["run"] = "x"\n'
        'st.switch_page("pages/test.py")\nst.radio(t("data.source"), ["upload", "sample"])\n'
        'log.error("Unexpected error while %s", doing)\nst.set_page_config(layout="wide")\n'
        'st.markdown("---")\nst.write(f"{name}")\n'
        'st.write("Details")  # text: not user-facing\n') == []


@pytest.mark.parametrize("path", ui_files())
def test_pages_pass_no_literal_sentence_to_streamlit(path):
    if path in NOT_CONVERTED:
        pytest.skip(f"{path} is not converted to the text catalogue yet")
    found = literal_sentences((ROOT / path).read_text(encoding="utf-8"))
    assert not found, (f"{path} shows sentences that are not in the text catalogue "
                       f"(core/text/catalogue/): {found}")


def test_the_not_converted_list_only_shrinks():
    files = set(ui_files())
    for path in NOT_CONVERTED:
        assert path in files, f"{path} is gone: delete its line from NOT_CONVERTED"
        assert literal_sentences((ROOT / path).read_text(encoding="utf-8")), (
            f"{path} has no literal sentence left: delete its line from NOT_CONVERTED")
    assert len(NOT_CONVERTED) == len(set(NOT_CONVERTED))
