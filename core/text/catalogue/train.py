"""Texts of pages/train.py and its panels (pages/_train_*.py).

Keys start with 'train.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # the page without runs, its header and run picker
    "train.empty.header": {"en": "Training", "zh": "训练"},
    "train.empty.info": {
        "en": "No training run yet. Choose data and a model, then press Start training.",
        "zh": "还没有训练运行。请先选择数据和模型，然后点击“开始训练”。",
    },
    "train.empty.to_model": {"en": "Go to the Model step", "zh": "前往“模型”步骤"},
    "train.empty.to_model_help": {"en": "Pick a model and start a run.",
                                  "zh": "选择一个模型并开始一次运行。"},
    "train.pick.other": {"en": "Show another run", "zh": "查看其他运行"},
    "train.pick.other_help": {"en": "Every run is kept; pick one to see its curves.",
                              "zh": "每次运行都会保留；选择一个即可查看它的曲线。"},
    "train.pick.link_missing": {
        "en": "The link names run {run}, which is not in this workspace (or cannot be read); "
              "showing another run.",
        "zh": "链接指向的运行 {run} 不在此工作区中（或无法读取），现显示另一个运行。",
    },
    "train.pick.link_invalid": {
        "en": "The link holds a run id that is not valid; showing another run.",
        "zh": "链接中的运行 ID 无效，现显示另一个运行。",
    },
    "train.caption.text_classification": {
        "en": "text classification · model {model} · data {dataset}",
        "zh": "文本分类 · 模型 {model} · 数据集 {dataset}",
    },
    "train.caption.token_classification": {
        "en": "token classification · model {model} · data {dataset}",
        "zh": "实体识别 · 模型 {model} · 数据集 {dataset}",
    },
    "train.caption.other_task": {
        "en": "{task} · model {model} · data {dataset}",
        "zh": "{task} · 模型 {model} · 数据集 {dataset}",
    },
    # the run's state
    "train.state.queued": {
        "en": "Waiting for the training in progress (another run or a learning curve) to "
              "finish; this one starts by itself.",
        "zh": "正在等待进行中的训练（另一个运行或一条学习曲线）结束；之后这个运行会自动开始。",
    },
    "train.state.completed": {"en": "Training finished in {duration}.",
                              "zh": "训练已完成，用时 {duration}。"},
    "train.state.completed_best": {
        "en": "Training finished in {duration}. Best validation {metric}: {value}.",
        "zh": "训练已完成，用时 {duration}。验证集上最好的{metric}：{value}。",
    },
    "train.state.failed": {"en": "Training failed. {error} {fix}", "zh": "训练失败。{error} {fix}"},
    "train.state.interrupted": {"en": "Training was interrupted. {error} {fix}",
                                "zh": "训练被中断。{error} {fix}"},
    "train.stopped.checkpoint": {
        "en": "You stopped this run. Its model and a checkpoint at step {step} are kept: "
              "Resume continues from there.",
        "zh": "你停止了这个运行。它的模型和第 {step} 步的检查点已保留："
              "点击“继续”会从那里接着训练。",
    },
    "train.stopped.model_only": {
        "en": "You stopped this run. Its model is kept, but no checkpoint was saved, so "
              "Resume starts again from the beginning.",
        "zh": "你停止了这个运行。它的模型已保留，但没有保存检查点，所以“继续”会从头开始训练。",
    },
    "train.stopped.nothing": {
        "en": "Nothing was kept: the run stopped before its first checkpoint.",
        "zh": "没有保留任何内容：运行在第一个检查点之前就停止了。",
    },
    "train.stopped.plain": {"en": "You stopped this run.", "zh": "你停止了这个运行。"},
    # progress
    "train.progress.early": {"en": "Stopped early at step {step}: no longer improving.",
                             "zh": "在第 {step} 步提前停止：模型已不再提升。"},
    "train.progress.preparing": {"en": "Preparing the data and the model...",
                                 "zh": "正在准备数据和模型……"},
    "train.progress.step": {"en": "Step {step} of {total}", "zh": "第 {step} 步，共 {total} 步"},
    "train.progress.epoch": {"en": "Epoch", "zh": "轮次"},
    "train.progress.epoch_of": {"en": "{epoch} of {epochs}", "zh": "{epoch} / {epochs}"},
    "train.progress.epoch_help": {"en": "How many times the model has read all training examples.",
                                  "zh": "模型已把全部训练样本读了几遍。"},
    "train.progress.elapsed": {"en": "Elapsed", "zh": "已用时间"},
    "train.progress.elapsed_help": {"en": "Time since training started.",
                                    "zh": "从训练开始到现在的时间。"},
    "train.progress.left": {"en": "Time left", "zh": "剩余时间"},
    "train.progress.left_help": {
        "en": "Estimated from this run's pace so far, evaluations included.",
        "zh": "根据本次运行目前的速度估算，已包含评估所需的时间。",
    },
    "train.progress.best": {"en": "Best {metric}", "zh": "最好的{metric}"},
    "train.progress.best_score": {"en": "Best score", "zh": "最好得分"},
    "train.progress.best_help": {
        "en": "The best validation score so far; that checkpoint is the one kept.",
        "zh": "目前在验证集上的最好得分；保留的就是这个检查点。",
    },
    # curves
    "train.curves.none": {"en": "The curves appear after the first training steps.",
                          "zh": "训练开始几步后，这里会显示曲线。"},
    "train.curves.score_pending": {"en": "The validation score appears after the first "
                                         "evaluation.",
                                   "zh": "第一次评估之后，这里会显示验证集得分。"},
    "train.curves.more": {"en": "More charts: learning rate and speed",
                          "zh": "更多图表：学习率和速度"},
    "train.curves.lr_title": {"en": "Learning rate", "zh": "学习率"},
    "train.curves.lr_y": {"en": "learning rate", "zh": "学习率"},
    "train.curves.speed_title": {"en": "Speed", "zh": "速度"},
    "train.curves.speed_title_now": {"en": "Speed: {speed} examples/s",
                                     "zh": "速度：每秒 {speed} 条样本"},
    "train.curves.speed_y": {"en": "examples per second", "zh": "每秒样本数"},
    "train.curves.gpu_memory_title": {"en": "GPU memory", "zh": "GPU 显存"},
    "train.curves.gpu_memory_y": {"en": "MB", "zh": "MB"},
    "train.curves.gpu_use_title": {"en": "GPU use", "zh": "GPU 利用率"},
    "train.curves.gpu_use_y": {"en": "share busy", "zh": "繁忙占比"},
    "train.curves.points": {"en": {"one": "{count} training point",
                                   "other": "{count} training points"},
                            "zh": "{count} 个训练数据点"},
    "train.curves.evaluations": {"en": {"one": "{count} evaluation",
                                        "other": "{count} evaluations"},
                                 "zh": "{count} 次评估"},
    "train.curves.counts": {"en": "{points} and {evaluations} so far · updated {time}",
                            "zh": "目前共 {points}、{evaluations} · 更新于 {time}"},
    "train.log.title": {"en": "Training log (last lines)", "zh": "训练日志（最后几行）"},
    "train.log.empty": {"en": "(empty)", "zh": "（空）"},
    "train.error.progress": {"en": "Something went wrong while drawing the training progress.",
                             "zh": "绘制训练进度时出了问题。"},
    "train.error.page": {"en": "Something went wrong while showing the training run.",
                         "zh": "显示训练运行时出了问题。"},
    # controls
    "train.controls.stop": {"en": "Stop", "zh": "停止"},
    "train.controls.stopping": {"en": "Stopping...", "zh": "正在停止……"},
    "train.controls.stop_help": {
        "en": "Stops after the current step and saves a checkpoint there, so Resume can "
              "continue from it.",
        "zh": "在当前这一步结束后停止并保存检查点，之后可以点击“继续”从那里接着训练。",
    },
    "train.controls.resume": {"en": "Resume", "zh": "继续"},
    "train.controls.resume_help": {"en": "Continue training from the last saved checkpoint.",
                                   "zh": "从最近保存的检查点继续训练。"},
    "train.controls.resume_queued": {
        "en": "Another run is training; this one continues when that one ends.",
        "zh": "另一个运行正在训练；它结束后，这个运行会继续。",
    },
    "train.controls.retry": {"en": "Retry with half the batch size",
                             "zh": "用一半的批大小重试"},
    "train.controls.retry_help": {
        "en": "Starts a new run with batch size {batch} and gradient accumulation "
              "{accumulation}: each update still sees as many examples, in about half the "
              "memory.",
        "zh": "以批大小 {batch}、梯度累积 {accumulation} 开始一次新的运行：每次更新看到的样本数"
              "不变，内存占用大约减半。",
    },
    "train.controls.retry_queued": {
        "en": "Another run is training; the retry starts when that one ends.",
        "zh": "另一个运行正在训练；它结束后，重试会自动开始。",
    },
    "train.controls.retry_started": {
        "en": "Started again with batch size {batch} and gradient accumulation {accumulation}.",
        "zh": "已用批大小 {batch}、梯度累积 {accumulation} 重新开始。",
    },
    "train.controls.to_test": {"en": "Continue to Test", "zh": "继续到“测试”"},
    "train.controls.to_test_help": {
        "en": "See how this run's model does on texts it never saw, try it and export it.",
        "zh": "查看这个运行的模型在从未见过的文本上表现如何，试用并导出它。",
    },
    "train.caption.question_answering": {
        "en": "question answering · model {model} · data {dataset}",
        "zh": "问答 · 模型 {model} · 数据集 {dataset}",
    },
}
