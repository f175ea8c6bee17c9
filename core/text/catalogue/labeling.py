"""Texts of core/label (label projects, their exports, training from labels): what is wrong
and what to do (UserError messages and fixes).

Keys start with 'labeling.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "labeling.bad_project_id.message": {
        "en": "{project_id} is not a valid label project id.",
        "zh": "{project_id} 不是有效的标注项目编号。"},
    "labeling.bad_project_id.fix": {
        "en": "Pick a project from the list (ids use letters, digits, '-', '_', '.').",
        "zh": "请从列表中选择一个项目（编号只含字母、数字、'-'、'_'、'.'）。"},
    "labeling.too_few_labels.message": {
        "en": "A project needs at least {needed} labels; {count} given.",
        "zh": "一个项目至少需要 {needed} 个标签，现在只有 {count} 个。"},
    "labeling.too_few_labels.fix": {"en": "Type the labels, separated by commas.",
                                    "zh": "请输入标签，用逗号分隔。"},
    "labeling.too_few_types.message": {
        "en": "A project needs at least {needed} entity types; {count} given.",
        "zh": "一个项目至少需要 {needed} 种实体类型，现在只有 {count} 种。"},
    "labeling.too_few_types.fix": {"en": "Type the entity types, separated by commas.",
                                   "zh": "请输入实体类型，用逗号分隔。"},
    "labeling.too_many_labels.message": {
        "en": "{count} labels are more than the {limit} a project holds.",
        "zh": "{count} 个标签超过了一个项目最多能容纳的 {limit} 个。"},
    "labeling.too_many_labels.fix": {"en": "Merge some labels.", "zh": "请合并一些标签。"},
    "labeling.too_many_types.message": {
        "en": "{count} entity types are more than the {limit} a project holds.",
        "zh": "{count} 种实体类型超过了一个项目最多能容纳的 {limit} 种。"},
    "labeling.too_many_types.fix": {"en": "Merge some entity types.",
                                    "zh": "请合并一些实体类型。"},
    "labeling.bad_name.message": {
        "en": "The name {name} is too long or holds a tab or line break.",
        "zh": "名称 {name} 太长，或含有制表符或换行符。"},
    "labeling.bad_name.fix": {
        "en": "Use names of at most {limit} characters on one line.",
        "zh": "请使用不超过 {limit} 个字符、写在一行内的名称。"},
    "labeling.bad_entity_type.message": {
        "en": "The entity type {name} cannot be used as a tag.",
        "zh": "实体类型 {name} 不能用作标记。"},
    "labeling.bad_entity_type.fix": {
        "en": "Use one word without spaces, not O and not starting with B- or I-, such as PER "
              "or PRODUCT.",
        "zh": "请使用一个不含空格的词，不能是 O，也不能以 B- 或 I- 开头，例如 PER 或 PRODUCT。"},
    "labeling.separator_in_label.message": {
        "en": "The label {name} holds '|', which separates labels.",
        "zh": "标签 {name} 含有用来分隔标签的 '|'。"},
    "labeling.separator_in_label.fix": {"en": "Remove the '|' from the label name.",
                                        "zh": "请从标签名称中去掉 '|'。"},
    "labeling.file_type.message": {
        "en": "{file} is not a file type texts can be read from.",
        "zh": "无法从 {file} 这种类型的文件中读取文本。"},
    "labeling.file_type.fix": {
        "en": "Use CSV, TSV, Excel (.xlsx), JSONL or TXT with one text a line.",
        "zh": "请使用 CSV、TSV、Excel（.xlsx）、JSONL，或每行一条文本的 TXT 文件。"},
    "labeling.no_column.message": {
        "en": "{file} has no column {column}; its columns are: {columns}.",
        "zh": "{file} 中没有 {column} 列；它的列有：{columns}。"},
    "labeling.no_column.fix": {"en": "Choose one of those columns as the text.",
                               "zh": "请从这些列中选一列作为文本。"},
    "labeling.no_texts_in_column.message": {
        "en": "{file} has no texts in column {column}.",
        "zh": "{file} 的 {column} 列中没有文本。"},
    "labeling.no_texts_in_column.fix": {"en": "Choose the column that holds the texts to label.",
                                        "zh": "请选择包含待标注文本的那一列。"},
    "labeling.too_many_texts.message": {
        "en": "{file} has {count} texts, more than the {limit} a project holds.",
        "zh": "{file} 有 {count} 条文本，超过了一个项目最多能容纳的 {limit} 条。"},
    "labeling.too_many_texts.fix": {"en": "Label a random sample of the texts first.",
                                    "zh": "请先标注这些文本的一个随机样本。"},
    "labeling.unknown_task.message": {"en": "Unknown task {task}.", "zh": "未知的任务 {task}。"},
    "labeling.unknown_task.fix": {"en": "Use {first} or {second}.",
                                  "zh": "请使用 {first} 或 {second}。"},
    "labeling.name_too_long.message": {
        "en": "A project name must have at most 100 characters.",
        "zh": "项目名称最多只能有 100 个字符。"},
    "labeling.name_too_long.fix": {"en": "Type a shorter name.", "zh": "请输入一个更短的名称。"},
    "labeling.no_texts.message": {"en": "There are no texts to label.",
                                  "zh": "没有可标注的文本。"},
    "labeling.no_texts.fix": {"en": "Choose a file that holds texts.",
                              "zh": "请选择一个包含文本的文件。"},
    "labeling.project_damaged.message": {
        "en": "The label project {project_id} is missing or damaged.",
        "zh": "标注项目 {project_id} 不存在或已损坏。"},
    "labeling.project_damaged.fix": {"en": "Pick another project or create a new one.",
                                     "zh": "请选择另一个项目，或新建一个项目。"},
    "labeling.no_item.message": {"en": "There is no text number {item} in this project.",
                                 "zh": "这个项目中没有第 {item} 号文本。"},
    "labeling.no_item.fix": {"en": "Pick a text from the project's list.",
                             "zh": "请从项目的列表中选择一条文本。"},
    "labeling.unknown_type.message": {
        "en": "{name} is not one of this project's entity types.",
        "zh": "{name} 不是这个项目的实体类型。"},
    "labeling.use_one_of.fix": {"en": "Use one of: {choices}.",
                                "zh": "请使用以下之一：{choices}。"},
    "labeling.span_outside.message": {
        "en": "The span of words {first} to {end} does not fit the text.",
        "zh": "第 {first} 到第 {end} 个词的范围超出了文本。"},
    "labeling.span_outside.fix": {"en": "Select the words again.", "zh": "请重新选择这些词。"},
    "labeling.overlap.message": {"en": "The {first} and {second} entities overlap.",
                                 "zh": "{first} 实体和 {second} 实体重叠了。"},
    "labeling.overlap.fix": {
        "en": "Delete one of them: a word can belong to one entity only.",
        "zh": "请删除其中一个：一个词只能属于一个实体。"},
    "labeling.unknown_label.message": {"en": "{name} is not one of this project's labels.",
                                       "zh": "{name} 不是这个项目的标签。"},
    "labeling.one_label.message": {"en": "A text needs exactly one label in this project.",
                                   "zh": "在这个项目中，每条文本需要恰好一个标签。"},
    "labeling.one_label.fix": {"en": "Pick one label.", "zh": "请选择一个标签。"},
    "labeling.export_format.message": {
        "en": "{format} is not an export format for this project.",
        "zh": "{format} 不是这个项目可用的导出格式。"},
    "labeling.nothing_to_export.message": {
        "en": "No text is labeled yet, so there is nothing to export.",
        "zh": "还没有标注任何文本，所以没有可导出的内容。"},
    "labeling.nothing_to_export.fix": {"en": "Label a few texts first.",
                                       "zh": "请先标注几条文本。"},
    "labeling.default_name": {"en": "Label project", "zh": "标注项目"},
    # core/label/label_training.py
    "labeling.not_enough_labels.message": {
        "en": "There are not enough labels to train a model yet.",
        "zh": "标签还不够，暂时无法训练模型。"},
    "labeling.nothing_left.message": {"en": "No labeled text is left for training.",
                                      "zh": "没有剩下可用于训练的已标注文本。"},
    "labeling.nothing_left.fix": {"en": "Label a few more texts.", "zh": "请再标注几条文本。"},
    "labeling.run_name": {"en": "{project} · {count} labels", "zh": "{project} · {count} 个标签"},
    # core/label/prelabel.py: where the suggested entities come from
    "labeling.source.word_memory": {"en": "word memory (each word's most frequent tag so far)",
                                    "zh": "词记忆（每个词目前最常见的标记）"},
    # core/label/active_learning.py
    "labeling.cannot_compare.message": {"en": "The comparison cannot run yet.",
                                        "zh": "暂时还无法进行这项比较。"},
    # core/label/qa_labeling.py
    "labeling.qa_no_question.message": {"en": "The question is empty.",
                                        "zh": "问题是空的。"},
    "labeling.qa_no_question.fix": {"en": "Type or paste the question first.",
                                    "zh": "请先输入或粘贴问题。"},
    "labeling.qa_question_too_long.message": {
        "en": "The question is longer than {limit} characters.",
        "zh": "问题超过了 {limit} 个字符。"},
    "labeling.qa_question_too_long.fix": {"en": "Shorten the question.",
                                          "zh": "请把问题写短一些。"},
    "labeling.qa_no_answer_words.message": {"en": "No words of the answer are selected.",
                                            "zh": "还没有选中答案的词。"},
    "labeling.qa_no_answer_words.fix": {
        "en": "Click the first and the last word of the answer in the paragraph, or press "
              "\"No answer here\" when the paragraph does not answer the question.",
        "zh": "请在段落中点选答案的第一个词和最后一个词；如果段落里没有答案，"
              "请点“这里没有答案”。"},
    "labeling.qa_answer_outside.message": {
        "en": "The answer is not a part of the paragraph.",
        "zh": "答案不是段落中的一部分。"},
    "labeling.qa_answer_outside.fix": {"en": "Select the answer's words in the paragraph again.",
                                       "zh": "请在段落中重新选择答案的词。"},
    "labeling.qa_question_id.message": {
        "en": "The question id {id} is empty or used twice in the paragraph.",
        "zh": "问题编号 {id} 为空，或在同一段落中重复出现。"},
    "labeling.qa_question_id.fix": {"en": "Give each question its own id.",
                                    "zh": "请给每个问题一个不同的编号。"},
}
