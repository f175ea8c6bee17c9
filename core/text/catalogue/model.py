"""Texts of pages/model.py and its panels (pages/_model_*.py), and the Model page's words for
the model catalogue (core/models/loading.py) and the training settings (core/config.py).

Keys start with 'model.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "model.page.title": {"en": "Model and training", "zh": "模型与训练"},
    # what failed, when the page itself fails (pages/_errors.py page())
    "model.error.preparing": {"en": "Something went wrong while preparing the training settings.",
                              "zh": "准备训练设置时出了问题。"},
    "model.page.need_data": {
        "en": "First choose your data: the model and settings depend on it.",
        "zh": "请先选择数据：模型和训练设置都取决于数据。",
    },
    "model.page.go_to_data": {"en": "Go to the Data step", "zh": "前往“数据”步骤"},
    "model.page.data_not_ready": {
        "en": "The health report found errors in the data. Fix them first.",
        "zh": "数据体检报告发现了错误，请先修正。",
    },
    "model.page.back_to_data": {"en": "Back to the Data step", "zh": "返回“数据”步骤"},
    "model.page.go_to_help": {"en": "Open that step.", "zh": "打开该步骤。"},
    "model.page.data_text_classification": {
        "en": {"one": "Data: **{dataset}** · text classification · {count} training example · "
                      "{labels} labels",
               "other": "Data: **{dataset}** · text classification · {count} training "
                        "examples · {labels} labels"},
        "zh": "数据：**{dataset}** · 文本分类 · {count} 条训练样本 · {labels} 个标签",
    },
    "model.page.data_token_classification": {
        "en": {"one": "Data: **{dataset}** · entities in texts (token classification) · {count} "
                      "training example · {labels} labels",
               "other": "Data: **{dataset}** · entities in texts (token classification) · "
                        "{count} training examples · {labels} labels"},
        "zh": "数据：**{dataset}** · 文本中的实体（词元分类） · {count} 条训练样本 · "
              "{labels} 个标签",
    },
    # choosing the pretrained model
    "model.choose.label": {"en": "Pretrained model to start from", "zh": "作为起点的预训练模型"},
    "model.choose.help": {
        "en": "The model already knows language; training teaches it your labels. The built-in "
              "one is preselected and needs no internet.",
        "zh": "预训练模型已经懂得语言，训练会教它认识你的标签。默认选中的是内置模型，无需联网。",
    },
    "model.choose.other": {"en": "Another model", "zh": "其他模型"},
    "model.choose.other_caption": {
        "en": "Any model id from the Hugging Face hub, or a folder on this computer.",
        "zh": "Hugging Face Hub 上的任意模型 ID，或这台电脑上的一个文件夹。",
    },
    "model.choose.other_label": {"en": "Model id or folder", "zh": "模型 ID 或文件夹"},
    "model.choose.other_placeholder": {
        "en": "e.g. distilbert-base-uncased or /path/to/model",
        "zh": "例如 distilbert-base-uncased 或 /path/to/model",
    },
    "model.choose.other_help": {
        "en": "A Hugging Face hub id, or the path of a folder with config.json and safetensors "
              "weights.",
        "zh": "Hugging Face Hub 上的模型 ID，或包含 config.json 和 safetensors "
              "权重文件的文件夹路径。",
    },
    "model.choose.no_name": {"en": "No model name was given.", "zh": "没有填写模型名称。"},
    "model.choose.no_name_fix": {
        "en": "Type a hub id or a folder, or pick a model from the list.",
        "zh": "请输入 Hub 上的模型 ID 或文件夹路径，或从列表中选择一个模型。",
    },
    # one line under each model: size · languages · access · speed. note
    "model.caption.line": {
        "en": "{size} · {languages} · {access} · speed: {speed}. {note}",
        "zh": "{size} · {languages} · {access} · 速度：{speed}。{note}",
    },
    "model.caption.size": {"en": "{size}M parameters", "zh": "{size}M 参数"},
    "model.caption.size_unknown": {"en": "size unknown", "zh": "大小未知"},
    "model.caption.offline": {"en": "works offline", "zh": "可离线使用"},
    "model.caption.internet_first": {"en": "needs internet the first time",
                                     "zh": "首次使用需要联网"},
    "model.caption.internet_unreachable": {"en": "needs internet — not reachable now",
                                           "zh": "需要联网——目前无法连接"},
    "model.speed.fast": {"en": "fast", "zh": "快"},
    "model.speed.medium": {"en": "medium", "zh": "中等"},
    "model.speed.slow": {"en": "slow", "zh": "慢"},
    "model.speed.unknown": {"en": "unknown", "zh": "未知"},
    "model.languages.unknown": {"en": "unknown", "zh": "未知"},
    # the curated models of core/models/loading.py CATALOGUE, by model key
    "model.card.default.name": {"en": "MiniLM-L6 (all-MiniLM-L6-v2), built in",
                                "zh": "MiniLM-L6（all-MiniLM-L6-v2），内置"},
    "model.card.default.languages": {"en": "English", "zh": "英文"},
    "model.card.default.note": {
        "en": "Small and fast; works offline; a good first try for English text.",
        "zh": "小巧快速，可离线使用；处理英文文本时很适合先试一试。",
    },
    "model.card.distilbert-base-uncased.name": {"en": "DistilBERT base (uncased)",
                                                "zh": "DistilBERT base（不区分大小写）"},
    "model.card.distilbert-base-uncased.languages": {"en": "English", "zh": "英文"},
    "model.card.distilbert-base-uncased.note": {
        "en": "Twice the size of the default; often a few points better on English.",
        "zh": "大小是默认模型的两倍；在英文上通常高出几个百分点。",
    },
    "model.card.bert-base-uncased.name": {"en": "BERT base (uncased)",
                                          "zh": "BERT base（不区分大小写）"},
    "model.card.bert-base-uncased.languages": {"en": "English", "zh": "英文"},
    "model.card.bert-base-uncased.note": {
        "en": "The classic English encoder; solid accuracy, slower on CPU.",
        "zh": "经典的英文编码器；准确率可靠，在 CPU 上较慢。",
    },
    "model.card.roberta-base.name": {"en": "RoBERTa base", "zh": "RoBERTa base"},
    "model.card.roberta-base.languages": {"en": "English", "zh": "英文"},
    "model.card.roberta-base.note": {
        "en": "Strong English model for classification and entities; slow on CPU.",
        "zh": "擅长英文分类和实体识别的强大模型；在 CPU 上较慢。",
    },
    "model.card.bert-base-chinese.name": {"en": "BERT base Chinese", "zh": "BERT base 中文版"},
    "model.card.bert-base-chinese.languages": {"en": "Chinese", "zh": "中文"},
    "model.card.bert-base-chinese.note": {
        "en": "For Chinese text; reads one character at a time.",
        "zh": "适用于中文文本；逐字读取。",
    },
    "model.card.bert-base-multilingual-cased.name": {"en": "Multilingual BERT (cased)",
                                                     "zh": "多语言 BERT（区分大小写）"},
    "model.card.bert-base-multilingual-cased.languages": {"en": "104 languages",
                                                          "zh": "104 种语言"},
    "model.card.bert-base-multilingual-cased.note": {
        "en": "One model for many languages, including Chinese.",
        "zh": "一个模型支持多种语言，包括中文。",
    },
    "model.card.xlm-roberta-base.name": {"en": "XLM-RoBERTa base", "zh": "XLM-RoBERTa base"},
    "model.card.xlm-roberta-base.languages": {"en": "100 languages", "zh": "100 种语言"},
    "model.card.xlm-roberta-base.note": {
        "en": "The strongest common multilingual model; slowest here.",
        "zh": "常用多语言模型中最强的一个；也是这里最慢的。",
    },
    # presets (their descriptions are advice.preset.*)
    "model.preset.label": {"en": "Preset", "zh": "预设"},
    "model.preset.help": {
        "en": "How much time to spend for how much quality; every value can be changed under "
              "Advanced.",
        "zh": "在训练时间和模型质量之间取舍；每个数值都可以在“高级”中修改。",
    },
    "model.preset.quick": {"en": "Quick", "zh": "快速"},
    "model.preset.balanced": {"en": "Balanced", "zh": "均衡"},
    "model.preset.best": {"en": "Best", "zh": "最佳"},
    "model.run_name.label": {"en": "Run name (optional)", "zh": "运行名称（可选）"},
    "model.run_name.help": {"en": "A name to find this run again in the run list.",
                            "zh": "方便之后在运行列表中找到这次运行的名称。"},
    # training mode
    "model.mode.auto": {"en": "Automatic", "zh": "自动"},
    "model.mode.fine_tune": {"en": "Fine-tune the whole model", "zh": "微调整个模型"},
    "model.mode.few_shot": {"en": "Few-shot (learn from pairs of texts, as SetFit)",
                            "zh": "小样本（从文本对中学习，与 SetFit 相同）"},
    # the model does not know the data's characters
    "model.vocabulary.warning": {
        "en": "The model does not know {share} of the characters and words in your texts (such "
              "as {examples}), so it cannot tell those texts apart.",
        "zh": "模型不认识你的文本中 {share} 的字和词（例如 {examples}），因此无法区分这些文本。",
    },
    "model.vocabulary.either": {
        "en": "**Either** start from a model that reads this language (downloaded once, so it "
              "needs internet):",
        "zh": "**要么**换一个能读懂这种语言的模型作为起点（需要联网下载一次）：",
    },
    "model.vocabulary.use_help": {"en": "Choose {model} as the model to start from.",
                                  "zh": "选择 {model} 作为起点模型。"},
    "model.vocabulary.or": {
        "en": {"one": "**Or** teach this model the {count} unknown character or word that "
                      "occurs at least twice, so it learns it offline:",
               "other": "**Or** teach this model the {count} unknown characters and words that "
                        "occur at least twice, so it learns them offline:"},
        "zh": "**要么**让这个模型学会出现至少两次的 {count} 个陌生字词，无需联网：",
    },
    # advanced settings
    "model.advanced.expander": {"en": "Advanced: every training setting",
                                "zh": "高级：全部训练设置"},
    "model.advanced.caption": {"en": "Empty boxes use the preset's value, shown in grey.",
                               "zh": "留空的输入框使用预设的值（以灰色显示）。"},
    "model.advanced.list_placeholder": {"en": "e.g. query, value", "zh": "例如 query, value"},
    "model.advanced.preset_value": {"en": "preset: {value}", "zh": "预设：{value}"},
    "model.advanced.preset": {"en": "preset", "zh": "预设"},
    "model.choice.scheduler.linear": {"en": "linear", "zh": "线性"},
    "model.choice.scheduler.cosine": {"en": "cosine", "zh": "余弦"},
    "model.choice.scheduler.constant": {"en": "constant", "zh": "恒定"},
    "model.choice.class_weighting.auto": {"en": "auto", "zh": "自动"},
    "model.choice.class_weighting.on": {"en": "on", "zh": "开启"},
    "model.choice.class_weighting.off": {"en": "off", "zh": "关闭"},
    "model.choice.report_to.tensorboard": {"en": "TensorBoard", "zh": "TensorBoard"},
    "model.choice.report_to.mlflow": {"en": "MLflow", "zh": "MLflow"},
    "model.choice.precision.auto": {"en": "auto", "zh": "自动"},
    "model.choice.precision.fp32": {"en": "fp32", "zh": "fp32"},
    "model.choice.precision.bf16": {"en": "bf16", "zh": "bf16"},
    "model.choice.precision.fp16": {"en": "fp16", "zh": "fp16"},
    # the training settings of core/config.py TrainingConfig, by field name
    "model.setting.epochs.label": {"en": "Epochs", "zh": "训练轮数"},
    "model.setting.epochs.help": {"en": "How many times the model reads all training examples.",
                                  "zh": "模型把全部训练样本读几遍。"},
    "model.setting.learning_rate.label": {"en": "Learning rate", "zh": "学习率"},
    "model.setting.learning_rate.help": {
        "en": "Step size of each update; too high diverges, too low learns slowly.",
        "zh": "每次更新的步长；太高会发散，太低学得慢。",
    },
    "model.setting.batch_size.label": {"en": "Batch size", "zh": "批大小"},
    "model.setting.batch_size.help": {"en": "Examples processed together in one step.",
                                      "zh": "每一步一起处理的样本数。"},
    "model.setting.gradient_accumulation.label": {"en": "Gradient accumulation",
                                                  "zh": "梯度累积"},
    "model.setting.gradient_accumulation.help": {
        "en": "Steps whose updates are summed before one change: a larger batch in less memory.",
        "zh": "先累加若干步的更新再一起修改模型：用更少的内存达到更大批次的效果。",
    },
    "model.setting.stride.label": {"en": "Window overlap", "zh": "窗口重叠"},
    "model.setting.stride.help": {
        "en": "Question answering: tokens two neighbouring windows of a long context share, so "
              "no answer is cut in two (auto: a quarter of the window, at most 128).",
        "zh": "问答：长上下文相邻两个窗口共享的词元数，避免答案被切成两半"
              "（自动：窗口的四分之一，最多 128）。"},
    "model.setting.max_answer_length.label": {"en": "Longest answer", "zh": "最长答案"},
    "model.setting.max_answer_length.help": {
        "en": "Question answering: the longest answer, in tokens, the model may give (auto: "
              "covers the training answers).",
        "zh": "问答：模型给出的答案最多可含的词元数（自动：覆盖训练集中的答案）。"},
    "model.setting.max_length.label": {"en": "Max length", "zh": "最大长度"},
    "model.setting.max_length.help": {
        "en": "Longest text in tokens; longer texts are cut (auto covers 99% of texts).",
        "zh": "文本的最大词元数，超出部分会被截断（自动设置可覆盖 99% 的文本）。",
    },
    "model.setting.warmup_ratio.label": {"en": "Warm-up share", "zh": "预热比例"},
    "model.setting.warmup_ratio.help": {
        "en": "Share of training spent slowly raising the learning rate.",
        "zh": "训练开始时用来逐步提高学习率的部分所占的比例。",
    },
    "model.setting.weight_decay.label": {"en": "Weight decay", "zh": "权重衰减"},
    "model.setting.weight_decay.help": {
        "en": "Gentle pull of weights towards zero against overfitting.",
        "zh": "把权重轻轻拉向零，防止过拟合。",
    },
    "model.setting.scheduler.label": {"en": "Learning-rate schedule", "zh": "学习率调度"},
    "model.setting.scheduler.help": {"en": "How the learning rate falls over training.",
                                     "zh": "学习率在训练过程中如何下降。"},
    "model.setting.seed.label": {"en": "Seed", "zh": "随机种子"},
    "model.setting.seed.help": {
        "en": "Random seed: the same seed and data give the same model.",
        "zh": "随机种子：相同的种子和数据会得到相同的模型。",
    },
    "model.setting.eval_steps.label": {"en": "Evaluation interval", "zh": "评估间隔"},
    "model.setting.eval_steps.help": {
        "en": "Evaluate and save every N steps (empty: once per epoch).",
        "zh": "每隔 N 步评估并保存一次（留空：每轮一次）。",
    },
    "model.setting.early_stopping_patience.label": {"en": "Early-stopping patience",
                                                    "zh": "提前停止的耐心"},
    "model.setting.early_stopping_patience.help": {
        "en": "Stop after this many evaluations without improvement (0 turns it off).",
        "zh": "连续这么多次评估没有提升就停止训练（0 表示关闭）。",
    },
    "model.setting.class_weighting.label": {"en": "Class weighting", "zh": "类别加权"},
    "model.setting.class_weighting.help": {
        "en": "Give rare classes more weight (auto: only when classes are imbalanced).",
        "zh": "给少见的类别更高的权重（自动：仅在类别不均衡时启用）。",
    },
    "model.setting.lora.label": {"en": "LoRA", "zh": "LoRA"},
    "model.setting.lora.help": {
        "en": "Train small LoRA adapters instead of all weights (less memory).",
        "zh": "只训练小型 LoRA 适配器，而不是全部权重（占用内存更少）。",
    },
    "model.setting.lora_r.label": {"en": "LoRA rank", "zh": "LoRA 秩"},
    "model.setting.lora_r.help": {
        "en": "Rank of the LoRA adapters: higher learns more, costs more.",
        "zh": "LoRA 适配器的秩：越高学得越多，开销也越大。",
    },
    "model.setting.lora_alpha.label": {"en": "LoRA alpha", "zh": "LoRA alpha"},
    "model.setting.lora_alpha.help": {"en": "Scale of the LoRA update, usually twice the rank.",
                                      "zh": "LoRA 更新的缩放系数，通常是秩的两倍。"},
    "model.setting.lora_dropout.label": {"en": "LoRA dropout", "zh": "LoRA dropout"},
    "model.setting.lora_dropout.help": {"en": "Dropout inside the LoRA adapters.",
                                        "zh": "LoRA 适配器内部的 dropout 比例。"},
    "model.setting.lora_target_modules.label": {"en": "LoRA target modules",
                                                "zh": "LoRA 目标模块"},
    "model.setting.lora_target_modules.help": {
        "en": "Layers that get adapters (empty: the attention layers).",
        "zh": "添加适配器的层（留空：注意力层）。",
    },
    "model.setting.freeze_encoder.label": {"en": "Freeze the encoder", "zh": "冻结编码器"},
    "model.setting.freeze_encoder.help": {
        "en": "Train only the classification head; fast but usually less accurate.",
        "zh": "只训练分类头；速度快，但通常不够准确。",
    },
    "model.setting.group_by_length.label": {"en": "Group by length", "zh": "按长度分组"},
    "model.setting.group_by_length.help": {
        "en": "Batch texts of similar length together; faster with the same results.",
        "zh": "把长度相近的文本放在同一批次；结果相同，速度更快。",
    },
    "model.setting.precision.label": {"en": "Precision", "zh": "数值精度"},
    "model.setting.precision.help": {
        "en": "Number format: auto uses bf16/fp16 on a GPU, fp32 on CPU.",
        "zh": "数值格式：自动模式在 GPU 上使用 bf16/fp16，在 CPU 上使用 fp32。",
    },
    "model.setting.mode.label": {"en": "Training mode", "zh": "训练方式"},
    "model.setting.mode.help": {
        "en": "Fine-tune the whole model, or few-shot mode for a handful of examples per label "
              "(auto: few-shot below 32 examples per label with the built-in sentence model).",
        "zh": "微调整个模型，或在每个标签只有少量样本时使用小样本模式（自动：使用内置句子模型且每个"
              "标签少于 32 条样本时选择小样本模式）。",
    },
    "model.setting.extend_vocabulary.label": {"en": "Extend the vocabulary", "zh": "扩充词表"},
    "model.setting.extend_vocabulary.help": {
        "en": "Add the characters and words of your texts that the model does not know to its "
              "vocabulary, so it can learn them (for a language the model was not trained on).",
        "zh": "把文本中模型不认识的字和词加入它的词表，让它能够学会"
              "（适用于模型训练时没有见过的语言）。",
    },
    # the estimate of time and memory
    "model.estimate.spinner": {"en": "Timing a few training steps on this machine...",
                               "zh": "正在本机上试跑几个训练步骤以估算时间……"},
    "model.estimate.line": {
        "en": {"one": "**Estimate:** about **{time}** on {device}, **{memory}** of memory, "
                      "{count} training step.",
               "other": "**Estimate:** about **{time}** on {device}, **{memory}** of memory, "
                        "{count} training steps."},
        "zh": "**预估**：在 {device} 上约需 **{time}**，占用 **{memory}** 内存，"
              "共 {count} 个训练步骤。",
    },
    "model.estimate.seconds": {"en": "{low}-{high} s", "zh": "{low}-{high} 秒"},
    "model.estimate.minutes": {"en": "{low}-{high} min", "zh": "{low}-{high} 分钟"},
    "model.estimate.hours": {"en": "{low}-{high} h", "zh": "{low}-{high} 小时"},
    "model.estimate.basis.measured": {
        "en": "From the speed of your earlier runs of this model on this machine.",
        "zh": "根据这个模型之前在本机上运行的速度得出。",
    },
    "model.estimate.basis.probe": {
        "en": "From a few training steps of this model timed on this machine; the estimate gets "
              "closer after your first run.",
        "zh": "根据这个模型在本机上试跑几个训练步骤的用时得出；第一次运行之后，估算会更准确。",
    },
    "model.estimate.basis.rough": {
        "en": "A rough guess from the model's size, because this model was not timed on this "
              "machine yet; the Train page shows the real remaining time once training runs.",
        "zh": "这个模型还没有在本机上测过速度，所以只是根据模型大小粗略估算；"
              "训练开始后，“训练”页面会显示真实的剩余时间。",
    },
    # spinners while the page reads the data and checks the model
    "model.spinner.labels": {"en": "Reading the labels...", "zh": "正在读取标签……"},
    "model.spinner.model": {"en": "Checking the model...", "zh": "正在检查模型……"},
    "model.spinner.vocabulary": {"en": "Checking which characters the model knows...",
                                 "zh": "正在检查模型认识哪些字……"},
    # starting the run
    "model.start.button": {"en": "Start training", "zh": "开始训练"},
    "model.start.help": {
        "en": "Training runs in the background; you can close the tab and come back.",
        "zh": "训练在后台进行；你可以关闭这个标签页，稍后再回来。",
    },
    "model.start.queued": {
        "en": "Another run is training right now. This run waits in line and starts by itself "
              "when that one ends.",
        "zh": "另一个运行正在训练。这次运行会排队等候，在那个运行结束后自动开始。",
    },
    "model.start.started": {
        "en": "Training started. It keeps going if you close this tab.",
        "zh": "训练已开始。即使关闭这个标签页，训练也会继续。",
    },
    "model.page.data_question_answering": {
        "en": {"one": "Data: **{dataset}** · question answering · {count} training question · "
                      "{windows} windows",
               "other": "Data: **{dataset}** · question answering · {count} training "
                        "questions · {windows} windows"},
        "zh": "数据：**{dataset}** · 问答 · {count} 个训练问题 · {windows} 个窗口",
    },
    "model.estimate.windows": {
        "en": {"one": "Counted in windows: the {count} training question is read as "
                      "{windows} windows of {max_length} tokens.",
               "other": "Counted in windows: the {count} training questions are read as "
                        "{windows} windows of {max_length} tokens."},
        "zh": "按窗口计算：{count} 个训练问题会被读成 {windows} 个 {max_length} 词元长的窗口。",
    },
}
