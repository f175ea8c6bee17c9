"""Writing RESULTS.md from the saved benchmark results, with every target and its figure."""

from __future__ import annotations

import datetime
import json
import os
import platform
from pathlib import Path

from bench import search as search_bench
from bench import serve_report
from bench.datasets import DATASETS

BENCH = Path(__file__).resolve().parent
NOTES = BENCH / "notes.md"  # hand-written remarks (reasons for misses), copied in verbatim
QUALITY_TOLERANCE_POINTS = 0.5


# Labeling and few-shot figures, each from its own bench command, shown after the speed and quality.
EXTRA_RESULTS = ("active_learning", "few_shot", "vocabulary")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def machine() -> dict:
    import torch

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "unknown") if Path("/proc/cpuinfo").exists() else "unknown"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1), "gpu": gpu}


def versions() -> dict:
    from importlib.metadata import version

    names = ("torch", "transformers", "datasets", "tokenizers", "scikit-learn", "streamlit")
    return {"python": platform.python_version(), **{n: version(n) for n in names}}


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**missed**")


def _ratio(value) -> str:
    return f"{value:.2f}x" if isinstance(value, (int, float)) else "not measured"


def target_rows(speed: dict, quality: dict) -> list[tuple[str, str, str]]:
    get = speed.get
    rows = []
    ratio = get("ratio_vs_reference")
    rows.append(("Training throughput ≥ 1.15x the hand-written Trainer script (SST-2)",
                 f"{_ratio(ratio)} ({get('app_examples_per_s')} vs "
                 f"{get('reference_trainer_examples_per_s')} examples/s)",
                 _verdict(None if ratio is None else ratio >= 1.15)))
    ratio = get("ratio_vs_tutorial")
    rows.append(("Training throughput ≥ 3x the tutorial loop (SST-2)",
                 f"{_ratio(ratio)} ({get('app_examples_per_s')} vs "
                 f"{get('tutorial_loop_examples_per_s')} examples/s)",
                 _verdict(None if ratio is None else ratio >= 3.0)))
    ratio = get("wall_ratio_vs_reference")
    rows.append((f"Whole `python -m core train` command ≥ 1.0x the script "
                 f"({get('n_train')} SST-2 sentences, {get('epochs')} epoch)",
                 f"{_ratio(ratio)} ({get('app_wall_seconds')} s vs "
                 f"{get('reference_trainer_wall_seconds')} s)",
                 _verdict(None if ratio is None else ratio >= 1.0)))
    for name in DATASETS:
        result = quality.get(name)
        if not result or result.get("difference_points") is None:
            rows.append((f"Quality within {QUALITY_TOLERANCE_POINTS} points of the script: "
                         f"{name}", "not measured", _verdict(None)))
            continue
        diff = result["difference_points"]
        sampled = (f", {result['rows']['train']:,} sampled training rows"
                   if result.get("train_limit") else "")
        rows.append((f"Quality within {QUALITY_TOLERANCE_POINTS} points of the script: {name} "
                     f"({result['metric']}{sampled})",
                     f"app {result['app']:.4f} vs script {result['reference']:.4f} "
                     f"({diff:+.2f} points)",
                     _verdict(diff >= -QUALITY_TOLERANCE_POINTS)))
    seconds = get("first_model_wall_seconds")
    rows.append((f"First model, {get('first_model_rows', 2000)} short texts (banking77), Quick "
                 f"preset ≤ 60 s", f"{seconds} s (test accuracy "
                 f"{get('first_model_test_accuracy')})" if seconds else "not measured",
                 _verdict(None if seconds is None else seconds <= 60)))
    ratio = get("inference_ratio")
    rows.append(("Inference ≥ 1.5x a plain pipeline() over SST-2 test in file order",
                 f"{_ratio(ratio)} ({get('inference_sentences_per_s')} vs "
                 f"{get('pipeline_sentences_per_s')} sentences/s)",
                 _verdict(None if ratio is None else ratio >= 1.5)))
    rss = get("peak_rss_mb")
    rows.append(("Peak RSS while training the default model ≤ 3 GB",
                 f"{rss / 1024:.2f} GB" if rss else "not measured",
                 _verdict(None if rss is None else rss <= 3072)))
    seconds, rss = get("health_seconds"), get("health_peak_rss_mb")
    rows.append((f"Reading a {get('health_rows', 200000):,}-row CSV and its health report "
                 f"≤ 30 s and ≤ 2 GB",
                 f"{seconds} s, {rss / 1024:.2f} GB" if seconds else "not measured",
                 _verdict(None if seconds is None else seconds <= 30 and rss <= 2048)))
    return rows


