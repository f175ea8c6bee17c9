"""Texts of pages/_charts.py: chart titles, axis names, trace names and the overfitting hint.

Keys start with 'charts.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # shared axis names
    "charts.axis.step": {"en": "step", "zh": "步数"},
    # data charts
    "charts.labels.title": {"en": "Examples per label", "zh": "各标签的样本数"},
    "charts.labels.x": {"en": "label", "zh": "标签"},
    "charts.labels.y": {"en": "examples", "zh": "样本数"},
    "charts.entities.title": {"en": "Entities per type", "zh": "各类型的实体数"},
    "charts.entities.x": {"en": "entity type", "zh": "实体类型"},
    "charts.lengths.title": {"en": "Text length in tokens", "zh": "文本长度（词元数）"},
    "charts.lengths.x": {"en": "tokens per text", "zh": "每条文本的词元数"},
    "charts.lengths.y": {"en": "texts", "zh": "文本数"},
    "charts.lengths.max_length": {
        "en": "max length {max_length}: longer texts are cut",
        "zh": "最大长度 {max_length}：更长的文本会被截断",
    },
    # training curves
    "charts.loss.title": {"en": "Loss (lower is better)", "zh": "损失（越低越好）"},
    "charts.loss.y": {"en": "loss", "zh": "损失"},
    "charts.loss.train": {"en": "training loss", "zh": "训练损失"},
    "charts.loss.validation": {"en": "validation loss", "zh": "验证集损失"},
    "charts.score.title": {"en": "Validation score (higher is better)",
                           "zh": "验证集得分（越高越好）"},
    "charts.score.y": {"en": "score", "zh": "得分"},
    "charts.overfitting.active": {
        "en": "The model is starting to memorise the training examples instead of learning "
              "from them (overfitting): its loss on the validation examples is rising while "
              "its training loss keeps falling. The best checkpoint so far is kept, so "
              "stopping now loses nothing; next time try fewer epochs or more data.",
        "zh": "模型开始死记训练样本，而不是从中学习规律（过拟合）：它在验证集上的损失在上升，"
              "而训练损失仍在下降。目前最好的检查点已保留，所以现在停止不会有任何损失；"
              "下次可以减少训练轮数或增加数据。",
    },
    "charts.overfitting.finished": {
        "en": "Towards the end the model began to memorise the training examples "
              "(overfitting): its validation loss rose while its training loss kept falling. "
              "The best checkpoint, from before that, is the one kept; next time fewer epochs "
              "would give the same model sooner.",
        "zh": "训练后期模型开始死记训练样本（过拟合）：验证集损失上升，而训练损失仍在下降。"
              "保留的是在此之前最好的检查点；下次减少训练轮数，可以更快得到同样的模型。",
    },
    "charts.metric.exact_match": {"en": "exact match", "zh": "完全匹配"},
}
