"""`build_health_report`: what is wrong or surprising in the data, before an hour of training.

Each check returns findings with a one-sentence fix. Errors block training (nothing sensible
can be learned); warnings are worth a look; info describes the data. Common checks run on
every task (duplicates and overlap where examples are texts, the unknown-token rate); each task
adds its groups (`health_checks`): labels, entities, or answers (core.data.qa_health, judged on
the answers as the file wrote them, with windows per context in stats["windows"]).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import pandas as pd

from core.data.qa_health import (
    DEFAULT_MAX_ANSWER_TOKENS,
    check_answers,
    leak_findings,
    qa_findings,
    window_stats,
)
from core.data.report import SEVERITIES, Finding, HealthReport
from core.data.splits import DatasetSplits
from core.data.tags import entity_types
from core.data.token_stats import token_stats
from core.tasks import task_kind
from core.tasks.question_answering import default_stride
from core.text import Text, t

IMBALANCE_WARNING = 10.0
RARE_CLASS = 5
UNK_WARNING = 0.05
TRUNCATION_WARNING = 0.05
SMALL_TRAIN = 50
MANY_LABELS = 20           # with at least this many labels...
LABELS_PER_EXAMPLE = 0.5   # ...and more labels than half the examples, nothing can be learned
MOSTLY_COPIES = 0.9        # this share of exact copies leaves too few examples to learn from
UNREADABLE = 0.9           # the model knows almost none of the characters


def build_health_report(splits: DatasetSplits, tokenizer=None, max_length: int = 128,
                        stride: int | None = None,
                        max_answer_length: int = DEFAULT_MAX_ANSWER_TOKENS) -> HealthReport:
    """The findings and statistics of every part. `stride` (default: the task's for
    `max_length`) and `max_answer_length` (tokens) matter to answer spans only."""
    stats: dict = {"n_examples": {k: len(v.frame) for k, v in splits.parts().items()},
                   "max_length": max_length, "token_lengths": None, "truncated_share": None,
                   "unk_rate": None}
    if stride is not None:
        stats["stride"] = stride
    stats["max_answer_length"] = max_answer_length
    findings = _notes(splits) + _dropped(splits) + _label_variants(splits)
    for group in task_kind(splits.task).health_checks:
        findings += _TASK_CHECKS[group](splits, stats, tokenizer)
    if _text_key(splits.train.frame) is not None:  # answer spans check their own copies
        findings += _duplicates_and_overlap(splits)
    if tokenizer is not None:
        stats.update(token_stats(splits, tokenizer, max_length))
        findings += _unknown_findings(stats)
        if "windows" not in stats:  # long contexts are cut into windows, not truncated
            findings += _length_findings(stats)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    return HealthReport(findings=findings, stats=stats)


def _text_key(frame: pd.DataFrame) -> pd.Series | None:
    """What makes two examples the same text; None for a frame without texts (questions)."""
    if "tokens" in frame.columns:
        return frame["tokens"].map(" ".join)
    if "text" not in frame.columns:
        return None
    if "text_pair" in frame.columns:
        return frame["text"] + "\x1f" + frame["text_pair"]
    return frame["text"]


def _percent(share: float, decimals: int) -> str:
    """A share as a percentage, rounded as Python's '%' format rounds (0.25 -> '25%')."""
    return t("common.format.percent", value=format(share, f".{decimals}%")[:-1])


def _where(frame: pd.DataFrame, source: str, mask) -> list[str]:
    column = "line" if "line" in frame.columns else "row"
    return [t(f"health.where.{column}", source=source, number=str(int(v)))
            for v in frame.loc[mask, column].head(5)]


