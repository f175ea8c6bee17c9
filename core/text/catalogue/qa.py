"""Texts of question answering's data: what the readers of core/data/squad.py refuse and the
findings of core/data/qa_health.py.

Keys start with 'qa.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ---- where in a file, and small words put into the sentences below ----------------------
    "qa.where.article": {"en": "article {article}", "zh": "第 {article} 篇文章"},
    "qa.where.paragraph": {"en": "article {article}, paragraph {paragraph}",
                           "zh": "第 {article} 篇文章第 {paragraph} 段"},
    "qa.where.question": {"en": "article {article}, paragraph {paragraph}, question {question}",
                          "zh": "第 {article} 篇文章第 {paragraph} 段第 {question} 个问题"},
    "qa.where.row": {"en": "row {row}", "zh": "第 {row} 行"},
    "qa.where.task": {"en": "task {number}", "zh": "第 {number} 个任务"},
    "qa.kind.object": {"en": "an object", "zh": "一个对象"},
    "qa.kind.list": {"en": "a list", "zh": "一个列表"},
    "qa.kind.text": {"en": "text", "zh": "文本"},
    "qa.example.question": {"en": "question {id}", "zh": "问题 {id}"},

    # ---- what the readers refuse ------------------------------------------------------------
    "qa.not_squad.message": {
        "en": "{name} is not a SQuAD file: it has no list \"data\" of articles with "
              "\"paragraphs\".",
        "zh": "{name} 不是 SQuAD 文件：其中没有由含 \"paragraphs\" 的文章组成的列表 \"data\"。"},
    "qa.not_squad.fix": {
        "en": "Save the questions as SQuAD JSON (data -> paragraphs -> context, qas), as a "
              "table with context, question and answer columns, or as a Label Studio export.",
        "zh": "请把问题保存为 SQuAD JSON（data -> paragraphs -> context、qas），或保存为含"
              "上下文、问题和答案列的表格，或 Label Studio 导出文件。"},
    "qa.empty.message": {"en": "{name} has no questions.", "zh": "{name} 中没有问题。"},
    "qa.empty.fix": {"en": "Choose a file that holds questions with their answers.",
                     "zh": "请选择包含问题及其答案的文件。"},
    "qa.bad_field.message": {
        "en": "{name}, {where}: {field} should be {kind}.",
        "zh": "{name}，{where}：{field} 应当是{kind}。"},
    "qa.bad_field.fix": {
        "en": "Correct that part of the file so it follows the SQuAD layout, then load it "
              "again.",
        "zh": "请按 SQuAD 的格式改正文件的这一部分，然后重新加载。"},
    "qa.too_many_answers.message": {
        "en": "{name}, {where} has {count} answers to one question; at most {limit} are read.",
        "zh": "{name}，{where} 的一个问题有 {count} 个答案；最多读取 {limit} 个。"},
    "qa.too_many_answers.fix": {
        "en": "Keep a few answers per question (SQuAD has one to six).",
        "zh": "请每个问题只保留几个答案（SQuAD 每题一到六个）。"},
    "qa.bad_start.message": {
        "en": "{name}, {where}: the answer start {value} is not a whole number.",
        "zh": "{name}，{where}：答案起始位置 {value} 不是整数。"},
    "qa.bad_start.fix": {
        "en": "Write the answer start as the character position of the answer in the context "
              "(0 for the first character), or leave it empty to have it found.",
        "zh": "请把答案起始位置写成答案在上下文中的字符位置（第一个字符为 0），或留空让系统"
              "自动查找。"},
    "qa.role.context": {"en": "context", "zh": "上下文"},
    "qa.role.question": {"en": "question", "zh": "问题"},
    "qa.role.answer": {"en": "answer", "zh": "答案"},
    "qa.not_qa_table.message": {
        "en": "{name} does not look like questions with answers: it has no {missing} column "
              "(its columns: {columns}).",
        "zh": "{name} 看起来不是带答案的问题：其中没有{missing}列（现有的列：{columns}）。"},
    "qa.not_qa_table.fix": {
        "en": "Name the context, question and answer columns in the data settings, or call "
              "them context, question and answer; SQuAD JSON and Label Studio exports are "
              "read as they are.",
        "zh": "请在数据设置中指定上下文、问题和答案所在的列，或把这些列命名为 context、question "
              "和 answer；SQuAD JSON 和 Label Studio 导出文件可直接读取。"},
    "qa.repaired.title": {"en": "Answer starts repaired", "zh": "已修正的答案起始位置"},
    "qa.repaired.message": {
        "en": {"one": "In {source}, {count} answer start was moved to the only place its "
                      "answer occurs in the context.",
               "other": "In {source}, {count} answer starts were moved to the only place their "
                        "answer occurs in the context."},
        "zh": "{source} 中有 {count} 个答案起始位置已移到答案在上下文中唯一出现的位置。"},
    "qa.repaired.fix": {
        "en": "Nothing to do for training; correct the starts in the file if other tools "
              "read it too.",
        "zh": "训练无需处理；如果还有其他工具读取此文件，请在文件中改正这些起始位置。"},
    "qa.column_missing.message": {
        "en": "{name} has no column {column}.",
        "zh": "{name} 中没有 {column} 列。"},
    "qa.column_missing.fix": {"en": "Choose one of these columns: {columns}.",
                              "zh": "请从这些列中选择：{columns}。"},
    "qa.ls_shape.message": {
        "en": "{name} is not a Label Studio export of answer spans: it should be a list of "
              "tasks, each with \"data\" and \"annotations\".",
        "zh": "{name} 不是 Label Studio 的答案片段导出文件：它应当是一个任务列表，每个任务含 "
              "\"data\" 和 \"annotations\"。"},
    "qa.ls_shape.fix": {
        "en": "Export the project from Label Studio as JSON (not JSON-MIN or CSV) and load that "
              "file.",
        "zh": "请在 Label Studio 中把项目导出为 JSON（不是 JSON-MIN 或 CSV），再加载该文件。"},
    "qa.ls_none_annotated.message": {
        "en": {"one": "{name} has {count} task and it has no annotation.",
               "other": "{name} has {count} tasks and none of them has an annotation."},
        "zh": "{name} 有 {count} 个任务，但都没有标注。"},
    "qa.ls_none_annotated.fix": {
        "en": "Mark the answers in Label Studio first, then export the project again.",
        "zh": "请先在 Label Studio 中标出答案，再重新导出项目。"},
    "qa.ls_no_context.message": {
        "en": "{name}, {where} has no context: data.context or data.text should hold the "
              "paragraph.",
        "zh": "{name}，{where} 没有上下文：data.context 或 data.text 应当是段落文本。"},
    "qa.ls_no_context.fix": {
        "en": "Name the paragraph's field context (or text) in the Label Studio tasks.",
        "zh": "请在 Label Studio 的任务中把段落字段命名为 context（或 text）。"},
    "qa.ls_no_question.message": {
        "en": "{name}, {where} has no question: data.question should hold it.",
        "zh": "{name}，{where} 没有问题：问题应当写在 data.question 中。"},
    "qa.ls_no_question.fix": {
        "en": "Name the question's field question in the Label Studio tasks.",
        "zh": "请在 Label Studio 的任务中把问题字段命名为 question。"},
    "qa.ls_result_kinds.message": {
        "en": "{name}, {where}: the annotation holds only results of type {kinds}, which carry "
              "no answer span.",
        "zh": "{name}，{where}：标注中只有 {kinds} 类型的结果，其中没有答案片段。"},
    "qa.ls_result_kinds.fix": {
        "en": "Mark answers with a Labels tag on the context (or type them in a TextArea), "
              "then export again.",
        "zh": "请在上下文上用 Labels 标签标出答案（或在 TextArea 中填写），然后重新导出。"},
    "qa.ls_span.message": {
        "en": "{name}, {where}: the answer span {start}-{end} is not inside the context "
              "({count} characters).",
        "zh": "{name}，{where}：答案片段 {start}-{end} 不在上下文之内（上下文共 {count} 个"
              "字符）。"},
    "qa.ls_span.fix": {
        "en": "Mark the answer again in Label Studio, then export the project again.",
        "zh": "请在 Label Studio 中重新标出答案，再重新导出项目。"},
    "qa.window_room.message": {
        "en": "A window of {max_length} tokens with a stride of {stride} leaves no room for "
              "the context after the question.",
        "zh": "长度为 {max_length} 个词元、步长为 {stride} 的窗口在问题之后没有留给上下文的"
              "空间。"},
    "qa.window_room.fix": {
        "en": "Choose a longer maximum length or a smaller stride (the stride must be well "
              "below the maximum length).",
        "zh": "请选择更大的最大长度或更小的步长（步长必须明显小于最大长度）。"},
    "qa.split_fractions.message": {
        "en": "The shares of the parts must be between 0 and 1 and add up to at most 1.",
        "zh": "各部分的比例必须在 0 到 1 之间，且总和不超过 1。"},
    "qa.split_fractions.fix": {
        "en": "Give shares such as train 0.8, validation 0.1 and test 0.1.",
        "zh": "请给出类似训练集 0.8、验证集 0.1、测试集 0.1 的比例。"},
    "qa.split_too_few.message": {
        "en": {"one": "There is only {count} paragraph, too few to put one in each of "
                      "{parts} parts.",
               "other": "There are only {count} paragraphs, too few to put one in each of "
                        "{parts} parts."},
        "zh": "只有 {count} 个段落，不够在 {parts} 个部分中各放一个。"},
    "qa.split_too_few.fix": {
        "en": "Add questions on more paragraphs, or split into fewer parts.",
        "zh": "请添加基于更多段落的问题，或减少划分的部分。"},
}

# ---- findings of the health report -------------------------------------------------------------
TEXTS.update({
    "qa.no_answers.title": {"en": "No usable answer", "zh": "没有可用的答案"},
    "qa.no_answers.message": {
        "en": {"one": "In {source}, the only question has no answer found where it says.",
               "other": "In {source}, none of the {count} questions has an answer found where "
                        "it says."},
        "zh": "{source} 的 {count} 个问题中，没有一个答案出现在它标明的位置。"},
    "qa.no_answers.fix": {
        "en": "Check that each answer is copied from its context and that the answer start "
              "counts characters from 0.",
        "zh": "请检查每个答案是否从其上下文中原样复制，以及答案起始位置是否从 0 开始按字符"
              "计数。"},
    "qa.not_in_context.title": {"en": "Answers not in the context", "zh": "答案不在上下文中"},
    "qa.not_in_context.message": {
        "en": {"one": "In {source}, {count} answer does not occur in its context.",
               "other": "In {source}, {count} answers do not occur in their context."},
        "zh": "{source} 中有 {count} 个答案没有出现在其上下文中。"},
    "qa.not_in_context.fix": {
        "en": "Copy each answer from its context exactly (the same spaces and punctuation), or "
              "remove it; training cannot use these answers.",
        "zh": "请从上下文中原样复制每个答案（空格和标点也要一致），或删除它；训练无法使用这些"
              "答案。"},
    "qa.misplaced.title": {"en": "Answer starts pointing elsewhere",
                           "zh": "答案起始位置指向别处"},
    "qa.misplaced.message": {
        "en": {"one": "In {source}, {count} answer start does not point at its answer, "
                      "though the answer is in the context; {repaired}",
               "other": "In {source}, {count} answer starts do not point at their answer, "
                        "though the answer is in the context; {repaired}"},
        "zh": "{source} 中有 {count} 个答案起始位置没有指向答案，但答案就在上下文中；"
              "{repaired}"},
    "qa.misplaced.repaired": {
        "en": {"one": "{count} of them can be moved to the only place the answer occurs.",
               "other": "{count} of them can be moved to the only place the answer occurs."},
        "zh": "其中 {count} 个可以移到答案唯一出现的位置。"},
    "qa.misplaced.fix": {
        "en": "Let the starts be repaired where the answer occurs once, and check the others: "
              "an answer start counts characters from 0.",
        "zh": "请让系统修正答案只出现一次的起始位置，并检查其余的：答案起始位置从 0 开始按"
              "字符计数。"},
    "qa.negative_start.title": {"en": "Answer starts of -1", "zh": "答案起始位置为 -1"},
    "qa.negative_start.message": {
        "en": {"one": "In {source}, {count} answer has the start -1: its place in the context "
                      "was never found.",
               "other": "In {source}, {count} answers have the start -1: their place in the "
                        "context was never found."},
        "zh": "{source} 中有 {count} 个答案的起始位置为 -1：从未找到它在上下文中的位置。"},
    "qa.negative_start.fix": {
        "en": "Give these answers their character position in the context, or remove them.",
        "zh": "请为这些答案填写它们在上下文中的字符位置，或删除它们。"},
    "qa.no_valid_answer.title": {"en": "Questions without a valid answer",
                                 "zh": "没有有效答案的问题"},
    "qa.no_valid_answer.message": {
        "en": {"one": "In {source}, {count} question has answers but none of them is where it "
                      "says.",
               "other": "In {source}, {count} questions have answers but none of them is "
                        "where it says."},
        "zh": "{source} 中有 {count} 个问题虽有答案，但没有一个出现在它标明的位置。"},
    "qa.no_valid_answer.fix": {
        "en": "Correct their answers, or remove these questions: training would read them as "
              "questions without an answer.",
        "zh": "请改正这些问题的答案，或删除这些问题：训练会把它们当作没有答案的问题。"},
    "qa.empty_question.title": {"en": "Empty questions", "zh": "空问题"},
    "qa.empty_question.message": {
        "en": {"one": "In {source}, {count} question is empty.",
               "other": "In {source}, {count} questions are empty."},
        "zh": "{source} 中有 {count} 个问题为空。"},
    "qa.empty_question.fix": {"en": "Write the question, or remove the row.",
                              "zh": "请写上问题，或删除这一行。"},
    "qa.empty_context.title": {"en": "Empty contexts", "zh": "空上下文"},
    "qa.empty_context.message": {
        "en": {"one": "In {source}, {count} question has an empty context.",
               "other": "In {source}, {count} questions have an empty context."},
        "zh": "{source} 中有 {count} 个问题的上下文为空。"},
    "qa.empty_context.fix": {
        "en": "Give each question the paragraph its answer comes from.",
        "zh": "请为每个问题提供其答案所在的段落。"},
    "qa.duplicate_questions.title": {"en": "Repeated questions", "zh": "重复的问题"},
    "qa.duplicate_questions.message": {
        "en": {"one": "In {source}, {count} question is asked again on the same context.",
               "other": "In {source}, {count} questions are asked again on the same context."},
        "zh": "{source} 中有 {count} 个问题在同一上下文中重复出现。"},
    "qa.duplicate_questions.fix": {
        "en": "Keep one copy of each question and put all its answers in that one.",
        "zh": "请每个问题只保留一份，并把它的所有答案放在这一份中。"},
    "qa.several_places.title": {"en": "Answers found in several places",
                                "zh": "答案出现在多个位置"},
    "qa.several_places.message": {
        "en": {"one": "In {source}, {count} answer had no start and occurs more than once in "
                      "its context; its first occurrence was taken.",
               "other": "In {source}, {count} answers had no start and occur more than once "
                        "in their context; the first occurrence was taken."},
        "zh": "{source} 中有 {count} 个答案没有起始位置，且在上下文中出现不止一次；已取第一次"
              "出现的位置。"},
    "qa.several_places.fix": {
        "en": "Give these answers their start where the first occurrence is not the one meant.",
        "zh": "如果第一次出现的位置不是所指的那个，请为这些答案填写起始位置。"},
    "qa.unanswerable.title": {"en": "Questions without an answer", "zh": "无答案的问题"},
    "qa.unanswerable.message": {
        "en": {"one": "In {source}, {count} of {total} questions ({share}) has no answer in "
                      "its context.",
               "other": "In {source}, {count} of {total} questions ({share}) have no answer in "
                        "their context."},
        "zh": "{source} 的 {total} 个问题中有 {count} 个（{share}）在上下文中没有答案。"},
    "qa.unanswerable.fix": {
        "en": "Keep them if the model should learn to say there is no answer (SQuAD 2.0 "
              "style); otherwise remove them.",
        "zh": "如果希望模型学会回答“没有答案”（SQuAD 2.0 的做法），请保留它们；否则请删除。"},
    "qa.long_contexts.title": {"en": "Contexts longer than one window",
                               "zh": "上下文超过一个窗口"},
    "qa.long_contexts.message": {
        "en": {"one": "In {source}, {count} of {total} contexts is longer than {max_length} "
                      "tokens with its question; with a stride of {stride} the contexts make "
                      "{windows} windows, at most {most} for one context.",
               "other": "In {source}, {count} of {total} contexts are longer than {max_length} "
                        "tokens with their question; with a stride of {stride} the contexts "
                        "make {windows} windows, at most {most} for one context."},
        "zh": "{source} 的 {total} 个上下文中有 {count} 个加上问题后超过 {max_length} 个词元；"
              "按步长 {stride} 切分，这些上下文共 {windows} 个窗口，单个上下文最多 {most} 个。"},
    "qa.long_contexts.fix": {
        "en": "Nothing to do: each window is trained on; a longer maximum length makes fewer "
              "windows and training faster per question.",
        "zh": "无需处理：每个窗口都会参与训练；更大的最大长度会减少窗口数，让每个问题的训练"
              "更快。"},
    "qa.long_answers.title": {"en": "Long answers", "zh": "较长的答案"},
    "qa.long_answers.message": {
        "en": {"one": "In {source}, {count} answer is longer than {limit} tokens (the longest "
                      "is {longest}); answers that long are never predicted.",
               "other": "In {source}, {count} answers are longer than {limit} tokens (the "
                        "longest is {longest}); answers that long are never predicted."},
        "zh": "{source} 中有 {count} 个答案超过 {limit} 个词元（最长的有 {longest} 个）；"
              "这么长的答案永远不会被预测出来。"},
    "qa.long_answers.fix": {
        "en": "Raise the longest answer to at least {longest} tokens, or shorten these answers "
              "to the words that answer the question.",
        "zh": "请把最长答案调到至少 {longest} 个词元，或把这些答案缩短到真正回答问题的部分。"},
    "qa.context_leak.title": {"en": "Paragraphs shared with train", "zh": "与训练集共用的段落"},
    "qa.context_leak.message": {
        "en": {"one": "{count} of {total} questions in {part} is asked on a paragraph that "
                      "train also has ({shared}); its score says more than "
                      "it should.",
               "other": "{count} of {total} questions in {part} are asked on a paragraph that "
                        "train also has ({shared}); their score says more "
                        "than it should."},
        "zh": "{part}的 {total} 个问题中有 {count} 个基于训练集中也有的段落"
              "（{shared}）；它们的分数会偏高。"},
    "qa.context_leak.shared": {
        "en": {"one": "{count} paragraph shared", "other": "{count} paragraphs shared"},
        "zh": "共用 {count} 个段落"},
    "qa.context_leak.fix": {
        "en": "Split by paragraph, so that no paragraph has questions in both train and "
              "{part}.",
        "zh": "请按段落划分，让任何段落的问题都不会同时出现在训练集和{part}中。"},
})
