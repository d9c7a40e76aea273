"""Exports (issue 15, item 8): stdout, format by extension, weights, Neo4j-ready CSV, Cypher."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from _graphs import write_graph
from click.testing import CliRunner

from kg.cli import main


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_graph(tmp_path)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_export_to_stdout(graph_file):
    result = run("export", graph_file, "--format", "cypher", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("// kg graph for Neo4j")
    assert "UNWIND [" in result.stdout
    graphml = run("export", graph_file, "-f", "graphml", "-o", "-")
    assert graphml.exit_code == 0 and "<graphml" in graphml.stdout
    assert run("export", graph_file, "-o", "-").exit_code == 2  # which format?
    assert run("export", graph_file, "-f", "csv", "-o", "-").exit_code == 2  # a folder


def test_the_format_follows_the_extension(graph_file, tmp_path):
    assert run("export", graph_file, "-o", tmp_path / "g.gexf").exit_code == 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 0
    assert run("export", graph_file, "-o", tmp_path / "g.graphml").exit_code == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 0
    assert run("export", graph_file, "-o", tmp_path / "tables").exit_code == 0
    assert (tmp_path / "tables" / "nodes.csv").is_file()
    # --format wins over the extension
    assert run("export", graph_file, "-f", "cypher", "-o", tmp_path / "g.txt").exit_code == 0
    assert (tmp_path / "g.txt").read_text().startswith("// kg graph")
    assert run("export", graph_file, "-o", tmp_path / "g.pdf").exit_code == 2


def test_a_missing_parent_folder_is_an_error(graph_file, tmp_path):
    for out in (tmp_path / "no" / "g.gexf", tmp_path / "no" / "tables"):
        result = run("export", graph_file, "-o", out)
        assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "no").exists()


def test_graphml_and_gexf_edges_carry_a_weight(graph_file, tmp_path):
    run("export", graph_file, "-o", tmp_path / "g.graphml")
    run("export", graph_file, "-o", tmp_path / "g.gexf")
    for graph in (nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True),
                  nx.read_gexf(tmp_path / "g.gexf")):
        weights = [d.get("weight") for _, _, d in graph.edges(data=True)]
        assert weights and all(float(w) >= 1 for w in weights)
        assert max(float(w) for w in weights) > 1  # the count of evidence sentences


def test_csv_has_documents_and_neo4j_admin_headers(graph_file, tmp_path):
    run("export", graph_file, "-o", tmp_path / "tables")
    read = lambda name: list(csv.DictReader((tmp_path / "tables" / name).open()))  # noqa: E731
    nodes, edges, documents = read("nodes.csv"), read("edges.csv"), read("documents.csv")
    assert {":ID", ":LABEL"} <= set(nodes[0]) and nodes[0][":ID"] == nodes[0]["id"]
    assert all(n[":LABEL"].startswith("Entity;") for n in nodes)
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(edges[0])
    assert {e[":TYPE"] for e in edges} >= {"MEETING", "ATTENDED"}
    assert documents and {"id", "title", "date"} <= set(documents[0])


def test_cypher_batches_with_unwind_and_stores_dates_as_dates(graph_file):
    script = run("export", graph_file, "-f", "cypher", "-o", "-").stdout
    statements = [s for s in script.splitlines() if not s.startswith("//")]
    assert all(s.startswith(("CREATE CONSTRAINT", "UNWIND [")) for s in statements)
    assert "r.dates = [d IN row.dates | date(d)]" in script
    assert len(statements) < 10  # batches, not one statement per node and edge