def _notes(splits: DatasetSplits) -> list[Finding]:
    """The readers' warnings and notes as findings, written in the current language: a warning
    keeps its sentences as `Text` ("text", "fix_text"), so a file read in one language reads
    in another after a switch; one that has only the sentences it was read with keeps them."""
    parts = splits.parts().values()
    notes = [str(n) for part in parts for n in part.frame.attrs.get("notes", [])] + \
        [str(n) for n in splits.notes]
    warnings = [w for part in parts for w in part.frame.attrs.get("warnings", [])]
    unique = {_warning_key(w): w for w in warnings}.values()
    return ([Finding("warning", "read_warning", t("health.read_warning.title"),
                     _written(w, "text", "message"), _written(w, "fix_text", "fix"))
             for w in unique]
            + [Finding("info", "note", t("health.note.title"), note, "")
               for note in dict.fromkeys(notes)])


def _written(warning: dict, coded: str, plain: str) -> str:
    """A read warning's sentence now: its Text rendered, else the words it was read with."""
    text = warning.get(coded)
    return text.render() if isinstance(text, Text) else str(warning.get(plain) or "")


def _warning_key(warning: dict) -> tuple:
    """What makes two read warnings the same: the catalogue key and parameters of the message
    (the same warning read in two languages is one), else the sentence itself."""
    text = warning.get("text")
    if not isinstance(text, Text):
        return ("", str(warning.get("message") or ""))
    # repr: a nested Text or list of names compares by its keys, never by a rendering
    return (text.key, tuple(sorted((name, repr(value)) for name, value in text.params.items())))


def _dropped(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        dropped = part.frame.attrs.get("dropped") or {}
        if not dropped.get("count"):
            continue
        reasons = t("health.missing_values.reason_separator").join(
            t("health.missing_values.reason", count=n, reason=_reason(r))
            for r, n in dropped["by_reason"].items() if n)
        findings.append(Finding(
            "warning", "missing_values", t("health.missing_values.title"),
            t("health.missing_values.message", count=dropped["count"], source=part.source,
              reasons=reasons),
            t("health.missing_values.fix"),
            count=dropped["count"],
            examples=[t("health.missing_values.example", source=part.source, row=row,
                        reason=_reason(reason))
                      for row, reason in dropped["examples"][:5]]))
    return findings


def _reason(reason: str) -> str:
    """'empty text' / 'empty label' (the reasons examples.py records) in the current language."""
    key = "health.missing_values." + reason.replace(" ", "_")
    return t(key) if reason in ("empty text", "empty label") else reason


def _label_variants(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        variants = part.frame.attrs.get("label_variants") or []
        if not variants:
            continue
        rows = sum(v["rows"] for v in variants)
        findings.append(Finding(
            "warning", "label_variants", t("health.label_variants.title"),
            t("health.label_variants.message", count=len(variants), source=part.source,
              read=t("health.label_variants.read", count=rows)),
            t("health.label_variants.fix"),
            count=rows, examples=[", ".join(repr(m) for m in v["merged"]) + f" -> {v['into']!r}"
                                  for v in variants[:5]]))
    return findings


# ---- classification ------------------------------------------------------------------------

def _classification_checks(splits: DatasetSplits, stats: dict, tokenizer=None
                           ) -> list[Finding]:
    train = splits.train.frame
    counts = Counter(label for labels in train["labels"] for label in labels)
    stats["class_counts"] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    stats["imbalance_ratio"] = (round(max(counts.values()) / min(counts.values()), 2)
                                if counts else None)
    if splits.multi_label:
        stats["label_cardinality"] = round(float(train["labels"].map(len).mean()), 3)
    findings = _class_count_findings(splits, counts)
    findings += _unseen_labels(splits, set(counts), _label_names)
    if splits.multi_label:
        empty = int((train["labels"].map(len) == 0).sum())
        if empty:
            findings.append(Finding(
                "info", "no_label_rows", t("health.no_label_rows.title"),
                t("health.no_label_rows.message", count=empty,
                  share=_percent(empty / len(train), 0)),
                t("health.no_label_rows.fix"),
                count=empty))
    else:
        findings += _conflicts(splits)
    return findings


def _class_count_findings(splits: DatasetSplits, counts: Counter) -> list[Finding]:
    n = len(splits.train.frame)
    findings = []
    if len(counts) < (1 if splits.multi_label else 2):
        key = "health.single_class.message_named" if counts else "health.single_class.message"
        findings.append(Finding(
            "error", "single_class", t("health.single_class.title"),
            t(key, count=n, source=splits.train.source,
              label=next(iter(counts)) if counts else ""),
            t("health.single_class.fix"),
            count=len(counts)))
        return findings
    if len(counts) >= MANY_LABELS and len(counts) > LABELS_PER_EXAMPLE * n:
        once = sum(1 for v in counts.values() if v == 1)
        findings.append(Finding(
            "error", "too_many_labels", t("health.too_many_labels.title"),
            t("health.too_many_labels.message", source=splits.train.source, labels=len(counts),
              total=n, once=t("health.too_many_labels.once", count=once)),
            t("health.too_many_labels.fix"),
            count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common(5)]))
        return findings
    ratio = max(counts.values()) / min(counts.values())
    if ratio > IMBALANCE_WARNING:
        big, small = counts.most_common()[0], counts.most_common()[-1]
        findings.append(Finding(
            "warning", "imbalance", t("health.imbalance.title"),
            t("health.imbalance.message", big=big[0], ratio=f"{ratio:.0f}", big_count=str(big[1]),
              small=small[0], small_count=str(small[1])),
            t("health.imbalance.fix"),
            count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common()[-5:]]))
    rare = sorted((k for k, v in counts.items() if v < RARE_CLASS), key=lambda k: counts[k])
    if rare:
        findings.append(Finding(
            "warning", "rare_classes", t("health.rare_classes.title"),
            t("health.rare_classes.message", count=len(rare), rare=RARE_CLASS),
            t("health.rare_classes.fix"),
            count=len(rare), examples=[f"{k}: {counts[k]}" for k in rare[:5]]))
    findings.append(Finding(
        "info", "class_counts", t("health.class_counts.title"),
        t("health.class_counts.message_ratio", classes=len(counts), count=n,
          ratio=f"{ratio:.1f}") if len(counts) > 1
        else t("health.class_counts.message", classes=len(counts), count=n), "",
        count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common(5)]))
    if n < SMALL_TRAIN:
        findings.append(Finding(
            "warning", "small_dataset", t("health.small_dataset.title"),
            t("health.small_dataset.message", count=n),
            t("health.small_dataset.fix"), count=n))
    return findings


