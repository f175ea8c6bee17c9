"""Texts of core/evaluate/verdict.py (a score against the baseline or another run, in one
sentence) and core/evaluate/compare.py (why two runs' scores are not comparable, where the
compared texts come from).

Keys start with 'verdict.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # A difference in points with its direction; {value} is a formatted number ("5.0").
    "verdict.points.ahead": {"en": "{value} points ahead", "zh": "领先 {value} 个百分点"},
    "verdict.points.behind": {"en": "{value} points behind", "zh": "落后 {value} 个百分点"},
    "verdict.points.none": {"en": "no difference", "zh": "没有差别"},
    # Where the difference could lie: {low} and {high} are verdict.points.* phrases.
    "verdict.spread.zero": {"en": "only at zero", "zh": "只能是零"},
    "verdict.spread.range": {"en": "anywhere from {low} to {high}",
                             "zh": "在{low}到{high}之间的任何位置"},
    "verdict.range": {"en": "95% range {low} to {high} points",
                      "zh": "95% 置信区间为 {low} 到 {high} 个百分点"},
    # core/evaluate/verdict.py model_vs_baseline: {held_out} is "150 test texts",
    # {units} "test texts", {total} "20 texts" (scores.count.* / scores.many.*).
    "verdict.baseline.win": {
        "en": "Fine-tuning beats the quick baseline ({baseline}) by {points} points of "
              "{metric} ({range}) on {held_out}.",
        "zh": "在 {held_out}上，微调模型的{metric}比快速基线（{baseline}）高 {points} 个百分点"
              "（{range}）。",
    },
    "verdict.baseline.loss": {
        "en": "Fine-tuning does not beat the quick baseline ({baseline}): it is {points} points "
              "of {metric} behind ({range}) on {held_out}. Try more epochs, a bigger preset or "
              "more data, or use the simpler model.",
        "zh": "微调模型没有胜过快速基线（{baseline}）：在 {held_out}上，它的{metric}落后 "
              "{points} 个百分点（{range}）。可以试试更多轮次、更大的预设或更多数据，"
              "或者直接使用更简单的模型。",
    },
    "verdict.baseline.tie_correct": {
        "en": "Too few {units} to tell these apart: fine-tuning gets {right} of {total} right "
              "against {other} for the quick baseline ({baseline}), and the difference could "
              "lie {spread}. Neither model is shown to be better; more test examples would tell.",
        "zh": "{units}太少，无法区分两者：在 {total}中，微调模型答对 {right} 条，快速基线"
              "（{baseline}）答对 {other} 条，两者的差距可能{spread}。没有证据表明哪个模型更好；"
              "更多测试样本才能分出高下。",
    },
    "verdict.baseline.tie_score": {
        "en": "Too few {units} to tell these apart: on {held_out} fine-tuning scores {score} "
              "{metric} against {other} for the quick baseline ({baseline}), and the difference "
              "could lie {spread}. Neither model is shown to be better; more test examples "
              "would tell.",
        "zh": "{units}太少，无法区分两者：在 {held_out}上，微调模型的{metric}为 {score}，"
              "快速基线（{baseline}）为 {other}，两者的差距可能{spread}。没有证据表明哪个模型"
              "更好；更多测试样本才能分出高下。",
    },
    # core/evaluate/verdict.py run_vs_run: two runs on the same texts.
    "verdict.runs.correct_tie": {
        "en": "{name_a} gets {right_a} of {total} right and {name_b} gets {right_b}: too few "
              "{units} to tell these apart (the difference could lie {spread}).",
        "zh": "在 {total}中，{name_a} 答对 {right_a} 条，{name_b} 答对 {right_b} 条：{units}太少，"
              "无法区分两者（差距可能{spread}）。",
    },
    "verdict.runs.correct_ahead": {
        "en": "{name_a} gets {right_a} of {total} right and {name_b} gets {right_b}: {ahead} is "
              "ahead of {behind} by {points} points ({range}).",
        "zh": "在 {total}中，{name_a} 答对 {right_a} 条，{name_b} 答对 {right_b} 条：{ahead} 领先 "
              "{behind} {points} 个百分点（{range}）。",
    },
    "verdict.runs.score_tie": {
        "en": "On the same {total}, {name_a} scores {score_a} {metric} and {name_b} {score_b}: "
              "too few {units} to tell these apart (the difference could lie {spread}).",
        "zh": "在同样的 {total}上，{name_a} 的{metric}为 {score_a}，{name_b} 为 {score_b}："
              "{units}太少，无法区分两者（差距可能{spread}）。",
    },
    "verdict.runs.score_ahead": {
        "en": "On the same {total}, {name_a} scores {score_a} {metric} and {name_b} {score_b}: "
              "{ahead} is ahead of {behind} by {points} points ({range}).",
        "zh": "在同样的 {total}上，{name_a} 的{metric}为 {score_a}，{name_b} 为 {score_b}："
              "{ahead} 领先 {behind} {points} 个百分点（{range}）。",
    },
    # core/evaluate/compare.py: where the compared texts come from.
    "verdict.source.pasted": {"en": "{count} pasted texts", "zh": "粘贴的 {count} 条文本"},
    "verdict.source.test": {"en": "the test set of {run} ({count} texts)",
                            "zh": "{run} 的测试集（{count} 条文本）"},
    "verdict.source.validation": {"en": "the validation set of {run} ({count} texts)",
                                  "zh": "{run} 的验证集（{count} 条文本）"},
    # core/evaluate/compare.py not_comparable_sentence: {why} is one or more reasons below.
    "verdict.compare.not_comparable": {
        "en": "The scores of {name_a} and {name_b} are not comparable: {why}. A higher score "
              "may come from easier data rather than a better model.",
        "zh": "{name_a} 和 {name_b} 的得分不可比较：{why}。更高的得分可能来自更容易的数据，"
              "而不是更好的模型。",
    },
    # reasons joined: "a; b; and c"
    "verdict.compare.separator": {"en": "; ", "zh": "；"},
    "verdict.compare.last": {"en": "{rest}; and {last}", "zh": "{rest}；以及{last}"},
    # labels listed: "a, b, c, d and 3 more"
    "verdict.compare.more": {"en": "{shown} and {count} more", "zh": "{shown}等另外 {count} 个"},
    "verdict.compare.only": {"en": "only {run} has {labels}", "zh": "只有 {run} 有 {labels}"},
    "verdict.compare.sides": {"en": "{first} and {second}", "zh": "{first}，{second}"},
    "verdict.compare.labels": {"en": "they learned different labels ({sides})",
                               "zh": "它们学习的标签不同（{sides}）"},
    "verdict.compare.train_version": {"en": "they learned from different versions of {file}",
                                      "zh": "它们学习的是 {file} 的不同版本"},
    "verdict.compare.train_files": {"en": "they learned from different files ({a} and {b})",
                                    "zh": "它们学习的是不同的文件（{a} 和 {b}）"},
    "verdict.compare.read": {"en": "they read their files differently ({changes})",
                             "zh": "它们读取文件的方式不同（{changes}）"},
    "verdict.compare.setting": {"en": "{setting} {a} and {b}", "zh": "{setting}分别为 {a} 和 {b}"},
    "verdict.compare.guessed": {"en": "guessed", "zh": "自动推断"},
    "verdict.compare.none": {"en": "none", "zh": "无"},
    "verdict.compare.split_kinds": {
        "en": "{run_a} was scored on its {split_a} set and {run_b} on its {split_b} set",
        "zh": "{run_a} 在它的{split_a}上评分，而 {run_b} 在它的{split_b}上评分"},
    "verdict.compare.split_test": {"en": "test", "zh": "测试集"},
    "verdict.compare.split_validation": {"en": "validation", "zh": "验证集"},
    "verdict.compare.held_out_texts": {"en": "they were scored on different {split} texts",
                                       "zh": "它们评分所用的{split}文本不同"},
    "verdict.compare.test_files": {"en": "they were tested on different test files ({a} and {b})",
                                   "zh": "它们使用了不同的测试文件（{a} 和 {b}）"},
    "verdict.compare.held_out": {"en": "their test texts were held out differently ({changes})",
                                 "zh": "它们留出测试文本的方式不同（{changes}）"},
    # the settings in those reasons, in the page's words
    "verdict.setting.text_column": {"en": "text column", "zh": "文本列"},
    "verdict.setting.text_pair_column": {"en": "second text column", "zh": "第二文本列"},
    "verdict.setting.text_join_column": {"en": "joined text column", "zh": "拼接文本列"},
    "verdict.setting.label_column": {"en": "label column", "zh": "标签列"},
    "verdict.setting.multi_label": {"en": "multi-label setting", "zh": "多标签设置"},
    "verdict.setting.label_separator": {"en": "label separator", "zh": "标签分隔符"},
    "verdict.setting.split_column": {"en": "split column", "zh": "划分列"},
    "verdict.setting.test_fraction": {"en": "test share", "zh": "测试集比例"},
    "verdict.setting.validation_fraction": {"en": "validation share", "zh": "验证集比例"},
    "verdict.setting.seed": {"en": "seed", "zh": "随机种子"},
}
