"""Texts of core/train (fine-tuning, few-shot, learning curves): why a run failed and what to
do (saved in status.json as keys and rendered when read), and the label-budget advice saved in
curve.json.

Keys start with 'training.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # why a run failed (core/train/training.py explain_failure)
    "training.out_of_memory.message": {"en": "Training ran out of memory.",
                                       "zh": "训练时内存不足。"},
    "training.out_of_memory.fix": {
        "en": "Halve the batch size (and double gradient accumulation to keep the effective "
              "batch), lower the max length, or choose a smaller model.",
        "zh": "请把批大小减半（同时把梯度累积加倍，以保持有效批大小），降低最大长度，"
              "或选择一个更小的模型。"},
    "training.disk_full.message": {"en": "The disk is full, so the run could not be saved.",
                                   "zh": "磁盘已满，无法保存这次运行。"},
    "training.disk_full.fix": {"en": "Free disk space or delete old runs, then press Resume.",
                               "zh": "请释放磁盘空间或删除旧的运行，然后点击“继续”。"},
    "training.unwritable.message": {"en": "The workspace folder cannot be written.",
                                    "zh": "无法写入工作区文件夹。"},
    "training.unwritable.fix": {
        "en": "Check the permissions of the workspace folder, then press Resume.",
        "zh": "请检查工作区文件夹的权限，然后点击“继续”。"},
    "training.unexpected.message": {"en": "Training failed unexpectedly ({detail}).",
                                    "zh": "训练意外失败（{detail}）。"},
    "training.unexpected.fix": {
        "en": "See the log for details; try Resume, or change the settings and start again.",
        "zh": "详情请查看日志；可以尝试“继续”，或修改设置后重新开始。"},
    "training.resume_failed": {
        "en": "Resuming failed: {message} The model saved before is kept.",
        "zh": "继续训练失败：{message} 之前保存的模型仍然保留。"},
    "training.data_error": {"en": "{title}: {message}", "zh": "{title}：{message}"},
    # core/train/learning_curve.py
    "training.curve.file_gone.message": {
        "en": "The {part} file of this run, {file}, is no longer there.",
        "zh": "这次运行的 {part} 文件 {file} 已经不在了。"},
    "training.curve.file_gone.fix": {
        "en": "Train a new run on the data to draw its learning curve.",
        "zh": "请用这些数据训练一次新的运行，再绘制它的学习曲线。"},
    "training.curve.learner.model": {"en": "model", "zh": "模型"},
    "training.curve.learner.baseline": {"en": "quick baseline", "zh": "快速基线模型"},
    "training.curve.too_few_points": {
        "en": "There are too few points to say whether more labels would help.",
        "zh": "数据点太少，还无法判断更多标签是否有帮助。"},
    "training.curve.within_noise": {
        "en": "Going from {n_now} to {n_double} labels would likely add about {gain} points of "
              "{metric} to the {learner}, but that is within the noise of the measured points "
              "(each is scored on {examples}, give or take about {noise} points), so the curve "
              "cannot tell yet whether more labels help.",
        "zh": "把标签从 {n_now} 个增加到 {n_double} 个，{learner}的{metric}可能提高约 {gain} 个"
              "百分点，但这在各测量点的误差范围之内（每个点在 {examples}上评分，上下浮动约 "
              "{noise} 个百分点），所以曲线还无法判断更多标签是否有帮助。"},
    "training.curve.worth_it": {
        "en": "Going from {n_now} to {n_double} labels would likely add about {gain} points of "
              "{metric} to the {learner}, so more labels are likely worth it.",
        "zh": "把标签从 {n_now} 个增加到 {n_double} 个，{learner}的{metric}可能提高约 {gain} 个"
              "百分点，所以多标注一些很可能是值得的。"},
    "training.curve.a_little": {
        "en": "Going from {n_now} to {n_double} labels would likely add about {gain} points of "
              "{metric} to the {learner}: more labels help a little.",
        "zh": "把标签从 {n_now} 个增加到 {n_double} 个，{learner}的{metric}可能提高约 {gain} 个"
              "百分点：更多标签有一点帮助。"},
    "training.curve.unlikely": {
        "en": "Going from {n_now} to {n_double} labels would likely add about {gain} points of "
              "{metric} to the {learner}, so more labels alone are unlikely to help much.",
        "zh": "把标签从 {n_now} 个增加到 {n_double} 个，{learner}的{metric}可能提高约 {gain} 个"
              "百分点，所以只增加标签不太可能有很大帮助。"},
}