def _label_names(frame: pd.DataFrame) -> set[str]:
    return {label for labels in frame["labels"] for label in labels}


def _entity_names(frame: pd.DataFrame) -> set[str]:
    return set(entity_types(frame["tags"]))


def _unseen_labels(splits: DatasetSplits, train_labels: set[str],
                   names: Callable[[pd.DataFrame], set[str]]) -> list[Finding]:
    """Labels (or entity types, as `names` finds them) of validation and test not in train."""
    findings = []
    for name, part in splits.parts().items():
        if name == "train":
            continue
        found = names(part.frame)
        unseen = sorted(found - train_labels)
        if unseen:
            findings.append(Finding(
                "warning", "unseen_labels", t("health.unseen_labels.title", name=_part(name)),
                t("health.unseen_labels.message", count=len(unseen), name=_part(name)),
                t("health.unseen_labels.fix"), count=len(unseen),
                examples=unseen[:5]))
    return findings


def _part(name: str) -> str:
    """'validation' / 'test' as the current language names the part (English: unchanged)."""
    return t(f"health.part.{name}") if name in ("train", "validation", "test") else name


def _conflicts(splits: DatasetSplits) -> list[Finding]:
    frame = splits.train.frame
    keys = pd.DataFrame({"text": _text_key(frame), "label": frame["labels"].map("\x1f".join)})
    per_text = keys.groupby("text", sort=False)["label"].nunique()
    conflicting = per_text[per_text > 1]
    if conflicting.empty:
        return []
    examples = []
    for text in conflicting.index[:5]:
        labels = sorted(set(keys.loc[keys["text"] == text, "label"]))
        examples.append(f"{text[:60]!r}: {', '.join(labels)}")
    return [Finding(
        "warning", "conflicting_labels", t("health.conflicting_labels.title"),
        t("health.conflicting_labels.message", count=len(conflicting),
          source=splits.train.source),
        t("health.conflicting_labels.fix"),
        count=len(conflicting), examples=examples)]


