"""Loading a graph file takes a fast path (orjson, adjacency built in one pass) that must
give exactly what the careful path (json, node_link_graph) gives, or defer to it."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import GraphFileError
from kg.query import path_view
from kg.store import GraphStore, _fast_graph
from tests._graphs import diplomacy_graph, write_graph


def _slow(data: dict) -> nx.MultiGraph:
    payload = dict(data)
    payload["edges"] = [{"key": e.get("kind", "link"), **e} for e in data["edges"]]
    return nx.node_link_graph(payload, edges="edges", multigraph=True, directed=False)


def test_fast_graph_is_node_link_graph(tmp_path):
    data = json.loads(write_graph(tmp_path).read_text(encoding="utf-8"))
    fast, slow = _fast_graph(data, "edges"), _slow(data)
    assert fast is not None
    assert list(fast.adjacency()) == list(slow.adjacency())
    attrs = [list(d) for _, d in slow.nodes(data=True)]
    assert [list(d) for _, d in fast.nodes(data=True)] == attrs
    assert list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True))
    loaded = GraphStore.load(write_graph(tmp_path))
    assert loaded.to_json() == GraphStore(graph=slow).to_json()


@pytest.mark.parametrize("change", [
    lambda d: d["nodes"][0].update(mentions=True),
    lambda d: d["nodes"].append(dict(d["nodes"][0])),
    lambda d: d["edges"].append(dict(d["edges"][0])),
    lambda d: d["edges"][0].update(target="nobody"),
    lambda d: d["edges"][0].update(distance=-1),
    lambda d: d["edges"][0]["evidence"].append({"doc": "d", "start": "0", "end": 1}),
])
def test_unusual_data_takes_the_careful_path(tmp_path, change):
    data = json.loads(write_graph(tmp_path).read_text(encoding="utf-8"))
    change(data)
    assert _fast_graph(data, "edges") is None
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFileError):
        GraphStore.load(path)


def test_escapes_are_still_cleaned(tmp_path):
    data = json.loads(write_graph(tmp_path).read_text(encoding="utf-8"))
    data["nodes"][0]["label"] = "A\x1b]0;x\x07B"
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert GraphStore.load(path, printable=True).graph.nodes[data["nodes"][0]["id"]][
        "label"] == "A]0;xB"


def test_path_view_keeps_the_strongest_edge_per_pair():
    kg = diplomacy_graph()
    view = path_view(kg)
    for u, v, d in view.edges(data=True):
        kinds = kg.graph[u][v]
        best = min(kinds.values(), key=lambda e: e["distance"])
        assert d["distance"] == best["distance"]


def test_lazy_path_view_is_the_eager_one_row_by_row():
    import random

    kg = diplomacy_graph()
    rng = random.Random(3)
    nodes = list(kg.graph)
    for _ in range(40):  # more links, added out of node order
        u, v = rng.sample(nodes, 2)
        kg.add_relation(u, v, rng.choice(["meeting", "co_appearance"]),
                        evidence=[{"doc": "d9", "sentence": "x", "start": 0, "end": 1}])
    for args in ({}, {"via": "meeting"}, {"since": "2024"}):
        eager = path_view(kg, **args)
        lazy = path_view(kg, lazy=True, **args)
        for n in reversed(nodes):  # rows read in another order than built
            assert list(lazy._adj[n].items()) == list(eager._adj[n].items())
        assert len(lazy._adj) == len(eager._adj)
        assert list(lazy.edges(data=True)) == list(eager.edges(data=True))
