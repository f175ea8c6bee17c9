"""Texts of pages/runs.py and its panels (pages/_runs_*.py).

Keys start with 'runs.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # pages/runs.py: the page
    "runs.title": {"en": "Runs", "zh": "训练记录"},
    "runs.caption": {
        "en": "Every training run in this workspace, newest first. Everyone using this app on "
              "this computer sees the same list.",
        "zh": "这个工作区里的所有训练运行，最新的在最前。在这台电脑上使用本应用的每个人看到的都是"
              "同一份列表。",
    },
    "runs.empty": {"en": "No runs yet. Start one from the Model step.",
                   "zh": "还没有任何运行。请在“模型”这一步开始一次训练。"},
    "runs.damaged": {
        "en": {"one": "{count} run folder could not be read and is marked damaged; you can "
                      "delete it below.",
               "other": "{count} run folders could not be read and are marked damaged; you can "
                        "delete them below."},
        "zh": "有 {count} 个运行文件夹无法读取，已标记为损坏；可以在下方删除。",
    },
    "runs.error.listing": {"en": "Something went wrong while listing the runs.",
                           "zh": "列出训练记录时出了问题。"},
    "runs.error.comparing": {"en": "Something went wrong while comparing the runs.",
                             "zh": "比较运行时出了问题。"},
    "runs.error.changing": {"en": "Something went wrong while changing the run.",
                            "zh": "修改运行时出了问题。"},
    # pages/_runs_list.py: the table of all runs (column headers)
    "runs.table.name": {"en": "Name", "zh": "名称"},
    "runs.table.state": {"en": "State", "zh": "状态"},
    "runs.table.task": {"en": "Task", "zh": "任务"},
    "runs.table.model": {"en": "Model", "zh": "模型"},
    "runs.table.data": {"en": "Data", "zh": "数据"},
    "runs.table.best": {"en": "Best score", "zh": "最佳分数"},
    "runs.table.duration": {"en": "Duration", "zh": "用时"},
    "runs.table.created": {"en": "Created", "zh": "创建时间"},
    "runs.table.note": {"en": "Note", "zh": "备注"},
    # a metric and its value in a cell: "accuracy 0.800"
    "runs.table.score": {"en": "{metric} {value}", "zh": "{metric} {value}"},
    "runs.task.text_classification": {"en": "text classification", "zh": "文本分类"},
    "runs.task.token_classification": {"en": "token classification", "zh": "实体识别"},
    # a run picker's label: "reviews (2026-01-31 10:00)"
    "runs.picker.dated": {"en": "{name} ({date})", "zh": "{name}（{date}）"},
    # two runs with the same name in one table get their ids: "baseline (run-a)"
    "runs.picker.with_id": {"en": "{name} ({run_id})", "zh": "{name}（{run_id}）"},
    # pages/_runs_compare.py: compare runs
    "runs.compare.heading": {"en": "Compare runs", "zh": "比较运行"},
    "runs.compare.too_few": {"en": "Once there are two or more runs, pick them here to compare "
                                   "them.",
                             "zh": "有两个或更多运行后，可以在这里选择它们进行比较。"},
    "runs.compare.pick": {"en": "Runs to compare", "zh": "要比较的运行"},
    "runs.compare.pick_help": {
        "en": "Pick two or more runs to see their curves, scores and settings side by side.",
        "zh": "选择两个或更多运行，并排查看它们的曲线、分数和设置。",
    },
    "runs.compare.pick_two": {"en": "Pick at least two runs.", "zh": "请至少选择两个运行。"},
    "runs.compare.chart_validation": {"en": "Validation {metric}", "zh": "验证集{metric}"},
    "runs.compare.chart_validation_loss": {"en": "Validation loss", "zh": "验证集损失"},
    "runs.compare.chart_training_loss": {"en": "Training loss", "zh": "训练损失"},
    "runs.compare.axis_score": {"en": "score", "zh": "分数"},
    "runs.compare.axis_loss": {"en": "loss", "zh": "损失"},
    "runs.compare.scores": {"en": "**Scores side by side**", "zh": "**分数对比**"},
    "runs.compare.show_all": {"en": "Show every setting, not only the differences",
                              "zh": "显示所有设置，而不只是不同之处"},
    "runs.compare.show_all_help": {"en": "Off: only settings that differ between the chosen "
                                         "runs.",
                                   "zh": "关闭时：只显示所选运行之间不同的设置。"},
    "runs.compare.settings": {"en": "**Settings**", "zh": "**设置**"},
    "runs.compare.same_settings": {"en": "The chosen runs have the same settings.",
                                   "zh": "所选运行的设置完全相同。"},
    # the scores table's row names
    "runs.compare.row_state": {"en": "State", "zh": "状态"},
    "runs.compare.row_best": {"en": "Best validation score", "zh": "最佳验证集分数"},
    "runs.compare.row_duration": {"en": "Duration", "zh": "用时"},
    "runs.compare.row_steps": {"en": "Steps", "zh": "步数"},
    "runs.compare.row_last_validation": {"en": "Last validation {metric}",
                                         "zh": "最后一次验证集{metric}"},
    "runs.compare.row_test": {"en": "Test {metric}", "zh": "测试集{metric}"},
    "runs.compare.row_range": {"en": "Held-out score, 95% range",
                               "zh": "留出数据分数（95% 范围）"},
    # a cell of that row: "macro F1 61.0% to 83.0% (40 test examples)"
    "runs.compare.range_test": {
        "en": {"one": "{metric} {low} to {high} ({count} test example)",
               "other": "{metric} {low} to {high} ({count} test examples)"},
        "zh": "{metric} {low} 至 {high}（{count} 个测试集样本）",
    },
    "runs.compare.range_validation": {
        "en": {"one": "{metric} {low} to {high} ({count} validation example)",
               "other": "{metric} {low} to {high} ({count} validation examples)"},
        "zh": "{metric} {low} 至 {high}（{count} 个验证集样本）",
    },
    # the settings table
    "runs.compare.setting": {"en": "Setting", "zh": "设置"},
    "runs.compare.preset_value": {"en": "(preset)", "zh": "（预设）"},
    # pages/_runs_manage.py: rename, open, delete
    "runs.manage.heading": {"en": "Rename or delete a run", "zh": "重命名或删除运行"},
    "runs.manage.run": {"en": "Run", "zh": "运行"},
    "runs.manage.run_help": {"en": "The run to rename, open or delete.",
                             "zh": "要重命名、打开或删除的运行。"},
    "runs.manage.new_name": {"en": "New name", "zh": "新名称"},
    "runs.manage.new_name_help": {
        "en": "A name to recognise the run by; only the label changes.",
        "zh": "用来识别这个运行的名称；只改变显示的名字，不影响其他内容。",
    },
    "runs.manage.rename": {"en": "Rename", "zh": "重命名"},
    "runs.manage.rename_help": {"en": "Save the new name.", "zh": "保存新名称。"},
    "runs.manage.renamed": {"en": "Renamed to {name}.", "zh": "已重命名为 {name}。"},
    "runs.manage.open": {"en": "Open", "zh": "打开"},
    "runs.manage.open_help": {"en": "Show this run's curves on the Train page.",
                              "zh": "在“训练”页面查看这个运行的曲线。"},
    "runs.manage.delete": {"en": "Delete this run...", "zh": "删除这个运行..."},
    "runs.manage.delete_help": {"en": "Removes the run's folder, model included, after you "
                                      "confirm.",
                                "zh": "确认后删除这个运行的文件夹，包括其中的模型。"},
    "runs.manage.stop_first": {"en": "Stop the run before deleting it.",
                               "zh": "请先停止这个运行，再删除它。"},
    "runs.delete.title": {"en": "Delete a run", "zh": "删除运行"},
    "runs.delete.question": {
        "en": "Delete **{name}** and its trained model for good? This cannot be undone.",
        "zh": "要永久删除 **{name}** 及其训练好的模型吗？此操作无法撤销。",
    },
    "runs.delete.yes": {"en": "Yes, delete it", "zh": "是的，删除"},
    "runs.delete.yes_help": {"en": "Delete the run folder now.",
                             "zh": "立即删除这个运行的文件夹。"},
    "runs.delete.cancel": {"en": "Cancel", "zh": "取消"},
    "runs.delete.cancel_help": {"en": "Keep the run.", "zh": "保留这个运行。"},
    "runs.delete.done": {"en": "Deleted {name}.", "zh": "已删除 {name}。"},
    "runs.task.question_answering": {"en": "question answering", "zh": "问答"},
}
