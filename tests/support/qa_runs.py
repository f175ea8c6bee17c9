"""Finished question-answering runs for the Test page tests, written without training.

The model is a real (random) tiny BERT question-answering head built from the session's tiny
BERT (`tiny_model_dir`): `Predictor(run_dir).answer` can load and run it. config.json,
eval.json, status.json and the predictions file are written as a finished run writes them
(see the question-answering run folder contract: scores are shares 0..1, one record per
question with a context excerpt and full-context character positions).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from core.config import RunConfig
from core.scoring import qa_metrics
from core.tasks import QUESTION_ANSWERING
from core.workspace import runs
from core.workspace.folder import RunFolder, RunRecord, write_json_atomic
from support.once import built_once

ENGLISH = [  # (question, context, gold answer, predicted answer or "" for no answer)
    ("Who wrote the manual?",
     "The manual was written by Ada Lovelace in 1843. It explains the engine.",
     "Ada Lovelace", "Ada Lovelace"),
    ("When was the manual written?",
     "The manual was written by Ada Lovelace in 1843. It explains the engine.",
     "1843", "Ada Lovelace in 1843"),
    ("Where is the <b>reset</b> button?",
     "Press the reset button on the back panel, next to the *power* socket.",
     "on the back panel", "next to the *power* socket"),
    ("Why does the light blink?",
     "The light blinks because the battery is low. Charge it for two hours.",
     "because the battery is low", ""),
    ("How long should it charge?",
     "The light blinks because the battery is low. Charge it for two hours.",
     "two hours", "two hours"),
    ("Which colour is the cable?", "The light blinks because the battery is low.", "", ""),
]
CHINESE = [
    ("谁写了这本手册？", "这本手册由张伟在二零二零年编写，介绍了机器的用法。", "张伟", "张伟"),
    ("手册是何时编写的？", "这本手册由张伟在二零二零年编写，介绍了机器的用法。",
     "二零二零年", "张伟在二零二零年"),
    ("重置按钮在哪里？", "重置按钮在机器背面，电源插座旁边。", "机器背面", "电源插座旁边"),
    ("为什么指示灯会闪烁？", "指示灯闪烁是因为电量不足，请充电两小时。", "电量不足", ""),
    ("哪个接口用来充电？", "指示灯闪烁是因为电量不足。", "", ""),
]


def _save_model(tiny_model_dir: Path, folder: Path) -> None:
    import torch  # lazy: loads torch only for the tests that need the model
    from transformers import AutoConfig, AutoModelForQuestionAnswering, AutoTokenizer

    config = AutoConfig.from_pretrained(tiny_model_dir)
    torch.manual_seed(0)
    AutoModelForQuestionAnswering.from_config(config).save_pretrained(
        folder, safe_serialization=True)
    AutoTokenizer.from_pretrained(tiny_model_dir).save_pretrained(folder)


def qa_model(tiny_model_dir: Path, factory: pytest.TempPathFactory) -> Path:
    """The session's tiny question-answering model folder."""
    return built_once(factory, "tiny-bert-qa", lambda f: _save_model(tiny_model_dir, f))


def record(number: int, question: str, context: str, gold: str, predicted: str
           ) -> dict[str, Any]:
    """One prediction record as the run saves it (the whole context is the excerpt)."""
    start = context.find(predicted) if predicted else -1
    golds = [gold] if gold else []
    exact, f1 = _scored(predicted, golds)
    return {"id": f"q{number}", "title": "", "question": question, "context": context,
            "context_start": 0, "gold": golds, "gold_start": [context.find(g) for g in golds],
            "predicted": predicted, "start": start, "score": round(0.9 - 0.1 * number, 2),
            "no_answer": not predicted, "exact_match": exact, "f1": f1,
            "question_type": qa_metrics.question_type(question)}


def _scores(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    return {"exact_match": sum(r["exact_match"] for r in rows) / n if n else 0.0,
            "f1": sum(r["f1"] for r in rows) / n if n else 0.0, "n": n}


def _scored(predicted: str, golds: list[str]) -> tuple[float, float]:
    """Exact match and F1; a question without an answer is right only when none is given."""
    if not golds:
        return (0.0, 0.0) if predicted else (1.0, 1.0)
    return qa_metrics.exact_match(predicted, golds), qa_metrics.f1(predicted, golds)


def report(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The split's report: overall, per question type, has-answer and no-answer."""
    types: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        types.setdefault(r["question_type"], []).append(r)
    result = {**_scores(records), "question_types": {k: _scores(v) for k, v in types.items()}}
    if any(not r["gold"] for r in records):  # data with unanswerable questions
        result["has_answer"] = _scores([r for r in records if r["gold"]])
        result["no_answer"] = _scores([r for r in records if not r["gold"]])
        result["null_threshold"] = 0.0
    return result


def _baseline(records: list[dict[str, Any]]) -> dict[str, Any]:
    predicted = [qa_metrics.overlap_baseline(r["context"], r["question"])[0] for r in records]
    scored = [{**r, **dict(zip(("exact_match", "f1"), _scored(p, r["gold"]), strict=True))}
              for r, p in zip(records, predicted, strict=True)]
    whole = report(scored)
    return {"exact_match": whole["exact_match"], "f1": whole["f1"], "n": whole["n"],
            "question_types": whole["question_types"], "predicted": predicted}


def evaluation(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"task": QUESTION_ANSWERING, "labels": [], "best_metric": "f1",
            "validation": report(records), "test": report(records),
            "baselines": {"overlap": _baseline(records), "split": "test", "seconds": 0.01},
            "calibration": {"applied": False, "temperature": 1.0, "reason": "not_calibrated"},
            "n_train": 20, "n_validation": len(records), "n_test": len(records),
            "train_seconds": 1.0, "n_windows_train": 24}


def install_qa_run(tiny_model_dir: Path, factory: pytest.TempPathFactory,
                   chinese: bool = False, run_id: str = "run-qa") -> Path:
    """A finished question-answering run in this test's workspace (English or Chinese data)."""
    rows = CHINESE if chinese else ENGLISH
    records = [record(i, *row) for i, row in enumerate(rows)]
    run_dir = runs.run_path(run_id)
    folder = RunFolder(run_dir)
    shutil.copytree(qa_model(tiny_model_dir, factory), folder.model)
    config = RunConfig(task=QUESTION_ANSWERING, model=str(tiny_model_dir), preset="quick",
                       name="qa")
    config.data.train = str(run_dir / "manual.json")
    folder.write_record(RunRecord(config=config.to_dict(),
                                  resolved_training={"max_length": 128, "stride": 32,
                                                     "max_answer_length": 30}))
    now = time.time()
    write_json_atomic(folder.status, {"state": "completed", "name": "qa", "created": now - 60,
                                      "started": now - 50, "finished": now, "step": 10,
                                      "total_steps": 10, "best_metric": 0.5,
                                      "best_metric_name": "f1"})
    folder.write_json(folder.evaluation, evaluation(records))
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    folder.predictions("test").write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder.predictions("validation").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run_dir
