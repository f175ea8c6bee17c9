"""Every sentence core hands to a person comes from the text catalogue: a `UserError` is built
from catalogue texts (`Text`, `UserError.coded`, or a helper that returns them), never from a
sentence written in the code; the two refusals below read in Chinese as well as English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core.errors import UserError
from core.scoring.thresholds import scores_at_threshold
from core.tasks import get_task
from core.text import error_parts

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"


def _literal_words(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant)
                                               and isinstance(node.value, str) and node.value)


def literal_user_errors(source: str) -> list[int]:
    """Lines where UserError(...) is given a written-out sentence as its message or fix."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "UserError":
            if any(_literal_words(arg) for arg in [*node.args, *(k.value for k in node.keywords)]):
                lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_written_out_sentence():
    assert literal_user_errors('raise UserError("Bad file.", "Use CSV.")') == [1]
    assert literal_user_errors('raise UserError(f"No column {c}.")') == [1]
    assert literal_user_errors('raise UserError(Text("a.b"), Text("a.c"))') == []
    assert literal_user_errors('raise UserError.coded("column_missing", column=c)') == []


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix()
                                        for p in CORE.rglob("*.py")
                                        if "catalogue" not in p.parts))
def test_core_raises_no_written_out_sentence(path):
    assert literal_user_errors((ROOT / path).read_text(encoding="utf-8")) == [], path


def test_refusals_of_tasks_and_thresholds_read_in_chinese():
    with pytest.raises(UserError) as unknown:
        get_task("summarization", [])
    assert error_parts(unknown.value, "en") == (
        "Unknown task 'summarization'.",
        "Use one of: text-classification, token-classification, question-answering.")
    assert error_parts(unknown.value, "zh")[0] == "未知的任务 'summarization'。"
    with pytest.raises(UserError) as threshold:
        scores_at_threshold([], ["a"], 1.5)
    assert error_parts(threshold.value, "en")[0] == "A threshold of 1.5 cannot be scored."
    assert error_parts(threshold.value, "zh")[0] == "无法按阈值 1.5 计算分数。"
    with pytest.raises(UserError) as empty:
        scores_at_threshold([], ["a"], 0.5)
    assert error_parts(empty.value, "zh") == ("这次运行没有保存可重新计分的概率。",
                                              "请用当前版本的应用重新训练这次运行。")
