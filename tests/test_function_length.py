"""No function in kg/ runs longer than about a screen without saying why.

A function's length is its code: from the first statement after the docstring to
its last line (docstrings and their examples do not count). Over
:data:`MAX_LINES`, the docstring must state the reason on a line starting with
``Long:``, or the function must be one of :data:`AWAITING_SPLIT`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
MAX_LINES = 60

#: Long functions still to be split; entries that are no longer long are simply ignored.
#: (Empty: extraction became spaCy components and the last long functions were split.)
AWAITING_SPLIT: dict[str, set[str]] = {}


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    first = body[0]
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        if len(body) == 1:
            return 0
        first = body[1]
    return node.end_lineno - first.lineno + 1


def long_functions() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            n = code_lines(node)
            doc = ast.get_docstring(node) or ""
            if (n > MAX_LINES and node.name not in AWAITING_SPLIT.get(path.name, ())
                    and not any(line.strip().startswith("Long:") for line in doc.splitlines())):
                found.append(f"kg/{path.relative_to(PACKAGE)}:{node.lineno} {node.name}: {n} lines")
    return found


def test_no_function_is_long_without_a_reason():
    found = long_functions()
    assert not found, (f"functions over {MAX_LINES} lines of code: split them, or state why "
                       "in a 'Long: ...' line of the docstring:\n" + "\n".join(found))


def test_length_counts_code_not_the_docstring():
    source = 'def f():\n    """Doc.\n\n    >>> f()\n    """\n    a = 1\n    return a\n'
    assert code_lines(ast.parse(source).body[0]) == 2
