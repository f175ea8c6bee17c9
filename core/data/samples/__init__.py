"""Small built-in datasets, written for this project, so a first try needs no file of one's own.

`reviews_sentiment.csv`: 740 short English reviews of products, restaurants, hotels, films, apps
and services, labelled positive or negative (370 each), with a `split` column (462 train,
72 validation, 206 test, each half positive). The sentiment words are spread over both labels
(negation, contrast, sarcasm, expectations turned around, rare wording, outcomes told without
sentiment words), so counting words is not enough and a fine-tuned model has something to show.

`news_entities.conll`: 120 English news-style sentences tagged with people (PER), organisations
(ORG) and places (LOC) in BIO format, one "word TAG" per line.

`reviews_sentiment_zh.csv`: 720 short 简体中文 reviews (restaurants, phones, hotels, apps,
deliveries, films) labelled 正面 or 负面 (360 each), split 432 / 72 / 216 by its `split` column,
each half 正面; built the same way (不/并不/一点也不 + a praising word, 虽然…但是…, 本来以为…结果…,
"真是“贴心”极了", outcomes without sentiment words). The labels are Chinese words because the
people this sample is for read them on every report; the model learns them from the file.

`news_entities_zh.conll`: 120 Chinese news-style sentences, one character per line with its BIO
tag (the convention of Chinese NER sets such as MSRA), people, organisations and places.

Both Chinese files are written by `bench/make_zh_sample.py` (seeded, from hand-written pools).
Each sample carries its language; `samples_for_language()` lists the current language's first.
Titles and descriptions are plain data in every language the app speaks (English and 简体中文),
read in the current language through `title` and `description`, like the text catalogue's
entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import UserError
from core.tasks import TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION
from core.text import ENGLISH, current_language, normalize

SAMPLES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sample:
    key: str
    titles: Mapping[str, str]        # language code -> title
    descriptions: Mapping[str, str]  # language code -> one or two sentences
    path: Path
    task: str
    language: str                    # the language of the texts: "en" or "zh"

    def title_in(self, language: str | None = None) -> str:
        return _pick(self.titles, language)

    def description_in(self, language: str | None = None) -> str:
        return _pick(self.descriptions, language)

    @property
    def title(self) -> str:
        """The title in the current language (core.text.current_language())."""
        return self.title_in()

    @property
    def description(self) -> str:
        return self.description_in()


def _pick(texts: Mapping[str, str], language: str | None) -> str:
    code = normalize(language) or current_language()
    return texts.get(code) or texts[ENGLISH]


_SAMPLES = (
    Sample("reviews",
           {"en": "Reviews (sentiment)", "zh": "英文评论（情感）"},
           {"en": "740 short English reviews (products, restaurants, hotels, films, apps, "
                  "services), each labelled positive or negative, already split 462 / 72 / 206 "
                  "for training, validation and test. Many say the opposite of their words "
                  "(negation, contrast, sarcasm), so a word-counting baseline struggles.",
            "zh": "740 条简短的英文评论（商品、餐厅、酒店、电影、应用、服务），"
                  "每条标注为 positive（正面）"
                  "或 negative（负面），已按 462 / 72 / 206 分成训练集、验证集和测试集。"
                  "很多评论的字面"
                  "意思与真实态度相反（否定、转折、反讽），只数词的基线模型很难答对。"},
           SAMPLES_DIR / "reviews_sentiment.csv", TEXT_CLASSIFICATION, "en"),
    Sample("news-entities",
           {"en": "News sentences (names, organisations, places)",
            "zh": "英文新闻句子（人名、机构、地名）"},
           {"en": "120 English sentences with people, organisations and places marked word by "
                  "word.",
            "zh": "120 个英文句子，逐词标出了人名、机构名和地名。"},
           SAMPLES_DIR / "news_entities.conll", TOKEN_CLASSIFICATION, "en"),
    Sample("reviews-zh",
           {"en": "Chinese reviews (sentiment)", "zh": "中文评论（情感）"},
           {"en": "720 short Chinese reviews (restaurants, phones, hotels, apps, deliveries, "
                  "films), each labelled 正面 (positive) or 负面 (negative), already split "
                  "432 / 72 / 216 for training, validation and test. Many say the opposite of "
                  "their words (negation, contrast, sarcasm), so a word-counting baseline "
                  "struggles. An English model knows few Chinese characters: extend the "
                  "vocabulary or pick a Chinese model.",
            "zh": "720 条简短的中文评论（餐厅、手机、酒店、应用、快递、电影），"
                  "每条标注为“正面”或“负面”，"
                  "已按 432 / 72 / 216 分成训练集、验证集和测试集。很多评论的字面意思与真实态度相反"
                  "（否定、转折、反讽），只数词的基线模型很难答对。英文模型认识的汉字很少：请扩充词表，"
                  "或选择中文模型。"},
           SAMPLES_DIR / "reviews_sentiment_zh.csv", TEXT_CLASSIFICATION, "zh"),
    Sample("news-entities-zh",
           {"en": "Chinese news sentences (names, organisations, places)",
            "zh": "中文新闻句子（人名、机构、地名）"},
           {"en": "120 Chinese sentences with people, organisations and places marked character "
                  "by character.",
            "zh": "120 个中文新闻句子，逐字标出了人名、机构名和地名。"},
           SAMPLES_DIR / "news_entities_zh.conll", TOKEN_CLASSIFICATION, "zh"),
)


def list_samples() -> list[Sample]:
    """The built-in datasets in a fixed order: English sentiment first, Chinese last."""
    return list(_SAMPLES)


def samples_for_language(language: str | None = None) -> list[Sample]:
    """The built-in datasets with those in `language` (default: the current language) first,
    each group in list_samples()' order."""
    code = normalize(language) or current_language()
    return sorted(_SAMPLES, key=lambda sample: sample.language != code)


def get_sample(key: str) -> Sample:
    for sample in _SAMPLES:
        if sample.key == key:
            return sample
    raise UserError(f"There is no built-in sample called {key!r}.",
                    f"Pick one of: {', '.join(s.key for s in _SAMPLES)}.")
