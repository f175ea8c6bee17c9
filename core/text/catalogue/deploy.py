"""Texts of pages/deploy.py and its panels (pages/_deploy_*.py), and of the background API
servers (core/jobs/servers.py).

Keys start with 'deploy.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    # ----- the page --------------------------------------------------------------------------
    "deploy.page.title": {"en": "5. Deploy", "zh": "5. 部署"},
    "deploy.page.caption": {
        "en": "Put a model behind an HTTP API: pick a format, start a server, call it from "
              "your product.",
        "zh": "把模型放到 HTTP API 后面：选一种格式，启动服务器，然后在你的产品里调用它。"},
    "deploy.page.no_runs": {
        "en": "No finished runs yet. Train one on the Train page; it appears here when it "
              "finishes.",
        "zh": "还没有已完成的运行。请在“训练”页训练一个，完成后会出现在这里。"},
    "deploy.page.pick_run": {"en": "Run to deploy", "zh": "要部署的运行"},
    "deploy.page.pick_run_help": {
        "en": "Any finished run; the newest is chosen for you.",
        "zh": "任何已完成的运行均可；默认选中最新的一个。"},
    "deploy.page.pick_format": {"en": "Format", "zh": "格式"},
    "deploy.page.pick_format_help": {
        "en": "How the model is stored and run: PyTorch as trained, or ONNX run by onnxruntime "
              "(smaller and faster on a CPU, int8 the most).",
        "zh": "模型的保存和运行方式：按训练时的 PyTorch，或由 onnxruntime 运行的 ONNX（在 CPU 上"
              "更小更快，int8 最明显）。"},
    "deploy.error.page": {"en": "Something went wrong while showing the deploy page.",
                          "zh": "显示部署页时出错了。"},
    "deploy.error.formats": {"en": "Something went wrong while showing the formats.",
                             "zh": "显示格式时出错了。"},
    "deploy.error.smaller": {"en": "Something went wrong while starting the smaller model.",
                             "zh": "开始训练更小的模型时出错了。"},
    "deploy.error.start": {"en": "Something went wrong while starting the server.",
                           "zh": "启动服务器时出错了。"},
    "deploy.error.servers": {"en": "Something went wrong while listing the servers.",
                             "zh": "列出服务器时出错了。"},
    "deploy.error.use": {"en": "Something went wrong while showing how to call the server.",
                         "zh": "显示调用服务器的方法时出错了。"},
    "deploy.error.tester": {"en": "Something went wrong while sending the request.",
                            "zh": "发送请求时出错了。"},
    # ----- formats ---------------------------------------------------------------------------
    "deploy.format.torch": {"en": "PyTorch (as trained)", "zh": "PyTorch（训练时的格式）"},
    "deploy.format.onnx": {"en": "ONNX", "zh": "ONNX"},
    "deploy.format.onnx_int8": {"en": "ONNX int8 (smallest, fastest)",
                                "zh": "ONNX int8（最小、最快）"},
    "deploy.formats.title": {"en": "Size, speed and score of each format",
                             "zh": "各格式的大小、速度和得分"},
    "deploy.formats.none": {
        "en": "No format measured yet. Press Measure and export to measure the chosen format "
              "on the run's test examples.",
        "zh": "还没有测量任何格式。按“测量并导出”，在这次运行的测试样本上测量所选格式。"},
    "deploy.formats.col.format": {"en": "format", "zh": "格式"},
    "deploy.formats.col.size": {"en": "size (MB)", "zh": "大小（MB）"},
    "deploy.formats.col.speed": {"en": "sentences per second", "zh": "每秒句数"},
    "deploy.formats.col.p50": {"en": "latency of one sentence (ms, p50)",
                               "zh": "单句延迟（毫秒，p50）"},
    "deploy.formats.col.score": {"en": "test score", "zh": "测试得分"},
    "deploy.formats.col.change": {"en": "change against PyTorch (points)",
                                  "zh": "相对 PyTorch 的变化（百分点）"},
    "deploy.formats.col.note": {"en": "note", "zh": "说明"},
    "deploy.formats.flagged": {"en": "Score changed by more than 1 point.",
                               "zh": "得分变化超过 1 个百分点。"},
    "deploy.formats.measure": {"en": "Measure and export", "zh": "测量并导出"},
    "deploy.formats.measure_help": {
        "en": "Exports the chosen format as a zip and measures its size, speed and test score "
              "on this machine (a minute or two).",
        "zh": "把所选格式导出为 zip，并在这台机器上测量它的大小、速度和测试得分（需要一两分钟）。"},
    "deploy.formats.measuring": {"en": "Exporting and measuring {format}...",
                                 "zh": "正在导出并测量 {format}……"},
    "deploy.formats.measured": {"en": "{format} exported and measured.",
                                "zh": "{format} 已导出并完成测量。"},
    "deploy.downloads.title": {"en": "Downloads", "zh": "下载"},
    "deploy.downloads.button": {"en": "Download {format}", "zh": "下载 {format}"},
    "deploy.downloads.help": {
        "en": "A zip with the model in this format, its model card and a predict.py.",
        "zh": "一个 zip：这种格式的模型、模型卡片和 predict.py。"},
    "deploy.downloads.not_yet": {
        "en": "{format}: press Measure and export with this format first.",
        "zh": "{format}：请先选中这种格式并按“测量并导出”。"},
    # ----- a smaller model -------------------------------------------------------------------
    "deploy.smaller.title": {"en": "A smaller model", "zh": "更小的模型"},
    "deploy.smaller.what": {
        "en": "Keeps some of the model's layers and trains them to imitate it: smaller and "
              "faster, usually a little less accurate. It trains as a new run.",
        "zh": "保留模型的部分层，并训练它们模仿原模型：更小更快，通常准确率略低。它会作为一次新"
              "的运行来训练。"},
    "deploy.smaller.layers": {"en": "Layers to keep", "zh": "保留的层数"},
    "deploy.smaller.layers_help": {
        "en": "Fewer layers: faster and smaller, but it may lose more of the score.",
        "zh": "层数越少越快越小，但得分可能损失更多。"},
    "deploy.smaller.start": {"en": "Train the smaller model", "zh": "训练更小的模型"},
    "deploy.smaller.start_help": {
        "en": "Starts a new run (it waits if another run is training); follow it on the Train "
              "page.",
        "zh": "开始一次新的运行（如果有别的运行正在训练，它会排队等待）；可在“训练”页查看进度。"},
    "deploy.smaller.started": {"en": "Started {name}. Follow it on the Train page.",
                               "zh": "已开始 {name}。可在“训练”页查看进度。"},
    "deploy.smaller.none": {
        "en": "This model has too few layers to make a smaller one.",
        "zh": "这个模型的层数太少，无法再做更小的模型。"},
    # ----- starting a server -----------------------------------------------------------------
    "deploy.start.title": {"en": "Start an API server", "zh": "启动 API 服务器"},
    "deploy.start.host": {"en": "Address to listen on", "zh": "监听地址"},
    "deploy.start.host_help": {
        "en": "127.0.0.1 answers only this computer; 0.0.0.0 answers the whole network and "
              "needs a token.",
        "zh": "127.0.0.1 只接受本机的请求；0.0.0.0 接受整个网络的请求，必须设置令牌。"},
    "deploy.start.port": {"en": "Port", "zh": "端口"},
    "deploy.start.port_help": {
        "en": "0 picks a free port for you.",
        "zh": "填 0 会自动选一个空闲端口。"},
    "deploy.start.token": {"en": "Token (optional)", "zh": "令牌（可选）"},
    "deploy.start.token_help": {
        "en": "When set, every request must send it as 'Authorization: Bearer <token>'.",
        "zh": "设置后，每个请求都必须以 “Authorization: Bearer <令牌>” 的形式带上它。"},
    "deploy.start.button": {"en": "Start server", "zh": "启动服务器"},
    "deploy.start.button_help": {
        "en": "Starts the server in the background: it keeps serving when you close this tab.",
        "zh": "在后台启动服务器：关闭这个标签页后它仍会继续服务。"},
    "deploy.start.starting": {"en": "Starting the server and loading the model...",
                              "zh": "正在启动服务器并加载模型……"},
    "deploy.start.started": {"en": "The server answers at {url}.",
                             "zh": "服务器已在 {url} 上提供服务。"},
    "deploy.start.still_loading": {
        "en": "The server is still loading the model; it appears as running below when it "
              "answers.",
        "zh": "服务器仍在加载模型；可以应答时，下方会显示为运行中。"},
    # ----- the list of servers ---------------------------------------------------------------
    "deploy.servers.title": {"en": "Servers", "zh": "服务器"},
    "deploy.servers.none": {"en": "No servers yet.", "zh": "还没有服务器。"},
    "deploy.servers.line": {"en": "**{run}** ({format}) at `{url}`: {state}",
                            "zh": "**{run}**（{format}），地址 `{url}`：{state}"},
    "deploy.servers.token_set": {"en": "Requests need the token.",
                                 "zh": "请求必须带上令牌。"},
    "deploy.servers.state.starting": {"en": "starting", "zh": "启动中"},
    "deploy.servers.state.running": {"en": "running", "zh": "运行中"},
    "deploy.servers.state.stopped": {"en": "stopped", "zh": "已停止"},
    "deploy.servers.state.failed": {"en": "failed", "zh": "失败"},
    "deploy.servers.stop": {"en": "Stop", "zh": "停止"},
    "deploy.servers.stop_help": {"en": "Stops this server; its URL stops answering.",
                                 "zh": "停止这个服务器；它的地址将不再应答。"},
    "deploy.servers.forget": {"en": "Remove", "zh": "移除"},
    "deploy.servers.forget_help": {"en": "Removes this stopped server from the list.",
                                   "zh": "把这个已停止的服务器从列表中移除。"},
    "deploy.servers.stopped": {"en": "The server at {url} was stopped.",
                               "zh": "{url} 上的服务器已停止。"},
    "deploy.servers.refresh": {"en": "Refresh", "zh": "刷新"},
    "deploy.servers.refresh_help": {"en": "Reads the servers' states again.",
                                    "zh": "重新读取各服务器的状态。"},
    # ----- using a server --------------------------------------------------------------------
    "deploy.use.title": {"en": "Call it", "zh": "调用它"},
    "deploy.use.none": {"en": "Start a server above to see how to call it.",
                        "zh": "在上方启动一个服务器后，这里会显示调用方法。"},
    "deploy.use.pick": {"en": "Server", "zh": "服务器"},
    "deploy.use.pick_help": {"en": "The running server the snippets and the tester call.",
                             "zh": "代码片段和请求测试所调用的运行中的服务器。"},
    "deploy.use.body": {
        "en": "Send a POST request to {url} with a JSON body like this one:",
        "zh": "向 {url} 发送 POST 请求，JSON 请求体如下所示："},
    "deploy.use.tab.curl": {"en": "curl", "zh": "curl"},
    "deploy.use.tab.requests": {"en": "Python requests", "zh": "Python requests"},
    "deploy.use.tab.hub": {"en": "huggingface_hub", "zh": "huggingface_hub"},
    "deploy.use.tab.fetch": {"en": "JavaScript fetch", "zh": "JavaScript fetch"},
    "deploy.use.hub_pairs": {
        "en": "InferenceClient sends one text per call; for a model of text pairs use one of "
              "the other snippets.",
        "zh": "InferenceClient 每次只发送一段文本；文本对模型请使用其他代码片段。"},
    "deploy.use.docs": {"en": "Every endpoint is described at {url}/docs.",
                        "zh": "所有接口的说明见 {url}/docs。"},
    "deploy.example.text_classification": {
        "en": "I loved this phone, the battery lasts for days.",
        "zh": "我很喜欢这部手机，电池能用好几天。"},
    "deploy.example.token_classification": {
        "en": "Anna Meyer flew from Berlin to Paris on Monday.",
        "zh": "张伟周一从北京飞往上海。"},
    "deploy.example.question_answering": {
        "en": "The Aurora K2 is a kitchen scale made by Larkfield Instruments.",
        "zh": "Aurora K2 是 Larkfield Instruments 生产的一款厨房秤。"},
    "deploy.example.pair": {"en": "The battery is good.", "zh": "电池很好。"},
    "deploy.example.question": {"en": "Who makes the Aurora K2?",
                                "zh": "Aurora K2 是谁生产的？"},
    "deploy.tester.title": {"en": "Try a request", "zh": "试一个请求"},
    "deploy.tester.body": {"en": "Request body (JSON)", "zh": "请求体（JSON）"},
    "deploy.tester.body_help": {
        "en": "Sent as it is to the chosen server, with the token when it has one.",
        "zh": "原样发送到所选服务器，如果设置了令牌会一并带上。"},
    "deploy.tester.send": {"en": "Send", "zh": "发送"},
    "deploy.tester.send_help": {"en": "Sends the body and shows the server's answer.",
                                "zh": "发送请求体并显示服务器的应答。"},
    "deploy.tester.answer": {"en": "The server answered with status {status}:",
                             "zh": "服务器的应答状态为 {status}："},
    # ----- errors of core/jobs/servers.py ----------------------------------------------------
    "deploy.server.bad_id": {"en": "{id} is not the name of a server.",
                             "zh": "{id} 不是服务器的名称。"},
    "deploy.server.bad_id_fix": {"en": "Pick a server from the list on the Deploy page.",
                                 "zh": "请从“部署”页的列表中选择服务器。"},
    "deploy.server.unknown": {"en": "There is no server {id}.", "zh": "没有名为 {id} 的服务器。"},
    "deploy.server.unknown_fix": {"en": "It may have been removed; reload the page.",
                                  "zh": "它可能已被移除；请刷新页面。"},
    "deploy.server.bad_host": {"en": "{host} is not an address to listen on.",
                               "zh": "{host} 不是可以监听的地址。"},
    "deploy.server.bad_host_fix": {
        "en": "Use 127.0.0.1 for this computer only, or 0.0.0.0 for the whole network.",
        "zh": "只供本机使用请填 127.0.0.1，供整个网络使用请填 0.0.0.0。"},
    "deploy.server.needs_token": {
        "en": "A server listening on {host} answers other computers, so it needs a token.",
        "zh": "监听 {host} 的服务器会应答其他电脑的请求，因此必须设置令牌。"},
    "deploy.server.needs_token_fix": {
        "en": "Set a token, or listen on 127.0.0.1 to answer this computer only.",
        "zh": "请设置令牌，或改为监听 127.0.0.1，只应答本机的请求。"},
    "deploy.server.no_model": {"en": "The run {run} has no saved model to serve.",
                               "zh": "运行 {run} 没有可以提供服务的已保存模型。"},
    "deploy.server.no_model_fix": {"en": "Pick a finished run.", "zh": "请选择一个已完成的运行。"},
    "deploy.server.port_busy": {"en": "Port {port} on {host} cannot be used: {reason}.",
                                "zh": "{host} 上的端口 {port} 无法使用：{reason}。"},
    "deploy.server.port_busy_fix": {"en": "Choose another port, or 0 for any free one.",
                                    "zh": "请换一个端口，或填 0 自动选择空闲端口。"},
    "deploy.server.failed": {"en": "The server did not start: {reason}",
                             "zh": "服务器没有启动：{reason}"},
    "deploy.server.failed_fix": {"en": "Fix what it says and start it again.",
                                 "zh": "请按提示处理后再启动一次。"},
    "deploy.server.ended_early": {"en": "It ended before it could answer. {reason}",
                                  "zh": "它在能够应答之前就结束了。{reason}"},
    "deploy.server.ended": {"en": "The server process ended by itself. {reason}",
                            "zh": "服务器进程自行结束了。{reason}"},
    "deploy.server.run_gone": {"en": "The run {run} or its model is gone, so it was not "
                                     "started again.",
                               "zh": "运行 {run} 或它的模型已不存在，因此没有重新启动。"},
    "deploy.server.token_gone": {
        "en": "Its token file is gone, so it was not started again without one.",
        "zh": "它的令牌文件已不存在，因此没有在无令牌的情况下重新启动。"},
    "deploy.server.not_running": {"en": "The server {id} is not running.",
                                  "zh": "服务器 {id} 没有在运行。"},
    "deploy.server.not_running_fix": {"en": "Start a server, then send the request again.",
                                      "zh": "请先启动服务器，再发送请求。"},
    "deploy.server.bad_json": {"en": "The request body is not JSON: {reason}.",
                               "zh": "请求体不是 JSON：{reason}。"},
    "deploy.server.bad_json_fix": {"en": "Write it as JSON, like the body shown above.",
                                   "zh": "请按上方示例的格式写成 JSON。"},
    "deploy.server.unreachable": {"en": "The server at {url} did not answer: {reason}.",
                                  "zh": "{url} 上的服务器没有应答：{reason}。"},
    "deploy.server.unreachable_fix": {"en": "Check that it is running, then try again.",
                                      "zh": "请确认它正在运行，然后再试一次。"},
}
