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


# The node-by-node and edge-by-edge checks the field-by-field ones replace (issue 16).
def _plain_node(node):
    if type(node) is not dict or type(node.get("id")) is not str \
            or type(node.get("type")) is not str:
        return False
    for name, types in (("label", (str,)), ("role", (str, type(None))),
                        ("country", (str, type(None))), ("mentions", (int,))):
        if name in node and type(node[name]) not in types:
            return False
    for name in ("docs", "aliases", "ordinals"):
        if name in node:
            value = node[name]
            if type(value) is not list or (value and set(map(type, value)) != {str}):
                return False
    return True


def _plain_edge(edge):
    import math

    if type(edge) is not dict or type(edge.get("source")) is not str \
            or type(edge.get("target")) is not str:
        return False
    for name, types in (("kind", (str,)), ("key", (str,)), ("count", (int,))):
        if name in edge and type(edge[name]) not in types:
            return False
    if "distance" in edge:
        value = edge["distance"]
        if type(value) is int:
            if value < 0:
                return False
        elif type(value) is not float or not (math.isfinite(value) and value >= 0):
            return False
    for name in ("docs", "dates"):
        if name in edge:
            value = edge[name]
            if type(value) is not list or (value and set(map(type, value)) != {str}):
                return False
    evidence = edge.get("evidence", [])
    return type(evidence) is list and all(
        type(e) is dict and type(e.get("doc")) is str and type(e.get("start")) is int
        and type(e.get("end")) is int and type(e.get("sentence", "")) is str
        and type(e.get("date")) in (str, type(None)) for e in evidence)


_ODD_VALUES = [None, True, 0, -1, 2.5, float("nan"), float("inf"), -0.0, 10 ** 30, "x", "",
               [], ["a"], ["a", 1], [None], {}, {"doc": "d", "start": 0, "end": 1},
               [{"doc": "d", "start": 0, "end": 1}], [{"doc": "d", "start": 0, "end": 1,
                                                       "date": None}],
               [{"doc": "d", "start": "0", "end": 1}], [{"doc": "d", "start": 0, "end": 1,
                                                         "sentence": 3}], ["x", {}], [[]]]


def test_field_by_field_checks_are_the_item_by_item_ones(tmp_path):
    from kg.store import _plain_edges, _plain_nodes

    data = json.loads(write_graph(tmp_path).read_text(encoding="utf-8"))
    node, edge = data["nodes"][0], data["edges"][0]
    assert _plain_nodes(data["nodes"]) and _plain_edges(data["edges"])
    node_fields = ["id", "type", "label", "role", "country", "mentions", "docs", "aliases",
                   "ordinals", "other"]
    edge_fields = ["source", "target", "kind", "key", "count", "distance", "docs", "dates",
                   "evidence", "other"]
    for fields, item, plain, plains, items in (
            (node_fields, node, _plain_node, _plain_nodes, data["nodes"]),
            (edge_fields, edge, _plain_edge, _plain_edges, data["edges"])):
        for field in fields:
            for value in [*_ODD_VALUES, "missing"]:
                changed = {k: v for k, v in item.items() if k != field}
                if value != "missing":
                    changed[field] = value
                assert plains([*items, changed]) == plain(changed), (field, value)
        assert plains([*items, "not an object"]) is False



@pytest.mark.parametrize("change", [
    lambda d: d["edges"].append({**d["edges"][0], "target": "nobody"}),
    lambda d: d["edges"].append(dict(d["edges"][0])),
    lambda d: d["nodes"].append(dict(d["nodes"][0])),
])
def test_load_words_a_late_problem_as_from_dict(tmp_path, change):
    """load lets the fast path take the file's dicts over; a problem found half-way
    through is still worded from the file as it is."""
    data = json.loads(write_graph(tmp_path).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "late.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFileError) as loaded:
        GraphStore.load(path)
    with pytest.raises(GraphFileError) as built:
        GraphStore.from_dict(json.loads(path.read_text(encoding="utf-8")), source=str(path))
    assert str(loaded.value) == str(built.value)
