"""Texts of core/data readers: what is wrong with a file and what to do (UserError messages
and fixes, read warnings).

Keys start with 'reading.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "reading.split_values.message": {
        "en": "{source} has split values that are not train, validation or test: {values}.",
        "zh": "{source} 的划分列中有不是 train、validation 或 test 的值：{values}。"},
    "reading.split_values.fix": {
        "en": "Use train, validation (or dev) and test in the split column.",
        "zh": "请在划分列中使用 train、validation（或 dev）和 test。"},
    "reading.split_no_train.message": {
        "en": "{source} has no rows marked train in its split column.",
        "zh": "{source} 的划分列中没有标为 train 的行。"},
    "reading.split_no_train.fix": {"en": "Mark the rows to learn from as train.",
                                   "zh": "请把用于学习的行标为 train。"},
    "reading.too_few_to_split.message": {
        "en": {"one": "{source} has only {count} usable example, too few to keep one aside for "
                      "validation.",
               "other": "{source} has only {count} usable examples, too few to keep one aside "
                        "for validation."},
        "zh": "{source} 只有 {count} 个可用样本，太少，无法留出一个作为验证集。"},
    "reading.too_few_to_split.fix": {
        "en": "Add more labeled examples (a few dozen at the very least).",
        "zh": "请添加更多已标注的样本（至少几十个）。"},
}

# ---- where in a file, and small words put into the sentences below ---------------------------
TEXTS.update({
    "reading.where.line": {"en": "line {number}", "zh": "第 {number} 行"},
    "reading.where.record": {"en": "record {number}", "zh": "第 {number} 条记录"},
    "reading.where.suffix_line": {"en": " line {number}", "zh": " 第 {number} 行"},
    "reading.where.records_detail": {"en": " (different fields in records 1 to {number})",
                                     "zh": "（第 1 到第 {number} 条记录中的不同字段）"},
    "reading.rows_count.more": {"en": "and more", "zh": "甚至更多"},
    "reading.rows_count.sentences_more": {"en": "sentences, and more", "zh": "按句子计，甚至更多"},
    "reading.rows_count.lines": {"en": {"one": "{count} line", "other": "{count} lines"},
                                 "zh": "{count} 行"},
    "reading.rows_count.records": {"en": {"one": "{count} record", "other": "{count} records"},
                                   "zh": "{count} 条记录"},
    "reading.separator.tab": {"en": "tab", "zh": "制表符"},
    "reading.separator.comma": {"en": "comma", "zh": "逗号"},
    "reading.separator.semicolon": {"en": "semicolon", "zh": "分号"},
    "reading.separator.pipe": {"en": "pipe", "zh": "竖线"},
    "reading.no_extension": {"en": "(none)", "zh": "（无）"},
    "reading.keys_none": {"en": "none", "zh": "无"},
    "reading.kind.list": {"en": "a list", "zh": "一个列表"},
    "reading.kind.number": {"en": "a number", "zh": "一个数字"},
    "reading.kind.boolean": {"en": "true/false", "zh": "true/false 值"},
    "reading.kind.null": {"en": "null", "zh": "null 值"},
    "reading.kind.other": {"en": "{type}", "zh": "{type} 类型的值"},
    "reading.magic.png": {"en": "a PNG image", "zh": "一张 PNG 图片"},
    "reading.magic.pdf": {"en": "a PDF document", "zh": "一份 PDF 文档"},
    "reading.magic.jpeg": {"en": "a JPEG image", "zh": "一张 JPEG 图片"},
    "reading.magic.gif": {"en": "a GIF image", "zh": "一张 GIF 图片"},
    "reading.magic.zip": {"en": "a zip archive (or an Excel/Word file)",
                          "zh": "一个 zip 压缩包（或 Excel/Word 文件）"},
    "reading.magic.gzip": {"en": "a gzip archive", "zh": "一个 gzip 压缩包"},
    "reading.magic.parquet": {"en": "a Parquet file", "zh": "一个 Parquet 文件"},
    "reading.magic.office": {"en": "an old Office file (.xls/.doc)",
                             "zh": "一个旧版 Office 文件（.xls/.doc）"},
    "reading.magic.sqlite": {"en": "a SQLite database", "zh": "一个 SQLite 数据库"},
})

# ---- limits.py: files past a size limit -------------------------------------------------------
TEXTS.update({
    "reading.too_many_rows.message": {
        "en": "{name} has more than {limit} rows ({count}), the limit for one file.",
        "zh": "{name} 超过 {limit} 行（{count}），这是单个文件的上限。"},
    "reading.too_many_rows.fix": {
        "en": "Use a sample of the data, or split it into several smaller files.",
        "zh": "请只使用数据的一部分样本，或把它拆成几个较小的文件。"},
    "reading.too_many_columns.message": {
        "en": "{name}{where} has {count} columns{detail}, more than the limit of {limit}.",
        "zh": "{name}{where} 有 {count} 列{detail}，超过了 {limit} 列的上限。"},
    "reading.too_many_columns.fix": {
        "en": "Keep only the text and label columns (and a split column if you have one), then "
              "save the file again.",
        "zh": "请只保留文本列和标签列（如有划分列也一并保留），然后重新保存文件。"},
    "reading.too_many_cells.message": {
        "en": "{name} has more than {limit} cells (rows times columns), the limit for one file.",
        "zh": "{name} 超过 {limit} 个单元格（行数乘以列数），这是单个文件的上限。"},
    "reading.too_many_cells.fix": {
        "en": "Keep only the text and label columns, or use a sample of the rows.",
        "zh": "请只保留文本列和标签列，或只使用部分行作为样本。"},
    "reading.too_deep.message": {
        "en": "{name}{where} has lists or objects nested more than {limit} levels deep, the "
              "limit for JSON data.",
        "zh": "{name}{where} 的列表或对象嵌套超过 {limit} 层，这是 JSON 数据的上限。"},
    "reading.too_deep.fix": {
        "en": 'Write each example as a flat object such as {{"text": "...", "label": "..."}}.',
        "zh": '请把每个样本写成不嵌套的对象，例如 {{"text": "...", "label": "..."}}。'},
    "reading.too_long_number.message": {
        "en": "{name}{where} holds a number of {digits} digits, more than the limit of {limit}.",
        "zh": "{name}{where} 中有一个 {digits} 位的数字，超过了 {limit} 位的上限。"},
    "reading.too_long_number.fix": {
        "en": "Write such a value as text in quotes, or remove it.",
        "zh": "请把这样的值加上引号写成文本，或者删除它。"},
    "reading.too_large_unpacked.message": {
        "en": "{name} expands to {size} MB when unpacked, more than the limit of {limit} MB.",
        "zh": "{name} 解压后有 {size} MB，超过了 {limit} MB 的上限。"},
    "reading.too_large_unpacked.fix": {
        "en": "Save the data as CSV, or split it into smaller files.",
        "zh": "请把数据另存为 CSV，或拆成几个较小的文件。"},
})

# ---- delimited.py: CSV, TSV and other delimited text ------------------------------------------
TEXTS.update({
    "reading.single_line.message": {
        "en": "{name} is a single line of {millions} million characters, with no line breaks.",
        "zh": "{name} 只有一行，共 {millions} 百万个字符，没有任何换行。"},
    "reading.single_line.fix": {
        "en": "Put one example per line under a header line (save it as CSV from a "
              "spreadsheet), or check that the file was not joined into one line.",
        "zh": "请在表头行下每行写一个样本"
              "（可以从电子表格另存为 CSV），或检查文件是否被误合并成了一行。"},
    "reading.csv_format.message": {
        "en": "{name} has a formatting problem near line {line}: {problem}.",
        "zh": "{name} 在第 {line} 行附近有格式问题：{problem}。"},
    "reading.csv_format.fix": {
        "en": "Check the quotes on that line: a text containing the delimiter or a quote must be "
              "wrapped in double quotes.",
        "zh": "请检查该行的引号：包含分隔符或引号的文本必须用双引号括起来。"},
    "reading.empty.message": {"en": "{name} is empty.", "zh": "{name} 是空的。"},
    "reading.empty.fix": {"en": "Choose a file that contains your labeled examples.",
                          "zh": "请选择一个包含已标注样本的文件。"},
    "reading.ragged.message": {
        "en": {"one": "{name} line {line} has {count} field but the first row has {width} "
                      "(separator {separator}).",
               "other": "{name} line {line} has {count} fields but the first row has {width} "
                        "(separator {separator})."},
        "zh": "{name} 第 {line} 行有 {count} 个字段"
              "，但第一行有 {width} 个（分隔符：{separator}）。"},
    "reading.ragged.fix": {
        "en": "Fix that line: wrap texts that contain the separator in double quotes, or remove "
              "the extra or missing fields.",
        "zh": "请修正该行：把包含分隔符的文本用双引号括起来，或删去多余的字段、补上缺少的字段。"},
    "reading.header_only.message": {"en": "{name} has a header row but no data rows.",
                                    "zh": "{name} 有表头行，但没有数据行。"},
    "reading.header_only.fix": {"en": "Add your labeled examples below the header.",
                                "zh": "请在表头下方添加已标注的样本。"},
    "reading.no_header.note": {
        "en": "{name} has no header row, so its columns were named {columns}.",
        "zh": "{name} 没有表头行，因此各列被命名为 {columns}。"},
    "reading.repeated_names.item": {
        "en": {"one": "'{column}' ({count} time)", "other": "'{column}' ({count} times)"},
        "zh": "'{column}'（{count} 次）"},
    "reading.repeated_names.message": {
        "en": "{name} has columns with the same name: {shown}; the repeats were numbered (for "
              "example '{example}').",
        "zh": "{name} 中有同名的列：{shown}；重复的列已加上编号（例如 '{example}'）。"},
    "reading.repeated_names.fix": {
        "en": "Give every column its own name in the header row, so the right one is used as "
              "the text and the label.",
        "zh": "请在表头行中给每一列起不同的名字，以便用对文本列和标签列。"},
})

# ---- encoding.py: bytes to text ---------------------------------------------------------------
TEXTS.update({
    "reading.missing_file.message": {"en": "The file {name} does not exist.",
                                     "zh": "文件 {name} 不存在。"},
    "reading.missing_file.fix": {"en": "Check the file name and upload it again.",
                                 "zh": "请检查文件名并重新上传。"},
    "reading.folder.message": {"en": "{name} is a folder, not a file.",
                               "zh": "{name} 是一个文件夹，不是文件。"},
    "reading.folder.fix": {"en": "Choose a data file inside it.",
                           "zh": "请选择其中的一个数据文件。"},
    "reading.too_large.message": {
        "en": "{name} is {size} MB, larger than the limit of {limit} MB.",
        "zh": "{name} 有 {size} MB，超过了 {limit} MB 的上限。"},
    "reading.too_large.fix": {
        "en": "Use a sample of the data or split the file into smaller parts.",
        "zh": "请只使用数据的一部分样本，或把文件拆成几个较小的部分。"},
    "reading.cannot_open.message": {"en": "Cannot open {name}: {problem}.",
                                    "zh": "无法打开 {name}：{problem}。"},
    "reading.cannot_open.fix": {
        "en": "Check that the file is readable and not open in another program.",
        "zh": "请检查文件是否可读，并且没有被其他程序占用。"},
    "reading.nul.message": {
        "en": {"one": "{name} contains {count} NUL character (on line {line}), which was "
                      "removed.",
               "other": "{name} contains {count} NUL characters (the first on line {line}), "
                        "which were removed."},
        "zh": "{name} 含有 {count} 个 NUL 字符（第一个在第 {line} 行），已被删除。"},
    "reading.nul.fix": {
        "en": "Check the file near that line: it may be damaged or partly binary. Save it again "
              "as CSV or UTF-8 text.",
        "zh": "请检查该行附近的内容：文件可能已损坏，或部分是二进制数据。"
              "请重新另存为 CSV 或 UTF-8 文本。"},
    "reading.bad_bytes.message": {
        "en": "{name} says it is {encoding} but has invalid bytes on line {line}.",
        "zh": "{name} 标明的编码是 {encoding}，但第 {line} 行有无效字节。"},
    "reading.bad_bytes.fix": {"en": "Open it in a text editor and save it again as UTF-8.",
                              "zh": "请用文本编辑器打开它，并重新另存为 UTF-8。"},
    "reading.not_text.message": {"en": "{name} is {what}, not a text file.",
                                 "zh": "{name} 是{what}，不是文本文件。"},
    "reading.binary.message": {"en": "{name} contains binary data, not text.",
                               "zh": "{name} 含有二进制数据，不是文本。"},
    "reading.export_text.fix": {
        "en": "Export the data as CSV, TSV, JSON or Excel (.xlsx) and use that file.",
        "zh": "请把数据导出为 CSV、TSV、JSON 或 Excel（.xlsx），再使用导出的文件。"},
})

# ---- readers.py: tables, JSON, JSON Lines, Parquet, plain text --------------------------------
TEXTS.update({
    "reading.unsupported.message": {
        "en": "{name} has the extension '{extension}', which is not a supported table format.",
        "zh": "{name} 的扩展名是 '{extension}'，不是支持的表格格式。"},
    "reading.unsupported.fix_xls": {
        "en": "Open it in Excel and save it as .xlsx (Excel Workbook) or as CSV.",
        "zh": "请用 Excel 打开它，另存为 .xlsx（Excel 工作簿）或 CSV。"},
    "reading.unsupported.fix_tagged": {
        "en": "This looks like entity-recognition data: choose the token classification task.",
        "zh": "这看起来是实体识别数据：请选择词元分类任务。"},
    "reading.unsupported.fix": {
        "en": "Save the data as CSV, TSV, TXT, Excel (.xlsx), JSON, JSONL or Parquet.",
        "zh": "请把数据另存为 CSV、TSV、TXT、Excel（.xlsx）、JSON、JSONL 或 Parquet 格式。"},
    "reading.empty_examples.fix": {"en": "Choose a file that contains your examples.",
                                   "zh": "请选择一个包含样本的文件。"},
    "reading.one_per_line.note": {"en": "{name} was read as one text per line.",
                                  "zh": "{name} 按每行一条文本读取。"},
    "reading.bad_json.message": {
        "en": "{name} is not valid JSON: {problem} at line {line}, column {column}.",
        "zh": "{name} 不是有效的 JSON：第 {line} 行第 {column} 列，{problem}。"},
    "reading.bad_json.fix": {
        "en": "Fix the file at that place, or save it again from the program that made it.",
        "zh": "请修正文件的这个位置，或用生成它的程序重新保存。"},
    "reading.one_object.message": {
        "en": "{name} holds one JSON object (keys: {keys}), not a list of examples.",
        "zh": "{name} 只有一个 JSON 对象（键：{keys}），而不是样本列表。"},
    "reading.one_object.fix": {
        "en": 'Write the examples as a JSON list of objects, e.g. [{{"text": "...", "label": '
              '"..."}}], or use JSON Lines.',
        "zh": '请把样本写成由对象组成的 JSON 列表，例如 [{{"text": "...", "label": "..."}}]，'
              '或使用 JSON Lines 格式。'},
    "reading.one_value.message": {
        "en": "{name} holds a single JSON value, not a list of examples.",
        "zh": "{name} 只有一个 JSON 值，而不是样本列表。"},
    "reading.one_value.fix": {
        "en": 'Write the examples as a JSON list of objects, e.g. [{{"text": "...", "label": '
              '"..."}}].',
        "zh": '请把样本写成由对象组成的 JSON 列表，例如 [{{"text": "...", "label": "..."}}]。'},
    "reading.bad_json_line.message": {
        "en": "{name} line {line} is not valid JSON: {problem} (column {column}).",
        "zh": "{name} 第 {line} 行不是有效的 JSON：{problem}（第 {column} 列）。"},
    "reading.bad_json_line.fix": {
        "en": "Fix or delete that line; each line must be one complete JSON object.",
        "zh": "请修正或删除该行；每一行都必须是一个完整的 JSON 对象。"},
    "reading.empty_list.message": {"en": "{name} holds an empty list, with no examples.",
                                   "zh": "{name} 是一个空列表，没有任何样本。"},
    "reading.not_object.message": {
        "en": "{name} record {record} is {kind}, not an object with named fields.",
        "zh": "{name} 的第 {record} 条记录是{kind}，不是带字段名的对象。"},
    "reading.not_object.fix": {
        "en": 'Make every record an object such as {{"text": "...", "label": "..."}}.',
        "zh": '请把每条记录写成对象，例如 {{"text": "...", "label": "..."}}。'},
    "reading.bad_parquet.message": {
        "en": "{name} could not be read as a Parquet file ({problem}).",
        "zh": "{name} 无法作为 Parquet 文件读取（{problem}）。"},
    "reading.bad_parquet.fix": {"en": "Save the data again as Parquet, or export it as CSV.",
                                "zh": "请重新另存为 Parquet，或导出为 CSV。"},
    "reading.no_rows.message": {"en": "{name} has no rows.", "zh": "{name} 没有任何行。"},
})

# ---- excel.py: .xlsx workbooks ----------------------------------------------------------------
TEXTS.update({
    "reading.excel_unreadable.message": {
        "en": "{name} could not be read as an Excel workbook ({problem}).",
        "zh": "{name} 无法作为 Excel 工作簿读取（{problem}）。"},
    "reading.excel_unreadable.fix": {
        "en": "Open it in Excel and save it again as .xlsx, or export it as CSV.",
        "zh": "请用 Excel 打开它并重新另存为 .xlsx，或导出为 CSV。"},
    "reading.excel_empty.message": {"en": "{name} has no data in any of its sheets.",
                                    "zh": "{name} 的所有工作表中都没有数据。"},
    "reading.excel_empty.fix": {"en": "Put a header row and your examples in the first sheet.",
                                "zh": "请在第一个工作表中放入表头行和样本。"},
    "reading.excel_invalid.message": {"en": "{name} is not a valid Excel (.xlsx) file.",
                                      "zh": "{name} 不是有效的 Excel（.xlsx）文件。"},
    "reading.excel_invalid.fix": {
        "en": "Open it in Excel and save it as .xlsx, or export it as CSV.",
        "zh": "请用 Excel 打开它并另存为 .xlsx，或导出为 CSV。"},
    "reading.excel_damaged.message": {"en": "{name} is a damaged Excel file ({problem}).",
                                      "zh": "{name} 是一个已损坏的 Excel 文件（{problem}）。"},
    "reading.excel_resave.fix": {
        "en": "Open it in Excel and save it again, or export it as CSV.",
        "zh": "请用 Excel 打开它并重新保存，或导出为 CSV。"},
    "reading.excel_too_large.fix": {
        "en": "Save the data as CSV, or split it into smaller workbooks.",
        "zh": "请把数据另存为 CSV，或拆成几个较小的工作簿。"},
    "reading.excel_rows_past_end.message": {
        "en": "{name} sheet '{sheet}' has rows past row {limit}, the last row Excel allows.",
        "zh": "{name} 的工作表 '{sheet}' 的行超出了第 {limit} 行，即 Excel 允许的最后一行。"},
    "reading.excel_cells.message": {
        "en": "{name} sheet '{sheet}' spans more than {limit} cells (rows times columns, "
              "formatted empty cells included), the limit for one file.",
        "zh": "{name} 的工作表 '{sheet}' 超过 {limit} 个单元格"
              "（行数乘以列数，包括设置了格式的空单元格），"
              "这是单个文件的上限。"},
    "reading.excel_cells.fix": {
        "en": "Copy only the text and label columns into a new workbook, or export them as CSV.",
        "zh": "请只把文本列和标签列复制到新的工作簿中，或导出为 CSV。"},
    "reading.excel_far_cell.message": {
        "en": "{name} sheet '{sheet}' has a value in cell {cell}, beyond the limit of {limit} "
              "columns.",
        "zh": "{name} 的工作表 '{sheet}' 在单元格 {cell} 中有值，超出了 {limit} 列的上限。"},
    "reading.excel_far_cell.fix": {
        "en": "Delete the stray cells far to the right (or keep only the text and label "
              "columns), then save the file again.",
        "zh": "请删除右侧远处零散的单元格（或只保留文本列和标签列），然后重新保存文件。"},
    "reading.excel_formulas.message": {
        "en": "{name} sheet '{sheet}' holds formulas whose results were never saved, so its "
              "cells read as empty.",
        "zh": "{name} 的工作表 '{sheet}' 中有公式，但其结果从未保存，因此这些单元格读出来是空的。"},
    "reading.excel_formulas.fix": {
        "en": "Open the file in Excel or LibreOffice and save it (that stores the results), or "
              "export the sheet as CSV.",
        "zh": "请用 Excel 或 LibreOffice 打开并保存该文件"
              "（这样会保存公式结果），或把该工作表导出为 CSV。"},
    "reading.excel_header_only.message": {
        "en": "{name} sheet '{sheet}' has a header row (row {row}) but no data rows.",
        "zh": "{name} 的工作表 '{sheet}' 有表头行（第 {row} 行），但没有数据行。"},
    "reading.excel_title_rows.note": {
        "en": "Row {rows} of sheet '{sheet}' is a title in merged cells, not the header; the "
              "header is row {header}.",
        "zh": "工作表 '{sheet}' 的第 {rows} 行是合并单元格中的标题，不是表头"
              "；表头在第 {header} 行。"},
    "reading.excel_sheet.note": {"en": "Read sheet '{sheet}' of {name}.",
                                 "zh": "已读取 {name} 的工作表 '{sheet}'。"},
    "reading.excel_first_sheet.note": {
        "en": "Read sheet '{sheet}' of {name} (the first sheet with data).",
        "zh": "已读取 {name} 的工作表 '{sheet}'（第一个有数据的工作表）。"},
})

# ---- spans.py: doccano and Label Studio span exports ------------------------------------------
TEXTS.update({
    "reading.span_note.empty": {"en": "{where}: span {start}-{end} covers no word",
                                "zh": "{where}：片段 {start}-{end} 没有覆盖任何词"},
    "reading.span_note.cut": {"en": "{where}: span {start}-{end} ({covered}) cuts a word",
                              "zh": "{where}：片段 {start}-{end}（{covered}）切断了一个词"},
    "reading.span_offsets.message": {
        "en": "{name} {where} has a span with non-numeric offsets {start}-{end}.",
        "zh": "{name} {where}有一个片段的偏移量不是数字：{start}-{end}。"},
    "reading.span_offsets.fix": {
        "en": "Give each span whole-number start and end character offsets.",
        "zh": "请为每个片段给出整数的起止字符偏移量。"},
    "reading.span_reversed.message": {
        "en": "{name} {where} has a reversed or empty span {start}-{end} ({kind}).",
        "zh": "{name} {where}有一个起止颠倒或为空的片段 {start}-{end}（{kind}）。"},
    "reading.span_reversed.fix": {
        "en": "Make each span's end offset larger than its start, or delete it.",
        "zh": "请让每个片段的结束偏移量大于起始偏移量，或删除该片段。"},
    "reading.span_range.message": {
        "en": {"one": "{name} {where} has a span {start}-{end} ({kind}) out of range: the text "
                      "has {count} character.",
               "other": "{name} {where} has a span {start}-{end} ({kind}) out of range: the text "
                        "has {count} characters."},
        "zh": "{name} {where}的片段 {start}-{end}（{kind}）超出了范围：文本只有 {count} 个字符。"},
    "reading.span_range.fix": {
        "en": "Fix the span offsets or re-export the annotations from the tool.",
        "zh": "请修正片段的偏移量，或从标注工具重新导出标注。"},
    "reading.span_no_type.message": {
        "en": "{name} {where} has a span {start}-{end} without an entity type.",
        "zh": "{name} {where}的片段 {start}-{end} 没有实体类型。"},
    "reading.span_no_type.fix": {"en": "Give every span a label, or delete it.",
                                 "zh": "请给每个片段一个标签，或删除该片段。"},
    "reading.span_overlap.message": {
        "en": "{name} {where} has overlapping spans {first} ({first_kind}) and {second} "
              "({second_kind}).",
        "zh": "{name} {where}有相互重叠的片段 {first}（{first_kind}）"
              "和 {second}（{second_kind}）。"},
    "reading.span_overlap.fix": {
        "en": "Keep one of the two spans: word tags (BIO) cannot hold nested or overlapping "
              "entities.",
        "zh": "请只保留其中一个片段：词标签（BIO）无法表示嵌套或重叠的实体。"},
    "reading.span_list.message": {
        "en": "{name} {where} has labels that are not a list of spans.",
        "zh": "{name} {where}的标签不是片段列表。"},
    "reading.span_list.fix": {
        "en": 'Write the spans as "label": [[start, end, "TYPE"], ...].',
        "zh": '请把片段写成 "label": [[start, end, "TYPE"], ...] 的形式。'},
    "reading.span_item.message": {
        "en": "{name} {where} has a span written as {item}, not [start, end, type].",
        "zh": "{name} {where}有一个片段写成了 {item}，而不是 [start, end, type]。"},
    "reading.span_no_text.message": {
        "en": "{name} {where} has no text in its 'data' field.",
        "zh": "{name} {where}的 'data' 字段中没有文本。"},
    "reading.span_no_text.fix": {
        "en": 'Export the tasks with their text, e.g. "data": {{"text": "..."}}.',
        "zh": '请连同文本一起导出任务，例如 "data": {{"text": "..."}}。'},
})

# ---- tagged.py: entity-recognition files ------------------------------------------------------
TEXTS.update({
    "reading.no_sentences.message": {"en": "{name} contains no tagged sentences.",
                                     "zh": "{name} 中没有带标签的句子。"},
    "reading.no_sentences.fix": {"en": "Add tagged sentences to the file.",
                                 "zh": "请在文件中添加带标签的句子。"},
    "reading.no_annotations.message": {
        "en": {"one": "{name} has no annotations: its one task has not been labeled.",
               "other": "{name} has no annotations: none of its {count} tasks has been labeled."},
        "zh": "{name} 没有任何标注：它的 {count} 个任务都还没有标注。"},
    "reading.invisible_entities.message": {
        "en": {"one": "{name} has entity tags on empty or invisible tokens (zero-width or control "
                      "characters) in {count} sentence, at line or record {where}; the model "
                      "cannot see these tokens, so it never learns them.",
               "other": "{name} has entity tags on empty or invisible tokens (zero-width or "
                        "control characters) in {count} sentences, at line or record {where}; "
                        "the model cannot see these tokens, so it never learns them."},
        "zh": "{name} 有 {count} 个句子在空的或不可见的词元"
              "（零宽字符或控制字符）上标了实体，位置（行号或"
              "记录号）：{where}；模型看不到这些词元，因此永远学不到它们。"},
    "reading.invisible_entities.fix": {
        "en": "Tag the visible word next to such a token, or remove the invisible token from "
              "the file.",
        "zh": "请改为标注这类词元旁边可见的词，或从文件中删除不可见的词元。"},
    "reading.no_tag_column.message": {
        "en": "{name} line {line} has no tag column: {content}.",
        "zh": "{name} 第 {line} 行没有标签列：{content}。"},
    "reading.no_tag_column.fix": {
        "en": "Write one token and its tag per line, separated by a tab (for example "
              "'Paris<TAB>B-LOC'), with a blank line between sentences.",
        "zh": "请每行写一个词元及其标签，用制表符分隔（例如 'Paris<TAB>B-LOC'），句子之间空一行。"},
    "reading.bad_json_tagged.fix": {"en": "Fix the file at that place, or export it again.",
                                    "zh": "请修正文件的这个位置，或重新导出。"},
    "reading.wrong_type.message": {
        "en": "{name} {where} has a field of the wrong type (a number, text or object where "
              "another kind of value belongs).",
        "zh": "{name} {where}有一个字段的类型不对（在应为另一种值的地方出现了数字、文本或对象）。"},
    "reading.wrong_type.fix": {
        "en": 'Compare it with the formats the app reads: {{"tokens": [...], "tags": [...]}}, '
              'doccano or Label Studio exports.',
        "zh": '请与本应用能读取的格式对照：{{"tokens": [...], "tags": [...]}}'
              '、doccano 或 Label Studio '
              '的导出文件。'},
    "reading.not_json_object.message": {"en": "{name} {where} is not a JSON object.",
                                        "zh": "{name} {where}不是 JSON 对象。"},
    "reading.not_json_object.fix": {
        "en": 'Make every record an object such as {{"tokens": [...], "tags": [...]}}.',
        "zh": '请把每条记录写成对象，例如 {{"tokens": [...], "tags": [...]}}。'},
    "reading.unknown_record.message": {
        "en": "{name} {where} has neither tokens with tags nor a text with spans (keys: {keys}).",
        "zh": "{name} {where}既没有带标签的词元，也没有带片段的文本（键：{keys}）。"},
    "reading.unknown_record.fix": {
        "en": 'Use {{"tokens": [...], "tags": [...]}} or doccano\'s {{"text": "...", "label": '
              '[[start, end, "TYPE"]]}}.',
        "zh": '请使用 {{"tokens": [...], "tags": [...]}}，或 doccano 的 {{"text": "...", "label": '
              '[[start, end, "TYPE"]]}}。'},
    "reading.no_tags.message": {"en": "{name} {where} has tokens but no tags.",
                                "zh": "{name} {where}有词元，但没有标签。"},
    "reading.no_tags.fix": {
        "en": 'Add a "tags" (or "ner_tags") list with one tag per token.',
        "zh": '请添加一个 "tags"（或 "ner_tags"）列表，每个词元对应一个标签。'},
    "reading.not_lists.message": {"en": "{name} {where}: tokens and {key} must both be lists.",
                                  "zh": "{name} {where}：tokens 和 {key} 都必须是列表。"},
    "reading.not_lists.fix": {
        "en": 'Write them as "tokens": ["Paris", "is"], "tags": ["B-LOC", "O"].',
        "zh": '请写成 "tokens": ["Paris", "is"], "tags": ["B-LOC", "O"] 的形式。'},
    "reading.token_count.message": {
        "en": "{name} {where} has {tokens} but {tags}.",
        "zh": "{name} {where}有 {tokens}，但有 {tags}。"},
    "reading.token_count.tokens": {"en": {"one": "{count} token", "other": "{count} tokens"},
                                   "zh": "{count} 个词元"},
    "reading.token_count.tags": {"en": {"one": "{count} tag", "other": "{count} tags"},
                                 "zh": "{count} 个标签"},
    "reading.token_count.fix": {"en": "Give exactly one tag per token on that line.",
                                "zh": "请在该行为每个词元给出恰好一个标签。"},
    "reading.tag_names_type.message": {
        "en": "{name} {where} has tag names that are not a list of texts (the 'tag_names' "
              "field).",
        "zh": "{name} {where}的标签名（'tag_names' 字段）不是由文本组成的列表。"},
    "reading.tag_names_type.fix": {
        "en": 'Write them as "tag_names": ["O", "B-PER", "I-PER"], one name per tag number.',
        "zh": '请写成 "tag_names": ["O", "B-PER", "I-PER"]，每个标签编号对应一个名称。'},
    "reading.tag_number.message": {
        "en": {"one": "{name} {where} has tag number {tag}, but only {count} tag name is known.",
               "other": "{name} {where} has tag number {tag}, but only {count} tag names are "
                        "known."},
        "zh": "{name} {where}有标签编号 {tag}，但只知道 {count} 个标签名。"},
    "reading.tag_number.fix": {"en": "Check the tag numbers or the list of tag names.",
                               "zh": "请检查标签编号或标签名列表。"},
    "reading.numeric_tags.message": {
        "en": "{name} has numeric tags without their names, so entity types are shown as "
              "numbers (0 is taken as O).",
        "zh": "{name} 的标签是数字且没有对应的名称，因此实体类型会显示为数字（0 视为 O）。"},
    "reading.numeric_tags.fix": {
        "en": "Give the tag names, or write the tags as text such as B-PER.",
        "zh": "请提供标签名，或把标签写成 B-PER 这样的文本。"},
    "reading.bad_tag.message": {
        "en": "{name} {where} has a tag {tag} that is neither text nor a number.",
        "zh": "{name} {where}有一个标签 {tag} 既不是文本也不是数字。"},
    "reading.bad_tag.fix": {"en": "Write tags as text such as 'B-PER' or 'O'.",
                            "zh": "请把标签写成 'B-PER' 或 'O' 这样的文本。"},
})

# ---- columns.py: why a column was proposed ----------------------------------------------------
TEXTS.update({
    "reading.reason.split": {
        "en": "'{column}' holds only train / validation / test values, so it is used as the "
              "split.",
        "zh": "'{column}' 只包含 train / validation / test 这几种值，因此用作数据划分列。"},
    "reading.reason.pair": {
        "en": "'{column}' is named like a second text, so texts are read as pairs.",
        "zh": "'{column}' 的名字像第二段文本，因此按文本对读取。"},
    "reading.reason.also_text": {
        "en": "'{column}' holds text too, so it is joined to '{text}' and the model reads both.",
        "zh": "'{column}' 也包含文本，因此与 '{text}' 合并，模型会同时读取两者。"},
    "reading.reason.most_text": {
        "en": "'{column}' is named like a text column and has the most text (about {length} "
              "characters).",
        "zh": "'{column}' 的名字像文本列，而且文本最多（约 {length} 个字符）。"},
    "reading.reason.text_named": {"en": "'{column}' is named like a text column.",
                                  "zh": "'{column}' 的名字像文本列。"},
    "reading.reason.longest": {
        "en": "'{column}' has the longest texts (about {length} characters) and mostly "
              "different values.",
        "zh": "'{column}' 的文本最长（约 {length} 个字符），且大多互不相同。"},
    "reading.reason.label_named": {"en": "'{column}' is named like a label column.",
                                   "zh": "'{column}' 的名字像标签列。"},
    "reading.reason.few_values": {
        "en": "'{column}' has few distinct values ({distinct}), as labels do.",
        "zh": "'{column}' 的不同取值很少（{distinct} 种），和标签一样。"},
    "reading.reason.json_lists": {
        "en": "Labels are written as lists, so one text can have several labels.",
        "zh": "标签写成了列表，因此一条文本可以有多个标签。"},
    "reading.reason.separator": {
        "en": {"one": "{count} label value contains '{separator}', read as a separator between "
                      "several labels.",
               "other": "{count} label values contain '{separator}', read as a separator "
                        "between several labels."},
        "zh": "有 {count} 个标签值包含 '{separator}'，将其视为多个标签之间的分隔符。"},
})

# ---- examples.py: a file and its column mapping to training examples --------------------------
TEXTS.update({
    "reading.unknown_task.message": {"en": "Unknown task {task}.", "zh": "未知的任务 {task}。"},
    "reading.unknown_task.fix": {"en": "Use {names}.", "zh": "请使用 {names}。"},
    "reading.or.last": {"en": "{rest} or {last}", "zh": "{rest}或{last}"},
    "reading.table_not_tagged.message": {
        "en": "{name} is a table, which cannot hold entity tags per word.",
        "zh": "{name} 是一个表格，无法为每个词保存实体标签。"},
    "reading.table_not_tagged.fix": {
        "en": "Use a CoNLL file (token<TAB>tag per line), JSONL with tokens and tags, or a "
              "doccano / Label Studio export.",
        "zh": "请使用 CoNLL 文件（每行一个词<TAB>标签）、含 tokens 和 tags 的 JSONL 文件，"
              "或 doccano / Label Studio 导出的文件。"},
    "reading.role.text": {"en": "text", "zh": "文本"},
    "reading.role.text_pair": {"en": "text_pair", "zh": "第二段文本"},
    "reading.role.label": {"en": "label", "zh": "标签"},
    "reading.role.split": {"en": "split", "zh": "划分"},
    "reading.role.join": {"en": "join", "zh": "拼接"},
    "reading.column_missing.message": {
        "en": "{name} has no column '{column}' (asked for as the {role} column); its columns "
              "are: {columns}.",
        "zh": "{name} 中没有列 '{column}'（被选作{role}列）；它的列有：{columns}。"},
    "reading.column_missing.fix": {"en": "Choose one of those columns as the {role} column.",
                                   "zh": "请从这些列中选一列作为{role}列。"},
    "reading.no_text_column.message": {
        "en": "{name} has no column that looks like text; its columns are: {columns}.",
        "zh": "{name} 中没有看起来像文本的列；它的列有：{columns}。"},
    "reading.no_text_column.fix": {"en": "Choose the text column.", "zh": "请选择文本列。"},
    "reading.join_has_role.message": {
        "en": "{name}: the column '{column}' was chosen to be joined to the text, but it already "
              "has another role.",
        "zh": "{name}：列 '{column}' 被选为拼接到文本后的列，但它已经有别的用途。"},
    "reading.join_has_role.fix": {"en": "Choose a different column to join, or none.",
                                  "zh": "请选择另一列来拼接，或者不拼接。"},
    "reading.text_is_label.message": {
        "en": "{name}: the column '{column}' was chosen as both the text and the label.",
        "zh": "{name}：列 '{column}' 同时被选作文本列和标签列。"},
    "reading.text_is_label.fix": {"en": "Choose different columns for the text and the label.",
                                  "zh": "请为文本和标签选择不同的列。"},
    "reading.no_label_column.message": {
        "en": "{name} has no label column next to the text column '{column}'; its columns are: "
              "{columns}.",
        "zh": "{name} 中除文本列 '{column}' 外没有标签列；它的列有：{columns}。"},
    "reading.no_label_column.fix": {
        "en": "Add a column with the label of each text, or choose the label column.",
        "zh": "请添加一列写明每条文本的标签，或选择标签列。"},
    "reading.label_name_clash.message": {
        "en": "{name} already has a label '{label}', the name given to another label.",
        "zh": "{name} 中已经有标签 '{label}'，而这个名字又被用来命名另一个标签。"},
    "reading.label_name_clash.fix": {
        "en": "Give that label another name, so the two stay apart.",
        "zh": "请给那个标签换一个名字，让两者区分开。"},
    "reading.no_usable_text.message": {
        "en": "{name} has no usable rows: every row has an empty text{detail} in column "
              "'{column}'.",
        "zh": "{name} 中没有可用的行：列 '{column}' 中每一行的文本都是空的{detail}。"},
    "reading.no_usable_text.invisible": {
        "en": " or only invisible characters (zero-width spaces, direction marks)",
        "zh": "或只有不可见字符（零宽空格、方向标记）"},
    "reading.no_usable_text.fix": {
        "en": "Fill in the text of each row, or choose another text column.",
        "zh": "请填写每一行的文本，或选择另一个文本列。"},
    "reading.no_usable_label.message": {
        "en": "{name} has no usable rows: every row has an empty label in column '{column}'.",
        "zh": "{name} 中没有可用的行：列 '{column}' 中每一行的标签都是空的。"},
    "reading.no_usable_label.fix": {
        "en": "Fill in the label of each row, or choose another label column.",
        "zh": "请填写每一行的标签，或选择另一个标签列。"},
    "reading.structured_text.message": {
        "en": {"one": "The text column '{column}' of {name} holds lists or objects instead of "
                      "text in {count} row (row {row}); it was read as its JSON spelling.",
               "other": "The text column '{column}' of {name} holds lists or objects instead of "
                        "text in {count} rows (the first is row {row}); they were read as their "
                        "JSON spelling."},
        "zh": "{name} 的文本列 '{column}' 中有 {count} 行存放的是列表或对象而不是文本（第一处在"
              "第 {row} 行）；已按其 JSON 写法读取。"},
    "reading.structured_text.fix": {
        "en": "Choose a column that holds plain text, or write the text itself in that column.",
        "zh": "请选择存放纯文本的列，或在该列中直接写入文本。"},
})

# ---- cleaning.py: a copy of the training file without repeated rows ---------------------------
TEXTS.update({
    "reading.clean.copies": {
        "en": {"one": "{count} exact copy of an earlier row",
               "other": "{count} exact copies of earlier rows"},
        "zh": "{count} 行与前面某行完全相同的重复行"},
    "reading.clean.held_out": {
        "en": {"one": "{count} training row whose text is also in the validation or test set",
               "other": "{count} training rows whose text is also in the validation or test "
                        "set"},
        "zh": "{count} 行文本也出现在验证集或测试集中的训练行"},
    "reading.clean.repeated": {
        "en": {"one": "{count} row that repeats an earlier text with another label",
               "other": "{count} rows that repeat an earlier text with another label"},
        "zh": "{count} 行以另一个标签重复前面文本的行"},
    "reading.clean.kept": {
        "en": {"one": "{count} row of {total} is kept",
               "other": "{count} rows of {total} are kept"},
        "zh": "{total} 行中保留了 {count} 行"},
    "reading.clean.removed": {"en": "Removed {removed}; {kept}.",
                              "zh": "已删除 {removed}；{kept}。"},
    "reading.clean.nothing": {
        "en": "Nothing needed removing; {name} has all {count} rows.",
        "zh": "没有需要删除的行；{name} 保留了全部 {count} 行。"},
    "reading.clean.one_label_only.message": {
        "en": "A cleaned copy can be made only of a file with one label per text.",
        "zh": "只有每条文本一个标签的文件才能生成清理后的副本。"},
    "reading.clean.one_label_only.fix": {
        "en": "Remove the repeated sentences in the file itself, then upload it again.",
        "zh": "请直接在文件中删除重复的句子，然后重新上传。"},
    "reading.clean.nothing_to_remove.message": {
        "en": "The file has no copies or overlapping texts to remove.",
        "zh": "文件中没有需要删除的重复行或重叠文本。"},
    "reading.clean.nothing_to_remove.fix": {
        "en": "Nothing to do: the file can be used as it is.",
        "zh": "无需处理：文件可以直接使用。"},
})

# ---- samples: the built-in datasets -----------------------------------------------------------
TEXTS.update({
    "reading.no_sample.message": {"en": "There is no built-in sample called {key}.",
                                  "zh": "没有名为 {key} 的内置示例数据集。"},
    "reading.no_sample.fix": {"en": "Pick one of: {keys}.", "zh": "请从以下选项中选择：{keys}。"},
    "reading.sample.reviews.title": {"en": "Reviews (sentiment)", "zh": "英文评论（情感）"},
    "reading.sample.reviews.description": {
        "en": "740 short English reviews (products, restaurants, hotels, films, apps, services), "
              "each labelled positive or negative, already split 462 / 72 / 206 for training, "
              "validation and test. Many say the opposite of their words (negation, contrast, "
              "sarcasm), so a word-counting baseline struggles.",
        "zh": "740 条简短的英文评论（商品、餐厅、酒店、电影、应用、服务），每条标注为 'positive'"
              "（正面）或 'negative'（负面），已按 462 / 72 / 206 分成训练集、验证集和测试集。"
              "很多评论的字面意思与真实态度相反（否定、转折、反讽），只数词的基线模型很难答对。"},
    "reading.sample.news_entities.title": {
        "en": "News sentences (names, organisations, places)",
        "zh": "英文新闻句子（人名、机构、地名）"},
    "reading.sample.news_entities.description": {
        "en": "120 English sentences with people, organisations and places marked word by word.",
        "zh": "120 个英文句子，逐词标出了人名、机构名和地名。"},
    "reading.sample.reviews_zh.title": {"en": "Chinese reviews (sentiment)",
                                        "zh": "中文评论（情感）"},
    "reading.sample.reviews_zh.description": {
        "en": "720 short Chinese reviews (restaurants, phones, hotels, apps, deliveries, films), "
              "each labelled 正面 (positive) or 负面 (negative), already split 432 / 72 / 216 for "
              "training, validation and test. Many say the opposite of their words (negation, "
              "contrast, sarcasm), so a word-counting baseline struggles. An English model knows "
              "few Chinese characters: extend the vocabulary or pick a Chinese model.",
        "zh": "720 条简短的中文评论（餐厅、手机、酒店、应用、快递、电影），每条标注为“正面”或"
              "“负面”，已按 432 / 72 / 216 分成训练集、验证集和测试集。很多评论的字面意思与真实"
              "态度相反（否定、转折、反讽），只数词的基线模型很难答对。英文模型认识的汉字很少："
              "请扩充词表，或选择中文模型。"},
    "reading.sample.news_entities_zh.title": {
        "en": "Chinese news sentences (names, organisations, places)",
        "zh": "中文新闻句子（人名、机构、地名）"},
    "reading.sample.news_entities_zh.description": {
        "en": "120 Chinese sentences with people, organisations and places marked character by "
              "character.",
        "zh": "120 个中文新闻句子，逐字标出了人名、机构名和地名。"},
    "reading.sample.qa_product.title": {"en": "Product manual questions (answers in the text)",
                                        "zh": "英文产品说明书问答（答案摘自原文）"},
    "reading.sample.qa_product.description": {
        "en": "64 English questions about a smart thermostat, asked on 10 paragraphs of its "
              "manual; each answer is a span of its paragraph (SQuAD layout). The model learns "
              "to point at the answer in a paragraph it is given.",
        "zh": "64 个关于一款智能温控器的英文问题，取自其说明书的 10 个段落；每个答案都是所在"
              "段落中的一段原文。模型学习在给定的段落中找出答案。"},
    "reading.sample.qa_product_zh.title": {"en": "Chinese product manual questions (answers "
                                                 "in the text)",
                                           "zh": "中文产品说明书问答（答案摘自原文）"},
    "reading.sample.qa_product_zh.description": {
        "en": "63 Chinese questions about a robot vacuum, asked on 10 paragraphs of its manual; "
              "each answer is a span of its paragraph (SQuAD layout). An English model knows "
              "few Chinese characters: extend the vocabulary or pick a Chinese model.",
        "zh": "63 个关于一款扫地机器人的中文问题，取自其说明书的 10 个段落；每个答案都是所在"
              "段落中的一段原文。英文模型认识的汉字很少：请扩充词表，或选择中文"
              "模型。"},
})
