"""The run settings, the command line, evaluation, prediction and export speak Chinese under
use_language("zh") (or FINETUNE_STUDIO_LANG=zh for the CLI), and English word for word as
before."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from core import config
from core.errors import UserError
from core.evaluate import compare, error_analysis
from core.predict import batch_predict
from core.serve import export
from core.text import CATALOGUE, error_parts, use_language

ROOT = Path(__file__).resolve().parents[2]

# names a Chinese sentence may keep: file formats, files, flags, settings, commands, codes
_NAMES = {"json", "JSON", "CSV", "Excel", "xlsx", "XLSX", "TXT", "JSONL", "zip", "status", "config",
          "run", "data", "no", "wait", "python", "core", "runs", "train", "validation", "test",
          "dev", "default", "Hub", "ID", "label_names", "auto", "fine", "tune", "few", "shot",
          "LoRA", "transformers", "pipeline", "Finetune", "Studio", "FILE", "input", "workspace",
          "task", "negative", "positive", "corrected_label", "text", "question", "context"}


def _english_words(sentence: str, *names: str) -> list[str]:
    """Latin words of `sentence` that are neither names nor placeholders' values."""
    allowed = _NAMES | {word for name in names for word in re.findall(r"[A-Za-z_]+", name)}
    return [w for w in re.findall(r"[A-Za-z_]+", sentence) if w not in allowed and len(w) > 1]


def _forms(template):
    return template.values() if isinstance(template, dict) else [template]


@pytest.mark.parametrize("area", ["settings.", "evaluation.", "prediction.", "cli."])
def test_every_chinese_sentence_of_these_areas_is_chinese(area):
    keys = [k for k in CATALOGUE if k.startswith(area)]
    assert keys
    for key in keys:
        for sentence in _forms(CATALOGUE[key]["zh"]):
            bare = re.sub(r"\{[a-z_]+\}", "", sentence)
            assert not _english_words(bare), (key, sentence)


def _chinese_error(raise_it, *names: str) -> tuple[str, str]:
    with pytest.raises(UserError) as caught:
        raise_it()
    message, fix = error_parts(caught.value, "zh")
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert not _english_words(message, *names), message
    assert not _english_words(fix, *names), fix
    return error_parts(caught.value, "en")


def test_setting_errors_in_chinese_and_english_unchanged():
    english = _chinese_error(lambda: config.DataConfig().validate())
    assert english == ("No training file was given.", "Choose a file with labeled examples.")
    english = _chinese_error(
        lambda: config.DataConfig(train="x", label_names={"1": "Good", "2": "good"}).validate(),
        "Good", "good")
    assert english == ("The labels 1 and 2 have the same name, 'good'.",
                       "Give each label its own name; two labels with one name would be "
                       "learned as one.")
    english = _chinese_error(lambda: config.TrainingConfig(learning_rate=5).validate(),
                             "learning_rate", "e")
    assert english == ("The setting learning_rate is 5.", "Use a value such as 1e-4.")
    english = _chinese_error(lambda: config.TrainingConfig(scheduler="odd").validate(),
                             "scheduler", "odd", "linear", "cosine", "constant")
    assert english == ("The setting scheduler is 'odd'.", "Use one of: linear, cosine, constant.")
    english = _chinese_error(lambda: config.RunConfig.from_dict({"data": {"oops": 1}}), "oops")
    assert english == ("The 'data' section has unknown keys: oops.",
                       "Remove them or check their spelling.")
    english = _chinese_error(lambda: config.RunConfig(preset="fast").validate(),
                             "fast", "quick", "balanced", "best")
    assert english == ("Unknown preset 'fast'.", "Use one of: quick, balanced, best.")


def test_setting_help_comes_from_the_catalogue_in_the_readers_language():
    english = config.field_help(config.TrainingConfig)
    assert english["epochs"] == {"label": "Epochs",
                                 "help": "How many times the model reads all training examples."}
    data = config.field_help(config.DataConfig)
    assert data["train"] == {"label": "Training file",
                             "help": "File with the labeled examples to learn from."}
    assert data["label_names"]["help"].startswith(
        'Names for labels written as whole numbers, such as {"0": "negative", "1": "positive"};')
    # the training settings' sentences are the Model page's, not a second copy
    field = next(f for f in config.dataclasses.fields(config.TrainingConfig)
                 if f.name == "epochs")
    assert field.metadata["help"].key == "model.setting.epochs.help"
    with use_language("zh"):
        for kind in (config.DataConfig, config.TrainingConfig, config.RunConfig):
            for name, shown in config.field_help(kind).items():
                assert re.search(r"[\u4e00-\u9fff]", shown["help"]), (name, shown)


