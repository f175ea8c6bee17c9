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

`qa_product.json`: 64 English questions on 10 paragraphs of a smart thermostat's manual, each
answered by a span of its paragraph, as SQuAD v1.1 JSON (extractive question answering).

`qa_product_zh.json`: 63 Chinese questions on 10 paragraphs of a robot vacuum's manual, the
same layout.

The Chinese sentiment and entity files are written by `bench/make_zh_sample.py` (seeded, from
hand-written pools).
Each sample carries its language; `samples_for_language()` lists the current language's first.
Titles and descriptions are the text catalogue's (reading.sample.<key>.title / .description),
read in the current language through `title` and `description`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.data.limits import listed, refusal
from core.tasks import QUESTION_ANSWERING, TEXT_CLASSIFICATION, TOKEN_CLASSIFICATION
from core.text import LANGUAGES, current_language, normalize, t

SAMPLES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sample:
    key: str
    path: Path
    task: str
    language: str                    # the language of the texts: "en" or "zh"

    def _text(self, part: str, language: str | None) -> str:
        return t(f"reading.sample.{self.key.replace('-', '_')}.{part}", language=language)

    def title_in(self, language: str | None = None) -> str:
        return self._text("title", language)

    def description_in(self, language: str | None = None) -> str:
        return self._text("description", language)

    @property
    def titles(self) -> dict[str, str]:
        """Language code -> title, for every language the app speaks."""
        return {code: self.title_in(code) for code in LANGUAGES}

    @property
    def descriptions(self) -> dict[str, str]:
        """Language code -> one or two sentences."""
        return {code: self.description_in(code) for code in LANGUAGES}

    @property
    def title(self) -> str:
        """The title in the current language (core.text.current_language())."""
        return self.title_in()

    @property
    def description(self) -> str:
        return self.description_in()


_SAMPLES = (
    Sample("reviews", SAMPLES_DIR / "reviews_sentiment.csv", TEXT_CLASSIFICATION, "en"),
    Sample("news-entities", SAMPLES_DIR / "news_entities.conll", TOKEN_CLASSIFICATION, "en"),
    Sample("reviews-zh", SAMPLES_DIR / "reviews_sentiment_zh.csv", TEXT_CLASSIFICATION, "zh"),
    Sample("news-entities-zh", SAMPLES_DIR / "news_entities_zh.conll", TOKEN_CLASSIFICATION,
           "zh"),
    Sample("qa-product", SAMPLES_DIR / "qa_product.json", QUESTION_ANSWERING, "en"),
    Sample("qa-product-zh", SAMPLES_DIR / "qa_product_zh.json", QUESTION_ANSWERING, "zh"),
)


def list_samples() -> list[Sample]:
    """The built-in datasets in a fixed order: English sentiment first, then the other
    sentiment and entity samples, the question-answering ones last."""
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
    raise refusal("no_sample", key=repr(key), keys=listed(s.key for s in _SAMPLES))
