"""Every word the user reads, in English and 简体中文: the text catalogue and how to use it.

The lowest layer of core: imports nothing else from core, so errors, data, tasks and pages
can all use it.

    from core.text import t, use_language, duration, percent
    t("app.nav.data")                              # '1. Data' or '1. 数据'
    t("data.health.duplicates", count=3)           # plural forms picked by `count`
    with use_language("zh"):
        duration(185)                              # '3 分 05 秒'

- catalogue/: the sentences, one module per area (see catalogue/__init__.py);
- language.py: which language is current (contextvar, the app's source, FINETUNE_STUDIO_LANG);
- translate.py: `t()`, plural rules, strict mode for tests;
- formats.py: numbers, percentages, points, durations, lists per language;
- coded.py: `Text` (a key and parameters, rendered when read) and UserError rendering.
"""

from core.text.catalogue import CATALOGUE, CatalogueError
from core.text.coded import Text, error_key, error_line, error_parts, lazy
from core.text.formats import duration, join, number, percent, points
from core.text.language import (
    CHINESE,
    ENGLISH,
    ENV_VAR,
    LANGUAGES,
    current_language,
    from_environment,
    normalize,
    reset_language,
    set_language,
    set_language_source,
    use_language,
)
from core.text.translate import MissingText, has, plural_category, strict, t

__all__ = [
    "CATALOGUE", "CHINESE", "CatalogueError", "ENGLISH", "ENV_VAR", "LANGUAGES", "MissingText",
    "Text", "current_language", "duration", "error_key", "error_line", "error_parts",
    "from_environment", "has", "join", "lazy", "normalize", "number", "percent",
    "plural_category", "points", "reset_language", "set_language", "set_language_source",
    "strict", "t", "use_language",
]
