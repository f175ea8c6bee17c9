"""Texts of the model card written with an export (core/serve/export.py model_card).

Keys start with 'card.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "card.intro": {"en": "A {task} model fine-tuned with Finetune Studio from {base}.",
                   "zh": "用 Finetune Studio 从 {base} 微调得到的 {task} 模型。"},
    "card.local_folder": {"en": "the local model folder {folder}", "zh": "本地模型文件夹 {folder}"},
    "card.data.title": {"en": "## Data", "zh": "## 数据"},
    "card.data.train_file": {"en": "- Training file: {file}", "zh": "- 训练文件：{file}"},
    "card.data.examples": {
        "en": "- Examples: {train} train, {validation} validation, {test} test",
        "zh": "- 样本：训练集 {train} 条，验证集 {validation} 条，测试集 {test} 条"},
    "card.data.labels": {"en": "- Labels ({count}): {labels}",
                         "zh": "- 标签（{count} 个）：{labels}"},
    "card.data.labels_more": {"en": "- Labels ({count}): {labels} ...",
                              "zh": "- 标签（{count} 个）：{labels} ……"},
    "card.data.multi_label_yes": {"en": "- Multi-label: yes", "zh": "- 多标签：是"},
    "card.data.multi_label_no": {"en": "- Multi-label: no", "zh": "- 多标签：否"},
    "card.scores.title_test": {"en": "## Scores on the test set", "zh": "## 测试集上的得分"},
    "card.scores.title_validation": {"en": "## Scores on the validation set",
                                     "zh": "## 验证集上的得分"},
    "card.scores.fine_tuned": {"en": "- Fine-tuned: {scores}", "zh": "- 微调模型：{scores}"},
    "card.scores.baseline": {"en": "- Baseline {name}: {scores}", "zh": "- 基线 {name}：{scores}"},
    "card.scores.score": {"en": "{metric} {value}", "zh": "{metric} {value}"},
    "card.scores.separator": {"en": ", ", "zh": "，"},
    "card.scores.none": {"en": "not measured", "zh": "未测量"},
    "card.confidence.title": {"en": "## Confidence", "zh": "## 置信度"},
    "card.confidence.too_few": {
        "en": "The scores were not calibrated: the validation set was too small to fit a "
              "temperature on, so treat them as a ranking rather than as probabilities.",
        "zh": "得分未经校准：验证集太小，无法拟合温度，因此请把它们当作排序，而不是概率。"},
    "card.confidence.no_mistakes": {
        "en": "The scores were not calibrated: the model made no mistakes on the validation "
              "set, so there was nothing to fit a temperature on.",
        "zh": "得分未经校准：模型在验证集上没有出错，因此没有可用来拟合温度的数据。"},
    "card.confidence.no_output_layer": {
        "en": "The scores were not calibrated: the model's output layer could not take a "
              "temperature, so treat them as a ranking rather than as probabilities.",
        "zh": "得分未经校准：模型的输出层无法加入温度，因此请把它们当作排序，而不是概率。"},
    "card.confidence.not_calibrated": {
        "en": "An answer's score is its share among the best spans the model found; it is not "
              "calibrated on validation, so read it as a ranking, not as a probability of being "
              "right.",
        "zh": "答案的分数是它在模型找到的几个最佳片段中所占的比重；它没有在验证集上校准，"
              "请把它当作排序依据，而不是答对的概率。"},
    "card.confidence.no_validation": {
        "en": "The scores were not calibrated: the run had no validation set, so treat "
              "them as a ranking rather than as probabilities.",
        "zh": "得分未经校准：这次运行没有验证集，因此请把它们当作排序，而不是概率。"},
    "card.confidence.too_old": {
        "en": "The scores were not calibrated (the run was trained before calibration existed).",
        "zh": "得分未经校准（这次运行训练于校准功能出现之前）。"},
    "card.confidence.calibrated": {
        "en": "The scores were calibrated by temperature scaling on the validation set "
              "(T = {temperature}, folded into the classifier's weights, so `pipeline` scores "
              "are the calibrated ones).",
        "zh": "得分已在验证集上用温度缩放校准（T = {temperature}，已并入分类器的权重，因此 "
              "`pipeline` 给出的就是校准后的得分）。"},
    "card.confidence.calibrated_error_test": {
        "en": "The scores were calibrated by temperature scaling on the validation set "
              "(T = {temperature}, folded into the classifier's weights, so `pipeline` scores "
              "are the calibrated ones). Expected calibration error on the test set: {before} "
              "before, {after} after.",
        "zh": "得分已在验证集上用温度缩放校准（T = {temperature}，已并入分类器的权重，因此 "
              "`pipeline` 给出的就是校准后的得分）。测试集上的期望校准误差：校准前 {before}，"
              "校准后 {after}。"},
    "card.confidence.calibrated_error_validation": {
        "en": "The scores were calibrated by temperature scaling on the validation set "
              "(T = {temperature}, folded into the classifier's weights, so `pipeline` scores "
              "are the calibrated ones). Expected calibration error on the validation set: "
              "{before} before, {after} after.",
        "zh": "得分已在验证集上用温度缩放校准（T = {temperature}，已并入分类器的权重，因此 "
              "`pipeline` 给出的就是校准后的得分）。验证集上的期望校准误差：校准前 {before}，"
              "校准后 {after}。"},
    "card.hyperparameters.title": {"en": "## Hyperparameters", "zh": "## 超参数"},
    "card.usage.title": {"en": "## Usage", "zh": "## 用法"},
    "card.usage.example_text": {"en": "Your text here", "zh": "在这里输入你的文本"},
    "card.usage.example_question": {"en": "Where is the answer?",
                                    "zh": "答案在哪里？"},
    "card.usage.example_context": {"en": "The paragraph the answer is found in.",
                                   "zh": "包含答案的那段文字。"},
    "card.usage.onnx": {
        "en": "Unzip the folder and run its predict.py (onnxruntime and tokenizers, no torch):",
        "zh": "解压文件夹后运行其中的 predict.py（只需 onnxruntime 和 tokenizers，无需 torch）："},
    "card.formats.title": {"en": "## Size, speed and score by format",
                           "zh": "## 各格式的大小、速度和得分"},
    "card.formats.machine": {
        "en": "Measured on the machine that exported the model, on the same split as the "
              "scores above.",
        "zh": "在导出模型的机器上、用与上面得分相同的数据划分测得。"},
    "card.formats.torch": {
        "en": "{name}: {size} MB, {speed} sentences per second, {p50} ms for one sentence, "
              "{metric} {score}.",
        "zh": "{name}：{size} MB，每秒 {speed} 句，单句 {p50} 毫秒，{metric} {score}。"},
    "card.formats.other": {
        "en": "{name}: {size} MB instead of {torch_size}, {factor}x faster, {metric} {change} "
              "points.",
        "zh": "{name}：{size} MB（原为 {torch_size} MB），速度为原来的 {factor} 倍，"
              "{metric} 变化 {change} 个百分点。"},
    "card.formats.same_size": {
        "en": "{name}: {size} MB, the same size, {factor}x faster, {metric} {change} points.",
        "zh": "{name}：{size} MB，大小不变，速度为原来的 {factor} 倍，"
              "{metric} 变化 {change} 个百分点。"},
    "card.formats.flagged_drop": {
        "en": "The score dropped by more than 1 point: check the mistakes before using this "
              "format.",
        "zh": "得分下降超过 1 个百分点：使用这个格式之前请先检查它的错误。"},
    "card.formats.flagged_rise": {
        "en": "The score changed by more than 1 point: check the mistakes before using this "
              "format.",
        "zh": "得分变化超过 1 个百分点：使用这个格式之前请先检查它的错误。"},
}
