"""Texts of core/search and the Search page: searching for the best settings of a run with
Optuna (trials, pruning, budget, storage), the command `python -m core search`, the Model
page's search control.

Keys start with 'search.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- the space ----------------------------------------------------------------------------
    "search.space.bad_rule": {
        "en": "The search range '{rule}' cannot be used.",
        "zh": "搜索范围“{rule}”无法使用。"},
    "search.space.bad_rule_fix": {
        "en": "Write NAME=LOW:HIGH for a number or NAME=A,B for choices, with NAME one of "
              "{names}, for example learning_rate=1e-5:1e-4 or batch_size=16,32.",
        "zh": "数值请写成 NAME=下限:上限，选项请写成 NAME=A,B，NAME 为 {names} 之一，"
              "例如 learning_rate=1e-5:1e-4 或 batch_size=16,32。"},
    # ----- the folder and the storage -------------------------------------------------------------
    "search.folder.bad_id": {
        "en": "{search} is not the name of a search.",
        "zh": "{search} 不是一次搜索的名称。"},
    "search.folder.bad_id_fix": {
        "en": "Use letters, digits, dots, dashes and underscores only.",
        "zh": "只能使用字母、数字、点、连字符和下划线。"},
    "search.folder.unreadable": {
        "en": "The search folder {folder} could not be set up.",
        "zh": "无法建立搜索文件夹 {folder}。"},
    "search.folder.unreadable_fix": {
        "en": "Check that the workspace can be written to, then start the search again.",
        "zh": "请确认工作区可以写入，然后重新开始搜索。"},
    "search.storage.unusable": {
        "en": "The study's storage {url} cannot be opened: {reason}",
        "zh": "无法打开研究的存储 {url}：{reason}"},
    "search.storage.unusable_fix": {
        "en": "Give a database URL Optuna accepts (sqlite:///FILE, postgresql://USER:PASSWORD@"
              "HOST/DB, mysql://...), with its driver installed and its server reachable.",
        "zh": "请提供 Optuna 支持的数据库地址（sqlite:///文件、postgresql://用户:密码@主机/库、"
              "mysql://...），并确认已安装其驱动、服务器可以连上。"},
    # ----- trials -------------------------------------------------------------------------------
    "search.trial.pruned": {
        "en": "Stopped early by the search: its validation score at evaluation {step} was "
              "below the median of earlier trials at that evaluation.",
        "zh": "被搜索提前停止：它在第 {step} 次评估时的验证分数低于此前各次试验在同一次评估时的"
              "中位数。"},
    "search.worker.ended": {
        "en": {"one": "The search is {state}; the study holds {count} trial.",
               "other": "The search is {state}; the study holds {count} trials."},
        "zh": "搜索状态：{state}；研究中共有 {count} 次试验。"},
    "search.worker.next_run_failed": {
        "en": "Starting the next queued run failed: {reason}",
        "zh": "启动下一个排队的运行失败：{reason}"},
    # ----- the command --------------------------------------------------------------------------
    "search.help.command": {
        "en": "search for the best settings: train trials one at a time (Optuna, TPE with "
              "median pruning), starting a study or joining one",
        "zh": "搜索最佳设置：逐个训练试验（Optuna，TPE 采样加中位数剪枝），新建研究或加入已有研究"},
    "search.help.trials": {
        "en": "how many trials the study holds at most (default 8 when --timeout is not given)",
        "zh": "研究最多包含多少次试验（未给出 --timeout 时默认 8）"},
    "search.help.timeout": {
        "en": "minutes after which this worker starts no new trial",
        "zh": "多少分钟后本进程不再开始新的试验"},
    "search.help.storage": {
        "en": "database URL of the study (default: an SQLite file in the search's folder); "
              "workers on several machines give the same URL to join one study",
        "zh": "研究所在数据库的地址（默认：搜索文件夹中的 SQLite 文件）；"
              "多台机器上的进程给出同一地址即可加入同一研究"},
    "search.help.study": {
        "en": "name of the study to start or join",
        "zh": "要新建或加入的研究名称"},
    "search.help.space": {
        "en": "narrow the search: NAME=LOW:HIGH or NAME=A,B (repeatable), e.g. "
              "learning_rate=1e-5:1e-4",
        "zh": "缩小搜索范围：NAME=下限:上限 或 NAME=A,B（可多次给出），例如 "
              "learning_rate=1e-5:1e-4"},
    "search.cli.folder": {"en": "Search folder: {path}", "zh": "搜索文件夹：{path}"},
    "search.cli.best": {
        "en": "Best trial: {number}, score {score} ({params}).",
        "zh": "最佳试验：第 {number} 次，分数 {score}（{params}）。"},
    "search.cli.not_search_folder": {
        "en": "{path} is not a search folder.",
        "zh": "{path} 不是搜索文件夹。"},
    "search.cli.not_search_folder_fix": {
        "en": "Start a search with python -m core search --data FILE.",
        "zh": "请用 python -m core search --data 文件 开始搜索。"},
    "search.cli.bad_budget": {
        "en": "The budget {value} is not a positive number.",
        "zh": "预算 {value} 不是正数。"},
    "search.cli.bad_budget_fix": {
        "en": "Give --trials as a whole number such as 8 and --timeout in minutes such as 30.",
        "zh": "--trials 请给出整数（如 8），--timeout 请给出分钟数（如 30）。"},
    # ----- the app: starting, stopping, the best settings ----------------------------------------
    "search.control.no_data": {
        "en": "The training file {name} is no longer there.",
        "zh": "训练文件 {name} 已不存在。"},
    "search.control.no_data_fix": {
        "en": "Choose the data again on the Data page.",
        "zh": "请在数据页重新选择数据。"},
    "search.control.busy": {
        "en": "A search is already running in this workspace.",
        "zh": "此工作区中已有一次搜索在运行。"},
    "search.control.busy_fix": {
        "en": "Wait for it to end, or stop it on the Search page.",
        "zh": "请等它结束，或在搜索页停止它。"},
    "search.control.no_best": {
        "en": "No trial of this search has finished yet.",
        "zh": "这次搜索还没有完成的试验。"},
    "search.control.no_best_fix": {
        "en": "Wait for the first trial to finish.",
        "zh": "请等待第一次试验完成。"},
    # ----- the Model page's control -------------------------------------------------------------
    "search.start.heading": {"en": "Search for the best settings",
                             "zh": "搜索最佳设置"},
    "search.start.caption": {
        "en": "Trains several runs one after another, each with other settings (learning rate, "
              "epochs, batch size, warm-up, weight decay, length), and keeps the scores. Runs "
              "that fall behind the others are stopped early.",
        "zh": "依次训练多个运行，每次使用不同的设置（学习率、轮数、批大小、预热、权重衰减、长度），"
              "并记录分数。落后于其他运行的会被提前停止。"},
    "search.start.trials": {"en": "Trials", "zh": "试验次数"},
    "search.start.trials_help": {
        "en": "How many runs the search trains at most, one at a time.",
        "zh": "搜索最多训练多少个运行，一次一个。"},
    "search.start.minutes": {"en": "Minutes at most", "zh": "最长分钟数"},
    "search.start.minutes_help": {
        "en": "After this many minutes no new trial starts; the one training finishes.",
        "zh": "超过这个分钟数后不再开始新的试验；正在训练的会完成。"},
    "search.start.rules": {"en": "Narrow the search (optional)", "zh": "缩小搜索范围（可选）"},
    "search.start.rules_placeholder": {
        "en": "learning_rate=1e-5:1e-4; batch_size=16,32",
        "zh": "learning_rate=1e-5:1e-4; batch_size=16,32"},
    "search.start.rules_help": {
        "en": "Ranges separated by semicolons: NAME=LOW:HIGH for a number, NAME=A,B for "
              "choices, NAME=VALUE to keep a setting fixed. Empty: ranges that suit the model.",
        "zh": "多个范围用分号分隔：数值写 NAME=下限:上限，选项写 NAME=A,B，固定某项设置写 "
              "NAME=值。留空：使用适合该模型的范围。"},
    "search.start.button": {
        "en": {"one": "Search for the best settings ({count} trial, about {minutes} min)",
               "other": "Search for the best settings ({count} trials, about {minutes} min)"},
        "zh": "搜索最佳设置（{count} 次试验，约 {minutes} 分钟）"},
    "search.start.button_help": {
        "en": "Starts the search in the background; it counts as the run training now, so "
              "other runs wait until it ends.",
        "zh": "在后台开始搜索；它算作当前正在训练的运行，其他运行会等它结束。"},
    "search.start.started": {
        "en": "The search has started. Its trials appear here as they finish.",
        "zh": "搜索已开始。每次试验完成后会显示在这里。"},
    # ----- the Search page ----------------------------------------------------------------------
    "search.nav.title": {"en": "Search settings", "zh": "搜索设置"},
    "search.page.title": {"en": "Search for the best settings", "zh": "搜索最佳设置"},
    "search.page.caption": {
        "en": "Each trial is a run with other settings; the best validation score wins.",
        "zh": "每次试验都是一个使用不同设置的运行；验证分数最高者胜出。"},
    "search.page.empty": {
        "en": "No search yet. Start one on the Model page.",
        "zh": "还没有搜索。请在模型页开始一次搜索。"},
    "search.page.pick": {"en": "Search", "zh": "搜索"},
    "search.page.error": {
        "en": "Something went wrong while showing the search.",
        "zh": "显示搜索时出错。"},
    "search.view.budget_both": {
        "en": {"one": "{count} of {trials} trials finished, {minutes} minutes at most",
               "other": "{count} of {trials} trials finished, {minutes} minutes at most"},
        "zh": "已完成 {count}/{trials} 次试验，最长 {minutes} 分钟"},
    "search.view.budget_trials": {
        "en": {"one": "{count} of {trials} trials finished",
               "other": "{count} of {trials} trials finished"},
        "zh": "已完成 {count}/{trials} 次试验"},
    "search.view.budget_minutes": {
        "en": {"one": "{count} trial finished, {minutes} minutes at most",
               "other": "{count} trials finished, {minutes} minutes at most"},
        "zh": "已完成 {count} 次试验，最长 {minutes} 分钟"},
    "search.view.stop": {"en": "Stop", "zh": "停止"},
    "search.view.stop_help": {
        "en": "No new trial starts and the one training stops; finished trials are kept.",
        "zh": "不再开始新的试验，正在训练的会停止；已完成的试验会保留。"},
    "search.view.stopping": {
        "en": "The search is stopping; finished trials are kept.",
        "zh": "搜索正在停止；已完成的试验会保留。"},
    "search.view.use_best": {"en": "Use the best settings", "zh": "使用最佳设置"},
    "search.view.use_best_help": {
        "en": "Starts a run with the best trial's settings on the search's data.",
        "zh": "用最佳试验的设置在搜索的数据上开始一个运行。"},
    "search.view.fill": {"en": "Fill the Model page", "zh": "填入模型页"},
    "search.view.fill_help": {
        "en": "Puts the best trial's settings into the Model page's advanced settings, to "
              "look at or change before training.",
        "zh": "把最佳试验的设置填入模型页的高级设置，训练前可以查看或修改。"},
    "search.view.filled": {
        "en": "The best settings of the search are filled in below.",
        "zh": "搜索得到的最佳设置已填入下方。"},
    "search.view.best_name": {"en": "Best settings of {search}",
                              "zh": "{search} 的最佳设置"},
    "search.view.best": {
        "en": "Best so far: trial {number}, validation score {score}.",
        "zh": "目前最佳：第 {number} 次试验，验证分数 {score}。"},
    "search.view.failed": {"en": "The search failed.", "zh": "搜索失败。"},
    "search.view.no_trials": {
        "en": "No trial has started yet.", "zh": "还没有开始任何试验。"},
    "search.view.pruned_note": {
        "en": "A stopped-early trial scored below the median of earlier trials at the same "
              "evaluation, so the search gave its time to other settings.",
        "zh": "提前停止的试验在同一次评估时分数低于此前试验的中位数，"
              "因此搜索把时间留给了其他设置。"},
    "search.table.trial": {"en": "Trial", "zh": "试验"},
    "search.table.state": {"en": "State", "zh": "状态"},
    "search.table.score": {"en": "Validation score", "zh": "验证分数"},
    "search.table.metric": {"en": "Metric", "zh": "指标"},
    "search.table.time": {"en": "Time", "zh": "用时"},
    "search.table.run": {"en": "Run", "zh": "运行"},
    "search.trial_state.complete": {"en": "finished", "zh": "已完成"},
    "search.trial_state.pruned": {"en": "stopped early", "zh": "提前停止"},
    "search.trial_state.fail": {"en": "failed", "zh": "失败"},
    "search.trial_state.stopped": {"en": "stopped", "zh": "已停止"},
    "search.trial_state.running": {"en": "training", "zh": "训练中"},
    "search.trial_state.waiting": {"en": "waiting", "zh": "等待中"},
    "search.chart.score": {"en": "Validation score", "zh": "验证分数"},
    "search.chart.history": {"en": "Score per trial and the best so far",
                             "zh": "每次试验的分数与目前最佳"},
    "search.chart.parallel": {"en": "Settings of each trial", "zh": "每次试验的设置"},
    "search.chart.importance": {"en": "How much each setting mattered",
                                "zh": "各项设置的重要程度"},
}
