"""Texts of core/evaluate: scoring a run on a file, comparing two runs, the mistakes tables'
column names and the model card's baseline names.

Keys start with 'evaluation.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- errors ------------------------------------------------------------------------------
    "evaluation.nothing_to_score.message": {"en": "{file} has no labeled examples to score.",
                                            "zh": "{file} 中没有可以打分的已标注样本。"},
    "evaluation.nothing_to_score.fix": {"en": "Give a file with texts and labels.",
                                        "zh": "请提供一个包含文本和标签的文件。"},
    "evaluation.no_texts.message": {"en": "There are no texts to compare on.",
                                    "zh": "没有可用来比较的文本。"},
    "evaluation.no_texts.fix": {"en": "Paste one text per line.", "zh": "请每行粘贴一段文本。"},
    "evaluation.no_saved_split.message": {
        "en": "Run {run} has no saved {split} examples to compare on.",
        "zh": "运行 {run} 没有保存可用来比较的 {split} 样本。"},
    "evaluation.no_saved_split.fix": {
        "en": "Paste texts instead, or pick a run that kept a test split.",
        "zh": "请改为粘贴文本，或选择一个保留了测试集的运行。"},
    "evaluation.different_tasks.message": {
        "en": "The two runs do different tasks ({task_a} and {task_b}).",
        "zh": "这两个运行做的是不同的任务（{task_a} 和 {task_b}）。"},
    "evaluation.different_tasks.fix": {"en": "Pick two runs of the same task.",
                                       "zh": "请选择两个任务相同的运行。"},

    # ----- where compared texts come from ------------------------------------------------------
    "evaluation.source.other": {"en": "the {split} set of {run} ({count} texts)",
                                "zh": "{run} 的 {split} 集（{count} 段文本）"},

    # ----- column names of the comparison and mistakes tables ----------------------------------
    "evaluation.column.text": {"en": "text", "zh": "文本"},
    "evaluation.column.correct_answer": {"en": "correct answer", "zh": "正确答案"},
    "evaluation.column.run_a": {"en": "{name} (A)", "zh": "{name}（A）"},
    "evaluation.column.run_b": {"en": "{name} (B)", "zh": "{name}（B）"},
    "evaluation.column.correct_label": {"en": "correct label", "zh": "正确的标签"},
    "evaluation.column.model_answer": {"en": "model's answer", "zh": "模型的答案"},
    "evaluation.column.confidence": {"en": "confidence", "zh": "置信度"},
    "evaluation.column.sentence": {"en": "sentence", "zh": "句子"},
    "evaluation.column.correct_entities": {"en": "correct entities", "zh": "正确的实体"},
    "evaluation.column.model_entities": {"en": "model's entities", "zh": "模型的实体"},
    "evaluation.column.missed": {"en": "missed or wrong", "zh": "遗漏或错误"},
    "evaluation.column.extra": {"en": "extra", "zh": "多出的"},

    # ----- baselines by name (the model card) --------------------------------------------------
    "evaluation.baseline.majority": {"en": "majority", "zh": "多数类"},
    "evaluation.baseline.word_memory": {"en": "word memory", "zh": "词记忆"},
}
