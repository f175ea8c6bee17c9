"""Two runs on the same inputs: where they agree, where they differ, who is right.

The inputs are either pasted texts or the split a run was scored on (its test set, else its
validation set). Answers are compared as plain strings: the label(s) for classification, the
entities as "text (TYPE)" for NER, so the two runs may even use different label sets. When the
correct answers are known, the two counts of right answers come with the range of their
difference (a paired bootstrap over the same texts), so a one-text gap is not read as a win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.errors import UserError
from core.evaluate import error_analysis
from core.evaluate.error_analysis import entity_strings
from core.predict.record import saved_record
from core.scoring import significance
from core.tasks import saved_task
from core.text import Text, join, t
from core.workspace import runs

MAX_TEXTS = 2000


@dataclass
class Inputs:
    texts: list[str]
    gold: list[str] | None  # the correct answer per text, when known
    source: str             # words for the page: "the test set of run X (500 texts)"
    truncated: bool = False


def _error(code: str, **params: str) -> UserError:
    """The error evaluation.<code> (message and fix)."""
    return UserError(Text(f"evaluation.{code}.message", params),
                     Text(f"evaluation.{code}.fix", params))


def pasted_inputs(text: str, limit: int = MAX_TEXTS) -> Inputs:
    texts = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not texts:
        raise _error("no_texts")
    return Inputs(texts=texts[:limit], gold=None,
                  source=t("verdict.source.pasted", count=str(min(len(texts), limit))),
                  truncated=len(texts) > limit)


def split_inputs(records: list[dict[str, Any]], split: str, run_name: str,
                 limit: int = MAX_TEXTS) -> Inputs:
    """Texts and correct answers from a run's saved per-example predictions."""
    if not records:
        raise _error("no_saved_split", run=run_name, split=split)
    kept = records[:limit]
    if "tokens" in kept[0]:
        texts = [" ".join(map(str, r.get("tokens", []))) for r in kept]
        gold = [answer_text(entities=entity_strings(list(map(str, r.get("tokens", []))),
                                                    list(r.get("gold", [])))) for r in kept]
    else:
        texts = [str(r.get("text", "")) for r in kept]
        gold = [answer_text(labels=r.get("gold")) for r in kept]
    return Inputs(texts=texts, gold=gold, truncated=len(records) > limit,
                  source=_source(split, run_name, len(kept)))


def _source(split: str, run_name: str, count: int) -> str:
    """"the test set of run X (500 texts)", in the reader's language."""
    if split in ("test", "validation"):
        return t(f"verdict.source.{split}", run=run_name, count=str(count))
    # a split this app does not make
    return t("evaluation.source.other", split=split, run=run_name, count=str(count))


def answer_text(result: dict[str, Any] | None = None, labels: Any = None,
                entities: list[str] | None = None) -> str:
    """One answer as a string: 'a | b' for labels, 'Alice (PER); Paris (LOC)' for entities."""
    if result is not None:
        if "entities" in result:
            entities = [f"{e['text']} ({e['type']})" for e in result["entities"]]
        else:
            labels = result.get("labels") or []
    if entities is not None:
        return "; ".join(entities)
    if isinstance(labels, str):
        labels = [labels]
    return " | ".join(sorted(str(x) for x in labels or []))


def check_same_task(task_a: str, task_b: str) -> None:
    if task_a != task_b:
        raise _error("different_tasks", task_a=task_a, task_b=task_b)


@dataclass
class Comparison:
    table: pd.DataFrame          # every input with both answers
    disagreements: pd.DataFrame  # only the inputs where the answers differ
    agree: int
    total: int
    correct_a: int | None
    correct_b: int | None
    difference: significance.Difference | None = None  # share right of a minus b, with range


