"""The hostile-input review: crafted graph files and command lines give one line, never a mess."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import GraphFileError
from kg.graph import KnowledgeGraph


def _graph_file(tmp_path, label_a: str = "Ahn Gyu-back", distance: float | None = None):
    kg = KnowledgeGraph()
    kg.add_entity("official:a", label=label_a, type="official", docs=["d"])
    kg.add_entity("official:b", label="Pete Hegseth", type="official", docs=["d"])
    kg.add_relation("official:a", "official:b", "meeting",
                    evidence=[{"doc": "d", "sentence": "A met B.", "start": 0, "end": 8}])
    data = kg.to_dict()
    if distance is not None:
        data["edges"][0]["distance"] = distance
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.output
    return lines[0]


# ---------------------------------------------------------------------- h: graph files
def test_a_huge_file_of_numbers_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "numbers.json"
    path.write_bytes(b"1, " * 7_000_000)  # 21 MB
    tracemalloc.start()
    try:
        with pytest.raises(GraphFileError, match="not a JSON object"):
            KnowledgeGraph.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize("distance", [-1.0, float("nan"), float("inf")])
@pytest.mark.parametrize("command", [["path", "{g}", "ahn", "hegseth"],
                                     ["neighbors", "{g}", "ahn"], ["top", "{g}"]])
def test_a_negative_or_infinite_distance_is_rejected_in_one_line(tmp_path, distance, command):
    path = _graph_file(tmp_path, distance=distance)
    result = CliRunner().invoke(main, [a.format(g=path) for a in command])
    assert "'distance' must be a finite number of at least 0" in _one_error_line(result)


@pytest.mark.parametrize("command", [["entities", "{g}"], ["entities", "{g}", "--json"],
                                     ["top", "{g}"],
                                     ["neighbors", "{g}", "hegseth"]])
def test_lone_surrogates_and_terminal_escapes_in_labels_are_printed_harmlessly(tmp_path,
                                                                               command):
    path = _graph_file(tmp_path, label_a="\x1b]0;owned\x07A\x9b31m \ud800Ahn")
    result = CliRunner().invoke(main, [a.format(g=path) for a in command])
    assert result.exit_code == 0, (result.output, result.exception)
    assert not any(c in result.output for c in "\x1b\x07\x9b")
    assert "]0;ownedA" in result.output


def test_clean_graph_files_load_exactly_as_saved(tmp_path):
    path = _graph_file(tmp_path, label_a="Ahn Gyu-back 🙂 — “quoted”\tand\nnew line")
    assert KnowledgeGraph.load(path).entity("official:a").label == (
        "Ahn Gyu-back 🙂 — “quoted”\tand\nnew line")


# ---------------------------------------------------------------------- j: usage errors
@pytest.mark.parametrize(("argv", "expected"), [
    (["top", "{g}", "-n", "0"], "Invalid value for '-n': 0 is not in the range x>=1 "
                                "(see 'kg top --help')"),
    (["frobnicate"], "No such command 'frobnicate' (see 'kg --help')"),
    (["--bogus"], "No such option '--bogus' (see 'kg --help')"),
    (["path", "{g}"], "Missing argument 'A' (see 'kg path --help')"),
    (["build", "--workers", "two"], "(see 'kg build --help')"),
    (["build", "--no-cache", "--cache-dir", "x"],
     "--no-cache and --cache-dir cannot be used together (see 'kg build --help')"),
    (["export", "{g}", "--format", "pdf", "-o", "x"], "Invalid value for '-f' / '--format'"),
])
def test_usage_errors_are_one_line(tmp_path, argv, expected):
    path = _graph_file(tmp_path)
    result = CliRunner().invoke(main, [a.format(g=path) for a in argv])
    assert expected in _one_error_line(result)


def test_no_arguments_still_shows_the_help():
    result = CliRunner().invoke(main, [])
    assert "Usage: kg" in result.output and "Commands:" in result.output
