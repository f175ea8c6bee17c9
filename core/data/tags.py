"""Tag schemes (IOB1, IOB2/BIO, IOBES/BILOU, plain types) normalised to BIO.

Everything downstream (label list, alignment, seqeval) assumes BIO, so the scheme is decided
once here for the whole file. IOB1 is told apart from BIO-with-mistakes by how entities start:
in IOB1 most entities start with I-, in BIO almost all start with B-, and the few that do not are
repairs we count and report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PREFIXED = re.compile(r"^([BIESLU])[-_](.+)$", re.IGNORECASE)
# "B-" with no type after it: a labeling tool lost the type. Read as O (and reported), since
# an entity type named "B-" would only add the labels B-B- and I-B- to learn.
_UNTYPED = re.compile(r"^[BIESLU][-_]$", re.IGNORECASE)
_OUTSIDE = {"O", "o", "OUT", "0"}


@dataclass
class TagReport:
    scheme: str = "BIO"
    repairs: int = 0
    repair_examples: list[int] = field(default_factory=list)  # source lines of repaired sentences
    untyped: int = 0  # tags such as "B-" without an entity type, read as O
    untyped_examples: list[int] = field(default_factory=list)

    def as_attrs(self) -> dict:
        return {"scheme": self.scheme, "count": self.repairs, "lines": self.repair_examples[:20],
                "untyped": self.untyped, "untyped_lines": self.untyped_examples[:20]}


def split_tag(tag: str) -> tuple[str, str | None]:
    """('B', 'PER'), ('O', None), or ('', 'PER') for a plain tag without prefix."""
    if tag in _OUTSIDE or _UNTYPED.match(tag):
        return "O", None
    match = _PREFIXED.match(tag)
    if match:
        return match.group(1).upper(), match.group(2)
    return "", tag


def detect_scheme(sentences: list[list[str]]) -> str:
    prefixes: set[str] = set()
    b_count = i_starts = 0
    for tags in sentences:
        previous = None
        for tag in tags:
            prefix, kind = split_tag(tag)
            prefixes.add(prefix)
            if prefix == "B":
                b_count += 1
            elif prefix == "I" and previous != kind:
                i_starts += 1
            previous = kind
    if prefixes & {"E", "S", "L", "U"}:
        return "IOBES"
    if "" in prefixes and not prefixes & {"B", "I"}:
        return "plain"
    if i_starts > b_count:
        return "IOB1"
    return "BIO"


def normalise(sentences: list[list[str]], lines: list[int]) -> tuple[list[list[str]], TagReport]:
    report = TagReport(scheme=detect_scheme(sentences))
    out = []
    for tags, line in zip(sentences, lines):
        untyped = sum(1 for tag in tags if _UNTYPED.match(tag))
        if untyped:
            report.untyped += untyped
            if len(report.untyped_examples) < 20:
                report.untyped_examples.append(line)
        bio, repaired = _to_bio(tags, report.scheme)
        if repaired:
            report.repairs += repaired
            if len(report.repair_examples) < 20:
                report.repair_examples.append(line)
        out.append(bio)
    return out, report


def _to_bio(tags: list[str], scheme: str) -> tuple[list[str], int]:
    result: list[str] = []
    repaired = 0
    previous: str | None = None  # entity type of the previous token, None after O
    for tag in tags:
        prefix, kind = split_tag(tag)
        if prefix == "O":
            result.append("O")
            previous = None
            continue
        if prefix in ("B", "S", "U"):
            begins = True
        elif prefix == "":
            begins = previous != kind  # a run of the same plain type is one entity
        else:  # I, E, L continue an entity of the same type
            begins = previous != kind
            # IOB1 starts entities with I- by design; elsewhere that is a mistake we repair.
            if begins and scheme != "IOB1":
                repaired += 1
        result.append(("B-" if begins else "I-") + kind)
        previous = None if prefix in ("S", "U", "E", "L") and scheme == "IOBES" else kind
    return result, repaired


def label_list(types: set[str]) -> list[str]:
    labels = ["O"]
    for kind in sorted(types):
        labels += [f"B-{kind}", f"I-{kind}"]
    return labels


def entity_types(sentences) -> dict[str, int]:
    """Entities per type, counted by their B- tags (tags must already be BIO)."""
    counts: dict[str, int] = {}
    for tags in sentences:
        for tag in tags:
            if tag.startswith("B-"):
                counts[tag[2:]] = counts.get(tag[2:], 0) + 1
    return dict(sorted(counts.items()))
