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
}
