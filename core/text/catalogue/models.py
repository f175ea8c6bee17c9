"""Texts of core/models (the model catalogue and safe model loading): why a model cannot be
used and what to do (UserError messages and fixes), and the names core gives models.

Keys start with 'models.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "models.default_name": {"en": "MiniLM-L6 (all-MiniLM-L6-v2), built in",
                            "zh": "MiniLM-L6（all-MiniLM-L6-v2），内置"},
    "models.local_folder_note": {"en": "A local model folder.", "zh": "本地模型文件夹。"},
    "models.hub_note": {"en": "A model from the Hugging Face hub.",
                        "zh": "来自 Hugging Face hub 的模型。"},
    "models.folder_missing.message": {"en": "The model folder {name} does not exist.",
                                      "zh": "模型文件夹 {name} 不存在。"},
    "models.folder_missing.fix": {
        "en": "Give the path of a folder holding config.json and model.safetensors.",
        "zh": "请给出包含 config.json 和 model.safetensors 的文件夹路径。"},
    "models.bad_id.message": {"en": "{name} is not a valid model id.",
                              "zh": "{name} 不是有效的模型编号。"},
    "models.bad_id.fix": {
        "en": "Use 'default', a hub id such as distilbert-base-uncased, or a folder.",
        "zh": "请使用 'default'、hub 上的编号（例如 distilbert-base-uncased）或一个文件夹。"},
    "models.no_config.message": {
        "en": "The folder {folder} has no config.json, so it is not a model folder.",
        "zh": "文件夹 {folder} 中没有 config.json，所以不是模型文件夹。"},
    "models.no_config.fix": {"en": "Choose the folder that holds config.json and the weights.",
                             "zh": "请选择包含 config.json 和权重的文件夹。"},
    "models.no_safetensors.message": {
        "en": "The folder {folder} has no model.safetensors weights; the app does not open "
              "other weight formats, as they can run code.",
        "zh": "文件夹 {folder} 中没有 model.safetensors 权重；本应用不打开其他格式的权重，"
              "因为它们可能运行代码。"},
    "models.no_safetensors_found.message": {
        "en": "The folder {folder} has no model.safetensors weights (it has {files}); the app "
              "does not open other weight formats, as they can run code.",
        "zh": "文件夹 {folder} 中没有 model.safetensors 权重（只有 {files}）；本应用不打开"
              "其他格式的权重，因为它们可能运行代码。"},
    "models.unsafe_adapter.message": {
        "en": "The folder {folder} holds a LoRA adapter without adapter_model.safetensors; the "
              "app does not open other weight formats, as they can run code.",
        "zh": "文件夹 {folder} 中的 LoRA 适配器没有 adapter_model.safetensors；本应用不打开"
              "其他格式的权重，因为它们可能运行代码。"},
    "models.weights_elsewhere.message": {
        "en": "The folder {folder} names weight files that are not safetensors files of its "
              "own; the app does not open them, as they can run code.",
        "zh": "文件夹 {folder} 指向的权重文件不是它自己的 safetensors 文件；本应用不打开"
              "这些文件，因为它们可能运行代码。"},
    "models.unsafe.fix": {
        "en": "Convert the weights to safetensors (transformers' save_pretrained does), or "
              "choose another model.",
        "zh": "请把权重转换为 safetensors 格式（transformers 的 save_pretrained 会这样保存），"
              "或选择另一个模型。"},
    "models.unreachable.message": {
        "en": "The model {name} has to be downloaded from the internet, and the Hugging Face "
              "hub cannot be reached from this computer now.",
        "zh": "模型 {name} 需要从网上下载，但这台电脑现在连不上 Hugging Face hub。"},
    "models.unreachable.fix": {
        "en": "Use the built-in 'default' model or a local model folder, or connect to the "
              "internet and try again.",
        "zh": "请使用内置的 'default' 模型或本地模型文件夹，或者连上网络后再试。"},
    "models.config_unreadable.message": {"en": "The model {name}'s config.json cannot be read.",
                                         "zh": "无法读取模型 {name} 的 config.json。"},
    "models.config_empty.message": {"en": "The model {name}'s config.json holds no settings.",
                                    "zh": "模型 {name} 的 config.json 中没有任何设置。"},
    "models.saved_by_transformers.fix": {
        "en": "Choose a model folder saved by transformers' save_pretrained.",
        "zh": "请选择由 transformers 的 save_pretrained 保存的模型文件夹。"},
    "models.unknown_type.message": {
        "en": "The model {name} is of the type {model_type}, which the installed transformers "
              "library does not know.",
        "zh": "模型 {name} 的类型是 {model_type}，已安装的 transformers 库不认识这种类型。"},
    "models.unknown_type.fix": {"en": "Choose another model, or update transformers.",
                                "zh": "请选择另一个模型，或更新 transformers。"},
    "models.remote_code.message": {
        "en": "The model {name} needs program code of its own to load, and the app never runs "
              "code that comes with a model.",
        "zh": "模型 {name} 需要自带的程序代码才能加载，而本应用从不运行模型自带的代码。"},
    "models.remote_code_unnamed.message": {
        "en": "The model needs program code of its own to load, and the app never runs code "
              "that comes with a model.",
        "zh": "这个模型需要自带的程序代码才能加载，而本应用从不运行模型自带的代码。"},
    "models.remote_code.fix": {
        "en": "Choose a model that the transformers library supports as it is, such as the "
              "built-in 'default' model.",
        "zh": "请选择 transformers 库直接支持的模型，例如内置的 'default' 模型。"},
    "models.unsafe_weights.message": {
        "en": "The weights of the model {name} are stored in an unsafe format (pickle), which "
              "the app does not open because it can run code.",
        "zh": "模型 {name} 的权重以不安全的格式（pickle）保存，本应用不会打开，"
              "因为它可能运行代码。"},
    "models.unsafe_weights_unnamed.message": {
        "en": "The weights of the model are stored in an unsafe format (pickle), which the app "
              "does not open because it can run code.",
        "zh": "这个模型的权重以不安全的格式（pickle）保存，本应用不会打开，因为它可能运行代码。"},
    "models.folder_damaged.message": {
        "en": "The model folder {name} could not be loaded: its files may be incomplete or "
              "damaged.",
        "zh": "无法加载模型文件夹 {name}：其中的文件可能不完整或已损坏。"},
    "models.folder_damaged.fix": {
        "en": "Save the model again with transformers' save_pretrained, or choose another "
              "model.",
        "zh": "请用 transformers 的 save_pretrained 重新保存模型，或选择另一个模型。"},
    "models.load_failed.message": {
        "en": "The model {name} could not be loaded: it may need an internet connection or the "
              "name may be wrong.",
        "zh": "无法加载模型 {name}：可能需要联网，或者名称写错了。"},
    "models.load_failed.fix": {"en": "Use the built-in 'default' model or a local model folder.",
                               "zh": "请使用内置的 'default' 模型或本地模型文件夹。"},
}
