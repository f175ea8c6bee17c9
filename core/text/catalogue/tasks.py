"""Texts of core/tasks: the tasks' titles (core/tasks/__init__.py task_title()).

Keys start with 'tasks.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "tasks.title.text_classification": {"en": "Text classification (a label per text)",
                                        "zh": "文本分类（每条文本一个标签）"},
    "tasks.title.token_classification": {"en": "Entity recognition (a tag per word)",
                                         "zh": "实体识别（每个词一个标记）"},
    "tasks.title.question_answering": {"en": "Question answering (the answer is a span of the "
                                             "context)",
                                       "zh": "抽取式问答（答案是上下文中的一段）"},
    "tasks.stride_too_long.message": {
        "en": "A window overlap of {stride} tokens leaves too little new context in windows of "
              "{max_length} tokens.",
        "zh": "窗口重叠 {stride} 个词元时，{max_length} 个词元的窗口中留给新上下文的空间太少。"},
    "tasks.stride_too_long.fix": {
        "en": "Set the window overlap to at most {most} tokens, or leave it empty to choose it "
              "automatically.",
        "zh": "请把窗口重叠设为最多 {most} 个词元，或留空以自动选择。"},
    "tasks.unknown.message": {"en": "Unknown task {task}.", "zh": "未知的任务 {task}。"},
    "tasks.unknown.fix": {"en": "Use one of: {names}.", "zh": "请使用以下任务之一：{names}。"},
}