def test_prediction_and_export_errors_in_chinese(tmp_path):
    odd = tmp_path / "notes.pdf"
    odd.write_text("x")
    english = _chinese_error(lambda: batch_predict.read_batch_file(odd), "notes", "pdf")
    assert english == ("notes.pdf is not a file type the app can predict on.",
                       "Use CSV, Excel (.xlsx), TXT (one text a line) or JSONL.")
    frame = pd.DataFrame({"body": ["a"]})
    english = _chinese_error(lambda: batch_predict.check_text_column(frame, "text"),
                             "text", "body")
    assert english == ("The file has no column named 'text'.",
                       "Choose the column that holds the texts; the file has: 'body'.")
    english = _chinese_error(lambda: batch_predict.check_text_column(frame, "t", "in.csv"),
                             "in", "csv", "body")
    assert english[0] == "in.csv has no column named 't'."
    run = tmp_path / "run1"
    (run / "model").mkdir(parents=True)
    english = _chinese_error(lambda: export.export_run(run, tmp_path / "out.zip"), "run1")
    assert english == ("Run run1 has no saved model to export.",
                       "Export a completed or stopped run.")


def test_compare_errors_and_columns_in_chinese():
    english = _chinese_error(lambda: compare.pasted_inputs("  \n"))
    assert english == ("There are no texts to compare on.", "Paste one text per line.")
    english = _chinese_error(lambda: compare.check_same_task("a-b", "c-d"), "a", "b", "c", "d")
    assert english[0] == "The two runs do different tasks (a-b and c-d)."
    results = [{"labels": ["x"]}, {"labels": ["y"]}]
    args = (["t1", "t2"], results, results[::-1], ("m", "m"), ["x", "x"])
    assert list(compare.compare_answers(*args).table.columns) == [
        "text", "correct answer", "m (A)", "m (B)"]
    with use_language("zh"):
        shown = compare.compare_answers(*args)
        assert compare.split_inputs([{"text": "a", "gold": "x"}], "extra", "r1").source \
            == "r1 的 extra 集（1 段文本）"
    assert list(shown.table.columns) == ["文本", "正确答案", "m（A）", "m（B）"]
    assert shown.correct_a == 1 and shown.correct_b == 1


RECORDS = [{"text": "wrong", "gold": "a", "predicted": "b", "confidence": 0.9},
           {"text": "right", "gold": "a", "predicted": "a", "confidence": 0.6}]
NER = [{"tokens": ["Ann", "ran"], "gold": ["B-PER", "O"], "predicted": ["O", "O"]}]


def test_mistakes_tables_show_chinese_columns_and_download_english_ones():
    with use_language("zh"):
        wrong = error_analysis.mistakes(RECORDS)
        unsure = error_analysis.least_confident_correct(RECORDS)
        ner = error_analysis.ner_mistakes(NER)
        assert error_analysis.column("confidence") == "置信度"
        data = error_analysis.relabel_csv(wrong)
    assert list(wrong.columns) == ["文本", "正确的标签", "模型的答案", "置信度"]
    assert list(unsure.columns) == list(wrong.columns)
    assert list(ner.columns) == ["句子", "正确的实体", "模型的实体", "遗漏或错误", "多出的"]
    # the file is trained on again: the app finds its text column by the English name
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ["text", "correct label", "model's answer", "confidence", "corrected_label"]
    assert list(error_analysis.mistakes(RECORDS).columns) == [
        "text", "correct label", "model's answer", "confidence"]


def test_the_model_cards_baseline_names_follow_the_language(tmp_path):
    run = tmp_path / "run1"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"config": {"model": "default"}}))
    (run / "eval.json").write_text(json.dumps(
        {"test": {"accuracy": 0.9}, "baselines": {"word_memory": {"accuracy": 0.5}}}))
    assert "word memory" in export.model_card(run, "en")
    card = export.model_card(run, "zh")
    assert "词记忆" in card and "word memory" not in card


def _cli(*args: str, language: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FINETUNE_STUDIO_LANG"}
    if language:
        env["FINETUNE_STUDIO_LANG"] = language
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_cli_prints_a_chinese_error_with_exit_code_2_under_the_chinese_setting(tmp_path):
    missing = str(tmp_path / "nowhere" / "run")
    chinese = _cli("resume", missing, language="zh")
    assert chinese.returncode == 2
    line = chinese.stderr.strip()
    assert line.startswith("错误：") and "没有运行文件夹" in line, line
    assert not _english_words(line.replace(missing, ""), "m", "core", "runs"), line
    english = _cli("resume", missing, language=None)
    assert english.returncode == 2
    assert english.stderr.strip() == (f"error: No run folder at {missing}. Give a run folder "
                                      "path or a run id from 'python -m core runs'.")
