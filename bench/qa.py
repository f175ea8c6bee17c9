"""`python -m bench qa`: extractive question answering, the app against run_qa.py's recipe.

SQuAD v1.1 (../shared/datasets/squad, split by article): the app trains the default model with
the default preset (`python -m core train --task question-answering`), validating on questions
held out from the training file and testing on dev.json. The reference script
(bench/references/qa_reference.py, written as transformers' run_qa.py) then trains the same
model on the same training file with the window length, stride, longest answer, epochs,
learning rate, batch size, warm-up, weight decay and seed the app chose, and scores dev.json
with the official SQuAD v1.1 scorer. Both run in their own process, one after the other.
Inference: the app's Predictor.answer against transformers' pipeline("question-answering")
(transformers 4, from .venv/transformers4, since transformers 5 removed that pipeline) on the
app run's export, over the same dev questions. CMRC 2018 (Chinese): the app with the default
model as shipped and with its vocabulary extended.

`--train-limit N` / `--test-limit N` sample whole paragraphs (seeded) until N questions, so
contexts stay whole and both contenders read the same files.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.processes import ROOT, run_measured

SEED = 42
QUICK_LIMITS = {"train": 150, "test": 100}
PIPELINE_PATH = ROOT / ".venv" / "transformers4"
PIPELINE_BATCHES = (16, 32)
"""The pipeline runs at each of these batch sizes; the app is compared with the faster."""
SQUAD_FILES = ("squad", "train.json", "dev.json")
CMRC_FILES = ("cmrc2018", "train.json", "test.json")


def read_paragraphs(path: Path) -> list[tuple[str, dict]]:
    """(article title, paragraph) pairs of a SQuAD JSON file, in file order."""
    articles = json.loads(Path(path).read_text(encoding="utf-8"))["data"]
    return [(a.get("title", ""), p) for a in articles for p in a["paragraphs"]]


def questions_in(paragraphs: list[tuple[str, dict]]) -> int:
    return sum(len(p["qas"]) for _, p in paragraphs)


def sample_paragraphs(paragraphs: list[tuple[str, dict]], limit: int | None, seed: int = SEED,
                      skip: int = 0) -> list[tuple[str, dict]]:
    """Whole paragraphs in a seeded order, after the first `skip` questions' worth, until at
    least `limit` questions (all that are left when `limit` is None); kept in file order."""
    order = list(range(len(paragraphs)))
    random.Random(seed).shuffle(order)
    picked, seen, count = [], 0, 0
    for index in order:
        size = len(paragraphs[index][1]["qas"])
        if seen < skip:
            seen += size
            continue
        if limit is not None and count >= limit:
            break
        picked.append(index)
        count += size
    return [paragraphs[i] for i in sorted(picked)]


def write_squad(path: Path, paragraphs: list[tuple[str, dict]]) -> Path:
    """A SQuAD v1.1 file of these paragraphs, neighbours of one article kept together."""
    data: list[dict] = []
    for title, paragraph in paragraphs:
        if not data or data[-1]["title"] != title:
            data.append({"title": title, "paragraphs": []})
        data[-1]["paragraphs"].append(paragraph)
    path.write_text(json.dumps({"version": "1.1", "data": data}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def validation_questions(train_limit: int | None) -> int:
    """Questions held out of the training file for the app's checkpoint choice."""
    return 300 if train_limit is None else max(10, train_limit // 4)


def _sizes(paragraphs: list[tuple[str, dict]]) -> dict[str, int]:
    return {"questions": questions_in(paragraphs), "paragraphs": len(paragraphs),
            "articles": len({title for title, _ in paragraphs})}


def prepare(files: tuple[str, str, str], data_dir: Path, folder: Path,
            train_limit: int | None, test_limit: int | None) -> tuple[dict, dict]:
    """train / validation / test files under `folder` and their sizes: validation and train
    are disjoint paragraphs of the training file, test is sampled from the test file."""
    name, train_name, test_name = files
    source = read_paragraphs(data_dir / name / train_name)
    held = validation_questions(train_limit)
    splits = {"validation": sample_paragraphs(source, held),
              "test": sample_paragraphs(read_paragraphs(data_dir / name / test_name), test_limit)}
    splits["train"] = sample_paragraphs(source, train_limit,
                                        skip=questions_in(splits["validation"]))
    folder.mkdir(parents=True, exist_ok=True)
    paths = {split: write_squad(folder / f"{name}-{split}.json", rows)
             for split, rows in splits.items()}
    return paths, {split: _sizes(rows) for split, rows in splits.items()}


def app_command(paths: dict, runs_dir: Path, model: str, preset: str | None, name: str,
                extend: bool = False) -> list[str]:
    """`python -m core train` as a user runs it: the preset's settings, nothing tuned."""
    from core.tasks import QUESTION_ANSWERING

    command = ["-m", "core", "train", "--task", QUESTION_ANSWERING, "--data", str(paths["train"]),
               "--validation", str(paths["validation"]), "--test", str(paths["test"]),
               "--model", model, "--runs-dir", str(runs_dir), "--name", name, "--json"]
    if preset:
        command += ["--preset", preset]
    return command + (["--extend-vocabulary"] if extend else [])


REFERENCE_FLAGS = {"max_length": "--max-length", "stride": "--stride",
                   "max_answer_length": "--max-answer-length", "epochs": "--epochs",
                   "learning_rate": "--learning-rate", "batch_size": "--batch-size",
                   "warmup_ratio": "--warmup-ratio", "weight_decay": "--weight-decay",
                   "seed": "--seed"}


def reference_command(paths: dict, settings: dict, model: str, output: Path) -> list[str]:
    """The reference script on the same training file, scoring the test file, with the app's
    resolved settings (those the app left empty keep the script's defaults)."""
    command = ["bench/references/qa_reference.py", "--train", str(paths["train"]),
               "--validation", str(paths["test"]), "--model", model, "--output", str(output)]
    for key, flag in REFERENCE_FLAGS.items():
        if settings.get(key) is not None:
            command += [flag, str(settings[key])]
    return command


def app_windows_per_s(evaluation: dict, status: dict, epochs: float) -> float:
    """Training windows per second over the steps the app took (early stopping may end it
    before the last planned step); the time includes its evaluations on validation."""
    seconds = float(status.get("train_runtime") or 0.0)
    total, done = status.get("total_steps") or 0, status.get("step") or 0
    share = min(1.0, done / total) if total else 1.0
    windows = float(evaluation.get("n_train_features") or 0) * float(epochs) * share
    return windows / seconds if seconds else 0.0


def _points(report: dict) -> dict[str, float]:
    return {k: round(100 * float(report[k]), 2) for k in ("exact_match", "f1") if k in report}


def app_result(app: dict) -> dict:
    """The figures of a finished app run (scores in points, 0..100)."""
    from core.workspace import runs
    from core.workspace.folder import RunFolder

    run_dir = Path(app["run_dir"])
    record = RunFolder(run_dir).read_record()
    settings = dict(record.resolved_training)
    evaluation, status = runs.read_eval(run_dir) or {}, runs.read_status(run_dir) or {}
    test = evaluation.get("test") or {}
    return {"run_dir": str(run_dir), "preset": record.config.get("preset"),
            "settings": {k: settings.get(k) for k in REFERENCE_FLAGS},
            "test": {**_points(test), "n": test.get("n")},
            "validation": _points(evaluation.get("validation") or {}),
            "overlap_baseline": _points((evaluation.get("baselines") or {}).get("overlap") or {}),
            "train_windows": evaluation.get("n_train_features"),
            "train_seconds": round(float(status.get("train_runtime") or 0.0), 1),
            "windows_per_s": round(app_windows_per_s(evaluation, status, settings["epochs"]), 3),
            "steps": status.get("step"), "total_steps": status.get("total_steps"),
            "best_step": status.get("best_step"), "wall_seconds": app["wall_seconds"],
            "peak_rss_mb": app["peak_rss_mb"]}


def reference_result(reference: dict) -> dict:
    return {"test": {"exact_match": round(reference["exact_match"], 2),
                     "f1": round(reference["f1"], 2), "n": reference["eval_questions"]},
            "train_windows": reference["train_windows"],
            "train_seconds": round(float(reference["train_seconds"]), 1),
            "windows_per_s": round(float(reference["train_windows_per_s"]), 3),
            "wall_seconds": reference["wall_seconds"], "peak_rss_mb": reference["peak_rss_mb"]}


def squad(data_dir: Path, folder: Path, model: str, preset: str | None,
          limits: dict) -> dict:
    """The app, then the reference script with the app's settings, on the same files."""
    paths, sizes = prepare(SQUAD_FILES, data_dir, folder / "data", limits.get("train"),
                           limits.get("test"))
    app = app_result(run_measured(app_command(paths, folder / "runs", model, preset, "squad")))
    reference = reference_result(run_measured(reference_command(
        paths, app["settings"], model, folder / "reference")))
    return {"dataset": "squad", "sizes": sizes, "app": app,
            "reference": reference,
            "f1_difference_points": round(app["test"]["f1"] - reference["test"]["f1"], 2),
            "throughput_ratio": round(app["windows_per_s"] / reference["windows_per_s"], 3)
            if reference["windows_per_s"] else None,
            "wall_ratio": round(reference["wall_seconds"] / app["wall_seconds"], 3)}


PIPELINE_SCRIPT = """
import json, sys, time
import transformers
from transformers import pipeline
folder, questions, contexts, settings, batch = json.loads(sys.stdin.read())
answerer = pipeline("question-answering", model=folder, device=-1)
answerer(question=questions[:8], context=contexts[:8], batch_size=batch, **settings)
started = time.time()
answers = answerer(question=questions, context=contexts, batch_size=batch, **settings)
seconds = time.time() - started
answers = answers if isinstance(answers, list) else [answers]
print(json.dumps({"version": transformers.__version__, "seconds": seconds,
                  "answers": [a["answer"] for a in answers]}))
"""


def pipeline_answers(folder: Path, questions: list[str], contexts: list[str],
                     settings: dict, batch_size: int) -> dict:
    """transformers 4's question-answering pipeline in its own process (the app's torch):
    {"version", "seconds" (the timed call, after a warm-up), "answers"}."""
    if not (PIPELINE_PATH / "transformers").is_dir():
        raise RuntimeError(f"{PIPELINE_PATH} is absent: run `make install-test`")
    done = subprocess.run([sys.executable, "-c", PIPELINE_SCRIPT], capture_output=True,
                          text=True, cwd=ROOT, input=json.dumps(
                              [str(folder), questions, contexts, settings, batch_size]),
                          env={**os.environ, "PYTHONPATH": str(PIPELINE_PATH),
                               "TOKENIZERS_PARALLELISM": "false"})
    if done.returncode != 0:
        raise RuntimeError(f"pipeline failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_answer(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def inference(run_dir: Path, test_path: Path, folder: Path) -> dict:
    """Predictor.answer against pipeline("question-answering") on the run's export, over the
    questions of the test file, each timed after a warm-up on the first eight; the pipeline
    at each of PIPELINE_BATCHES, the fastest counted."""
    from core.predict.inference import Predictor
    from core.serve.export import export_run, pipeline_call_kwargs
    from core.workspace.folder import RunFolder

    rows = [(qa["question"], p["context"]) for _, p in read_paragraphs(test_path)
            for qa in p["qas"]]
    questions, contexts = [q for q, _ in rows], [c for _, c in rows]
    predictor = Predictor(run_dir)
    predictor.answer(questions[:8], contexts[:8])
    started = time.time()
    ours = predictor.answer(questions, contexts)
    app_seconds = time.time() - started
    archive = export_run(run_dir, folder / "qa-export.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / "qa-export")
    settings = pipeline_call_kwargs(RunFolder(run_dir).read_record().resolved_training)
    tried = {size: pipeline_answers(folder / "qa-export", questions, contexts, settings, size)
             for size in PIPELINE_BATCHES}
    fastest = min(tried, key=lambda size: tried[size]["seconds"])
    theirs = tried[fastest]
    agree = sum(same_answer(a["text"], b) for a, b in zip(ours, theirs["answers"]))
    return {"questions": len(questions), "pipeline_transformers": theirs["version"],
            "pipeline_batch_size": fastest, "pipeline_settings": settings,
            "pipeline_questions_per_s_by_batch": {
                str(size): round(len(questions) / run["seconds"], 3)
                for size, run in tried.items()},
            "app_questions_per_s": round(len(questions) / app_seconds, 3),
            "pipeline_questions_per_s": round(len(questions) / theirs["seconds"], 3),
            "inference_ratio": round(theirs["seconds"] / app_seconds, 3),
            "answer_agreement": round(agree / len(questions), 4)}


def cmrc(data_dir: Path, folder: Path, model: str, preset: str | None, limits: dict) -> dict:
    """The app on CMRC 2018 with the model's vocabulary as shipped and extended."""
    paths, sizes = prepare(CMRC_FILES, data_dir, folder / "cmrc-data", limits.get("train"),
                           limits.get("test"))
    runs = []
    for extend in (False, True):
        result = app_result(run_measured(app_command(
            paths, folder / "cmrc-runs", model, preset, f"cmrc-{extend}", extend)))
        runs.append({"extend_vocabulary": extend, **result})
    return {"dataset": "cmrc2018", "sizes": sizes, "runs": runs}


def resolve_limits(quick: bool, given: dict | None) -> dict:
    """{"train", "test", "cmrc_train", "cmrc_test"}: the given questions counts, else the quick
    ones (quick) or None (the whole file); CMRC's default to SQuAD's."""
    given = {k: v for k, v in (given or {}).items() if v}
    limits = {**(QUICK_LIMITS if quick else {"train": None, "test": None}), **given}
    for split in ("train", "test"):
        limits.setdefault(f"cmrc_{split}", limits[split])
    return limits


PARTS = ("squad", "cmrc2018")


def run(data_dir: Path, quick: bool, model: str, limits: dict | None = None,
        on_result=None, parts: tuple[str, ...] = PARTS) -> dict:
    """SQuAD (app and script) with inference, then CMRC 2018 when its folder is there (only
    the `parts` named); `on_result(partial summary)` is called as each part finishes."""
    limits = resolve_limits(quick, limits)
    preset = "quick" if quick else None  # None: the CLI's default preset
    summary: dict = {"model": model, "seed": SEED, "limits": limits, "seconds": {}}
    report = on_result or (lambda _summary: None)
    with tempfile.TemporaryDirectory(prefix="bench-qa-") as tmp:
        folder = Path(tmp)
        if "squad" in parts:
            started = time.time()
            summary["squad"] = squad(data_dir, folder, model, preset, limits)
            report(summary)
            summary["inference"] = inference(Path(summary["squad"]["app"]["run_dir"]),
                                             folder / "data" / "squad-test.json", folder)
            summary["seconds"]["squad"] = round(time.time() - started, 1)
            report(summary)
        if "cmrc2018" in parts and (data_dir / CMRC_FILES[0] / CMRC_FILES[1]).is_file():
            started = time.time()
            summary["cmrc2018"] = cmrc(data_dir, folder, model, preset,
                                       {"train": limits["cmrc_train"],
                                        "test": limits["cmrc_test"]})
            summary["seconds"]["cmrc2018"] = round(time.time() - started, 1)
            report(summary)
    return summary


def merged(saved: dict, summary: dict) -> dict:
    """A qa.json after a run of some parts: the parts just run replace the saved ones, the
    others are kept (with their own limits and times)."""
    limits = {**(saved.get("limits") or {}), **summary["limits"]}
    seconds = {**(saved.get("seconds") if isinstance(saved.get("seconds"), dict) else {}),
               **summary["seconds"]}
    return {**saved, **summary, "limits": limits, "seconds": seconds}
