"""Texts of core/cli.py: what the command line prints.

Keys start with 'cli.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- what is wrong with a command's input (UserError message and fix) ----------------
    "cli.no_train.message": {"en": "No training file was given.", "zh": "没有提供训练文件。"},
    "cli.no_train.fix": {"en": "Add --data FILE or --config run.json.",
                         "zh": "请加上 --data FILE 或 --config run.json。"},
    "cli.split_file_missing.message": {"en": "The {split} file {path} does not exist.",
                                       "zh": "{split} 文件 {path} 不存在。"},
    "cli.file_missing.message": {"en": "The file {path} does not exist.",
                                 "zh": "文件 {path} 不存在。"},
    "cli.check_path.fix": {"en": "Check the path.", "zh": "请检查路径。"},
    "cli.not_run_folder.message": {
        "en": "{path} is not a run folder (it has no status.json or config.json).",
        "zh": "{path} 不是运行文件夹（其中没有 status.json 或 config.json）。"},
    "cli.not_run_folder.fix": {"en": "Give a run folder from 'python -m core runs'.",
                               "zh": "请给出 'python -m core runs' 列出的运行文件夹。"},
    "cli.no_run_folder.message": {"en": "No run folder at {path}.",
                                  "zh": "{path} 处没有运行文件夹。"},
    "cli.no_run.message": {"en": "No run {run} in {folder}.",
                           "zh": "{folder} 中没有运行 {run}。"},
    "cli.give_run.fix": {"en": "Give a run folder path or a run id from 'python -m core runs'.",
                         "zh": "请给出运行文件夹的路径，或 'python -m core runs' 列出的运行 ID。"},
    "cli.another_run.message": {"en": "Another run is training ({run}).",
                                "zh": "另一个运行正在训练（{run}）。"},
    "cli.another_run.fix": {
        "en": "Wait for it to end, or leave out --no-wait to queue this run.",
        "zh": "请等它结束，或去掉 --no-wait 让这次运行排队。"},
    "cli.damaged.message": {"en": "Run {run} is damaged: {problem}.",
                            "zh": "运行 {run} 已损坏：{problem}。"},
    "cli.damaged.fix": {
        "en": "Start a new run instead; 'python -m core runs' lists the others.",
        "zh": "请改为开始一个新的运行；'python -m core runs' 会列出其他运行。"},
    "cli.completed.message": {"en": "Run {run} has already completed.",
                              "zh": "运行 {run} 已经完成。"},
    "cli.completed.fix": {"en": "Start a new run to train again.",
                          "zh": "请开始一个新的运行来重新训练。"},
    "cli.still_training.message": {"en": "Run {run} is still training (process {pid}).",
                                   "zh": "运行 {run} 仍在训练（进程 {pid}）。"},
    "cli.still_training.fix": {"en": "Wait for it to end, or stop it first.",
                               "zh": "请等它结束，或先停止它。"},
    "cli.no_column.message": {"en": "{file} has no column {column}.",
                              "zh": "{file} 中没有列 {column}。"},
    "cli.no_column.fix": {"en": "Use one of: {columns}.", "zh": "请使用以下之一：{columns}。"},

    # ----- what the commands print -----------------------------------------------------------
    "cli.error": {"en": "error: {line}", "zh": "错误：{line}"},
    "cli.internal_error": {"en": "internal error: {kind}: {detail}",
                           "zh": "内部错误：{kind}：{detail}"},
    "cli.details": {"en": "Details: {path}", "zh": "详细信息：{path}"},
    "cli.interrupted": {"en": "Interrupted.", "zh": "已中断。"},
    "cli.finding": {"en": "error: {title}: {message} {fix}", "zh": "错误：{title}：{message}{fix}"},
    "cli.run_state": {"en": "Run {state}: {path}", "zh": "运行状态 {state}：{path}"},
    "cli.split_scores": {"en": "  {split}: {scores}", "zh": "  {split}：{scores}"},
    "cli.baseline_scores": {"en": "  baseline {name}: {scores}", "zh": "  基线 {name}：{scores}"},
    "cli.file_summary": {"en": "{file}: {task}, {count} labels",
                         "zh": "{file}：{task}，{count} 个标签"},
    "cli.queued": {
        "en": "Another run is training ({run}); this one is queued and starts when it ends.",
        "zh": "另一个运行正在训练（{run}）；这次运行已排队，将在它结束后开始。"},
    "cli.run_folder": {"en": "Run folder: {path}", "zh": "运行文件夹：{path}"},
    "cli.resuming": {"en": "Resuming run: {path}", "zh": "正在继续运行：{path}"},
    "cli.wrote_predictions": {"en": "Wrote {count} predictions to {path}",
                              "zh": "已把 {count} 条预测写入 {path}"},
    "cli.exported": {"en": "Exported to {path}", "zh": "已导出到 {path}"},
    "cli.damaged_state": {"en": "damaged", "zh": "已损坏"},

    "cli.questions_need_a_qa_run.message": {
        "en": "Run {run} does not answer questions: it labels texts or words.",
        "zh": "运行 {run} 不回答问题：它给文本或词语打标签。"},
    "cli.questions_need_a_qa_run.fix": {
        "en": "Use --text (or --input) with this run, or pick a question-answering run.",
        "zh": "请对这个运行使用 --text（或 --input），或者选择一个问答运行。"},
    "cli.question_needs_context.message": {
        "en": "A question-answering run needs the questions and the text they are about.",
        "zh": "问答运行需要问题以及问题所针对的文本。"},
    "cli.question_needs_context.fix": {
        "en": "Give --question with --context \"...\", or --input FILE with a question and a "
              "context column.",
        "zh": "请同时给出 --question 和 --context \"……\"，"
              "或者用 --input 文件（含问题列和上下文列）。"},

    # ----- argparse help ---------------------------------------------------------------------
    "cli.help.task": {
        "en": "guessed from the file when left out",
        "zh": "留空时根据文件推测"},
    "cli.help.text_column": {
        "en": "column holding the text",
        "zh": "存放文本的列"},
    "cli.help.text_pair_column": {
        "en": "optional second text column",
        "zh": "可选的第二文本列"},
    "cli.help.label_column": {
        "en": "column holding the label",
        "zh": "存放标签的列"},
    "cli.help.split_column": {
        "en": "column saying train / validation / test per row",
        "zh": "为每一行注明 train / validation / test 的列"},
    "cli.help.multi_label": {
        "en": "texts can carry several labels",
        "zh": "一段文本可以带有多个标签"},
    "cli.help.label_separator": {
        "en": "separator between labels of a multi-label row",
        "zh": "多标签行中标签之间的分隔符"},
    "cli.help.no_wait": {
        "en": "refuse (exit 2) instead of queueing when another run is training",
        "zh": "另一个运行正在训练时直接拒绝（退出码 2），而不是排队"},
    "cli.help.validate": {
        "en": "read a data file and print its health report",
        "zh": "读取数据文件并打印其健康报告"},
    "cli.help.tokenizer_model": {
        "en": "model whose tokenizer measures lengths",
        "zh": "用其分词器来衡量长度的模型"},
    "cli.help.json_report": {
        "en": "print the report as JSON",
        "zh": "以 JSON 格式打印报告"},
    "cli.help.train": {
        "en": "train a model and print the run folder",
        "zh": "训练一个模型并打印运行文件夹"},
    "cli.help.data": {
        "en": "training file",
        "zh": "训练文件"},
    "cli.help.validation": {
        "en": "validation file",
        "zh": "验证文件"},
    "cli.help.test": {
        "en": "test file",
        "zh": "测试文件"},
    "cli.help.model": {
        "en": "default, a hub id or a local folder",
        "zh": "default、Hub 上的模型 ID 或本地文件夹"},
    "cli.help.eval_steps": {
        "en": "evaluate and save every N steps",
        "zh": "每 N 步评估并保存一次"},
    "cli.help.lora": {
        "en": "train LoRA adapters",
        "zh": "训练 LoRA 适配器"},
    "cli.help.report_to": {
        "en": "also send the run's settings, curves and model to these experiment trackers",
        "zh": "同时把本运行的设置、曲线和模型发送到这些实验追踪工具"},
    "cli.help.mode": {
        "en": "auto (default), fine-tune, or few-shot for a handful of examples per label",
        "zh": "auto（默认）、fine-tune，或用于每个标签只有少量样本的 few-shot"},
    "cli.help.extend_vocabulary": {
        "en": "add the data's unknown characters and words to the model's vocabulary",
        "zh": "把数据中模型不认识的字符和词加入模型的词表"},
    "cli.help.name": {
        "en": "a name for the run",
        "zh": "这次运行的名称"},
    "cli.help.runs_dir": {
        "en": "folder holding run folders (default: workspace/runs)",
        "zh": "存放运行文件夹的文件夹（默认：workspace/runs）"},
    "cli.help.config": {
        "en": "a run configuration JSON file; flags override it",
        "zh": "运行配置 JSON 文件；命令行参数会覆盖其中的值"},
    "cli.help.json_summary": {
        "en": "print a JSON summary as the last line",
        "zh": "在最后一行打印 JSON 摘要"},
    "cli.help.resume": {
        "en": "continue an interrupted run from its last checkpoint",
        "zh": "从最后一个检查点继续一个被中断的运行"},
    "cli.help.evaluate": {
        "en": "score a finished run on a labeled file",
        "zh": "在一个已标注的文件上为已完成的运行打分"},
    "cli.help.predict": {
        "en": "predict labels or entities with a finished run",
        "zh": "用已完成的运行预测标签或实体"},
    "cli.help.texts": {
        "en": "one or more texts",
        "zh": "一段或多段文本"},
    "cli.help.input": {
        "en": "file of texts (CSV, XLSX, JSONL, TXT)",
        "zh": "文本文件（CSV、XLSX、JSONL、TXT）"},
    "cli.help.output": {
        "en": "CSV file to write predictions to (with --input)",
        "zh": "写入预测结果的 CSV 文件（与 --input 一起使用）"},
    "cli.help.questions": {
        "en": "one or more questions about --context (a question-answering run)",
        "zh": "关于 --context 的一个或多个问题（问答运行）"},
    "cli.help.context": {
        "en": "the text the answers to --question are found in",
        "zh": "可以从中找到 --question 答案的文本"},
    "cli.help.input_question_column": {
        "en": "column of the input file holding the question (question answering)",
        "zh": "输入文件中存放问题的列（问答）"},
    "cli.help.input_context_column": {
        "en": "column of the input file holding the context (question answering)",
        "zh": "输入文件中存放上下文的列（问答）"},
    "cli.help.context_column": {
        "en": "question answering: column holding the paragraph",
        "zh": "问答：存放段落的列"},
    "cli.help.question_column": {
        "en": "question answering: column holding the question",
        "zh": "问答：存放问题的列"},
    "cli.help.answer_column": {
        "en": "question answering: column holding the answer as written in the paragraph",
        "zh": "问答：存放答案原文的列"},
    "cli.help.answer_start_column": {
        "en": "question answering: optional column with the answer's first character",
        "zh": "问答：可选，存放答案起始字符位置的列"},
    "cli.help.id_column": {
        "en": "question answering: optional column with question ids",
        "zh": "问答：可选，存放问题编号的列"},
    "cli.help.stride": {
        "en": "question answering: tokens shared by neighbouring windows of a long context",
        "zh": "问答：长上下文相邻窗口共享的词元数"},
    "cli.help.max_answer_length": {
        "en": "question answering: the longest answer in tokens",
        "zh": "问答：答案的最大词元数"},
    "cli.help.input_text_column": {
        "en": "column of the input file holding the text",
        "zh": "输入文件中存放文本的列"},
    "cli.help.export": {
        "en": "write a zip that loads in transformers.pipeline",
        "zh": "写出一个可以用 transformers.pipeline 加载的 zip"},
    "cli.help.runs": {
        "en": "list the runs in the workspace",
        "zh": "列出工作区中的运行"},
    "cli.help.curve_model": {
        "en": "also train the run's model (Quick preset) on each subset",
        "zh": "也在每个子集上训练该运行的模型（快速预设）"},
    "cli.help.description": {
        "en": "Finetune Studio: train and test text models.",
        "zh": "Finetune Studio：训练并测试文本模型。"},
}
