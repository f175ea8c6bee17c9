"""`build_health_report`: what is wrong or surprising in the data, before an hour of training.

Each check returns findings with a one-sentence fix. Errors block training (nothing sensible
can be learned); warnings are worth a look; info describes the data.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from core.data.report import SEVERITIES, Finding, HealthReport
from core.data.splits import DatasetSplits
from core.data.tags import entity_types
from core.data.token_stats import token_stats
from core.data.wording import by_count, counted, number

IMBALANCE_WARNING = 10.0
RARE_CLASS = 5
UNK_WARNING = 0.05
TRUNCATION_WARNING = 0.05
SMALL_TRAIN = 50
MANY_LABELS = 20           # with at least this many labels...
LABELS_PER_EXAMPLE = 0.5   # ...and more labels than half the examples, nothing can be learned
MOSTLY_COPIES = 0.9        # this share of exact copies leaves too few examples to learn from
UNREADABLE = 0.9           # the model knows almost none of the characters


def build_health_report(splits: DatasetSplits, tokenizer=None,
                        max_length: int = 128) -> HealthReport:
    stats: dict = {"n_examples": {k: len(v.frame) for k, v in splits.parts().items()},
                   "max_length": max_length, "token_lengths": None, "truncated_share": None,
                   "unk_rate": None}
    findings = _notes(splits) + _dropped(splits) + _label_variants(splits)
    if splits.task == "token-classification":
        findings += _ner_checks(splits, stats)
    else:
        findings += _classification_checks(splits, stats)
    findings += _duplicates_and_overlap(splits)
    if tokenizer is not None:
        stats.update(token_stats(splits, tokenizer, max_length))
        findings += _token_findings(stats)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    return HealthReport(findings=findings, stats=stats)


def _text_key(frame: pd.DataFrame) -> pd.Series:
    if "tokens" in frame.columns:
        return frame["tokens"].map(" ".join)
    if "text_pair" in frame.columns:
        return frame["text"] + "\x1f" + frame["text_pair"]
    return frame["text"]


def _where(frame: pd.DataFrame, source: str, mask) -> list[str]:
    column = "line" if "line" in frame.columns else "row"
    return [f"{source} {column} {int(v)}" for v in frame.loc[mask, column].head(5)]


def _notes(splits: DatasetSplits) -> list[Finding]:
    parts = splits.parts().values()
    notes = [n for part in parts for n in part.frame.attrs.get("notes", [])] + splits.notes
    warnings = [w for part in parts for w in part.frame.attrs.get("warnings", [])]
    unique = {w["message"]: w for w in warnings}.values()
    return ([Finding("warning", "read_warning", "Check how the file was read", w["message"],
                     w["fix"]) for w in unique]
            + [Finding("info", "note", "Note", note, "") for note in dict.fromkeys(notes)])


def _dropped(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        dropped = part.frame.attrs.get("dropped") or {}
        if not dropped.get("count"):
            continue
        reasons = ", ".join(f"{number(n)} with an {r}" for r, n in dropped["by_reason"].items()
                            if n)
        findings.append(Finding(
            "warning", "missing_values", "Empty texts or labels",
            by_count(dropped["count"], "{n} row of {source} was left out ({reasons}).",
                     "{n} rows of {source} were left out ({reasons}).", source=part.source,
                     reasons=reasons),
            "Fill in the missing texts and labels, or delete those rows.",
            count=dropped["count"],
            examples=[f"{part.source} row {row}: {reason}"
                      for row, reason in dropped["examples"][:5]]))
    return findings


def _label_variants(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        variants = part.frame.attrs.get("label_variants") or []
        if not variants:
            continue
        rows = sum(v["rows"] for v in variants)
        findings.append(Finding(
            "warning", "label_variants", "Labels spelled in several ways",
            by_count(len(variants), "{n} label of {source} is written with different "
                     "upper/lower case or spaces; {read}.", "{n} labels of {source} are written "
                     "with different upper/lower case or spaces; {read}.", source=part.source,
                     read=by_count(rows, "{n} label was read as the most common spelling",
                                   "{n} labels were read as the most common spelling")),
            "Nothing to do if they mean the same; otherwise give them clearly different names.",
            count=rows, examples=[", ".join(repr(m) for m in v["merged"]) + f" -> {v['into']!r}"
                                  for v in variants[:5]]))
    return findings


# ---- classification ------------------------------------------------------------------------

def _classification_checks(splits: DatasetSplits, stats: dict) -> list[Finding]:
    train = splits.train.frame
    counts = Counter(label for labels in train["labels"] for label in labels)
    stats["class_counts"] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    stats["imbalance_ratio"] = (round(max(counts.values()) / min(counts.values()), 2)
                                if counts else None)
    if splits.multi_label:
        stats["label_cardinality"] = round(float(train["labels"].map(len).mean()), 3)
    findings = _class_count_findings(splits, counts)
    findings += _unseen_labels(splits, set(counts))
    if splits.multi_label:
        empty = int((train["labels"].map(len) == 0).sum())
        if empty:
            findings.append(Finding(
                "info", "no_label_rows", "Texts without any label",
                by_count(empty, "{n} training text ({share:.0%}) has none of the labels.",
                         "{n} training texts ({share:.0%}) have none of the labels.",
                         share=empty / len(train)),
                "Nothing to do if that is intended; the model learns to predict no label for them.",
                count=empty))
    else:
        findings += _conflicts(splits)
    return findings


def _class_count_findings(splits: DatasetSplits, counts: Counter) -> list[Finding]:
    n = len(splits.train.frame)
    findings = []
    if len(counts) < (1 if splits.multi_label else 2):
        only = f" (all are '{next(iter(counts))}')" if counts else ""
        findings.append(Finding(
            "error", "single_class", "Only one class",
            by_count(n, "The only training example of {source} has one label{only}; a model "
                     "needs at least two classes to learn to tell them apart.",
                     "All {n} training examples of {source} have the same label{only}; a model "
                     "needs at least two classes to learn to tell them apart.",
                     source=splits.train.source, only=only),
            "Add examples of the other classes, or check that the right label column is chosen.",
            count=len(counts)))
        return findings
    if len(counts) >= MANY_LABELS and len(counts) > LABELS_PER_EXAMPLE * n:
        once = sum(1 for v in counts.values() if v == 1)
        findings.append(Finding(
            "error", "too_many_labels", "Almost every example has its own label",
            f"{splits.train.source} has {number(len(counts))} different labels among "
            f"{number(n)} training examples ("
            + by_count(once, "{n} label occurs only once", "{n} labels occur only once")
            + "), so there is no pattern per label to learn.",
            "Check that the label column is right (it looks like an id or a text column), or "
            "group the labels into fewer classes with several examples each.",
            count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common(5)]))
        return findings
    ratio = max(counts.values()) / min(counts.values())
    if ratio > IMBALANCE_WARNING:
        big, small = counts.most_common()[0], counts.most_common()[-1]
        findings.append(Finding(
            "warning", "imbalance", "Imbalanced classes",
            f"The largest class '{big[0]}' has {ratio:.0f} times more examples ({big[1]}) than "
            f"the smallest '{small[0]}' ({small[1]}).",
            "Add examples of the small classes; class weighting is turned on automatically.",
            count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common()[-5:]]))
    rare = sorted((k for k, v in counts.items() if v < RARE_CLASS), key=lambda k: counts[k])
    if rare:
        findings.append(Finding(
            "warning", "rare_classes", "Classes with very few examples",
            by_count(len(rare), "{n} class has fewer than {rare} training examples, too few to "
                     "learn or to test reliably.", "{n} classes have fewer than {rare} training "
                     "examples, too few to learn or to test reliably.", rare=RARE_CLASS),
            "Add examples of these classes, or merge them into a related class.",
            count=len(rare), examples=[f"{k}: {counts[k]}" for k in rare[:5]]))
    findings.append(Finding(
        "info", "class_counts", "Classes",
        f"{number(len(counts))} classes; the training set has {number(n)} examples"
        + (f", imbalance ratio {ratio:.1f}." if len(counts) > 1 else "."), "",
        count=len(counts), examples=[f"{k}: {v}" for k, v in counts.most_common(5)]))
    if n < SMALL_TRAIN:
        findings.append(Finding(
            "warning", "small_dataset", "Very little data",
            f"Only {number(n)} training examples; scores on so few examples vary a lot from run "
            f"to run.",
            "Add more labeled examples: a few dozen per class at the very least.", count=n))
    return findings


def _unseen_labels(splits: DatasetSplits, train_labels: set[str]) -> list[Finding]:
    findings = []
    for name, part in splits.parts().items():
        if name == "train":
            continue
        if splits.task == "token-classification":
            found = set(entity_types(part.frame["tags"]))
        else:
            found = {label for labels in part.frame["labels"] for label in labels}
        unseen = sorted(found - train_labels)
        if unseen:
            findings.append(Finding(
                "warning", "unseen_labels", f"Labels missing from training ({name})",
                by_count(len(unseen), "{n} label of the {name} set never occurs in the "
                         "training set, so the model cannot predict it.", "{n} labels of the "
                         "{name} set never occur in the training set, so the model cannot "
                         "predict them.", name=name),
                "Add training examples with these labels.", count=len(unseen),
                examples=unseen[:5]))
    return findings


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
        "warning", "conflicting_labels", "Same text, different labels",
        by_count(len(conflicting), "{n} text appears more than once in {source} with "
                 "different labels.", "{n} texts appear more than once in {source} with "
                 "different labels.", source=splits.train.source),
        "Decide on one label for each of these texts and correct the others.",
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
            "error", "mostly_duplicates", "Nearly every row is a copy",
            f"{number(duplicated.sum())} of {number(len(train))} training examples of "
            f"{splits.train.source} are copies of earlier rows; "
            + by_count(distinct, "only {n} is different.", "only {n} are different."),
            "Remove the copies and add more distinct examples: a model trained and scored on "
            "copies only learns them by heart.", count=int(duplicated.sum()),
            examples=_where(train, splits.train.source, duplicated)))
    elif duplicated.any():
        n = int(duplicated.sum())
        findings.append(Finding(
            "warning", "duplicates", "Exact duplicates",
            by_count(n, "{n} training example of {source} is an exact copy of an earlier one.",
                     "{n} training examples of {source} are exact copies of an earlier one.",
                     source=splits.train.source),
            "Remove the copies unless they are meant to weigh more.", count=n,
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
                "warning", "split_overlap", f"Training texts also in the {name} set",
                by_count(n, "{n} of {total} {name} examples ({share:.0%}) also appears in the "
                         "training set, which makes {name} scores look better than they are.",
                         "{n} of {total} {name} examples ({share:.0%}) also appear in the "
                         "training set, which makes {name} scores look better than they are.",
                         total=number(len(part.frame)), name=name, share=n / len(part.frame)),
                f"Remove these texts from the {name} set or from the training set.", count=n,
                examples=_where(part.frame, part.source, shared)))
    return findings


def _token_findings(stats: dict) -> list[Finding]:
    findings = []
    unk = stats["unk_rate"]
    if unk >= UNREADABLE:
        # A warning, not an error: the Data page comes before the model is chosen, and
        # another model (multilingual, or one that knows emoji) may read these texts well.
        findings.append(Finding(
            "warning", "unknown_tokens", "The model cannot read your texts",
            f"The model does not know {unk:.0%} of the characters/words in your texts (emoji, "
            f"or a script it was not trained on), so it would see them all as the same.",
            "Choose a model that knows these characters, such as a multilingual one.",
            count=round(unk * 100)))
    elif unk > UNK_WARNING:
        findings.append(Finding(
            "warning", "unknown_tokens", "The model does not know your characters",
            f"The model does not know {unk:.0%} of the characters/words in your texts "
            f"(e.g. Chinese text with an English model).",
            "Choose a model for your language.", count=round(unk * 100)))
    lengths, share = stats["token_lengths"], stats["truncated_share"]
    if share > TRUNCATION_WARNING:
        findings.append(Finding(
            "warning", "truncation", "Long texts will be cut",
            f"{share:.0%} of training texts are longer than max length {stats['max_length']} "
            f"tokens (95% fit in {lengths['p95']} tokens); their ends are ignored.",
            _truncation_fix(lengths["p95"], stats.get("model_max_length"),
                            stats["max_length"]),
            count=round(share * stats["sampled"])))
    findings.append(Finding(
        "info", "token_lengths", "Text length in tokens",
        f"Median {counted(lengths['p50'], 'token', 'tokens')}, 95% within {lengths['p95']}, "
        f"longest {lengths['max']}; "
        f"{share:.1%} are cut at max length {stats['max_length']}.", ""))
    return findings


def _truncation_fix(p95: int, model_max: int | None, current: int) -> str:
    """Advice that never goes past what the model can read."""
    if model_max and p95 > model_max:
        if current >= model_max:
            return (f"This model reads at most {model_max} tokens, so longer texts are cut; "
                    f"split long texts into parts to keep their ends, or accept the cut.")
        return (f"Raise max length to {model_max}, the most this model reads; texts longer than "
                f"that are still cut (split long texts into parts to keep their ends).")
    return f"Raise max length to about {p95}, or accept that long texts are cut."


# ---- entity recognition --------------------------------------------------------------------

def _ner_checks(splits: DatasetSplits, stats: dict) -> list[Finding]:
    train = splits.train.frame
    counts = entity_types(train["tags"])
    stats["entity_counts"] = counts
    findings: list[Finding] = []
    n = len(train)
    if not counts:
        findings.append(Finding(
            "error", "no_entities", "No entities",
            by_count(n, "The only training sentence of {source} has no entity tag; the model "
                     "would only learn to tag every word O.", "None of the {n} training "
                     "sentences of {source} has an entity tag; the model would only learn to "
                     "tag every word O.", source=splits.train.source),
            "Check that the tags are in the last column, or add tagged entities."))
        return findings
    without = int(train["tags"].map(lambda t: all(x == "O" for x in t)).sum())
    stats["sentences_without_entities"] = round(without / n, 4)
    findings.append(Finding(
        "info", "entity_counts", "Entities",
        f"{counted(sum(counts.values()), 'entity', 'entities')} of "
        f"{counted(len(counts), 'type', 'types')} in "
        f"{counted(n, 'training sentence', 'training sentences')}; "
        f"{without / n:.0%} of the sentences have no entity.", "",
        count=len(counts), examples=[f"{k}: {v}" for k, v in
                                     sorted(counts.items(), key=lambda kv: -kv[1])[:5]]))
    rare = sorted((k for k, v in counts.items() if v < RARE_CLASS), key=lambda k: counts[k])
    if rare:
        findings.append(Finding(
            "warning", "rare_classes", "Entity types with very few examples",
            by_count(len(rare), "{n} entity type occurs fewer than {rare} times in training, "
                     "too few to learn.", "{n} entity types occur fewer than {rare} times in "
                     "training, too few to learn.", rare=RARE_CLASS),
            "Tag more examples of these types, or merge them with others.",
            count=len(rare), examples=[f"{k}: {counts[k]}" for k in rare[:5]]))
    findings += _unseen_labels(splits, set(counts))
    findings += _repairs(splits) + _span_findings(splits)
    return findings


def _repairs(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        info = part.frame.attrs.get("bio_repairs") or {}
        if info.get("scheme") not in (None, "BIO"):
            findings.append(Finding(
                "info", "tag_scheme", "Tags converted to BIO",
                f"{part.source} uses {info['scheme']} tags; they were converted to BIO.", ""))
        if info.get("count"):
            findings.append(Finding(
                "warning", "bio_repairs", "Broken entity tags repaired",
                by_count(info["count"], "{n} I- tag in {source} does not continue an entity of "
                         "the same type; it was read as the start of a new entity (B-).",
                         "{n} I- tags in {source} do not continue an entity of the same type; "
                         "each was read as the start of a new entity (B-).",
                         source=part.source),
                "Check the tags at those lines; an entity must start with B-.",
                count=info["count"],
                examples=[f"{part.source} sentence at line {line}" for line in info["lines"][:5]]))
        if info.get("untyped"):
            findings.append(Finding(
                "warning", "untyped_tags", "Entity tags without a type",
                by_count(info["untyped"], "{n} tag in {source} is a prefix with no entity type "
                         "(such as 'B-'); it was read as O, outside any entity.",
                         "{n} tags in {source} are a prefix with no entity type (such as "
                         "'B-'); they were read as O, outside any entity.", source=part.source),
                "Add the entity type after the prefix (for example B-PER), or tag the word O.",
                count=info["untyped"],
                examples=[f"{part.source} sentence at line {line}"
                          for line in info["untyped_lines"][:5]]))
    return findings


def _span_findings(splits: DatasetSplits) -> list[Finding]:
    findings = []
    for part in splits.parts().values():
        spans = part.frame.attrs.get("spans") or {}
        if spans.get("unannotated"):
            findings.append(Finding(
                "warning", "unannotated_tasks", "Tasks without annotations",
                by_count(spans["unannotated"], "{n} task of {source} has no annotation and was "
                         "left out.", "{n} tasks of {source} have no annotation and were left "
                         "out.", source=part.source),
                "Annotate them in the labeling tool, or ignore this if it is intended.",
                count=spans["unannotated"]))
        bad = spans.get("misaligned", 0) + spans.get("empty", 0)
        if bad:
            findings.append(Finding(
                "warning", "span_boundaries", "Spans that do not match word boundaries",
                by_count(bad, "{n} span of {source} cuts through a word or covers no word; "
                         "whole words were tagged instead.", "{n} spans of {source} cut through "
                         "a word or cover no word; whole words were tagged instead.",
                         source=part.source),
                "Make spans start and end at word boundaries in the labeling tool.", count=bad,
                examples=spans.get("examples", [])[:5]))
    return findings
