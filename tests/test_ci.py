"""CI runs the README's test command, and that command runs every test."""

from __future__ import annotations

from conftest import ROOT


def test_ci_runs_the_readme_test_command_with_every_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines()
                if line.startswith("    ") and "pytest" in line]
    assert commands, "README Quick start has no test command"
    assert commands[0] in ci.splitlines()
    assert commands[0].endswith("pytest --all")
