"""Texts of core/train/distill.py: a smaller model made from a finished run (some of its layers,
trained to imitate the run's model): its name, its settings and why one cannot be made.

Keys start with 'distill.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- the run's name, and how a run says what it was made from ----------------------------
    "distill.name": {
        "en": {"one": "Smaller model ({layers} of {count} layer)",
               "other": "Smaller model ({layers} of {count} layers)"},
        "zh": "精简模型（{count} 层中的 {layers} 层）"},
    "distill.made_from": {
        "en": {"one": "A smaller model: {layers} of the {count} layer of run {run}, "
                      "trained to imitate it.",
               "other": "A smaller model: {layers} of the {count} layers of run {run}, "
                        "trained to imitate it."},
        "zh": "精简模型：从运行 {run} 的 {count} 层中取 {layers} 层，并训练它模仿原模型。"},
    # ----- RunConfig fields ---------------------------------------------------------------------
    "distill.field.distill_from.label": {"en": "Smaller model of run", "zh": "精简自运行"},
    "distill.field.distill_from.help": {
        "en": "The finished run whose model this run learns to imitate with fewer layers "
              "(empty: an ordinary run).",
        "zh": "本运行用更少的层去模仿其模型的那个已完成运行（留空：普通运行）。"},
    "distill.field.student_layers.label": {"en": "Layers kept", "zh": "保留的层数"},
    "distill.field.student_layers.help": {
        "en": "How many of the encoder layers of that run's model the smaller model keeps "
              "(spread over its depth, the last one included).",
        "zh": "精简模型保留该运行模型编码器的层数（均匀分布在各层之间，包括最后一层）。"},
    "distill.field.teacher_layers.label": {"en": "Layers of the imitated model",
                                           "zh": "被模仿模型的层数"},
    "distill.field.teacher_layers.help": {
        "en": "How many encoder layers the imitated run's model has (written when the smaller "
              "model is made).",
        "zh": "被模仿运行的模型编码器共有多少层（制作精简模型时记下）。"},
    # ----- why a smaller model cannot be made ----------------------------------------------------
    "distill.unknown_run.message": {
        "en": "There is no run {run} in the workspace to make a smaller model from.",
        "zh": "工作区中没有运行 {run}，无法从它制作精简模型。"},
    "distill.unknown_run.fix": {
        "en": "Pick a finished run from the run list.",
        "zh": "请从运行列表中选择一个已完成的运行。"},
    "distill.bad_run_id.message": {
        "en": "{run} is not a run id, so no smaller model can be made from it.",
        "zh": "{run} 不是运行编号，无法从它制作精简模型。"},
    "distill.no_model.message": {
        "en": "Run {run} has no saved model to make a smaller model from.",
        "zh": "运行 {run} 没有已保存的模型，无法从它制作精简模型。"},
    "distill.no_model.fix": {
        "en": "Let the run finish training first, or pick a run that has finished.",
        "zh": "请先让该运行完成训练，或选择一个已完成的运行。"},
    "distill.no_record.message": {
        "en": "The settings of run {run} cannot be read, so its data is unknown.",
        "zh": "无法读取运行 {run} 的设置，因此不知道它用的数据。"},
    "distill.no_record.fix": {
        "en": "Pick another finished run, or train this one again.",
        "zh": "请选择另一个已完成的运行，或重新训练这个运行。"},
    "distill.too_many_layers.message": {
        "en": {"one": "A smaller model of run {run} must keep fewer than its {count} layer; "
                      "{layers} asked.",
               "other": "A smaller model of run {run} must keep fewer than its {count} layers; "
                        "{layers} asked."},
        "zh": "运行 {run} 的精简模型保留的层数必须少于它的 {count} 层，但要求的是 {layers} 层。"},
    "distill.too_many_layers.fix": {
        "en": {"one": "Keep 1 layer.", "other": "Keep between 1 and {count} layers."},
        "zh": "请保留 1 到 {count} 层。"},
    "distill.too_few_layers.message": {
        "en": "A smaller model must keep at least one layer; {layers} asked.",
        "zh": "精简模型至少要保留一层，但要求的是 {layers} 层。"},
    "distill.one_layer.message": {
        "en": "The model of run {run} has a single layer; it cannot be made smaller this way.",
        "zh": "运行 {run} 的模型只有一层，无法用这种方式精简。"},
    "distill.one_layer.fix": {
        "en": "Try the ONNX int8 format instead, which makes a model smaller without "
              "dropping layers.",
        "zh": "请改用 ONNX int8 格式，它无需去掉层也能让模型变小。"},
    "distill.no_layers.message": {
        "en": "The model of run {run} does not say how many layers it has.",
        "zh": "运行 {run} 的模型没有说明它有多少层。"},
    "distill.incomplete.message": {
        "en": "A smaller model needs both the run it imitates and the number of layers it "
              "keeps.",
        "zh": "精简模型需要同时指定要模仿的运行和保留的层数。"},
    "distill.incomplete.fix": {
        "en": "Make the smaller model from the run's Deploy page or with the distill command.",
        "zh": "请在该运行的部署页面或用 distill 命令制作精简模型。"},
    "distill.labels_changed.message": {
        "en": "The data of run {run} now has other labels than its model learned, so the "
              "smaller model cannot imitate it.",
        "zh": "运行 {run} 的数据现在的标签与其模型学到的不同，精简模型无法模仿它。"},
    "distill.labels_changed.fix": {
        "en": "Train a new run on this data first, then make the smaller model from that run.",
        "zh": "请先用这份数据训练一个新运行，再从那个运行制作精简模型。"},
}