# ---- both tasks ----------------------------------------------------------------------------

def _duplicates_and_overlap(splits: DatasetSplits) -> list[Finding]:
    findings = []
    train = splits.train.frame
    label_key = train["tags"].map(" ".join) if "tags" in train.columns else \
        train["labels"].map("\x1f".join)
    key = _text_key(train) + "\x1e" + label_key
    duplicated = key.duplicated()
    if len(train) >= 10 and duplicated.mean() >= MOSTLY_COPIES:
        distinct = int((~duplicated).sum())
        findings.append(Finding(
            "error", "mostly_duplicates", t("health.mostly_duplicates.title"),
            t("health.mostly_duplicates.message", copies=int(duplicated.sum()), total=len(train),
              source=splits.train.source,
              distinct=t("health.mostly_duplicates.distinct", count=distinct)),
            t("health.mostly_duplicates.fix"), count=int(duplicated.sum()),
            examples=_where(train, splits.train.source, duplicated)))
    elif duplicated.any():
        n = int(duplicated.sum())
        findings.append(Finding(
            "warning", "duplicates", t("health.duplicates.title"),
            t("health.duplicates.message", count=n, source=splits.train.source),
            t("health.duplicates.fix"), count=n,
            examples=_where(train, splits.train.source, duplicated)))
    train_texts = set(_text_key(train).tolist())
    for name, part in splits.parts().items():
        if name == "train":
            continue
        # Plain set lookups: Series.isin is slow on pandas' arrow-backed strings.
        shared = pd.Series([t in train_texts for t in _text_key(part.frame).tolist()],
                           index=part.frame.index, dtype=bool)
        if shared.any():
            n = int(shared.sum())
            findings.append(Finding(
                "warning", "split_overlap", t("health.split_overlap.title", name=_part(name)),
                t("health.split_overlap.message", count=n, total=len(part.frame),
                  name=_part(name), share=_percent(n / len(part.frame), 0)),
                t("health.split_overlap.fix", name=_part(name)), count=n,
                examples=_where(part.frame, part.source, shared)))
    return findings


def _unknown_findings(stats: dict) -> list[Finding]:
    findings = []
    unk = stats["unk_rate"]
    if unk >= UNREADABLE:
        # A warning, not an error: the Data page comes before the model is chosen, and
        # another model (multilingual, or one that knows emoji) may read these texts well.
        findings.append(Finding(
            "warning", "unknown_tokens", t("health.unknown_tokens.unreadable_title"),
            t("health.unknown_tokens.unreadable", share=_percent(unk, 0)),
            t("health.unknown_tokens.unreadable_fix"),
            count=round(unk * 100)))
    elif unk > UNK_WARNING:
        findings.append(Finding(
            "warning", "unknown_tokens", t("health.unknown_tokens.title"),
            t("health.unknown_tokens.message", share=_percent(unk, 0)),
            t("health.unknown_tokens.fix"), count=round(unk * 100)))
    return findings


def _length_findings(stats: dict) -> list[Finding]:
    findings = []
    lengths, share = stats["token_lengths"], stats["truncated_share"]
    if share > TRUNCATION_WARNING:
        findings.append(Finding(
            "warning", "truncation", t("health.truncation.title"),
            t("health.truncation.message", share=_percent(share, 0),
              max_length=str(stats["max_length"]), p95=str(lengths["p95"])),
            _truncation_fix(lengths["p95"], stats.get("model_max_length"),
                            stats["max_length"]),
            count=round(share * stats["sampled"])))
    findings.append(Finding(
        "info", "token_lengths", t("health.token_lengths.title"),
        t("health.token_lengths.message", count=_whole(lengths["p50"]), p95=str(lengths["p95"]),
          longest=str(lengths["max"]), share=_percent(share, 1),
          max_length=str(stats["max_length"])), ""))
    return findings