def _speed_table(speed: dict) -> list[str]:
    if not speed:
        return ["Not measured yet: run `python -m bench speed`."]
    return [
        f"SST-2, first {speed['n_train']} training sentences, {speed['epochs']} epoch, batch "
        f"{speed['batch_size']}, max length {speed['max_length']}, learning rate "
        f"{speed['learning_rate']}; medians of {speed['rounds']} alternating round(s).", "",
        "| contender | training examples/s | whole command (s) | test accuracy | peak RSS (MB) |",
        "|---|---|---|---|---|",
        f"| app (`python -m core train`) | {speed['app_examples_per_s']} | "
        f"{speed['app_wall_seconds']} | {speed['app_test_accuracy']} | {speed['peak_rss_mb']} |",
        f"| hand-written Trainer script | {speed['reference_trainer_examples_per_s']} | "
        f"{speed['reference_trainer_wall_seconds']} | "
        f"{speed['reference_trainer_test_accuracy']} | {speed['reference_peak_rss_mb']} |",
        f"| tutorial loop | {speed['tutorial_loop_examples_per_s']} | | | |", "",
        f"Inference over {speed.get('n_test', 'the')} SST-2 test sentences: app "
        f"{speed['inference_sentences_per_s']} sentences/s, `pipeline()` in file order "
        f"{speed['pipeline_sentences_per_s']} sentences/s (the two agree on "
        f"{100 * speed['prediction_agreement']:.1f}% of predictions)."]


