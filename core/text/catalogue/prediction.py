"""Texts of core/predict and core/serve: predicting with a run, on texts or a whole file, and
exporting it.

Keys start with 'prediction.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "prediction.question_without_context.message": {
        "en": "There are {questions} questions but {contexts} contexts: each question needs the "
              "text its answer is found in.",
        "zh": "有 {questions} 个问题，却只有 {contexts} 段上下文："
              "每个问题都需要一段可以从中找到答案的文本。"},
    "prediction.question_without_context.fix": {
        "en": "Give one context for every question (the same context may be repeated).",
        "zh": "请为每个问题提供一段上下文（同一段上下文可以重复使用）。"},
    "prediction.not_a_batch_file.message": {
        "en": "{file} is not a file type the app can predict on.",
        "zh": "{file} 不是本应用可以进行预测的文件类型。"},
    "prediction.not_a_batch_file.fix": {
        "en": "Use CSV, Excel (.xlsx), TXT (one text a line) or JSONL.",
        "zh": "请使用 CSV、Excel（.xlsx）、TXT（每行一段文本）或 JSONL。"},
    "prediction.empty_file.message": {"en": "{file} is empty, so there is nothing to predict.",
                                      "zh": "{file} 是空的，没有可以预测的内容。"},
    "prediction.no_rows.message": {"en": "{file} has no rows, so there is nothing to predict.",
                                   "zh": "{file} 中没有任何行，没有可以预测的内容。"},
    "prediction.one_text_per_row.fix": {
        "en": "Choose a file with one text per row, or one text per line for TXT.",
        "zh": "请选择每行一段文本的文件；TXT 文件则每行一段文本。"},
    "prediction.no_column.message": {"en": "{name} has no column named '{column}'.",
                                     "zh": "{name} 中没有名为 '{column}' 的列。"},
    "prediction.no_column.fix": {
        "en": "Choose the column that holds the texts; the file has: {columns}.",
        "zh": "请选择存放文本的列；该文件有这些列：{columns}。"},
    "prediction.no_column_in_file.message": {"en": "The file has no column named '{column}'.",
                                             "zh": "该文件中没有名为 '{column}' 的列。"},
    "prediction.no_model.message": {"en": "Run {run} has no saved model yet.",
                                    "zh": "运行 {run} 还没有保存模型。"},
    "prediction.no_model.fix": {"en": "Wait for the run to finish, or pick a completed run.",
                                "zh": "请等待运行结束，或选择一个已完成的运行。"},
    "prediction.export_no_model.message": {"en": "Run {run} has no saved model to export.",
                                           "zh": "运行 {run} 没有可以导出的已保存模型。"},
    "prediction.export_no_model.fix": {"en": "Export a completed or stopped run.",
                                       "zh": "请导出一个已完成或已停止的运行。"},
    "prediction.export_not_zip.message": {"en": "The export file {file} must end in .zip.",
                                          "zh": "导出文件 {file} 的名称必须以 .zip 结尾。"},
    "prediction.export_not_zip.fix": {"en": "Add .zip to the name.",
                                      "zh": "请在名称后加上 .zip。"},
}
