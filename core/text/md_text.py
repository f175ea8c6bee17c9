"""User text made safe for anything that renders markdown (the app's pages, the model card).

A label, column, run or file name, or a text from an uploaded file, is shown as the characters
it holds: `![x](http://...)` in a label must not make every viewer's browser fetch a URL of the
uploader's choice, and `**` or `<img ...>` must not change what the page shows.
"""

from __future__ import annotations

import re
from typing import Any

# What makes markdown render something other than the characters themselves: emphasis, code,
# links and images (`[`), HTML, strike-through, LaTeX (`$`), tables, headings, and Streamlit's
# `:colour[...]` directives (which need a `[`). Dots, dashes and brackets stay as they are, so
# sentences such as "macro-F1 0.91 (test)" read the same in the page's source and on screen.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~$|#])")


def escape(text: Any) -> str:
    """`text` shown literally by markdown: each special character backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
