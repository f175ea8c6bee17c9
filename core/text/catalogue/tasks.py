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
    "tasks.unknown.message": {"en": "Unknown task {task}.", "zh": "未知的任务 {task}。"},
    "tasks.unknown.fix": {"en": "Use one of: {names}.", "zh": "请使用以下任务之一：{names}。"},
}
