"""Texts of the workspace and the run queue (core/workspace/, core/jobs/): their errors' messages
and fixes, and why a run folder is listed as damaged.

Keys start with 'workspace.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # core/workspace/folder.py: a config.json this version cannot read
    "workspace.record.unknown_keys": {
        "en": "Run {run} was made by another version of Finetune Studio: its config.json has "
              "keys this version does not know ({keys}).",
        "zh": "运行 {run} 是由另一个版本的 Finetune Studio 创建的：它的 config.json 含有本版本"
              "不认识的键（{keys}）。",
    },
    "workspace.record.wrong_kind": {
        "en": "Run {run} was made by another version of Finetune Studio: its config.json holds "
              "values of another kind under {keys}.",
        "zh": "运行 {run} 是由另一个版本的 Finetune Studio 创建的：它的 config.json 中 {keys} "
              "的值类型不同。",
    },
    "workspace.record.not_object": {
        "en": "Run {run} was made by another version of Finetune Studio: its config.json does "
              "not hold a set of settings.",
        "zh": "运行 {run} 是由另一个版本的 Finetune Studio 创建的：它的 config.json 里没有一组"
              "设置。",
    },
    "workspace.record.other_version_fix": {
        "en": "Open it with the version of Finetune Studio that made it, or start a new run "
              "here.",
        "zh": "请用创建它的那个版本的 Finetune Studio 打开它，或者在这里开始一次新的运行。",
    },
    # core/workspace/runs.py
    "workspace.run_id.invalid": {"en": "{run_id} is not a valid run id.",
                                 "zh": "{run_id} 不是有效的运行编号。"},
    "workspace.run_id.invalid_fix": {
        "en": "Use an id from the run list (letters, digits, '-', '_' and '.').",
        "zh": "请使用运行列表中的编号（由字母、数字、“-”、“_”和“.”组成）。",
    },
    "workspace.disk_full": {"en": "The disk holding {folder} is full.",
                            "zh": "存放 {folder} 的磁盘已满。"},
    "workspace.disk_full_fix": {
        "en": "Free some space (for example delete old runs), then try again.",
        "zh": "请腾出一些空间（例如删除旧的运行），然后重试。",
    },
    "workspace.not_writable": {"en": "The folder {folder} cannot be written ({reason}).",
                               "zh": "无法写入文件夹 {folder}（{reason}）。"},
    "workspace.not_writable_fix": {
        "en": "Check its permissions, or set {variable} to a folder you can write.",
        "zh": "请检查它的权限，或者把 {variable} 设为一个你可以写入的文件夹。",
    },
    "workspace.link.itself": {
        "en": "Run {run} is itself a link to a place outside the run folder, so it is not read.",
        "zh": "运行 {run} 本身是一个指向运行文件夹之外的链接，因此不会被读取。",
    },
    "workspace.link.holds": {
        "en": "Run {run} holds {link}, a link to a place outside the run folder, so it is not "
              "read.",
        "zh": "运行 {run} 含有 {link}，它是一个指向运行文件夹之外的链接，因此不会被读取。",
    },
    "workspace.link.fix": {"en": "Delete the run, or replace the link with the file itself.",
                           "zh": "请删除这个运行，或者用文件本身替换这个链接。"},
    "workspace.rename.length": {"en": "A run name must have 1 to 100 characters.",
                                "zh": "运行名称必须为 1 到 100 个字符。"},
    "workspace.rename.length_fix": {"en": "Type a shorter name.", "zh": "请输入一个更短的名称。"},
    "workspace.delete.active": {"en": "Run {name} is still {state}.",
                                "zh": "运行 {name} 仍处于“{state}”状态。"},
    "workspace.delete.active_fix": {"en": "Stop it before deleting it.",
                                    "zh": "请先停止它，再删除。"},
    "workspace.delete.curve": {"en": "Run {name} is drawing its learning curve.",
                               "zh": "运行 {name} 正在绘制学习曲线。"},
    "workspace.delete.curve_fix": {"en": "Delete it when the curve is done.",
                                   "zh": "请在曲线完成后再删除它。"},
    # core/workspace/runs.py: why a run folder is listed as damaged (shown after "damaged: ")
    "workspace.damaged.folder_link": {"en": "the run folder is a link to another place",
                                      "zh": "运行文件夹是一个指向别处的链接"},
    "workspace.damaged.link": {"en": "{link} is a link to a place outside the run folder",
                               "zh": "{link} 是一个指向运行文件夹之外的链接"},
    "workspace.damaged.unreadable": {"en": "{file} is missing or unreadable",
                                     "zh": "{file} 缺失或无法读取"},
    "workspace.damaged.state": {"en": "{file} holds an unknown state {state}",
                                "zh": "{file} 中的状态 {state} 无法识别"},
    # core/workspace/uploads.py
    "workspace.upload.too_large": {"en": "The file {name} is larger than {limit_mb} MB.",
                                   "zh": "文件 {name} 超过了 {limit_mb} MB。"},
    "workspace.upload.too_large_fix": {"en": "Upload a smaller file, or split it into parts.",
                                       "zh": "请上传一个更小的文件，或者把它拆分成几部分。"},
    "workspace.upload.empty": {"en": "The file {name} is empty.", "zh": "文件 {name} 是空的。"},
    "workspace.upload.empty_fix": {"en": "Choose the file that holds your labeled examples.",
                                   "zh": "请选择包含已标注样本的文件。"},
    "workspace.upload.type": {"en": "The file {name} has a type the app cannot read ({suffix}).",
                              "zh": "文件 {name} 的类型本应用无法读取（{suffix}）。"},
    "workspace.upload.no_extension": {"en": "no extension", "zh": "没有扩展名"},
    "workspace.upload.type_fix": {"en": "Save it as one of: {suffixes}.",
                                  "zh": "请将它保存为以下格式之一：{suffixes}。"},
    # core/jobs/queue.py
    "workspace.queue.no_train_file": {"en": "The training file {name} does not exist.",
                                      "zh": "训练文件 {name} 不存在。"},
    "workspace.queue.no_train_file_fix": {"en": "Choose the file again.",
                                          "zh": "请重新选择这个文件。"},
    "workspace.queue.left": {"en": "Run {name} is {state} and will not start.",
                             "zh": "运行 {name} 处于“{state}”状态，不会开始。"},
    "workspace.queue.left_fix": {
        "en": "Start it again from the app or with 'python -m core resume'.",
        "zh": "请在应用中或用“python -m core resume”重新开始它。",
    },
    "workspace.queue.not_resumable": {"en": "Run {name} is {state} and cannot be resumed.",
                                      "zh": "运行 {name} 处于“{state}”状态，无法继续。"},
    "workspace.queue.not_resumable_fix": {
        "en": "Only interrupted, stopped or failed runs can be resumed.",
        "zh": "只有被中断、已停止或失败的运行才能继续。",
    },
    "workspace.queue.no_half_batch": {
        "en": "This run cannot be retried with a smaller batch (it did not run out of memory, "
              "or its batch size is already 1).",
        "zh": "这个运行无法用更小的批量重试（它没有耗尽内存，或者它的批量大小已经是 1）。",
    },
    "workspace.queue.no_half_batch_fix": {
        "en": "Lower the max length or choose a smaller model under Model, then start a new run.",
        "zh": "请调低最大长度，或在“模型”中选择一个更小的模型，然后开始一次新的运行。",
    },
    # core/jobs/curve.py
    "workspace.curve.busy": {
        "en": "Another training is in progress, and the learning curve trains too.",
        "zh": "另一项训练正在进行，而学习曲线也需要训练。",
    },
    "workspace.curve.busy_fix": {"en": "Start the learning curve when it has finished.",
                                 "zh": "请在它结束后再开始学习曲线。"},
    # core/workspace/runs.py: a run stopped by Ctrl+C in the terminal
    "workspace.interrupted.message": {"en": "Training was interrupted (Ctrl+C).",
                                      "zh": "训练被中断了（Ctrl+C）。"},
    "workspace.interrupted.fix": {"en": "Press Resume to continue from the last checkpoint.",
                                  "zh": "请点击“继续”，从最后一个检查点接着训练。"},
}
