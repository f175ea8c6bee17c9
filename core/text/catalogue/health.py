"""Texts of core/data health findings and their fixes.

Keys start with 'health.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "health.part.train": {"en": "train", "zh": "训练集"},
    "health.part.validation": {"en": "validation", "zh": "验证集"},
    "health.part.test": {"en": "test", "zh": "测试集"},
    "health.part.of_file": {"en": "{source} ({part})", "zh": "{source}（{part}）"},
    "health.where.line": {"en": "{source} line {number}", "zh": "{source} 第 {number} 行"},
    "health.where.row": {"en": "{source} row {number}", "zh": "{source} 第 {number} 行"},
    "health.sentence_at_line": {"en": "{source} sentence at line {line}",
                                "zh": "{source} 第 {line} 行的句子"},
    "health.read_warning.title": {"en": "Check how the file was read",
                                  "zh": "请检查文件的读取方式"},
    "health.note.title": {"en": "Note", "zh": "说明"},
    "health.missing_values.title": {"en": "Empty texts or labels", "zh": "文本或标签为空"},
    "health.missing_values.message": {
        "en": {"one": "{count} row of {source} was left out ({reasons}).",
               "other": "{count} rows of {source} were left out ({reasons})."},
        "zh": "{source} 中有 {count} 行被略去（{reasons}）。"},
    "health.missing_values.reason": {"en": "{count} with an {reason}",
                                     "zh": "{count} 行{reason}"},
    "health.missing_values.reason_separator": {"en": ", ", "zh": "，"},
    "health.missing_values.empty_text": {"en": "empty text", "zh": "文本为空"},
    "health.missing_values.empty_label": {"en": "empty label", "zh": "标签为空"},
    "health.missing_values.example": {"en": "{source} row {row}: {reason}",
                                      "zh": "{source} 第 {row} 行：{reason}"},
    "health.missing_values.fix": {"en": "Fill in the missing texts and labels, or delete those "
                                        "rows.",
                                  "zh": "请补全缺失的文本和标签，或删除这些行。"},
    "health.label_variants.title": {"en": "Labels spelled in several ways",
                                    "zh": "同一标签有多种写法"},
    "health.label_variants.message": {
        "en": {"one": "{count} label of {source} is written with different upper/lower case or "
                      "spaces; {read}.",
               "other": "{count} labels of {source} are written with different upper/lower "
                        "case or spaces; {read}."},
        "zh": "{source} 中有 {count} 个标签的大小写或空格写法不一致；{read}。"},
    "health.label_variants.read": {
        "en": {"one": "{count} label was read as the most common spelling",
               "other": "{count} labels were read as the most common spelling"},
        "zh": "{count} 个标签已按最常见的写法读取"},
    "health.label_variants.fix": {
        "en": "Nothing to do if they mean the same; otherwise give them clearly different names.",
        "zh": "如果它们含义相同，无需处理；否则请给它们起明显不同的名字。"},
    "health.no_label_rows.title": {"en": "Texts without any label", "zh": "没有任何标签的文本"},
    "health.no_label_rows.message": {
        "en": {"one": "{count} training text ({share}) has none of the labels.",
               "other": "{count} training texts ({share}) have none of the labels."},
        "zh": "训练集中有 {count} 条文本（{share}）没有任何标签。"},
    "health.no_label_rows.fix": {
        "en": "Nothing to do if that is intended; the model learns to predict no label for them.",
        "zh": "如果这是有意为之，无需处理；模型会学会对这类文本不预测任何标签。"},
    "health.single_class.title": {"en": "Only one class", "zh": "只有一个类别"},
    "health.single_class.message": {
        "en": {"one": "The only training example of {source} has one label; a model needs at "
                      "least two classes to learn to tell them apart.",
               "other": "All {count} training examples of {source} have the same label; a "
                        "model needs at least two classes to learn to tell them apart."},
        "zh": "{source} 的 {count} 个训练样本标签都相同；模型至少需要两个类别才能学会区分。"},
    "health.single_class.message_named": {
        "en": {"one": "The only training example of {source} has one label (all are "
                      "'{label}'); a model needs at least two classes to learn to tell them "
                      "apart.",
               "other": "All {count} training examples of {source} have the same label (all "
                        "are '{label}'); a model needs at least two classes to learn to tell "
                        "them apart."},
        "zh": "{source} 的 {count} 个训练样本标签都相同（都是“{label}”）；模型至少需要两个类别"
              "才能学会区分。"},
    "health.single_class.fix": {
        "en": "Add examples of the other classes, or check that the right label column is "
              "chosen.",
        "zh": "请添加其他类别的样本，或检查是否选对了标签列。"},
    "health.too_many_labels.title": {"en": "Almost every example has its own label",
                                     "zh": "几乎每个样本都有自己的标签"},
    "health.too_many_labels.message": {
        "en": "{source} has {labels} different labels among {total} training examples ({once}), "
              "so there is no pattern per label to learn.",
        "zh": "{source} 的 {total} 个训练样本中有 {labels} 个不同的标签（{once}），"
              "每个标签都没有可学习的规律。"},
    "health.too_many_labels.once": {
        "en": {"one": "{count} label occurs only once",
               "other": "{count} labels occur only once"},
        "zh": "{count} 个标签只出现一次"},
    "health.too_many_labels.fix": {
        "en": "Check that the label column is right (it looks like an id or a text column), or "
              "group the labels into fewer classes with several examples each.",
        "zh": "请检查标签列是否选对（它看起来像编号列或文本列），或把标签归并成较少的类别，"
              "让每个类别都有若干样本。"},
    "health.imbalance.title": {"en": "Imbalanced classes", "zh": "类别不平衡"},
    "health.imbalance.message": {
        "en": "The largest class '{big}' has {ratio} times more examples ({big_count}) than the "
              "smallest '{small}' ({small_count}).",
        "zh": "最大的类别“{big}”的样本数（{big_count}）是最小的类别“{small}”（{small_count}）"
              "的 {ratio} 倍。"},
    "health.imbalance.fix": {
        "en": "Add examples of the small classes; class weighting is turned on automatically.",
        "zh": "请为小类别添加样本；类别加权会自动开启。"},
    "health.rare_classes.title": {"en": "Classes with very few examples",
                                  "zh": "样本极少的类别"},
    "health.rare_classes.message": {
        "en": {"one": "{count} class has fewer than {rare} training examples, too few to learn "
                      "or to test reliably.",
               "other": "{count} classes have fewer than {rare} training examples, too few to "
                        "learn or to test reliably."},
        "zh": "有 {count} 个类别的训练样本少于 {rare} 个，太少，无法可靠地学习或测试。"},
    "health.rare_classes.fix": {
        "en": "Add examples of these classes, or merge them into a related class.",
        "zh": "请为这些类别添加样本，或把它们并入相近的类别。"},
    "health.class_counts.title": {"en": "Classes", "zh": "类别"},
    "health.class_counts.message": {
        "en": "{classes} classes; the training set has {count} examples.",
        "zh": "{classes} 个类别；训练集有 {count} 个样本。"},
    "health.class_counts.message_ratio": {
        "en": "{classes} classes; the training set has {count} examples, imbalance ratio "
              "{ratio}.",
        "zh": "{classes} 个类别；训练集有 {count} 个样本，不平衡比为 {ratio}。"},
    "health.small_dataset.title": {"en": "Very little data", "zh": "数据很少"},
    "health.small_dataset.message": {
        "en": "Only {count} training examples; scores on so few examples vary a lot from run to "
              "run.",
        "zh": "训练集只有 {count} 个样本；样本这么少，每次运行的分数差别会很大。"},
    "health.small_dataset.fix": {
        "en": "Add more labeled examples: a few dozen per class at the very least.",
        "zh": "请添加更多已标注的样本：每个类别至少几十个。"},
    "health.unseen_labels.title": {"en": "Labels missing from training ({name})",
                                   "zh": "训练集中缺少的标签（{name}）"},
    "health.unseen_labels.message": {
        "en": {"one": "{count} label of the {name} set never occurs in the training set, so the "
                      "model cannot predict it.",
               "other": "{count} labels of the {name} set never occur in the training set, so "
                        "the model cannot predict them."},
        "zh": "{name}中有 {count} 个标签从未在训练集中出现，模型无法预测它们。"},
    "health.unseen_labels.fix": {"en": "Add training examples with these labels.",
                                 "zh": "请添加带有这些标签的训练样本。"},
    "health.conflicting_labels.title": {"en": "Same text, different labels",
                                        "zh": "相同文本，不同标签"},
    "health.conflicting_labels.message": {
        "en": {"one": "{count} text appears more than once in {source} with different labels.",
               "other": "{count} texts appear more than once in {source} with different "
                        "labels."},
        "zh": "{source} 中有 {count} 条文本重复出现且标签不同。"},
    "health.conflicting_labels.fix": {
        "en": "Decide on one label for each of these texts and correct the others.",
        "zh": "请为每条这样的文本确定一个标签，并改正其余的。"},
    "health.mostly_duplicates.title": {"en": "Nearly every row is a copy",
                                       "zh": "几乎每一行都是重复"},
    "health.mostly_duplicates.message": {
        "en": "{copies} of {total} training examples of {source} are copies of earlier rows; "
              "{distinct}",
        "zh": "{source} 的 {total} 个训练样本中有 {copies} 个是前面行的重复；{distinct}"},
    "health.mostly_duplicates.distinct": {
        "en": {"one": "only {count} is different.", "other": "only {count} are different."},
        "zh": "只有 {count} 个互不相同。"},
    "health.mostly_duplicates.fix": {
        "en": "Remove the copies and add more distinct examples: a model trained and scored on "
              "copies only learns them by heart.",
        "zh": "请删除重复并添加更多不同的样本：在重复样本上训练和评分的模型只会死记硬背。"},
    "health.duplicates.title": {"en": "Exact duplicates", "zh": "完全重复"},
    "health.duplicates.message": {
        "en": {"one": "{count} training example of {source} is an exact copy of an earlier one.",
               "other": "{count} training examples of {source} are exact copies of an earlier "
                        "one."},
        "zh": "{source} 中有 {count} 个训练样本与前面的样本完全重复。"},
    "health.duplicates.fix": {"en": "Remove the copies unless they are meant to weigh more.",
                              "zh": "请删除重复，除非有意让它们占更大权重。"},
    "health.split_overlap.title": {"en": "Training texts also in the {name} set",
                                   "zh": "{name}中也有训练集的文本"},
    "health.split_overlap.message": {
        "en": {"one": "{count} of {total} {name} examples ({share}) also appears in the "
                      "training set, which makes {name} scores look better than they are.",
               "other": "{count} of {total} {name} examples ({share}) also appear in the "
                        "training set, which makes {name} scores look better than they are."},
        "zh": "{name}的 {total} 个样本中有 {count} 个（{share}）也出现在训练集中，"
              "这会让{name}的分数看起来比实际更好。"},
    "health.split_overlap.fix": {
        "en": "Remove these texts from the {name} set or from the training set.",
        "zh": "请从{name}或训练集中删除这些文本。"},
    "health.unknown_tokens.unreadable_title": {"en": "The model cannot read your texts",
                                               "zh": "模型读不懂你的文本"},
    "health.unknown_tokens.unreadable": {
        "en": "The model does not know {share} of the characters/words in your texts (emoji, or "
              "a script it was not trained on), so it would see them all as the same.",
        "zh": "模型不认识你的文本中 {share} 的字符/词（表情符号，或它没有训练过的文字），"
              "会把它们都看成同一个东西。"},
    "health.unknown_tokens.unreadable_fix": {
        "en": "Choose a model that knows these characters, such as a multilingual one.",
        "zh": "请选择认识这些字符的模型，例如多语言模型。"},
    "health.unknown_tokens.title": {"en": "The model does not know your characters",
                                    "zh": "模型不认识你的字符"},
    "health.unknown_tokens.message": {
        "en": "The model does not know {share} of the characters/words in your texts (e.g. "
              "Chinese text with an English model).",
        "zh": "模型不认识你的文本中 {share} 的字符/词（例如用英文模型处理中文文本）。"},
    "health.unknown_tokens.fix": {"en": "Choose a model for your language.",
                                  "zh": "请选择适合你的语言的模型。"},
    "health.truncation.title": {"en": "Long texts will be cut", "zh": "长文本会被截断"},
    "health.truncation.message": {
        "en": "{share} of training texts are longer than max length {max_length} tokens (95% "
              "fit in {p95} tokens); their ends are ignored.",
        "zh": "训练集中 {share} 的文本超过最大长度 {max_length} 个词元（95% 的文本在 {p95} "
              "个词元以内）；超出的结尾会被忽略。"},
    "health.truncation.fix_model_limit": {
        "en": "This model reads at most {model_max} tokens, so longer texts are cut; split long "
              "texts into parts to keep their ends, or accept the cut.",
        "zh": "这个模型最多读取 {model_max} 个词元，更长的文本会被截断；请把长文本拆成几段以"
              "保留结尾，或接受截断。"},
    "health.truncation.fix_raise_to_limit": {
        "en": "Raise max length to {model_max}, the most this model reads; texts longer than "
              "that are still cut (split long texts into parts to keep their ends).",
        "zh": "请把最大长度调到 {model_max}，这是该模型能读取的上限；比这更长的文本仍会被截断"
              "（把长文本拆成几段可保留结尾）。"},
    "health.truncation.fix": {
        "en": "Raise max length to about {p95}, or accept that long texts are cut.",
        "zh": "请把最大长度调到约 {p95}，或接受长文本被截断。"},
    "health.token_lengths.title": {"en": "Text length in tokens", "zh": "文本长度（词元）"},
    "health.token_lengths.message": {
        "en": {"one": "Median {count} token, 95% within {p95}, longest {longest}; {share} are "
                      "cut at max length {max_length}.",
               "other": "Median {count} tokens, 95% within {p95}, longest {longest}; {share} "
                        "are cut at max length {max_length}."},
        "zh": "中位数 {count} 个词元，95% 在 {p95} 以内，最长 {longest}；{share} 在最大长度 "
              "{max_length} 处被截断。"},
    "health.no_entities.title": {"en": "No entities", "zh": "没有实体"},
    "health.no_entities.message": {
        "en": {"one": "The only training sentence of {source} has no entity tag; the model would "
                      "only learn to tag every word O.",
               "other": "None of the {count} training sentences of {source} has an entity tag; "
                        "the model would only learn to tag every word O."},
        "zh": "{source} 的 {count} 个训练句子都没有实体标签；模型只会学会把每个词都标成 O。"},
    "health.no_entities.fix": {
        "en": "Check that the tags are in the last column, or add tagged entities.",
        "zh": "请检查标签是否在最后一列，或添加已标注的实体。"},
    "health.entity_counts.title": {"en": "Entities", "zh": "实体"},
    "health.entity_counts.message": {
        "en": "{entities} of {types} in {sentences}; {share} of the sentences have no entity.",
        "zh": "{sentences}中共有 {types}的{entities}；{share} 的句子没有实体。"},
    "health.entity_counts.entities": {"en": {"one": "{count} entity", "other": "{count} entities"},
                                      "zh": "{count} 个实体"},
    "health.entity_counts.types": {"en": {"one": "{count} type", "other": "{count} types"},
                                   "zh": "{count} 种类型"},
    "health.entity_counts.sentences": {
        "en": {"one": "{count} training sentence", "other": "{count} training sentences"},
        "zh": "{count} 个训练句子"},
    "health.rare_entities.title": {"en": "Entity types with very few examples",
                                   "zh": "样本极少的实体类型"},
    "health.rare_entities.message": {
        "en": {"one": "{count} entity type occurs fewer than {rare} times in training, too few "
                      "to learn.",
               "other": "{count} entity types occur fewer than {rare} times in training, too "
                        "few to learn."},
        "zh": "有 {count} 种实体类型在训练集中出现少于 {rare} 次，太少，无法学习。"},
    "health.rare_entities.fix": {
        "en": "Tag more examples of these types, or merge them with others.",
        "zh": "请为这些类型标注更多样本，或把它们与其他类型合并。"},
    "health.tag_scheme.title": {"en": "Tags converted to BIO", "zh": "标签已转换为 BIO"},
    "health.tag_scheme.message": {"en": "{source} uses {scheme} tags; they were converted to BIO.",
                                  "zh": "{source} 使用 {scheme} 标签；已转换为 BIO。"},
    "health.bio_repairs.title": {"en": "Broken entity tags repaired", "zh": "已修复错误的实体标签"},
    "health.bio_repairs.message": {
        "en": {"one": "{count} I- tag in {source} does not continue an entity of the same type; "
                      "it was read as the start of a new entity (B-).",
               "other": "{count} I- tags in {source} do not continue an entity of the same "
                        "type; each was read as the start of a new entity (B-)."},
        "zh": "{source} 中有 {count} 个 I- 标签没有接在同类型的实体之后；已把它们读作新实体的"
              "开头（B-）。"},
    "health.bio_repairs.fix": {"en": "Check the tags at those lines; an entity must start with B-.",
                               "zh": "请检查这些行的标签；实体必须以 B- 开头。"},
    "health.untyped_tags.title": {"en": "Entity tags without a type", "zh": "没有类型的实体标签"},
    "health.untyped_tags.message": {
        "en": {"one": "{count} tag in {source} is a prefix with no entity type (such as 'B-'); "
                      "it was read as O, outside any entity.",
               "other": "{count} tags in {source} are a prefix with no entity type (such as "
                        "'B-'); they were read as O, outside any entity."},
        "zh": "{source} 中有 {count} 个标签只有前缀、没有实体类型（例如“B-”）；已把它们读作 O，"
              "即不属于任何实体。"},
    "health.untyped_tags.fix": {
        "en": "Add the entity type after the prefix (for example B-PER), or tag the word O.",
        "zh": "请在前缀后加上实体类型（例如 B-PER），或把这个词标成 O。"},
    "health.unannotated_tasks.title": {"en": "Tasks without annotations", "zh": "没有标注的任务"},
    "health.unannotated_tasks.message": {
        "en": {"one": "{count} task of {source} has no annotation and was left out.",
               "other": "{count} tasks of {source} have no annotation and were left out."},
        "zh": "{source} 中有 {count} 个任务没有标注，已被略去。"},
    "health.unannotated_tasks.fix": {
        "en": "Annotate them in the labeling tool, or ignore this if it is intended.",
        "zh": "请在标注工具中标注它们；如果是有意为之，可忽略此提示。"},
    "health.span_boundaries.title": {"en": "Spans that do not match word boundaries",
                                     "zh": "与词边界不符的片段"},
    "health.span_boundaries.message": {
        "en": {"one": "{count} span of {source} cuts through a word or covers no word; whole "
                      "words were tagged instead.",
               "other": "{count} spans of {source} cut through a word or cover no word; whole "
                        "words were tagged instead."},
        "zh": "{source} 中有 {count} 个片段切断了词语或没有覆盖任何词；已改为标注完整的词。"},
    "health.span_boundaries.fix": {
        "en": "Make spans start and end at word boundaries in the labeling tool.",
        "zh": "请在标注工具中让片段在词边界处开始和结束。"},
    "health.label_respelled": {
        "en": "Labels of {source} were matched to the training file's spelling: {pairs}.",
        "zh": "{source} 的标签已按训练文件中的写法统一：{pairs}。"},
    "health.split_column": {"en": "Splits taken from the column '{column}'.",
                            "zh": "训练集、验证集和测试集按“{column}”列划分。"},
    "health.split_how.stratified": {"en": "stratified by label", "zh": "按标签分层抽取"},
    "health.split_how.random": {"en": "at random", "zh": "随机抽取"},
    "health.split_how.grouped": {"en": "by whole paragraphs at random",
                                 "zh": "按整段随机抽取（同一段落的问题不拆开）"},
    "health.held_out_validation": {
        "en": {"one": "No validation file: {count} of {total} training examples ({share}) was "
                      "held out for validation, {how}, seed {seed}.",
               "other": "No validation file: {count} of {total} training examples ({share}) "
                        "were held out for validation, {how}, seed {seed}."},
        "zh": "没有验证文件：从 {total} 个训练样本中留出 {count} 个（{share}）作为验证集，"
              "{how}，随机种子 {seed}。"},
    "health.held_out_test": {
        "en": {"one": "No test file: {count} of {total} training examples ({share}) was held "
                      "out for the final test, {how}, seed {seed}.",
               "other": "No test file: {count} of {total} training examples ({share}) were held "
                        "out for the final test, {how}, seed {seed}."},
        "zh": "没有测试文件：从 {total} 个训练样本中留出 {count} 个（{share}）作为最终测试的"
              "测试集，{how}，随机种子 {seed}。"},
    "health.no_test_set": {
        "en": {"one": "With only {count} example there is no separate test set: the final "
                      "scores are measured on the validation set.",
               "other": "With only {count} examples there is no separate test set: the final "
                        "scores are measured on the validation set."},
        "zh": "只有 {count} 个样本，没有单独的测试集：最终分数在验证集上测量。"},
    "health.kept_singletons": {
        "en": {"one": "{count} label with a single example stays in training only.",
               "other": "{count} labels with a single example stay in training only."},
        "zh": "有 {count} 个标签只有一个样本，只保留在训练集中。"},
}
