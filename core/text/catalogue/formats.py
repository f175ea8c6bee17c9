"""Texts of the model formats: opening a run or an exported zip in a format, ONNX exports and
their measurements (core/serve/formats.py, onnx_export.py, measure.py, core/predict/onnx_runner.py).

Keys start with 'formats.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "formats.unknown.message": {
        "en": "There is no model format called {format}.",
        "zh": "没有名为 {format} 的模型格式。"},
    "formats.unknown.fix": {
        "en": "Choose one of: {formats}.", "zh": "请从以下格式中选择：{formats}。"},
    "formats.missing_source.message": {
        "en": "{source} is neither a run folder nor an exported zip.",
        "zh": "{source} 既不是训练运行的文件夹，也不是导出的 zip 文件。"},
    "formats.missing_source.fix": {
        "en": "Give the folder of a finished run or a zip exported from one.",
        "zh": "请给出一个已完成运行的文件夹，或从中导出的 zip 文件。"},
    "formats.not_zip.message": {
        "en": "{file} is not a zip file, or it is damaged.",
        "zh": "{file} 不是 zip 文件，或者已损坏。"},
    "formats.not_zip.fix": {
        "en": "Export the run again and use the new zip.",
        "zh": "请重新导出这次运行，并使用新的 zip 文件。"},
    "formats.unsafe_zip.message": {
        "en": "{file} holds an entry that would be written outside its folder: {entry}.",
        "zh": "{file} 中有一项会被写到目标文件夹之外：{entry}。"},
    "formats.link_in_zip.message": {
        "en": "{file} holds a link ({entry}); an exported model never does.",
        "zh": "{file} 中包含一个链接（{entry}），导出的模型从不包含链接。"},
    "formats.zip_too_big.message": {
        "en": "{file} unpacks to more than {limit} MB.",
        "zh": "{file} 解压后超过 {limit} MB。"},
    "formats.unsafe_zip.fix": {
        "en": "Use only zips exported by Finetune Studio from a run.",
        "zh": "请只使用 Finetune Studio 从运行中导出的 zip 文件。"},
    "formats.zip_no_model.message": {
        "en": "{file} holds no model (no config.json with weights or model.onnx).",
        "zh": "{file} 中没有模型（没有带权重的 config.json，也没有 model.onnx）。"},
    "formats.zip_other_format.message": {
        "en": "{file} holds the {held} format, not {format}.",
        "zh": "{file} 中是 {held} 格式的模型，而不是 {format}。"},
    "formats.zip_other_format.fix": {
        "en": "Serve it as {held}, or export the run again in the format you want.",
        "zh": "请以 {held} 格式使用它，或按你需要的格式重新导出这次运行。"},
    "formats.no_onnx.message": {
        "en": "The ONNX file {file} is missing.", "zh": "缺少 ONNX 文件 {file}。"},
    "formats.no_onnx.fix": {
        "en": "Export the run in an ONNX format again.", "zh": "请重新以 ONNX 格式导出这次运行。"},
    "formats.bad_onnx.message": {
        "en": "onnxruntime could not read {file}: {error}",
        "zh": "onnxruntime 无法读取 {file}：{error}"},
    "formats.bad_onnx.fix": {
        "en": "Delete the file and export the run in that format again.",
        "zh": "请删除该文件，然后以该格式重新导出这次运行。"},
    "formats.no_tokenizer.message": {
        "en": "The tokenizer in {folder} could not be read: {error}",
        "zh": "无法读取 {folder} 中的分词器：{error}"},
    "formats.no_tokenizer.fix": {
        "en": "Export the run again; the zip must hold the tokenizer files.",
        "zh": "请重新导出这次运行；zip 文件中必须包含分词器文件。"},
    "formats.export_failed.message": {
        "en": "The model could not be exported to ONNX: {error}",
        "zh": "无法将模型导出为 ONNX：{error}"},
    "formats.export_failed.fix": {
        "en": "Use the torch format for this model.", "zh": "请对这个模型使用 torch 格式。"},
    "formats.name.torch": {"en": "PyTorch", "zh": "PyTorch"},
    "formats.name.onnx": {"en": "ONNX", "zh": "ONNX"},
    "formats.name.onnx_int8": {"en": "ONNX int8", "zh": "ONNX int8"},
}
