"""Query output options (issue 15, item 6): --json, --csv, --tsv, --nl and uncut tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from _graphs import diplomacy_graph, write_graph
from click.testing import CliRunner

from kg.cli import main

COMMANDS = [
    ["path", "{g}", "nakatani", "hegseth"],
    ["path", "{g}", "nakatani", "hegseth", "-k", "2"],
    ["neighbors", "{g}", "ahn"],
    ["top", "{g}"],
    ["stats", "{g}"],
    ["entities", "{g}"],
]


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_graph(tmp_path)


def run(args: list[str], graph: Path, *extra: str):
    result = CliRunner().invoke(main, [a.format(g=graph) for a in args] + list(extra))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_every_query_command_prints_csv_tsv_and_json_lines(graph_file, args):
    rows = list(csv.DictReader(io.StringIO(run(args, graph_file, "--csv"))))
    assert rows and all(len(r) == len(rows[0]) for r in rows)
    tabbed = list(csv.DictReader(io.StringIO(run(args, graph_file, "--tsv")), delimiter="\t"))
    assert [list(r) for r in tabbed] == [list(r) for r in rows]
    lines = [json.loads(line) for line in run(args, graph_file, "--nl").splitlines()]
    assert len(lines) == len(rows) and list(lines[0]) == list(rows[0])


def test_path_json_has_one_shape_with_or_without_k(graph_file):
    one = json.loads(run(COMMANDS[0], graph_file, "--json"))
    two = json.loads(run(COMMANDS[1], graph_file, "--json"))
    assert set(one) == set(two) == {"path", "hops", "length", "paths"}
    assert len(two["paths"]) == 2 and one["paths"][0]["path"] == one["path"]
    hop = one["hops"][0]
    assert hop["source_id"].startswith("official:") and hop["target_id"].startswith("official:")
    assert {"start", "end"} <= set(hop["evidence"][0])


def test_path_rows_carry_node_ids_and_evidence_offsets(graph_file):
    rows = list(csv.DictReader(io.StringIO(run(COMMANDS[0], graph_file, "--csv"))))
    assert {"source_id", "target_id", "kind", "direction", "sentence", "start", "end"} <= set(
        rows[0])


def test_tables_are_never_cut(tmp_path):
    kg = diplomacy_graph()
    long_role = "Principal Deputy Assistant Secretary of Defense for Indo-Pacific Security Affairs"
    node = next(n for n, d in kg.graph.nodes(data=True) if d.get("type") == "official")
    kg.graph.nodes[node]["role"] = long_role
    graph = write_graph(tmp_path, kg)
    result = CliRunner(env={"COLUMNS": "300"}).invoke(main, ["entities", str(graph)])
    assert long_role in result.stdout and "…" not in result.stdout