def _quality_table(quality: dict) -> list[str]:
    lines = ["| dataset | task | metric | train / validation / test | app | script | baseline "
             "| app − script (points) | epochs, lr, batch, max length | app train s | script "
             "train s |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in DATASETS:
        r = quality.get(name)
        if not r:
            lines.append(f"| {name} | | | | not measured | | | | | | |")
            continue
        rows = r["rows"]
        s = r["settings"]
        lines.append(
            f"| {name} | {r['task']} | {r['metric']} | {rows['train']:,}"
            f"{' (sampled)' if r.get('train_limit') else ''} / "
            f"{rows['validation']:,} / {rows['test']:,} | {r['app']} | {r['reference']} | "
            f"{r['baseline']} | {r['difference_points']:+.2f} | {s['epochs']}, "
            f"{s['learning_rate']}, {s['batch_size']}, {s['max_length']} | "
            f"{r['app_train_seconds']} | {r['reference_train_seconds']} |")
    return lines


QA_THROUGHPUT_TARGET = 1.15
QA_INFERENCE_TARGET = 1.5


def _sized(sizes: dict, what: str) -> str:
    return (f"{sizes['questions']:,} {what} questions ({sizes['paragraphs']:,} paragraphs of "
            f"{sizes['articles']:,} articles)")


def qa_target_rows(qa: dict) -> list[tuple[str, str, str]]:
    """The question-answering targets: F1 against the script, training and inference speed."""
    squad, speed = qa.get("squad") or {}, qa.get("inference") or {}
    rows = []
    if squad:
        app, ref, diff = squad["app"], squad["reference"], squad["f1_difference_points"]
        rows.append((f"SQuAD dev F1 within {QUALITY_TOLERANCE_POINTS} points of the run_qa.py-"
                     f"style script or better", f"app {app['test']['f1']:.2f} vs script "
                     f"{ref['test']['f1']:.2f} ({diff:+.2f} points)",
                     _verdict(diff >= -QUALITY_TOLERANCE_POINTS)))
        ratio = squad.get("throughput_ratio")
        rows.append((f"QA training throughput ≥ {QA_THROUGHPUT_TARGET}x the script (windows/s)",
                     f"{_ratio(ratio)} ({app['windows_per_s']} vs {ref['windows_per_s']} "
                     f"windows/s)",
                     _verdict(None if ratio is None else ratio >= QA_THROUGHPUT_TARGET)))
    else:
        rows.append(("SQuAD dev F1 and training throughput against the script", "not measured",
                     _verdict(None)))
    ratio = speed.get("inference_ratio")
    rows.append((f"QA inference ≥ {QA_INFERENCE_TARGET}x `pipeline(\"question-answering\")`",
                 f"{_ratio(ratio)} ({speed.get('app_questions_per_s')} vs "
                 f"{speed.get('pipeline_questions_per_s')} questions/s, transformers "
                 f"{speed.get('pipeline_transformers')})" if speed else "not measured",
                 _verdict(None if ratio is None else ratio >= QA_INFERENCE_TARGET)))
    return rows


def _qa_squad_table(squad: dict) -> list[str]:
    app, ref, sizes, s = squad["app"], squad["reference"], squad["sizes"], squad["app"]["settings"]
    base = app.get("overlap_baseline") or {}
    return [
        f"SQuAD v1.1 (`squad/`, split by article): the app trains on "
        f"{_sized(sizes['train'], 'training')} and validates on "
        f"{_sized(sizes['validation'], 'other training')}; both are scored on "
        f"{_sized(sizes['test'], 'dev')}. Paragraphs are sampled whole (seed 42) and both "
        f"contenders read the same files. The app ran its {app.get('preset') or 'default'} "
        f"preset; the script got the settings the app chose: max length {s['max_length']}, "
        f"stride {s['stride']}, longest answer {s['max_answer_length']} tokens, {s['epochs']} "
        f"epochs, learning rate {s['learning_rate']}, batch {s['batch_size']}, warm-up "
        f"{s['warmup_ratio']}, weight decay {s['weight_decay']}, seed {s['seed']}.", "",
        "| contender | dev EM | dev F1 | training windows | windows/s | training s | whole "
        "command s | peak RSS (MB) |", "|---|---|---|---|---|---|---|---|",
        f"| app (`python -m core train --task question-answering`) | {app['test']['exact_match']}"
        f" | {app['test']['f1']} | {app['train_windows']} | {app['windows_per_s']} | "
        f"{app['train_seconds']} | {app['wall_seconds']} | {app['peak_rss_mb']} |",
        f"| run_qa.py-style Trainer script | {ref['test']['exact_match']} | {ref['test']['f1']} | "
        f"{ref['train_windows']} | {ref['windows_per_s']} | {ref['train_seconds']} | "
        f"{ref['wall_seconds']} | {ref['peak_rss_mb']} |",
        f"| overlap baseline (the app's) | {base.get('exact_match', '')} | {base.get('f1', '')} "
        f"| | | | | |", "",
        f"The app's training time includes its evaluations on the validation questions during "
        f"training (it trained {app.get('steps')} of {app.get('total_steps')} planned steps, best "
        f"step {app.get('best_step')}); the script evaluates once, after training."]


def _tried_batches(speed: dict) -> str:
    """', the faster of 16 (22.8 questions/s) and 32 (16.6)' when several were tried."""
    tried = speed.get("pipeline_questions_per_s_by_batch") or {}
    if len(tried) < 2:
        return ""
    sizes = sorted(tried, key=int)
    parts = [f"{size} ({tried[size]} questions/s)" for size in sizes]
    return f", the fastest of {', '.join(parts[:-1])} and {parts[-1]}"


def _qa_inference_lines(speed: dict) -> list[str]:
    if not speed:
        return []
    return ["", f"Inference over the same {speed['questions']:,} dev questions: the app's "
            f"`Predictor.answer` {speed['app_questions_per_s']} questions/s, "
            f"`pipeline(\"question-answering\")` on the run's export "
            f"{speed['pipeline_questions_per_s']} questions/s (transformers "
            f"{speed['pipeline_transformers']}, since transformers 5 has no question-answering "
            f"pipeline; the app's torch; batch size {speed['pipeline_batch_size']}"
            f"{_tried_batches(speed)}; the run's window, stride and longest answer). The two "
            f"give the same answer text for "
            f"{100 * speed['answer_agreement']:.1f}% of the questions."]


def _qa_cmrc_lines(cmrc: dict) -> list[str]:
    if not cmrc:
        return []
    sizes = cmrc["sizes"]
    lines = ["", "CMRC 2018 (`cmrc2018/`, Chinese): the app only, with the default model as "
             "shipped and with its vocabulary extended (`--extend-vocabulary`). The default "
             "model is English, so these figures show what a user gets without picking a "
             f"Chinese model. Training: {_sized(sizes['train'], 'training')}, validation: "
             f"{_sized(sizes['validation'], 'other training')}, test: "
             f"{_sized(sizes['test'], 'test')}.", "",
             "| vocabulary | test EM | test F1 | overlap baseline F1 | training windows | "
             "training s | whole command s |", "|---|---|---|---|---|---|---|"]
    for r in cmrc["runs"]:
        lines.append(f"| {'extended' if r['extend_vocabulary'] else 'as shipped'} | "
                     f"{r['test']['exact_match']} | {r['test']['f1']} | "
                     f"{(r.get('overlap_baseline') or {}).get('f1', '')} | {r['train_windows']} | "
                     f"{r['train_seconds']} | {r['wall_seconds']} |")
    return lines


def qa_section(qa: dict) -> list[str]:
    """The question-answering section of RESULTS.md from qa.json (scores in points)."""
    lines = ["## Question answering (default model)", ""]
    if not qa.get("squad"):
        return lines + ["Not measured yet: run `python -m bench qa`.", ""]
    lines += ["| target | measured | verdict |", "|---|---|---|",
              *[f"| {a} | {b} | {c} |" for a, b, c in qa_target_rows(qa)], ""]
    lines += _qa_squad_table(qa["squad"]) + _qa_inference_lines(qa.get("inference") or {})
    lines += _qa_cmrc_lines(qa.get("cmrc2018") or {})
    seconds = qa.get("seconds")
    if isinstance(seconds, (int, float)):  # one figure for the whole command
        lines += ["", f"The whole `python -m bench qa` command took {seconds / 60:.0f} minutes."]
    elif isinstance(seconds, dict) and seconds:
        parts = ", ".join(f"{name} {value / 60:.0f} minutes" for name, value in seconds.items())
        lines += ["", f"Time taken by `python -m bench qa`: {parts}."]
    return lines + [""]


def write(folder: Path, target: Path | None = None) -> Path:
    speed, quality = _load(folder / "speed.json"), _load(folder / "quality.json")
    gpu_speed = _load(folder / "speed-gpu.json")
    target = target or (BENCH / "RESULTS.md" if folder.resolve() == (BENCH / "results").resolve()
                        else folder / "RESULTS.md")
    info, libs = machine(), versions()
    presets = {r.get("preset") for r in quality.values()}
    lines = [
        "# Benchmark results", "",
        f"Written {datetime.date.today().isoformat()} by `python -m bench report` from "
        f"`{folder.relative_to(BENCH.parent) if folder.is_relative_to(BENCH.parent) else folder}`. "
        f"Re-run everything with `make bench`: about two to three hours on 2 CPU cores for the "
        f"classification and entity parts, and about ten more for question answering on the "
        f"whole SQuAD training file (`python -m bench qa --train-limit 200` measures it on a "
        f"sample in half an hour).", "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB memory, GPU: "
        f"{info['gpu'] or 'none'}.  ",
        "Libraries: " + ", ".join(f"{k} {v}" for k, v in libs.items()) + ".", "",
        "Every figure is a ratio or a comparison measured in the same run, on the same data, "
        "with each contender in its own process (see `bench/speed.py`, `bench/quality.py` and "
        "the reference scripts in `bench/references/`).", "",
        "## Targets", "", "| target | measured | verdict |", "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in target_rows(speed, quality)], "",
        "## Speed (CPU)", "", *_speed_table(speed), "",
        "## Speed (GPU)", "",
        *(_speed_table(gpu_speed) if gpu_speed else
          ["No GPU was lent to the session that produced these results, so there is no GPU "
           "table. On a machine with a GPU, `python -m bench speed` measures the same things "
           "there (training uses bf16/fp16 and TF32 automatically)."]), "",
        f"## Quality ({', '.join(sorted(p for p in presets if p)) or 'balanced'} preset, default "
        f"model)", "",
        "The app trains with its default preset and nothing tuned per dataset; the script trains "
        "the same model on the same rows with the hyperparameters the preset chose and evaluates "
        "at the end. The baseline is the app's quick baseline (TF-IDF + logistic regression; "
        "word memory for entities).", "",
        *_quality_table(quality), "", *qa_section(_load(folder / "qa.json")),
        *serve_report.section(_load(folder / "serve.json")),
        *search_bench.section(_load(folder / "search.json"))]
    for name in EXTRA_RESULTS:  # written by their own commands (python -m bench.<name>)
        extra = folder / f"{name}.md"
        if extra.is_file():
            text = extra.read_text(encoding="utf-8").strip()
            lines += [("#" + text) if text.startswith("# ") else text, ""]
    if NOTES.is_file():
        lines += ["## Notes", "", NOTES.read_text(encoding="utf-8").strip(), ""]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target
