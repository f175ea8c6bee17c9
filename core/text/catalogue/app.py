"""Texts of app.py: the page titles in the navigation and the shared sidebar."""

TEXTS = {
    "app.title": {"en": "Finetune Studio", "zh": "Finetune Studio"},
    "app.nav.data": {"en": "1. Data", "zh": "1. 数据"},
    "app.nav.model": {"en": "2. Model", "zh": "2. 模型"},
    "app.nav.train": {"en": "3. Train", "zh": "3. 训练"},
    "app.nav.test": {"en": "4. Test", "zh": "4. 测试"},
    "app.nav.deploy": {"en": "5. Deploy", "zh": "5. 部署"},
    "app.nav.label": {"en": "Label texts", "zh": "标注文本"},
    "app.nav.runs": {"en": "Runs", "zh": "训练记录"},
    # Bilingual in both languages, so whoever cannot read the current one still finds it.
    "app.language.label": {"en": "Language / 语言", "zh": "语言 / Language"},
    "app.language.help": {
        "en": "The language of the app. Switching keeps your data, settings and runs as they "
              "are. Add ?lang=zh or ?lang=en to the address to open the app in that language.",
        "zh": "界面使用的语言。切换语言不会改变你的数据、设置和训练记录。在网址后加上 ?lang=zh "
              "或 ?lang=en 可以直接用该语言打开。",
    },
    "app.active.none": {"en": "No run is training right now.", "zh": "目前没有正在训练的任务。"},
    "app.active.heading": {"en": "Training now", "zh": "正在训练"},
    "app.active.progress": {
        "en": "{name}: step {step} of {total}, {left} left",
        "zh": "{name}：第 {step} 步，共 {total} 步，还剩 {left}",
    },
    "app.active.progress_no_eta": {
        "en": "{name}: step {step} of {total}",
        "zh": "{name}：第 {step} 步，共 {total} 步",
    },
    "app.active.progress_no_total": {
        "en": "{name}: step {step}",
        "zh": "{name}：第 {step} 步",
    },
    # Until pages/_errors.py takes whole sentences, guarded() puts this into its own sentence
    # "Something went wrong while {doing}."
    "app.doing.check_runs": {"en": "checking the training runs", "zh": "检查训练任务"},
    "app.workspace.caption": {"en": "Workspace: `{folder}`", "zh": "工作区：`{folder}`"},
    "app.workspace.help": {
        "en": "Runs and uploaded files are kept in this folder. Set the environment variable "
              "FINETUNE_STUDIO_WORKSPACE to use another one.",
        "zh": "训练记录和上传的文件保存在这个文件夹中。如需使用其他文件夹，请设置环境变量 "
              "FINETUNE_STUDIO_WORKSPACE。",
    },
}
