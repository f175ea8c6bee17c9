"""The structure the code promises (issue 14): core's layers hold, pages stay thin, functions short.

The layers are written down once, as import-linter contracts in pyproject.toml; this test runs
them, so a new upward import or circle (at module level or inside a function) fails the suite.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 300

# Files still being split; removing a line enforces the limits for that file.
LONG_FUNCTIONS_ALLOWED: set[tuple[str, str]] = set()
LONG_PAGES_ALLOWED: set[str] = set()


def _lint_imports() -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("lint-imports")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_layer_contracts_in_pyproject_hold():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_contract_catches_an_upward_import_inside_a_function(tmp_path):
    """The check is not blind to imports hidden in functions: a lower layer (workspace) that
    imports a higher one (train) inside a function breaks the contract."""
    planted = ROOT / "core" / "workspace" / "_planted_upward_import.py"
    planted.write_text("def f():\n    from core.train import training\n    return training\n",
                       encoding="utf-8")
    try:
        result = _lint_imports()
    finally:
        planted.unlink()
    assert result.returncode != 0
    assert "core.workspace._planted_upward_import -> core.train.training" in result.stdout


def _python_files() -> list[Path]:
    return sorted([*(ROOT / "core").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
                   ROOT / "app.py"])


def long_functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_no_function_in_core_or_pages_is_longer_than_60_lines():
    found = {(str(p.relative_to(ROOT)), name): lines
             for p in _python_files() for name, lines in long_functions(p)}
    new = {key: lines for key, lines in found.items() if key not in LONG_FUNCTIONS_ALLOWED}
    assert not new, f"functions over {MAX_FUNCTION_LINES} lines: {new}"
    fixed = LONG_FUNCTIONS_ALLOWED - set(found)
    assert not fixed, f"now short enough, delete from LONG_FUNCTIONS_ALLOWED: {sorted(fixed)}"


def test_no_page_or_panel_module_is_longer_than_300_lines():
    lengths = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
               for p in (ROOT / "pages").glob("*.py")}
    long = {path: n for path, n in lengths.items() if n > MAX_PAGE_LINES}
    new = {path: n for path, n in long.items() if path not in LONG_PAGES_ALLOWED}
    assert not new, f"page modules over {MAX_PAGE_LINES} lines: {new}"
    fixed = LONG_PAGES_ALLOWED - set(long)
    assert not fixed, f"now short enough, delete from LONG_PAGES_ALLOWED: {sorted(fixed)}"


def test_the_length_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    sample = tmp_path / "sample.py"
    sample.write_text(f"def long_one():\n{body}\n\ndef short():\n    return 1\n", encoding="utf-8")
    assert long_functions(sample) == [("long_one", 71)]


def test_ruff_is_clean():
    """The lint settings live in pyproject.toml ([tool.ruff]); the whole project follows them."""
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff)] if ruff.exists() else [sys.executable, "-m", "ruff"]
    result = subprocess.run([*command, "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
