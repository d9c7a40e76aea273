"""The command line: help texts, errors without tracebacks, python -m kg."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main

COMMANDS = ["build", "render", "path", "entities", "stats", "neighbors", "top", "export"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_useful_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: kg " + command in result.output
    assert len(result.output.splitlines()) > 4


def test_top_level_help_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_help_does_not_import_spacy():
    code = ("import sys; from click.testing import CliRunner; from kg.cli import main; "
            "CliRunner().invoke(main, ['build', '--help']); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_python_dash_m_kg_works():
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "Usage:" in out.stdout


def test_build_with_nothing_readable_is_a_user_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing"), "-o",
                                       str(tmp_path / "g.json")])
    assert result.exit_code == 2
    assert "no readable documents" in result.stderr
    assert "Traceback" not in result.output


def test_unwritable_output_fails_before_the_build(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["build", "--no-cache", "-o", str(blocker / "g.json")])
    assert result.exit_code == 2
    assert "not a writable folder" in result.stderr
    assert "Traceback" not in result.output


def test_interrupt_exits_130_and_keeps_outputs(tmp_path, monkeypatch):
    import kg.pipeline

    out = tmp_path / "g.json"
    out.write_text("previous")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.pipeline, "build", interrupted)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_text() == "previous"
