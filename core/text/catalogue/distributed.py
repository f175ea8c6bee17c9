"""Texts of one run trained by several processes (core/jobs/distributed.py, the run
configuration's `distributed` section, the command-line flags and the Model page's panel).

Keys start with 'distributed.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- RunConfig fields ---------------------------------------------------------------------
    "distributed.field.section.label": {"en": "Processes", "zh": "进程"},
    "distributed.field.section.help": {
        "en": "How many processes train the run together: on this machine, and over several "
              "machines.",
        "zh": "共同训练本运行的进程数：本机上的，以及多台机器上的。"},
    "distributed.field.processes.label": {"en": "Processes on each machine",
                                          "zh": "每台机器上的进程数"},
    "distributed.field.processes.help": {
        "en": "One per GPU, or several CPU processes sharing the cores (1: train in one "
              "process).",
        "zh": "每块 GPU 一个进程，或几个分享 CPU 核心的进程（1：在一个进程中训练）。"},
    "distributed.field.nodes.label": {"en": "Machines", "zh": "机器数"},
    "distributed.field.nodes.help": {
        "en": "How many machines train the run together.",
        "zh": "共同训练本运行的机器数量。"},
    "distributed.field.node_rank.label": {"en": "This machine's number", "zh": "本机编号"},
    "distributed.field.node_rank.help": {
        "en": "0 on the machine that keeps the run folder, then 1, 2 and so on on the others.",
        "zh": "保存运行文件夹的机器填 0，其余机器依次填 1、2 等。"},
    "distributed.field.master_addr.label": {"en": "Address of machine 0",
                                            "zh": "0 号机器的地址"},
    "distributed.field.master_addr.help": {
        "en": "The host name or IP address at which the other machines reach machine 0.",
        "zh": "其他机器用来连接 0 号机器的主机名或 IP 地址。"},
    "distributed.field.master_port.label": {"en": "Port on machine 0", "zh": "0 号机器的端口"},
    "distributed.field.master_port.help": {
        "en": "A free port on machine 0 that the other machines can reach (for example 29500).",
        "zh": "0 号机器上一个其他机器能连到的空闲端口（例如 29500）。"},
    # ----- checks of the settings ---------------------------------------------------------------
    "distributed.master_addr.fix": {
        "en": "Give a host name or an IP address without spaces, such as 10.0.0.1.",
        "zh": "请填写不含空格的主机名或 IP 地址，例如 10.0.0.1。"},
    "distributed.needs_master.message": {
        "en": "A run over {nodes} machines needs the address and port of machine 0.",
        "zh": "在 {nodes} 台机器上训练的运行需要 0 号机器的地址和端口。"},
    "distributed.needs_master.fix": {
        "en": "Give --master-addr and --master-port, the same on every machine.",
        "zh": "请提供 --master-addr 和 --master-port，每台机器上都相同。"},
    # ----- how a run of several processes ends --------------------------------------------------
    "distributed.rank_died.code": {
        "en": "Process {rank} of the run stopped unexpectedly with exit code {code}.",
        "zh": "本运行的第 {rank} 号进程意外停止，退出码为 {code}。"},
    "distributed.rank_died.signal": {
        "en": "Process {rank} of the run stopped unexpectedly: it was ended by signal {signal}.",
        "zh": "本运行的第 {rank} 号进程意外停止：它被信号 {signal} 结束了。"},
    "distributed.ended.message": {
        "en": "The processes of the run stopped unexpectedly with exit code {code}.",
        "zh": "本运行的进程意外停止，退出码为 {code}。"},
    "distributed.rank_died.fix": {
        "en": "Press Resume to continue from the last checkpoint.",
        "zh": "请点击“继续训练”，从最近的检查点接着训练。"},
    "distributed.machines_resume.message": {
        "en": "This run was trained across several machines and cannot be resumed.",
        "zh": "本运行是在多台机器上训练的，无法继续训练。"},
    "distributed.machines_again.fix": {
        "en": "Start the run again on every machine: a run across several machines cannot be "
              "resumed.",
        "zh": "请在每台机器上重新开始本运行：跨多台机器的运行无法继续训练。"},
    "distributed.secondary_done": {
        "en": "This machine's part of the run is done. The model, its scores and the curves "
              "are in the run folder on machine 0.",
        "zh": "本机承担的训练已完成。模型、评分和曲线保存在 0 号机器的运行文件夹中。"},
    # ----- command-line flags -------------------------------------------------------------------
    "distributed.help.nproc_per_node": {
        "en": "Processes on this machine: one per GPU, or CPU processes (default 1).",
        "zh": "本机上的进程数：每块 GPU 一个，或若干 CPU 进程（默认 1）。"},
    "distributed.help.nnodes": {
        "en": "Machines that train the run together (default 1).",
        "zh": "共同训练本运行的机器数（默认 1）。"},
    "distributed.help.node_rank": {
        "en": "This machine's number: 0 keeps the run folder, the others 1, 2 and so on.",
        "zh": "本机编号：0 号保存运行文件夹，其余为 1、2 等。"},
    "distributed.help.master_addr": {
        "en": "Host name or IP address of machine 0, the same on every machine.",
        "zh": "0 号机器的主机名或 IP 地址，每台机器上都相同。"},
    "distributed.help.master_port": {
        "en": "A free port on machine 0, the same on every machine.",
        "zh": "0 号机器上的一个空闲端口，每台机器上都相同。"},
    # ----- the Model page's panel ---------------------------------------------------------------
    "distributed.page.use_all_gpus.label": {
        "en": "Use all {count} GPUs",
        "zh": "使用全部 {count} 块 GPU"},
    "distributed.page.use_all_gpus.help": {
        "en": "One process per GPU trains the run; the batch size stays what the settings say, "
              "shared out between the GPUs.",
        "zh": "每块 GPU 一个进程共同训练本运行；批大小仍按设置，由各 GPU 分担。"},
    "distributed.page.machines.title": {"en": "Train across several machines",
                                        "zh": "在多台机器上训练"},
    "distributed.page.machines.intro": {
        "en": "Download this configuration, copy it and the data files to the same paths on "
              "every machine, then run its command on each machine. Machine 0 keeps the run "
              "folder with the model, the scores and the curves.",
        "zh": "下载此配置，将它和数据文件复制到每台机器的相同路径下，"
              "然后在每台机器上运行对应的命令。0 号机器保存运行文件夹，其中有模型、评分和曲线。"},
    "distributed.page.machines.download": {"en": "Download the configuration",
                                           "zh": "下载配置"},
    "distributed.page.machines.command": {
        "en": "On machine {rank}:",
        "zh": "在 {rank} 号机器上："},
    "distributed.page.machines.more": {
        "en": "On the other machines, the same command with --node-rank set to that "
              "machine's number.",
        "zh": "在其余机器上运行相同的命令，把 --node-rank 改为该机器的编号。"},
}
