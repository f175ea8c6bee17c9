"""Command line: validate, train, distill, resume, evaluate, predict, export, serve and search.

Exit codes: 0 success, 2 bad input or usage (one clear message on stderr, no traceback),
1 internal error (message and the log path).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.config import PRESETS, TASKS, TRACKERS, TRAINING_MODES, RunConfig
from core.errors import UserError
from core.jobs import distributed
from core.jobs import queue as jobs
from core.models.loading import load_tokenizer
from core.text import Text, error_line, has, t
from core.workspace import csv_safe, runs
from core.workspace.csv_safe import (
    neutralise_cell,  # noqa: F401  (kept importable from here)
)
from core.workspace.folder import RunFolder
from core.workspace.processes import process_alive
from core.workspace.runs import workspace_dir
from core.workspace.uploads import remove_orphan_uploads


def _error(code: str, **params: str) -> UserError:
    """The error cli.<code>: its message, and its fix where the catalogue has one."""
    fix = f"cli.{code}.fix"
    return UserError(Text(f"cli.{code}.message", params), Text(fix, params) if has(fix) else "")


QA_COLUMNS = ("context", "question", "answer", "answer_start", "id")
"""The columns of a question-answering table (DataConfig <role>_column)."""


def _data_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--task", choices=TASKS, help=t("cli.help.task"))
    p.add_argument("--text-column", help=t("cli.help.text_column"))
    p.add_argument("--text-pair-column", help=t("cli.help.text_pair_column"))
    p.add_argument("--label-column", help=t("cli.help.label_column"))
    p.add_argument("--split-column", help=t("cli.help.split_column"))
    p.add_argument("--multi-label", action="store_true", default=None,
                   help=t("cli.help.multi_label"))
    p.add_argument("--label-separator", help=t("cli.help.label_separator"))
    for role in QA_COLUMNS:
        p.add_argument(f"--{role.replace('_', '-')}-column", help=t(f"cli.help.{role}_column"))


def _no_wait_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-wait", action="store_true",
                   help=t("cli.help.no_wait"))


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help=t("cli.help.validate"))
    p.add_argument("data")
    _data_flags(p)
    p.add_argument("--model", default="default", help=t("cli.help.tokenizer_model"))
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--json", action="store_true", help=t("cli.help.json_report"))


def _run_flags(p: argparse.ArgumentParser) -> None:
    """The data, model and preset of a new run (train, and each trial of a search)."""
    p.add_argument("--data", help=t("cli.help.data"))
    p.add_argument("--validation", help=t("cli.help.validation"))
    p.add_argument("--test", help=t("cli.help.test"))
    _data_flags(p)
    p.add_argument("--model", help=t("cli.help.model"))
    p.add_argument("--preset", choices=PRESETS)


def _add_train(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help=t("cli.help.train"))
    _run_flags(p)
    p.add_argument("--epochs", type=float)
    p.add_argument("--learning-rate", type=float)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--max-length", type=int)
    p.add_argument("--seed", type=int)
    p.add_argument("--eval-steps", type=int, help=t("cli.help.eval_steps"))
    p.add_argument("--lora", action="store_true", default=None, help=t("cli.help.lora"))
    p.add_argument("--mode", choices=TRAINING_MODES,
                   help=t("cli.help.mode"))
    p.add_argument("--extend-vocabulary", action="store_true", default=None,
                   help=t("cli.help.extend_vocabulary"))
    p.add_argument("--stride", type=int, help=t("cli.help.stride"))
    p.add_argument("--max-answer-length", type=int, help=t("cli.help.max_answer_length"))
    p.add_argument("--report-to", nargs="+", choices=TRACKERS, help=t("cli.help.report_to"))
    p.add_argument("--name", help=t("cli.help.name"))
    p.add_argument("--runs-dir", help=t("cli.help.runs_dir"))
    p.add_argument("--config", help=t("cli.help.config"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json_summary"))
    _no_wait_flag(p)
    distributed.add_flags(p)


def _add_run_commands(sub: argparse._SubParsersAction) -> None:
    """The commands that take a finished or interrupted run folder."""
    p = sub.add_parser("resume", help=t("cli.help.resume"))
    p.add_argument("run_dir")
    p.add_argument("--json", action="store_true")
    _no_wait_flag(p)

    p = sub.add_parser("evaluate", help=t("cli.help.evaluate"))
    p.add_argument("run_dir")
    p.add_argument("--data", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("predict", help=t("cli.help.predict"))
    p.add_argument("run_dir")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--text", nargs="+", help=t("cli.help.texts"))
    group.add_argument("--question", nargs="+", help=t("cli.help.questions"))
    group.add_argument("--input", help=t("cli.help.input"))
    p.add_argument("--context", help=t("cli.help.context"))
    p.add_argument("--output", help=t("cli.help.output"))
    p.add_argument("--text-column", help=t("cli.help.input_text_column"))
    p.add_argument("--question-column", help=t("cli.help.input_question_column"))
    p.add_argument("--context-column", help=t("cli.help.input_context_column"))

    p = sub.add_parser("export", help=t("cli.help.export"))
    p.add_argument("run_dir")
    p.add_argument("--output", required=True)
    p.add_argument("--format", help=t("serve.help.export_format", formats=SERVE_FORMATS))

    p = sub.add_parser("distill", help=t("serve.help.distill"))
    p.add_argument("run_dir", help=t("serve.help.teacher"))
    p.add_argument("--layers", type=int, required=True, help=t("serve.help.layers"))
    p.add_argument("--name", help=t("cli.help.name"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json_summary"))
    _no_wait_flag(p)


def _add_workspace_commands(sub: argparse._SubParsersAction) -> None:
    """Listing runs, and the background processes the app starts."""
    p = sub.add_parser("runs", help=t("cli.help.runs"))
    p.add_argument("--runs-dir")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("worker", help=argparse.SUPPRESS)
    p.add_argument("run_dir")

    p = sub.add_parser("curve", help=argparse.SUPPRESS)  # the learning curve's process
    p.add_argument("run_dir")
    p.add_argument("--model", action="store_true",
                   help=t("cli.help.curve_model"))


SERVE_FORMATS = "torch, onnx, onnx-int8"


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help=t("serve.help.command"))
    p.add_argument("source", help=t("serve.help.source"))
    p.add_argument("--host", default="127.0.0.1", help=t("serve.help.host"))
    p.add_argument("--port", type=int, default=8000, help=t("serve.help.port"))
    p.add_argument("--format", default="torch", help=t("serve.help.format",
                                                       formats=SERVE_FORMATS))
    p.add_argument("--token", help=t("serve.help.token"))
    p.add_argument("--workers", type=int, default=1, help=t("serve.help.workers"))
    p.add_argument("--ready-file", help=t("serve.help.ready_file"))


def _add_search(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help=t("search.help.command"))
    _run_flags(p)
    p.add_argument("--lora", action="store_true", default=None, help=t("cli.help.lora"))
    p.add_argument("--name", help=t("cli.help.name"))
    p.add_argument("--config", help=t("cli.help.config"))
    p.add_argument("--trials", type=int, help=t("search.help.trials"))
    p.add_argument("--timeout", type=float, help=t("search.help.timeout"))
    p.add_argument("--storage", help=t("search.help.storage"))
    p.add_argument("--study", help=t("search.help.study"))
    p.add_argument("--space", action="append", metavar="NAME=RANGE",
                   help=t("search.help.space"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json_summary"))
    p.add_argument("--folder", help=argparse.SUPPRESS)  # a search the app set up
    p.add_argument("--heartbeat", type=int, default=None, help=argparse.SUPPRESS)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core",
                                     description=t("cli.help.description"))
    sub = parser.add_subparsers(dest="command", required=True)
    _add_validate(sub)
    _add_train(sub)
    _add_run_commands(sub)
    _add_workspace_commands(sub)
    _add_serve(sub)
    _add_search(sub)
    return parser


def _config_from_args(args: argparse.Namespace) -> RunConfig:
    config = RunConfig.load(Path(args.config)) if args.config else RunConfig()
    data, training = config.data, config.training
    for flag, target, attr in (
        ("data", data, "train"), ("validation", data, "validation"), ("test", data, "test"),
        ("text_column", data, "text_column"), ("text_pair_column", data, "text_pair_column"),
        ("label_column", data, "label_column"), ("split_column", data, "split_column"),
        ("multi_label", data, "multi_label"),
        ("label_separator", data, "label_separator"), ("task", config, "task"),
        ("model", config, "model"), ("preset", config, "preset"), ("name", config, "name"),
        ("epochs", training, "epochs"), ("learning_rate", training, "learning_rate"),
        ("batch_size", training, "batch_size"), ("max_length", training, "max_length"),
        ("seed", training, "seed"), ("eval_steps", training, "eval_steps"),
        ("lora", training, "lora"),
        ("mode", training, "mode"), ("extend_vocabulary", training, "extend_vocabulary"),
        ("stride", training, "stride"), ("max_answer_length", training, "max_answer_length"),
        ("report_to", training, "report_to"),
        *((f"{role}_column", data, f"{role}_column") for role in QA_COLUMNS),
    ):
        value = getattr(args, flag, None)
        if value is not None:
            setattr(target, attr, value)
    if not data.train:
        raise _error("no_train")
    if not args.task and not (args.config and "task" in _raw_config(args.config)):
        from core.data import detect_task  # lazy: loads pandas

        config.task = detect_task(data.train)
    for name in ("train", "validation", "test"):
        value = getattr(data, name)
        if value and not Path(value).is_file():
            raise UserError(Text("cli.split_file_missing.message", {"split": name, "path": value}),
                            Text("cli.check_path.fix"))
        if value:
            setattr(data, name, str(Path(value).resolve()))
    config.validate()
    return config


def _raw_config(path: str) -> dict:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw.get("config", raw) if isinstance(raw, dict) else {}


def _run_dir(value: str) -> Path:
    """A run folder from a path or a run id; anything else (another folder, an id with '..' or
    '/') is refused before a file in it is read."""
    path = Path(value)
    if path.is_dir():
        folder = RunFolder(path)
        if not any(file.is_file() for file in (folder.status, folder.config)):
            raise _error("not_run_folder", path=value)
        return path.resolve()
    if "/" in value or "\\" in value:
        raise UserError(Text("cli.no_run_folder.message", {"path": value}),
                        Text("cli.give_run.fix"))
    candidate = runs.runs_dir() / runs.check_run_id(value)
    if candidate.is_dir():
        return candidate
    raise UserError(Text("cli.no_run.message", {"run": value, "folder": str(candidate.parent)}),
                    Text("cli.give_run.fix"))


def _summary(run_dir: Path, status: dict) -> dict:
    evaluation = runs.read_eval(run_dir) or {}

    def scalars(d):
        return {k: v for k, v in (d or {}).items() if isinstance(v, (int, float))}

    return {"run_dir": str(run_dir), "state": status.get("state"),
            "best_metric": status.get("best_metric_name"),
            "test": scalars(evaluation.get("test")),
            "validation": scalars(evaluation.get("validation")),
            "baselines": {k: scalars(v) for k, v in evaluation.get("baselines", {}).items()
                          if isinstance(v, dict)}}


def _print_summary(summary: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary))
        return
    print(t("cli.run_state", state=str(summary["state"]), path=summary["run_dir"]))
    for split in ("validation", "test"):
        if summary[split]:
            scores = ", ".join(f"{k} {v:.4f}" for k, v in summary[split].items()
                               if k not in ("n", "correct"))
            print(t("cli.split_scores", split=split, scores=scores))
    for name, scores in summary["baselines"].items():
        print(t("cli.baseline_scores", name=name,
                scores=", ".join(f"{k} {v:.4f}" for k, v in scores.items())))


def cmd_validate(args: argparse.Namespace) -> int:
    from core.data import (  # lazy: loads pandas
        build_health_report,
        detect_task,
        make_splits,
    )

    if not Path(args.data).is_file():
        raise UserError(Text("cli.file_missing.message", {"path": args.data}),
                        Text("cli.check_path.fix"))
    config = RunConfig(task=args.task or detect_task(args.data), model=args.model)
    config.data.train = args.data
    for flag in ("text_column", "text_pair_column", "label_column", "split_column",
                 "multi_label", "label_separator"):
        if getattr(args, flag) is not None:
            setattr(config.data, flag, getattr(args, flag))
    splits = make_splits(config)
    report = build_health_report(splits, tokenizer=load_tokenizer(args.model),
                                 max_length=args.max_length)
    if args.json:
        print(json.dumps({"file": Path(args.data).name, "task": splits.task,
                          "labels": splits.labels, "notes": splits.notes, **report.to_dict()},
                         default=str))
    else:
        print(t("cli.file_summary", file=Path(args.data).name, task=splits.task,
                count=str(len(splits.labels))))
        print(report.to_text())
    if report.has_errors:
        first = next(f for f in report.findings if f.severity == "error")
        print(t("cli.finding", title=str(first.title), message=str(first.message),
                fix=str(first.fix)), file=sys.stderr)
        return 2
    return 0


QUEUE_POLL_S = 1.0


def _take_turn(run_dir: Path, base: Path | None, wait: bool) -> None:
    """Queue `run_dir` in the workspace's one-run-at-a-time queue and return when its turn has
    come (it is then `running` in this process). Without `wait`, a UserError instead of waiting."""
    jobs.wait_here(run_dir)
    told = None
    while (ahead := jobs.claim(run_dir, base)) is not None:
        if not wait:
            raise _error("another_run", run=str(ahead))
        if ahead != told:
            print(t("cli.queued", run=str(ahead)), file=sys.stderr, flush=True)
            told = ahead
        time.sleep(QUEUE_POLL_S)


def _train_in_turn(config: RunConfig, run_dir: Path, base: Path | None, resume: bool) -> dict:
    """Train a run whose turn has come, then start the next queued run (also after a failure
    or Ctrl+C, which leaves the run interrupted)."""
    try:
        return distributed.train_here(config, run_dir, resume=resume, progress=True)
    except KeyboardInterrupt:
        runs.record_interrupted(run_dir)
        raise
    finally:
        jobs.reconcile(base)


def _another_run_active(base: Path | None) -> bool:
    try:
        return jobs.active_run(base) is not None
    except OSError:  # an unusable runs folder is reported, in one sentence, when the run is made
        return False


def cmd_train(args: argparse.Namespace) -> int:
    config = distributed.apply_flags(args, _config_from_args(args))
    return _train_new(config, Path(args.runs_dir) if args.runs_dir else None, args)


def cmd_distill(args: argparse.Namespace) -> int:
    from core.train.distill import distilled_config  # lazy: loads transformers' configs

    return _train_new(distilled_config(args.run_dir, args.layers, args.name), None, args)


def _train_new(config: RunConfig, base: Path | None, args: argparse.Namespace) -> int:
    """A new run of `config`: its folder, its turn in the queue, training, the summary."""
    from core.data.splits import make_splits  # lazy: loads pandas

    if _another_run_active(base):
        make_splits(config)  # a file that cannot be used is refused now, not after the wait
    run_dir = runs.new_run_folder(config.to_dict(), config.name, base, **jobs.waiter_fields())
    print(t("cli.run_folder", path=str(run_dir)), file=sys.stderr, flush=True)
    try:
        _take_turn(run_dir, base, wait=not args.no_wait)
    except BaseException:  # refused or Ctrl+C while queued: the run never began
        shutil.rmtree(run_dir, ignore_errors=True)
        raise
    try:
        status = _train_in_turn(config, run_dir, base, resume=False)
    except UserError:
        # the data was refused before training began: leave no half-made run behind
        if (runs.read_status(run_dir) or {}).get("phase") == "preparing":
            shutil.rmtree(run_dir, ignore_errors=True)
        raise
    _print_summary(_summary(run_dir, status), args.json)
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    run_dir = _run_dir(args.run_dir)
    info = runs.load_run(run_dir)
    if info.damaged:
        raise _error("damaged", run=run_dir.name, problem=str(info.error))
    if info.state == "completed":
        raise _error("completed", run=run_dir.name)
    status = runs.read_status(run_dir) or {}
    if info.state == "running" and process_alive(info.pid, status.get("pid_started")):
        raise _error("still_training", run=run_dir.name, pid=str(info.pid))
    (run_dir / runs.STOP_FILE).unlink(missing_ok=True)
    config = RunConfig.from_dict(info.config)
    print(t("cli.resuming", path=str(run_dir)), file=sys.stderr, flush=True)
    before = {"state": info.state, "error": info.error, "fix": info.fix}
    runs.update_status(run_dir, state="queued", resume=True, **jobs.waiter_fields())
    try:
        _take_turn(run_dir, run_dir.parent, wait=not args.no_wait)
    except BaseException:  # refused or Ctrl+C while queued: the run is as it was
        runs.record_status(run_dir, **before, waiter_pid=None)
        raise
    status = _train_in_turn(config, run_dir, run_dir.parent, resume=True)
    _print_summary(_summary(run_dir, status), args.json)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from core.evaluate.evaluation import evaluate_file  # lazy: loads pandas

    report = evaluate_file(_run_dir(args.run_dir), args.data)
    if args.json:
        print(json.dumps(report))
    else:
        print(", ".join(f"{k} {v:.4f}" for k, v in report.items() if isinstance(v, float)))
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from core.predict.inference import Predictor  # lazy: loads numpy

    predictor = Predictor(_run_dir(args.run_dir))
    if predictor.kind.answers_from_context:
        return _predict_answers(predictor, args)
    if args.question:
        raise _error("questions_need_a_qa_run", run=Path(args.run_dir).name)
    if args.text:
        for text, result in zip(args.text, predictor.predict(args.text)):
            print(json.dumps({"text": text, **result}, ensure_ascii=False))
        return 0
    from core.data import infer_columns, read_table  # lazy: loads pandas

    frame = read_table(args.input)
    column = args.text_column or infer_columns(frame).text or frame.columns[0]
    if column not in frame.columns:
        raise _error("no_column", file=Path(args.input).name, column=repr(column),
                     columns=", ".join(map(str, frame.columns)))
    results = predictor.predict(frame[column].tolist())
    out = sys.stdout if not args.output else open(args.output, "w", newline="", encoding="utf-8")
    try:
        writer = csv_safe.writer(out)
        entities = predictor.kind.shows_entities
        writer.writerow([column, "entities"] if entities else [column, "label", "score"])
        for text, result in zip(frame[column], results):
            row = [text, json.dumps(result["entities"], ensure_ascii=False)] if entities \
                else [text, "|".join(result["labels"]), f"{result['score']:.4f}"]
            writer.writerow(row)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        print(t("cli.wrote_predictions", count=str(len(results)), path=args.output),
              file=sys.stderr)
    return 0


def _predict_answers(predictor: Any, args: argparse.Namespace) -> int:
    """Answers of a question-answering run: to --question with --context (JSON lines), or to
    every row of --input (its question and context columns) as a CSV."""
    if not args.input:
        if not args.question or args.context is None:
            raise _error("question_needs_context")
        questions = list(args.question)
        results = predictor.answer(questions, [args.context] * len(questions), top_k=3)
        for question, result in zip(questions, results):
            print(json.dumps({"question": question, **result}, ensure_ascii=False))
        return 0
    from core.data.squad import guess_qa_columns  # lazy: loads pandas
    from core.predict.batch_predict import predict_file, read_batch_file  # lazy: loads pandas

    frame = read_batch_file(args.input)
    guess = guess_qa_columns([str(c) for c in frame.columns])
    question = args.question_column or guess.get("question") or ""
    context = args.context_column or guess.get("context") or ""
    output = Path(args.output) if args.output else None
    target = output or Path(tempfile.mkdtemp()) / "answers.csv"
    result = predict_file(predictor, frame, question, target, pair_column=context)
    if output is None:
        sys.stdout.write(target.read_text(encoding="utf-8-sig"))
        shutil.rmtree(target.parent, ignore_errors=True)
    else:
        print(t("cli.wrote_predictions", count=str(result.rows), path=str(output)),
              file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format is not None:  # measured on the test split and exported in that format
        from core.serve.formats import export_format  # lazy: loads torch and onnx

        path = export_format(_run_dir(args.run_dir), args.format, Path(args.output))
        print(t("cli.exported", path=str(path)))
        return 0
    from core.serve.export import export_run  # lazy: loads sklearn

    path = export_run(_run_dir(args.run_dir), Path(args.output))
    print(t("cli.exported", path=str(path)))
    return 0


def _serve_source(value: str) -> Path:
    """An exported zip, or a run folder (a path or a run id)."""
    path = Path(value)
    if path.is_file():
        return path.resolve()
    if path.suffix.lower() == ".zip" or not (path.is_dir() or "/" not in value):
        raise UserError(Text("serve.no_source.message", {"path": value}),
                        Text("serve.no_source.fix"))
    return _run_dir(value)


def cmd_serve(args: argparse.Namespace) -> int:
    from core.serve.server import serve  # lazy: loads fastapi, uvicorn and the model

    serve(_serve_source(args.source), host=args.host, port=args.port, fmt=args.format,
          token=args.token, workers=args.workers,
          ready_file=Path(args.ready_file) if args.ready_file else None)
    return 0


def cmd_runs(args: argparse.Namespace) -> int:
    base = Path(args.runs_dir) if args.runs_dir else None
    listed = jobs.reconcile(base)
    if args.json:
        print(json.dumps([{"run_id": r.run_id, "name": r.name, "state": r.state, "task": r.task,
                           "best_metric": r.best_metric, "path": str(r.path),
                           "damaged": r.damaged, "error": r.error} for r in listed]))
        return 0
    for r in listed:
        if r.damaged:
            print(f"{r.run_id:40} {t('cli.damaged_state'):12} {r.error}")
            continue
        score = f"{r.best_metric_name} {r.best_metric:.4f}" if r.best_metric is not None else ""
        print(f"{r.run_id:40} {r.state:12} {r.task:22} {score}")
    return 0


SEARCH_TRIALS = 8  # the budget when neither trials nor minutes are given


def cmd_search(args: argparse.Namespace) -> int:
    """Start or join a search, train its trials one at a time, then say the best settings."""
    from core.search import folder as searches  # lazy: loads optuna's storage
    from core.search import study as studies  # lazy: loads optuna
    from core.search import worker as search_worker  # lazy: loads optuna

    if args.folder:
        folder = searches.SearchFolder(Path(args.folder).resolve())
        if not folder.settings.is_file():
            raise UserError(Text("search.cli.not_search_folder", {"path": args.folder}),
                            Text("search.cli.not_search_folder_fix"))
    else:
        for value in (args.trials, args.timeout):
            if value is not None and value <= 0:
                raise UserError(Text("search.cli.bad_budget", {"value": str(value)}),
                                Text("search.cli.bad_budget_fix"))
        config = _config_from_args(args)
        study = args.study or runs.new_run_id(config.name or "search")
        trials = SEARCH_TRIALS if args.trials is None and args.timeout is None else args.trials
        folder = search_worker.start_search({
            "config": config.to_dict(), "study": study, "storage": args.storage,
            "trials": trials, "minutes": args.timeout, "rules": args.space or []})
    print(t("search.cli.folder", path=str(folder.path)), file=sys.stderr, flush=True)
    search_worker.run_search(folder, heartbeat_s=args.heartbeat or studies.HEARTBEAT_S)
    settings = folder.read_settings()
    found = studies.load(settings["storage"], settings["study"])
    best = studies.best_trial(found) if found is not None else None
    summary = {"search": folder.search_id, "study": settings["study"],
               "state": searches.state(folder), "trials": studies.counted(found) if found else 0,
               "states": studies.state_counts(found) if found else {},
               "best": None if best is None else {"number": best.number, "score": best.value,
                                                  "params": best.params,
                                                  "run_id": best.user_attrs.get("run_id")}}
    if args.json:
        print(json.dumps(summary))
    elif best is not None:
        print(t("search.cli.best", number=best.number + 1, score=f"{best.value:.4f}",
                params=", ".join(f"{k} {v:g}" for k, v in best.params.items())))
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from core.jobs.worker import run_worker  # lazy: loads the training code

    return run_worker(Path(args.run_dir))


def cmd_curve(args: argparse.Namespace) -> int:
    from core.jobs.curve import run_curve  # lazy: loads the training code and sklearn

    return run_curve(Path(args.run_dir), args.model)


COMMANDS = {"validate": cmd_validate, "train": cmd_train, "resume": cmd_resume,
            "evaluate": cmd_evaluate, "predict": cmd_predict, "export": cmd_export,
            "runs": cmd_runs, "worker": cmd_worker, "curve": cmd_curve, "serve": cmd_serve,
            "distill": cmd_distill, "search": cmd_search}


CLOSED_PIPE_EXIT = 141  # what a shell reports for a program whose reader went away


def _discard_stdout() -> None:
    """Send what is left of the output nowhere, so exiting does not fail on it again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)

    remove_orphan_uploads()  # temporary files of uploads a crash cut short
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit as "Exception ignored"
        return code
    except BrokenPipeError:  # `python -m core runs | head`: the reader has what it wanted
        _discard_stdout()
        return CLOSED_PIPE_EXIT
    except UserError as exc:
        print(t("cli.error", line=error_line(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # internal error: short message, details in the log
        from core.train.training import TrainingFailed  # lazy: loads pandas and scipy

        if isinstance(exc, TrainingFailed):
            print(t("cli.error", line=error_line(exc)), file=sys.stderr)
        else:
            print(t("cli.internal_error", kind=type(exc).__name__, detail=str(exc)),
                  file=sys.stderr)
            log = workspace_dir() / "cli-error.log"
            try:
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(traceback.format_exc(), encoding="utf-8")
                print(t("cli.details", path=str(log.resolve())), file=sys.stderr)
            except OSError:
                pass
        return 1
