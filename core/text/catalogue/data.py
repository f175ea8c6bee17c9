"""Texts of pages/data.py and its parts (pages/_data_*.py).

Keys start with 'data.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # the page
    "data.page.title": {"en": "Your data", "zh": "你的数据"},
    "data.page.intro": {
        "en": "Choose the labeled examples the model should learn from. The app checks them "
              "and shows what it found before anything is trained. Texts without labels yet? "
              "Open **Label texts** in the sidebar to label them here.",
        "zh": "选择模型要学习的已标注样本。开始训练之前，应用会先检查这些样本，并展示检查结果。"
              "文本还没有标签？打开侧边栏中的 **标注文本**，在应用里为它们添加标签。",
    },
    "data.error.reading": {"en": "Something went wrong while reading the data.",
                           "zh": "读取数据时出了问题。"},
    "data.continue.label": {"en": "Continue to the model", "zh": "继续选择模型"},
    "data.continue.help": {"en": "Choose the model and how long to train.",
                           "zh": "选择模型和训练时长。"},
    "data.continue.help_errors": {"en": "Fix the errors above first.",
                                  "zh": "请先修正上面的错误。"},
    # where the examples come from
    "data.source.label": {"en": "Where are your examples?", "zh": "样本从哪里来？"},
    "data.source.help": {"en": "Try a built-in sample first, or use your own labeled file.",
                         "zh": "可以先试试内置示例，也可以使用你自己的已标注文件。"},
    "data.source.sample": {"en": "A built-in sample", "zh": "内置示例"},
    "data.source.upload": {"en": "Upload a file", "zh": "上传文件"},
    "data.source.earlier": {"en": "A file uploaded earlier", "zh": "之前上传的文件"},
    "data.sample.label": {"en": "Sample dataset", "zh": "示例数据集"},
    "data.sample.help": {"en": "Small example datasets that ship with the app; no file needed.",
                         "zh": "应用自带的小型示例数据集，无需准备文件。"},
    "data.upload.label": {"en": "Your file with labeled examples", "zh": "包含已标注样本的文件"},
    "data.upload.help": {
        "en": "CSV, TSV, Excel, JSON, JSONL, Parquet or CoNLL, up to {size} MB. It is kept in "
              "the workspace for reuse.",
        "zh": "支持 CSV、TSV、Excel、JSON、JSONL、Parquet 或 CoNLL 格式，最大 {size} MB。"
              "文件会保存在工作区中，方便再次使用。",
    },
    "data.upload.empty": {
        "en": "Drop a file above. It needs a column with the text and a column with the label; "
              "for entity recognition, a CoNLL file with one word and its tag per line.",
        "zh": "请把文件拖到上方。文件需要有一列文本和一列标签；如果是实体识别，"
              "请使用 CoNLL 文件，每行一个词及其标签。",
    },
    "data.upload.using": {"en": "Using {name}, uploaded earlier in this session.",
                          "zh": "正在使用本次会话中之前上传的 {name}。"},
    "data.earlier.none": {"en": "No files were uploaded yet. Choose '{upload}' to add one.",
                          "zh": "还没有上传过文件。请选择“{upload}”来添加文件。"},
    "data.earlier.label": {"en": "Earlier upload", "zh": "之前上传的文件"},
    "data.earlier.help": {
        "en": "Files uploaded before, kept in the workspace; newest first. The newest one that "
              "reads as labeled examples is proposed.",
        "zh": "之前上传并保存在工作区中的文件，最新的排在最前。默认选中最新的、"
              "能读取为已标注样本的文件。",
    },
    "data.earlier.option": {"en": "{name} ({size}, {when})", "zh": "{name}（{size}，{when}）"},
    "data.earlier.option_unusable": {
        "en": "{name} ({size}, {when}), cannot be read as labeled examples",
        "zh": "{name}（{size}，{when}），无法读取为已标注样本",
    },
    # the task
    "data.task.label": {"en": "What should the model learn?", "zh": "模型要学什么？"},
    "data.task.help": {"en": "Detected from the file; change it if the guess is wrong.",
                       "zh": "根据文件自动识别；如果识别有误，请手动更改。"},
    "data.task.text_classification": {
        "en": "Text classification: one label per text (e.g. sentiment, topic)",
        "zh": "文本分类：每条文本一个标签（例如情感、主题）",
    },
    "data.task.token_classification": {
        "en": "Entity recognition: a tag per word (e.g. names, places)",
        "zh": "实体识别：每个词一个标签（例如人名、地名）",
    },
    # the columns
    "data.columns.entity_caption": {
        "en": "Words and their tags are read from the file: CoNLL (one word and its tag per "
              "line, a blank line between sentences) or JSON with marked spans.",
        "zh": "词及其标签直接从文件中读取：CoNLL 格式（每行一个词及其标签，句子之间空一行），"
              "或标出了实体片段的 JSON。",
    },
    "data.columns.one_column.message": {
        "en": "{file} has only one column ('{column}'), so it has no label column next to the "
              "text.",
        "zh": "{file} 只有一列（“{column}”），文本旁边没有标签列。",
    },
    "data.columns.one_column.fix": {
        "en": "Add a column with the label of each text, then upload the file again.",
        "zh": "请添加一列，写上每条文本的标签，然后重新上传文件。",
    },
    "data.columns.expander": {"en": "Columns: which one holds the text and which the label",
                              "zh": "列：哪一列是文本，哪一列是标签"},
    "data.columns.none": {"en": "(none)", "zh": "（无）"},
    "data.columns.text.label": {"en": "Text column", "zh": "文本列"},
    "data.columns.text.help": {"en": "The column with the text the model reads.",
                               "zh": "模型读取的文本所在的列。"},
    "data.columns.pair.label": {"en": "Second text column (optional)",
                                "zh": "第二个文本列（可选）"},
    "data.columns.pair.help": {
        "en": "Another column the model reads too, such as a title beside its description, or "
              "the answer to a question.",
        "zh": "模型同时读取的另一列，例如描述旁边的标题，或问题对应的回答。",
    },
    "data.columns.mode.label": {"en": "How the two texts are read", "zh": "两段文本如何读取"},
    "data.columns.mode.help": {
        "en": "Joined: one longer text, best for a title and its description. As a pair: two "
              "texts the model compares, best for a question and its answer.",
        "zh": "合并：拼成一段较长的文本，适合标题和描述。成对：模型对比两段文本，"
              "适合问题和回答。",
    },
    "data.columns.mode.join": {"en": "Joined into one text", "zh": "合并为一段文本"},
    "data.columns.mode.pair": {"en": "As a pair of texts", "zh": "作为一对文本"},
    "data.columns.label.label": {"en": "Label column", "zh": "标签列"},
    "data.columns.label.help": {"en": "The column with the answer the model should learn to "
                                      "give.",
                                "zh": "模型要学会给出的答案所在的列。"},
    "data.columns.split.label": {"en": "Split column (optional)", "zh": "划分列（可选）"},
    "data.columns.split.help": {
        "en": "A column saying train, validation or test for each row.",
        "zh": "标明每一行属于训练集、验证集还是测试集的列（取值为 train、validation 或 test）。",
    },
    "data.columns.multi.label": {"en": "A text can have several labels",
                                 "zh": "一条文本可以有多个标签"},
    "data.columns.multi.help": {
        "en": "Tick when one row can carry several labels, e.g. 'sport|politics'.",
        "zh": "如果一行可以有多个标签（例如“sport|politics”），请勾选。",
    },
    "data.columns.separator.label": {"en": "Label separator", "zh": "标签分隔符"},
    "data.columns.separator.help": {"en": "The character between labels in one cell, such as "
                                          "| or ,",
                                    "zh": "同一单元格中标签之间的分隔字符，例如 | 或 ,"},
    "data.columns.reasons": {"en": "Suggested because: {reasons}", "zh": "推荐理由：{reasons}"},
    "data.columns.reading": {"en": "The text is read from **{text}**, the label from "
                                   "**{label}**.",
                             "zh": "文本读取自 **{text}** 列，标签读取自 **{label}** 列。"},
    "data.columns.reading_joined": {
        "en": "The text is read from **{text}** joined with **{joined}**, the label from "
              "**{label}**.",
        "zh": "文本读取自 **{text}** 列与 **{joined}** 列合并后的内容，标签读取自 **{label}** 列。",
    },
    "data.columns.same.message": {"en": "The text column and the label column are the same.",
                                  "zh": "文本列和标签列是同一列。"},
    "data.columns.same.fix": {"en": "Choose the column with the answers as the label column.",
                              "zh": "请把包含答案的那一列选为标签列。"},
    # names for number labels
    "data.names.heading": {"en": "**Names for your labels**", "zh": "**为标签命名**"},
    "data.names.caption": {
        "en": "The labels are numbers. Type a name for each (for example 0 = negative, "
              "1 = positive), and training, reports and exports show the names; a label left "
              "empty keeps its number.",
        "zh": "这些标签是数字。为每个标签输入一个名称（例如 0 = 负面，1 = 正面），"
              "训练、报告和导出中都会显示这些名称；留空的标签保留原来的数字。",
    },
    "data.names.column_label": {"en": "Label in the file", "zh": "文件中的标签"},
    "data.names.column_name": {"en": "Name", "zh": "名称"},
    # the split
    "data.split.expander": {"en": "Split settings: how many examples are held back for checking",
                            "zh": "划分设置：留出多少样本用于检验"},
    "data.split.by_column": {
        "en": "The split column decides which rows are for training, validation and testing; "
              "the shares below apply only to rows it leaves empty.",
        "zh": "划分列决定哪些行用于训练、验证和测试；下面的比例只适用于划分列为空的行。",
    },
    "data.split.validation.label": {"en": "Validation share", "zh": "验证集比例"},
    "data.split.validation.help": {
        "en": "Part of the examples used during training to pick the best checkpoint.",
        "zh": "训练过程中用来挑选最佳检查点的那部分样本。",
    },
    "data.split.test.label": {"en": "Test share", "zh": "测试集比例"},
    "data.split.test.help": {
        "en": "Part of the examples kept unseen to measure the final model.",
        "zh": "训练时不使用、留到最后用来评估最终模型的那部分样本。",
    },
    # the health report
    "data.check.spinner": {"en": "Checking the data...", "zh": "正在检查数据……"},
    "data.health.heading": {"en": "Health report", "zh": "数据检查报告"},
    "data.health.no_problems": {"en": "No problems found in the data.",
                                "zh": "数据中没有发现问题。"},
    "data.health.finding": {"en": "**{title}.** {message}", "zh": "**{title}。** {message}"},
    "data.health.fix": {"en": "*What to do:* {fix}", "zh": "*建议：* {fix}"},
    "data.health.examples": {"en": "*For example:* {examples}", "zh": "*例如：* {examples}"},
    "data.health.example_separator": {"en": "; ", "zh": "；"},
    "data.summary.examples": {"en": "Examples", "zh": "样本数"},
    "data.summary.examples_help": {
        "en": "All usable examples, over training, validation and test.",
        "zh": "训练集、验证集和测试集中所有可用的样本。",
    },
    "data.summary.splits": {"en": "Train / validation / test", "zh": "训练集 / 验证集 / 测试集"},
    "data.summary.splits_help": {
        "en": "How the examples are split for learning, checking and the final test.",
        "zh": "样本如何划分为用于学习、检验和最终测试的三部分。",
    },
    "data.summary.labels": {"en": "Labels", "zh": "标签数"},
    "data.summary.tags": {"en": "Tags", "zh": "实体标签数"},
    "data.summary.labels_help": {"en": "Different answers the model learns to give.",
                                 "zh": "模型要学会给出的不同答案的个数。"},
    "data.summary.truncated": {"en": "Texts cut at max length", "zh": "超长被截断的文本"},
    "data.summary.truncated_help": {
        "en": "Share of texts longer than {max_length} tokens; the rest is ignored.",
        "zh": "超过 {max_length} 个词元的文本所占比例；超出的部分会被忽略。",
    },
    "data.clean.button": {"en": "Remove the copies and overlapping texts",
                          "zh": "删除重复和重叠的文本"},
    "data.clean.help": {
        "en": "Saves a cleaned copy of the file as a new upload and uses it; your original "
              "file is kept as it is.",
        "zh": "把清理后的副本另存为新的上传文件并使用它；你的原始文件保持不变。",
    },
    "data.clean.failed": {
        "en": "The cleaned copy could not be made; your file is unchanged. Remove the copies "
              "in the file itself and upload it again.",
        "zh": "未能生成清理后的副本，你的文件没有改动。请在文件中删除重复内容后重新上传。",
    },
    "data.clean.done": {
        "en": "A cleaned copy, {name}, is now chosen. {summary} Your original file {original} "
              "is kept and can be chosen again under '{earlier}'.",
        "zh": "已选用清理后的副本 {name}。{summary} 原始文件 {original} 仍然保留，"
              "可以在“{earlier}”中重新选择。",
    },
    # the tabs under the report
    "data.charts.labels": {"en": "Labels", "zh": "标签"},
    "data.charts.entities": {"en": "Entities", "zh": "实体"},
    "data.charts.lengths": {"en": "Text length", "zh": "文本长度"},
    "data.charts.preview": {"en": "Preview", "zh": "预览"},
    "data.charts.no_labels": {"en": "No label counts to show.", "zh": "没有可显示的标签数量。"},
    "data.charts.no_entities": {"en": "No entities found.", "zh": "没有找到实体。"},
    "data.charts.lengths_caption": {
        "en": {"one": "Half the texts have up to {count} token, 99% up to {p99}; the longest "
                      "has {longest}.",
               "other": "Half the texts have up to {count} tokens, 99% up to {p99}; the longest "
                        "has {longest}."},
        "zh": "一半的文本不超过 {count} 个词元，99% 的文本不超过 {p99} 个；最长的有 {longest} 个。",
    },
    "data.charts.lengths_pending": {"en": "Text lengths are shown once the tokenizer is "
                                          "available.",
                                    "zh": "分词器可用后会显示文本长度。"},
    # question answering
    "data.task.question_answering": {
        "en": "Question answering: the answer is a passage of a text (e.g. manuals, FAQs)",
        "zh": "问答：答案是原文中的一段（例如说明书、常见问题）",
    },
    "data.summary.answers": {"en": "Paragraphs", "zh": "段落数"},
    "data.summary.tags_help": {"en": "Different answers the model learns to give.",
                               "zh": "模型要学会给出的不同答案的个数。"},
    "data.summary.answers_help": {
        "en": "Different texts the questions are asked about; each stays in one split.",
        "zh": "问题所针对的不同段落；每个段落只会出现在一个划分中。",
    },
    "data.summary.windows": {"en": "Training windows", "zh": "训练窗口数"},
    "data.summary.windows_help": {
        "en": "Pieces of {max_length} tokens the training questions become: a long paragraph "
              "is cut into overlapping windows, each read with its question.",
        "zh": "训练问题被切成的 {max_length} 个词元长的片段：较长的段落会被切成相互重叠的窗口，"
              "每个窗口都与它的问题一起读取。",
    },
    "data.qa.shape.squad": {
        "en": "Read as SQuAD JSON: paragraphs with their questions and answers.",
        "zh": "按 SQuAD JSON 读取：段落及其问题和答案。",
    },
    "data.qa.shape.label_studio": {
        "en": "Read as a Label Studio export: each task a paragraph and a question, the "
              "answer marked in the paragraph.",
        "zh": "按 Label Studio 导出文件读取：每个任务是一个段落和一个问题，答案标在段落中。",
    },
    "data.qa.shape.table": {
        "en": "Read as a table: one question per row, with its paragraph and its answer.",
        "zh": "按表格读取：每行一个问题，以及它的段落和答案。",
    },
    "data.qa.columns.expander": {
        "en": "Columns: paragraph, question and answer",
        "zh": "列：段落、问题和答案",
    },
    "data.qa.columns.context.label": {"en": "Paragraph column", "zh": "段落列"},
    "data.qa.columns.context.help": {
        "en": "The column with the text the answer is found in.",
        "zh": "包含答案所在文本的列。",
    },
    "data.qa.columns.question.label": {"en": "Question column", "zh": "问题列"},
    "data.qa.columns.question.help": {
        "en": "The column with the question asked about the paragraph.",
        "zh": "包含针对段落所提问题的列。",
    },
    "data.qa.columns.answer.label": {"en": "Answer column", "zh": "答案列"},
    "data.qa.columns.answer.help": {
        "en": "The column with the answer, written exactly as it appears in the paragraph; "
              "an empty cell means the paragraph does not answer the question.",
        "zh": "包含答案的列，答案须与段落中的原文一字不差；留空表示段落中没有这个问题的答案。",
    },
    "data.qa.columns.answer_start.label": {"en": "Answer start column (optional)",
                                           "zh": "答案起始位置列（可选）"},
    "data.qa.columns.answer_start.help": {
        "en": "Where the answer starts in the paragraph, in characters from 0. Without it, "
              "the answer's first place in the paragraph is used.",
        "zh": "答案在段落中的起始位置，从 0 开始按字符计数。没有这一列时，使用答案在段落中"
              "第一次出现的位置。",
    },
    "data.qa.columns.id.label": {"en": "Question id column (optional)",
                                 "zh": "问题编号列（可选）"},
    "data.qa.columns.id.help": {
        "en": "A name for each question, used in the health report and the predictions. "
              "Without it, questions are named by their row.",
        "zh": "每个问题的名称，用于体检报告和预测结果。没有这一列时，按行号命名问题。",
    },
    "data.qa.columns.reading": {
        "en": "The paragraph is read from **{context}**, the question from **{question}** and "
              "the answer from **{answer}**.",
        "zh": "段落读取自 **{context}**，问题读取自 **{question}**，答案读取自 **{answer}**。",
    },
    "data.qa.columns.same.message": {
        "en": "The column {column} is chosen for two parts of a question.",
        "zh": "列 {column} 被同时选作了问题的两个部分。",
    },
    "data.qa.columns.same.fix": {
        "en": "Choose a different column for the paragraph, the question and the answer.",
        "zh": "请为段落、问题和答案分别选择不同的列。",
    },
    "data.qa.columns.too_few.message": {
        "en": "{file} has {count} columns; a paragraph, a question and an answer column are "
              "needed.",
        "zh": "{file} 只有 {count} 列；需要段落、问题和答案三列。",
    },
    "data.qa.columns.too_few.fix": {
        "en": "Save the file with one column for each, or as SQuAD JSON.",
        "zh": "请把文件保存为每项各占一列的表格，或保存为 SQuAD JSON。",
    },
    "data.charts.answers": {"en": "Answers", "zh": "答案"},
    "data.charts.answer_lengths_title": {"en": "Answer length", "zh": "答案长度"},
    "data.charts.answer_lengths_x": {"en": "tokens per answer", "zh": "每个答案的词元数"},
    "data.charts.questions_title": {"en": "Questions per paragraph", "zh": "每个段落的问题数"},
    "data.charts.questions_x": {"en": "questions", "zh": "问题数"},
    "data.charts.paragraphs_y": {"en": "paragraphs", "zh": "段落数"},
    "data.charts.answers_y": {"en": "answers", "zh": "答案数"},
    "data.charts.no_answers": {"en": "No answers to show.", "zh": "没有可显示的答案。"},
    "data.charts.context_lengths_title": {"en": "Paragraph length", "zh": "段落长度"},
    "data.charts.context_lengths_x": {"en": "tokens per paragraph", "zh": "每个段落的词元数"},
    "data.charts.context_lengths_caption": {
        "en": {"one": "Half the paragraphs have up to {count} token; the longest has "
                      "{longest}. A paragraph longer than {max_length} tokens (the line) is "
                      "read in overlapping windows.",
               "other": "Half the paragraphs have up to {count} tokens; the longest has "
                        "{longest}. A paragraph longer than {max_length} tokens (the line) is "
                        "read in overlapping windows."},
        "zh": "一半的段落不超过 {count} 个词元；最长的有 {longest} 个。超过 {max_length} 个词元"
              "（图中竖线）的段落会分成相互重叠的窗口读取。",
    },
    "data.preview.question": {"en": "**Question:** {question}", "zh": "**问题**：{question}"},
    "data.preview.no_answer": {"en": "No answer in this paragraph.",
                               "zh": "这个段落中没有答案。"},
    "data.preview.caption": {
        "en": {"one": "The first {count} question of the training split, its answer marked in "
                      "its paragraph.",
               "other": "The first {count} questions of the training split, each answer marked "
                        "in its paragraph."},
        "zh": "训练集中的前 {count} 个问题，答案已在段落中标出。",
    },
}
