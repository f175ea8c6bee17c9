"""Texts of the Label page (pages/label.py, pages/_label_*.py) and of core/label's sentences
shown there (what a project still needs, why a text is ranked high, which model suggests).

Keys start with 'label.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- the page --------------------------------------------------------------------------
    "label.page.title": {"en": "Label", "zh": "标注"},
    "label.error.page": {"en": "Something went wrong while showing the label project.",
                         "zh": "显示标注项目时出错了。"},
    "label.error.tab": {"en": "Something went wrong while showing this part of the project.",
                        "zh": "显示项目的这一部分时出错了。"},
    "label.tabs.label": {"en": "Label", "zh": "标注"},
    "label.tabs.labeled": {"en": "Labeled so far", "zh": "已标注"},
    "label.tabs.next": {"en": "Label these next", "zh": "接下来标注这些"},
    "label.tabs.export": {"en": "Export and train", "zh": "导出与训练"},
    "label.tabs.smart": {"en": "Does smart ordering help?", "zh": "智能排序有用吗？"},
    "label.spinner.texts": {"en": "Reading the texts (once per project)...",
                            "zh": "正在读取文本（每个项目只读一次）……"},
    "label.spinner.model": {"en": "Loading the fine-tuned model (once per run)...",
                            "zh": "正在加载微调后的模型（每次运行只加载一次）……"},
    "label.spinner.suggestions": {"en": "Updating the suggestions...", "zh": "正在更新建议……"},
    "label.message.auto_train": {
        "en": {"one": "A model started training in the background on {count} label; its "
                      "suggestions replace the quick model's once it is better.",
               "other": "A model started training in the background on {count} labels; its "
                        "suggestions replace the quick model's once it is better."},
        "zh": "已在后台用 {count} 个标签开始训练模型；它的效果超过快速模型后，建议将改由它给出。"},
    "label.message.nothing_to_undo": {"en": "There is nothing to undo.",
                                      "zh": "没有可以撤销的操作。"},
    # ----- tasks, orders, strategies ---------------------------------------------------------
    "label.task.text_classification": {"en": "Text classification: a label per text",
                                       "zh": "文本分类：每条文本一个标签"},
    "label.task.token_classification": {
        "en": "Entity recognition: mark names, places, products... in the text",
        "zh": "实体识别：在文本中标出人名、地点、产品等"},
    "label.task.question_answering": {
        "en": "Question answering: questions about a paragraph, answered by a part of it",
        "zh": "问答：针对段落提问，答案是段落中的一段文字"},
    "label.order.smart": {"en": "Most useful first", "zh": "最有用的优先"},
    "label.order.file": {"en": "File order", "zh": "文件顺序"},
    "label.strategy.random": {"en": "Random order", "zh": "随机顺序"},
    "label.strategy.uncertainty": {"en": "Most uncertain first", "zh": "最不确定的优先"},
    "label.strategy.mixed": {"en": "Most uncertain and varied first (this app)",
                             "zh": "最不确定且多样的优先（本应用）"},
    # ----- creating and choosing a project ---------------------------------------------------
    "label.create.title": {"en": "New label project", "zh": "新建标注项目"},
    "label.create.file": {"en": "Texts to label", "zh": "要标注的文本"},
    "label.create.file_help": {
        "en": "CSV, TSV, Excel, JSONL or TXT with one text a line, up to {mb} MB; labels are "
              "not needed.",
        "zh": "CSV、TSV、Excel、JSONL，或每行一条文本的 TXT，最大 {mb} MB；不需要标签。"},
    "label.create.intro": {
        "en": "Upload the texts you want to label. You choose the labels below; the app "
              "suggests labels once you have given a few, and can train a model on them.",
        "zh": "上传要标注的文本。标签在下方自己定；标注几条之后，应用会开始给出建议标签，"
              "还可以用这些标签训练模型。"},
    "label.create.column": {"en": "Column with the texts", "zh": "文本所在的列"},
    "label.create.column_help": {
        "en": "The column whose texts you will label; other columns are ignored.",
        "zh": "要标注的文本所在的列；其他列会被忽略。"},
    "label.create.task": {"en": "What to label", "zh": "标注什么"},
    "label.create.task_help": {
        "en": "A label for each whole text, entities marked inside the texts, or questions "
              "whose answers you mark in a paragraph.",
        "zh": "给每条完整文本一个标签，在文本中标出实体，或针对段落提问并在段落中标出答案。"},
    "label.create.paragraphs": {
        "en": "Each row is one paragraph (in a text file, each block between blank lines, or "
              "each line when there are none); you write the questions while labeling.",
        "zh": "每一行是一个段落（文本文件中，以空行分隔的每一块是一个段落；没有空行时每行一个）；"
              "问题在标注时再写。"},
    "label.create.entity_types": {"en": "Entity types", "zh": "实体类型"},
    "label.create.labels": {"en": "Labels", "zh": "标签"},
    "label.create.entity_types_placeholder": {"en": "PER, ORG, LOC", "zh": "PER, ORG, LOC"},
    "label.create.labels_placeholder": {"en": "positive, negative", "zh": "正面, 负面"},
    "label.create.names_help": {"en": "The names to choose from, separated by commas.",
                                "zh": "可选的名称，用英文逗号分隔。"},
    "label.create.multi": {"en": "A text can have several labels",
                           "zh": "一条文本可以有多个标签"},
    "label.create.multi_help": {
        "en": "Tick when one text may carry more than one label at once.",
        "zh": "如果一条文本可能同时属于多个标签，请勾选。"},
    "label.create.name": {"en": "Project name", "zh": "项目名称"},
    "label.create.name_help": {"en": "A name to find the project again.",
                               "zh": "用来之后找到这个项目的名称。"},
    "label.create.button": {"en": "Create the project", "zh": "创建项目"},
    "label.create.button_help": {"en": "Read the texts and start labeling.",
                                 "zh": "读取文本并开始标注。"},
    "label.create.created": {
        "en": {"one": "Project created with {count} text.",
               "other": "Project created with {count} texts."},
        "zh": "项目已创建，共 {count} 条文本。"},
    "label.create.empty_rows": {
        "en": {"one": "{count} empty row was left out.",
               "other": "{count} empty rows were left out."},
        "zh": "已略去 {count} 个空行。"},
    "label.create.repeated": {
        "en": {"one": "{count} repeated text was left out (each text is labeled once).",
               "other": "{count} repeated texts were left out (each text is labeled once)."},
        "zh": "已略去 {count} 条重复文本（每条文本只标注一次）。"},
    "label.project.choose": {"en": "Label project", "zh": "标注项目"},
    "label.project.new": {"en": "New project...", "zh": "新建项目……"},
    "label.project.option": {"en": "{name} ({created})", "zh": "{name}（{created}）"},
    "label.project.choose_help": {
        "en": "Projects are kept in the workspace; pick one to go on labeling.",
        "zh": "项目保存在工作区中；选择一个项目继续标注。"},
    # ----- header ----------------------------------------------------------------------------
    "label.header.text_classification": {
        "en": {"one": "Text classification · {count} text from {source} · labels: {labels}",
               "other": "Text classification · {count} texts from {source} · labels: {labels}"},
        "zh": "文本分类 · 来自 {source} 的 {count} 条文本 · 标签：{labels}"},
    "label.header.text_classification_no_source": {
        "en": {"one": "Text classification · {count} text from a file · labels: {labels}",
               "other": "Text classification · {count} texts from a file · labels: {labels}"},
        "zh": "文本分类 · 来自文件的 {count} 条文本 · 标签：{labels}"},
    "label.header.token_classification": {
        "en": {"one": "Entity recognition · {count} text from {source} · entity types: "
                      "{labels}",
               "other": "Entity recognition · {count} texts from {source} · entity types: "
                        "{labels}"},
        "zh": "实体识别 · 来自 {source} 的 {count} 条文本 · 实体类型：{labels}"},
    "label.header.token_classification_no_source": {
        "en": {"one": "Entity recognition · {count} text from a file · entity types: {labels}",
               "other": "Entity recognition · {count} texts from a file · entity types: "
                        "{labels}"},
        "zh": "实体识别 · 来自文件的 {count} 条文本 · 实体类型：{labels}"},
    "label.header.question_answering": {
        "en": {"one": "Question answering · {count} paragraph from {source}",
               "other": "Question answering · {count} paragraphs from {source}"},
        "zh": "问答 · 来自 {source} 的 {count} 个段落"},
    "label.header.question_answering_no_source": {
        "en": {"one": "Question answering · {count} paragraph from a file",
               "other": "Question answering · {count} paragraphs from a file"},
        "zh": "问答 · 来自文件的 {count} 个段落"},
    "label.header.questions": {
        "en": {"one": "{count} question so far · {unanswered} without an answer",
               "other": "{count} questions so far · {unanswered} without an answer"},
        "zh": "目前共 {count} 个问题 · 其中 {unanswered} 个没有答案"},
    "label.header.progress": {"en": "{labeled} of {total} labeled",
                              "zh": "已标注 {labeled} / {total}"},
    "label.header.progress_skipped": {"en": "{labeled} of {total} labeled · {skipped} skipped",
                                      "zh": "已标注 {labeled} / {total} · 已跳过 {skipped}"},
    "label.header.count": {"en": "{label}: {count}", "zh": "{label}：{count}"},
    "label.header.training": {"en": ":material/model_training: A model is {state} in the "
                                    "background.",
                              "zh": ":material/model_training: 后台有一个模型：{state}。"},
    "label.header.training_steps": {
        "en": ":material/model_training: A model is {state} in the background, step {step} "
              "of {total}.",
        "zh": ":material/model_training: 后台有一个模型：{state}，第 {step} / {total} 步。"},
    # ----- the Label tab ---------------------------------------------------------------------
    "label.label.order": {"en": "Order", "zh": "顺序"},
    "label.label.order_help": {
        "en": "Most useful first: the texts the model is least sure about, varied; file "
              "order: as in your file.",
        "zh": "最有用的优先：模型最没把握、且彼此不同的文本；文件顺序：按文件中的顺序。"},
    "label.label.all_done": {
        "en": "Every text is labeled. Export the labels or train a model on them.",
        "zh": "所有文本都已标注。可以导出标签，或用它们训练模型。"},
    "label.label.where": {"en": "Text {item} of {total}", "zh": "第 {item} / {total} 条文本"},
    "label.label.where_changing": {"en": "Text {item} of {total} · changing an earlier label",
                                   "zh": "第 {item} / {total} 条文本 · 正在修改之前的标签"},
    "label.label.where_skipped": {"en": "Text {item} of {total} · skipped before",
                                  "zh": "第 {item} / {total} 条文本 · 之前跳过了"},
    "label.label.skip": {"en": "Skip", "zh": "跳过"},
    "label.label.skip_help": {
        "en": "Leave this text for later; it comes back when the others are done. "
              "Shortcut: S.",
        "zh": "先跳过这条文本，其他文本标完后它会再出现。快捷键：S。"},
    "label.label.undo": {"en": "Undo", "zh": "撤销"},
    "label.label.undo_help": {
        "en": "Take back the last label or skip and show that text again. Shortcut: U.",
        "zh": "撤销上一次标注或跳过，并重新显示那条文本。快捷键：U。"},
    "label.label.back": {"en": "Back to the queue", "zh": "回到队列"},
    "label.label.back_help": {"en": "Leave this text as it is and go on with the next one.",
                              "zh": "保持这条文本不变，继续标注下一条。"},
    "label.label.suggestion": {"en": "Suggestion: **{label}** ({percent} sure, {source})",
                               "zh": "建议：**{label}**（置信度 {percent}，{source}）"},
    "label.label.accept": {"en": "Accept", "zh": "采纳"},
    "label.label.accept_help": {"en": "Give the text the suggested label. Shortcut: A.",
                                "zh": "给这条文本打上建议的标签。快捷键：A。"},
    "label.label.button_help": {"en": "Label this text {label}.",
                                "zh": "把这条文本标注为 {label}。"},
    "label.label.button_help_shortcut": {"en": "Label this text {label} (shortcut: {key}).",
                                         "zh": "把这条文本标注为 {label}（快捷键：{key}）。"},
    "label.label.labels": {"en": "Labels", "zh": "标签"},
    "label.label.labels_help": {"en": "Every label that applies to this text.",
                                "zh": "适用于这条文本的所有标签。"},
    "label.label.save": {"en": "Save and next", "zh": "保存并继续"},
    "label.label.save_help": {"en": "Store the chosen labels and show the next text. "
                                    "Shortcut: N.",
                              "zh": "保存所选标签并显示下一条文本。快捷键：N。"},
    # ----- suggestions -----------------------------------------------------------------------
    "label.source.quick": {"en": "quick model (TF-IDF + logistic regression)",
                           "zh": "快速模型（TF-IDF + 逻辑回归）"},
    "label.source.run": {"en": "fine-tuned model ({run})", "zh": "微调后的模型（{run}）"},
    "label.source.none": {"en": "No suggestions yet.", "zh": "暂无建议。"},
    "label.source.note": {
        "en": {"one": "Suggestions and order from the {source}, trained on {count} label.",
               "other": "Suggestions and order from the {source}, trained on {count} labels."},
        "zh": "建议和排序来自{source}，基于 {count} 个标签训练。"},
    "label.ready.multi_label": {
        "en": "Suggestions cover single-label projects; this one allows several labels a text.",
        "zh": "建议只适用于单标签项目；这个项目允许一条文本有多个标签。"},
    "label.ready.entities": {
        "en": "Suggestions start after {count} tagged texts with entities.",
        "zh": "标注了 {count} 条含实体的文本后，才会开始给出建议。"},
    "label.ready.per_label": {
        "en": "Suggestions start once every label has {count} examples; still needed: "
              "{labels}.",
        "zh": "每个标签都有 {count} 个样本后，才会开始给出建议；还缺：{labels}。"},
    "label.switch.no_scores": {
        "en": "The fine-tuned model kept no scores to compare with the quick model, so "
              "suggestions stay with the quick model.",
        "zh": "微调后的模型没有保存可与快速模型比较的分数，因此仍由快速模型给出建议。"},
    "label.switch.too_few": {
        "en": "The fine-tuned model's score cannot be measured yet: it was tested on only "
              "{texts}, and telling it from the quick model needs at least {needed}, so "
              "suggestions stay with the quick model.",
        "zh": "微调后模型的分数暂时无法衡量：它只在 {texts}上测试过，而要与快速模型区分开，"
              "至少需要 {needed} 条，因此仍由快速模型给出建议。"},
    "label.switch.not_better": {
        "en": "On {texts} the fine-tuned model is not clearly better than the quick model, so "
              "suggestions stay with the quick model.",
        "zh": "在 {texts}上，微调后的模型并没有明显优于快速模型，因此仍由快速模型给出建议。"},
    "label.switch.better": {
        "en": "The fine-tuned model beats the quick model by {points} points (95% range {low} "
              "to {high}) on {texts}, so it makes the suggestions.",
        "zh": "在 {texts}上，微调后的模型比快速模型高 {points} 个百分点（95% 区间 {low} 到 "
              "{high}），因此改由它给出建议。"},
    "label.held_out.test": {"en": {"one": "{count} test text", "other": "{count} test texts"},
                            "zh": "{count} 条测试集文本"},
    "label.held_out.validation": {"en": {"one": "{count} validation text",
                                         "other": "{count} validation texts"},
                                  "zh": "{count} 条验证集文本"},
    # ----- why a text is ranked high ---------------------------------------------------------
    "label.reason.file_order": {"en": "file order", "zh": "文件顺序"},
    "label.reason.typical": {"en": "typical of a group of similar texts",
                             "zh": "是一组相似文本的典型代表"},
    "label.reason.margin": {"en": "the model is unsure (its top two labels are {percent} apart)",
                            "zh": "模型没把握（前两个标签只差 {percent}）"},
    "label.reason.spread": {"en": "the model is unsure (spread of its guess {percent})",
                            "zh": "模型没把握（判断的分散程度 {percent}）"},
    "label.reason.entities": {"en": "new words or unsure entities ({score})",
                              "zh": "有新词或没把握的实体（{score}）"},
    # ----- the "Labeled so far" tab ----------------------------------------------------------
    "label.labeled.none": {"en": "Nothing is labeled yet.", "zh": "还没有标注任何文本。"},
    "label.labeled.recent": {
        "en": {"one": "The {count} most recent label, newest first.",
               "other": "The {count} most recent labels, newest first."},
        "zh": "最近的 {count} 个标签，最新的在前。"},
    "label.labeled.recent_of": {
        "en": {"one": "The {count} most recent label, newest first (of {total}).",
               "other": "The {count} most recent labels, newest first (of {total})."},
        "zh": "最近的 {count} 个标签（共 {total} 个），最新的在前。"},
    "label.labeled.no_entities": {"en": "(none)", "zh": "（无）"},
    "label.labeled.entity": {"en": "{words} ({type})", "zh": "{words}（{type}）"},
    "label.labeled.label_help": {"en": "Pick another label to change it; it is saved at once.",
                                 "zh": "选择其他标签即可修改，修改会立即保存。"},
    "label.labeled.open_choice": {"en": "Open a labeled text", "zh": "打开一条已标注的文本"},
    "label.labeled.open_choice_help": {"en": "Show this text in the Label tab to change its "
                                             "label.",
                                       "zh": "在“标注”标签页中显示这条文本，以修改它的标签。"},
    "label.labeled.option": {"en": "{row}: {text}", "zh": "{row}：{text}"},
    "label.labeled.open": {"en": "Open", "zh": "打开"},
    "label.labeled.open_help": {"en": "Show the chosen text in the Label tab.",
                                "zh": "在“标注”标签页中显示所选文本。"},
    "label.table.row_help": {"en": "The text's row in your file.", "zh": "文本在文件中的行号。"},
    "label.table.text": {"en": "text", "zh": "文本"},
    "label.table.label": {"en": "label", "zh": "标签"},
    "label.table.by": {"en": "by", "zh": "来源"},
    "label.table.by_help": {
        "en": "manual: a button; suggestion: an accepted suggestion; table: a change in this "
              "table.",
        "zh": "手动：点按钮标注；建议：采纳的建议；表格：在此表格中修改。"},
    "label.table.suggestion": {"en": "suggestion", "zh": "建议"},
    "label.table.confidence": {"en": "confidence", "zh": "置信度"},
    "label.table.confidence_help": {"en": "How sure the model is of its suggestion.",
                                    "zh": "模型对其建议的把握程度。"},
    "label.table.why": {"en": "why", "zh": "原因"},
    "label.by.manual": {"en": "manual", "zh": "手动"},
    "label.by.suggestion": {"en": "suggestion", "zh": "建议"},
    "label.by.table": {"en": "table", "zh": "表格"},
    # ----- the "Label these next" tab --------------------------------------------------------
    "label.next.none": {"en": "No unlabeled text is left to rank.",
                        "zh": "没有剩下需要排序的未标注文本。"},
    "label.next.typical": {
        "en": "Until the model can suggest labels, these are typical texts of different kinds, "
              "so the first labels cover the data.",
        "zh": "在模型能给出建议之前，这里列出的是不同类型的典型文本，让最初的标签能覆盖整个数据。"},
    "label.next.unsure": {
        "en": "The texts the model is least sure about, picked so that they differ from each "
              "other: labeling these teaches it most.",
        "zh": "模型最没把握、且彼此不同的文本：标注这些对模型帮助最大。"},
    "label.next.download": {"en": "Download this list (CSV)", "zh": "下载这个列表（CSV）"},
    "label.next.download_help": {"en": "The texts to label next, with the suggestions, as a "
                                       "table.",
                                 "zh": "接下来要标注的文本及其建议，以表格形式下载。"},
    "label.next.refresh": {"en": "Refresh the list", "zh": "刷新列表"},
    "label.next.refresh_help": {"en": "Refit the quick model on every label so far and rank "
                                      "again.",
                                "zh": "用目前所有标签重新拟合快速模型，并重新排序。"},
    # ----- the "Export and train" tab --------------------------------------------------------
    "label.export.title": {"en": "**Download the labels**", "zh": "**下载标签**"},
    "label.export.download": {"en": "Labels as {format}", "zh": "导出为 {format}"},
    "label.export.download_help": {"en": "Every labeled text in a format the Data page reads "
                                         "back.",
                                   "zh": "所有已标注文本，格式可直接在“数据”页面读回。"},
    "label.train.title": {"en": "**Train a model**", "zh": "**训练模型**"},
    "label.train.caption_continue": {
        "en": "A run trains in the background on every label so far and goes on from the "
              "project's last model",
        "zh": "运行会在后台用目前所有标签训练，并在项目上一个模型的基础上继续"},
    "label.train.caption_new": {
        "en": "A run trains in the background on every label so far, from the built-in model",
        "zh": "运行会在后台用目前所有标签，从内置模型开始训练"},
    "label.train.button": {"en": "Train a model on these labels", "zh": "用这些标签训练模型"},
    "label.train.button_help": {
        "en": "Starts a run you can watch on the Train page; this page keeps working meanwhile.",
        "zh": "开始一次运行，可以在“训练”页面查看进度；同时这个页面可以照常使用。"},
    "label.train.started": {
        "en": {"one": "Training started on {count} label.",
               "other": "Training started on {count} labels."},
        "zh": "已用 {count} 个标签开始训练。"},
    "label.train.queued": {
        "en": {"one": "Training started on {count} label (it waits for the run training now).",
               "other": "Training started on {count} labels (it waits for the run training "
                        "now)."},
        "zh": "已用 {count} 个标签开始训练（正在等待当前的训练运行结束）。"},
    "label.train.auto": {"en": "Train in the background as I label",
                         "zh": "边标注边在后台训练"},
    "label.train.auto_help": {
        "en": "Starts a run after {first} labels and again after every {every} new ones.",
        "zh": "标注满 {first} 个后开始一次运行，之后每新增 {every} 个再运行一次。"},
    "label.train.run": {"en": "run", "zh": "运行"},
    "label.train.state": {"en": "state", "zh": "状态"},
    "label.train.score": {"en": "test score", "zh": "测试分数"},
    "label.train.started_at": {"en": "started", "zh": "开始时间"},
    "label.train.open": {"en": "Open the Train page", "zh": "打开“训练”页面"},
    "label.train.open_help": {"en": "Watch the newest run of this project learn.",
                              "zh": "查看这个项目最新一次运行的训练过程。"},
    "label.ready.train_count": {
        "en": "Label at least {needed} texts before training ({count} so far).",
        "zh": "训练前请至少标注 {needed} 条文本（目前 {count} 条）。"},
    "label.ready.train_entity": {"en": "Tag at least one entity before training.",
                                 "zh": "训练前请至少标注一个实体。"},
    "label.ready.train_per_label": {
        "en": "Give at least two labels {count} examples each before training.",
        "zh": "训练前请让至少两个标签各有 {count} 个样本。"},
    "label.score.unmeasured": {"en": "cannot be measured yet ({texts})",
                               "zh": "暂时无法衡量（{texts}）"},
    "label.score.value": {"en": "{metric} {value} ({texts})", "zh": "{metric} {value}（{texts}）"},
    "label.delete.title": {"en": "Delete this project", "zh": "删除这个项目"},
    "label.delete.sure": {"en": "Yes, delete the project and its labels",
                          "zh": "是的，删除这个项目及其标签"},
    "label.delete.sure_help": {"en": "The labels are lost; runs trained from them are kept.",
                               "zh": "标签会丢失；用它们训练的运行会保留。"},
    "label.delete.button": {"en": "Delete", "zh": "删除"},
    "label.delete.button_help": {"en": "Remove the project from the workspace.",
                                 "zh": "从工作区中移除这个项目。"},
    "label.delete.done": {"en": "Project {name} was deleted.", "zh": "项目 {name} 已删除。"},
    # ----- the "Does smart ordering help?" tab -----------------------------------------------
    "label.smart.intro": {
        "en": "A simulated labeler gives the true labels, in rounds, either in random order or "
              "most-useful first; the quick model (TF-IDF + logistic regression) is scored on "
              "held-out texts after every round. Averaged over three orders.",
        "zh": "由模拟的标注员分轮给出真实标签，按随机顺序或“最有用的优先”；每轮之后，"
              "在留出的文本上给快速模型（TF-IDF + 逻辑回归）打分。结果为三种顺序的平均值。"},
    "label.smart.chart_title": {"en": "{dataset}: {texts} texts, rounds of {batch}",
                                "zh": "{dataset}：{texts} 条文本，每轮 {batch} 条"},
    "label.smart.own_title": {"en": "Your labels ({count}): 70% replayed, 30% held out",
                              "zh": "你的标签（{count} 个）：70% 用于回放，30% 留出"},
    "label.smart.target": {"en": "target {percent}", "zh": "目标 {percent}"},
    "label.smart.x_axis": {"en": "labels", "zh": "标签数"},
    "label.smart.y_axis": {"en": "accuracy on held-out texts", "zh": "留出文本上的准确率"},
    "label.smart.not_reached": {
        "en": "Within {labels} labels the smart order did not reach {target} accuracy.",
        "zh": "在 {labels} 个标签以内，智能排序没有达到 {target} 的准确率。"},
    "label.smart.random_not_reached": {
        "en": "The smart order reached {target} accuracy with {mine} labels; random order did "
              "not within {labels}.",
        "zh": "智能排序用 {mine} 个标签达到了 {target} 的准确率；"
              "随机顺序在 {labels} 个以内没有达到。"},
    "label.smart.both": {
        "en": "The smart order reached {target} accuracy with {mine} labels, random order with "
              "{theirs}.",
        "zh": "智能排序用 {mine} 个标签达到了 {target} 的准确率，随机顺序用了 {theirs} 个。"},
    "label.smart.own_problem": {"en": "On your own labels: {problem}",
                                "zh": "用你自己的标签：{problem}"},
    "label.smart.compare": {"en": "Compare on my labels", "zh": "用我的标签比较"},
    "label.smart.compare_help": {
        "en": "Replays your labels in both orders (a few seconds to a minute).",
        "zh": "按两种顺序回放你的标签（几秒到一分钟）。"},
    "label.smart.replaying": {"en": "Replaying your labels...", "zh": "正在回放你的标签……"},
    "label.ready.sim_single": {"en": "The comparison runs on single-label classification "
                                     "projects.",
                               "zh": "比较只适用于单标签分类项目。"},
    "label.ready.sim_count": {"en": "The comparison needs at least {needed} labels ({count} so "
                                    "far).",
                              "zh": "比较至少需要 {needed} 个标签（目前 {count} 个）。"},
    "label.ready.sim_kinds": {"en": "The comparison needs labels of at least two kinds.",
                              "zh": "比较需要至少两种不同的标签。"},
    # ----- tagging entities (pages/_label_spans.py) ------------------------------------------
    "label.spans.select_first": {"en": "Select the words of the entity first.",
                                 "zh": "请先选择实体的词。"},
    "label.spans.no_words": {"en": "This text has no words to tag.",
                             "zh": "这条文本没有可标注的词。"},
    "label.spans.no_words_fix": {"en": "Skip it.", "zh": "请跳过它。"},
    "label.spans.suggested_entity": {"en": "{words} ({type}, {percent})",
                                     "zh": "{words}（{type}，{percent}）"},
    "label.spans.suggested": {"en": "Suggested by the {source}: {entities}",
                              "zh": "{source}建议：{entities}"},
    "label.spans.use": {"en": "Use these", "zh": "使用这些"},
    "label.spans.use_help": {
        "en": "Put the suggested entities in the text; check them, then save. Shortcut: A.",
        "zh": "把建议的实体放进文本；检查后再保存。快捷键：A。"},
    "label.spans.words": {"en": "Words", "zh": "词"},
    "label.spans.words_help": {
        "en": "Click the words of one entity (or several), then press its type below.",
        "zh": "点击一个（或几个）实体的词，然后在下方点它的类型。"},
    "label.spans.tag": {"en": "Tag as {type}", "zh": "标为 {type}"},
    "label.spans.tag_help": {"en": "Make the selected words a {type} entity.",
                             "zh": "把选中的词标为 {type} 实体。"},
    "label.spans.tag_help_shortcut": {"en": "Make the selected words a {type} entity "
                                            "(shortcut: {key}).",
                                      "zh": "把选中的词标为 {type} 实体（快捷键：{key}）。"},
    "label.spans.entities": {"en": "Entities in this text", "zh": "这条文本中的实体"},
    "label.spans.remove": {"en": "Remove", "zh": "移除"},
    "label.spans.remove_help": {"en": "Delete this entity from the text.",
                                "zh": "从文本中删除这个实体。"},
    "label.spans.save_help": {
        "en": "Store the entities of this text (none is fine: it says the text has no entity) "
              "and show the next text. Shortcut: N.",
        "zh": "保存这条文本的实体（没有实体也可以，表示这条文本不含实体），并显示下一条文本。"
              "快捷键：N。"},
    # ----- questions about a paragraph (pages/_label_qa.py) --------------------------------
    "label.qa.where": {"en": "Paragraph {item} of {total}", "zh": "第 {item} / {total} 个段落"},
    "label.qa.where_skipped": {"en": "Paragraph {item} of {total} · skipped before",
                               "zh": "第 {item} / {total} 个段落 · 之前跳过了"},
    "label.qa.question": {"en": "Question", "zh": "问题"},
    "label.qa.question_placeholder": {"en": "Type or paste a question about the paragraph",
                                      "zh": "输入或粘贴一个关于这个段落的问题"},
    "label.qa.question_help": {
        "en": "A question the paragraph answers (or does not); ask as many as you like.",
        "zh": "一个由这个段落回答（或无法回答）的问题；可以提任意多个。"},
    "label.qa.words": {"en": "Answer: click its first and last word",
                       "zh": "答案：点选它的第一个词和最后一个词"},
    "label.qa.words_help": {
        "en": "The answer runs from the first to the last word you select.",
        "zh": "答案从选中的第一个词一直到最后一个词。"},
    "label.qa.answer": {"en": "Answer: {answer}", "zh": "答案：{answer}"},
    "label.qa.add": {"en": "Add the question", "zh": "添加问题"},
    "label.qa.add_help": {"en": "Save the question with the selected words as its answer.",
                          "zh": "保存这个问题，以选中的词作为答案。"},
    "label.qa.no_answer": {"en": "No answer here", "zh": "这里没有答案"},
    "label.qa.no_answer_help": {
        "en": "Save the question as one this paragraph does not answer.",
        "zh": "保存这个问题，并标记为这个段落无法回答。"},
    "label.qa.asked": {"en": {"one": "{count} question about this paragraph:",
                              "other": "{count} questions about this paragraph:"},
                       "zh": "关于这个段落的 {count} 个问题："},
    "label.qa.asked_item": {"en": "- {question} → {answer}", "zh": "- {question} → {answer}"},
    "label.qa.remove": {"en": "Remove", "zh": "删除"},
    "label.qa.remove_help": {"en": "Take this question off the paragraph (Undo puts it back).",
                             "zh": "从这个段落中删除这个问题（“撤销”可以恢复）。"},
    "label.qa.unanswered": {"en": "(no answer in this paragraph)", "zh": "（段落中没有答案）"},
    "label.qa.next": {"en": "Next paragraph", "zh": "下一个段落"},
    "label.qa.next_help": {"en": "This paragraph is done: go on to the next one.",
                           "zh": "这个段落已完成，继续下一个。"},
    "label.qa.next_first": {"en": "Add a question first, or skip the paragraph.",
                            "zh": "请先添加一个问题，或跳过这个段落。"},
    "label.qa.skip_asked": {
        "en": "The paragraph has questions: press Next paragraph (Undo takes a question back).",
        "zh": "这个段落已有问题：请点“下一个段落”（“撤销”可以收回一个问题）。"},
    "label.qa.undo_help": {"en": "Take back the latest question or skip.",
                           "zh": "收回最近添加的问题或跳过。"},
    "label.qa.no_smart": {
        "en": "Suggestions and smart ordering are not offered for question answering: "
              "paragraphs come in file order.",
        "zh": "问答项目不提供建议和智能排序：段落按文件顺序出现。"},
    "label.qa.train_elsewhere": {
        "en": "To train on these questions, download the JSON and open it on the Data page.",
        "zh": "要用这些问题训练，请下载 JSON 文件，然后在“数据”页面打开它。"},
    "label.labeled.question": {"en": "{question} → {answer}", "zh": "{question} → {answer}"},
}
