"""The ast scan behind the tests that code outside core/tasks asks the task and the run folder.

Core and the pages ask core.tasks what a task is (`shows_entities`, `multi_label`, `unit`,
`kind`, `key`) and a RunFolder where a run's files lie, instead of spelling either. This
module reads a source text and lists where it does not; each check is one function below:

- `compares`: a comparison (`==`, `!=`, `in`, a `match` case) with a task name
  ("token-classification"), a task key ("token_classification"), a variant ("ner",
  "single_label", "multi_label"), or a constant standing for one (`NER`, ...).
- `keyed_by_tasks`: a dict keyed by such a name.
- `spells_a_task_name`: a string, or a fixed part of an f-string, that is a task name.
- `reads_is_ner`: the old `is_ner` answer instead of asking the task.
- `spells_a_run_file`: a string naming a run's file ("config.json", "eval.json",
  "model/config.json", "<split>_predictions.jsonl", ...) as RunFolder names them.
- `key_choices`: a catalogue key picked by if/else on the task's answers where a key built
  from the task would do, or a key spelled with a variant or unit ending
  ("test.report.headline_ner") that has siblings with the other endings.

"multi_label" is also the name of a setting and of a saved field. Core may ask whether a file
has that field (`"multi_label" in saved`) and keep a dict holding it among others
(`fields=FIELDS`); the pages may not (`fields=frozenset()`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from core.tasks import TASK_CLASSES, TASK_NAMES
from core.text.catalogue import CATALOGUE
from core.workspace.folder import RunFolder

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
PAGES = ROOT / "pages"

VARIANTS = {kind.kind_of(multi) for kind in TASK_CLASSES.values() for multi in (False, True)}
UNITS = {kind.unit for kind in TASK_CLASSES.values()}
TASK_KEYS = {kind.key for kind in TASK_CLASSES.values()}
NAMES = set(TASK_NAMES) | TASK_KEYS | VARIANTS
# Names that stand for a task name (core.tasks and core.label constants).
NAME_CONSTANTS = {"TEXT_CLASSIFICATION", "TOKEN_CLASSIFICATION", "QUESTION_ANSWERING",
                  "CLASSIFICATION", "NER"}
FIELDS = frozenset({"multi_label"})
STRICT = frozenset()

# the task's answers a catalogue key is built from instead of picked by
ASKED = {"shows_entities", "multi_label"}
# the last parts of a key that a key built from the task spells: kind, unit, task key
KEY_PARTS = VARIANTS | {"multi", "single"} | UNITS | {f"{u}s" for u in UNITS} | TASK_KEYS
KEY = re.compile(r"[a-z]+(\.[a-z0-9_]+)+")


def run_file_names() -> set[str]:
    """Every file name a run folder has, as RunFolder names them: each path property, an
    attempt's metrics, a split's predictions, and names relative to the run
    ("model/config.json"). Only names with a dot: folders such as model/ and words such as
    STOP are too plain to look for."""
    folder = RunFolder(Path("RUN"))
    paths = [getattr(folder, name) for name in dir(RunFolder)
             if isinstance(getattr(RunFolder, name), property)]
    paths = [p for p in paths if isinstance(p, Path)]
    paths += [folder.metrics_attempt(1), folder.predictions("test")]
    names = {p.name for p in paths}
    names |= {p.relative_to(folder.path).as_posix() for p in paths if folder.path in p.parents}
    names.add(folder.predictions("split").name.removeprefix("split"))  # _predictions.jsonl
    return {n for n in names if "." in n.strip(".")}


RUN_FILES = run_file_names()
# a run file's name where it stands as a name: not inside a longer word or a catalogue key
# ("train.log.title"); "_predictions.jsonl" follows its split's name
SPELLED = re.compile("|".join(("" if name.startswith("_") else r"(?<![\w.])")
                              + re.escape(name) + r"(?!\.?\w)" for name in sorted(RUN_FILES)))


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def names_a_task(node: ast.AST) -> bool:
    """A task name, key or variant, or a constant standing for one (also inside a tuple, list
    or set)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(names_a_task(e) for e in node.elts)
    if _is_text(node):
        return node.value in NAMES
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
    return name in NAME_CONSTANTS


def _is_field_test(node: ast.Compare, fields: frozenset[str]) -> bool:
    """`"multi_label" in saved`: whether a dict or a file has that field."""
    return (_is_text(node.left) and node.left.value in fields
            and all(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops))


def compares(node: ast.AST, fields: frozenset[str] = STRICT) -> bool:
    """A comparison or a `match` case with a task name, key, variant or constant."""
    if isinstance(node, ast.Compare):
        return not _is_field_test(node, fields) and any(
            names_a_task(side) for side in (node.left, *node.comparators))
    if isinstance(node, ast.match_case):
        return any(isinstance(p, ast.MatchValue) and names_a_task(p.value)
                   for p in ast.walk(node.pattern))
    return False


def keyed_by_tasks(node: ast.AST, fields: frozenset[str] = STRICT) -> bool:
    """A dict keyed by a task name, key or variant; a field in `fields` alone is a field, not a
    task (with "single_label" beside it, it is a variant again)."""
    if not isinstance(node, ast.Dict):
        return False
    named = {k.value for k in node.keys if k is not None and _is_text(k)} & NAMES
    return bool(named - fields) or bool(named and named & {"single_label"})


def spells_a_task_name(node: ast.AST) -> str | None:
    """The task name a string is (an f-string's fixed parts are strings of their own)."""
    return node.value if _is_text(node) and node.value in TASK_NAMES else None