def _whole(value: float) -> int:
    """A count rounded half up, as counts are written (4.5 tokens -> 5)."""
    return math.floor(value + 0.5)


def _truncation_fix(p95: int, model_max: int | None, current: int) -> str:
    """Advice that never goes past what the model can read."""
    if model_max and p95 > model_max:
        if current >= model_max:
            return t("health.truncation.fix_model_limit", model_max=str(model_max))
        return t("health.truncation.fix_raise_to_limit", model_max=str(model_max))
    return t("health.truncation.fix", p95=str(p95))


# ---- entity recognition --------------------------------------------------------------------

def _ner_checks(splits: DatasetSplits, stats: dict, tokenizer=None) -> list[Finding]:
    train = splits.train.frame
    counts = entity_types(train["tags"])
    stats["entity_counts"] = counts
    findings: list[Finding] = []
    n = len(train)
    if not counts:
        findings.append(Finding(
            "error", "no_entities", t("health.no_entities.title"),
            t("health.no_entities.message", count=n, source=splits.train.source),
            t("health.no_entities.fix")))
        return findings
    without = int(train["tags"].map(lambda t: all(x == "O" for x in t)).sum())
    stats["sentences_without_entities"] = round(without / n, 4)
    findings.append(Finding(
        "info", "entity_counts", t("health.entity_counts.title"),
        t("health.entity_counts.message",
          entities=t("health.entity_counts.entities", count=sum(counts.values())),
          types=t("health.entity_counts.types", count=len(counts)),
          sentences=t("health.entity_counts.sentences", count=n),
          share=_percent(without / n, 0)), "",
        count=len(counts), examples=[f"{k}: {v}" for k, v in
                                     sorted(counts.items(), key=lambda kv: -kv[1])[:5]]))
    rare = sorted((k for k, v in counts.items() if v < RARE_CLASS), key=lambda k: counts[k])
    if rare:
        findings.append(Finding(
            "warning", "rare_classes", t("health.rare_entities.title"),
            t("health.rare_entities.message", count=len(rare), rare=RARE_CLASS),
            t("health.rare_entities.fix"),
            count=len(rare), examples=[f"{k}: {counts[k]}" for k in rare[:5]]))
    findings += _unseen_labels(splits, set(counts), _entity_names)
    findings += _repairs(splits) + _span_findings(splits)
    return findings


