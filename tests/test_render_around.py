"""kg render --around NAME --depth N: the part of a graph around one node; a trimmed page
says which nodes it shows."""

from __future__ import annotations

import networkx as nx
from click.testing import CliRunner

from kg.cli import main
from tests._graphs import diplomacy_graph, write_graph
from tests.test_render import parse, payload


def test_around_shows_the_nodes_within_depth(tmp_path):
    kg = diplomacy_graph()
    graph = write_graph(tmp_path, kg)
    centre = next(n for n, d in kg.graph.nodes(data=True) if d.get("type") == "official")
    label = kg.graph.nodes[centre]["label"]
    near = nx.single_source_shortest_path_length(kg.graph, centre, cutoff=1)
    out = tmp_path / "around.html"
    result = CliRunner().invoke(main, ["render", str(graph), "--around", label, "--depth", "1",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    names = {info["name"] for info in payload(page)["nodeInfo"]}
    assert names == {kg.graph.nodes[n]["label"] for n in near}
    assert parse(page).text["kg-focus"].startswith(f"Around {label}: the {len(near)} of ")


def test_around_keeps_its_node_and_a_trimmed_page_names_its_ranking(tmp_path):
    kg = diplomacy_graph()
    graph = write_graph(tmp_path, kg)
    centre = min(kg.graph.nodes, key=lambda n: kg.graph.degree(n) or 99)
    label = kg.graph.nodes[centre]["label"]
    out = tmp_path / "around.html"
    result = CliRunner().invoke(main, ["render", str(graph), "--around", centre, "--depth", "2",
                                       "--max-nodes", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert [info["name"] for info in payload(page)["nodeInfo"]] == [label]
    trimmed = parse(page).text.get("kg-trimmed", "")
    assert "most distinct neighbours" in trimmed or len(kg.graph) == 1


def test_around_an_unknown_name_is_an_error(tmp_path):
    graph = write_graph(tmp_path, diplomacy_graph())
    result = CliRunner().invoke(main, ["render", str(graph), "--around", "Nobody Atall"])
    assert result.exit_code == 2
