"""Texts shared by many pages and by core/text/formats.py: units, number formats, lists.

Put a sentence here only when two or more areas show it word for word; a sentence of one
page belongs in that page's module.
"""

TEXTS = {
    # An error's message and what to do, on one line (the CLI, a page's one-line summary).
    "common.message_and_fix": {"en": "{message} {fix}", "zh": "{message}{fix}"},
    "common.format.percent": {"en": "{value}%", "zh": "{value}%"},
    "common.format.points": {"en": "{value} points", "zh": "{value} 个百分点"},
    "common.duration.seconds": {"en": "{seconds} s", "zh": "{seconds} 秒"},
    "common.duration.minutes": {"en": "{minutes} min {seconds} s",
                                "zh": "{minutes} 分 {seconds} 秒"},
    "common.duration.hours": {"en": "{hours} h {minutes} min", "zh": "{hours} 小时 {minutes} 分"},
    # join(["a", "b", "c"]) -> "a, b and c" / "a、b和c"
    "common.list.separator": {"en": ", ", "zh": "、"},
    "common.list.last": {"en": "{rest} and {last}", "zh": "{rest}和{last}"},
}
