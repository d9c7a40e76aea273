"""Betweenness on big graphs (issue 15, item 10): sampled above a size, progress, method stated."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

import kg.query
from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.query import betweenness, top


def grid_graph(side: int) -> KnowledgeGraph:
    kg_graph = KnowledgeGraph()
    grid = nx.grid_2d_graph(side, side)
    name = {node: f"n{node[0]}-{node[1]}" for node in grid}
    for node in grid:
        kg_graph.add_entity(name[node], label=name[node].upper(), type="official")
    ev = [{"doc": "d", "sentence": "s", "start": 0, "end": 1}]
    for u, v in grid.edges:
        kg_graph.add_relation(name[u], name[v], "meeting", evidence=ev)
    return kg_graph


def test_exact_betweenness_matches_networkx():
    g = nx.gnm_random_graph(60, 200, seed=3)
    nx.set_edge_attributes(g, {e: 1.0 + (e[0] * e[1]) % 3 for e in g.edges}, "distance")
    scores, method = betweenness(g)
    expected = nx.betweenness_centrality(g, weight="distance")
    assert method == "betweenness, exact"
    assert max(abs(scores[u] - expected[u]) for u in g) < 1e-9


def test_big_graphs_are_sampled_with_progress_and_the_method_stated(monkeypatch):
    monkeypatch.setattr(kg.query, "BETWEENNESS_EXACT_MAX", 50)
    monkeypatch.setattr(kg.query, "BETWEENNESS_SAMPLE", 20)
    seen = []
    ranked = top(grid_graph(9), by="betweenness", n=3,
                 progress=lambda done, total: seen.append((done, total)))
    assert ranked[0].method == "betweenness, estimated from 20 of 81 nodes as sources (seed 0)"
    assert seen[-1] == (20, 20) and len(seen) > 1
    again = top(grid_graph(9), by="betweenness", n=3)
    assert [r.id for r in again] == [r.id for r in ranked]  # a fixed seed: the same answer


def test_cli_top_states_the_method_and_takes_sample(tmp_path):
    path = grid_graph(6).save(tmp_path / "g.json")
    result = CliRunner().invoke(main, ["top", str(path), "--by", "betweenness", "--sample", "5"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "method: betweenness, estimated from 5 of 36 nodes as sources (seed 0)")
    data = json.loads(CliRunner().invoke(main, ["top", str(path), "--json"]).stdout)
    assert data[0]["method"] == "degree: distinct neighbours"


@pytest.mark.parametrize("sample", [1, 36, 1000])
def test_any_sample_size_is_accepted(sample):
    scores, _ = betweenness(kg.query.path_view(grid_graph(6)), sample=sample)
    assert len(scores) == 36 and all(v >= 0 for v in scores.values())