def compare_answers(texts: list[str], results_a: list[dict[str, Any]],
                    results_b: list[dict[str, Any]], names: tuple[str, str],
                    gold: list[str] | None = None) -> Comparison:
    answers_a = [answer_text(r) for r in results_a]
    answers_b = [answer_text(r) for r in results_b]
    name_a, name_b = names if names[0] != names[1] else (
        t("evaluation.column.run_a", name=names[0]), t("evaluation.column.run_b", name=names[1]))
    # the page shows this table and offers it as a CSV: column names in the reader's language
    text, correct = t("evaluation.column.text"), t("evaluation.column.correct_answer")
    frame = pd.DataFrame({text: texts, name_a: answers_a, name_b: answers_b})
    if gold is not None:
        frame.insert(1, correct, gold)
    same = frame[name_a] == frame[name_b]
    comparison = Comparison(table=frame, disagreements=frame[~same].reset_index(drop=True),
                            agree=int(same.sum()), total=len(frame), correct_a=None,
                            correct_b=None)
    if gold is not None:
        right_a = (frame[name_a] == frame[correct]).to_numpy()
        right_b = (frame[name_b] == frame[correct]).to_numpy()
        comparison.correct_a, comparison.correct_b = int(right_a.sum()), int(right_b.sum())
        comparison.difference = significance.paired_difference(
            significance.correct_counts(right_a), significance.correct_counts(right_b))
    return comparison


@dataclass
class SavedScore:
    """A run's score on its saved held-out predictions, ready to resample."""

    metric: str
    split: str
    counts: significance.Counts
    inputs: list[str]  # the texts, to check that two runs were scored on the same ones


def saved_score(run_dir: Any) -> SavedScore | None:
    """The run's best metric rebuilt from its saved predictions (None when it kept none)."""
    evaluation = runs.read_eval(run_dir) or {}
    split = error_analysis.report_split(evaluation)
    metric = evaluation.get("best_metric")
    records = error_analysis.load_records(run_dir, split) if split else []
    if not records or not metric:
        return None
    try:
        counts = saved_task(evaluation).record_counts(records, str(metric))
    except ValueError:  # a metric or an answer the per-example counts do not cover
        return None
    inputs = [" ".join(map(str, r.get("tokens", []))) if "tokens" in r else str(r.get("text"))
              for r in records]
    return SavedScore(str(metric), split or "test", counts, inputs)


def saved_difference(a: SavedScore, b: SavedScore) -> significance.Difference | None:
    """Paired range of a - b, when both runs were scored on the same texts with one metric."""
    if a.metric != b.metric or a.inputs != b.inputs:
        return None
    return significance.paired_difference(a.counts, b.counts)


# ----- whether two runs' scores can be compared at all --------------------------------------

# Settings of RunConfig.data that change what a run reads from its files (their words for the
# page: verdict.setting.<name> in the catalogue).
READ_SETTINGS = ("text_column", "text_pair_column", "text_join_column", "label_column",
                 "multi_label", "label_separator")
# Settings that decide which rows are held out for testing when no test file is given.
SPLIT_SETTINGS = ("split_column", "test_fraction", "validation_fraction")


@dataclass
class TrainedOn:
    """What a run learned from and was scored on, as far as its folder says."""

    name: str
    labels: list[str] | None        # None when the run kept no label list
    data: dict[str, Any]            # RunConfig.data
    hashes: dict[str, Any]          # file -> sha256, as saved at training time
    seed: Any
    held_out: tuple[str, list[str]] | None  # (split, its texts) from the saved predictions


def trained_on(run_dir: Any, name: str) -> TrainedOn:
    record = saved_record(run_dir)
    config = record.config
    evaluation = runs.read_eval(run_dir) or {}
    labels = record.labels or evaluation.get("labels")
    split = error_analysis.report_split(evaluation)
    records = error_analysis.load_records(run_dir, split) if split else []
    texts = [" ".join(map(str, r.get("tokens", []))) if "tokens" in r else str(r.get("text"))
             for r in records]
    data = config.get("data") if isinstance(config.get("data"), dict) else {}
    training = config.get("training") if isinstance(config.get("training"), dict) else {}
    hashes = record.data_hash
    return TrainedOn(name=name, labels=[str(x) for x in labels] if labels else None,
                     data=data, hashes=hashes, seed=training.get("seed"),
                     held_out=(split, texts) if records else None)


def _file_name(path: Any) -> str:
    if not path:
        return t("verdict.compare.none")
    return str(path).replace("\\", "/").rstrip("/").split("/")[-1]


def _listed(items: list[str], limit: int = 4) -> str:
    """'a', 'a and b', 'a, b and c', 'a, b, c, d and 3 more'."""
    shown = items[:limit] if len(items) > limit + 1 else items
    rest = len(items) - len(shown)
    if rest:
        return t("verdict.compare.more", shown=t("common.list.separator").join(shown),
                 count=str(rest))
    return join(shown)


