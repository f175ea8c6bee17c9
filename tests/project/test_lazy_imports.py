"""Imports inside functions say why they are there.

An import inside a function hides a module's structure (such imports once hid import circles).
Core's own modules are imported at module level; an import left inside a function keeps a
heavy library (torch, transformers, sklearn, ...) out of a light module's import, and says so
with a `# lazy: <reason>` comment on its line (or on the line of its closing parenthesis).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
MARK = "# lazy:"

HEAVY = ("torch", "transformers", "sklearn")


def unmarked_imports(source: str) -> list[tuple[int, str]]:
    """(line, statement) of each import inside a function without a `# lazy:` comment on its
    first or last line."""
    lines = source.splitlines()
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, (ast.Import, ast.ImportFrom)):
                first, last = lines[child.lineno - 1], lines[child.end_lineno - 1]
                if MARK not in first and MARK not in last:
                    found.append((child.lineno, first.strip()))
            inner = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, in_function or inner)

    visit(ast.parse(source), False)
    return found


def test_every_import_inside_a_function_in_core_says_why():
    problems = [f"{path.relative_to(ROOT).as_posix()}:{line}: {statement}"
                for path in sorted((ROOT / "core").rglob("*.py"))
                for line, statement in unmarked_imports(path.read_text(encoding="utf-8"))]
    assert not problems, ("Import at module level, or add '# lazy: <reason>':\n"
                          + "\n".join(problems))


def test_the_scan_finds_an_unmarked_import_and_accepts_a_marked_one():
    source = (
        "import json\n"
        "def f():\n"
        "    import torch  # lazy: loads torch\n"
        "    from core.text import t\n"
        "    from transformers import (  # lazy: loads transformers\n"
        "        AutoConfig,\n"
        "    )\n"
        "    from sklearn.linear_model import (\n"
        "        LogisticRegression,\n"
        "    )  # lazy: loads sklearn\n"
        "    class Inner:\n"
        "        def g(self):\n"
        "            import pickle\n"
        "    return lambda: None\n"
    )
    assert unmarked_imports(source) == [(4, "from core.text import t"), (13, "import pickle")]


def test_importing_the_cli_loads_no_heavy_library():
    """`python -m core --help` starts in a blink: torch, transformers and sklearn load only
    when a command needs them."""
    code = ("import sys, core.cli; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"import core.cli loaded {result.stdout.strip()}"
