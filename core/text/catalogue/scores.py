"""Texts of core/scoring: metric names (core/scoring/metrics.py) and counted nouns
("150 test texts", core/scoring/significance.py texts()).

Keys start with 'scores.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # Metric names as core writes them in sentences and the model card (METRIC_NAMES).
    "scores.metric.accuracy": {"en": "accuracy", "zh": "准确率"},
    "scores.metric.macro_f1": {"en": "macro-F1", "zh": "宏平均 F1"},
    "scores.metric.micro_f1": {"en": "micro-F1", "zh": "微平均 F1"},
    "scores.metric.weighted_f1": {"en": "weighted-F1", "zh": "加权 F1"},
    "scores.metric.subset_accuracy": {"en": "exact-match accuracy", "zh": "完全匹配准确率"},
    "scores.metric.f1": {"en": "entity F1", "zh": "实体 F1"},
    "scores.metric.f1_question_answering": {"en": "answer F1", "zh": "答案 F1"},
    "scores.metric.exact_match": {"en": "exact match", "zh": "完全匹配率"},
    "scores.metric.precision": {"en": "entity precision", "zh": "实体精确率"},
    "scores.metric.recall": {"en": "entity recall", "zh": "实体召回率"},
    "scores.metric.token_accuracy": {"en": "token accuracy", "zh": "词元准确率"},
    # A count with its noun: texts(n, unit), unit "text", "test text", "validation example"...
    "scores.count.text": {"en": {"one": "{count} text", "other": "{count} texts"},
                          "zh": "{count} 条文本"},
    "scores.count.sentence": {"en": {"one": "{count} sentence", "other": "{count} sentences"},
                              "zh": "{count} 个句子"},
    "scores.count.example": {"en": {"one": "{count} example", "other": "{count} examples"},
                             "zh": "{count} 个样本"},
    "scores.count.test_text": {"en": {"one": "{count} test text", "other": "{count} test texts"},
                               "zh": "{count} 条测试集文本"},
    "scores.count.test_sentence": {"en": {"one": "{count} test sentence",
                                          "other": "{count} test sentences"},
                                   "zh": "{count} 个测试集句子"},
    "scores.count.test_example": {"en": {"one": "{count} test example",
                                         "other": "{count} test examples"},
                                  "zh": "{count} 个测试集样本"},
    "scores.count.validation_text": {"en": {"one": "{count} validation text",
                                            "other": "{count} validation texts"},
                                     "zh": "{count} 条验证集文本"},
    "scores.count.validation_sentence": {"en": {"one": "{count} validation sentence",
                                                "other": "{count} validation sentences"},
                                         "zh": "{count} 个验证集句子"},
    "scores.count.validation_example": {"en": {"one": "{count} validation example",
                                               "other": "{count} validation examples"},
                                        "zh": "{count} 个验证集样本"},
    "scores.count.question": {"en": {"one": "{count} question", "other": "{count} questions"},
                              "zh": "{count} 个问题"},
    "scores.count.test_question": {"en": {"one": "{count} test question",
                                          "other": "{count} test questions"},
                                   "zh": "{count} 个测试集问题"},
    "scores.count.validation_question": {"en": {"one": "{count} validation question",
                                                "other": "{count} validation questions"},
                                         "zh": "{count} 个验证集问题"},
    # The same nouns without a count, as in "too few test texts".
    "scores.many.text": {"en": "texts", "zh": "文本"},
    "scores.many.sentence": {"en": "sentences", "zh": "句子"},
    "scores.many.example": {"en": "examples", "zh": "样本"},
    "scores.many.test_text": {"en": "test texts", "zh": "测试集文本"},
    "scores.many.test_sentence": {"en": "test sentences", "zh": "测试集句子"},
    "scores.many.test_example": {"en": "test examples", "zh": "测试集样本"},
    "scores.many.validation_text": {"en": "validation texts", "zh": "验证集文本"},
    "scores.many.validation_sentence": {"en": "validation sentences", "zh": "验证集句子"},
    "scores.many.validation_example": {"en": "validation examples", "zh": "验证集样本"},
    "scores.many.question": {"en": "questions", "zh": "问题"},
    "scores.many.test_question": {"en": "test questions", "zh": "测试集问题"},
    "scores.many.validation_question": {"en": "validation questions", "zh": "验证集问题"},
    # Rescoring a multi-label run at another threshold (core/scoring/thresholds.py).
    "scores.threshold.out_of_range.message": {
        "en": "A threshold of {threshold} cannot be scored.",
        "zh": "无法按阈值 {threshold} 计算分数。"},
    "scores.threshold.out_of_range.fix": {
        "en": "Pick a threshold between {lowest} and 0.99.",
        "zh": "请选择 {lowest} 到 0.99 之间的阈值。"},
    "scores.threshold.no_scores.message": {
        "en": "This run saved no probabilities to rescore.",
        "zh": "这次运行没有保存可重新计分的概率。"},
    "scores.threshold.no_scores.fix": {
        "en": "Train the run again with this version of the app.",
        "zh": "请用当前版本的应用重新训练这次运行。"},
}
