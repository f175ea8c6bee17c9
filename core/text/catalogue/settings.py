"""Texts of core/config.py: the run settings' names and help texts (those of the training
settings are the Model page's, model.setting.*) and what is wrong with a setting.

Keys start with 'settings.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- field names and help texts of DataConfig and RunConfig ---------------------------
    "settings.data.train.label": {"en": "Training file", "zh": "训练文件"},
    "settings.data.train.help": {"en": "File with the labeled examples to learn from.",
                                 "zh": "包含用于学习的已标注样本的文件。"},
    "settings.data.validation.label": {"en": "Validation file", "zh": "验证文件"},
    "settings.data.validation.help": {"en": "Optional file used to pick the best checkpoint.",
                                      "zh": "可选的文件，用于挑选最好的检查点。"},
    "settings.data.test.label": {"en": "Test file", "zh": "测试文件"},
    "settings.data.test.help": {"en": "Optional file held back to measure the final model.",
                                "zh": "可选的文件，留作衡量最终模型。"},
    "settings.data.text_column.help": {"en": "Column holding the text (guessed when empty).",
                                       "zh": "存放文本的列（留空时自动推测）。"},
    "settings.data.context_column.label": {"en": "Context column", "zh": "上下文列"},
    "settings.data.context_column.help": {
        "en": "Question answering: the column with the paragraph each answer is found in "
              "(empty: guessed).",
        "zh": "问答：存放段落（答案就在其中）的列（留空：自动推测）。"},
    "settings.data.question_column.label": {"en": "Question column", "zh": "问题列"},
    "settings.data.question_column.help": {
        "en": "Question answering: the column with the questions (empty: guessed).",
        "zh": "问答：存放问题的列（留空：自动推测）。"},
    "settings.data.answer_column.label": {"en": "Answer column", "zh": "答案列"},
    "settings.data.answer_column.help": {
        "en": "Question answering: the column with each answer as it is written in the context "
              "(empty: guessed; an empty cell: the question has no answer).",
        "zh": "问答：存放答案原文（与上下文中写法一致）的列"
              "（留空：自动推测；单元格为空：该问题没有答案）。"},
    "settings.data.answer_start_column.label": {"en": "Answer start column",
                                                "zh": "答案起始位置列"},
    "settings.data.answer_start_column.help": {
        "en": "Question answering, optional: the character where each answer starts in the "
              "context (empty: found in the context).",
        "zh": "问答，可选：答案在上下文中起始的字符位置（留空：在上下文中查找）。"},
    "settings.data.id_column.label": {"en": "Question id column", "zh": "问题编号列"},
    "settings.data.id_column.help": {
        "en": "Question answering, optional: a column with an id for each question (empty: the "
              "row number).",
        "zh": "问答，可选：每个问题的编号列（留空：使用行号）。"},
    "settings.data.text_pair_column.label": {"en": "Second text column", "zh": "第二文本列"},
    "settings.data.text_pair_column.help": {
        "en": "Optional second text column, for pairs such as question and answer "
              "(empty: guessed; \"\": none).",
        "zh": "可选的第二文本列，用于问题与答案这样的文本对（留空：自动推测；\"\"：没有）。"},
    "settings.data.text_join_column.label": {"en": "Joined text column", "zh": "拼接文本列"},
    "settings.data.text_join_column.help": {
        "en": "Optional column whose text is joined to the text column's, such as a title and "
              "its description read as one text (the two in the file's order; empty: none).",
        "zh": "可选的列，其文本会拼接到文本列的文本上，例如把标题和描述作为一段文本读取"
              "（两者按文件中的顺序；留空：没有）。"},
    "settings.data.label_column.help": {"en": "Column holding the label (guessed when empty).",
                                        "zh": "存放标签的列（留空时自动推测）。"},
    "settings.data.split_column.label": {"en": "Split column", "zh": "划分列"},
    "settings.data.split_column.help": {
        "en": "Optional column saying train / validation / test for each row "
              "(empty: guessed; \"\": none).",
        "zh": "可选的列，为每一行注明 train / validation / test（留空：自动推测；\"\"：没有）。"},
    "settings.data.multi_label.label": {"en": "Multi-label", "zh": "多标签"},
    "settings.data.multi_label.help": {
        "en": "Whether one text can carry several labels (guessed when empty).",
        "zh": "一段文本能否带有多个标签（留空时自动推测）。"},
    "settings.data.label_separator.help": {
        "en": "Character between labels of a multi-label row, such as | or , (guessed).",
        "zh": "多标签行中标签之间的分隔字符，例如 | 或 ,（自动推测）。"},
    "settings.data.label_names.label": {"en": "Label names", "zh": "标签名称"},
    "settings.data.label_names.help": {
        "en": "Names for labels written as whole numbers, such as {{\"0\": \"negative\", "
              "\"1\": \"positive\"}}; training, reports and exports show the names (empty: the "
              "numbers as they are).",
        "zh": "给以整数书写的标签起的名称，例如 {{\"0\": \"negative\", \"1\": \"positive\"}}；"
              "训练、报告和导出都显示这些名称（留空：照原样显示数字）。"},
    "settings.data.validation_fraction.help": {
        "en": "Share of the training file kept aside for validation when no file is given.",
        "zh": "未提供验证文件时，从训练文件中留出用于验证的比例。"},
    "settings.data.test_fraction.help": {
        "en": "Share of the training file kept aside for testing when no file is given.",
        "zh": "未提供测试文件时，从训练文件中留出用于测试的比例。"},
    "settings.run.task.help": {
        "en": "Text classification (a label per text) or entity recognition (tags per word).",
        "zh": "文本分类（每段文本一个标签）或实体识别（每个词一个标记）。"},
    "settings.run.data.help": {"en": "Where the examples come from.", "zh": "样本的来源。"},
    "settings.run.model.help": {
        "en": "The pretrained model to start from: 'default', a hub id or a local folder.",
        "zh": "作为起点的预训练模型：'default'、Hub 上的模型 ID 或本地文件夹。"},
    "settings.run.preset.help": {"en": "Quick tries, Balanced (default) or Best quality.",
                                 "zh": "快速尝试、均衡（默认）或最佳质量。"},
    "settings.run.training.label": {"en": "Training", "zh": "训练"},
    "settings.run.training.help": {"en": "Hyperparameters.", "zh": "超参数。"},
    "settings.run.name.label": {"en": "Run name", "zh": "运行名称"},
    "settings.run.name.help": {"en": "A name to recognise the run by.",
                               "zh": "用来辨认这次运行的名称。"},

    # ----- what is wrong with a setting -----------------------------------------------------
    "settings.no_train.message": {"en": "No training file was given.",
                                  "zh": "没有提供训练文件。"},
    "settings.no_train.fix": {"en": "Choose a file with labeled examples.",
                              "zh": "请选择一个包含已标注样本的文件。"},
    "settings.fraction.message": {"en": "{name} is {value}, outside 0 to 0.5.",
                                  "zh": "{name} 为 {value}，超出了 0 到 0.5 的范围。"},
    "settings.fraction.fix": {"en": "Use a share such as 0.1.", "zh": "请使用 0.1 这样的比例。"},
    "settings.label_names_not_mapping.message": {
        "en": "The setting label_names is not a mapping from label to name.",
        "zh": "设置 label_names 不是从标签到名称的映射。"},
    "settings.label_names_not_mapping.fix": {
        "en": "Write it as {{\"0\": \"negative\", \"1\": \"positive\"}}.",
        "zh": "请写成 {{\"0\": \"negative\", \"1\": \"positive\"}} 的形式。"},
    "settings.label_not_whole.message": {
        "en": "The label names are for whole-number labels, and {value} is not one.",
        "zh": "标签名称只用于整数标签，而 {value} 不是整数。"},
    "settings.label_not_whole.fix": {"en": "Write each label as text, such as \"0\" or \"1\".",
                                     "zh": "请把每个标签写成文本，例如 \"0\" 或 \"1\"。"},
    "settings.label_name_empty.message": {"en": "The label {value} has an empty name.",
                                          "zh": "标签 {value} 的名称为空。"},
    "settings.label_name_empty.fix": {"en": "Give it a name, or leave it out to keep the number.",
                                      "zh": "请给它起个名称，或者删去它以保留数字。"},
    "settings.label_name_long.message": {
        "en": "The name of label {value} is longer than {limit} characters.",
        "zh": "标签 {value} 的名称超过了 {limit} 个字符。"},
    "settings.label_name_long.fix": {"en": "Give it a shorter name.",
                                     "zh": "请给它起个更短的名称。"},
    "settings.label_name_twice.message": {
        "en": "The labels {first} and {second} have the same name, '{name}'.",
        "zh": "标签 {first} 和 {second} 的名称相同，都是 '{name}'。"},
    "settings.label_name_twice.fix": {
        "en": "Give each label its own name; two labels with one name would be learned as one.",
        "zh": "请给每个标签起各自的名称；名称相同的两个标签会被当作一个来学习。"},
    "settings.bad_value.message": {"en": "The setting {name} is {value}.",
                                   "zh": "设置 {name} 的值为 {value}。"},
    "settings.use.between_0_100": {"en": "Use a number between 0 and 100.",
                                   "zh": "请填写介于 0 和 100 之间的数。"},
    "settings.use.value": {"en": "Use a value such as {example}.",
                           "zh": "请填写像 {example} 这样的值。"},
    "settings.use.whole": {"en": "Use a whole number such as {example}.",
                           "zh": "请填写像 {example} 这样的整数。"},
    "settings.use.share": {"en": "Use a share such as {example}.",
                           "zh": "请填写像 {example} 这样的比例。"},
    "settings.use.steps": {"en": "Use a whole number of steps.", "zh": "请填写整数个步数。"},
    "settings.one_of.fix": {"en": "Use one of: {choices}.", "zh": "请使用以下之一：{choices}。"},
    "settings.unknown_task.message": {"en": "Unknown task {task}.", "zh": "未知的任务 {task}。"},
    "settings.unknown_preset.message": {"en": "Unknown preset {preset}.",
                                        "zh": "未知的预设 {preset}。"},
    "settings.no_model.message": {"en": "No model was chosen.", "zh": "没有选择模型。"},
    "settings.no_model.fix": {"en": "Use 'default' for the offline model.",
                              "zh": "请使用 'default' 选择离线模型。"},
    "settings.not_object.message": {"en": "The run configuration is not a JSON object.",
                                    "zh": "运行配置不是一个 JSON 对象。"},
    "settings.not_object.fix": {
        "en": "Save it from the app or write it as {{\"task\": ..., \"data\": ...}}.",
        "zh": "请在应用中保存它，或写成 {{\"task\": ..., \"data\": ...}} 的形式。"},
    "settings.unknown_keys.message": {"en": "The run configuration has unknown keys: {keys}.",
                                      "zh": "运行配置中有未知的键：{keys}。"},
    "settings.unknown_keys.fix": {"en": "Remove them or check their spelling.",
                                  "zh": "请删除它们，或检查拼写。"},
    "settings.unreadable.message": {"en": "Cannot read the run configuration {path}: {reason}.",
                                    "zh": "无法读取运行配置 {path}：{reason}。"},
    "settings.unreadable.fix": {"en": "Check that the file exists and is valid JSON.",
                                "zh": "请检查该文件是否存在，并且是有效的 JSON。"},
    "settings.section_not_object.message": {
        "en": "The '{section}' section of the run configuration is not an object.",
        "zh": "运行配置中的 '{section}' 部分不是一个对象。"},
    "settings.section_not_object.fix": {"en": "Write it as a JSON object.",
                                        "zh": "请把它写成一个 JSON 对象。"},
    "settings.section_unknown_keys.message": {
        "en": "The '{section}' section has unknown keys: {keys}.",
        "zh": "'{section}' 部分中有未知的键：{keys}。"},
}