def _repairs(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        info = part.frame.attrs.get("bio_repairs") or {}
        if info.get("scheme") not in (None, "BIO"):
            findings.append(Finding(
                "info", "tag_scheme", t("health.tag_scheme.title"),
                t("health.tag_scheme.message", source=part.source, scheme=info["scheme"]), ""))
        if info.get("count"):
            findings.append(Finding(
                "warning", "bio_repairs", t("health.bio_repairs.title"),
                t("health.bio_repairs.message", count=info["count"], source=part.source),
                t("health.bio_repairs.fix"),
                count=info["count"],
                examples=[t("health.sentence_at_line", source=part.source, line=str(line))
                          for line in info["lines"][:5]]))
        if info.get("untyped"):
            findings.append(Finding(
                "warning", "untyped_tags", t("health.untyped_tags.title"),
                t("health.untyped_tags.message", count=info["untyped"], source=part.source),
                t("health.untyped_tags.fix"),
                count=info["untyped"],
                examples=[t("health.sentence_at_line", source=part.source, line=str(line))
                          for line in info["untyped_lines"][:5]]))
    return findings


def _span_findings(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        spans = part.frame.attrs.get("spans") or {}
        if spans.get("unannotated"):
            findings.append(Finding(
                "warning", "unannotated_tasks", t("health.unannotated_tasks.title"),
                t("health.unannotated_tasks.message", count=spans["unannotated"],
                  source=part.source),
                t("health.unannotated_tasks.fix"),
                count=spans["unannotated"]))
        bad = spans.get("misaligned", 0) + spans.get("empty", 0)
        if bad:
            findings.append(Finding(
                "warning", "span_boundaries", t("health.span_boundaries.title"),
                t("health.span_boundaries.message", count=bad, source=part.source),
                t("health.span_boundaries.fix"), count=bad,
                examples=spans.get("examples", [])[:5]))
    return findings


# ---- answer spans --------------------------------------------------------------------------

def _answer_checks(splits: DatasetSplits, stats: dict, tokenizer=None) -> list[Finding]:
    """qa_findings of every part as its file was read (before answer starts were repaired),
    the repairs made, the paragraphs shared between parts; stats "answers" (counts over all
    parts) and, with a tokenizer, "windows" (core.data.qa_health.window_stats of train)."""
    max_length = stats["max_length"]
    stride = stats.get("stride")
    stride = default_stride(max_length) if stride is None else stride
    parts = splits.parts()
    read = {(part.source, row): answers for part in parts.values()
            for row, answers in (part.frame.attrs.get("read_answers") or {}).items()}
    findings: list[Finding] = []
    counts: Counter = Counter()
    for name, part in parts.items():
        frame = _as_read(part.frame, part.source, read)
        findings += qa_findings(frame, _named_part(splits, name), tokenizer, max_length,
                                stride, stats["max_answer_length"])
        findings += _file_findings(part.frame.attrs, part.source)
        counts.update(_answer_counts(frame))
    findings += leak_findings({name: part.frame for name, part in parts.items()})
    stats["answers"] = dict(counts)
    if tokenizer is not None:
        stats["windows"] = window_stats(splits.train.frame, tokenizer, max_length, stride)
    return findings


def _named_part(splits: DatasetSplits, name: str) -> str:
    """A part's file, with the part's name where it was held out of the training file."""
    part = splits.parts()[name]
    if name == "train" or part.source != splits.train.source:
        return part.source
    return t("health.part.of_file", source=part.source, part=_part(name))


def _as_read(frame: pd.DataFrame, source: str, read: dict) -> pd.DataFrame:
    """The frame with the answers its file wrote back in the rows whose starts were moved."""
    if not read or "row" not in frame.columns:
        return frame
    restored = [read.get((source, int(row)), answers)
                for row, answers in zip(frame["row"], frame["answers"])]
    out = frame.copy()
    out["answers"] = restored
    return out


def _answer_counts(frame: pd.DataFrame) -> dict:
    check = check_answers(frame)
    counts = {name: getattr(check, name) for name in (
        "questions", "answers", "not_in_context", "misplaced", "repairable", "negative_start",
        "no_valid_answer", "unanswerable")}
    counts["repaired"] = int(frame.attrs.get("repaired") or 0)
    return counts


def _file_findings(attrs: dict, source: str) -> list[Finding]:
    """What the reader did to a file: answer starts moved, Label Studio tasks left out."""
    findings = []
    if attrs.get("repaired"):
        count = int(attrs["repaired"])
        findings.append(Finding("info", "answers_repaired", t("qa.repaired.title"),
                                t("qa.repaired.message", count=count, source=source),
                                t("qa.repaired.fix"), count=count))
    if attrs.get("unannotated"):
        count = int(attrs["unannotated"])
        findings.append(Finding(
            "warning", "unannotated_tasks", t("health.unannotated_tasks.title"),
            t("health.unannotated_tasks.message", count=count, source=source),
            t("health.unannotated_tasks.fix"), count=count))
    return findings


# The check groups a task adds (core.tasks: `health_checks`).
_TASK_CHECKS: dict[str, Callable[..., list[Finding]]] = {
    "labels": _classification_checks, "entities": _ner_checks, "answers": _answer_checks}