def reads_is_ner(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "is_ner"


def spells_a_run_file(node: ast.AST, as_a_name: bool = True) -> str | None:
    """The run file a string names: where the string ends in it (`run_dir /
    "model/config.json"`, f"{split}_predictions.jsonl"), and with `as_a_name` wherever it
    stands as a name."""
    if not _is_text(node):
        return None
    spelled = SPELLED.search(node.value) if as_a_name else None
    if spelled:
        return spelled.group()
    return next((name for name in sorted(RUN_FILES) if node.value.endswith(name)), None)


def _line(node: ast.AST) -> int:
    return node.lineno if hasattr(node, "lineno") else node.pattern.lineno


def task_findings(source: str, fields: frozenset[str] = STRICT) -> list[tuple[int, str]]:
    """(line, what) for each comparison with a task name (a field in `fields` may be asked for)
    and each table keyed by them (a dict may hold the "multi_label" field)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if compares(node, fields):
            found.append((_line(node), "compares a task name or variant"))
        if keyed_by_tasks(node, FIELDS):
            found.append((node.lineno, "a table keyed by task names or variants"))
    return found


def spelled_findings(source: str, as_a_name: bool = True) -> list[tuple[int, str]]:
    """(line, what) for each `is_ner` read, task name spelled, and run file spelled: where a
    string ends in its name, and with `as_a_name` also where it stands anywhere as a name
    (a docstring or a sentence that speaks of "eval.json")."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if reads_is_ner(node):
            found.append((node.lineno, "reads is_ner"))
        name = spells_a_task_name(node)
        if name:
            found.append((node.lineno, f"spells the task name {name!r}"))
        run_file = spells_a_run_file(node, as_a_name)
        if run_file:
            found.append((node.lineno, f"spells the run file {run_file!r}"))
    return found


def _keys(nodes: list[ast.AST]) -> set[str]:
    """The catalogue keys spelled in `nodes` (string constants shaped like a key)."""
    return {node.value for top in nodes for node in ast.walk(top)
            if _is_text(node) and KEY.fullmatch(node.value)}


def _asks_the_task(test: ast.AST) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr in ASKED for node in ast.walk(test))


def _branches(node: ast.AST) -> list[list[ast.AST]]:
    """The branches of an if/elif/else chain or a conditional expression that asks the task
    (empty when it does not)."""
    if not isinstance(node, (ast.If, ast.IfExp)) or not _asks_the_task(node.test):
        return []
    if isinstance(node, ast.IfExp):
        return [[node.body], *(_branches(node.orelse) or [[node.orelse]])]
    rest = node.orelse
    if len(rest) == 1 and _branches(rest[0]):
        return [node.body, *_branches(rest[0])]
    return [node.body, rest]


def _stem(key: str) -> str:
    return key.rsplit("_", 1)[0] if "_" in key.rsplit(".", 1)[-1] else key


def _by_stem(keys: set[str]) -> dict[str, set[str]]:
    """The keys by their stem: one key in both branches is no choice, two with a stem are."""
    stems: dict[str, set[str]] = {}
    for key in keys:
        stems.setdefault(_stem(key), set()).add(key)
    return stems


def _has_siblings(key: str) -> bool:
    """Whether `key` ends in a kind, unit or task key part and the catalogue has the same key
    with another such part: then a key built from the task would do."""
    return any(f"{key[:-len(part) - 1]}_{other}" in CATALOGUE
               for part in KEY_PARTS if key.endswith(f"_{part}")
               for other in KEY_PARTS - {part})


def key_choices(source: str) -> list[tuple[int, str]]:
    """(line, what) for each key picked by if/else on the task's answers where the branches'
    keys differ only in their last part, and each key spelled with a variant or unit ending
    that has siblings in the catalogue."""
    found = []
    for node in ast.walk(ast.parse(source)):
        stems = [_by_stem(_keys(branch)) for branch in _branches(node)]
        shared = {stem for i, one in enumerate(stems) for other in stems[i + 1:]
                  for stem in one.keys() & other.keys() if one[stem] != other[stem]}
        found += [(node.lineno, f"picks {stem}_... by the task's answers; build it")
                  for stem in sorted(shared)]
        if _is_text(node) and KEY.fullmatch(node.value) and _has_siblings(node.value):
            found.append((node.lineno, f"spells {node.value!r}; build it from the task"))
    return found


def core_modules() -> list[Path]:
    """Every module of core but core/tasks (which answers) and the catalogue (keys, texts)."""
    skipped = (CORE / "tasks", CORE / "text" / "catalogue")
    return sorted(p for p in CORE.rglob("*.py")
                  if not any(p.is_relative_to(folder) for folder in skipped))


def page_files() -> list[Path]:
    """Every page file: app.py and pages/*.py."""
    return sorted([ROOT / "app.py", *PAGES.glob("*.py")])


def where(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# What each part of the tree is scanned for. Core: comparisons and tables (it may ask a file
# for its "multi_label" field). core/train and core/label, which write and read a run's files
# through RunFolder: also no field asked, no `is_ner`, no task name and no path ending in a run
# file's name. The pages: all of that, run files named anywhere, and keys built from the task.
SCOPES = ("core", "run", "page")


def scope_of(path: Path) -> str:
    if path.is_relative_to(CORE / "train") or path.is_relative_to(CORE / "label"):
        return "run"
    return "core" if path.is_relative_to(CORE) else "page"


def scan(source: str, scope: str) -> list[tuple[int, str]]:
    """(line, what) for each place in `source` that spells what it should ask, as `scope`
    (one of SCOPES) is scanned."""
    if scope == "core":
        return task_findings(source, FIELDS)
    if scope == "run":
        return task_findings(source) + spelled_findings(source, as_a_name=False)
    return task_findings(source) + spelled_findings(source) + key_choices(source)


def scanned_files() -> list[Path]:
    """Every file scanned: the core modules and the page files."""
    return core_modules() + page_files()
