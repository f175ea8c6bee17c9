"""Texts of core/data readers: what is wrong with a file and what to do (UserError messages
and fixes, read warnings).

Keys start with 'reading.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "reading.split_values.message": {
        "en": "{source} has split values that are not train, validation or test: {values}.",
        "zh": "{source} 的划分列中有不是 train、validation 或 test 的值：{values}。"},
    "reading.split_values.fix": {
        "en": "Use train, validation (or dev) and test in the split column.",
        "zh": "请在划分列中使用 train、validation（或 dev）和 test。"},
    "reading.split_no_train.message": {
        "en": "{source} has no rows marked train in its split column.",
        "zh": "{source} 的划分列中没有标为 train 的行。"},
    "reading.split_no_train.fix": {"en": "Mark the rows to learn from as train.",
                                   "zh": "请把用于学习的行标为 train。"},
    "reading.too_few_to_split.message": {
        "en": {"one": "{source} has only {count} usable example, too few to keep one aside for "
                      "validation.",
               "other": "{source} has only {count} usable examples, too few to keep one aside "
                        "for validation."},
        "zh": "{source} 只有 {count} 个可用样本，太少，无法留出一个作为验证集。"},
    "reading.too_few_to_split.fix": {
        "en": "Add more labeled examples (a few dozen at the very least).",
        "zh": "请添加更多已标注的样本（至少几十个）。"},
}
