"""Texts of core/train/trackers.py: handing a run's parameters, metrics and model to an
experiment tracker (TensorBoard, MLflow).

Keys start with 'trackers.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- RunConfig fields ---------------------------------------------------------------------
    "trackers.field.report_to.label": {"en": "Experiment trackers", "zh": "实验追踪工具"},
    "trackers.field.report_to.help": {
        "en": "Also send this run's settings, curves and model to TensorBoard or MLflow "
              "(none by default).",
        "zh": "同时把本运行的设置、曲线和模型发送到 TensorBoard 或 MLflow（默认不发送）。"},
}