def _same_file(a: TrainedOn, b: TrainedOn, part: str) -> bool:
    hash_a, hash_b = a.hashes.get(part), b.hashes.get(part)
    if hash_a and hash_b:
        return hash_a == hash_b  # the same content, even uploaded twice under two names
    return (a.data.get(part) or None) == (b.data.get(part) or None)


def _label_reason(a: TrainedOn, b: TrainedOn) -> str | None:
    if a.labels is None or b.labels is None or set(a.labels) == set(b.labels):
        return None
    only_a = sorted(set(a.labels) - set(b.labels))
    only_b = sorted(set(b.labels) - set(a.labels))
    sides = [t("verdict.compare.only", run=run.name, labels=_listed(only))
             for run, only in ((a, only_a), (b, only_b)) if only]
    both = sides[0] if len(sides) == 1 else t("verdict.compare.sides", first=sides[0],
                                                second=sides[1])
    return t("verdict.compare.labels", sides=both)


def _train_reason(a: TrainedOn, b: TrainedOn) -> str | None:
    if _same_file(a, b, "train"):
        return None
    name_a, name_b = _file_name(a.data.get("train")), _file_name(b.data.get("train"))
    if name_a == name_b:
        return t("verdict.compare.train_version", file=name_a)
    return t("verdict.compare.train_files", a=name_a, b=name_b)


def _read_reason(a: TrainedOn, b: TrainedOn) -> str | None:
    changed = [_changed(key, a.data.get(key), b.data.get(key)) for key in READ_SETTINGS
               if (a.data.get(key) or None) != (b.data.get(key) or None)]
    if not changed:
        return None
    return t("verdict.compare.read", changes=t("verdict.compare.separator").join(changed))


def _changed(setting: str, value_a: Any, value_b: Any) -> str:
    """"label column y and stars": a setting and its two values."""
    return t("verdict.compare.setting", setting=t(f"verdict.setting.{setting}"),
             a=_setting(value_a), b=_setting(value_b))


def _setting(value: Any) -> str:
    if value is None:
        return t("verdict.compare.guessed")
    return t("verdict.compare.none") if value == "" else str(value)


def _split_words(split: str) -> str:
    """'test' -> 'test' / '测试集'."""
    return t(f"verdict.compare.split_{split}") if split in ("test", "validation") else split


def _test_reason(a: TrainedOn, b: TrainedOn) -> str | None:
    if a.held_out and b.held_out:
        if a.held_out == b.held_out:
            return None
        split_a, split_b = a.held_out[0], b.held_out[0]
        if split_a != split_b:
            return t("verdict.compare.split_kinds", run_a=a.name, split_a=_split_words(split_a),
                     run_b=b.name, split_b=_split_words(split_b))
        return t("verdict.compare.held_out_texts", split=_split_words(split_a))
    # No saved predictions to look at: judge by where each run's test texts came from.
    if a.data.get("test") or b.data.get("test"):
        if _same_file(a, b, "test"):
            return None
        return t("verdict.compare.test_files", a=_file_name(a.data.get("test")),
                 b=_file_name(b.data.get("test")))
    changed = [_changed(key, a.data.get(key), b.data.get(key))
               for key in SPLIT_SETTINGS if a.data.get(key) != b.data.get(key)]
    if a.seed != b.seed and not a.data.get("split_column"):
        changed.append(_changed("seed", a.seed, b.seed))
    if not changed:
        return None
    return t("verdict.compare.held_out", changes=t("verdict.compare.separator").join(changed))


def comparability_reasons(a: TrainedOn, b: TrainedOn) -> list[str]:
    """Why the two runs' scores do not measure the same thing; [] when nothing says so."""
    reasons = [_label_reason(a, b), _train_reason(a, b), _read_reason(a, b)]
    # Test texts held out of two different training files differ as a matter of course.
    if reasons[1] is None or a.data.get("test") or b.data.get("test"):
        reasons.append(_test_reason(a, b))
    return [r for r in reasons if r]


def not_comparable_sentence(a: TrainedOn, b: TrainedOn) -> str | None:
    """One sentence saying that, and why, two runs' scores are not comparable; None when they
    are (as far as their folders tell)."""
    reasons = comparability_reasons(a, b)
    if not reasons:
        return None
    why = reasons[0] if len(reasons) == 1 else t(
        "verdict.compare.last", rest=t("verdict.compare.separator").join(reasons[:-1]),
        last=reasons[-1])
    return t("verdict.compare.not_comparable", name_a=a.name, name_b=b.name, why=why)
