"""Shared options mean the same everywhere (issue 15, item 7), in the CLI and the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _graphs import AHN, diplomacy_graph, write_graph
from click.testing import CliRunner

from kg.cli import main

#: command -> the shared options it takes
SHARED = {
    "path": ["--via", "--kind", "--since", "--until"],
    "neighbors": ["--via", "--kind", "--since", "--until", "--type", "-n"],
    "top": ["--type", "-n"],
    "entities": ["--type", "-n"],
}


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_graph(tmp_path)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("command", "options"), sorted(SHARED.items()))
def test_commands_take_the_shared_options(command, options):
    text = CliRunner().invoke(main, [command, "--help"]).output
    for option in options:
        assert f"{option} " in text or f"{option}," in text or f", {option}" in text, option


def test_neighbors_window_type_and_n(graph_file):
    every = json.loads(run("neighbors", graph_file, "ahn", "--json"))["neighbors"]
    forums = json.loads(run("neighbors", graph_file, "ahn", "--type", "forum", "--json"))
    assert forums["neighbors"] and all(x["type"] == "forum" for x in forums["neighbors"])
    assert len(json.loads(run("neighbors", graph_file, "ahn", "-n", "1", "--json"))
               ["neighbors"]) == 1
    early = json.loads(run("neighbors", graph_file, "ahn", "--until", "2024-12-31", "--json"))
    assert 0 < len(early["neighbors"]) < len(every)
    via = json.loads(run("neighbors", graph_file, "ahn", "--via", "meeting", "--json"))
    assert all(x["kinds"] == ["meeting"] for x in via["neighbors"])


def test_path_takes_kind_as_via(graph_file):
    assert run("path", graph_file, "nakatani", "hegseth", "--kind", "meeting") == run(
        "path", graph_file, "nakatani", "hegseth", "--via", "meeting")


def test_entities_n(graph_file):
    assert len(json.loads(run("entities", graph_file, "-n", "2", "--json"))) == 2


def test_the_python_api_uses_the_same_words():
    kg = diplomacy_graph()
    assert [x.id for x in kg.neighbors("ahn", via="meeting")] == [
        x.id for x in kg.neighbors("ahn", kinds="meeting")]
    assert all(x.type == "forum" for x in kg.neighbors("ahn", type="forum"))
    assert len(kg.neighbors("ahn", n=1)) == 1
    assert len(kg.neighbors("ahn", until="2024-12-31")) < len(kg.neighbors("ahn"))
    assert kg.path("nakatani", "hegseth", via="meeting", until="2025-12-31").nodes[1] == AHN
