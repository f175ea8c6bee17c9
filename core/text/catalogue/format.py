"""Texts of pages/_format.py: run states, metric names, sizes, run labels.

Keys start with 'format.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # A run's state as a word, in tables and pickers ("reviews (finished)").
    "format.state.queued": {"en": "waiting", "zh": "等待中"},
    "format.state.running": {"en": "training", "zh": "训练中"},
    "format.state.completed": {"en": "finished", "zh": "已完成"},
    "format.state.failed": {"en": "failed", "zh": "失败"},
    "format.state.stopped": {"en": "stopped", "zh": "已停止"},
    "format.state.interrupted": {"en": "interrupted", "zh": "已中断"},
    "format.state.damaged": {"en": "damaged", "zh": "已损坏"},
    # Metric names as they appear in tables, charts and sentences.
    "format.metric.accuracy": {"en": "accuracy", "zh": "准确率"},
    "format.metric.macro_f1": {"en": "macro F1", "zh": "宏平均 F1"},
    "format.metric.micro_f1": {"en": "micro F1", "zh": "微平均 F1"},
    "format.metric.f1": {"en": "F1", "zh": "F1"},
    "format.metric.precision": {"en": "precision", "zh": "精确率"},
    "format.metric.recall": {"en": "recall", "zh": "召回率"},
    "format.metric.loss": {"en": "loss", "zh": "损失"},
    # Sizes of files and models; {value} is already a formatted number.
    "format.size.bytes": {"en": {"one": "{count} byte", "other": "{count} bytes"},
                          "zh": "{count} 字节"},
    "format.size.kb": {"en": "{value} KB", "zh": "{value} KB"},
    "format.size.mb": {"en": "{value} MB", "zh": "{value} MB"},
    "format.size.gb": {"en": "{value} GB", "zh": "{value} GB"},
    # A run in a picker: its name and state, and when it was made.
    "format.run_label.plain": {"en": "{name} ({state})", "zh": "{name}（{state}）"},
    "format.run_label.dated": {"en": "{name} ({state}, {date})", "zh": "{name}（{state}，{date}）"},
}
