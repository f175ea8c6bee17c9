"""Texts of the HTTP API server (`python -m core serve`): its start-up lines and refusals, and
the error answers a client gets for a request the server cannot take.

Keys start with 'serve.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "serve.help.command": {
        "en": "Serve a run or an exported zip as an HTTP API (Hugging Face Inference API shapes).",
        "zh": "把一个运行或导出的压缩包作为 HTTP 接口提供"
              "（格式与 Hugging Face Inference API 相同）。"},
    "serve.help.export_format": {
        "en": "Export in this format ({formats}), measured on the run's test split first.",
        "zh": "以此格式导出（{formats}），导出前先在运行的测试集上测量。"},
    "serve.help.distill": {
        "en": "Train a smaller model that keeps some layers of a run's model and imitates it.",
        "zh": "训练一个更小的模型：保留某个运行模型的部分层，并学习模仿它。"},
    "serve.help.teacher": {"en": "The finished run to make smaller (its folder or run id).",
                           "zh": "要缩小的已完成运行（文件夹或运行 ID）。"},
    "serve.help.layers": {"en": "How many of the model's encoder layers the smaller model keeps.",
                          "zh": "更小的模型保留原模型编码器的层数。"},
    "serve.help.source": {"en": "A run folder, a run id, or an exported model zip.",
                          "zh": "运行文件夹、运行 ID，或导出的模型压缩包。"},
    "serve.help.host": {
        "en": "The address to bind (default 127.0.0.1; any other address needs a token).",
        "zh": "要绑定的地址（默认 127.0.0.1；其他地址都需要令牌）。"},
    "serve.help.port": {"en": "The port (default 8000; 0 picks a free one).",
                        "zh": "端口（默认 8000；0 表示自动挑选空闲端口）。"},
    "serve.help.format": {"en": "The model format to serve: {formats}.",
                          "zh": "要提供的模型格式：{formats}。"},
    "serve.help.token": {
        "en": "The token clients send as 'Authorization: Bearer <token>' (or set "
              "FINETUNE_SERVE_TOKEN).",
        "zh": "客户端以 'Authorization: Bearer <令牌>' 发送的令牌"
              "（也可设置 FINETUNE_SERVE_TOKEN）。"},
    "serve.help.workers": {"en": "Worker processes, each with its own copy of the model.",
                           "zh": "工作进程数，每个进程各自载入一份模型。"},
    "serve.help.ready_file": {
        "en": "A file written (JSON with the URL) once the server answers.",
        "zh": "服务器可以应答后写入的文件（包含地址的 JSON）。"},
    "serve.listening": {
        "en": "Serving {run} ({format}) at {url} — API docs at {url}/docs. Ctrl+C stops it.",
        "zh": "正在以 {format} 格式提供 {run}，地址 {url}，接口文档见 {url}/docs。"
              "按 Ctrl+C 停止。"},
    "serve.stopped": {"en": "The server has stopped.", "zh": "服务器已停止。"},
    "serve.description": {
        "en": "Predictions of the run {run} in the request and answer shapes of the Hugging Face "
              "Inference API.",
        "zh": "运行 {run} 的预测接口，请求与回答的格式与 Hugging Face Inference API 相同。"},
    "serve.public_without_token.message": {
        "en": "Binding {host} lets other machines reach the model, so the server needs a token.",
        "zh": "绑定到 {host} 会让其他机器访问到模型，因此服务器需要一个令牌。"},
    "serve.public_without_token.fix": {
        "en": "Give --token (or set FINETUNE_SERVE_TOKEN), or bind 127.0.0.1.",
        "zh": "请给出 --token（或设置 FINETUNE_SERVE_TOKEN），或者绑定到 127.0.0.1。"},
    "serve.no_source.message": {
        "en": "There is no run folder or model zip at {path}.",
        "zh": "{path} 处没有运行文件夹，也没有模型压缩包。"},
    "serve.no_source.fix": {
        "en": "Give a run folder, a run id from 'python -m core runs', or an exported zip.",
        "zh": "请给出运行文件夹、'python -m core runs' 列出的运行 ID，或导出的压缩包。"},
    "serve.bad_port.message": {
        "en": "Port {port} is not a port number.", "zh": "{port} 不是有效的端口号。"},
    "serve.bad_port.fix": {
        "en": "Use a number from 1 to 65535 (or 0 to let the system pick a free one).",
        "zh": "请使用 1 到 65535 之间的数字（或用 0 让系统挑选一个空闲端口）。"},
    "serve.port_in_use.message": {
        "en": "Port {port} on {host} is already in use.",
        "zh": "{host} 上的端口 {port} 已被占用。"},
    "serve.port_in_use.fix": {
        "en": "Pick another --port, or stop the program that uses it.",
        "zh": "请换一个 --port，或停止占用该端口的程序。"},
    "serve.bad_workers.message": {
        "en": "--workers is {workers}, but a server needs at least one worker.",
        "zh": "--workers 为 {workers}，但服务器至少需要一个工作进程。"},
    "serve.bad_workers.fix": {"en": "Use --workers 1 or more.",
                              "zh": "请使用 --workers 1 或更多。"},
    "serve.error.body_too_large": {
        "en": "The request body is {size} bytes; this server takes at most {limit} bytes.",
        "zh": "请求体有 {size} 字节，本服务器最多接受 {limit} 字节。"},
    "serve.error.bad_json": {
        "en": "The request body is not valid JSON (line {line}, column {column}).",
        "zh": "请求体不是有效的 JSON（第 {line} 行，第 {column} 列）。"},
    "serve.error.not_utf8": {
        "en": "The request body is not UTF-8 text.", "zh": "请求体不是 UTF-8 文本。"},
    "serve.error.too_deep": {
        "en": "The request body is nested deeper than {limit} levels.",
        "zh": "请求体的嵌套层数超过了 {limit} 层。"},
    "serve.error.not_object": {
        "en": "The request body must be a JSON object with an \"inputs\" field.",
        "zh": "请求体必须是一个带有 \"inputs\" 字段的 JSON 对象。"},
    "serve.error.unknown_field": {
        "en": "The request has an unknown field {field}; it takes inputs and parameters.",
        "zh": "请求中有未知字段 {field}；请求只接受 inputs 和 parameters。"},
    "serve.error.missing_inputs": {
        "en": "The request has no {field} field.", "zh": "请求中没有 {field} 字段。"},
    "serve.error.empty_inputs": {
        "en": "{field} is an empty list; send at least one input.",
        "zh": "{field} 是一个空列表；请至少发送一个输入。"},
    "serve.error.too_many_inputs": {
        "en": "{field} holds {count} items; this server takes at most {limit} in one request.",
        "zh": "{field} 中有 {count} 项，本服务器一次请求最多接受 {limit} 项。"},
    "serve.error.not_text": {
        "en": "{field} must be a string.", "zh": "{field} 必须是字符串。"},
    "serve.error.text_too_long": {
        "en": "{field} has {count} characters; this server takes at most {limit} in one text.",
        "zh": "{field} 有 {count} 个字符，本服务器每段文本最多接受 {limit} 个字符。"},
    "serve.error.wrong_inputs.classes": {
        "en": "{field} must be a text, a list of texts, or {{\"text\": ..., \"text_pair\": ...}}.",
        "zh": "{field} 必须是一段文本、文本列表，或 {{\"text\": ..., \"text_pair\": ...}}。"},
    "serve.error.wrong_inputs.entities": {
        "en": "{field} must be a text or a list of texts.",
        "zh": "{field} 必须是一段文本或文本列表。"},
    "serve.error.wrong_inputs.answers": {
        "en": "{field} must be {{\"question\": ..., \"context\": ...}} or a list of them.",
        "zh": "{field} 必须是 {{\"question\": ..., \"context\": ...}} 或由它们组成的列表。"},
    "serve.error.missing_key": {
        "en": "{field} is missing; each input needs it.",
        "zh": "缺少 {field}；每个输入都需要它。"},
    "serve.error.parameters_not_object": {
        "en": "{field} must be a JSON object.", "zh": "{field} 必须是一个 JSON 对象。"},
    "serve.error.unknown_parameter": {
        "en": "{field} is not a parameter this model takes; it takes {names}.",
        "zh": "{field} 不是此模型接受的参数；可用的参数有 {names}。"},
    "serve.error.bad_choice": {
        "en": "{field} must be one of {choices}.", "zh": "{field} 必须是以下之一：{choices}。"},
    "serve.error.bad_integer": {
        "en": "{field} must be a whole number from {low} to {high}.",
        "zh": "{field} 必须是 {low} 到 {high} 之间的整数。"},
    "serve.error.bad_number": {
        "en": "{field} must be a number from {low} to {high}.",
        "zh": "{field} 必须是 {low} 到 {high} 之间的数字。"},
    "serve.error.bad_labels": {
        "en": "{field} must be a list of labels.", "zh": "{field} 必须是一个标签列表。"},
    "serve.error.busy": {
        "en": "The server already has {count} requests waiting; try again in a moment.",
        "zh": "服务器已有 {count} 个请求在等待，请稍后再试。"},
    "serve.error.unauthorized": {
        "en": "This server needs its token: send the header Authorization: Bearer <token>.",
        "zh": "此服务器需要令牌：请发送请求头 Authorization: Bearer <令牌>。"},
    "serve.error.internal": {
        "en": "The model could not answer this request; the server's log has the details.",
        "zh": "模型无法回答这个请求；详细信息见服务器日志。"},
    "serve.error.not_found": {
        "en": "There is nothing at {field}; send predictions to POST / or POST /predict.",
        "zh": "{field} 处没有内容；请把预测请求发送到 POST / 或 POST /predict。"},
    "serve.error.bad_method": {
        "en": "{field} does not take this method; see /docs for the endpoints.",
        "zh": "{field} 不接受这种请求方法；接口列表见 /docs。"},
}
