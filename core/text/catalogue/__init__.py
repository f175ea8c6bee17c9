"""The text catalogue: every sentence the user reads, keyed, in English and 简体中文.

One module per area (`app.py`, `common.py`, `data.py`, `health.py`, `errors.py`, ...), each with
one dict `TEXTS`, so engineers converting different pages never edit the same file. A key's
first segment names its module (`"data.upload.label"` lives in `data.py`), which makes a key
clash between two modules impossible and tells a reader where a key is written. A new module
is picked up by itself: no list here to edit.

An entry maps each language to a whole sentence with named placeholders, or, where the
sentence depends on a number, to its plural forms keyed by category (English: "one" and
"other"; Chinese has no plural forms, so one plain sentence):

    "data.health.duplicates": {
        "en": {"one": "{count} row appears twice.", "other": "{count} rows appear twice."},
        "zh": "有 {count} 行重复。",
    },

The form is picked by the `count` parameter (see core/text/translate.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType

Template = str | Mapping[str, str]  # a sentence, or its plural forms by category
Entry = Mapping[str, Template]             # language code -> template


class CatalogueError(Exception):
    """The catalogue's modules contradict each other (a key twice, a key in the wrong module)."""


def area_modules() -> list[str]:
    """Names of the area modules beside this file, sorted ('app', 'common', 'data', ...)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__)
                  if not info.name.startswith("_"))


def merge(areas: Mapping[str, Mapping[str, Entry]]) -> dict[str, Entry]:
    """One dict of all areas' entries; a key outside its area's prefix is an error.

    The prefix rule is the duplicate check between modules: two modules cannot hold the same
    key. A key written twice inside one module's dict literal (Python keeps the last one
    silently) is caught by tests/project/test_text_catalogue.py, which reads the modules' source.
    """
    merged: dict[str, Entry] = {}
    for area, texts in areas.items():
        for key, entry in texts.items():
            if key.split(".", 1)[0] != area:
                raise CatalogueError(f"text key {key!r} must start with '{area}.' "
                                     f"(it is written in catalogue/{area}.py)")
            merged[key] = entry
    return merged


def load() -> Mapping[str, Entry]:
    areas = {name: importlib.import_module(f"{__name__}.{name}").TEXTS for name in area_modules()}
    return MappingProxyType(merge(areas))


CATALOGUE = load()
