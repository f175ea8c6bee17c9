"""Texts of pages/test.py and its panels (pages/_test_*.py, _calibration.py, _report_visuals.py,
_learning_curve.py).

Keys start with 'test.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- the page --------------------------------------------------------------------------
    "test.page.title": {"en": "4. Test", "zh": "4. 测试"},
    "test.page.caption": {
        "en": "How good is the model, where does it go wrong, and take it with you.",
        "zh": "模型有多好、错在哪里，以及把它带走。"},
    "test.page.no_runs": {
        "en": "No finished runs yet. Train one on the Train page; it appears here when it "
              "finishes.",
        "zh": "还没有已完成的运行。请在“训练”页训练一个，完成后会出现在这里。"},
    "test.page.stopped": {
        "en": "This run was stopped early; it is tested with its best checkpoint.",
        "zh": "这次运行被提前停止了，测试使用的是它的最佳检查点。"},
    "test.page.few_shot": {
        "en": "Trained in few-shot mode: the model learned from pairs of texts which ones "
              "share a label, then a simple classifier on top decides.",
        "zh": "以小样本模式训练：模型先从成对的文本中学习哪些文本属于同一标签，再由上面的一个"
              "简单分类器做出判断。"},
    "test.page.pick_run": {"en": "Run to test", "zh": "要测试的运行"},
    "test.page.pick_run_help": {
        "en": "Any finished run; the newest is chosen for you.",
        "zh": "任何已完成的运行均可；默认选中最新的一个。"},
    "test.error.page": {"en": "Something went wrong while showing the test page.",
                        "zh": "显示测试页时出错了。"},
    "test.tab.report": {"en": "Report", "zh": "报告"},
    "test.tab.mistakes": {"en": "Mistakes", "zh": "错误"},
    "test.tab.try": {"en": "Try it", "zh": "试一试"},
    "test.tab.batch": {"en": "Batch prediction", "zh": "批量预测"},
    "test.tab.compare": {"en": "Compare", "zh": "比较"},
    "test.tab.budget": {"en": "Label budget", "zh": "标注预算"},
    "test.tab.export": {"en": "Export", "zh": "导出"},
    "test.error.report": {"en": "Something went wrong while showing the report.",
                          "zh": "显示报告时出错了。"},
    "test.error.mistakes": {"en": "Something went wrong while listing the mistakes.",
                            "zh": "列出错误时出错了。"},
    "test.error.try": {"en": "Something went wrong while running the model on your text.",
                       "zh": "用模型处理你的文本时出错了。"},
    "test.error.batch": {"en": "Something went wrong while predicting the file.",
                         "zh": "预测文件时出错了。"},
    "test.error.compare": {"en": "Something went wrong while comparing the runs.",
                           "zh": "比较运行时出错了。"},
    "test.error.budget": {"en": "Something went wrong while drawing the learning curve.",
                          "zh": "绘制学习曲线时出错了。"},
    "test.error.export": {"en": "Something went wrong while preparing the export.",
                          "zh": "准备导出时出错了。"},
    "test.loading.model": {"en": "Loading the model (once per run)...",
                           "zh": "正在加载模型（每次运行只加载一次）……"},
    "test.split.test": {"en": "test", "zh": "测试集"},
    "test.split.validation": {"en": "validation", "zh": "验证集"},
    # ----- score tables ----------------------------------------------------------------------
    "test.table.label": {"en": "label", "zh": "标签"},
    "test.table.entity_type": {"en": "entity type", "zh": "实体类型"},
    "test.table.precision": {"en": "precision", "zh": "精确率"},
    "test.table.recall": {"en": "recall", "zh": "召回率"},
    "test.table.f1": {"en": "F1", "zh": "F1"},
    "test.table.examples": {"en": "examples", "zh": "样本数"},
    # ----- report: headline and baselines ---------------------------------------------------
    "test.metric.headline_ner": {"en": "entity F1", "zh": "实体 F1"},
    "test.metric.headline_multi_label": {"en": "exact match", "zh": "完全匹配率"},
    "test.metric.headline_single_label": {"en": "accuracy", "zh": "准确率"},
    "test.baseline.tfidf_logreg_text_classification": {
        "en": "Quick keyword model (TF-IDF + logistic regression)",
        "zh": "快速关键词模型（TF-IDF + 逻辑回归）"},
    "test.baseline.majority_text_classification": {"en": "Always the most common answer",
                                                    "zh": "总是给出最常见的答案"},
    "test.baseline.word_memory_token_classification": {
        "en": "Word memory (each word's most frequent tag)",
        "zh": "词记忆（每个词最常见的标签）"},
    "test.baseline.majority_token_classification": {"en": "Marking no entities at all",
                                                     "zh": "完全不标注实体"},
    "test.report.headline_ner": {
        "en": "Gets every entity right in {correct} of {n} {split} sentences",
        "zh": "在 {n} 个{split}句子中，有 {correct} 个句子的实体全部正确"},
    "test.report.summary_ner": {
        "en": "Of the entities it marks, **{precision}** are right; it finds **{recall}** of "
              "the real ones (entity F1 {f1}).",
        "zh": "它标出的实体中有 **{precision}** 是对的；真实的实体中它找出了 **{recall}**"
              "（实体 F1 {f1}）。"},
    "test.report.headline_multi_label": {
        "en": "All labels exactly right on {correct} of {n} {split} texts",
        "zh": "在 {n} 条{split}文本中，有 {correct} 条的标签完全正确"},
    "test.report.summary_multi_label": {
        "en": "Micro-F1 **{micro}**, macro-F1 **{macro}** (1.0 would be perfect).",
        "zh": "Micro-F1 **{micro}**，macro-F1 **{macro}**（1.0 为满分）。"},
    "test.report.headline_single_label": {
        "en": "Correct on {correct} of {n} {split} texts",
        "zh": "在 {n} 条{split}文本中答对了 {correct} 条"},
    "test.report.summary_single_label": {
        "en": "Accuracy **{accuracy}**, macro-F1 **{macro}** (the average over labels, so rare "
              "labels count as much as common ones).",
        "zh": "准确率 **{accuracy}**，macro-F1 **{macro}**（各标签得分的平均值，因此少见标签与"
              "常见标签同等重要）。"},
    "test.report.no_baseline": {
        "en": "No quick baseline was saved with this run, so there is nothing to compare with.",
        "zh": "这次运行没有保存快速基线，因此无从比较。"},
    "test.report.model_metric": {"en": "Fine-tuned model ({metric})",
                                 "zh": "微调后的模型（{metric}）"},
    "test.report.delta": {"en": "{points} vs the best quick baseline",
                          "zh": "{points}，对比最佳快速基线"},
    "test.report.model_help": {
        "en": "The model you trained, on examples it never saw while learning. The difference "
              "is grey when the test examples cannot tell the two apart.",
        "zh": "你训练的模型在训练时从未见过的样本上的得分。当测试样本不足以区分两者时，差值"
              "显示为灰色。"},
    "test.report.baseline_help": {
        "en": "A simple model trained in seconds on the same data: what you get without "
              "fine-tuning.",
        "zh": "在同样的数据上几秒内训练出的简单模型：不做微调时能达到的水平。"},
    # ----- report: per label, confusion matrix -------------------------------------------------
    "test.report.per_label_title": {"en": "Scores per label", "zh": "各标签得分"},
    "test.report.per_label_caption": {
        "en": "Precision: when the model says this label, how often it is right. Recall: of "
              "the texts that have this label, how many it finds. F1 combines both.",
        "zh": "精确率：模型给出这个标签时，有多少次是对的。召回率：带有这个标签的文本中，模型"
              "找出了多少。F1 综合了两者。"},
    "test.report.confusion_title": {
        "en": "**Which labels get confused** (rows: the correct label, columns: the model's "
              "answer; the diagonal is right)",
        "zh": "**哪些标签容易混淆**（行：正确的标签；列：模型的答案；对角线上是答对的）"},
    "test.report.matrix_view": {"en": "Show", "zh": "显示"},
    "test.report.matrix_counts": {"en": "Counts", "zh": "数量"},
    "test.report.matrix_shares": {"en": "Shares of each correct label",
                                  "zh": "占每个正确标签的比例"},
    "test.report.matrix_help": {
        "en": "Counts: number of texts. Shares: each row adds up to 100%, so rare labels are "
              "as easy to read as common ones.",
        "zh": "数量：文本的条数。比例：每一行加起来为 100%，少见标签和常见标签一样容易看清。"},
    # ----- report: multi-label threshold --------------------------------------------------------
    "test.report.threshold": {"en": "Decision threshold", "zh": "判定阈值"},
    "test.report.threshold_help": {
        "en": "A label is given when the model is at least this sure. Lower: more labels, "
              "fewer missed; higher: fewer labels, fewer wrong ones.",
        "zh": "模型的置信度不低于这个值时才给出标签。调低：标签更多、漏掉的更少；调高：标签"
              "更少、错的更少。"},
    "test.report.exact_match": {"en": "Exact match", "zh": "完全匹配率"},
    "test.report.exact_match_help": {"en": "Texts whose labels are all exactly right.",
                                     "zh": "标签全部正确的文本所占的比例。"},
    "test.report.micro_f1": {"en": "Micro-F1", "zh": "Micro-F1"},
    "test.report.micro_f1_help": {"en": "Over all label decisions together.",
                                  "zh": "把所有标签判定放在一起计算。"},
    "test.report.macro_f1": {"en": "Macro-F1", "zh": "Macro-F1"},
    "test.report.macro_f1_help": {"en": "The average over labels, so rare labels count as much.",
                                  "zh": "各标签得分的平均值，因此少见标签同等重要。"},
    "test.report.rescored": {
        "en": "Scores recomputed at threshold {threshold}; the model was scored at {saved}. "
              "The downloaded model's usage snippet leaves the threshold to you.",
        "zh": "得分已按阈值 {threshold} 重新计算；模型原先按 {saved} 评分。下载的模型附带的"
              "用法示例由你自行设定阈值。"},
    "test.report.no_scores": {
        "en": "This run saved no per-text probabilities, so the threshold cannot be changed "
              "here; these are the scores at the saved threshold.",
        "zh": "这次运行没有保存每条文本的概率，因此这里无法调整阈值；以下是按保存的阈值计算的"
              "得分。"},
    # ----- report: entities ----------------------------------------------------------------------
    "test.report.per_type_title": {"en": "Scores per entity type", "zh": "各实体类型得分"},
    "test.report.per_type_caption": {
        "en": "An entity counts as right only when its type and its exact words both match.",
        "zh": "只有类型和词语都完全一致时，实体才算正确。"},
    "test.report.no_sentences": {"en": "This run saved no per-sentence predictions to show.",
                                 "zh": "这次运行没有保存逐句的预测结果，无法展示。"},
    "test.report.sentences_title_test": {
        "en": "**Test sentences: correct entities next to the model's**",
        "zh": "**测试集句子：正确的实体与模型标出的实体对照**"},
    "test.report.sentences_title_validation": {
        "en": "**Validation sentences: correct entities next to the model's**",
        "zh": "**验证集句子：正确的实体与模型标出的实体对照**"},
    "test.report.only_mistakes": {"en": "Only sentences with mistakes", "zh": "只看有错误的句子"},
    "test.report.only_mistakes_help": {
        "en": "Hide the sentences where the model found exactly the right entities.",
        "zh": "隐藏模型找出的实体完全正确的句子。"},
    "test.report.sentences_count": {"en": "Sentences to show", "zh": "显示的句子数"},
    "test.report.sentences_count_help": {"en": "How many sentences to list on the page.",
                                         "zh": "页面上列出多少个句子。"},
    "test.report.no_mistakes": {
        "en": "No mistakes: every sentence has exactly the right entities.",
        "zh": "没有错误：每个句子的实体都完全正确。"},
    "test.report.column_correct": {"en": "Correct", "zh": "正确答案"},
    "test.report.column_model": {"en": "Model", "zh": "模型"},
    "test.report.sentences_shown": {
        "en": {"one": "{shown} of {count} sentence shown.",
               "other": "{shown} of {count} sentences shown."},
        "zh": "共 {count} 个句子，显示了 {shown} 个。"},
    "test.report.none": {
        "en": "This run has no report: it was stopped before it could be scored, or its "
              "eval.json is missing. Train it again to get one.",
        "zh": "这次运行没有报告：它在评分之前就被停止了，或者缺少 eval.json。重新训练一次即可"
              "得到报告。"},
    "test.report.on_validation": {
        "en": "This run kept no test examples, so the scores below are on the validation "
              "examples. Those also chose the best checkpoint, so they may be slightly "
              "optimistic. Give a test share above 0 on the Data page for a fair score.",
        "zh": "这次运行没有留出测试集样本，因此下面的得分来自验证集样本。验证集也用来挑选最佳"
              "检查点，所以得分可能略偏乐观。要得到公正的得分，请在“数据”页把测试集比例设为"
              "大于 0。"},
    # ----- mistakes -----------------------------------------------------------------------------
    "test.mistakes.none": {
        "en": "This run saved no per-example predictions, so there are no mistakes to list.",
        "zh": "这次运行没有保存逐条样本的预测结果，因此没有可列出的错误。"},
    "test.mistakes.relabel_help": {
        "en": "A CSV to open in a spreadsheet: fix the labels in the empty 'corrected_label' "
              "column, then train again with the corrected file.",
        "zh": "一个可以用电子表格打开的 CSV：在空白的 'corrected_label' 列中改正标签，然后用"
              "改正后的文件重新训练。"},
    "test.mistakes.ner_title": {
        "en": {"one": "**{count} of {n} {split} sentences has a mistake**",
               "other": "**{count} of {n} {split} sentences have a mistake**"},
        "zh": "**{n} 个{split}句子中有 {count} 个出错**"},
    "test.mistakes.download_sentences": {"en": "Download these sentences (CSV)",
                                         "zh": "下载这些句子（CSV）"},
    "test.mistakes.confidence": {"en": "confidence", "zh": "置信度"},
    "test.mistakes.confidence_help": {"en": "How sure the model was of its answer.",
                                      "zh": "模型对自己答案的把握有多大。"},
    "test.mistakes.title": {
        "en": "**Wrong on {count} of {n} {split} texts**, the most confident mistakes first: "
              "those are often examples with a wrong label.",
        "zh": "**在 {n} 条{split}文本中答错了 {count} 条**，置信度最高的错误排在最前：这些往往"
              "是标签标错的样本。"},
    "test.mistakes.all_right": {"en": "The model gets every example right.",
                                "zh": "模型答对了每一个样本。"},
    "test.mistakes.download": {"en": "Download the mistakes to relabel (CSV)",
                               "zh": "下载错误样本以便重新标注（CSV）"},
    "test.mistakes.unsure_title": {
        "en": "**Right, but barely**: the correct answers the model was least sure of.",
        "zh": "**答对了，但很勉强**：模型答对却最没把握的样本。"},
    "test.mistakes.download_unsure": {"en": "Download these (CSV)", "zh": "下载这些样本（CSV）"},
    # ----- try it ----------------------------------------------------------------------------
    "test.play.text": {"en": "Text to try", "zh": "要试的文本"},
    "test.play.text_placeholder": {"en": "Type or paste a text, then press Ctrl+Enter.",
                                   "zh": "输入或粘贴一段文本，然后按 Ctrl+Enter。"},
    "test.play.text_help": {
        "en": "The model answers when you press Ctrl+Enter or click outside the box.",
        "zh": "按 Ctrl+Enter 或点击输入框外部时，模型就会给出答案。"},
    "test.play.pair": {"en": "Second text", "zh": "第二段文本"},
    "test.play.pair_help": {"en": "This model reads pairs of texts; this is the '{column}' part.",
                            "zh": "这个模型读取成对的文本；这里是 '{column}' 那一部分。"},
    "test.play.top_k": {"en": "Labels to show", "zh": "显示的标签数"},
    "test.play.top_k_help": {"en": "How many of the most likely labels to draw.",
                             "zh": "画出可能性最高的前几个标签。"},
    "test.play.empty": {"en": "The answer appears here.", "zh": "答案会显示在这里。"},
    "test.play.no_entities": {"en": "No entities found in this text.",
                              "zh": "这段文本中没有找到实体。"},
    "test.play.entity_text": {"en": "text", "zh": "文本"},
    "test.play.entity_type": {"en": "type", "zh": "类型"},
    "test.play.entity_score": {"en": "score", "zh": "置信度"},
    "test.play.entity_start": {"en": "start", "zh": "起始位置"},
    "test.play.entity_end": {"en": "end", "zh": "结束位置"},
    "test.play.no_label": {"en": "(no label reaches the threshold)",
                           "zh": "（没有标签达到阈值）"},
    "test.play.answer": {"en": "Model's answer", "zh": "模型的答案"},
    "test.play.answer_help": {"en": "The label the model picks for this text.",
                              "zh": "模型为这段文本选出的标签。"},
    "test.play.sure": {"en": "{percent} sure", "zh": "置信度 {percent}"},
    "test.play.latency": {"en": "Answered in {ms} ms on {device}.",
                          "zh": "在 {device} 上用时 {ms} 毫秒给出答案。"},
    # ----- batch prediction --------------------------------------------------------------------
    "test.batch.file": {"en": "File with texts to label", "zh": "含待标注文本的文件"},
    "test.batch.file_help": {
        "en": "CSV, Excel, JSONL, or TXT with one text per line. Up to 100,000 rows work fine; "
              "the page shows a preview and the download has every row.",
        "zh": "CSV、Excel、JSONL，或每行一段文本的 TXT。10 万行以内都没问题；页面上显示预览，"
              "下载的文件包含全部行。"},
    "test.batch.waiting": {"en": "The predictions appear here, and as a CSV to download.",
                           "zh": "预测结果会显示在这里，也可以下载为 CSV。"},
    "test.batch.empty": {"en": "{name} is empty, so there is nothing to predict.",
                         "zh": "{name} 是空的，没有可预测的内容。"},
    "test.batch.empty_fix": {"en": "Choose a file with one text per row.",
                             "zh": "请选择每行一段文本的文件。"},
    "test.batch.reading": {"en": "Reading the file...", "zh": "正在读取文件……"},
    "test.batch.column": {"en": "Column with the texts", "zh": "文本所在的列"},
    "test.batch.column_help": {
        "en": "The column the model reads; the other columns are copied to the output "
              "unchanged.",
        "zh": "模型读取的列；其他列会原样复制到输出中。"},
    "test.batch.pairs": {
        "en": "This model reads pairs of texts; batch prediction gives it only the column "
              "above, so its answers may be off.",
        "zh": "这个模型读取成对的文本，而批量预测只给它上面这一列，因此答案可能不准。"},
    "test.batch.joined": {"en": "As in training, each text is joined with its '{column}' column.",
                          "zh": "与训练时一样，每段文本都会与它的 '{column}' 列拼接。"},
    "test.batch.join_missing": {
        "en": "This model was trained on texts joined with a '{column}' column, which this "
              "file does not have, so its answers may be off.",
        "zh": "这个模型训练时的文本拼接了 '{column}' 列，而这个文件没有该列，因此答案可能不准。"},
    "test.batch.rows": {"en": {"one": "{name}: {count} row.", "other": "{name}: {count} rows."},
                        "zh": "{name}：{count} 行。"},
    "test.batch.run": {"en": {"one": "Predict {count} row", "other": "Predict {count} rows"},
                       "zh": "预测 {count} 行"},
    "test.batch.run_help": {
        "en": "Runs the model on every row; you can keep this tab open to watch.",
        "zh": "用模型处理每一行；可以停留在这个标签页查看进度。"},
    "test.batch.starting": {"en": "Starting...", "zh": "正在开始……"},
    "test.batch.progress": {"en": "{done} of {total} rows", "zh": "{done} / {total} 行"},
    "test.batch.done": {
        "en": {"one": "Predicted {count} row in {duration}.",
               "other": "Predicted {count} rows in {duration}."},
        "zh": "已预测 {count} 行，用时 {duration}。"},
    "test.batch.preview": {
        "en": "The first {shown} rows are shown; the CSV has all {count}.",
        "zh": "这里显示前 {shown} 行；CSV 中包含全部 {count} 行。"},
    "test.batch.download": {"en": "Download the predictions (CSV)", "zh": "下载预测结果（CSV）"},
    "test.batch.download_help": {
        "en": "Every row of your file with the model's answer and how sure it is; cells that "
              "look like formulas are made safe for spreadsheets.",
        "zh": "文件的每一行，附上模型的答案和置信度；看起来像公式的单元格已做处理，在电子表格中"
              "打开是安全的。"},
    # ----- compare -------------------------------------------------------------------------------
    "test.compare.no_other": {
        "en": "Train a second run to compare it with this one on the same texts.",
        "zh": "再训练一个运行，就能在同样的文本上与这个运行比较。"},
    "test.compare.other": {"en": "Compare with", "zh": "与之比较的运行"},
    "test.compare.other_help": {
        "en": "Another run of the same task; both answer the same texts.",
        "zh": "同一任务的另一个运行；两者回答同样的文本。"},
    "test.compare.source": {"en": "On which texts", "zh": "在哪些文本上比较"},
    "test.compare.source_test": {"en": "The test set of this run", "zh": "这个运行的测试集"},
    "test.compare.source_paste": {"en": "Texts I paste", "zh": "我粘贴的文本"},
    "test.compare.source_help": {
        "en": "The test set shows who is right too; pasted texts show only where the two runs "
              "disagree.",
        "zh": "用测试集还能看出谁对谁错；用粘贴的文本只能看出两个运行在哪里意见不同。"},
    "test.compare.texts": {"en": "Texts, one per line", "zh": "文本，每行一段"},
    "test.compare.texts_help": {"en": "Each line is one text for both runs to answer.",
                                "zh": "每一行是一段文本，由两个运行分别回答。"},
    "test.compare.run": {"en": "Compare the two runs", "zh": "比较这两个运行"},
    "test.compare.run_help": {"en": "Runs both models on the same texts.",
                              "zh": "用两个模型处理同样的文本。"},
    "test.compare.pairs": {"en": "Runs that read pairs of texts cannot be compared here yet.",
                           "zh": "读取成对文本的运行暂时不能在这里比较。"},
    "test.compare.pairs_fix": {"en": "Try pairs one at a time in the Try it tab.",
                               "zh": "请在“试一试”标签页中逐对尝试。"},
    "test.compare.answering": {"en": "Both runs are answering...", "zh": "两个运行正在作答……"},
    "test.compare.agree": {
        "en": {"one": "On {source}: the two runs agree on **{agree} of {count}** text.",
               "other": "On {source}: the two runs agree on **{agree} of {count}** texts."},
        "zh": "在{source}上：两个运行在 **{count} 条中的 {agree} 条**文本上答案一致。"},
    "test.compare.truncated": {"en": "Only the first {count} texts were compared.",
                               "zh": "只比较了前 {count} 条文本。"},
    "test.compare.right": {"en": "{name}: right", "zh": "{name}：答对"},
    "test.compare.right_value": {"en": "{correct} of {count}", "zh": "{correct} / {count}"},
    "test.compare.right_help": {
        "en": "Texts where this run's answer equals the correct answer.",
        "zh": "这个运行的答案与正确答案一致的文本数。"},
    "test.compare.no_disagreements": {
        "en": "No disagreements: both runs give the same answer on every text.",
        "zh": "没有分歧：两个运行对每段文本都给出了相同的答案。"},
    "test.compare.disagreements": {
        "en": {"one": "**The {count} text they disagree on**",
               "other": "**The {count} texts they disagree on**"},
        "zh": "**两者答案不同的 {count} 条文本**"},
    "test.compare.download": {"en": "Download the disagreements (CSV)",
                              "zh": "下载有分歧的文本（CSV）"},
    "test.compare.download_help": {"en": "Every text the two runs answer differently.",
                                   "zh": "两个运行答案不同的每一段文本。"},
    # ----- export --------------------------------------------------------------------------------
    "test.export.no_model": {"en": "Run {run} has no saved model to export.",
                             "zh": "运行 {run} 没有可导出的已保存模型。"},
    "test.export.no_model_fix": {"en": "Export a finished or stopped run.",
                                 "zh": "请导出已完成或已停止的运行。"},
    "test.export.what": {
        "en": "The zip holds the model (safetensors), its tokenizer, a config with the label "
              "names, the scores, the run's settings and this model card. It loads with "
              "`transformers.pipeline`, as the card's Usage section shows.",
        "zh": "压缩包中有模型（safetensors）、它的分词器、含标签名称的配置、得分、运行的设置"
              "以及这张模型卡片。可以用 `transformers.pipeline` 加载，用法见卡片的 Usage 部分。"},
    "test.export.download": {"en": "Download the model (.zip)", "zh": "下载模型（.zip）"},
    "test.export.download_help": {
        "en": "The zip is made when you click (a few seconds for a large model).",
        "zh": "点击时才生成压缩包（大模型需要几秒钟）。"},
    # ----- confidences (pages/_calibration.py) --------------------------------------------
    "test.calibration.title": {
        "en": "How far to trust the confidences",
        "zh": "置信度有多可信"},
    "test.calibration.show_chart": {
        "en": "Show the chart",
        "zh": "显示图表"},
    "test.calibration.older_run": {
        "en": "This run was trained before the app adjusted confidences, so a "
              "confidence of 80% may not mean right 80% of the time. Train it "
              "again to get adjusted confidences.",
        "zh": "这次运行是在本应用开始校准置信度之前训练的，因此置信度 80% 未必意味着 80% "
              "的时候是对的。重新训练一次即可得到校准后的置信度。"},
    "test.calibration.too_few_text": {
        "en": "Confidences were not adjusted: the validation set has fewer than "
              "{least} texts, too few to measure how often the model is right. A "
              "confidence of 80% may not mean right 80% of the time.",
        "zh": "置信度没有校准：验证集中的文本少于 {least} 条，太少了，无法衡量模型答对的"
              "频率。置信度 80% 未必意味着 80% "
              "的时候是对的。"},
    "test.calibration.too_few_sentence": {
        "en": "Confidences were not adjusted: the validation set has fewer than "
              "{least} sentences, too few to measure how often the model is "
              "right. A confidence of 80% may not mean right 80% of the time.",
        "zh": "置信度没有校准：验证集中的句子少于 {least} 句，太少了，无法衡量模型答对的"
              "频率。置信度 80% 未必意味着 80% "
              "的时候是对的。"},
    "test.calibration.no_mistakes_text": {
        "en": "Confidences were not adjusted: the model made no mistakes on the "
              "validation texts, so there was nothing to measure its confidence "
              "against.",
        "zh": "置信度没有校准：模型在验证集文本上没有出错，因此没有可以用来衡量其置信度的依据。"},
    "test.calibration.no_mistakes_sentence": {
        "en": "Confidences were not adjusted: the model made no mistakes on the "
              "validation sentences, so there was nothing to measure its "
              "confidence against.",
        "zh": "置信度没有校准：模型在验证集句子上没有出错，因此没有可以用来衡量其置信度的依据。"},
    "test.calibration.no_output_layer_text": {
        "en": "Confidences were not adjusted: this model's output layer is of a "
              "kind the app cannot adjust. A confidence of 80% may not mean right"
              " 80% of the time.",
        "zh": "置信度没有校准：这个模型的输出层属于本应用无法校准的类型。置信度 80% 未必"
              "意味着 80% 的时候是对的。"},
    "test.calibration.no_output_layer_sentence": {
        "en": "Confidences were not adjusted: this model's output layer is of a "
              "kind the app cannot adjust. A confidence of 80% may not mean right"
              " 80% of the time.",
        "zh": "置信度没有校准：这个模型的输出层属于本应用无法校准的类型。置信度 80% 未必"
              "意味着 80% 的时候是对的。"},
    "test.calibration.no_validation_text": {
        "en": "Confidences were not adjusted: the run had no validation texts to "
              "measure them on. A confidence of 80% may not mean right 80% of the"
              " time.",
        "zh": "置信度没有校准：这次运行没有验证集文本可用来衡量。置信度 80% 未必意味着 "
              "80% 的时候是对的。"},
    "test.calibration.no_validation_sentence": {
        "en": "Confidences were not adjusted: the run had no validation sentences"
              " to measure them on. A confidence of 80% may not mean right 80% of"
              " the time.",
        "zh": "置信度没有校准：这次运行没有验证集句子可用来衡量。置信度 80% 未必意味着 "
              "80% 的时候是对的。"},
    "test.calibration.adjusted_single_label": {
        "en": "Confidences were adjusted on the validation texts: when the model "
              "says 80% it is now right about 80% of the time (calibration error "
              "{before} before, {after} after).",
        "zh": "置信度已在验证集文本上校准：模型说 80% 时，现在大约 80% 的时候是对的（校"
              "准误差：校准前 {before}，校准后 "
              "{after}）。"},
    "test.calibration.adjusted_multi_label": {
        "en": "Confidences were adjusted on the validation texts: when the model "
              "gives a label 80%, the text now has that label about 80% of the "
              "time (calibration error {before} before, {after} after). The "
              "decision threshold was chosen after this adjustment.",
        "zh": "置信度已在验证集文本上校准：模型给某个标签 80% 时，现在大约 80% 的时候文"
              "本确实带有这个标签（校准误差：校准前 "
              "{before}，校准后 {after}）。判定阈值是在校准之后选定的。"},
    "test.calibration.adjusted_ner": {
        "en": "Confidences were adjusted on the validation sentences: when the "
              "model tags a word with 80% confidence, the tag is now right about "
              "80% of the time (calibration error {before} before, {after} "
              "after).",
        "zh": "置信度已在验证集句子上校准：模型以 80% 的置信度标注一个词时，现在大约 80"
              "% 的时候标注是对的（校准误差：校准前 "
              "{before}，校准后 {after}）。"},
    "test.calibration.not_better_test_text": {
        "en": "Confidences were adjusted on the validation texts, but on the test"
              " texts they are no closer to how often the model is right "
              "(calibration error {before} before, {after} after). More "
              "validation texts would give a better adjustment.",
        "zh": "置信度已在验证集文本上校准，但在测试集文本上并没有更接近模型答对的频率（"
              "校准误差：校准前 {before}，校准后 "
              "{after}）。更多的验证集文本会带来更好的校准。"},
    "test.calibration.explained_test_text": {
        "en": "The calibration error is how far, on average, the model's "
              "confidence is from how often it is right, measured on the test "
              "texts.",
        "zh": "校准误差是模型的置信度与它实际答对的频率平均相差多少，在测试集文本上测得。"},
    "test.calibration.not_better_test_sentence": {
        "en": "Confidences were adjusted on the validation sentences, but on the "
              "test sentences they are no closer to how often the model is right "
              "(calibration error {before} before, {after} after). More "
              "validation sentences would give a better adjustment.",
        "zh": "置信度已在验证集句子上校准，但在测试集句子上并没有更接近模型答对的频率（"
              "校准误差：校准前 {before}，校准后 "
              "{after}）。更多的验证集句子会带来更好的校准。"},
    "test.calibration.explained_test_sentence": {
        "en": "The calibration error is how far, on average, the model's "
              "confidence is from how often it is right, measured on the test "
              "sentences.",
        "zh": "校准误差是模型的置信度与它实际答对的频率平均相差多少，在测试集句子上测得。"},
    "test.calibration.not_better_validation_text": {
        "en": "Confidences were adjusted on the validation texts, but on the "
              "validation texts they are no closer to how often the model is "
              "right (calibration error {before} before, {after} after). More "
              "validation texts would give a better adjustment.",
        "zh": "置信度已在验证集文本上校准，但在验证集文本上并没有更接近模型答对的频率（"
              "校准误差：校准前 {before}，校准后 "
              "{after}）。更多的验证集文本会带来更好的校准。"},
    "test.calibration.explained_validation_text": {
        "en": "The calibration error is how far, on average, the model's "
              "confidence is from how often it is right, measured on the "
              "validation texts.",
        "zh": "校准误差是模型的置信度与它实际答对的频率平均相差多少，在验证集文本上测得。"},
    "test.calibration.not_better_validation_sentence": {
        "en": "Confidences were adjusted on the validation sentences, but on the "
              "validation sentences they are no closer to how often the model is "
              "right (calibration error {before} before, {after} after). More "
              "validation sentences would give a better adjustment.",
        "zh": "置信度已在验证集句子上校准，但在验证集句子上并没有更接近模型答对的频率（"
              "校准误差：校准前 {before}，校准后 "
              "{after}）。更多的验证集句子会带来更好的校准。"},
    "test.calibration.explained_validation_sentence": {
        "en": "The calibration error is how far, on average, the model's "
              "confidence is from how often it is right, measured on the "
              "validation sentences.",
        "zh": "校准误差是模型的置信度与它实际答对的频率平均相差多少，在验证集句子上测得。"},
    # ----- charts (pages/_report_visuals.py) ----------------------------------------------------
    "test.chart.fine_tuned": {"en": "fine-tuned model", "zh": "微调后的模型"},
    "test.chart.before_after": {"en": "Before vs after fine-tuning ({metric})",
                                "zh": "微调前后对比（{metric}）"},
    "test.chart.per_label": {"en": "Scores per label (weakest first)",
                             "zh": "各标签得分（最弱的在前）"},
    "test.chart.per_type": {"en": "Scores per entity type (weakest first)",
                            "zh": "各实体类型得分（最弱的在前）"},
    "test.chart.score": {"en": "score", "zh": "得分"},
    "test.chart.confusion_hover": {"en": "correct: {correct}<br>model said: {answer}<br>{value}",
                                   "zh": "正确答案：{correct}<br>模型的答案：{answer}<br>{value}"},
    "test.chart.confusion_shares": {"en": "Share of each correct label",
                                    "zh": "占每个正确标签的比例"},
    "test.chart.confusion_counts": {"en": "Number of texts", "zh": "文本条数"},
    "test.chart.model_answer": {"en": "model's answer", "zh": "模型的答案"},
    "test.chart.correct_label": {"en": "correct label", "zh": "正确的标签"},
    "test.chart.yes_from": {"en": "yes from {threshold}", "zh": "从 {threshold} 起判为是"},
    "test.chart.top_k": {"en": "How likely each label is", "zh": "每个标签的可能性"},
    "test.chart.probability": {"en": "probability", "zh": "概率"},
    "test.chart.honest": {"en": "perfectly honest", "zh": "完全可信"},
    "test.chart.before": {"en": "before", "zh": "校准前"},
    "test.chart.after": {"en": "after", "zh": "校准后"},
    "test.chart.reliability_hover": {"en": "said {said}, right {right} ({answers} answers)",
                                     "zh": "给出 {said}，实际答对 {right}（{answers} 个答案）"},
    "test.chart.reliability": {"en": "How sure the model says it is, and how often it is right",
                               "zh": "模型自称的把握与它实际答对的频率"},
    "test.chart.confidence": {"en": "the model's confidence", "zh": "模型的置信度"},
    "test.chart.reliability_y_right": {"en": "how often right", "zh": "答对的频率"},
    "test.chart.reliability_y_single_label": {"en": "how often right", "zh": "答对的频率"},
    "test.chart.reliability_y_ner": {"en": "how often right", "zh": "答对的频率"},
    "test.chart.reliability_y_multi_label": {"en": "how often the label is there",
                                             "zh": "标签确实存在的频率"},
    # ----- label budget (pages/_learning_curve.py) ---------------------------------------------
    "test.curve.baseline": {"en": "Quick keyword model (TF-IDF)", "zh": "快速关键词模型（TF-IDF）"},
    "test.curve.model": {"en": "Your model (Quick preset)", "zh": "你的模型（快速预设）"},
    "test.curve.trend": {"en": "{name}: trend", "zh": "{name}：趋势"},
    "test.curve.labels_now": {"en": "labels now", "zh": "当前标注量"},
    "test.curve.score": {"en": "score", "zh": "得分"},
    "test.curve.x_axis": {"en": "labeled training examples (log scale)",
                          "zh": "已标注的训练样本数（对数刻度）"},
    "test.curve.explained_test": {
        "en": "Each point is trained on a part of this run's training examples (every label in "
              "each part) and scored on the run's test examples. The dotted trend is "
              "a + b·ln(labels) fitted to the points.",
        "zh": "每个点都是用这次运行的一部分训练样本训练的（每一部分都包含所有标签），并在这次"
              "运行的测试集样本上评分。虚线趋势是按这些点拟合的 a + b·ln(标注量)。"},
    "test.curve.explained_validation": {
        "en": "Each point is trained on a part of this run's training examples (every label in "
              "each part) and scored on the run's validation examples. The dotted trend is "
              "a + b·ln(labels) fitted to the points.",
        "zh": "每个点都是用这次运行的一部分训练样本训练的（每一部分都包含所有标签），并在这次"
              "运行的验证集样本上评分。虚线趋势是按这些点拟合的 a + b·ln(标注量)。"},
    "test.curve.progress": {
        "en": "Training the model on growing subsets: {done} of {total} done.",
        "zh": "正在用逐步增大的子集训练模型：已完成 {done} / {total}。"},
    "test.curve.progress_unknown": {
        "en": "Training the model on growing subsets: {done} done.",
        "zh": "正在用逐步增大的子集训练模型：已完成 {done} 个。"},
    "test.curve.failed": {"en": "The learning curve stopped unexpectedly.",
                          "zh": "学习曲线意外中止了。"},
    "test.curve.model_start": {"en": "Train the model on growing subsets",
                               "zh": "用逐步增大的子集训练模型"},
    "test.curve.model_start_help": {
        "en": "Trains this run's model with the Quick preset on each subset, in the background "
              "(several short runs); the curve fills in as they finish.",
        "zh": "在后台用快速预设在每个子集上训练这次运行的模型（若干次短时训练）；每完成一次，"
              "曲线就补上一个点。"},
    "test.curve.intro": {
        "en": "Would more labels help? The score is measured with fewer labels than you have, "
              "and the trend says what more would likely add.",
        "zh": "更多标注会有帮助吗？这里用比现有更少的标注来衡量得分，趋势线则表明再多标注大概"
              "能带来多少提升。"},
    "test.curve.start": {"en": "Draw the learning curve", "zh": "绘制学习曲线"},
    "test.curve.start_help": {
        "en": "Trains the quick keyword model on growing parts of the training data; takes "
              "seconds.",
        "zh": "在逐步增大的训练数据子集上训练快速关键词模型，只需几秒钟。"},
    "test.curve.baseline_spinner": {
        "en": "Training the quick baseline on growing subsets...",
        "zh": "正在用逐步增大的子集训练快速基线……"},
    # ----- question answering (pages/_test_qa.py) ------------------------------------------
    "test.metric.headline_qa": {"en": "answer F1", "zh": "答案 F1"},
    "test.baseline.overlap_question_answering": {
        "en": "The sentence sharing most words with the question",
        "zh": "与问题共用字词最多的句子"},
    "test.report.headline_qa": {
        "en": "Exactly right on {correct} of {n} {split} questions",
        "zh": "在 {n} 个{split}问题中，有 {correct} 个回答完全正确"},
    "test.report.summary_qa": {
        "en": "Exact match **{exact_match}**, F1 **{f1}** (F1 gives part credit when the "
              "answer shares words with the correct one).",
        "zh": "完全匹配率 **{exact_match}**，F1 **{f1}**（回答与正确答案有部分字词相同时，F1 "
              "给部分分数）。"},
    "test.calibration.not_calibrated": {
        "en": "Answer scores are not calibrated: they rank the candidate answers within one "
              "context, so read them as a ranking, not as how often the model is right.",
        "zh": "回答的分数未经校准：它们只在同一段上下文的候选答案之间排序，请把它当作排名，"
              "而不是模型答对的概率。"},
    "test.qa.scores_title": {"en": "Exact match and F1 next to the quick baseline",
                             "zh": "完全匹配率和 F1，与快速基线对比"},
    "test.qa.scores_caption": {
        "en": "Exact match counts an answer only when it is the correct text; F1 also "
              "counts the words it shares with it.",
        "zh": "完全匹配率只在回答与正确文本完全相同时计分；F1 还会计入两者共有的字词。"},
    "test.qa.who": {"en": "model", "zh": "模型"},
    "test.qa.exact_match": {"en": "exact match", "zh": "完全匹配率"},
    "test.qa.f1": {"en": "F1", "zh": "F1"},
    "test.qa.score": {"en": "score", "zh": "分数"},
    "test.qa.has_answer": {
        "en": {"one": "{count} question with an answer",
               "other": "{count} questions with an answer"},
        "zh": "{count} 个有答案的问题"},
    "test.qa.no_answer": {"en": "no answer", "zh": "无答案"},
    "test.qa.has_answer_help": {
        "en": "The questions whose context holds the answer.",
        "zh": "上下文中包含答案的问题。"},
    "test.qa.no_answer_questions": {
        "en": {"one": "{count} question without an answer",
               "other": "{count} questions without an answer"},
        "zh": "{count} 个没有答案的问题"},
    "test.qa.no_answer_questions_help": {
        "en": "The questions the context cannot answer: right when the model says so.",
        "zh": "上下文无法回答的问题：模型回答“无答案”才算对。"},
    "test.qa.em_f1": {"en": "EM {exact} · F1 {f1}", "zh": "完全匹配 {exact} · F1 {f1}"},
    "test.qa.types_title": {"en": "Scores by question type", "zh": "按问题类型的得分"},
    "test.qa.types_caption": {
        "en": "Questions are grouped by their question word; a type with few questions "
              "can swing a lot.",
        "zh": "问题按疑问词分组；问题很少的类型，得分可能波动很大。"},
    "test.qa.type": {"en": "question type", "zh": "问题类型"},
    "test.qa.type_hover": {"en": "{questions} questions", "zh": "{questions} 个问题"},
    "test.qa.type_who": {"en": "who", "zh": "谁"},
    "test.qa.type_what": {"en": "what", "zh": "什么"},
    "test.qa.type_when": {"en": "when", "zh": "何时"},
    "test.qa.type_where": {"en": "where", "zh": "哪里"},
    "test.qa.type_why": {"en": "why", "zh": "为什么"},
    "test.qa.type_how": {"en": "how", "zh": "怎么"},
    "test.qa.type_which": {"en": "which", "zh": "哪个"},
    "test.qa.type_other": {"en": "other", "zh": "其他"},
    "test.qa.legend_gold": {"en": "correct answer", "zh": "正确答案"},
    "test.qa.legend_predicted": {"en": "model's answer", "zh": "模型的回答"},
    "test.qa.legend_both": {"en": "both", "zh": "两者重合"},
    "test.qa.mistakes_title": {
        "en": "**Not fully right on {count} of {n} {split} questions**, the worst first: "
              "a wrong correct answer or a span drawn too wide is often the cause.",
        "zh": "**在 {n} 个{split}问题中，有 {count} 个没有完全答对**，最差的排在最前：原因"
              "常常是标注的答案有误，或答案范围划得太宽。"},
    "test.qa.all_right": {"en": "The model answers every question exactly right.",
                          "zh": "模型的每个回答都完全正确。"},
    "test.qa.shown": {"en": "Questions to show", "zh": "显示的问题数"},
    "test.qa.shown_help": {
        "en": "How many of the wrong answers to draw in their context; the download has all.",
        "zh": "在上下文中显示多少个答错的问题；下载文件包含全部。"},
    "test.qa.column_number": {"en": "#", "zh": "#"},
    "test.qa.column_question": {"en": "question and context", "zh": "问题和上下文"},
    "test.qa.column_gold": {"en": "correct", "zh": "正确答案"},
    "test.qa.column_predicted": {"en": "model", "zh": "模型"},
    "test.qa.column_f1": {"en": "F1", "zh": "F1"},
    "test.qa.download": {"en": "Download the questions to check (CSV)",
                         "zh": "下载待检查的问题（CSV）"},
    "test.qa.download_help": {
        "en": "id, question, context, correct and model answer of each wrong question, with "
              "an empty column for the answer you decide on.",
        "zh": "每个答错问题的编号、问题、上下文、正确答案和模型回答，另有一列空白供你填写"
              "确定的答案。"},
    "test.qa.play_context": {"en": "Context", "zh": "上下文"},
    "test.qa.play_context_placeholder": {
        "en": "Paste a paragraph the answers are in...",
        "zh": "粘贴包含答案的一段文字……"},
    "test.qa.play_context_help": {
        "en": "The text the model looks for answers in; long texts are read in windows.",
        "zh": "模型在其中寻找答案的文字；较长的文字会分段读取。"},
    "test.qa.play_questions": {"en": "Questions (one per line)", "zh": "问题（每行一个）"},
    "test.qa.play_questions_placeholder": {"en": "Who wrote it?", "zh": "这是谁写的？"},
    "test.qa.play_questions_help": {
        "en": "Each line is asked on its own about the context above.",
        "zh": "每一行都会单独就上面的上下文提问。"},
    "test.qa.play_empty": {
        "en": "Paste a context and ask at least one question to see the answers.",
        "zh": "粘贴一段上下文并至少提一个问题，即可看到回答。"},
    "test.qa.play_answer": {"en": "Answer: {answer} (score {score})",
                            "zh": "回答：{answer}（分数 {score}）"},
    "test.qa.play_no_answer": {
        "en": "No answer: the model finds none in the context (score {score}).",
        "zh": "无答案：模型在上下文中找不到答案（分数 {score}）。"},
    "test.compare.not_for_questions": {
        "en": "Comparing two runs that answer questions is not available yet: compare their "
              "reports, which score the same test questions when both runs used the same file.",
        "zh": "暂时还不能比较两个回答问题的运行：请比较它们的报告；两个运行使用同一文件时，"
              "报告评分的是相同的测试问题。"},
    "test.qa.alternative": {"en": "other candidate", "zh": "其他候选"},
    "test.batch.question_column": {"en": "Column with the questions", "zh": "问题所在的列"},
    "test.batch.question_column_help": {
        "en": "The question the model answers on each row; the other columns are copied to "
              "the output unchanged.",
        "zh": "模型在每一行回答的问题；其他列会原样复制到输出中。"},
    "test.batch.context_column": {"en": "Column with the contexts", "zh": "上下文所在的列"},
    "test.batch.context_column_help": {
        "en": "The text each row's answer is looked for in.",
        "zh": "在其中寻找每一行答案的文字。"},
    "test.batch.rows_questions": {
        "en": {"one": "{name}: {count} question.", "other": "{name}: {count} questions."},
        "zh": "{name}：{count} 个问题。"},
    "test.batch.run_questions": {
        "en": {"one": "Answer {count} question", "other": "Answer {count} questions"},
        "zh": "回答 {count} 个问题"},
    "test.batch.run_questions_help": {
        "en": "Finds each row's answer in its context: the output adds the answer, where it "
              "starts and its score.",
        "zh": "在每一行的上下文中寻找答案：输出会加上答案、答案的起始位置和分数。"},
}
