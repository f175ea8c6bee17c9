"""Texts of mode advice, comparison verdicts, label-budget sentences (core/evaluate/verdict.py,
significance, label training).

Keys start with 'advice.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # core/train/presets.py: what each preset does, shown under its name on the Model page
    "advice.preset.quick": {
        "en": "A first model in minutes: fewer passes over the data and shorter texts; good to "
              "check that things work.",
        "zh": "几分钟就能得到第一个模型：遍历数据的轮数更少，文本截得更短，适合先确认流程能跑通。",
    },
    "advice.preset.balanced": {
        "en": "The recommended choice: enough passes for a good model, with early stopping so it "
              "does not train longer than it helps.",
        "zh": "推荐选项：训练轮数足以得到一个好模型，并且会提前停止，不会在没有收益后继续训练。",
    },
    "advice.preset.best": {
        "en": "The most accurate: more passes and longer texts, with patient early stopping; "
              "takes about twice as long as Balanced.",
        "zh": "效果最好：训练轮数更多、文本更长，提前停止也更有耐心；耗时约为“均衡”的两倍。",
    },
    # core/train/few_shot.py: why few-shot mode cannot train a run
    "advice.mode.only_single_label": {
        "en": "Few-shot mode serves single-label text classification only.",
        "zh": "小样本模式只适用于单标签文本分类。",
    },
    "advice.mode.no_pairs": {
        "en": "Few-shot mode reads single texts, not pairs of texts.",
        "zh": "小样本模式只能读取单条文本，不能读取文本对。",
    },
    "advice.mode.no_lora": {
        "en": "Few-shot mode trains the whole sentence model, so LoRA and a frozen encoder do "
              "not apply.",
        "zh": "小样本模式会训练整个句子模型，因此不能使用 LoRA，也不能冻结编码器。",
    },
    "advice.mode.needs_local_model": {
        "en": "Few-shot mode needs a model already on this machine, such as the built-in one.",
        "zh": "小样本模式需要一个已在本机上的模型，例如内置模型。",
    },
    "advice.mode.needs_bert": {
        "en": "Few-shot mode needs a BERT-type model such as the built-in one.",
        "zh": "小样本模式需要 BERT 类模型，例如内置模型。",
    },
    "advice.mode.choose_another": {
        "en": "Choose the training mode 'fine-tune' or 'auto'.",
        "zh": "请将训练方式改为“微调整个模型”或“自动”。",
    },
    # core/train/few_shot.py: the mode a run will train in, and why (one sentence each)
    "advice.mode.few_shot_chosen": {
        "en": "Few-shot mode, as chosen: the model first learns which texts belong together, "
              "then a simple classifier decides.",
        "zh": "按你的选择使用小样本模式：模型先学习哪些文本属于同一类，"
              "再由一个简单的分类器做出判断。",
    },
    "advice.mode.fine_tune_chosen": {
        "en": "Fine-tuning, as chosen: the whole model learns your labels.",
        "zh": "按你的选择进行微调：整个模型都会学习你的标签。",
    },
    "advice.mode.few_shot_auto": {
        "en": {"one": "Few-shot mode: with about {count} example per label, fine-tuning is "
                      "unsteady, so the model first learns from pairs of texts which ones share "
                      "a label (as in SetFit), then a simple classifier decides.",
               "other": "Few-shot mode: with about {count} examples per label, fine-tuning is "
                        "unsteady, so the model first learns from pairs of texts which ones "
                        "share a label (as in SetFit), then a simple classifier decides."},
        "zh": "小样本模式：每个标签只有约 {count} 条样本，直接微调不稳定，因此模型先从文本对中学习"
              "哪些文本属于同一标签（与 SetFit 相同），再由一个简单的分类器做出判断。",
    },
    "advice.mode.fine_tune_not_sentence_model": {
        "en": {"one": "Fine-tuning: few-shot mode would suit about {count} example per label, "
                      "but it starts from a sentence model such as the built-in one.",
               "other": "Fine-tuning: few-shot mode would suit about {count} examples per "
                        "label, but it starts from a sentence model such as the built-in one."},
        "zh": "微调：每个标签约 {count} 条样本，本来适合小样本模式，但小样本模式需要从句子模型"
              "（例如内置模型）开始训练。",
    },
    "advice.mode.fine_tune_enough": {
        "en": {"one": "Fine-tuning: about {count} example per label is enough to fine-tune the "
                      "whole model.",
               "other": "Fine-tuning: about {count} examples per label are enough to fine-tune "
                        "the whole model."},
        "zh": "微调：每个标签约有 {count} 条样本，足以微调整个模型。",
    },
    "advice.mode.fine_tune_because": {
        "en": "Fine-tuning the whole model. {reason}",
        "zh": "将微调整个模型。{reason}",
    },
}
