"""Texts of UserError messages and fixes: errors.<code>.message and errors.<code>.fix
(see core/text/coded.py), and of unexpected errors on a page (pages/_errors.py).

Keys start with 'errors.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # pages/_errors.py: an error that is not the user's. A page passes the key of its own
    # whole sentence ("Something went wrong while listing the runs."); the advice follows it.
    "errors.unexpected.generic": {"en": "Something went wrong.", "zh": "出了点问题。"},
    # For pages that still pass a fragment instead of a key (to be removed once all pass keys).
    "errors.unexpected.while": {"en": "Something went wrong while {doing}.",
                                "zh": "{doing}时出了问题。"},
    "errors.unexpected.advice": {
        "en": "Try again; if it keeps happening, the details below help whoever maintains the "
              "app.",
        "zh": "请重试；如果问题一再出现，下方的详细信息可以帮助维护这个应用的人排查。",
    },
    "errors.unexpected.shown": {"en": "{what} {advice}", "zh": "{what}{advice}"},
    "errors.unexpected.details": {"en": "Details", "zh": "详细信息"},
}
